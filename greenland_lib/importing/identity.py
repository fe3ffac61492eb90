"""What makes two imported pages the same, and the file name of a new one.

Rules:
- Two URLs are the same page when they agree after normalising: the scheme (http/https), a leading
  ``www.``, the host's case, a default port, a trailing slash, the fragment and the order of the query
  parameters do not count, and tracking parameters (``greenland_lib/data/import_tracking_parameters.csv``:
  ``utm_*``, ``fbclid``, ...) are dropped.
- Two texts are the same article when they agree after collapsing every run of white space (so a
  hand-made file with one paragraph per line matches an imported one with blank lines between them).
- A new file is named ``<outlet>_<published>_<hash>.txt``: the outlet as a lower-case ASCII slug
  (``page`` when unknown), the publication date (``undated`` when unknown) and the first 10 hex digits
  of the SHA-256 of the text. The same page gives the same name on every machine; a name already
  taken gets a longer hash, never an overwrite.
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..paths import data_file

TRACKING_FILE = "import_tracking_parameters.csv"
DEFAULT_PORTS = {"http": 80, "https": 443}
SHORT_HASH = 10
SLUG_MAX = 40
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=None)
def tracking_parameters() -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the tracking query parameters to drop: (exact names, name prefixes), all lower case."""
    exact, prefixes = set(), []
    with open(data_file(TRACKING_FILE), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["parameter"].strip().lower()
            if row["match"].strip() == "prefix":
                prefixes.append(name)
            else:
                exact.add(name)
    return frozenset(exact), tuple(prefixes)


def is_tracking(name: str) -> bool:
    """Return True for a query parameter that only tracks who shared or clicked a link."""
    exact, prefixes = tracking_parameters()
    name = name.lower()
    return name in exact or name.startswith(prefixes)


def strip_tracking(url: str) -> str:
    """Return the URL without its tracking parameters and fragment (otherwise as written)."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    return parts._replace(query=urlencode(query), fragment="").geturl()


def normalise_url(url: str) -> str:
    """Return the key under which two addresses of the same page agree ('' for an empty URL)."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:   # a port that is not a number: keep the address as written
        port = None
    if port and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or ""
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k))
    return host + path + ("?" + urlencode(query) if query else "")


def text_key(text: str) -> str:
    """Return the SHA-256 of a text with every run of white space collapsed to one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def slug(value: str) -> str:
    """Return a lower-case ASCII slug of a name ('The Harbour Ledger' -> 'the-harbour-ledger')."""
    ascii_text = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode("ascii")
    return _SLUG_RE.sub("-", ascii_text.lower()).strip("-")[:SLUG_MAX].strip("-")


def article_name(outlet: str, published: str, data: bytes, taken) -> str:
    """Return the file name of a new article: readable, stable, and not in ``taken`` (a container of names)."""
    digest = hashlib.sha256(data).hexdigest()
    stem = f"{slug(outlet) or 'page'}_{published or 'undated'}"
    for length in (SHORT_HASH, 16, 64):
        name = f"{stem}_{digest[:length]}.txt"
        if name not in taken:
            return name
    n = 2
    while f"{stem}_{digest}-{n}.txt" in taken:
        n += 1
    return f"{stem}_{digest}-{n}.txt"
