"""Word lists and the pronoun table: the one loader of the ``.txt`` lexicons under ``greenland_lib/data/``.

Rules of a word list: one entry a line, surrounding white space stripped; blank lines and lines whose
first non-blank character is ``#`` (comments) are skipped; the entries keep their order and spelling.
Pronouns have one home, ``data/pronouns.csv`` (word, how a quotation's speaker reads it, how an event's
source reads it, gender, notes), read by ``pronouns``.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .paths import data_file


def word_list(name: str) -> list[str]:
    """Return the entries of a word list in ``greenland_lib/data/`` (comments and blank lines skipped)."""
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def pronouns() -> pd.DataFrame:
    """Return the pronoun table (``data/pronouns.csv``): word, quote_reading, event_reading, gender, notes."""
    return pd.read_csv(data_file("pronouns.csv"), dtype=str, keep_default_na=False)


def quote_pronouns() -> dict[str, str]:
    """Return {pronoun: person | thing} for the pronouns that can stand for a quotation's speaker."""
    table = pronouns()
    return {w: r for w, r in zip(table["word"], table["quote_reading"]) if r}
