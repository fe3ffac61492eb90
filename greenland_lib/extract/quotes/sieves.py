"""Speaker attribution as an ordered sieve (the design of CoreNLP's quote attribution, Muzny et al. 2017):
explicit pattern rules first, then paragraph and conversation rules, pronouns resolved last. Each sieve is
a small function ``sieve(art, q, ctx) -> bool``; the first that returns True has decided (possibly that no
speaker can be named), and its name is the quotation's ``rule``.

1. ``headline``: headlines and crossheads ``Name: ‘…’``; the name is linked to a person named in the
   article whose name ends with it, else to the gazetteer's only actor of that name.
2. ``quoted_as_saying``: “…,” Reuters quoted X as saying / DR quoted X as saying: “…”: X, not the outlet.
3. ``after_close``: after the closing mark, in its sentence, before the next quotation: “…,” X said /
   “…,” said X, the Y minister / “…,” she added / “…,” a spokesperson for X said / “…,” X told AFP.
4. ``before_open``: before the opening mark in the same sentence, the subject of the last reporting verb that
   is not passive ("… said that the envoy had been told the remarks were “…”": the one who said)
   (X said: “…” / X said on Monday that … “…” / X called it “…” / X described the move as “…” / X warned
   of “…” / X's office said …), or According to X, “…”.
5. ``according_after``: “…”, according to X.
6. ``paragraph_previous``: the speaker of the previous quotation in the same paragraph.
7. ``continued``: a paragraph that continues the previous paragraph's quotation keeps its speaker.
8. ``next_sentence``: “…” X made the remark: a quotation ending its sentence, the speaker the subject
   opening the next sentence when that sentence has a reporting verb or a speech noun.
9. ``sentence_before``: a paragraph opening with a quotation: the subject of a reporting verb in the
   sentence before (when no name is its subject, the speaker of that sentence's quotation), or the
   actor of a sentence before ending with a colon.
After the sieve, ``continued_backward`` gives an earlier paragraph of a quotation running over several
paragraphs the speaker named at its end. A pronoun (``data/pronouns.csv``: he, she for persons; it, they
for other actors) takes the previous quotation's speaker if it agrees, else the nearest agreeing subject
of the sentences before, across paragraphs. Otherwise the speaker is left empty (``unknown``): never a
guess.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from functools import lru_cache

from ...lexicon import word_list
from ...textmatch import alternation
from ..actors import WORD_RE, actor_named, fold_accents
from .gender import note_pronoun
from .roles import role_speaker
from .article import LEADING_WORDS, _Article, _pronoun_span, _proxy_speaker, _Quote, _resolve_pronoun, _subject

_LEAD_WORD_RE = re.compile(r"[\s,.!?]*\w+\s*$")
_WORD_CHAR_RE = re.compile(r"\w")
MAX_WORDS_BEFORE_VERB = 8


@dataclass
class _Context:
    """What a sieve knows besides the quotation: its paragraph's quotations, the article's earlier ones."""

    para_quotes: list[_Quote]
    previous: list[_Quote]
    para_start: int
    prev_para_end: int | None
    # kept so that each quotation costs the same however many came before (linear time, issue 16):
    para_opens: list[int] = field(default_factory=list)     # the opening marks of para_quotes, sorted
    spoken: list[_Quote] = field(default_factory=list)      # the previous quotations that have a speaker
    para_spoken: list[_Quote] = field(default_factory=list)  # those of this paragraph, in order


def _by_pronoun(art: _Article, q: _Quote, ctx: _Context, pron: str, cue: str, span) -> bool:
    """The speaker a pronoun stands for; the speaker's words are the pronoun's."""
    who, _ = _resolve_pronoun(art, pron, q.open, ctx.spoken, span[0] if span else None)
    q.pronoun = pron
    note_pronoun(art, who, pron)
    return q.name(who, "pronoun", cue, span)


_HEADLINE_NAME_RE = re.compile(r"\s*((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s*:\s*$")


def headline(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """Headlines and crossheads ``Name: ‘…’``: the name before the colon, linked to a person named in the
    article (its full name ends with it) or, when unique, in the gazetteer."""
    m = _HEADLINE_NAME_RE.fullmatch(art.text, ctx.para_start, q.open)
    if m is None:
        return False
    name = m.group(1)
    inside = art.mentions_in(m.start(1), m.end(1))
    if inside:
        return q.name(inside[0][2], "explicit", ":", inside[0][:2])
    folded = fold_accents(name)
    later = [x for x in art.all_mentions if fold_accents(art.text[x[0]:x[1]]).endswith(folded)]
    who = later[0][2] if later else actor_named(name)
    return bool(who) and q.name(who, "explicit", ":", m.span(1))


_QUOTED_AS_SAYING_RE = re.compile(r"\bquot(?:ed|es|ing)\s+(\S.{0,80}?)\s+as\s+say(?:ing)?\b", re.I | re.S)
QUOTED_AS_SAYING_REACH = 160   # characters looked at each side of the quotation: linear time on long paragraphs


def _last_match(pattern: re.Pattern, text: str, start: int, end: int):
    """The last match of ``pattern`` in ``text[start:end]``, or None."""
    found = None
    for found in pattern.finditer(text, start, end):
        pass
    return found


def quoted_as_saying(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """“…,” Reuters quoted X as saying / The broadcaster quoted X as saying: “…”: the one quoted speaks, not
    the outlet quoting them."""
    first, last = art.sentence_at(q.open), art.sentence_at(q.close)
    start, end = (first[0] if first else q.open), (last[1] if last else q.close)
    before, after = max(start, q.open - QUOTED_AS_SAYING_REACH), min(end, q.close + QUOTED_AS_SAYING_REACH)
    m = (_QUOTED_AS_SAYING_RE.search(art.text, q.close, after)
         or _last_match(_QUOTED_AS_SAYING_RE, art.text, before, q.open))
    if m is None:
        return False
    inside = art.mentions_in(m.start(1), m.end(1))
    return bool(inside) and q.name(inside[-1][2], "explicit", "quoted as saying", inside[-1][:2])


def after_close(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """“…,” X said / “…,” said X / “…,” she added: a reporting verb soon after the closing mark."""
    text = art.text
    sent_close = art.sentence_at(q.close) or (q.close, q.close, q.para)
    nxt = bisect_right(ctx.para_opens, q.close)   # the first opening mark after the closing one
    tail_end = min(sent_close[1], ctx.para_opens[nxt]) if nxt < len(ctx.para_opens) else sent_close[1]
    tail_start = q.close + 1
    verbs = [m for m in art.verbs_in(tail_start, tail_end)
             if len(text[tail_start:m.start()].split()) <= MAX_WORDS_BEFORE_VERB]
    if not verbs:
        return False
    v = verbs[0]
    lead = text[tail_start:v.start()]
    pron = _pronoun_span(text, tail_start, v.start()) if _LEAD_WORD_RE.match(lead) else None
    if pron:
        return _by_pronoun(art, q, ctx, pron[0], v.group(0), pron[1])
    before = art.mentions_in(tail_start, v.start())
    inside = [x for x in before if art.can_be_subject(tail_start, x)]
    if inside:
        return q.name(inside[0][2], "explicit", v.group(0), inside[0][:2])
    proxy = _proxy_speaker(art, tail_start, before)
    if proxy is not None:
        return q.name(proxy[2], "explicit", v.group(0), proxy[:2])
    if not _WORD_CHAR_RE.search(lead):
        after = art.mentions_in(v.end(), tail_end)
        if after:
            return q.name(after[0][2], "explicit", v.group(0), after[0][:2])
        role = role_speaker(art, text, v.end(), tail_end, False)   # “…,” said a senior diplomat
    else:
        role = role_speaker(art, text, tail_start, v.start(), True)  # “…,” the ministry (of Norway) said
    return role is not None and q.name(role[0], "explicit", v.group(0), role[1])


def before_open(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """X said: “…” / According to X, “…”: the last reporting verb before the opening mark, in its sentence."""
    sent_open = art.sentence_at(q.open) or (q.open, q.open, q.para)
    head_verbs = [v for v in art.verbs_in(sent_open[0], q.open) if not _passive(art.text, v.start())]
    if not head_verbs:
        return False
    v = head_verbs[-1]
    if v.group(0).lower().startswith("according"):
        after = art.mentions_in(v.end(), q.open)
        return bool(after) and q.name(after[0][2], "explicit", "according to", after[0][:2])
    who, how, span = _subject(art, sent_open[0], v.start())
    if how == "pronoun":
        return _by_pronoun(art, q, ctx, who.split(":")[1], v.group(0), span)
    return bool(who) and q.name(who, "explicit", v.group(0), span)


_PASSIVE_RE = re.compile(r"(?<![\w])(?:been|being|was|were|is|are|be|get|got)\s+$", re.I)


def _passive(text: str, verb_start: int) -> bool:
    """An auxiliary right before the reporting verb makes it passive ("the envoy had been told"): its subject is
    not the speaker (only the 20 characters before the verb are looked at: linear time)."""
    return _PASSIVE_RE.search(text, max(0, verb_start - 20), verb_start) is not None


def according_after(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """“…”, according to X: after the quotation, in its sentence."""
    sent_close = art.sentence_at(q.close) or (q.close, q.close, q.para)
    for m in art.verbs_in(q.close, sent_close[1]):
        if m.group(0).lower().startswith("according"):
            after = art.mentions_in(m.end(), sent_close[1])
            if after:
                return q.name(after[0][2], "explicit", "according to", after[0][:2])
    return False


def paragraph_previous(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """The speaker of the previous quotation of the same paragraph."""
    earlier = next((p for p in reversed(ctx.para_spoken) if p.close < q.open), None)
    return earlier is not None and q.name(earlier.speaker_id, "previous", None, earlier.speaker_span)


def continued(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """A paragraph opening with the continuation of the previous paragraph's quotation keeps its speaker."""
    last = ctx.previous[-1] if ctx.previous else None
    if q.open != ctx.para_start or last is None or not last.continued or last.para != q.para - 1:
        return False
    if last.speaker_id:
        q.name(last.speaker_id, "previous", None, last.speaker_span)
    return True


@lru_cache(maxsize=None)
def _speech_noun_re() -> re.Pattern:
    return re.compile(rf"(?<![\w]){alternation(word_list('speech_nouns.txt'))}(?![\w])", re.I)


def next_sentence(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """“…” X made the remark in Ottawa: a quotation that ends its sentence, the speaker the subject opening the
    next sentence of the paragraph when that sentence has a reporting verb or a speech noun (``speech_nouns.txt``)."""
    sent = art.sentence_at(q.close)
    nxt = art.next_sentence(q.close)
    if sent is None or nxt is None or nxt[2] != q.para or art.text[q.close + 1:sent[1]].strip(" .,!?"):
        return False
    mentions = art.mentions_in(nxt[0], nxt[1])
    if not mentions or not art.can_be_subject(nxt[0], mentions[0]):
        return False
    first = mentions[0]
    if {w.lower() for w in WORD_RE.findall(art.text[nxt[0]:first[0]])} - LEADING_WORDS:
        return False
    cue = (art.verbs_in(first[1], nxt[1]) or [None])[0] or _speech_noun_re().search(art.text, first[1], nxt[1])
    return cue is not None and q.name(first[2], "explicit", cue.group(0), first[:2])


def sentence_before(art: _Article, q: _Quote, ctx: _Context) -> bool:
    """A paragraph opening with a quotation: the subject of the reporting verb of the sentence before, or the
    actor of a sentence before that ends with a colon."""
    if q.open != ctx.para_start or ctx.prev_para_end is None:
        return False
    prev = art.previous_sentence(q.open)
    if prev is None:
        return False
    pv = art.verbs_in(prev[0], prev[1])
    if pv and not pv[-1].group(0).lower().startswith("according"):
        who, how, span = _subject(art, prev[0], pv[-1].start())
        if how == "explicit":
            return q.name(who, "previous", None, span)
        spoken = _spoken_in(ctx, prev)  # “…,” she said. ¶ “…”
        if spoken is not None:
            return q.name(spoken.speaker_id, "previous", None, spoken.speaker_span)
    if art.text[prev[0]:prev[1]].rstrip().endswith(":"):
        inside = art.mentions_in(prev[0], prev[1])
        if inside:
            return q.name(inside[0][2], "previous", None, inside[0][:2])
    return False


def _spoken_in(ctx: _Context, sent: tuple[int, int, int]):
    """The last quotation, if it lies in the sentence and has a speaker (None otherwise)."""
    last = ctx.previous[-1] if ctx.previous else None
    return last if last is not None and last.speaker_id and sent[0] <= last.open < sent[1] else None


# the sieve, in order: explicit patterns first, then paragraph and conversation rules
SIEVES = (headline, quoted_as_saying, after_close, before_open, according_after, paragraph_previous, continued, next_sentence,
          sentence_before)


def attribute(art: _Article, q: _Quote, ctx: _Context) -> None:
    """Run the sieves in order on one quotation; the first that decides names the speaker and the rule."""
    for sieve in SIEVES:
        if sieve(art, q, ctx):
            q.rule = sieve.__name__
            return
