"""Load a folder of plain-text articles into pandas tables with character offsets.

Every offset is into the article's *decoded text*: the file's bytes decoded (UTF-8, or a
reported fallback), with a UTF-8 byte-order mark removed and line endings left as they are.
``corpus.text(article_id)[start:end]`` gives back every reported span exactly.

The concerns live in three modules: ``files`` (which files are articles, reading, checksums,
provenance, decoding), ``parsing`` (one text's header, dateline, paragraphs and sentences) and this
one (the ``Corpus`` tables and the ``CorpusBuilder`` that fills them, ``load_corpus``). The public
names of the other two are importable from here as well.
"""
from __future__ import annotations

import array
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd

from .furniture import dateline_date
from .files import (CHECKSUM_FILE, KNOWN_NON_ARTICLES, SOURCES_FILE, ArticleFile, CorpusError,  # noqa: F401
                    FolderTexts, article_folder, decode_bytes, folder_entries, may_be_article, read_checksums,
                    read_sources, scan_folder, sha256_bytes)
from .parsing import (HTML_ENTITY_RE, HTML_TAG_RE, LINE_BREAK_RE, PARA_BREAK_RE, WORD_RE, WORD_SAMPLE,  # noqa: F401
                      ParsedArticle, is_heading, parse_header, parse_text, text_warnings)

ARTICLE_COLUMNS = [
    "article_id", "file", "sha256", "published", "published_basis", "outlet", "agency",
    "url", "dateline", "n_paragraphs", "n_sentences", "n_words",
]
PARAGRAPH_COLUMNS = ["article_id", "para", "start", "end", "kind", "text"]
SENTENCE_COLUMNS = ["article_id", "para", "sent", "start", "end", "text"]
PROBLEM_COLUMNS = ["file", "severity", "message"]


@dataclass
class Corpus:
    """A loaded corpus: pandas tables plus the decoded text of every article."""

    folder: Path | None
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    problems: pd.DataFrame
    texts: Mapping[str, str]   # a dict, or FolderTexts (read from the files when asked for)

    def text(self, article_id: str) -> str:
        """Return the decoded text of one article (the coordinate system of all offsets)."""
        return self.texts[article_id]

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the corpus tables by name, in the order they are written."""
        return {"articles": self.articles, "paragraphs": self.paragraphs,
                "sentences": self.sentences, "problems": self.problems}

    def subset(self, article_ids: list[str]) -> "Corpus":
        """Return a corpus of some of the articles (with their problems), sharing nothing mutable."""
        return self.chunks([article_ids])[0]

    def chunks(self, groups: list[list[str]]) -> list["Corpus"]:
        """Return one sub-corpus per group of article ids, indexing the tables once (linear in corpus size)."""
        def positions(table: pd.DataFrame, column: str, keys: dict[str, int]) -> list[list[int]]:
            out: list[list[int]] = [[] for _ in groups]
            for pos, key in enumerate(table[column]):
                g = keys.get(key)
                if g is not None:
                    out[g].append(pos)
            return out

        which = {a: g for g, ids in enumerate(groups) for a in ids}
        which_file = {f: which[a] for a, f in zip(self.articles.article_id, self.articles.file) if a in which}
        picked = {name: positions(getattr(self, name), column, keys)
                  for name, column, keys in (("articles", "article_id", which), ("paragraphs", "article_id", which),
                                             ("sentences", "article_id", which), ("problems", "file", which_file))}
        return [Corpus(self.folder,
                       *(getattr(self, name).iloc[picked[name][g]].reset_index(drop=True)
                         for name in ("articles", "paragraphs", "sentences", "problems")),
                       {k: v for k, v in self.texts.items() if which.get(k) == g})
                for g in range(len(groups))]

    @classmethod
    def from_texts(cls, texts: dict[str, str], published: dict[str, dt.date | None] | None = None,
                   outlets: dict[str, str] | None = None) -> "Corpus":
        """Build a corpus from in-memory texts (for tests, fixtures and benchmarks)."""
        builder = CorpusBuilder(None)
        for article_id, text in texts.items():
            meta = {"outlet": (outlets or {}).get(article_id, "")}
            pub = (published or {}).get(article_id)
            if pub is not None:
                meta["published"] = pub
            builder.add(article_id, f"{article_id}.txt", text, sha256_bytes(text.encode("utf-8")), meta)
        return builder.build()


class _Columns:
    """Rows of a table gathered column by column; integer columns packed as 64-bit integers."""

    def __init__(self, columns: list[str], int_columns: tuple[str, ...]):
        self.columns = columns
        self.data = {c: array.array("q") if c in int_columns else [] for c in columns}

    def extend(self, rows: list[dict]) -> None:
        for col, values in self.data.items():
            values.extend(map(itemgetter(col), rows))

    def frame(self) -> pd.DataFrame:
        if not len(self.data[self.columns[0]]):
            table = pd.DataFrame([], columns=self.columns)
            for col, values in self.data.items():
                if isinstance(values, array.array):
                    table[col] = table[col].astype("int64")
            return table
        return pd.DataFrame({c: np.array(v, dtype="int64") if isinstance(v, array.array) else v
                             for c, v in self.data.items()}, columns=self.columns)


class CorpusBuilder:
    """Gathers parsed articles and their problems, in loading order, into a ``Corpus`` (``build``)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.articles: list[dict] = []
        # paragraphs and sentences are kept column by column (integers packed), not as one dict per row
        self.paragraphs = _Columns(PARAGRAPH_COLUMNS, ("para", "start", "end"))
        self.sentences = _Columns(SENTENCE_COLUMNS, ("para", "sent", "start", "end"))
        self.problems: list[dict] = []
        self.texts: dict[str, str] = {}

    def problem(self, file: str, severity: str, message: str) -> None:
        """Record a problem row of one file."""
        self.problems.append({"file": file, "severity": severity, "message": message})

    def add(self, article_id: str, file: str, text: str, sha: str, meta: dict, n_bytes: int | None = None) -> None:
        """Parse one article's decoded text and add its rows and warnings."""
        parsed = parse_text(article_id, text)
        n_bytes = len(text.encode("utf-8", errors="replace")) if n_bytes is None else n_bytes
        for message in text_warnings(parsed, n_bytes):
            self.problem(file, "warning", message)
        published, basis = parsed.header_date, "header" if parsed.header_date else "unknown"
        if parsed.header_problem:
            self.problem(file, "warning", parsed.header_problem)
        src_date = meta.get("published")
        if published is None and src_date is not None:
            published, basis = src_date, "sources"
        elif published is not None and src_date is not None and src_date != published:
            self.problem(file, "warning", f"header date {published.isoformat()} disagrees with "
                         f"{SOURCES_FILE} date {src_date.isoformat()}; keeping the header date")
        if published is None and parsed.byline_date is not None:   # a byline timestamp (corpus.furniture)
            published, basis = parsed.byline_date, "byline"
        if published is None and parsed.dateline:   # a dateline's day: "OSLO, Jan 4 (KUNA)" (corpus.furniture)
            published = dateline_date(parsed.dateline, text)
            basis = "dateline" if published else basis
        if text.strip() and not parsed.sentences:
            self.problem(file, "warning", "no paragraphs found after the header")
        self.texts[article_id] = text
        self.paragraphs.extend(parsed.paragraphs)
        self.sentences.extend(parsed.sentences)
        self.articles.append({
            "article_id": article_id, "file": file, "sha256": sha, "published": published,
            "published_basis": basis, "outlet": meta.get("outlet", ""),
            "agency": parsed.dateline_agency or meta.get("agency", ""), "url": meta.get("url", ""),
            "dateline": parsed.dateline, "n_paragraphs": len(parsed.paragraphs),
            "n_sentences": len(parsed.sentences), "n_words": parsed.n_words,
        })

    def build(self) -> Corpus:
        """Return the corpus of every article added (the builder's row lists are let go)."""
        def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
            return pd.DataFrame(rows, columns=columns)

        articles = frame(self.articles, ARTICLE_COLUMNS)
        for col in ("n_paragraphs", "n_sentences", "n_words"):
            articles[col] = articles[col].astype("int64")
        articles["published"] = articles["published"].astype(object)
        paragraphs = self.paragraphs.frame()
        sentences = self.sentences.frame()
        self.paragraphs = self.sentences = None
        return Corpus(self.folder, articles, paragraphs, sentences,
                      frame(self.problems, PROBLEM_COLUMNS), self.texts)


def add_article_file(builder: CorpusBuilder, article: ArticleFile) -> None:
    """Decode and parse one scanned article file into a builder, with its problems in loading order."""
    name = article.name
    for severity, message in article.early:
        builder.problem(name, severity, message)
    text, problems = decode_bytes(article.data)
    for severity, message in problems:
        builder.problem(name, severity, message)
    if article.unlisted:
        builder.problem(name, "warning", f"not listed in {SOURCES_FILE}: outlet and URL unknown")
    builder.add(Path(name).stem, name, text, article.sha256, article.meta, n_bytes=len(article.data))



def load_corpus(folder: str | Path | None = None, strict: bool = False) -> Corpus:
    """Load every ``*.txt`` article of a folder (default: the package's ``seeds/``)."""
    folder = article_folder(folder)
    builder = CorpusBuilder(folder)
    for article in scan_folder(folder, builder.problem):
        add_article_file(builder, article)
    corpus = builder.build()
    if strict and len(corpus.problems):
        ordered = corpus.problems.sort_values("severity", kind="stable")  # "error" sorts before "warning"
        lines = [f"{p.file}: {p.severity}: {p.message}" for p in ordered.itertuples()]
        raise CorpusError(f"{len(lines)} problem(s) in {folder}:\n" + "\n".join(lines))
    return corpus
