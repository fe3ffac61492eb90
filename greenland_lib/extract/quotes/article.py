"""An article as the speaker sieves see it: text, sentences, mentions outside quotations, actor kinds, and
the grammar helpers (reporting verbs, the subject of a verb, pronouns)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ...lexicon import quote_pronouns, word_list
from ...textmatch import alternation, by_initial
from ..actors import WORD_RE, reporting_verbs
from ..actors.data import honorifics
from .gender import actor_gender, agrees, pronoun_genders
from .roles import role_speaker

LEADING_WORDS = {"the", "a", "an", "but", "and", "also", "then", "meanwhile", "later"}
_POSSESSIVE_RE = re.compile(r"['’]s?\b")
# parenthetical ranges, each with a string that must occur in the text for the pattern to match
_PARENTHETICALS = tuple((hint, re.compile(pat)) for hint, pat in (
    ("--", r"\s--\s.*?\s--\s"), ("", r"\s[—–]\s?.*?\s?[—–]\s"), ("(", r"\(.*?\)"),
    (",", r",\s+(?:who|which|whose|where)\b[^,]*,")))
_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\s--\s|\s[—–]\s")
_NO_ACTOR_CLAUSE_RE = re.compile(r"\s*(?:\w+ly|also|then|later|on\s+\w+|\w+day)?\s*")
_NON_SPACE_RE = re.compile(r"\S")
_ABSOLUTE_WITH_RE = re.compile(r"\s*with\s+", re.I)
_ING_RE = re.compile(r"\w+ing\b")


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
    rule: str = ""  # the sieve that decided the speaker
    speaker_span: tuple[int, int] | None = None  # the words naming the speaker, as written
    pronoun: str = ""  # the pronoun that named the speaker, if one did

    def name(self, speaker_id: str, how: str, cue: str | None = None, span: tuple[int, int] | None = None) -> bool:
        """Set the speaker (``how``: explicit, pronoun or previous) and the words naming it; end the sieve."""
        self.speaker_id, self.speaker_how = speaker_id, how if speaker_id else "unknown"
        self.speaker_span = span if speaker_id else None
        if cue is not None:
            self.cue = cue
        return True


@lru_cache(maxsize=None)
def _pronouns() -> dict[str, str]:
    return quote_pronouns()


@lru_cache(maxsize=None)
def _pronoun_re() -> re.Pattern:
    words = "|".join(sorted(_pronouns(), key=len, reverse=True))
    # a pronoun opening its clause, perhaps after a conjunction ("but she", "just as she claimed")
    return re.compile(rf"\s*(?:(?:but|and|then|later|also|(?:just\s+)?as|while|when|because|although|though)\s+)?"
                      rf"({words})\b", re.I)


@lru_cache(maxsize=None)
def _verb_re() -> re.Pattern:
    verbs = sorted(reporting_verbs(), key=len, reverse=True)
    if all(v.isascii() and v.isalpha() for v in verbs):
        # whole-word verbs: at most one can match at a position, so grouping them by first letter
        # (textmatch.by_initial) finds the same match
        alts = by_initial(verbs)
        return re.compile(rf"(?<![\w])(?:(?:{alts})(?![\w])|according\s+to(?![\w]))", re.I)
    return re.compile(rf"(?<![\w])(?:{'|'.join(verbs)})(?![\w])|(?<![\w])according\s+to(?![\w])", re.I)


@lru_cache(maxsize=None)
def _proxy_res() -> tuple[re.Pattern, re.Pattern]:
    """"X's office" after a mention; "a spokesperson for" before one (``speaker_proxies.txt``)."""
    words = alternation(word_list("speaker_proxies.txt"))
    return (re.compile(rf"['’]s\s+(?:\w+\s+)?{words}(?![\w])", re.I),
            re.compile(rf"(?<![\w]){words}\s+(?:for|of|to)\s+(?:the\s+)?$", re.I))


@lru_cache(maxsize=None)
def _prepositions() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("prepositions.txt"))


class _Article:
    """An article's text, sentences, mentions (outside quotations) and actor kinds."""

    def __init__(self, text: str, sentences: list[tuple[int, int, int]], mentions: list[tuple[int, int, str]],
                 kinds: dict[str, str], masked=()):
        self.text = text
        self.sentences = sentences
        self.sent_starts = [x[0] for x in self.sentences]
        self.all_mentions = mentions  # in text order
        self.all_starts = [x[0] for x in mentions]
        self.roles: dict = {}   # role and group speakers named so far (roles.Role by actor id)
        self.genders: dict[str, str] = {}          # gender.actor_gender's evidence from mentions and roles
        self.pronoun_genders: dict[str, str] = {}  # ... and from the pronouns that named speakers
        self.by_actor: dict | None = None
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

    def sentences_before(self, pos: int, n: int) -> list[tuple[int, int, int]]:
        """Up to n sentences before the one holding pos, nearest first."""
        i = bisect_right(self.sent_starts, pos) - 1
        return self.sentences[max(0, i - n):max(0, i)][::-1]

    def next_sentence(self, pos: int):
        i = bisect_right(self.sent_starts, pos)
        return self.sentences[i] if i < len(self.sentences) else None

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
    m = _pronoun_re().match(text[a:b])
    return m.group(1).lower() if m else None


def _pronoun_span(text: str, a: int, b: int) -> tuple[str, tuple[int, int]] | None:
    """The pronoun opening text[a:b] and its span (None if there is none)."""
    m = _pronoun_re().match(text[a:b])
    return (m.group(1).lower(), (a + m.start(1), a + m.end(1))) if m else None


def _first_word_offset(region: str, a: int) -> int:
    m = _NON_SPACE_RE.search(region, a)
    return m.start() if m else a


def _subject(art: _Article, sent_start: int, verb_start: int) -> tuple[str, str, tuple[int, int] | None]:
    """Return (actor_id or pronoun marker, 'explicit'|'pronoun'|'', the words naming it) for the subject of a verb."""
    masked = _masked_ranges(art.text, sent_start, verb_start)
    region = _blanked(art.text, sent_start, verb_start, masked)
    bounds = [sent_start] + [sent_start + m.end() for m in _CLAUSE_BREAK_RE.finditer(region)] + [verb_start]
    segments = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)][::-1]
    segments[0] = (_after_absolute_with(art.text, *segments[0]), segments[0][1])
    for n, (a, b) in enumerate(segments[:5]):
        found = _clause_subject(art, region, sent_start, a, b, n, masked)
        if found is not None:
            return found
    return "", "", None


def _after_absolute_with(text: str, a: int, verb_start: int) -> int:
    """Where the verb's clause opens once a leading "with" of an absolute construction is passed ("…, with
    Germany's foreign minister warning that …", "with a French minister saying"): the -ing verb's subject."""
    m = _ABSOLUTE_WITH_RE.match(text, a, verb_start)
    return m.end() if m and _ING_RE.match(text, verb_start) else a


def _blanked(text: str, a: int, b: int, masked: list[tuple[int, int]]) -> str:
    """text[a:b] with the masked ranges blanked out (offsets kept)."""
    chars = list(text[a:b])
    for x, y in masked:
        for k in range(x, min(y, b)):
            chars[k - a] = " "
    return "".join(chars)


def _clause_subject(art: _Article, region: str, base: int, a: int, b: int, n: int, masked
                    ) -> tuple[str, str, tuple[int, int] | None] | None:
    """The subject found in the clause text[a:b] (the n-th clause back from the verb), ("", "") when the clause
    rules the subject out, None to look further back."""
    inside = [x for x in art.mentions_in(a, b) if not any(p <= x[0] < q for p, q in masked)]
    pron = _pronoun_span(region, a - base, b - base)
    if pron and (not inside or _first_word_offset(region, a - base) <= inside[0][0] - base):
        return "pronoun:" + pron[0], "pronoun", (pron[1][0] + base, pron[1][1] + base)
    candidate = _subject_mention(art, a, inside, n)
    if candidate is not None:
        return candidate[2], "explicit", candidate[:2]
    if (n > 0 and a == base) or (n == 0 and not any(art.can_be_subject(a, x) for x in inside)):
        # the verb's own clause, or the clause opening the sentence ("A senior EU official, speaking on …, said")
        end = len(region[:b - base].rstrip(" ,;:—–-")) if n > 0 else b - base
        role = role_speaker(art, region, a - base, end, True, base)
        if role is not None:
            return role[0], "explicit", role[1]
    if n == 0 and _clause_without_actor(region[a - base:b - base]):
        return "", "", None
    return None


def _subject_mention(art: _Article, a: int, inside: list[tuple[int, int, str]], n: int):
    """The mention that is the clause's subject, or the one its speaker speaks for (None if neither)."""
    candidates = [x for x in inside if art.can_be_subject(a, x)]
    if n > 0:
        # an earlier clause counts only when it opens with the actor ("Trump has said …, adding")
        candidates = [x for x in candidates[:1] if _only_leading_words(art.text[a:x[0]])]
    if candidates:
        return candidates[0]
    return _proxy_speaker(art, a, inside) if n == 0 else None


def _only_leading_words(text: str) -> bool:
    """Only openers ("but", "the") and honorifics ("Dr", "Ms.") stand before the actor opening a clause."""
    return all(w.lower() in LEADING_WORDS or w in honorifics() for w in WORD_RE.findall(text))


def _clause_without_actor(clause: str) -> bool:
    """The verb's own clause has words but no actor ("Officials familiar with … said")."""
    return bool(clause.strip()) and not _NO_ACTOR_CLAUSE_RE.fullmatch(clause) \
        and any(w[0].isalpha() for w in WORD_RE.findall(clause))


def _proxy_speaker(art: _Article, a: int, mentions: list[tuple[int, int, str]]):
    """The mention someone speaks for: "X's office", "a spokesperson for X" (None if there is none)."""
    after, before = _proxy_res()
    for x in mentions:
        if after.match(art.text, x[1]) or before.search(art.text[a:x[0]]):
            return x
    return None


MAX_SENTENCES_BACK = 4


def _resolve_pronoun(art: _Article, pron: str, pos: int, previous: list[_Quote], at: int | None = None
                     ) -> tuple[str, tuple[int, int] | None]:
    """What a pronoun before or after a quotation stands for, and the words naming it: the subject of its own
    sentence when that stands before the pronoun (at ``at``) and agrees ("Frederiksen thanked the crew, just as
    she claimed"); else the previous quotation's
    speaker if it agrees (person or not, and in gender: ``gender``), unless another agreeing person became the
    subject of a sentence since (``_subject_since``); else the nearest agreeing subject of the
    sentences before (up to ``MAX_SENTENCES_BACK``, across paragraphs); a sentence's subject is its first
    mention that can be one, and when only its gender disagrees, the sentence's first person who agrees."""
    want_person = _pronouns().get(pron) == "person"
    wanted = pronoun_genders().get(pron, "")

    def agreeing(actor_id: str) -> bool:
        return art.is_person(actor_id) == want_person and agrees(actor_gender(art, actor_id), wanted)

    own = _own_sentence_subject(art, at) if at is not None else None
    if own is not None and agreeing(own[2]):
        return own[2], own[:2]
    for q in reversed(previous):
        if q.speaker_id and q.close < pos:
            if agreeing(q.speaker_id):
                return _subject_since(art, q, pos, agreeing) or (q.speaker_id, q.speaker_span)
            break
    for sent in art.sentences_before(pos, MAX_SENTENCES_BACK):
        inside = art.mentions_in(sent[0], sent[1])
        subject = _sentence_subject(art, sent[0], sent[1], inside)
        if subject is None:
            continue
        if agreeing(subject[2]):
            return subject[2], subject[:2]
        if wanted and art.is_person(subject[2]) == want_person:   # only the gender disagrees
            other = next((m for m in inside if m[2] != subject[2] and agreeing(m[2])), None)
            if other is not None:
                return other[2], other[:2]
    return "", None


def _sentence_subject(art: _Article, start: int, end: int, inside=None):
    """The first mention in text[start:end] that can be a subject (``inside``: those mentions, if known)."""
    inside = art.mentions_in(start, end) if inside is None else inside
    return next((m for m in inside if art.can_be_subject(start, m)), None)


def _own_sentence_subject(art: _Article, at: int):
    """The subject of the sentence holding ``at`` (its first mention that can be one) if it stands before ``at``."""
    sent = art.sentence_at(at)
    if sent is None:
        return None
    return _sentence_subject(art, sent[0], at)


def _subject_since(art: _Article, quote: _Quote, pos: int, agreeing) -> tuple[str, tuple[int, int]] | None:
    """The nearest agreeing subject of a sentence that opened after the previous quotation closed and before the
    pronoun's own sentence, if it is another actor ("“…,” Rutte said. Rubio met reporters. “…,” he said")."""
    for sent in art.sentences_before(pos, MAX_SENTENCES_BACK):
        if sent[0] <= quote.close:
            return None
        subject = _sentence_subject(art, sent[0], sent[1])
        if subject is not None and agreeing(subject[2]):
            return (subject[2], subject[:2]) if subject[2] != quote.speaker_id else None
    return None
