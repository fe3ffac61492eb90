"""Turn a page's HTML into an article text and its metadata, with trafilatura and htmldate.

Rules:
- ``trafilatura.bare_extraction(html, with_metadata=True)`` finds the main text (navigation, cookie
  banners, share buttons, related links, comments and footers are left out) and the headline, site
  name and author (JSON-LD, Open Graph and other ``<meta>`` tags, then the page itself).
- The article text is the headline as the first paragraph, then the body paragraphs, separated by one
  blank line, each with its runs of white space collapsed to one space; a body paragraph repeating the
  headline is dropped. Nothing else from the page is kept.
- The publication date is looked up in order, and the step that gave it is ``published_basis``:
  ``page metadata`` (the page's ``<meta>`` tags and JSON-LD, read by htmldate), ``url`` (a date in the
  page's address), ``page text (htmldate)`` (htmldate's search of the page's markup and text). A date
  after the retrieval date is never taken. No date found: ``published`` is empty, basis ``unknown``.
- A page with no body text raises ``ExtractionError``; a text under ``min_words`` words is reported by
  the caller as a warning and not imported (it is not an article: a section front, a cookie wall).
"""
from __future__ import annotations

import copy
import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from importlib.metadata import version

import lxml.etree
import lxml.html
import trafilatura
from htmldate import find_date

EXTRACTOR = "trafilatura"
BASIS_METADATA, BASIS_URL, BASIS_TEXT, BASIS_UNKNOWN = "page metadata", "url", "page text (htmldate)", "unknown"
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_METADATA_XPATH = '//meta|//script[@type="application/ld+json"]'
_EMPTY_PAGE = "<html><head></head><body></body></html>"
_XML_DECLARATION_RE = re.compile(r"\A\s*<\?xml[^>]*\?>")   # lxml refuses it in an already decoded text

# trafilatura and htmldate log what they discard; a command line tool reports its own findings instead.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


class ExtractionError(Exception):
    """A page in which no article text was found."""


@dataclass
class Extracted:
    """What was taken from one page: the text to write and the metadata for its provenance row."""

    headline: str
    paragraphs: list[str]
    outlet: str = ""
    author: str = ""
    url: str = ""                      # the page's own address (canonical link or og:url), if it names one
    published: str = ""                # YYYY-MM-DD or ''
    published_basis: str = BASIS_UNKNOWN
    pagetype: str = ""
    warnings: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Return the article text: headline, then body paragraphs, blank-line separated, ending in a newline."""
        return "\n\n".join(([self.headline] if self.headline else []) + self.paragraphs) + "\n"

    def n_words(self) -> int:
        """Return the number of words in the body paragraphs."""
        return sum(len(WORD_RE.findall(p)) for p in self.paragraphs)


def extractor_version() -> str:
    """Return the installed trafilatura version."""
    return version("trafilatura")


def _clean(line: str | None) -> str:
    return " ".join((line or "").split())


def _html_text(html: bytes, charset: str | None) -> str | bytes:
    """Decode with the charset the server named; otherwise leave the bytes for trafilatura to decode."""
    if charset:
        try:
            return html.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return html


def _metadata_only(html: str | bytes) -> bytes | None:
    """Return a page holding only the <meta> tags and JSON-LD of ``html`` (None if it cannot be parsed)."""
    if isinstance(html, str):
        html = _XML_DECLARATION_RE.sub("", html)
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None
    page = lxml.html.document_fromstring(_EMPTY_PAGE)
    head = page.find("head")
    for element in tree.xpath(_METADATA_XPATH):
        clone = copy.deepcopy(element)
        clone.tail = None
        head.append(clone)
    return lxml.html.tostring(page)


def publication_date(html: str | bytes, url: str, latest: dt.date) -> tuple[str, str]:
    """Return (YYYY-MM-DD or '', basis): page metadata first, then the URL, then htmldate's text search."""
    options = {"original_date": True, "max_date": latest.isoformat()}
    meta_page = _metadata_only(html)
    if meta_page is not None:
        found = find_date(meta_page, extensive_search=False, url="", **options)
        if found:
            return found, BASIS_METADATA
    if url:
        found = find_date(_EMPTY_PAGE, extensive_search=False, url=url, **options)
        if found:
            return found, BASIS_URL
    found = find_date(html, extensive_search=True, url=url or "", deferred_url_extractor=True, **options)
    return (found, BASIS_TEXT) if found else ("", BASIS_UNKNOWN)


def extract_page(html: bytes, charset: str | None, url: str, retrieved: dt.date) -> Extracted:
    """Extract the article text and metadata of one page; raise ExtractionError when it has no text."""
    content = _html_text(html, charset)
    try:
        doc = trafilatura.bare_extraction(content, url=url or None, with_metadata=True, include_comments=False,
                                          include_tables=False, deduplicate=False)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise ExtractionError(f"the page cannot be parsed as HTML ({exc})") from None
    if doc is None or not _clean(doc.text):
        raise ExtractionError("no article text found in the page")
    headline = _clean(doc.title)
    lines = [_clean(line) for line in doc.text.splitlines()]
    paragraphs = [line for line in lines if line]
    while paragraphs and headline and paragraphs[0].casefold() == headline.casefold():
        paragraphs.pop(0)
    if not paragraphs:
        raise ExtractionError("no article text found in the page (only a headline)")
    published, basis = publication_date(content, url or _clean(doc.url), retrieved)
    found = Extracted(headline, paragraphs, outlet=_clean(doc.sitename) or _clean(doc.hostname),
                      author=_clean(doc.author), url=_clean(doc.url), published=published,
                      published_basis=basis, pagetype=_clean(doc.pagetype))
    if not headline:
        found.warnings.append("no headline found: the text starts with the first body paragraph")
    return found
