"""Fetch a web page over HTTP(S), or read a saved one, within set limits.

Rules:
- Only ``http://`` and ``https://`` URLs are fetched, with the standard library (``urllib``). Redirects
  are followed up to ``Limits.max_redirects`` and only to http(s) addresses.
- Every failure raises ``FetchError`` with a message naming the source: an HTTP error status (404,
  500, ...), no answer within ``Limits.timeout`` seconds (for any single read, and for the whole page),
  a connection failure, a response that is not HTML (by its ``Content-Type``, or by its first bytes when
  it has none), and a page larger than ``Limits.max_bytes`` (refused from ``Content-Length`` before
  reading, or as soon as the bytes read pass the limit).
- A saved page must be a ``.html`` or ``.htm`` file within the same size limit; a folder source stands
  for its ``.html``/``.htm`` files in name order (not its subfolders).
- ``retrieved`` is the date the page was fetched (UTC), or for a saved file the date it was last
  modified (UTC): when it was saved.
"""
from __future__ import annotations

import datetime as dt
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__ as PACKAGE_VERSION

HTML_SUFFIXES = (".html", ".htm")
HTML_TYPES = ("text/html", "application/xhtml+xml")
HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta", b"<title")
USER_AGENT = f"greenland-crisis/{PACKAGE_VERSION} (research article import; Python urllib)"
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """How long to wait, how many redirects to follow and how large a page may be."""

    timeout: float = 20.0          # seconds, for each read and for the whole page
    max_redirects: int = 5
    max_bytes: int = 5_000_000


@dataclass
class Page:
    """A page's HTML as fetched or read, where it came from and when."""

    source: str                    # the SOURCE as the user gave it (a URL or a file path)
    html: bytes
    charset: str | None            # from the Content-Type header; None: left to the extractor to detect
    url: str                       # the address after redirects ('' for a saved file)
    retrieved: dt.date


class FetchError(Exception):
    """A source that could not be fetched or read; the message names the source and the reason."""


def is_url(source: str) -> bool:
    """Return True for a source written as an http(s) URL."""
    return urlsplit(source.strip()).scheme.lower() in ("http", "https")


def looks_like_html(data: bytes) -> bool:
    """Return True when the first bytes of a document look like HTML."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(tag in head for tag in HTML_SNIFF)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most ``max_redirections`` redirects, and only to http(s) addresses."""

    def __init__(self, limit: int):
        super().__init__()
        self.max_redirections = limit

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise urllib.error.HTTPError(req.full_url, code, f"redirect to a non-HTTP address {newurl!r}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read_limited(response, source: str, limits: Limits, deadline: float) -> bytes:
    """Read a response body in chunks, refusing it past the size limit or the deadline."""
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{source}: no complete answer within {limits.timeout:g} s")
        chunk = response.read1(CHUNK)   # what has arrived (at most one read): the deadline is checked often
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"{source}: page larger than the limit of {limits.max_bytes:,} bytes; not imported")
        chunks.append(chunk)


def _check_headers(response, source: str, limits: Limits) -> bool:
    """Refuse a response that is not HTML or too large by its headers; return True if it named its type."""
    ctype = response.headers.get_content_type() if response.headers.get("Content-Type") else None
    if ctype is not None and ctype not in HTML_TYPES:
        raise FetchError(f"{source}: not an HTML page (Content-Type {ctype}); not imported")
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"{source}: page of {int(length):,} bytes is larger than the limit of "
                         f"{limits.max_bytes:,} bytes; not imported")
    return ctype is not None


def fetch_url(url: str, limits: Limits = Limits(), today: dt.date | None = None) -> Page:
    """Fetch one http(s) page within the limits; raise FetchError naming the URL on any failure."""
    opener = urllib.request.build_opener(_Redirects(limits.max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                  "Accept": "text/html,application/xhtml+xml;q=0.9"})
    deadline = time.monotonic() + limits.timeout
    try:
        with opener.open(request, timeout=limits.timeout) as response:
            typed = _check_headers(response, url, limits)
            data = _read_limited(response, url, limits, deadline)
            final_url = response.geturl()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise FetchError(f"{url}: more than {limits.max_redirects} redirect(s), or a redirect that "
                             f"cannot be followed (HTTP {exc.code}: {exc.reason})") from None
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"{url}: no answer within {limits.timeout:g} s (timeout)") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{url}: no answer within {limits.timeout:g} s (timeout)") from None
        raise FetchError(f"{url}: cannot connect ({reason})") from None
    except (OSError, ValueError) as exc:   # connection reset, malformed URL or response
        raise FetchError(f"{url}: cannot fetch ({exc})") from None
    if not data.strip():
        raise FetchError(f"{url}: empty response; not imported")
    if not typed and not looks_like_html(data):
        raise FetchError(f"{url}: no Content-Type and the response does not look like HTML; not imported")
    return Page(url, data, charset, final_url, today or dt.datetime.now(dt.timezone.utc).date())


def read_page_file(path: Path, limits: Limits = Limits()) -> Page:
    """Read one saved .html/.htm page within the size limit; raise FetchError naming the file on failure."""
    source = str(path)
    if path.suffix.lower() not in HTML_SUFFIXES:
        raise FetchError(f"{source}: not a .html or .htm file; not imported")
    try:
        stat = path.stat()
        if stat.st_size > limits.max_bytes:
            raise FetchError(f"{source}: file of {stat.st_size:,} bytes is larger than the limit of "
                             f"{limits.max_bytes:,} bytes; not imported")
        data = path.read_bytes()
    except OSError as exc:
        raise FetchError(f"{source}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise FetchError(f"{source}: empty file; not imported")
    if b"\x00" in data[:4096] or not looks_like_html(data):
        raise FetchError(f"{source}: does not look like an HTML page; not imported")
    saved = dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc).date()
    return Page(source, data, None, "", saved)


def expand_sources(sources: list[str]) -> list[tuple[str, Path | None, str | None]]:
    """Return (source, file path or None, error or None) for each page a list of SOURCE arguments names."""
    out: list[tuple[str, Path | None, str | None]] = []
    for source in sources:
        if is_url(source):
            out.append((source.strip(), None, None))
            continue
        if "://" in source:
            out.append((source, None, f"{source}: only http:// and https:// URLs can be fetched"))
            continue
        path = Path(source)
        if path.is_dir():
            pages = sorted((p for p in path.iterdir() if p.is_file() and p.suffix.lower() in HTML_SUFFIXES),
                           key=lambda p: os.path.normcase(p.name))
            if not pages:
                out.append((source, None, f"{source}: folder holds no .html or .htm file"))
            out.extend((str(p), p, None) for p in pages)
        elif path.is_file():
            out.append((source, path, None))
        else:
            out.append((source, None, f"{source}: no such file or folder, and not an http(s) URL"))
    return out
