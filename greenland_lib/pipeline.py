"""Run every extractor over a corpus and write the resulting tables as CSV.

Two kinds of step:
- ``EXTRACTORS`` work article by article: their tables for a corpus are the concatenation of
  their tables for its articles, so they can run on chunks of articles in several processes.
- ``AGGREGATORS`` need the whole corpus (grouping across outlets, corpus-wide summaries); they
  run once, after the extractors, on the complete tables.
Each step takes ``(corpus, tables so far)`` and returns new tables by name; a returned
``problems`` table is appended to the problems already found.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from .actors import aggregate_actors, discovered_from_table, extract_actors, keep_full_names, name_occurs
from .corpus import PROBLEM_COLUMNS, Corpus
from .events import events_aggregator, events_extractor
from .memory import release_free_memory
from .quotes import extract_quotes
from .timeline import timeline_aggregator, timeline_extractor
from .timex import timexes_extractor

# Extractors run in this order. Each takes (corpus, tables so far) and returns new tables by name;
# a returned "problems" table is appended to the corpus problems rather than replacing them.
EXTRACTORS: list = [timexes_extractor, timeline_extractor, extract_actors, extract_quotes, events_extractor]
AGGREGATORS: list = [timeline_aggregator, aggregate_actors, events_aggregator]
PROGRESS_MIN_ARTICLES = 100   # show a progress bar above this many articles
CHUNK_ARTICLES = 200          # articles per unit of work


def _merge(tables: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> None:
    for name, table in new.items():
        if name == "problems":
            tables["problems"] = pd.concat([tables["problems"], table[PROBLEM_COLUMNS]], ignore_index=True)
        else:
            tables[name] = table


def extract_articles(corpus: Corpus, given: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """Run the article-by-article extractors on a corpus (or a chunk of one), with any ``given`` private tables."""
    tables = {**corpus.tables(), **(given or {})}
    for extractor in EXTRACTORS:
        _merge(tables, extractor(corpus, tables))
    return tables


def _share_strings(tables: dict[str, pd.DataFrame]) -> None:
    """Make equal strings in the text columns of some tables one object (fewer objects to pickle and hold)."""
    pool: dict[str, str] = {}
    for table in tables.values():
        for col in table.columns:
            column = table[col]
            if column.dtype == "str" and len(column):
                values = [pool.setdefault(v, v) if type(v) is str else v for v in column.tolist()]
                table[col] = pd.Series(values, index=table.index, dtype=column.dtype)


def _share_sentences(tables: dict[str, pd.DataFrame], sentences: dict[str, str]) -> None:
    """Let ``text`` values that are whole sentences of the corpus be the corpus's own sentence strings."""
    for table in tables.values():
        if "text" in table.columns and table["text"].dtype == "str" and len(table):
            column = table["text"]
            values = [sentences.get(v, v) if type(v) is str else v for v in column.tolist()]
            table["text"] = pd.Series(values, index=table.index, dtype=column.dtype)


def _extract_new(corpus: Corpus, given: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """Run the extractors on a chunk; return the problems and the tables they add (not the corpus tables)."""
    tables = extract_articles(corpus, given)
    new = {name: table for name, table in tables.items() if name not in ("articles", "paragraphs", "sentences")}
    _share_strings(new)
    return new


def _concat(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate the chunks' tables name by name, letting go of each chunk's table once it is copied."""
    names = list(parts[0])
    out = {}
    for name in names:
        tables = [p.pop(name) for p in parts]
        # a chunk with no rows has no say in the column types (its empty columns are typed loosely)
        out[name] = pd.concat([t for t in tables if len(t)] or tables[:1], ignore_index=True)
        release_free_memory()   # the chunks' copies of this table are gone: give their pages back
    parts.clear()
    return out


def _discovery_fixes(corpus: Corpus, chunks: list[list[str]], parts: list[dict[str, pd.DataFrame]]
                     ) -> tuple[pd.DataFrame, list[int]]:
    """The persons discovered across all chunks, and the chunks whose own discovery would give other mentions.

    Each chunk discovers new persons from its own articles only. A single run would also find a person
    discovered in another chunk, and would drop a name that is the surname of a longer name discovered
    elsewhere; a chunk whose articles contain such a name is run again with the corpus-wide discoveries.
    """
    found = pd.concat([p["_discovered"] for p in parts], ignore_index=True).drop_duplicates("actor_id")
    every = {k: d.name for k, d in keep_full_names(discovered_from_table(found)).items()}
    again = []
    for i, part in enumerate(parts):
        own = {k: d.name for k, d in keep_full_names(discovered_from_table(part["_discovered"])).items()}
        differ = {n for k, n in every.items() if own.get(k) != n} | {n for k, n in own.items() if every.get(k) != n}
        if differ and any(name_occurs(corpus.text(a), differ) for a in chunks[i]):
            again.append(i)
    return found, again


def _without_private(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables without the pipeline's private ones (names starting with ``_``), which are never written."""
    return {name: table for name, table in tables.items() if not name.startswith("_")}


def extract(corpus: Corpus, jobs: int = 1, progress: bool | None = None) -> dict[str, pd.DataFrame]:
    """Return every table the library produces for a corpus; identical for any number of jobs."""
    ids = list(corpus.articles.article_id)
    if progress is None:
        progress = len(ids) > PROGRESS_MIN_ARTICLES
    if len(ids) <= CHUNK_ARTICLES and not progress:
        tables = extract_articles(corpus)
    else:
        from tqdm import tqdm

        chunks = [ids[i:i + CHUNK_ARTICLES] for i in range(0, len(ids), CHUNK_ARTICLES)]
        bar = tqdm(total=len(ids), unit="article", disable=not progress, desc="extract")
        parts = []
        subsets = corpus.chunks(chunks)
        sentences = {t: t for t in corpus.sentences["text"].tolist() if type(t) is str}
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for chunk, part in zip(chunks, pool.map(_extract_new, subsets)):
                    _share_sentences(part, sentences)
                    parts.append(part)
                    bar.update(len(chunk))
        else:
            for chunk, subset in zip(chunks, subsets):
                parts.append(_extract_new(subset))
                bar.update(len(chunk))
        found, again = _discovery_fixes(corpus, chunks, parts)
        for i in again:   # rare: a person discovered in one chunk is named in another
            seeded = _extract_new(subsets[i], {"_discovered": found})
            _share_sentences(seeded, sentences)
            parts[i] = seeded
        bar.close()
        # the corpus tables are already here: only what the extractors add comes back from the workers
        tables = {name: table for name, table in corpus.tables().items() if name != "problems"}
        tables.update(_concat(parts))
        # problems not tied to one article (e.g. sources.csv) are kept once
        loose = corpus.problems[~corpus.problems.file.isin(corpus.articles.file)]
        tables["problems"] = pd.concat([loose, tables["problems"]], ignore_index=True)
    for aggregator in AGGREGATORS:
        _merge(tables, aggregator(corpus, tables))
    return _without_private(tables)


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
