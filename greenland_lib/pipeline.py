"""Run every extractor over a corpus and write the resulting tables as CSV."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .corpus import PROBLEM_COLUMNS, Corpus
from .timeline import timeline_extractor
from .timex import timexes_extractor

# Extractors run in this order. Each takes (corpus, tables so far) and returns new tables by name;
# a returned "problems" table is appended to the corpus problems rather than replacing them.
EXTRACTORS: list = [timexes_extractor, timeline_extractor]


def extract(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Return every table the library produces for a corpus, keyed by table name."""
    tables = dict(corpus.tables())
    for extractor in EXTRACTORS:
        for name, table in extractor(corpus, tables).items():
            if name == "problems":
                tables["problems"] = pd.concat([tables["problems"], table[PROBLEM_COLUMNS]], ignore_index=True)
            else:
                tables[name] = table
    return tables


def write_tables(tables: dict[str, pd.DataFrame], out: str | Path) -> list[Path]:
    """Write each table to ``out/<name>.csv`` (UTF-8, LF line endings) and return the paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = out / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        paths.append(path)
    return paths
