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
import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..paths import SEEDS_DIR

SOURCES_FILE = "sources.csv"
CHECKSUM_FILE = "SHA256SUMS"
KNOWN_NON_ARTICLES = {SOURCES_FILE, CHECKSUM_FILE, "README.md"}
MAX_FILE_BYTES = 20_000_000    # bytes read per file at most; a larger file is a problem row, not read
ISO_DAY_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
# a character that is neither white space nor an invisible format character (zero-width space, joiners,
# direction marks, word joiner, byte-order mark, soft hyphen)
VISIBLE_RE = re.compile(r"[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


class CorpusError(ValueError):
    """Raised by ``load_corpus(strict=True)``; the message names the file and the problem."""


def sha256_bytes(data: bytes) -> str:
    """Return the hex SHA-256 digest of some bytes."""
    return hashlib.sha256(data).hexdigest()


class Unreadable(Exception):
    """A file that ``read_regular`` refuses or cannot read; the message says why."""


def read_regular(path: Path, folder: Path, limit: int | None = None) -> bytes:
    """Read a regular file of the folder, at most ``limit`` bytes; raise Unreadable with the reason otherwise.

    A FIFO, socket or device is never read (it is opened without blocking and examined with fstat
    first); a symbolic link is followed only when it points inside the folder. ``limit`` defaults to
    ``MAX_FILE_BYTES``.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        if os.path.islink(path):
            real, root = os.path.realpath(path), os.path.realpath(folder)
            if os.path.commonpath([real, root]) != root:
                raise Unreadable("a symbolic link to a file outside the folder; not read")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror}") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise Unreadable("is a folder, not a file; not read" if stat.S_ISDIR(mode)
                         else "not a regular file (a FIFO, socket or device); not read")
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise Unreadable(f"cannot be read: {exc.strerror}") from exc
    if len(data) > limit:
        raise Unreadable(f"larger than the limit of {limit:,} bytes per file; not read")
    return data


def _bom_codec(data: bytes) -> str | None:
    """The codec a UTF-32 or UTF-16 byte-order mark at the start of the bytes names (UTF-32 tested first)."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return codec
    return None


def _decode_utf8_or_fallback(data: bytes, problems: list) -> str:
    """UTF-8 (a byte-order mark removed), else cp1252, else latin-1, each fallback reported."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        problems.append(("warning", "UTF-8 byte-order mark removed; offsets count from the first character after it"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text, codec = data.decode("cp1252"), "cp1252 (Windows-1252)"
        except UnicodeDecodeError:
            text, codec = data.decode("latin-1"), "latin-1"
        problems.append(("warning", f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start}); "
                         f"decoded as {codec}"))
        return text


def _line_ending_problems(text: str) -> list[tuple[str, str]]:
    crlf = text.count("\r\n")
    bare_cr = text.count("\r") - crlf
    bare_lf = text.count("\n") - crlf
    if sum(1 for n in (crlf, bare_cr, bare_lf) if n) > 1:
        return [("warning", "mixed line endings (CRLF/CR/LF); offsets count every character as stored")]
    if crlf:
        return [("warning", "Windows (CRLF) line endings; offsets count the carriage returns")]
    if bare_cr:
        return [("warning", "old Mac (CR) line endings; each CR is treated as a line break")]
    return []


def decode_bytes(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """Decode an article's bytes; return the text and a list of (severity, message) problems."""
    problems: list[tuple[str, str]] = []
    if not data:
        return "", [("error", "empty file (0 bytes): no text to analyse")]
    codec = _bom_codec(data)
    if codec is not None:
        text = data.decode(codec, errors="replace")
        nul = text.count("\x00")
        if nul:   # the binary check holds after a byte-order mark too (UTF-32 read as UTF-16, or binary)
            return "", [("error", f"binary content: {nul} NUL character(s) after decoding as {codec.upper()}; "
                         "the file is not plain text and was not analysed")]
        problems.append(("warning", f"{codec.upper()} text (byte-order mark found); decoded as {codec.upper()}"))
    else:
        nul = data.count(b"\x00")
        if nul:
            return "", [("error", f"binary content: {nul} NUL byte(s); the file is not plain text and was not analysed")]
        text = _decode_utf8_or_fallback(data, problems)
    problems += _line_ending_problems(text)
    if not text.strip():
        problems.append(("error", "only white space: no text to analyse"))
    elif not VISIBLE_RE.search(text):
        problems.append(("error", "only invisible characters (white space and zero-width or format characters): "
                         "no text to analyse"))
    return text, problems


def _parse_iso(value: str) -> dt.date | None:
    """A strict ``YYYY-MM-DD`` date (not the week or compact forms ``date.fromisoformat`` also accepts)."""
    value = value.strip()
    if not ISO_DAY_RE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _read_small_file(folder: Path, name: str, problem) -> str | None:
    """The UTF-8 text of a provenance file of the folder, None if absent; what is wrong goes to ``problem``."""
    path = folder / name
    if not os.path.lexists(path):
        return None
    try:
        data = read_regular(path, folder)
    except Unreadable as exc:
        problem(name, "error", f"{exc}; ignored")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem(name, "error", f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start}); ignored")
        return None


def _source_rows(text: str, problem) -> tuple[list[str], list[dict]] | None:
    """The header and the rows of sources.csv as dicts; a row with more fields than the header is reported."""
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    except csv.Error as exc:
        problem(SOURCES_FILE, "error", f"cannot be read as CSV: {exc}")
        return None
    if not rows:
        problem(SOURCES_FILE, "error", "cannot be read as CSV: no header row")
        return None
    header, out = rows[0], []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            problem(SOURCES_FILE, "error", f"line {n} has {len(row)} fields but the header has {len(header)}; "
                    "row ignored")
            continue
        out.append(dict(zip(header, row + [""] * (len(header) - len(row)))))
    return header, out


def _inside(name: str) -> bool:
    """Whether a file name in a provenance file names a file directly inside the folder."""
    return bool(name) and not any(sep in name for sep in ("/", "\\", "\x00")) and name not in (".", "..")


def read_sources(folder: Path, problem: Callable[[str, str, str], None]) -> dict[str, dict]:
    """Read ``sources.csv`` (provenance) into {file: fields}; report what is wrong with it via ``problem``."""
    if not os.path.lexists(folder / SOURCES_FILE):
        problem(SOURCES_FILE, "warning", f"no {SOURCES_FILE} in {folder.name}/: outlet, URL "
                "and publication date come only from the articles themselves")
        return {}
    text = _read_small_file(folder, SOURCES_FILE, problem)
    parsed = None if text is None else _source_rows(text, problem)
    if parsed is None:
        return {}
    header, rows = parsed
    if "file" not in header:
        problem(SOURCES_FILE, "error", "has no 'file' column; provenance ignored")
        return {}
    sources: dict[str, dict] = {}
    for row in rows:
        name = row["file"].strip()
        if not _inside(name):
            problem(SOURCES_FILE, "error", f"names {name!r}, not a file directly in this folder; row ignored")
            continue
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


def read_checksums(folder: Path, problem: Callable[[str, str, str], None] | None = None) -> dict[str, str]:
    """Read a ``SHA256SUMS`` file (``sha256sum`` format) into {file: digest}, if present."""
    text = _read_small_file(folder, CHECKSUM_FILE, problem or (lambda *row: None))
    sums: dict[str, str] = {}
    for line in (text or "").splitlines():
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
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: os.path.normcase(e.name))
    except OSError as exc:
        raise CorpusError(f"{folder}: the folder cannot be listed: {exc.strerror or exc}") from exc


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()   # known from the listing for most entries: no stat call
    except OSError:             # as Path.is_dir: an entry that cannot be examined is not a folder
        return False


def may_be_article(name: str) -> bool:
    """Return True for a file name that ``scan_folder`` reads as an article (unless it is a folder)."""
    return not name.startswith(".") and name not in KNOWN_NON_ARTICLES and os.path.splitext(name)[1].lower() == ".txt"


def shown_name(name: str) -> str:
    """A file name as it can be written to a table: bytes that are not UTF-8 shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _name_problem(name: str, entry: os.DirEntry, ids: dict[str, str]) -> tuple[str, str] | None:
    """Why an entry of the folder is not read as an article ((severity, message); ("", "") to pass it over
    silently), or None to read it."""
    if shown_name(name) != name:
        return "error", "the file name is not valid UTF-8; not read (rename the file)"
    if name.startswith("."):   # hidden: reported when it would otherwise be an article, else passed over
        return ("warning", "a hidden file (its name starts with '.'); not read as an article") \
            if name.lower().endswith(".txt") else ("", "")
    if _is_dir(entry) or not may_be_article(name):
        return "warning", "not a .txt article; ignored"
    other = ids.get(Path(name).stem.casefold())
    if other is not None:
        return "error", (f"same article id as {other} (ids are file names without .txt, and must differ in more "
                         "than letter case); not read")
    return None


def scan_folder(folder: Path, problem: Callable[[str, str, str], None],
                entries: list[os.DirEntry] | None = None) -> Iterator[ArticleFile]:
    """Yield each readable ``*.txt`` file in name order; report the rest as problem(file, severity, message)."""
    sources = read_sources(folder, problem)
    checksums = read_checksums(folder, problem)
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}   # article id, case folded -> file name
    for entry in folder_entries(folder) if entries is None else entries:
        name = entry.name
        if name in KNOWN_NON_ARTICLES:
            continue
        why = _name_problem(name, entry, ids)
        if why is not None:
            if why[0]:
                problem(shown_name(name), *why)
            continue
        try:
            data = read_regular(Path(entry.path), folder)
        except Unreadable as exc:
            problem(name, "error", str(exc))
            continue
        ids[Path(name).stem.casefold()] = name
        sha = sha256_bytes(data)
        yield ArticleFile(name, data, sha, _early_problems(name, sha, checksums, seen), sources.get(name, {}),
                          bool(sources) and name not in sources)
    for name in sources:
        if not (folder / name).is_file():
            problem(name, "error", f"listed in {SOURCES_FILE} but the file is missing")
    for name in checksums:
        if not _inside(name) or not (folder / name).is_file():
            problem(shown_name(name), "warning", f"listed in {CHECKSUM_FILE} but not a file in this folder; not checked")


def _early_problems(name: str, sha: str, checksums: dict[str, str], seen: dict[str, str]) -> list[tuple[str, str]]:
    """A file's problems found before decoding: checksum mismatch, content identical to an earlier file."""
    early = []
    if name in checksums and checksums[name] != sha:
        early.append(("error", f"SHA-256 {sha[:12]}… differs from {CHECKSUM_FILE} "
                      f"({checksums[name][:12]}…): the article was changed after it was recorded"))
    if sha in seen:
        early.append(("warning", f"identical content to {seen[sha]}; both are kept, "
                      "so anything counted from them is counted twice"))
    seen.setdefault(sha, name)
    return early


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
            data = read_regular(self.folder / name, self.folder)
        except Unreadable as exc:
            raise CorpusError(f"{name}: cannot be read again: {exc}") from exc
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
