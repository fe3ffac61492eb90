"""The quotation phenomena of real English news, each shown by the developers' own sentences
(``data/quote_phenomena.csv``: phenomenon, text, quote, speaker, published, notes), and how many the
library gets right. ``speaker`` is the expected speaker's actor id, empty for a quotation without a
speaker (a slogan, a chant), or ``NOT`` when the marked words are not a quotation at all (scare quotes,
titles). These are the developers' cases, not an evaluation on unseen articles."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from ...paths import data_file

NOT_A_QUOTATION = "NOT"


@lru_cache(maxsize=None)
def phenomenon_cases() -> pd.DataFrame:
    """Return the fixture cases (``data/quote_phenomena.csv``), one row per case."""
    return pd.read_csv(data_file("quote_phenomena.csv"), dtype=str, keep_default_na=False)


def check_case(text: str, quote: str, speaker: str, published: str = "") -> tuple[bool, str]:
    """Run the extraction on one case; return (right, what was found) for the quotation it is about."""
    from ...corpus.loading import Corpus
    from . import find_quotes

    pub = {"case": dt.date.fromisoformat(published)} if published else None
    found = find_quotes(Corpus.from_texts({"case": text}, published=pub))
    same = found[found["text"] == quote]
    if speaker == NOT_A_QUOTATION:
        return same.empty, "; ".join(found["text"])
    if same.empty:
        return False, "not found; found: " + "; ".join(found["text"])
    got = same.iloc[0]["speaker_id"]
    return got == speaker, f"speaker {got or '(none)'} by {same.iloc[0].get('rule', '')}"


def quote_phenomena() -> pd.DataFrame:
    """Return phenomenon, cases, right: how many of the developers' cases of each phenomenon come out right."""
    rows = []
    for r in phenomenon_cases().itertuples(index=False):
        right, _ = check_case(r.text, r.quote, r.speaker, r.published)
        rows.append((r.phenomenon, 1, int(right)))
    table = pd.DataFrame(rows, columns=["phenomenon", "cases", "right"])
    return table.groupby("phenomenon", sort=False, as_index=False).sum()
