"""Direct quotations and their speakers.

Quote marks are paired inside each paragraph: curly double (“ ”), curly single (‘ ’), straight double
(") and straight single (') marks, and guillemets. A straight or curly single mark between two letters
is an apostrophe ("We're", "territory’s"); a straight mark counts as opening after a space or at the
start of a paragraph and as closing before a space or punctuation. Marks inside a quotation belong to
it (a quote within a quote is part of the outer quote). An opening mark that is never closed in its
paragraph is reported in ``problems`` (file and character offset) and that quotation is skipped,
unless the next paragraph opens with a quote mark (the wire convention for a quotation running over
several paragraphs). The reported span is the text between the marks, without surrounding white space
and without a trailing comma.

Not quotations: a quoted heading ('Unease'), and a short quoted name in title case without
punctuation ("Golden Dome" missile defence system) or after a naming word (``quote_name_cues.txt``).

A quotation is a *fragment* when it does not stand as a sentence of its own: it starts in lower case,
or it is embedded after other words without a colon or comma before it.

The speaker is found, in order: after the closing mark (`“…,” said X`, `“…,” X said`, `“…,” she
wrote`); before the opening mark in the same sentence, as the subject of the last reporting verb
(`X said: “…”`, `X said on Monday that … “…”`, `According to X, “…”`); the speaker of the previous
quotation in the same paragraph; the subject of a reporting verb in the sentence before a paragraph
that opens with a quotation. Pronouns (he, she, it, they) take the speaker of the previous quotation if
it agrees (person or not), else the subject of the previous sentence. Otherwise the speaker is left
empty and ``speaker_how`` is ``unknown``: never a guess.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, groupby
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import pandas as pd

from .actors import WORD_RE, find_mentions, load_gazetteer, reporting_verbs
from ..lexicon import word_list as _word_list
from ..corpus.loading import PROBLEM_COLUMNS

QUOTE_COLUMNS = ["article_id", "para", "start", "end", "text", "fragment", "speaker_id", "speaker_how", "cue"]
SPEAKER_HOWS = ("explicit", "pronoun", "previous", "unknown")
DOUBLE_OPEN, DOUBLE_CLOSE = "“«„", "”»"
SINGLE_OPEN, SINGLE_CLOSE = "‘‹", "’›"
ALL_MARKS = "\"'“”‘’«»„‹›"
PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "thing"}
TITLE_FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "a", "de", "to"}
MAX_NAME_WORDS = 5
_SINGLE_CLOSER = re.compile(r"(?<=\S)[’'](?![^\W_])")
_MARK_RE = re.compile("[" + re.escape(ALL_MARKS) + "]")
LEADING_WORDS = {"the", "a", "an", "but", "and", "also", "then", "meanwhile", "later"}
_LOWER_WORD_NEXT_RE = re.compile(r"\s+[a-z]")
_SENTENCE_PUNCT_RE = re.compile(r"[.,;:!?]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_POSSESSIVE_RE = re.compile(r"['’]s?\b")
# parenthetical ranges, each with a string that must occur in the text for the pattern to match
_PARENTHETICALS = tuple((hint, re.compile(pat)) for hint, pat in (
    ("--", r"\s--\s.*?\s--\s"), ("", r"\s[—–]\s?.*?\s?[—–]\s"), ("(", r"\(.*?\)"),
    (",", r",\s+(?:who|which|whose|where)\b[^,]*,")))
_PRONOUN_RE = re.compile(r"\s*(?:(?:but|and|then|later|also)\s+)?(he|she|it|they)\b", re.I)
_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\s--\s|\s[—–]\s")
_NO_ACTOR_CLAUSE_RE = re.compile(r"\s*(?:\w+ly|also|then|later|on\s+\w+|\w+day)?\s*")
_NON_SPACE_RE = re.compile(r"\S")
_LEAD_WORD_RE = re.compile(r"[\s,.!?]*\w+\s*$")
_WORD_CHAR_RE = re.compile(r"\w")


@lru_cache(maxsize=None)
def _verb_re() -> re.Pattern:
    verbs = sorted(reporting_verbs(), key=len, reverse=True)
    if all(v.isascii() and v.isalpha() for v in verbs):
        # Whole-word verbs: at most one of them can match at a position, so grouping them by first
        # letter finds the same match while the engine tries far fewer alternatives per word.
        by_first: dict[str, list[str]] = {}
        for v in verbs:
            by_first.setdefault(v[0], []).append(v[1:])
        alts = "|".join(f"{k}(?:{'|'.join(rest)})" for k, rest in by_first.items())
        return re.compile(rf"(?<![\w])(?:(?:{alts})(?![\w])|according\s+to(?![\w]))", re.I)
    return re.compile(rf"(?<![\w])(?:{'|'.join(verbs)})(?![\w])|(?<![\w])according\s+to(?![\w])", re.I)


@lru_cache(maxsize=None)
def _prepositions() -> frozenset[str]:
    return frozenset(w.lower() for w in _word_list("prepositions.txt"))


@lru_cache(maxsize=None)
def _name_cue_re() -> re.Pattern:
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in _word_list("quote_name_cues.txt"))
    return re.compile(rf"(?<![\w])(?:{cues})\s*[,:]?\s*$", re.I)


@dataclass
class _Quote:
    open: int   # offset of the opening mark
    close: int  # offset of the closing mark (or paragraph end for a continued quotation)
    para: int
    start: int = 0
    end: int = 0
    speaker_id: str = ""
    speaker_how: str = "unknown"
    cue: str = ""
    fragment: bool = False
    continued: bool = False  # runs on into the next paragraph (no closing mark in its own)


# --------------------------------------------------------------------------- pairing quote marks

def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def pair_quote_marks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, str]], int | None]:
    """Pair quote marks in text[start:end]; return (pairs, problems as (offset, message), unclosed opener)."""
    pairs: list[tuple[int, int]] = []
    problems: list[tuple[int, str]] = []
    open_pos, open_kind = None, None
    for mark in _MARK_RE.finditer(text, start, end):
        i = mark.start()
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        opening = (prev.isspace() or prev in "([{—–-/") and not nxt.isspace()
        closing = not prev.isspace() and (nxt.isspace() or not _is_letter(nxt))
        if ch in DOUBLE_OPEN or (ch == '"' and opening and not (open_kind == "double" and closing)):
            if open_kind == "double":
                problems.append((open_pos, f"opening quote mark {text[open_pos]} is never closed before the next one"))
            if open_kind != "single":
                open_pos, open_kind = i, "double"
        elif ch in DOUBLE_CLOSE or ch == '"':
            if open_kind == "double":
                pairs.append((open_pos, i))
                open_pos, open_kind = None, None
            elif open_kind is None:
                problems.append((i, f"closing quote mark {ch} has no opening mark"))
        elif ch in SINGLE_OPEN or (ch == "'" and opening and nxt.isalpha()):
            if open_kind is None:
                open_pos, open_kind = i, "single"
        elif ch in SINGLE_CLOSE or ch == "'":
            if _is_letter(prev) and _is_letter(nxt):
                continue  # apostrophe inside a word
            if open_kind == "single" and closing:
                if i - open_pos <= 2:  # an elision such as 'n', not a quotation
                    open_pos, open_kind = None, None
                    continue
                if prev == "s" and _LOWER_WORD_NEXT_RE.match(text[i + 1:end]) and _SINGLE_CLOSER.search(text, i + 1, end):
                    continue  # a plural possessive ("Greenlanders’ own choices") with a closing mark still to come
                pairs.append((open_pos, i))
                open_pos, open_kind = None, None
    return pairs, problems, open_pos


# --------------------------------------------------------------------------- helpers on text

def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _is_name_or_title(text: str, q: _Quote, para_start: int) -> bool:
    content = text[q.start:q.end]
    words = content.split()
    before = text[max(para_start, q.open - 40):q.open]
    if _name_cue_re().search(before):
        return True
    if not words or len(words) > MAX_NAME_WORDS or _SENTENCE_PUNCT_RE.search(content):
        return False
    return all(w[0].isupper() or w.lower() in TITLE_FUNCTION_WORDS for w in words) and words[0][0].isupper()


def _is_fragment(text: str, q: _Quote, sent_start: int) -> bool:
    first = _LETTER_RE.search(text, q.start, q.end)
    if first is None or not first.group(0).isupper():
        return True
    before = text[sent_start:q.open].rstrip()
    before = before.rstrip(ALL_MARKS).rstrip()
    return not (before == "" or before.endswith((":", ",", "--", "—", "–")))


# --------------------------------------------------------------------------- attribution

class _Article:
    """An article's text, sentences, mentions (outside quotations) and actor kinds."""

    def __init__(self, corpus, article_id: str, sentences: list[tuple[int, int, int]],
                 mentions: list[tuple[int, int, str]], kinds: dict[str, str], masked=(), text: str | None = None):
        self.text = corpus.text(article_id) if text is None else text
        self.sentences = sentences
        self.sent_starts = [x[0] for x in self.sentences]
        self.all_mentions = mentions  # in text order
        self.mask(list(masked))
        self.kinds = kinds

    def mask(self, spans: list[tuple[int, int]]) -> None:
        self.masked = spans
        inside = bytearray(len(self.text) + 1)
        for a, b in spans:
            if b > a:
                inside[a:b] = b"\x01" * (b - a)
        self.mentions = [x for x in self.all_mentions if not (0 <= x[0] < len(inside) and inside[x[0]])]
        self.mention_starts = [x[0] for x in self.mentions]
        # mentions_in may stop at the first mention starting at or after its end when no mention is empty
        self.nonempty = all(x[1] > x[0] for x in self.mentions)
        # outside_quotes: the masked spans by start, with the furthest end (+1) reached so far
        by_start = sorted(spans)
        self.mask_starts = [x for x, _ in by_start]
        self.mask_reach = list(accumulate((y + 1 for _, y in by_start), max))

    def sentence_at(self, pos: int) -> tuple[int, int, int] | None:
        i = bisect_right(self.sent_starts, pos) - 1
        if i < 0:
            return None
        return self.sentences[i]

    def previous_sentence(self, pos: int):
        i = bisect_right(self.sent_starts, pos) - 1
        return self.sentences[i - 1] if i > 0 else None

    def is_person(self, actor_id: str) -> bool:
        return self.kinds.get(actor_id, "person" if actor_id.startswith("new:") else "") == "person"

    def outside_quotes(self, a: int, b: int) -> bool:
        i = bisect_right(self.mask_starts, a)
        return not (i and self.mask_reach[i - 1] >= b)

    def verbs_in(self, a: int, b: int) -> list[re.Match]:
        return [m for m in _verb_re().finditer(self.text, a, b) if self.outside_quotes(m.start(), m.end())]

    def mentions_in(self, a: int, b: int) -> list[tuple[int, int, str]]:
        if not self.nonempty:
            return [x for x in self.mentions if a <= x[0] and x[1] <= b]
        out = []
        for i in range(bisect_left(self.mention_starts, a), len(self.mentions)):
            x = self.mentions[i]
            if x[0] >= b:
                break
            if x[1] <= b:
                out.append(x)
        return out

    def preceded_by_preposition(self, a: int, pos: int) -> bool:
        words = [w.lower() for w in WORD_RE.findall(self.text[a:pos])]
        return bool(words) and words[-1] in _prepositions()

    def can_be_subject(self, a: int, mention: tuple[int, int, str]) -> bool:
        """Not after a preposition, and not a possessive modifier ("Greenland's former premier")."""
        possessive = _POSSESSIVE_RE.match(self.text[mention[1]:mention[1] + 3])
        return not possessive and not self.preceded_by_preposition(a, mention[0])


def _masked_ranges(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Parenthetical ranges: -- … --, — … —, ( … ), and ", who/which … ," relative clauses."""
    out = []
    part = text[a:b]
    for hint, pat in _PARENTHETICALS:
        if (hint in part) if hint else ("—" in part or "–" in part):  # skip a scan that cannot match
            out += [(a + m.start(), a + m.end()) for m in pat.finditer(part)]
    return out


def _pronoun_at(text: str, a: int, b: int) -> str | None:
    m = _PRONOUN_RE.match(text[a:b])
    return m.group(1).lower() if m else None


def _subject(art: _Article, sent_start: int, verb_start: int) -> tuple[str, str]:
    """Return (actor_id or pronoun marker, 'explicit'|'pronoun'|'') for the subject of a verb."""
    text = art.text
    masked = _masked_ranges(text, sent_start, verb_start)
    chars = list(text[sent_start:verb_start])
    for x, y in masked:
        for k in range(x, min(y, verb_start)):
            chars[k - sent_start] = " "
    region = "".join(chars)
    bounds = [sent_start] + [sent_start + m.end() for m in _CLAUSE_BREAK_RE.finditer(region)] + [verb_start]
    segments = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)][::-1]
    for n, (a, b) in enumerate(segments[:5]):
        inside = [x for x in art.mentions_in(a, b) if not any(p <= x[0] < q for p, q in masked)]
        pron = _pronoun_at(region, a - sent_start, b - sent_start)
        if pron and (not inside or _first_word_offset(region, a - sent_start) <= inside[0][0] - sent_start):
            return "pronoun:" + pron, "pronoun"
        candidates = [x for x in inside if art.can_be_subject(a, x)]
        if n > 0:
            # an earlier clause counts only when it opens with the actor ("Trump has said …, adding")
            candidates = [x for x in candidates[:1]
                          if set(w.lower() for w in WORD_RE.findall(text[a:x[0]])) <= LEADING_WORDS]
        if candidates:
            return candidates[0][2], "explicit"
        if n == 0 and region[a - sent_start:b - sent_start].strip():
            # the verb's own clause has words but no actor ("Officials familiar with … said")
            if not _NO_ACTOR_CLAUSE_RE.fullmatch(region[a - sent_start:b - sent_start]):
                words = [w for w in WORD_RE.findall(region[a - sent_start:b - sent_start])]
                if any(w[0].isalpha() for w in words):
                    return "", ""
    return "", ""


def _first_word_offset(region: str, a: int) -> int:
    m = _NON_SPACE_RE.search(region, a)
    return m.start() if m else a


def _resolve_pronoun(art: _Article, pron: str, pos: int, previous: list[_Quote]) -> str:
    want_person = PRONOUNS.get(pron) == "person"
    for q in reversed(previous):
        if q.speaker_id and q.close < pos:
            if art.is_person(q.speaker_id) == want_person:
                return q.speaker_id
            break
    prev = art.previous_sentence(pos)
    if prev is not None:
        for mention in art.mentions_in(prev[0], prev[1]):
            if art.can_be_subject(prev[0], mention) and art.is_person(mention[2]) == want_person:
                return mention[2]
            break
    return ""


def _attribute(art: _Article, q: _Quote, para_quotes: list[_Quote], previous: list[_Quote],
               para_start: int, prev_para_end: int | None) -> None:
    text = art.text
    sent_close = art.sentence_at(q.close) or (q.close, q.close, q.para)
    sent_open = art.sentence_at(q.open) or (q.open, q.open, q.para)
    # 1. after the closing mark, within its sentence and before the next quotation
    nxt = [p.open for p in para_quotes if p.open > q.close]
    tail_end = min([sent_close[1]] + nxt)
    tail_start = q.close + 1
    verbs = [m for m in art.verbs_in(tail_start, tail_end) if len(text[tail_start:m.start()].split()) <= 8]
    if verbs:
        v = verbs[0]
        lead = text[tail_start:v.start()]
        pron = _pronoun_at(text, tail_start, v.start()) if _LEAD_WORD_RE.match(lead) else None
        if pron:
            q.cue = v.group(0)
            q.speaker_id = _resolve_pronoun(art, pron, q.open, previous)
            q.speaker_how = "pronoun" if q.speaker_id else "unknown"
            return
        inside = [x for x in art.mentions_in(tail_start, v.start()) if art.can_be_subject(tail_start, x)]
        if inside:
            q.speaker_id, q.speaker_how, q.cue = inside[0][2], "explicit", v.group(0)
            return
        if not _WORD_CHAR_RE.search(lead):
            after = art.mentions_in(v.end(), tail_end)
            if after:
                q.speaker_id, q.speaker_how, q.cue = after[0][2], "explicit", v.group(0)
                return
    # 2. before the opening mark, in the same sentence
    head_verbs = [m for m in art.verbs_in(sent_open[0], q.open)]
    if head_verbs:
        v = head_verbs[-1]
        if v.group(0).lower().startswith("according"):
            after = art.mentions_in(v.end(), q.open)
            if after:
                q.speaker_id, q.speaker_how, q.cue = after[0][2], "explicit", "according to"
                return
        else:
            who, how = _subject(art, sent_open[0], v.start())
            if how == "pronoun":
                q.cue = v.group(0)
                q.speaker_id = _resolve_pronoun(art, who.split(":")[1], q.open, previous)
                q.speaker_how = "pronoun" if q.speaker_id else "unknown"
                return
            if who:
                q.speaker_id, q.speaker_how, q.cue = who, "explicit", v.group(0)
                return
    # "according to X" after the quotation, in its sentence
    for m in art.verbs_in(q.close, sent_close[1]):
        if m.group(0).lower().startswith("according"):
            after = art.mentions_in(m.end(), sent_close[1])
            if after:
                q.speaker_id, q.speaker_how, q.cue = after[0][2], "explicit", "according to"
                return
    # 3. the previous quotation of the same paragraph
    earlier = [p for p in para_quotes if p.close < q.open and p.speaker_id]
    if earlier:
        q.speaker_id, q.speaker_how = earlier[-1].speaker_id, "previous"
        return
    # 4. a paragraph opening with a quotation: the continued quotation's speaker, else the speaker
    #    named in the sentence before
    if q.open == para_start and previous and previous[-1].continued and previous[-1].para == q.para - 1:
        if previous[-1].speaker_id:
            q.speaker_id, q.speaker_how = previous[-1].speaker_id, "previous"
        return
    if q.open == para_start and prev_para_end is not None:
        prev = art.previous_sentence(q.open)
        if prev is not None:
            pv = art.verbs_in(prev[0], prev[1])
            if pv and not pv[-1].group(0).lower().startswith("according"):
                who, how = _subject(art, prev[0], pv[-1].start())
                if how == "explicit":
                    q.speaker_id, q.speaker_how = who, "previous"
                    return
            if text[prev[0]:prev[1]].rstrip().endswith(":"):
                inside = art.mentions_in(prev[0], prev[1])
                if inside:
                    q.speaker_id, q.speaker_how = inside[0][2], "previous"
                    return


# --------------------------------------------------------------------------- the table

def _group(table: pd.DataFrame, ids: list[str], columns: list[str]) -> dict[str, list[tuple]]:
    """The rows of a table (as tuples of ``columns``) by article, in table order, from one pass."""
    out: dict[str, list[tuple]] = {a: [] for a in ids}
    # whole columns as Python lists (fast), rows built by zip and handed out by runs of one article
    rows = list(zip(*(table[c].tolist() for c in columns)))
    lo = 0
    for article_id, run in groupby(table["article_id"].tolist()):
        hi = lo + len(list(run))
        if article_id in out:
            out[article_id].extend(rows[lo:hi])
        lo = hi
    return out


def find_quotes_with_problems(corpus, mentions: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (quotes, problems) for a corpus; problems name the file and offset of unbalanced marks."""
    if mentions is None:
        mentions = find_mentions(corpus)
    gaz = load_gazetteer()
    kinds = dict(zip(gaz["actor_id"], gaz["kind"]))
    files = dict(zip(corpus.articles["article_id"], corpus.articles["file"]))
    ids = list(corpus.articles["article_id"])
    sentences = _group(corpus.sentences, ids, ["start", "end", "para"])
    paragraphs = _group(corpus.paragraphs, ids, ["para", "start", "end", "kind"])
    by_article = _group(mentions, ids, ["start", "end", "actor_id"])
    rows, problems = [], []
    for article_id in ids:
        found_mentions = sorted(by_article[article_id], key=itemgetter(0))
        if len({x[0] for x in found_mentions}) < len(found_mentions):  # two mentions start at one offset
            m = mentions[mentions["article_id"] == article_id].sort_values("start")  # ties: pandas' own order
            found_mentions = list(zip(m["start"], m["end"], m["actor_id"]))
        text = corpus.text(article_id)
        paras = paragraphs[article_id]
        para_end: dict[int, int] = {}
        for pn, _, pe, _ in paras:
            para_end.setdefault(pn, pe)
        found: list[tuple[_Quote, int]] = []
        raw_spans = []
        continued = set()
        marks = [m.start() for m in _MARK_RE.finditer(text)]
        for k, (para, p_start, p_end, kind) in enumerate(paras):
            i = bisect_left(marks, p_start)
            if i == len(marks) or marks[i] >= p_end:
                continue  # no quote mark in the paragraph: nothing to pair
            pairs, probs, unclosed = pair_quote_marks(text, p_start, p_end)
            for pos, msg in probs:
                problems.append({"file": files[article_id], "severity": "warning",
                                 "message": f"{msg} (offset {pos}, paragraph {para}); the rest of the article is still read"})
            if unclosed is not None:
                nxt = paras[k + 1] if k + 1 < len(paras) else None
                if nxt is not None and text[nxt[1]] in "\"“‘'«":
                    pairs.append((unclosed, p_end))  # a quotation continued in the next paragraph
                    continued.add(unclosed)
                else:
                    problems.append({"file": files[article_id], "severity": "warning",
                                     "message": f"unbalanced quote mark {text[unclosed]} at offset {unclosed} "
                                                f"(paragraph {para}): no closing mark in the paragraph; "
                                                "that quotation is skipped, the rest of the article is still read"})
            for o, c in sorted(pairs):
                raw_spans.append((o, c))
                q = _Quote(o, c, para, continued=o in continued)
                q.start, q.end = _trim(text, o + 1, c)
                if q.end <= q.start:
                    continue
                if kind == "heading" and not text[p_start:o].strip() and not text[c + 1:p_end].strip(ALL_MARKS + " "):
                    continue  # a quoted heading such as 'Unease'
                if _is_name_or_title(text, q, p_start):
                    continue
                found.append((q, p_start))
        art = _Article(corpus, article_id, sentences[article_id], found_mentions, kinds, raw_spans, text)
        done: list[_Quote] = []
        in_para: dict[int, list[_Quote]] = {}
        for q, _ in found:
            in_para.setdefault(q.para, []).append(q)
        for q, p_start in found:
            sent = art.sentence_at(q.open)
            q.fragment = _is_fragment(text, q, sent[0] if sent and sent[0] <= q.open else p_start)
            _attribute(art, q, in_para[q.para], done, p_start, para_end.get(q.para - 1))
            done.append(q)
            rows.append((article_id, q.para, q.start, q.end, text[q.start:q.end], q.fragment, q.speaker_id,
                         q.speaker_how if q.speaker_id else "unknown", q.cue))
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    for col in ("para", "start", "end"):
        quotes[col] = quotes[col].astype("int64")
    quotes["fragment"] = quotes["fragment"].astype(bool)
    return quotes, pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def find_quotes(corpus, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return every direct quotation with its speaker (columns ``QUOTE_COLUMNS``)."""
    return find_quotes_with_problems(corpus, mentions)[0]


def extract_quotes(corpus, tables) -> dict[str, pd.DataFrame]:
    """Pipeline extractor: the ``quotes`` table plus warnings for unbalanced quote marks."""
    quotes, problems = find_quotes_with_problems(corpus, tables.get("mentions"))
    return {"quotes": quotes, "problems": problems}
