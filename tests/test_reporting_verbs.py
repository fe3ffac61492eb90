"""Reporting verbs that real news uses beyond "said": each attributes a quotation in both word orders
(“…,” X maintained. / X maintained: “…”), and a wire's "quoted X as saying" names X, not the wire."""
from __future__ import annotations

import pytest

from greenland_lib.corpus.loading import Corpus
from greenland_lib.extract.quotes import find_quotes

VERBS = ["maintained", "maintains", "conceded", "confirmed", "countered", "cautioned", "pledged", "recalled",
         "predicted", "asserted", "observed", "complained", "boasted", "concluded", "retorted", "explains",
         "acknowledges", "warns", "insists", "stressed"]


def _speakers(text: str) -> list[str]:
    return list(find_quotes(Corpus.from_texts({"a": text}))["speaker_id"])


@pytest.mark.parametrize("verb", VERBS)
def test_a_reporting_verb_after_the_quotation(verb):
    assert _speakers(f"“The harbour stays open,” Marco Rubio {verb}.") == ["marco-rubio"]


@pytest.mark.parametrize("verb", VERBS)
def test_a_reporting_verb_before_a_colon(verb):
    assert _speakers(f"Marco Rubio {verb} on Tuesday: “The harbour stays open.”") == ["marco-rubio"]


def test_a_wire_quoting_someone_as_saying_names_the_one_quoted():
    text = "“There is room to talk,” Reuters quoted Marco Rubio as saying after the meeting."
    assert _speakers(text) == ["marco-rubio"]


def test_a_broadcaster_quoting_someone_as_saying_before_the_quotation():
    text = "The broadcaster DR quoted Mette Frederiksen as saying: “We will not be rushed.”"
    assert _speakers(text) == ["mette-frederiksen"]
