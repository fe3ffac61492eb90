"""Run every extractor over a corpus and write the resulting tables as CSV.

One path, in two stages:
- map (``extract_chunk``): one chunk of at most ``CHUNK_ARTICLES`` articles is read, parsed and run
  through the ``EXTRACTORS``, which work article by article; the result is a ``ChunkResult``. Chunks
  do not see each other, so they can run in any process: the ``executor`` (serial, a process pool,
  or anything with an ordered ``map(fn, items)``) is a parameter.
- reduce (``_reduce``): the chunks' tables are stacked in chunk order, persons discovered in one
  chunk but named in another are settled (such a chunk is mapped again with the corpus-wide
  discoveries), and the ``AGGREGATORS`` (timeline days, actors, event groups, stances, outcome) run
  once on the whole corpus.
Each step takes ``(corpus, tables)`` and returns new tables by name; ``tables`` is a
``handoff.Tables`` whose typed ``handoff`` carries what a step passes on without it being written.
A returned ``problems`` table is appended to the problems found so far.

Order of the problems: when the corpus is not cut into chunks (``_in_chunks``), the loading problems
in loading order and then each extractor's; otherwise the problems tied to no article first, then
chunk by chunk its articles' loading problems and its extractors' problems.
``extract(corpus)`` works on a loaded corpus; ``extract_folder(folder)`` gives the same tables for a
folder while each chunk's files are read in the main process and parsed where the chunk is mapped.
"""
from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import pandas as pd

from .analysis.event_tables import events_aggregator
from .analysis.timeline import timeline_aggregator, timeline_extractor
from .corpus.loading import (PROBLEM_COLUMNS, ArticleFile, Corpus, CorpusBuilder, FolderTexts, add_article_file,
                             article_folder, folder_entries, may_be_article, scan_folder)
from .extract.actors import aggregate_actors, discovered_from_table, extract_actors, keep_full_names, name_occurs
from .extract.events import events_extractor
from .extract.quotes import extract_quotes
from .extract.timex import timexes_extractor
from .handoff import Handoff, Tables, join_handoffs
from .memory import share_strings

# Extractors run in this order. Each takes (corpus, tables so far) and returns new tables by name;
# a returned "problems" table is appended to the corpus problems rather than replacing them.
EXTRACTORS: list = [timexes_extractor, timeline_extractor, extract_actors, extract_quotes, events_extractor]
AGGREGATORS: list = [timeline_aggregator, aggregate_actors, events_aggregator]
PROGRESS_MIN_ARTICLES = 100   # show a progress bar above this many articles
CHUNK_ARTICLES = 200          # articles per unit of work
CORPUS_TABLES = ("articles", "paragraphs", "sentences")


# ----------------------------------------------------------------------------- executors

class SerialExecutor:
    """Map in this process, one item after the other."""

    def map(self, fn: Callable, items: Iterable) -> Iterator:
        """Yield ``fn(item)`` for each item, in order."""
        return map(fn, items)


class ChunkFailed(RuntimeError):
    """A chunk could not be mapped, in a worker nor again in the main process; the message names its files."""


def _describe(item) -> str:
    describe = getattr(item, "describe", None)
    return describe() if describe is not None else repr(item)[:200]


class ProcessExecutor:
    """Map in a pool of worker processes, in order, with at most ``2 * jobs`` items sent ahead.

    When a worker dies (killed, out of memory) the pool is lost: each item it held is mapped again
    once in the main process, and the rest continue in a new pool. An item that fails there too
    raises ChunkFailed naming it.
    """

    def __init__(self, jobs: int):
        self.jobs = jobs

    def map(self, fn: Callable, items: Iterable) -> Iterator:
        """Yield ``fn(item)`` for each item, in order; items are taken from ``items`` only as workers free up."""
        items = iter(items)
        pending: deque = deque()   # (future, item)
        pool = ProcessPoolExecutor(max_workers=self.jobs)
        try:
            for item in items:
                pending.append((pool.submit(fn, item), item))
                while len(pending) > 2 * self.jobs:   # bound what is read ahead of the workers
                    result, pool = self._next(fn, pending, pool)
                    yield result
            while pending:
                result, pool = self._next(fn, pending, pool)
                yield result
        finally:
            pool.shutdown(cancel_futures=True)

    def _next(self, fn: Callable, pending: deque, pool: ProcessPoolExecutor):
        """The oldest pending result (mapped again here if its worker died), and the pool to go on with."""
        future, item = pending.popleft()
        try:
            return future.result(), pool
        except BrokenProcessPool as exc:
            pool.shutdown(cancel_futures=True)
            result = _again_here(fn, item, exc)
            lost = [entry for entry in pending]
            pending.clear()
            pool = ProcessPoolExecutor(max_workers=self.jobs)
            for _, other in lost:   # the dead pool's other items, sent to the new pool
                pending.append((pool.submit(fn, other), other))
            return result, pool


def _again_here(fn: Callable, item, cause: BaseException):
    """Map an item whose worker died once more, in this process; ChunkFailed names it if that fails too."""
    try:
        return fn(item)
    except Exception as exc:
        raise ChunkFailed(f"{_describe(item)}: a worker process died ({cause or type(cause).__name__}) and "
                          f"mapping it again in the main process failed: {type(exc).__name__}: {exc}") from exc


def make_executor(jobs: int):
    """The executor for a number of worker processes (1: this process)."""
    return ProcessExecutor(jobs) if jobs > 1 else SerialExecutor()


# ----------------------------------------------------------------------------- map: one chunk

@dataclass
class LoadedChunk:
    """A chunk of an already loaded corpus."""

    corpus: Corpus
    parsed_here = False   # its corpus tables are the loaded corpus's: not sent back

    def load(self) -> tuple[Corpus, list[dict]]:
        """The chunk's corpus; its loading problems are already in the corpus."""
        return self.corpus, []

    def article_ids(self) -> list[str]:
        """The chunk's article ids, in order."""
        return list(self.corpus.articles.article_id)

    def describe(self) -> str:
        """The chunk's articles, for a message."""
        ids = self.article_ids()
        return f"the chunk of {len(ids)} article(s) {ids[0]} to {ids[-1]}" if ids else "an empty chunk"

    def read_again(self, texts) -> "LoadedChunk":
        """The chunk itself (its texts are in memory)."""
        return self


@dataclass
class FileChunk:
    """A chunk of scanned article files of a folder, parsed where the chunk is mapped."""

    folder: Path
    files: list[ArticleFile]
    parsed_here = True    # its corpus tables are made by the map: sent back

    def load(self) -> tuple[Corpus, list[dict]]:
        """Decode and parse the files; return their corpus and loading problems (as rows)."""
        builder = CorpusBuilder(self.folder)
        for article in self.files:
            add_article_file(builder, article)
        return builder.build(), builder.problems

    def article_ids(self) -> list[str]:
        """The chunk's article ids, in order."""
        return [Path(a.name).stem for a in self.files]

    def describe(self) -> str:
        """The chunk's files, for a message."""
        names = [a.name for a in self.files]
        return f"the chunk of {len(names)} file(s) {names[0]} to {names[-1]}" if names else "an empty chunk"

    def without_bytes(self) -> "FileChunk":
        """The same chunk without the files' bytes (kept in case the chunk is mapped again)."""
        return FileChunk(self.folder, [replace(a, data=b"") for a in self.files])

    def read_again(self, texts: FolderTexts) -> "FileChunk":
        """The same chunk with each file's bytes read again (and checked against its SHA-256)."""
        return FileChunk(self.folder, [replace(a, data=texts.data(Path(a.name).stem)) for a in self.files])


@dataclass
class ChunkResult:
    """What the map gives for one chunk."""

    corpus_tables: dict[str, pd.DataFrame]   # articles, paragraphs, sentences (of a FileChunk only)
    load_problems: list[dict]                # its files' loading problems, in loading order (folder runs)
    tables: dict[str, pd.DataFrame]          # the extracted tables by name
    found: list[pd.DataFrame]                # each extractor's problems, in extractor order
    article_files: list[str] = field(default_factory=list)   # the file of each of its articles
    handoff: Handoff = field(default_factory=Handoff)


def _merge(tables: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> None:
    for name, table in new.items():
        if name == "problems":
            tables["problems"] = pd.concat([tables["problems"], table[PROBLEM_COLUMNS]], ignore_index=True)
        else:
            tables[name] = table


def extract_chunk(chunk, known_persons: pd.DataFrame | None = None) -> ChunkResult:
    """The map: load a chunk and run the extractors on it, with the corpus-wide discoveries if known."""
    corpus, load_problems = chunk.load()
    tables = Tables(corpus.tables(), Handoff(known_persons=known_persons))
    found = []
    for extractor in EXTRACTORS:
        new = extractor(corpus, tables)
        _merge(tables, new)
        if "problems" in new:
            found.append(new["problems"][PROBLEM_COLUMNS])
    extracted = {name: t for name, t in tables.items() if name not in CORPUS_TABLES and name != "problems"}
    share_strings(extracted)   # the one memory measure kept (memory.py gives the figures)
    own = {name: tables[name] for name in CORPUS_TABLES} if chunk.parsed_here else {}
    return ChunkResult(own, load_problems, extracted, found,
                       corpus.articles.file.tolist(), tables.handoff)


# ----------------------------------------------------------------------------- reduce

def _stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate a table's chunks as if built at once (an empty chunk's columns have no string dtype)."""
    return pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)


def _stack_tables(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Stack the chunks' tables name by name, letting go of each chunk's table once it is copied."""
    return {name: _stack([p.pop(name) for p in parts]) for name in list(parts[0])}


def _discovery_fixes(text, chunks: list[list[str]], found_by_chunk: list[pd.DataFrame]
                     ) -> tuple[pd.DataFrame, list[int]]:
    """The persons discovered across all chunks, and the chunks whose own discovery would give other mentions.

    Each chunk discovers new persons from its own articles only. A single run would also find a person
    discovered in another chunk, and would drop a name that is the surname of a longer name discovered
    elsewhere; a chunk whose articles contain such a name is mapped again with the corpus-wide discoveries.
    ``text(article_id)`` gives an article's text; ``found_by_chunk`` is each chunk's ``handoff.discovered``.
    """
    found = pd.concat(found_by_chunk, ignore_index=True).drop_duplicates("actor_id")
    every = {k: d.name for k, d in keep_full_names(discovered_from_table(found)).items()}
    again = []
    for i, own_found in enumerate(found_by_chunk):
        own = {k: d.name for k, d in keep_full_names(discovered_from_table(own_found)).items()}
        differ = {n for k, n in every.items() if own.get(k) != n} | {n for k, n in own.items() if every.get(k) != n}
        if differ and any(name_occurs(text(a), differ) for a in chunks[i]):
            again.append(i)
    return found, again


def _shows_progress(n: int, progress: bool | None) -> bool:
    """Whether a run over n articles shows a progress bar (by default above PROGRESS_MIN_ARTICLES)."""
    return n > PROGRESS_MIN_ARTICLES if progress is None else progress


def _in_chunks(n: int, progress: bool | None) -> bool:
    """Whether a run over n articles counts as cut into chunks (more than one chunk, or a progress bar to move)."""
    return n > CHUNK_ARTICLES or _shows_progress(n, progress)


def _problems(corpus: Corpus, results: list[ChunkResult], chunked: bool) -> pd.DataFrame:
    """The problems table of the run, in the order the module docstring states."""
    if not chunked:
        return pd.concat([corpus.problems, *(f for r in results for f in r.found)], ignore_index=True)
    which = {}
    for g, result in enumerate(results):
        which.update(dict.fromkeys(result.article_files, g))
    files = corpus.problems["file"].tolist()
    loose = [pos for pos, f in enumerate(files) if f not in which]
    parts = [corpus.problems.iloc[loose]]
    positions: list[list[int]] = [[] for _ in results]
    for pos, f in enumerate(files):
        g = which.get(f)
        if g is not None:
            positions[g].append(pos)
    for g, result in enumerate(results):
        parts += [corpus.problems.iloc[positions[g]], *result.found]
    return pd.concat(parts, ignore_index=True)


def _reduce(corpus: Corpus, results: list[ChunkResult], chunked: bool) -> dict[str, pd.DataFrame]:
    """Join the chunks' tables as one run's and run the aggregators; return the tables by name."""
    tables = Tables({name: getattr(corpus, name) for name in CORPUS_TABLES},
                    join_handoffs([r.handoff for r in results], _stack))
    tables["problems"] = _problems(corpus, results, chunked)
    tables.update(_stack_tables([r.tables for r in results]))
    results.clear()
    for aggregator in AGGREGATORS:
        _merge(tables, aggregator(corpus, tables))
    return dict(tables)


def _map_all(chunks: Iterable, executor, texts, progress: bool, total: int) -> list[ChunkResult]:
    """Map every chunk, then map again each chunk that needs the corpus-wide discoveries.

    ``chunks`` yields (chunk to map, chunk to keep for a second map); ``texts[article_id]`` is a text.
    """
    from tqdm import tqdm

    kept: list = []

    def sent() -> Iterator:
        for chunk, keep in chunks:
            kept.append(keep)
            yield chunk

    results = []
    with tqdm(total=total, unit="article", disable=not progress, desc="extract") as bar:
        for result in executor.map(extract_chunk, sent()):
            results.append(result)
            bar.update(len(result.article_files))
    found, again = _discovery_fixes(texts.__getitem__, [k.article_ids() for k in kept],
                                    [r.handoff.discovered for r in results])
    if again:   # rare: a person discovered in one chunk is named in another
        redo = (kept[i].read_again(texts) for i in again)
        for i, result in zip(again, executor.map(partial(extract_chunk, known_persons=found), redo)):
            results[i] = result
    return results


def extract(corpus: Corpus, jobs: int = 1, progress: bool | None = None, executor=None) -> dict[str, pd.DataFrame]:
    """Return every table the library produces for a corpus; identical for any number of jobs."""
    ids = list(corpus.articles.article_id)
    groups = [ids[i:i + CHUNK_ARTICLES] for i in range(0, len(ids), CHUNK_ARTICLES)] or [[]]
    chunks = ((c, c) for c in map(LoadedChunk, corpus.chunks(groups)))
    results = _map_all(chunks, executor or make_executor(jobs), corpus.texts, _shows_progress(len(ids), progress),
                       len(ids))
    return _reduce(corpus, results, _in_chunks(len(ids), progress))


def extract_folder(folder: str | Path | None = None, jobs: int = 1, progress: bool | None = None,
                   executor=None) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    """Return ``(load_corpus(folder), extract(corpus, jobs))``, computed with each chunk parsed where it is mapped.

    The main process only lists the folder and reads each file once for its SHA-256 (checksums and
    duplicate content are judged in file order, across chunks); the map decodes, parses and extracts.
    The corpus returned reads an article's text from its file when ``corpus.text`` first asks for it.
    """
    folder = article_folder(folder)
    entries = folder_entries(folder)
    names = [e.name for e in entries if may_be_article(e.name)]
    loose: list[dict] = []   # problems not tied to one article, in loading order
    marks: list[int] = []    # per article: how many loose problems come before its own
    files: list[tuple[str, str]] = []   # per article: (file name, sha256)

    def problem(file: str, severity: str, message: str) -> None:
        loose.append({"file": file, "severity": severity, "message": message})

    def chunks() -> Iterator[tuple[FileChunk, FileChunk]]:
        chunk: list[ArticleFile] = []
        for article in scan_folder(folder, problem, entries):
            marks.append(len(loose))
            files.append((article.name, article.sha256))
            texts.files[Path(article.name).stem] = (article.name, article.sha256)
            chunk.append(article)
            if len(chunk) == CHUNK_ARTICLES:
                yield FileChunk(folder, chunk), FileChunk(folder, chunk).without_bytes()
                chunk = []
        if chunk or not files:
            yield FileChunk(folder, chunk), FileChunk(folder, chunk).without_bytes()

    texts = FolderTexts(folder, {})
    results = _map_all(chunks(), executor or make_executor(jobs), texts, _shows_progress(len(names), progress),
                       len(names))
    corpus = Corpus(folder, *(_stack([r.corpus_tables.pop(name) for r in results]) for name in CORPUS_TABLES),
                    _loading_problems(loose, marks, files, results), texts)
    return corpus, _reduce(corpus, results, _in_chunks(len(files), progress))


def _loading_problems(loose: list[dict], marks: list[int], files: list[tuple[str, str]],
                      results: list[ChunkResult]) -> pd.DataFrame:
    """The corpus problems in loading order: each article's own rows where ``load_corpus`` reports them."""
    own: dict[str, list[dict]] = {}
    for result in results:
        for row in result.load_problems:
            own.setdefault(row["file"], []).append(row)
    rows: list[dict] = []
    done = 0
    for (name, _), mark in zip(files, marks):
        rows += loose[done:mark]
        rows += own.get(name, [])
        done = mark
    rows += loose[done:]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


class WriteError(OSError):
    """The tables could not be written; the message names the folder or file and the cause."""


# Columns kept in memory (notebooks, report) but not written: a timeline row's sentence is referenced by
# (article_id, sent) in sentences.csv instead of repeated on every row (a 364 KB article with many dates
# in one sentence once gave a 437 MB timeline.csv).
NOT_WRITTEN = {"timeline": ("text",)}
COMPLETE_MARKER = "_complete"   # written last: its presence means the set of tables beside it is whole
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")   # a spreadsheet may run a cell starting so (OWASP CSV injection)


def escape_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each text cell that starts like a spreadsheet formula prefixed with ``'`` (OWASP)."""
    out = None
    for col in table.columns:
        column = table[col]
        if column.dtype.kind in "biufcmM":
            continue
        values = column.tolist()
        hit = [type(v) is str and v.startswith(FORMULA_START) for v in values]
        if any(hit):
            out = table.copy() if out is None else out
            out[col] = pd.Series(["'" + v if h else v for v, h in zip(values, hit)], index=column.index,
                                 dtype=column.dtype)
    return table if out is None else out


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _cause(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _write_temporary(out: Path, name: str, table: pd.DataFrame) -> Path:
    """Write one table to a temporary file in ``out``; return its path (removed again on failure)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".csv.partial", dir=out)
    try:
        os.chmod(tmp, 0o666 & ~_umask())   # as a file opened for writing would get (mkstemp makes 0600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            written = table.drop(columns=[c for c in NOT_WRITTEN.get(name, ()) if c in table.columns])
            escape_formulas(written).to_csv(f, index=False, lineterminator="\n")
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def write_tables(tables: dict[str, pd.DataFrame], out: str | Path) -> list[Path]:
    """Write each table to ``out/<name>.csv`` (UTF-8, LF line endings) as one set, and return the paths.

    Each table goes to a temporary file in ``out``; only when all are written are they renamed into
    place, and then ``_complete`` (the tables and their row counts) is written last. On a failure
    (disk full, no permission) the temporary files are removed, the previous set stays as it was,
    and WriteError names the cause. Text cells starting with ``= + - @``, tab or CR get a leading ``'``;
    the columns in ``NOT_WRITTEN`` are left out.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"{out}: cannot be made an output folder: {_cause(exc)}") from exc
    written: list[tuple[Path, Path]] = []
    name = ""
    try:
        for name, table in tables.items():
            written.append((_write_temporary(out, name, table), out / f"{name}.csv"))
        name = COMPLETE_MARKER
        marker = out / f".{COMPLETE_MARKER}.partial"
        marker.write_text("".join(f"{n}.csv\t{len(t)}\n" for n, t in tables.items()), encoding="utf-8")
    except OSError as exc:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        (out / f".{COMPLETE_MARKER}.partial").unlink(missing_ok=True)
        raise WriteError(f"{out / (name + '.csv' if name != COMPLETE_MARKER else name)}: cannot be written: "
                         f"{_cause(exc)}; the tables already in {out} are unchanged") from exc
    (out / COMPLETE_MARKER).unlink(missing_ok=True)   # from here until the marker is back the set is not whole
    for tmp, final in written:
        os.replace(tmp, final)
    os.replace(marker, out / COMPLETE_MARKER)
    return [final for _, final in written]
