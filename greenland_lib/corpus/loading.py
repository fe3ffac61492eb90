"""Load a folder of plain-text articles into pandas tables with character offsets.

Every offset is into the article's *decoded text*: the file's bytes decoded (UTF-8, or a
reported fallback), with a UTF-8 byte-order mark removed and line endings left as they are.
``corpus.text(article_id)[start:end]`` gives back every reported span exactly.
"""
from __future__ import annotations

import array
import codecs
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd

from ..memory import release_free_memory
from ..paths import SEEDS_DIR, data_file
from .sentences import split_spans

SOURCES_FILE = "sources.csv"
CHECKSUM_FILE = "SHA256SUMS"
KNOWN_NON_ARTICLES = {SOURCES_FILE, CHECKSUM_FILE, "README.md"}

ARTICLE_COLUMNS = [
    "article_id", "file", "sha256", "published", "published_basis", "outlet", "agency",
    "url", "dateline", "n_paragraphs", "n_sentences", "n_words",
]
PARAGRAPH_COLUMNS = ["article_id", "para", "start", "end", "kind", "text"]
SENTENCE_COLUMNS = ["article_id", "para", "sent", "start", "end", "text"]
PROBLEM_COLUMNS = ["file", "severity", "message"]

# ` date 2026-01-12` at the very start of a file (the token is validated separately).
HEADER_RE = re.compile(r"\A[ \t]*date[ \t:]+(?P<value>[0-9][0-9./-]*)[ \t]*(?:\r\n|\r|\n)?")
ISO_DATE_RE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
# BRUSSELS:  /  NUUK, Denmark:  /  COPENHAGEN (Reuters) -  /  WASHINGTON, Jan 12 (AFP) --
DATELINE_RE = re.compile(
    r"\A(?P<dateline>(?P<place>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*)"
    r"(?:, (?:[A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+)*|[A-Z][a-z]{2}\.? \d{1,2}))*"
    r"(?: \((?P<agency>[A-Za-z][A-Za-z .&-]*)\))?)"
    r"[ \t]*(?::|--|—|–|-)[ \t]+"
)
# Paragraph breaks: line breaks, and block-level HTML tags where markup was left in the text.
BLOCK_TAG = r"</?(?:p|br|div|h[1-6]|li|ul|ol|table|tr|td|blockquote|section|article|header|footer)\b[^>]*>"
PARA_BREAK_RE = re.compile(r"(?:[\r\n]|" + BLOCK_TAG + r")+", re.I)
LINE_BREAK_RE = re.compile(r"[\r\n]+")   # PARA_BREAK_RE for a text without "<" (faster: no tag to try)
HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^>]*>")
HTML_ENTITY_RE = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[A-Za-z]{2,8});")
LARGE_FILE_BYTES = 1_000_000   # a news article is rarely over 1 MB
LONG_LINE_CHARS = 20_000       # a paragraph this long suggests missing line breaks
NOT_ENGLISH_RATIO = 0.12       # share of common English words below which a text is flagged
NOT_ENGLISH_MIN_WORDS = 20
WORD_SAMPLE = 3000
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
END_PUNCT = ".!?…:;"
QUOTE_CHARS = "\"'“”‘’«»"
HEADING_MAX_WORDS = 8
HEADING_MAX_CHARS = 80


class CorpusError(ValueError):
    """Raised by ``load_corpus(strict=True)``; the message names the file and the problem."""


@dataclass
class ParsedArticle:
    """The structure of one article's text: header date, dateline, paragraphs and sentences."""

    text: str
    header_date: dt.date | None = None
    header_problem: str | None = None
    dateline: str = ""
    dateline_agency: str = ""
    paragraphs: list[dict] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    n_words: int = 0
    words: list[str] = field(default_factory=list)  # the first WORD_SAMPLE words, for the language check


def sha256_bytes(data: bytes) -> str:
    """Return the hex SHA-256 digest of some bytes."""
    return hashlib.sha256(data).hexdigest()


def decode_bytes(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """Decode an article's bytes; return the text and a list of (severity, message) problems."""
    problems: list[tuple[str, str]] = []
    if not data:
        return "", [("error", "empty file (0 bytes): no text to analyse")]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            problems.append(("warning", "UTF-16 text (byte-order mark found); decoded as UTF-16"))
            return data.decode(codec, errors="replace"), problems
    nul = data.count(b"\x00")
    if nul:
        return "", [("error", f"binary content: {nul} NUL byte(s); the file is not plain text and was not analysed")]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        problems.append(("warning", "UTF-8 byte-order mark removed; offsets count from the first character after it"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
            codec = "cp1252 (Windows-1252)"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            codec = "latin-1"
        problems.append(("warning", f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start}); decoded as {codec}"))
    crlf = text.count("\r\n")
    bare_cr = text.count("\r") - crlf
    bare_lf = text.count("\n") - crlf
    if sum(1 for n in (crlf, bare_cr, bare_lf) if n) > 1:
        problems.append(("warning", "mixed line endings (CRLF/CR/LF); offsets count every character as stored"))
    elif crlf:
        problems.append(("warning", "Windows (CRLF) line endings; offsets count the carriage returns"))
    elif bare_cr:
        problems.append(("warning", "old Mac (CR) line endings; each CR is treated as a line break"))
    if not text.strip():
        problems.append(("error", "only white space: no text to analyse"))
    return text, problems


@lru_cache(maxsize=None)
def english_stopwords() -> frozenset[str]:
    """Return the common English words used to flag articles that may not be English."""
    lines = data_file("english_stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def text_warnings(parsed: "ParsedArticle", n_bytes: int) -> list[str]:
    """Return warnings about text the rules may handle poorly (markup, size, language, punctuation)."""
    text = parsed.text
    out = []
    # a tag needs "<" and an entity "&": most texts have neither, and the test is cheaper than the scan
    tags = len(HTML_TAG_RE.findall(text)) if "<" in text else 0
    entities = len(HTML_ENTITY_RE.findall(text)) if "&" in text else 0
    if tags or entities:
        out.append(f"HTML markup left in the text ({tags} tag(s), {entities} entity(ies)): block tags are "
                   "treated as paragraph breaks, the rest is kept as written; convert to plain text for best results")
    if n_bytes > LARGE_FILE_BYTES:
        out.append(f"very large for a news article ({n_bytes:,} bytes); processed in full")
    longest = max((p["end"] - p["start"] for p in parsed.paragraphs), default=0)
    if longest > LONG_LINE_CHARS:
        out.append(f"a paragraph of {longest:,} characters: line breaks between paragraphs may be missing")
    bare = [p for p in parsed.paragraphs if p["kind"] == "body" and not any(c in p["text"] for c in ".!?")]
    if bare:
        out.append(f"{len(bare)} paragraph(s) without sentence punctuation (first: paragraph {bare[0]['para']}); "
                   "each is taken as one sentence")
    words = parsed.words
    if len(words) >= NOT_ENGLISH_MIN_WORDS:
        common = english_stopwords()
        # words hold no white space: lower-casing them joined is lower-casing each (and one call, not thousands)
        share = sum(map(common.__contains__, " ".join(words).lower().split(" "))) / len(words)
        if share < NOT_ENGLISH_RATIO:
            out.append(f"may not be English (only {share:.0%} of its words are common English words); "
                       "the extraction rules are written for English")
    return out


def _parse_header(text: str) -> tuple[int, dt.date | None, str | None]:
    m = HEADER_RE.match(text)
    if not m:
        return 0, None, None
    value = m.group("value")
    iso = ISO_DATE_RE.match(value)
    if not iso:
        return m.end(), None, f"malformed date header {value!r}: expected YYYY-MM-DD; header ignored"
    try:
        return m.end(), dt.date(*(int(g) for g in iso.groups())), None
    except ValueError as exc:
        return m.end(), None, f"impossible date in header {value!r} ({exc}); header date ignored"


def is_heading(line: str, n_words: int | None = None) -> bool:
    """Return True for a short line without sentence-final punctuation (a heading)."""
    if len(line) > HEADING_MAX_CHARS:
        return False
    bare = line.strip().strip(QUOTE_CHARS).strip()
    if not bare or bare[-1] in END_PUNCT or line.strip()[-1] in ",":
        return False
    return (len(WORD_RE.findall(bare)) if n_words is None else n_words) <= HEADING_MAX_WORDS


def _line_bounds(text: str, start: int) -> list[tuple[int, int]]:
    """The (start, end) of each line of ``text[start:]`` split at "\n" (empty lines give empty spans)."""
    out = []
    for line in text[start:].split("\n"):   # str.split is much faster than a regular expression here
        end = start + len(line)
        out.append((start, end))
        start = end + 1
    return out


def parse_text(article_id: str, text: str) -> ParsedArticle:
    """Split one article's decoded text into header, dateline, paragraphs and sentences."""
    parsed = ParsedArticle(text=text)
    body_start, parsed.header_date, parsed.header_problem = _parse_header(text)
    sent_no = 0
    headings_only = True   # every paragraph so far is a heading (a dateline opens the first body paragraph)
    if "<" in text or "\r" in text:
        breaks = [m.span() for m in (PARA_BREAK_RE if "<" in text else LINE_BREAK_RE).finditer(text, body_start)]
        bounds = zip([body_start] + [e for _, e in breaks], [s for s, _ in breaks] + [len(text)])
    else:
        bounds = _line_bounds(text, body_start)
    # Without markup, paragraphs are lines and no word crosses a line break: the body's words are
    # found in one pass (far cheaper than one per paragraph); only short lines, which may be
    # headings, are counted on their own.
    whole = "<" not in text
    if whole:
        found = WORD_RE.findall(text, body_start)
        parsed.n_words, parsed.words = len(found), found[:WORD_SAMPLE]
    for start, end in bounds:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end == start:
            continue
        line = text[start:end]
        if whole:   # is_heading rejects a long line before it counts words
            kind = "heading" if end - start <= HEADING_MAX_CHARS and is_heading(line) else "body"
        else:
            words = WORD_RE.findall(line)
            kind = "heading" if is_heading(line, len(words)) else "body"
            parsed.n_words += len(words)
            if len(parsed.words) < WORD_SAMPLE:
                parsed.words.extend(words[:WORD_SAMPLE - len(parsed.words)])
        para_no = len(parsed.paragraphs) + 1
        parsed.paragraphs.append({"article_id": article_id, "para": para_no, "start": start,
                                  "end": end, "kind": kind, "text": line})
        sent_from = start
        if kind == "body" and headings_only:
            headings_only = False
            d = DATELINE_RE.match(line)
            if d and d.end() < len(line):
                parsed.dateline = d.group("dateline")
                parsed.dateline_agency = d.group("agency") or ""
                sent_from = start + d.end()
        spans = [(start, end)] if kind == "heading" else split_spans(text, sent_from, end)
        for s, e in spans:
            sent_no += 1
            # a sentence that is its whole paragraph shares the paragraph's string
            parsed.sentences.append({"article_id": article_id, "para": para_no, "sent": sent_no,
                                     "start": s, "end": e, "text": line if (s, e) == (start, end) else text[s:e]})
    return parsed


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
        builder = _Builder(None)
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


class _Builder:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.articles: list[dict] = []
        # paragraphs and sentences are kept column by column (integers packed), not as one dict per row
        self.paragraphs = _Columns(PARAGRAPH_COLUMNS, ("para", "start", "end"))
        self.sentences = _Columns(SENTENCE_COLUMNS, ("para", "sent", "start", "end"))
        self.problems: list[dict] = []
        self.texts: dict[str, str] = {}

    def problem(self, file: str, severity: str, message: str) -> None:
        self.problems.append({"file": file, "severity": severity, "message": message})

    def add(self, article_id: str, file: str, text: str, sha: str, meta: dict, n_bytes: int | None = None) -> None:
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
        def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
            return pd.DataFrame(rows, columns=columns)

        articles = frame(self.articles, ARTICLE_COLUMNS)
        for col in ("n_paragraphs", "n_sentences", "n_words"):
            articles[col] = articles[col].astype("int64")
        articles["published"] = articles["published"].astype(object)
        paragraphs = self.paragraphs.frame()
        sentences = self.sentences.frame()
        self.paragraphs = self.sentences = None
        release_free_memory()   # the row lists are gone: give their pages back before any worker is forked
        return Corpus(self.folder, articles, paragraphs, sentences,
                      frame(self.problems, PROBLEM_COLUMNS), self.texts)


def _parse_iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def read_sources(folder: Path, problem: Callable[[str, str, str], None]) -> dict[str, dict]:
    """Read ``sources.csv`` (provenance) into {file: fields}; report what is wrong with it via ``problem``."""
    path = folder / SOURCES_FILE
    if not path.exists():
        problem(SOURCES_FILE, "warning", f"no {SOURCES_FILE} in {folder.name}/: outlet, URL "
                "and publication date come only from the articles themselves")
        return {}
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except Exception as exc:  # pandas raises several types for malformed CSV
        problem(SOURCES_FILE, "error", f"cannot be read as CSV: {exc}")
        return {}
    if "file" not in table.columns:
        problem(SOURCES_FILE, "error", "has no 'file' column; provenance ignored")
        return {}
    sources: dict[str, dict] = {}
    for row in table.to_dict("records"):
        name = row["file"].strip()
        if name in sources:
            problem(SOURCES_FILE, "warning", f"lists {name} twice; the first row is used")
            continue
        meta = {k: row.get(k, "").strip() for k in ("outlet", "agency", "url")}
        if row.get("published", "").strip():
            date = _parse_iso(row["published"])
            if date is None:
                problem(SOURCES_FILE, "warning", f"{name}: published {row['published']!r} is not a valid YYYY-MM-DD date")
            else:
                meta["published"] = date
        sources[name] = meta
    return sources


def read_checksums(folder: Path) -> dict[str, str]:
    """Read a ``SHA256SUMS`` file (``sha256sum`` format) into {file: digest}, if present."""
    path = folder / CHECKSUM_FILE
    if not path.exists():
        return {}
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(maxsplit=1)
        if len(parts) == 2:
            sums[parts[1].lstrip("*").strip()] = parts[0].lower()
    return sums


@dataclass
class ArticleFile:
    """One article file as read by ``scan_folder``, with what was found before decoding it."""

    name: str
    data: bytes
    sha256: str
    early: list[tuple[str, str]]   # (severity, message): checksum mismatch, identical content
    meta: dict                     # its fields in sources.csv ({} when not listed)
    unlisted: bool                 # there is a sources.csv and it does not list this file


def article_folder(folder: str | Path | None) -> Path:
    """Return the folder to load (default: the package's ``seeds/``); raise CorpusError if it is not one."""
    folder = Path(folder) if folder is not None else SEEDS_DIR
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder of articles")
    return folder


def folder_entries(folder: Path) -> list[os.DirEntry]:
    """Return the entries of a folder in the order they are loaded (by name, as pathlib sorts them)."""
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: os.path.normcase(e.name))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()   # known from the listing for most entries: no stat call
    except OSError:             # as Path.is_dir: an entry that cannot be examined is not a folder
        return False


def may_be_article(name: str) -> bool:
    """Return True for a file name that ``scan_folder`` reads as an article (unless it is a folder)."""
    return not name.startswith(".") and name not in KNOWN_NON_ARTICLES and os.path.splitext(name)[1].lower() == ".txt"


def scan_folder(folder: Path, problem: Callable[[str, str, str], None],
                entries: list[os.DirEntry] | None = None) -> Iterator[ArticleFile]:
    """Yield each readable ``*.txt`` file in name order; report the rest as problem(file, severity, message)."""
    sources = read_sources(folder, problem)
    checksums = read_checksums(folder)
    seen: dict[str, str] = {}
    for entry in folder_entries(folder) if entries is None else entries:
        name = entry.name
        if name.startswith(".") or name in KNOWN_NON_ARTICLES:
            continue
        if _is_dir(entry) or not may_be_article(name):
            problem(name, "warning", "not a .txt article; ignored")
            continue
        try:
            with open(entry.path, "rb") as f:
                data = f.read()
        except OSError as exc:
            problem(name, "error", f"cannot be read: {exc.strerror}")
            continue
        sha = sha256_bytes(data)
        early = []
        if name in checksums and checksums[name] != sha:
            early.append(("error", f"SHA-256 {sha[:12]}… differs from {CHECKSUM_FILE} "
                          f"({checksums[name][:12]}…): the article was changed after it was recorded"))
        if sha in seen:
            early.append(("warning", f"identical content to {seen[sha]}; both are kept, "
                          "so anything counted from them is counted twice"))
        seen.setdefault(sha, name)
        yield ArticleFile(name, data, sha, early, sources.get(name, {}), bool(sources) and name not in sources)
    for name in sources:
        if not (folder / name).is_file():
            problem(name, "error", f"listed in {SOURCES_FILE} but the file is missing")


def add_article_file(builder: _Builder, article: ArticleFile) -> None:
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


class FolderTexts(Mapping):
    """The decoded texts of a loaded folder, each read from its file when first asked for.

    A file whose SHA-256 no longer matches the one taken at loading raises CorpusError, since the
    tables' offsets index the text as it was loaded.
    """

    def __init__(self, folder: Path, files: dict[str, tuple[str, str]]):
        self.folder = folder
        self.files = files            # article_id -> (file name, sha256)
        self._texts: dict[str, str] = {}

    def data(self, article_id: str) -> bytes:
        """Return an article file's bytes, read again and checked against the SHA-256 taken at loading."""
        name, sha = self.files[article_id]
        try:
            data = (self.folder / name).read_bytes()
        except OSError as exc:
            raise CorpusError(f"{name}: cannot be read again: {exc.strerror}") from exc
        if sha256_bytes(data) != sha:
            raise CorpusError(f"{name}: changed since the corpus was loaded; load the folder again")
        return data

    def __getitem__(self, article_id: str) -> str:
        text = self._texts.get(article_id)
        if text is None:
            text = self._texts[article_id] = decode_bytes(self.data(article_id))[0]
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def load_corpus(folder: str | Path | None = None, strict: bool = False) -> Corpus:
    """Load every ``*.txt`` article of a folder (default: the package's ``seeds/``)."""
    folder = article_folder(folder)
    builder = _Builder(folder)
    for article in scan_folder(folder, builder.problem):
        add_article_file(builder, article)
    corpus = builder.build()
    if strict and len(corpus.problems):
        ordered = corpus.problems.sort_values("severity", kind="stable")  # "error" sorts before "warning"
        lines = [f"{p.file}: {p.severity}: {p.message}" for p in ordered.itertuples()]
        raise CorpusError(f"{len(lines)} problem(s) in {folder}:\n" + "\n".join(lines))
    return corpus
