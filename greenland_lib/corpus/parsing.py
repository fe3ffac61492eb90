"""Parsing one article's decoded text: date header, dateline, paragraphs, sentences and text warnings.

Rules: an optional `` date YYYY-MM-DD`` header opens the file; paragraphs are separated by line breaks
(and, where HTML was left in the text, by block-level tags); a short line without sentence-final
punctuation is a heading (one sentence); a dateline (``NUUK (Reuters) -``) opening the first body
paragraph, or standing on its own line, is recorded and left out of its first sentence; headline,
byline, caption, boilerplate and standfirst paragraphs give no sentences (their rules and the dateline forms:
``corpus.furniture``); body paragraphs are split into sentences by ``sentences.split_spans``.
Offsets are into the decoded text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..paths import data_file
from .furniture import FURNITURE_KINDS, classify as classify_furniture, is_standfirst, lone_place_dateline, match_dateline
from .sentences import split_spans

# ` date 2026-01-12` at the very start of a file (the token is validated separately).
HEADER_RE = re.compile(r"\A[ \t]*date[ \t:]+(?P<value>[0-9][0-9./-]*)[ \t]*(?:\r\n|\r|\n)?")
ISO_DATE_RE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
# Paragraph breaks: line breaks, and block-level HTML tags where markup was left in the text.
# A tag ends at the first ">" and holds no "<" ([^<>]*): a "<p " never closed is then given up at the next
# "<" instead of scanning to the end of the text from every "<p " (quadratic on "<p <p <p ...").
BLOCK_TAG = r"</?(?:p|br|div|h[1-6]|li|ul|ol|table|tr|td|blockquote|section|article|header|footer)\b[^<>]*>"
PARA_BREAK_RE = re.compile(r"(?:[\r\n]|" + BLOCK_TAG + r")+", re.I)
LINE_BREAK_RE = re.compile(r"[\r\n]+")   # PARA_BREAK_RE for a text without "<" (faster: no tag to try)
HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*+\b[^<>]*>")
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
# a dateline paragraph this far down at most makes the paragraphs above it headline, byline and standfirst
MAX_LEAD_PARAGRAPHS = 4
MAX_LEAD_TEXTS = 2   # above the dateline: the headline and at most one standfirst (any bylines besides)


@dataclass
class ParsedArticle:
    """The structure of one article's text: header date, dateline, paragraphs and sentences."""

    text: str
    header_date: dt.date | None = None
    header_problem: str | None = None
    dateline: str = ""
    dateline_agency: str = ""
    byline_date: dt.date | None = None   # the first date of a byline or timestamp line (corpus.furniture)
    paragraphs: list[dict] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    n_words: int = 0
    words: list[str] = field(default_factory=list)  # the first WORD_SAMPLE words, for the language check


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


def parse_header(text: str) -> tuple[int, dt.date | None, str | None]:
    """Read a `` date YYYY-MM-DD`` header: (where the body starts, the date or None, a problem or None)."""
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
    """The (start, end) of each line of ``text[start:]`` split at "\\n" (empty lines give empty spans)."""
    out = []
    for line in text[start:].split("\n"):   # str.split is much faster than a regular expression here
        end = start + len(line)
        out.append((start, end))
        start = end + 1
    return out


def _paragraph_bounds(text: str, body_start: int):
    """The untrimmed (start, end) of each paragraph of the body: between line breaks or block tags."""
    if "<" in text or "\r" in text:
        breaks = [m.span() for m in (PARA_BREAK_RE if "<" in text else LINE_BREAK_RE).finditer(text, body_start)]
        return zip([body_start] + [e for _, e in breaks], [s for s, _ in breaks] + [len(text)])
    return _line_bounds(text, body_start)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without its leading and trailing white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_kind(parsed: ParsedArticle, line: str, whole: bool) -> str:
    """``heading`` or ``body``; without ``whole`` (markup in the text) the line's words are counted here."""
    if whole:   # the words were counted in one pass; is_heading rejects a long line before it counts words
        return "heading" if len(line) <= HEADING_MAX_CHARS and is_heading(line) else "body"
    words = WORD_RE.findall(line)
    parsed.n_words += len(words)
    if len(parsed.words) < WORD_SAMPLE:
        parsed.words.extend(words[:WORD_SAMPLE - len(parsed.words)])
    return "heading" if is_heading(line, len(words)) else "body"


def _after_dateline(parsed: ParsedArticle, line: str, start: int) -> int:
    """Record the dateline opening the first body paragraph, if any; return where its sentences start."""
    d = match_dateline(line)
    if d and not parsed.dateline:
        parsed.dateline, parsed.dateline_agency, end = d
        return start + end
    return start


def _opens_with_dateline(lines: list[str], i: int) -> bool:
    """Whether paragraph ``i`` opens with a dateline, is one alone on its line, or is a bare city over the body."""
    line = lines[i]
    found = classify_furniture(line, "body", before_body=True)
    if found is not None:   # a caption ("FILE PHOTO: ...") opens like "PARIS: ..." does
        return bool(found.dateline)
    if match_dateline(line):
        return True
    following = lines[i + 1] if i + 1 < len(lines) else None
    return following is not None and lone_place_dateline(line, following, not is_heading(following)) is not None


def lead_before_dateline(lines: list[str]) -> int:
    """How many opening paragraphs stand above the first dateline paragraph (0 when none is in the first few).

    Whatever stands there and is no byline, caption or boilerplate is the headline (the first) and the
    standfirst (a second): a long headline ("Nordic ministers meet ... into a third week") or one that
    quotes ("Halvorsen: 'We will not sign a bad deal.'") is no heading by its form, but the dateline
    under it says the text starts there.
    """
    texts = 0
    for i in range(min(len(lines), MAX_LEAD_PARAGRAPHS + 1)):
        if i and _opens_with_dateline(lines, i):
            return i
        texts += classify_furniture(lines[i], "body", before_body=True) is None
        if texts > MAX_LEAD_TEXTS:
            return 0
    return 0


def _add_sentences(parsed: ParsedArticle, article_id: str, para: dict, sent_from: int) -> None:
    """Append a paragraph's sentences (a heading is one sentence) to ``parsed.sentences``."""
    text, start, end, line = parsed.text, para["start"], para["end"], para["text"]
    spans = [(start, end)] if para["kind"] == "heading" else split_spans(text, sent_from, end)
    sent_no = len(parsed.sentences)
    for s, e in spans:
        sent_no += 1
        # a sentence that is its whole paragraph shares the paragraph's string
        parsed.sentences.append({"article_id": article_id, "para": para["para"], "sent": sent_no,
                                 "start": s, "end": e, "text": line if (s, e) == (start, end) else text[s:e]})


def _is_furniture(parsed: ParsedArticle, para: dict, headings_only: bool, following: str | None) -> bool:
    """Whether a paragraph is furniture (headline, byline, caption, boilerplate): its kind and dateline recorded."""
    line = para["text"]
    furniture = classify_furniture(line, para["kind"], headings_only)
    if furniture and furniture.kind == "headline" and following is not None:   # "WASHINGTON" over the body
        furniture = lone_place_dateline(line, following, not is_heading(following)) or furniture
    if not furniture:
        return False
    para["kind"] = furniture.kind
    parsed.dateline = parsed.dateline or furniture.dateline
    parsed.dateline_agency = parsed.dateline_agency or furniture.agency
    parsed.byline_date = parsed.byline_date or furniture.date
    return True


def _lead_kind(parsed: ParsedArticle, above_dateline: bool, line: str, following: str | None) -> str | None:
    """``headline`` or ``standfirst`` for a paragraph before the body that is one of them, else None.

    Above the first dateline paragraph (``lead_before_dateline``): the first is the headline, any other
    the standfirst; elsewhere the summary right under a headline, a byline or dateline after it, is the
    standfirst (``corpus.furniture``). Neither gives sentences.
    """
    after_headline = any(p["kind"] == "headline" for p in parsed.paragraphs[:-1])
    if above_dateline:
        return "standfirst" if after_headline else "headline"
    if len(parsed.paragraphs) > 1 and parsed.paragraphs[-2]["kind"] == "headline" and is_standfirst(line, following):
        return "standfirst"
    return None


def parse_text(article_id: str, text: str) -> ParsedArticle:
    """Split one article's decoded text into header, dateline, paragraphs and sentences."""
    parsed = ParsedArticle(text=text)
    body_start, parsed.header_date, parsed.header_problem = parse_header(text)
    # Without markup, paragraphs are lines and no word crosses a line break: the body's words are
    # found in one pass (far cheaper than one per paragraph); only short lines, which may be
    # headings, are looked at on their own.
    whole = "<" not in text
    if whole:
        found = WORD_RE.findall(text, body_start)
        parsed.n_words, parsed.words = len(found), found[:WORD_SAMPLE]
    headings_only = True   # every paragraph so far is a heading (a dateline opens the first body paragraph)
    bounds = [b for b in (_trimmed(text, s, e) for s, e in _paragraph_bounds(text, body_start)) if b[1] > b[0]]
    lead = lead_before_dateline([text[s:e] for s, e in bounds[:MAX_LEAD_PARAGRAPHS + 2]])
    for i, (start, end) in enumerate(bounds):
        line = text[start:end]
        para = {"article_id": article_id, "para": len(parsed.paragraphs) + 1, "start": start, "end": end,
                "kind": _paragraph_kind(parsed, line, whole), "text": line}
        parsed.paragraphs.append(para)
        following = text[slice(*bounds[i + 1])] if i + 1 < len(bounds) else None
        if _is_furniture(parsed, para, headings_only, following):
            continue
        lead_kind = _lead_kind(parsed, i < lead, line, following) if headings_only else None
        if lead_kind:
            para["kind"] = lead_kind
            continue
        sent_from = start
        if para["kind"] == "body" and headings_only:
            headings_only = False
            sent_from = _after_dateline(parsed, line, start)
        _add_sentences(parsed, article_id, para, sent_from)
    return parsed
