"""The provenance row of an imported article in ``sources.csv``, and the folder's ``SHA256SUMS`` line.

Rules:
- ``sources.csv`` columns (``SOURCE_COLUMNS``): the loader's own (file, outlet, agency, url, published,
  published_basis) and, after them, author, page_url (the address the page gives for itself: its
  canonical link or ``og:url``, without tracking parameters), retrieved (YYYY-MM-DD), extractor, extractor_version and
  sha256 (of the written file). The loader (``corpus.loading.read_sources``) reads the columns it knows
  and ignores the others.
- An existing ``sources.csv`` keeps its rows and its column order; a column it lacks is added at the end
  (empty in the old rows). A new ``sources.csv`` gets every column. Rows are written by the ``csv``
  module, UTF-8, ``\\n`` line endings.
- ``SHA256SUMS`` gets a ``sha256sum``-format line only where the folder already has that file.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..corpus.loading import CHECKSUM_FILE, SOURCES_FILE

SOURCE_COLUMNS = ["file", "outlet", "agency", "url", "published", "published_basis",
                  "author", "page_url", "retrieved", "extractor", "extractor_version", "sha256"]


def read_rows(folder: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Return the header and the rows of a folder's ``sources.csv`` (([], []) when there is none)."""
    path = folder / SOURCES_FILE
    if not path.is_file():
        return [], []
    with open(path, newline="", encoding="utf-8", errors="replace") as fh:
        reader = csv.DictReader(fh)
        rows = [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
        return list(reader.fieldnames or []), rows


def sources_with_row(folder: Path, row: dict[str, str]) -> bytes:
    """Return the bytes of the folder's ``sources.csv`` with one more row (the file is not touched)."""
    path = folder / SOURCES_FILE
    header, _ = read_rows(folder)
    if header and all(c in header for c in SOURCE_COLUMNS):
        old = path.read_bytes()
        if old and not old.endswith(b"\n"):
            old += b"\n"
        return old + _csv_bytes([[row.get(c, "") for c in header]])
    columns = header + [c for c in SOURCE_COLUMNS if c not in header]
    if not header:
        return _csv_bytes([columns, [row.get(c, "") for c in columns]])
    with open(path, newline="", encoding="utf-8", errors="replace") as fh:
        records = list(csv.reader(fh))
    width = len(columns)
    body = [r + [""] * (width - len(r)) for r in records[1:] if r]
    return _csv_bytes([columns, *body, [row.get(c, "") for c in columns]])


def _csv_bytes(records: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


def checksums_with_line(folder: Path, name: str, sha256: str) -> bytes | None:
    """Return the bytes of the folder's ``SHA256SUMS`` with a line for ``name`` (None: the folder has none)."""
    path = folder / CHECKSUM_FILE
    if not path.is_file():
        return None
    old = path.read_bytes()
    if old and not old.endswith(b"\n"):
        old += b"\n"
    return old + f"{sha256}  {name}\n".encode("utf-8")
