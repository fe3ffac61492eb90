"""The extractor's main path: an article's sentences -> trigger windows -> candidates -> resolved rows.

Rules: expressions are found sentence by sentence and resolved in text order against the
publication date (DCT), so that an expression can anchor to the calendar date mentioned before
it. One article that fails never stops the others: its failure becomes a problem row.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from itertools import groupby

import pandas as pd

from ...corpus.loading import PROBLEM_COLUMNS, Corpus
from ...paths import data_file
from .lexicon import load_lexicon
from .calendar import value_to_date
from .rules import ArticleResolver
from .scanning import Candidate, candidates, trigger_windows

COLUMNS = ["article_id", "para", "sent", "start", "end", "text", "type", "value", "anchor", "rule", "resolved"]


def _published(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def tag_sentences(article_id: str, sentences: list[tuple[int, int, int, str]], dct: dt.date | None,
                  file: str = "") -> tuple[list[dict], list[tuple[str, str]]]:
    """Find and resolve the temporal expressions of one article's (para, sent, start, text) sentences."""
    paras, sents, starts, texts = (list(col) for col in zip(*sentences)) if sentences else ([], [], [], [])
    return tag_article(article_id, paras, sents, starts, texts, dct, file)


# double quotes and guillemets; single quotes ('We will sign on Monday,' she said) only from a mark
# that opens a word in capitals to one closing after , . ! or ? (an apostrophe, "don't", "the ministers'", is neither)
QUOTE_PAIRS_RE = re.compile(r"“[^“”]*”|\"[^\"]*\"|«[^«»]*»|(?<!\w)['‘](?=[A-Z])[^\n]*?[,.!?]['’](?!\w)")
QUOTE_MARKS = ('"', "“", "«", "'", "‘")
WORD_RE = re.compile(r"[^\W\d_]+")
# a clock time right before its day ("at 7:15 pm on Monday", "8 p.m. January 11") is on that day
CLOCK_DAY_GAP_RE = re.compile(r"\s+(?:on\s+)?|,\s+(?:on\s+)?")
CLOCK_DAY_RULES = frozenset({"weekday", "weekday_with_date", "month_day", "day_month", "iso_date", "foreign_date"})


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) of each quotation in a sentence, marks included (straight, curly or guillemets)."""
    if any(mark in sentence for mark in QUOTE_MARKS):
        return [m.span() for m in QUOTE_PAIRS_RE.finditer(sentence)]
    return []


def _days_before_their_clocks(text: str, found: list[Candidate]) -> list[Candidate]:
    """The candidates in the order they are resolved: a clock time right before its day after that day."""
    out = list(found)
    for i in range(len(out) - 1):
        clock, day = out[i], out[i + 1]
        if clock.rule == "clock_time" and day.rule in CLOCK_DAY_RULES and \
                CLOCK_DAY_GAP_RE.fullmatch(text, clock.end, day.start):
            out[i], out[i + 1] = day, clock
    return out


def _speech_order(found: list[Candidate], quotes: list[tuple[int, int]]) -> list[tuple[Candidate, bool]]:
    """(candidate, inside a quotation): those outside quotations first, so that they can date the speech."""
    marked = [(c, any(q0 <= c.start and c.end <= q1 for q0, q1 in quotes)) for c in found]
    return [x for x in marked if not x[1]] + [x for x in marked if x[1]]


def _row(resolver: ArticleResolver, c: Candidate, text: str, s_start: int) -> dict | None:
    row = resolver.resolve(c, text, s_start)
    if row is not None:
        row.update(start=s_start + c.start, end=s_start + c.end, text=text[c.start:c.end], rule=c.rule)
        resolver.note(row, row["start"])
    return row


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """The verbs that report speech ("said", "told", "spoke"), lower case, from ``data/reporting_verbs.txt``."""
    lines = data_file("reporting_verbs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _reports_speech(text: str, quotes: list[tuple[int, int]]) -> bool:
    """Whether a sentence has a verb of speech outside its quotations ("he said", "told reporters")."""
    outside = "".join(text[a:b] for a, b in zip([0] + [q1 for _, q1 in quotes], [q0 for q0, _ in quotes] + [len(text)]))
    verbs = speech_verbs()
    return any(w in verbs for w in WORD_RE.findall(outside.lower()))


def _day_of(row: dict) -> tuple[int, dt.date] | None:
    """(offset, day) of a resolved DATE of day granularity, else None."""
    if row["type"] != "DATE" or not row["resolved"]:
        return None
    day = value_to_date(row["value"])
    return (row["start"], day[0]) if day and day[1] == "day" else None


def _carried_speech_day(resolver: ArticleResolver) -> tuple[int, dt.date] | None:
    """The speech day of the sentence before, in this paragraph or the one above, not after the DCT."""
    carried = resolver.speech_para_day
    if carried is None or resolver.para - carried[0] not in (0, 1):
        return None
    if resolver.dct is not None and carried[2] > resolver.dct:
        return None
    return carried[1], carried[2]


def _sentence_rows(resolver: ArticleResolver, text: str, s_start: int, found: list[Candidate]) -> list[dict]:
    """Resolve one sentence's candidates: quoted speech is relative to the day the sentence gives it.

    A quotation in a sentence that dates no speech ("We will sign on Monday," he said) is relative to
    the day the sentence before gave its speech ("The envoy spoke to reporters on Thursday."), in the
    same paragraph or the one above; a day named without a verb of speech ends that speech day.
    """
    quotes = quoted_spans(text)
    found = _days_before_their_clocks(text, found) if len(found) > 1 else found
    speaks = None if not quotes else _reports_speech(text, quotes)
    rows, speech_day = [], _carried_speech_day(resolver) if speaks else None
    for c, quoted in _speech_order(found, quotes):
        resolver.speech = speech_day if quoted else None
        row = _row(resolver, c, text, s_start)
        if row is None:
            continue
        rows.append(row)
        day = None if quoted else _day_of(row)
        if day:
            speech_day = day
            speaks = _reports_speech(text, quotes) if speaks is None else speaks
            resolver.speech_para_day = (resolver.para, *day) if speaks else None
    resolver.speech = None
    rows.sort(key=lambda r: r["start"])
    return rows


def tag_article(article_id: str, paras: list, sents: list, starts: list, texts: list, dct: dt.date | None,
                file: str = "") -> tuple[list[dict], list[tuple[str, str]]]:
    """Rows and (severity, message) problems of one article given as parallel sentence columns."""
    lex = load_lexicon()
    resolver = ArticleResolver(dct, lex, file)
    rows = []
    windows = trigger_windows(texts, lex)
    for i in sorted(windows):
        resolver.para = paras[i]
        for row in _sentence_rows(resolver, texts[i], starts[i], candidates(texts[i], lex, windows[i])):
            row.update(article_id=article_id, para=paras[i], sent=sents[i])
            rows.append(row)
    return rows, _article_problems(resolver, rows, dct)


def _article_problems(resolver: ArticleResolver, rows: list[dict], dct: dt.date | None) -> list[tuple[str, str]]:
    problems = list(resolver.problems)
    unresolved = sum(1 for r in rows if not r["resolved"])
    if dct is None and unresolved:
        problems.append(("warning", f"publication date unknown: {unresolved} relative temporal expression(s) "
                                    "left unresolved"))
    return problems


def _article_spans(article_ids: list) -> dict[str, list[int]]:
    """Each article's rows, from its first to its last (runs of equal ids; cheaper than a pandas groupby)."""
    spans: dict[str, list[int]] = {}
    lo = 0
    for aid, run in groupby(article_ids):
        hi = lo + len(list(run))
        if not pd.isna(aid):  # as groupby: no missing ids
            spans.setdefault(aid, [lo, hi])[1] = hi
        lo = hi
    return spans


def _table(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame({col: [r[col] for r in rows] for col in COLUMNS}, columns=COLUMNS)
    for col in ("para", "sent", "start", "end"):
        table[col] = table[col].astype("int64")
    table["resolved"] = table["resolved"].astype(bool)
    return table


def find_with_problems(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the ``timexes`` table of a corpus and the problems met while resolving."""
    rows, problems = [], []
    sents = corpus.sentences
    cols = [sents[c].tolist() for c in ("para", "sent", "start", "text")]
    spans = _article_spans(sents["article_id"].tolist())
    arts = corpus.articles
    for aid, file, published in zip(arts["article_id"].tolist(), arts["file"].tolist(), arts["published"].tolist()):
        if aid not in spans:
            continue
        lo, hi = spans[aid]
        try:
            found, probs = tag_article(aid, *(c[lo:hi] for c in cols), _published(published), file)
        except Exception as exc:  # never let one article stop the pipeline
            found, probs = [], [("error", f"temporal expressions not extracted: {type(exc).__name__}: {exc}")]
        rows.extend(found)
        problems.extend({"file": file, "severity": sev, "message": msg} for sev, msg in probs)
    return _table(rows), pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def find_timexes(corpus: Corpus) -> pd.DataFrame:
    """Return every temporal expression of a corpus with its TIMEX3 type and value (columns COLUMNS)."""
    return find_with_problems(corpus)[0]


def timexes_extractor(corpus: Corpus, tables: dict) -> dict[str, pd.DataFrame]:
    """Pipeline step: the ``timexes`` table and any problems met while resolving."""
    table, problems = find_with_problems(corpus)
    return {"timexes": table, "problems": problems}
