"""One fixture test per quotation phenomenon of real news (the developers' own sentences in
data/quote_phenomena.csv): the quotation is found (or, for scare quotes and titles, not found) and its
speaker is the expected actor."""
from __future__ import annotations

import pytest

from greenland_lib.extract.quotes.phenomena import check_case, phenomenon_cases, quote_phenomena

CASES = list(phenomenon_cases().itertuples(index=False))


@pytest.mark.parametrize("case", CASES, ids=[c.phenomenon for c in CASES])
def test_quote_phenomenon(case):
    right, found = check_case(case.text, case.quote, case.speaker, case.published)
    assert right, found


def test_the_phenomena_table_counts_every_case():
    table = quote_phenomena()
    assert list(table.columns) == ["phenomenon", "cases", "right"]
    assert table["cases"].sum() == len(CASES) and table["phenomenon"].is_unique
    assert (table["right"] <= table["cases"]).all()
