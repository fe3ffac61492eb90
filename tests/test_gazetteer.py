"""The gazetteer knows the crisis's officials beyond the seeds: names, diacritic variants, surnames and the titles
that name whoever held an office at the article's date. The sentences are the developers' own."""
from __future__ import annotations

import datetime as dt

import pytest

from greenland_lib.corpus.loading import Corpus
from greenland_lib.extract.actors import find_mentions, load_gazetteer

JAN_2026 = dt.date(2026, 1, 21)


def ids_in(text: str, published: dt.date = JAN_2026) -> list[str]:
    """The persons mentioned, gazetteer or discovered, in text order (places and governments left out)."""
    persons = set(load_gazetteer().query("kind == 'person'")["actor_id"])
    ids = find_mentions(Corpus.from_texts({"a": text}, published={"a": published}))["actor_id"]
    return [i for i in ids if i in persons or i.startswith("new:")]


@pytest.mark.parametrize("text, expected", [
    ("Treasury Secretary Scott Bessent said the duties would stay.", ["scott-bessent"]),
    ("Karoline Leavitt told reporters the offer stood.", ["karoline-leavitt"]),
    ("Stephen Miller said the talks were over.", ["stephen-miller"]),
    ("Russian Foreign Minister Sergei Lavrov said Moscow was watching.", ["sergey-lavrov"]),
    ("Sergey Lavrov said Moscow was watching.", ["sergey-lavrov"]),
    ("Ambassador Jesper Moller Sorensen met senators on Tuesday.", ["jesper-moller-sorensen"]),
    ("Jesper Møller Sørensen met senators on Tuesday.", ["jesper-moller-sorensen"]),
    ("Johann Wadephul flew to Washington.", ["johann-wadephul"]),
    ("Jean-Noel Barrot said France would send troops.", ["jean-noel-barrot"]),
    ("Espen Barth Eide spoke to his Danish counterpart.", ["espen-barth-eide"]),
    ("Naaja Nathanielsen said the mines would stay open.", ["naaja-nathanielsen"]),
    ("António Guterres urged restraint.", ["antonio-guterres"]),
    ("Senator Thom Tillis said the alliance mattered more than any deal.", ["thom-tillis"]),
    ("Jeanne Shaheen and Chris Murphy met the premier.", ["jeanne-shaheen", "chris-murphy"]),
    ("Representative Don Bacon called the idea reckless.", ["don-bacon"]),
    ("Randy Fine filed a bill on Monday. Fine print aside, it had few backers.", ["randy-fine"]),
])
def test_a_crisis_official_is_known_by_name(text, expected):
    assert ids_in(text) == expected


def test_a_bare_surname_of_a_known_official_names_them():
    assert ids_in("Scott Bessent spoke first. Later Bessent said the duties would stay.") == ["scott-bessent"] * 2


@pytest.mark.parametrize("text, published, expected", [
    ("Germany's foreign minister said Europe would not be pressed.", JAN_2026, ["johann-wadephul"]),
    ("The British foreign secretary said London stood with Copenhagen.", JAN_2026, ["yvette-cooper"]),
    ("The British foreign secretary said London stood with Copenhagen.", dt.date(2025, 3, 3), ["david-lammy"]),
    ("Canada's foreign minister said Ottawa would not be bullied.", JAN_2026, ["anita-anand"]),
    ("Canada's foreign minister said Ottawa would not be bullied.", dt.date(2024, 3, 3), ["melanie-joly"]),
    ("The French prime minister said Paris would answer.", JAN_2026, ["sebastien-lecornu"]),
    ("The French prime minister said Paris would answer.", dt.date(2025, 3, 3), ["francois-bayrou"]),
    ("The White House press secretary said the president was serious.", JAN_2026, ["karoline-leavitt"]),
    ("The UN secretary-general said the charter applied to everyone.", JAN_2026, ["antonio-guterres"]),
    ("NATO's secretary-general said the alliance was united.", JAN_2026, ["mark-rutte"]),
    ("NATO's secretary-general said the alliance was united.", dt.date(2023, 1, 14), ["jens-stoltenberg"]),
    ("Sweden's prime minister said Stockholm stood with Copenhagen.", JAN_2026, ["ulf-kristersson"]),
    ("Iceland's prime minister said Reykjavik was watching.", JAN_2026, ["kristrun-frostadottir"]),
    ("The EU's foreign policy chief said the bloc would respond.", JAN_2026, ["kaja-kallas"]),
    ("The secretary of war said the base would stay.", JAN_2026, ["pete-hegseth"]),
    ("The president of the European Council said leaders would meet.", JAN_2026, ["antonio-costa"]),
    ("Greenland's leader said the island was not for sale.", JAN_2026, ["jens-frederik-nielsen"]),
    ("The Danish leader said Copenhagen would not yield.", JAN_2026, ["mette-frederiksen"]),
    ("The Danish monarch said the realm stood together.", JAN_2026, ["king-frederik"]),
    ("The EU's trade chief said the duties were unlawful.", JAN_2026, ["maros-sefcovic"]),
])
def test_a_title_names_the_holder_of_the_office_at_the_article_date(text, published, expected):
    assert ids_in(text, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Danish Foreign Ministry said the envoy had been summoned.", "danish-foreign-ministry"),
    ("Denmark's defence ministry said the frigate had sailed.", "danish-defence-ministry"),
    ("The State Department said the visit would go ahead.", "us-state-department"),
    ("Russia's foreign ministry said Moscow was watching.", "russian-foreign-ministry"),
])
def test_a_government_body_is_an_actor_of_its_own(text, expected):
    ids = find_mentions(Corpus.from_texts({"a": text}, published={"a": JAN_2026}))["actor_id"]
    assert expected in list(ids)
