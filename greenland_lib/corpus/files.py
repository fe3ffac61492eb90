"""Reading an article folder: which files are articles, their bytes, checksums, provenance and decoding.

Rules: a folder's articles are its ``*.txt`` files (any case of the suffix), in name order, except hidden
files and the known non-articles (``sources.csv``, ``SHA256SUMS``, ``README.md``). Each file is read
once for its SHA-256; ``sources.csv`` gives outlet, agency, URL and publication date by file name, and
``SHA256SUMS`` (``sha256sum`` format) the expected digests. Bytes are decoded as UTF-8 (a byte-order mark
removed), UTF-16 when a UTF-16 byte-order mark opens the file, else cp1252 or latin-1, each fallback
reported. What is wrong with a file is reported as ``problem(file, severity, message)``, never raised.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import SEEDS_DIR

SOURCES_FILE = "sources.csv"
CHECKSUM_FILE = "SHA256SUMS"
KNOWN_NON_ARTICLES = {SOURCES_FILE, CHECKSUM_FILE, "README.md"}


class CorpusError(ValueError):
    """Raised by ``load_corpus(strict=True)``; the message names the file and the problem."""


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
