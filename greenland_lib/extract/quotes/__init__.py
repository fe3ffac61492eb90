"""Direct quotations and their speakers.

Stages (``find_quotes_with_problems``): pair the quote marks of each paragraph (``marks``); keep the
quotations (below); attribute each one's speaker with the ordered sieve (``sieves``). A speaker named by a
role or a group rather than a name ("a senior official", "the ministry") is an actor of its own
(``roles``); a pronoun speaker agrees in gender (``gender``).

An opening mark that is never closed in its paragraph is reported in ``problems`` (file and character
offset) and that quotation is skipped, unless the next paragraph opens with a quote mark (the wire
convention for a quotation running over several paragraphs). The reported span is the text between the
marks, without surrounding white space and without a trailing comma.

Not quotations: a quoted heading ('Unease'), and a short quoted name in title case without
punctuation ("Golden Dome" missile defence system) or after a naming word (``quote_name_cues.txt``); but
one or a few capitalised words with a comma inside the closing mark and a reporting verb right after it
are a quotation (“No,” she said).

A quotation is a *fragment* when it does not stand as a sentence of its own: it starts in lower case,
or it is embedded after other words without a colon or comma before it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

import pandas as pd

from ...corpus.loading import PROBLEM_COLUMNS
from ...lexicon import word_list
from ..actors import find_mentions, load_gazetteer
from .article import _Article, _Quote, _verb_re
from .marks import ALL_MARKS, DOUBLE_CLOSE, DOUBLE_OPEN, MARK_RE, SINGLE_CLOSE, SINGLE_OPEN, pair_quote_marks
from .roles import speaker_actor_rows
from .sieves import SIEVES, _Context, attribute

QUOTE_COLUMNS = ["article_id", "para", "start", "end", "text", "fragment", "speaker_id", "speaker_how", "cue", "rule",
                 "speaker_text", "speaker_start", "speaker_end"]
SPEAKER_HOWS = ("explicit", "pronoun", "previous", "unknown")
TITLE_FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "a", "de", "to"}
MAX_NAME_WORDS = 5
_SENTENCE_PUNCT_RE = re.compile(r"[.,;:!?]")
_LETTER_RE = re.compile(r"[^\W\d_]")
CONTINUATION_OPENERS = "\"“‘'«‶″"

__all__ = ["ALL_MARKS", "DOUBLE_CLOSE", "DOUBLE_OPEN", "QUOTE_COLUMNS", "SIEVES", "SINGLE_CLOSE", "SINGLE_OPEN",
           "SPEAKER_HOWS", "extract_quotes", "find_quotes", "find_quotes_with_problems", "pair_quote_marks"]


@lru_cache(maxsize=None)
def _name_cue_re() -> re.Pattern:
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in word_list("quote_name_cues.txt"))
    return re.compile(rf"(?<![\w])(?:{cues})\s*[,:]?\s*$", re.I)


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
    if not words or len(words) > MAX_NAME_WORDS or _SENTENCE_PUNCT_RE.search(content) or _answered(text, q):
        return False
    return all(w[0].isupper() or w.lower() in TITLE_FUNCTION_WORDS for w in words) and words[0][0].isupper()


def _answered(text: str, q: _Quote) -> bool:
    """“No,” she said / “Slowly,” he added: a comma inside the closing mark and a reporting verb within three words
    after it make even one capitalised word a quotation, not a name."""
    if text[q.end:q.close].strip() != ",":
        return False
    verb = _verb_re().search(text, q.close + 1, q.close + 40)
    return verb is not None and len(text[q.close + 1:verb.start()].split()) <= 3


def _is_fragment(text: str, q: _Quote, sent_start: int) -> bool:
    first = _LETTER_RE.search(text, q.start, q.end)
    if first is None or not first.group(0).isupper():
        return True
    before = text[sent_start:q.open].rstrip()
    before = before.rstrip(ALL_MARKS).rstrip()
    return not (before == "" or before.endswith((":", ",", "--", "—", "–")))


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


def _article_mentions(mentions: pd.DataFrame, rows: list[tuple], article_id: str) -> list[tuple[int, int, str]]:
    """An article's (start, end, actor_id) mentions in text order (ties: pandas' own order)."""
    found = sorted(rows, key=itemgetter(0))
    if len({x[0] for x in found}) < len(found):  # two mentions start at one offset
        m = mentions[mentions["article_id"] == article_id].sort_values("start")
        found = list(zip(m["start"], m["end"], m["actor_id"]))
    return found


def _warning(file: str, message: str) -> dict:
    return {"file": file, "severity": "warning", "message": message}


MAX_MARK_PROBLEMS = 20   # quote-mark warnings listed per article; the rest are counted in one row (issue 16)


def _summarised(rows: list[dict], file: str) -> list[dict]:
    """An article's quote-mark warnings: the first MAX_MARK_PROBLEMS, then one row counting the others."""
    if len(rows) <= MAX_MARK_PROBLEMS:
        return rows
    more = len(rows) - MAX_MARK_PROBLEMS
    return rows[:MAX_MARK_PROBLEMS] + [_warning(file, f"{more:,} more quote-mark problem(s) in this article, "
                                                      "not listed one by one")]


def _paragraph_pairs(text: str, paras: list, k: int, file: str, problems: list) -> tuple[list, set]:
    """The quote-mark pairs of paragraph k (a quotation continued in the next paragraph ends at the
    paragraph's end), and the openers of those continued quotations; problems are appended."""
    para, p_start, p_end, _ = paras[k]
    pairs, probs, unclosed = pair_quote_marks(text, p_start, p_end)
    for pos, msg in probs:
        problems.append(_warning(file, f"{msg} (offset {pos}, paragraph {para}); the rest of the article is still read"))
    continued = set()
    if unclosed is not None:
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if nxt is not None and text[nxt[1]] in CONTINUATION_OPENERS:
            pairs.append((unclosed, p_end))  # a quotation continued in the next paragraph
            continued.add(unclosed)
        else:
            problems.append(_warning(file, f"unbalanced quote mark {text[unclosed]} at offset {unclosed} "
                                           f"(paragraph {para}): no closing mark in the paragraph; "
                                           "that quotation is skipped, the rest of the article is still read"))
    return pairs, continued


def _kept_quote(text: str, o: int, c: int, para: tuple, continued: set) -> _Quote | None:
    """The quotation between the marks o and c, unless it is empty, a quoted heading, a name or a title."""
    pn, p_start, p_end, kind = para
    q = _Quote(o, c, pn, continued=o in continued)
    q.start, q.end = _trim(text, o + 1, c)
    if q.end <= q.start:
        return None
    if kind == "heading" and not text[p_start:o].strip() and not text[c + 1:p_end].strip(ALL_MARKS + " "):
        return None  # a quoted heading such as 'Unease'
    if _is_name_or_title(text, q, p_start):
        return None
    return q


def _article_quotes(text: str, paras: list, file: str, problems: list) -> tuple[list[tuple[_Quote, int]], list]:
    """The quotations of an article as (quote, paragraph start), and every paired span (masked for mentions)."""
    found: list[tuple[_Quote, int]] = []
    raw_spans = []
    marks = [m.start() for m in MARK_RE.finditer(text)]
    for k, para in enumerate(paras):
        i = bisect_left(marks, para[1])
        if i == len(marks) or marks[i] >= para[2]:
            continue  # no quote mark in the paragraph: nothing to pair
        pairs, continued = _paragraph_pairs(text, paras, k, file, problems)
        for o, c in sorted(pairs):
            raw_spans.append((o, c))
            q = _kept_quote(text, o, c, para, continued)
            if q is not None:
                found.append((q, para[1]))
    return found, raw_spans


def _attribute_all(art: _Article, found: list[tuple[_Quote, int]], paras: list) -> list[_Quote]:
    """Fragment flags and speakers of an article's quotations, in order."""
    para_end: dict[int, int] = {}
    for pn, _, pe, _ in paras:
        para_end.setdefault(pn, pe)
    in_para: dict[int, list[_Quote]] = {}
    for q, _ in found:
        in_para.setdefault(q.para, []).append(q)
    done: list[_Quote] = []
    opens = {para: sorted(q.open for q in quotes) for para, quotes in in_para.items()}
    spoken: list[_Quote] = []   # done quotations with a speaker, article-wide and per paragraph
    para_spoken: dict[int, list[_Quote]] = {}
    for q, p_start in found:
        sent = art.sentence_at(q.open)
        q.fragment = _is_fragment(art.text, q, sent[0] if sent and sent[0] <= q.open else p_start)
        attribute(art, q, _Context(in_para[q.para], done, p_start, para_end.get(q.para - 1), opens[q.para],
                                   spoken, para_spoken.setdefault(q.para, [])))
        done.append(q)
        if q.speaker_id:   # the speakers so far, kept for linear time (issue 16)
            spoken.append(q)
            para_spoken[q.para].append(q)
    _continued_backward(art.text, found)
    return done


def _continued_backward(text: str, found: list[tuple[_Quote, int]]) -> None:
    """A quotation running over several paragraphs is often attributed only in its last one: each earlier
    paragraph of it without a speaker takes the speaker of the next paragraph's part."""
    for k in range(len(found) - 2, -1, -1):
        q = found[k][0]
        if not q.continued or q.speaker_id:
            continue
        nxt, n_start = found[k + 1]
        if nxt.para == q.para + 1 and nxt.speaker_id and not text[n_start:nxt.open].strip(ALL_MARKS + " "):
            q.name(nxt.speaker_id, "previous")
            q.rule = "continued_backward"
            q.speaker_span = nxt.speaker_span


def find_quotes_with_problems(corpus, mentions: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (quotes, problems) for a corpus; problems name the file and offset of unbalanced marks."""
    return _find(corpus, mentions)[:2]


def _find(corpus, mentions: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """(quotes, problems, the role and group speakers by actor id)."""
    if mentions is None:
        mentions = find_mentions(corpus)
    gaz = load_gazetteer()
    kinds = dict(zip(gaz["actor_id"], gaz["kind"]))
    files = dict(zip(corpus.articles["article_id"], corpus.articles["file"]))
    ids = list(corpus.articles["article_id"])
    sentences = _group(corpus.sentences, ids, ["start", "end", "para"])
    paragraphs = _group(corpus.paragraphs, ids, ["para", "start", "end", "kind"])
    by_article = _group(mentions, ids, ["start", "end", "actor_id"])
    rows, problems, roles = [], [], {}
    for article_id in ids:
        text = corpus.text(article_id)
        own: list[dict] = []
        found, raw_spans = _article_quotes(text, paragraphs[article_id], files[article_id], own)
        problems += _summarised(own, files[article_id])
        art = _Article(text, sentences[article_id], _article_mentions(mentions, by_article[article_id], article_id),
                       kinds, raw_spans)
        done = _attribute_all(art, found, paragraphs[article_id])
        for actor_id, role in art.roles.items():
            roles.setdefault(actor_id, role)
        for q in done:
            a, b = q.speaker_span if q.speaker_id and q.speaker_span else (-1, -1)
            rows.append((article_id, q.para, q.start, q.end, text[q.start:q.end], q.fragment, q.speaker_id,
                         q.speaker_how if q.speaker_id else "unknown", q.cue, q.rule if q.speaker_id else "",
                         text[a:b] if a >= 0 else "", a, b))
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    for col in ("para", "start", "end", "speaker_start", "speaker_end"):
        quotes[col] = quotes[col].astype("int64")
    quotes["fragment"] = quotes["fragment"].astype(bool)
    named = set(quotes["speaker_id"])
    return quotes, pd.DataFrame(problems, columns=PROBLEM_COLUMNS), {k: r for k, r in roles.items() if k in named}


def find_quotes(corpus, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return every direct quotation with its speaker (columns ``QUOTE_COLUMNS``)."""
    return find_quotes_with_problems(corpus, mentions)[0]


def extract_quotes(corpus, tables) -> dict[str, pd.DataFrame]:
    """Pipeline extractor: the ``quotes`` table plus warnings for unbalanced quote marks; role and group
    speakers join the ``actors`` table (origin ``speaker``)."""
    quotes, problems, roles = _find(corpus, tables.get("mentions"))
    out = {"quotes": quotes, "problems": problems}
    actors = tables.get("actors")
    if roles and actors is not None:
        extra = speaker_actor_rows(roles)
        out["actors"] = pd.concat([actors, extra[~extra["actor_id"].isin(actors["actor_id"])]], ignore_index=True)
    return out
