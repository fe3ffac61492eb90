"""Run every extractor over a corpus and write the resulting tables as CSV.

Two kinds of step:
- ``EXTRACTORS`` work article by article: their tables for a corpus are the concatenation of
  their tables for its articles, so they can run on chunks of articles in several processes.
- ``AGGREGATORS`` need the whole corpus (grouping across outlets, corpus-wide summaries); they
  run once, after the extractors, on the complete tables.
Each step takes ``(corpus, tables so far)`` and returns new tables by name; a returned
``problems`` table is appended to the problems already found. Tables whose names start with ``_``
are private: what an extractor hands on to a later step (e.g. the events' issue readings made in the
workers, or each chunk's discovered persons), never returned by ``extract`` nor written.
``extract(corpus, jobs)`` works on a loaded corpus; ``extract_folder(folder, jobs)`` gives the same
tables for a folder while each worker reads and parses its own chunk of files.
"""
from __future__ import annotations

import gc
from collections import deque
from dataclasses import replace
from operator import is_not
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from .extract.actors import aggregate_actors, discovered_from_table, extract_actors, keep_full_names, name_occurs
from .corpus.loading import (PROBLEM_COLUMNS, ArticleFile, Corpus, CorpusBuilder, FolderTexts, add_article_file, article_folder,
                     folder_entries, load_corpus, may_be_article, scan_folder)
from .extract.events import events_aggregator, events_extractor
from .memory import release_free_memory
from .extract.quotes import extract_quotes
from .analysis.timeline import timeline_aggregator, timeline_extractor
from .extract.timex import timexes_extractor

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
                values = column.tolist()
                # a missing value (NaN) is kept as it is: NaN != NaN, so setdefault never replaces it
                shared = list(map(pool.setdefault, values, values))
                if any(map(is_not, shared, values)):   # many columns hold shared objects already
                    table[col] = pd.Series(shared, index=table.index, dtype=column.dtype)


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


def _stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate a table's chunks as if built at once (an empty chunk's columns have no string dtype)."""
    return pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)


def _concat(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate the chunks' tables name by name, letting go of each chunk's table once it is copied."""
    names = list(parts[0])
    out = {}
    for name in names:
        out[name] = _stack([p.pop(name) for p in parts])
        release_free_memory()   # the chunks' copies of this table are gone: give their pages back
    parts.clear()
    return out


def _discovery_fixes(text, chunks: list[list[str]], parts: list[dict[str, pd.DataFrame]]
                     ) -> tuple[pd.DataFrame, list[int]]:
    """The persons discovered across all chunks, and the chunks whose own discovery would give other mentions.

    Each chunk discovers new persons from its own articles only. A single run would also find a person
    discovered in another chunk, and would drop a name that is the surname of a longer name discovered
    elsewhere; a chunk whose articles contain such a name is run again with the corpus-wide discoveries.
    ``text(article_id)`` gives an article's text; ``parts`` are the chunks' tables, with ``_discovered``.
    """
    found = pd.concat([p["_discovered"] for p in parts], ignore_index=True).drop_duplicates("actor_id")
    every = {k: d.name for k, d in keep_full_names(discovered_from_table(found)).items()}
    again = []
    for i, part in enumerate(parts):
        own = {k: d.name for k, d in keep_full_names(discovered_from_table(part["_discovered"])).items()}
        differ = {n for k, n in every.items() if own.get(k) != n} | {n for k, n in own.items() if every.get(k) != n}
        if differ and any(name_occurs(text(a), differ) for a in chunks[i]):
            again.append(i)
    return found, again


def _without_private(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables without the pipeline's private ones (names starting with ``_``), which are never written."""
    return {name: table for name, table in tables.items() if not name.startswith("_")}


def _shows_progress(n: int, progress: bool | None) -> bool:
    """Whether a run over n articles shows a progress bar (by default above PROGRESS_MIN_ARTICLES)."""
    return n > PROGRESS_MIN_ARTICLES if progress is None else progress


def _in_chunks(n: int, progress: bool | None) -> bool:
    """Whether a run over n articles is cut into chunks (more than one chunk, or a progress bar to move)."""
    return n > CHUNK_ARTICLES or _shows_progress(n, progress)


def _aggregate(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Run the aggregators on the joined tables and return the public tables."""
    for aggregator in AGGREGATORS:
        _merge(tables, aggregator(corpus, tables))
    return _without_private(tables)


def extract(corpus: Corpus, jobs: int = 1, progress: bool | None = None) -> dict[str, pd.DataFrame]:
    """Return every table the library produces for a corpus; identical for any number of jobs."""
    ids = list(corpus.articles.article_id)
    progress = _shows_progress(len(ids), progress)
    if not _in_chunks(len(ids), progress):
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
        found, again = _discovery_fixes(corpus.text, chunks, parts)
        for i in again:   # rare: a person discovered in one chunk is named in another
            seeded = _extract_new(subsets[i], {"_discovered": found})
            _share_sentences(seeded, sentences)
            parts[i] = seeded
        bar.close()
        tables = _assemble(corpus, parts)
    return _aggregate(corpus, tables)


def _assemble(corpus: Corpus, parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Join the corpus tables and the chunks' extracted tables (each chunk's ``problems`` first) as one run's."""
    # the corpus tables are already here: only what the extractors add comes back from the workers
    tables = {name: table for name, table in corpus.tables().items() if name != "problems"}
    tables.update(_concat(parts))
    # problems not tied to one article (e.g. sources.csv) are kept once
    loose = corpus.problems[~corpus.problems.file.isin(corpus.articles.file)]
    tables["problems"] = pd.concat([loose, tables["problems"]], ignore_index=True)
    return tables


def _extract_files(folder: Path, files: list[ArticleFile], given: dict[str, pd.DataFrame] | None = None) -> dict:
    """Load a chunk of article files and run the extractors on it (the work of one worker).

    Returns its corpus and extracted tables (equal strings shared, so they are pickled once), its
    loading problems as rows, and each extractor's problems table in order.
    """
    # The chunk makes millions of short-lived objects and few reference cycles: the cyclic collector
    # would scan them over and over. It is paused for the chunk; its leftovers are collected after.
    paused = gc.isenabled()
    gc.disable()
    try:
        builder = CorpusBuilder(folder)
        for article in files:
            add_article_file(builder, article)
        rows = builder.problems
        corpus = builder.build()
        tables = {**corpus.tables(), **(given or {})}
        found = []
        for extractor in EXTRACTORS:
            new = extractor(corpus, tables)
            _merge(tables, new)
            if "problems" in new:
                found.append(new["problems"][PROBLEM_COLUMNS])
        del tables["problems"]
        _share_strings(tables)
    finally:
        if paused:
            gc.enable()
    return {"tables": tables, "problems": rows, "found": found}


def extract_folder(folder: str | Path | None = None, jobs: int = 1,
                   progress: bool | None = None) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    """Return ``(load_corpus(folder), extract(corpus, jobs))``, computed with each worker loading its own articles.

    The main process only lists the folder and reads each file once for its SHA-256 (checksums and
    duplicate content are judged in file order, across chunks); workers decode, parse and extract.
    The corpus returned reads an article's text from its file when ``corpus.text`` first asks for it.
    """
    folder = article_folder(folder)
    entries = folder_entries(folder)
    names = [e.name for e in entries if may_be_article(e.name)]

    def in_one_process() -> tuple[Corpus, dict[str, pd.DataFrame]]:
        corpus = load_corpus(folder)
        return corpus, extract(corpus, jobs=jobs, progress=progress)

    # at most one chunk (nothing to share out), or two files with one article id (a.txt, a.TXT): as before
    if len(names) <= CHUNK_ARTICLES or len({Path(n).stem for n in names}) < len(names):
        return in_one_process()
    from tqdm import tqdm

    bar = tqdm(total=len(names), unit="article", disable=not _shows_progress(len(names), progress), desc="extract")
    loose: list[dict] = []   # problems not tied to one article, in loading order
    marks: list[int] = []    # per article: how many loose problems come before its own
    files: list[tuple[str, str]] = []   # per article: (file name, sha256)
    sent: list[list[ArticleFile]] = []  # per chunk: its files, without their bytes
    results: list[dict] = []
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    pending: deque = deque()

    def run(chunk: list[ArticleFile]) -> None:
        sent.append([replace(a, data=b"") for a in chunk])
        if pool is None:
            results.append(_extract_files(folder, chunk))
            bar.update(len(chunk))
            return
        pending.append((pool.submit(_extract_files, folder, chunk), len(chunk)))
        while len(pending) > 2 * jobs:   # bound the files read ahead of the workers
            collect()

    def collect() -> None:
        future, n = pending.popleft()
        results.append(future.result())
        bar.update(n)

    def problem(file: str, severity: str, message: str) -> None:
        loose.append({"file": file, "severity": severity, "message": message})

    try:
        chunk: list[ArticleFile] = []
        for article in scan_folder(folder, problem, entries):
            marks.append(len(loose))
            files.append((article.name, article.sha256))
            chunk.append(article)
            if len(chunk) == CHUNK_ARTICLES:
                run(chunk)
                chunk = []
        if chunk:
            run(chunk)
        while pending:
            collect()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        bar.close()
    if not _in_chunks(len(files), progress):
        # so many files were unreadable that extract() would not have chunked the corpus
        return in_one_process()

    texts = FolderTexts(folder, {Path(name).stem: (name, sha) for name, sha in files})
    found, again = _discovery_fixes(texts.__getitem__, [[Path(a.name).stem for a in c] for c in sent],
                                    [r["tables"] for r in results])
    for g in again:   # rare: a person discovered in one chunk is named in another
        chunk = [replace(a, data=texts.data(Path(a.name).stem)) for a in sent[g]]
        results[g] = _extract_files(folder, chunk, {"_discovered": found})
    # the corpus problems in loading order: each article's own rows where load_corpus reports them
    own: dict[str, list[dict]] = {}
    for result in results:
        for row in result["problems"]:
            own.setdefault(row["file"], []).append(row)
    rows: list[dict] = []
    done = 0
    for (name, _), mark in zip(files, marks):
        rows += loose[done:mark]
        rows += own.get(name, [])
        done = mark
    rows += loose[done:]
    chunks = [r["tables"] for r in results]
    corpus = Corpus(folder, *(_stack([c.pop(name) for c in chunks]) for name in ("articles", "paragraphs",
                                                                                 "sentences")),
                    pd.DataFrame(rows, columns=PROBLEM_COLUMNS),
                    texts)
    # each chunk's problems as extract() builds them: its articles' rows of the corpus problems, then the extractors'
    group = {name: i // CHUNK_ARTICLES for i, (name, _) in enumerate(files)}
    positions: list[list[int]] = [[] for _ in results]
    for pos, file in enumerate(corpus.problems["file"].tolist()):
        g = group.get(file)
        if g is not None:
            positions[g].append(pos)
    parts = []
    for g, result in enumerate(results):
        table = corpus.problems.iloc[positions[g]].reset_index(drop=True)
        for extracted in result["found"]:   # each extractor's problems
            table = pd.concat([table, extracted], ignore_index=True)
        parts.append({"problems": table, **chunks[g]})
    results.clear()
    return corpus, _aggregate(corpus, _assemble(corpus, parts))


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
