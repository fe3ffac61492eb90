"""Import web pages (URLs, saved pages, folders of them) into a folder of articles.

Rules:
- Each page gives one ``Outcome``: ``imported`` (a new ``<id>.txt`` and its ``sources.csv`` row),
  ``skipped`` (already in the folder: the same normalised URL, or the same text, see ``identity``),
  ``warning`` (a text under ``min_words`` words: not taken as an article, nothing written) or
  ``error`` (the page could not be fetched, read, extracted or written; nothing written).
- A URL already in the folder (``sources.csv`` columns ``url`` and ``page_url``) is skipped before it is
  fetched; after fetching, the address reached through redirects and the page's own canonical address
  are checked too.
- Pages are imported one after the other; a page imported earlier in the same run counts as being in
  the folder (the same page given twice is imported once).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.loading import may_be_article, sha256_bytes
from ..paths import SEEDS_DIR
from .extraction import EXTRACTOR, ExtractionError, Extracted, extract_page, extractor_version
from .fetching import FetchError, Limits, Page, expand_sources, fetch_url, read_page_file
from .identity import article_name, normalise_url, strip_tracking, text_key
from .provenance import checksums_with_line, read_rows, sources_with_row
from .writing import WriteError, add_article

MIN_WORDS = 60   # fewer body words than this is not taken as an article (a section front, a cookie wall)
STATUSES = ("imported", "skipped", "warning", "error")


@dataclass
class Outcome:
    """What happened to one page: status (one of ``STATUSES``), a message naming the source, the file written."""

    source: str
    status: str
    message: str
    file: str = ""
    row: dict = field(default_factory=dict)


@dataclass
class _FolderState:
    """What the folder already holds: names, normalised URLs and text keys (each to the file holding it)."""

    folder: Path
    names: set[str] = field(default_factory=set)
    urls: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> "_FolderState":
        state = cls(folder)
        if folder.is_dir():
            for path in folder.iterdir():
                state.names.add(path.name)
                if path.is_file() and may_be_article(path.name):
                    try:
                        state.texts.setdefault(text_key(path.read_bytes().decode("utf-8", "replace")), path.name)
                    except OSError:
                        continue
        for row in read_rows(folder)[1]:
            for column in ("url", "page_url"):
                key = normalise_url(row.get(column, ""))
                if key:
                    state.urls.setdefault(key, row.get("file", ""))
        return state

    def same_url(self, *urls: str) -> str | None:
        for url in urls:
            key = normalise_url(url)
            if key and key in self.urls:
                return self.urls[key]
        return None

    def add(self, name: str, text: str, urls: list[str]) -> None:
        self.names.add(name)
        self.texts.setdefault(text_key(text), name)
        for url in urls:
            if normalise_url(url):
                self.urls.setdefault(normalise_url(url), name)


def provenance_row(name: str, found: Extracted, page: Page, data: bytes) -> dict[str, str]:
    """Return the ``sources.csv`` row of an article about to be written."""
    address = page.url or found.url
    return {"file": name, "outlet": found.outlet, "agency": "", "url": strip_tracking(address) if address else "",
            "published": found.published, "published_basis": found.published_basis, "author": found.author,
            "page_url": strip_tracking(found.url) if found.url else "",
            "retrieved": page.retrieved.isoformat(), "extractor": EXTRACTOR,
            "extractor_version": extractor_version(), "sha256": sha256_bytes(data)}


def _import_page(page: Page, state: _FolderState, min_words: int) -> Outcome:
    source, folder = page.source, state.folder
    try:
        found = extract_page(page.html, page.charset, page.url, page.retrieved)
    except ExtractionError as exc:
        return Outcome(source, "error", f"{source}: {exc}; not imported")
    page_urls = [u for u in (page.url, found.url) if u]
    earlier = state.same_url(*page_urls)
    if earlier:
        return Outcome(source, "skipped", f"{source}: already in {folder} as {earlier} (same URL); skipped")
    n_words = found.n_words()
    if n_words < min_words:
        return Outcome(source, "warning", f"{source}: only {n_words} word(s) of text found (fewer than "
                       f"{min_words}): not an article; not imported")
    text = found.text()
    earlier = state.texts.get(text_key(text))
    if earlier:
        return Outcome(source, "skipped", f"{source}: already in {folder} as {earlier} (same text); skipped")
    data = text.encode("utf-8")
    name = article_name(found.outlet, found.published, data, state.names)
    row = provenance_row(name, found, page, data)
    try:
        add_article(folder, name, data, sources_with_row(folder, row), checksums_with_line(folder, name, row["sha256"]))
    except WriteError as exc:
        return Outcome(source, "error", f"{source}: {exc}; not imported")
    state.add(name, text, page_urls)
    date = f"published {found.published} ({found.published_basis})" if found.published else "publication date unknown"
    notes = "".join(f"; {w}" for w in found.warnings)
    return Outcome(source, "imported", f"{source}: imported as {folder / name} ({found.outlet or 'outlet unknown'}, "
                   f"{date}, {n_words} words){notes}", name, row)


def import_sources(sources: list[str], folder: str | Path | None = None, limits: Limits = Limits(),
                   min_words: int = MIN_WORDS, today: dt.date | None = None) -> list[Outcome]:
    """Import every page the sources name into ``folder`` (default: the seeds); return one Outcome per page."""
    folder = Path(folder) if folder is not None else SEEDS_DIR
    if folder.exists() and not folder.is_dir():
        return [Outcome(str(folder), "error", f"{folder}: not a folder; nothing imported")]
    state = _FolderState.read(folder)
    outcomes = []
    for source, path, problem in expand_sources(sources):
        if problem:
            outcomes.append(Outcome(source, "error", problem))
            continue
        if path is None:
            earlier = state.same_url(source)
            if earlier:
                outcomes.append(Outcome(source, "skipped", f"{source}: already in {folder} as {earlier} "
                                        "(same URL); skipped, not fetched"))
                continue
        try:
            page = read_page_file(path, limits) if path is not None else fetch_url(source, limits, today)
        except FetchError as exc:
            outcomes.append(Outcome(source, "error", str(exc)))
            continue
        outcomes.append(_import_page(page, state, min_words))
    return outcomes
