"""Build the timeline of dated statements from the temporal expressions (its figures live in views/figures).

A dated statement is a sentence holding a resolved calendar DATE expression (a year, month, ISO
week or day). When that expression names the publication day itself and the sentence reports
speech ("Rutte said on Monday"), the statement is dated by the article's publication date. The
grouped view counts, for each date, how many outlets and articles report something on it.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from dateutil.relativedelta import relativedelta

from ..extract.timex import clause_bounds, load_lexicon, value_to_date

TIMELINE_COLUMNS = ["date", "value", "granularity", "article_id", "outlet", "agency", "para", "sent", "start", "end",
                    "text", "timex_start", "timex_end", "timex", "basis", "label"]
DAY_COLUMNS = ["date", "value", "granularity", "n_sources", "n_independent", "n_articles", "n_statements", "outlets",
               "article_ids", "label"]
GRANULARITIES = ("year", "month", "week", "day")
LABEL_WORDS = 10


def calendar_value(value: str) -> tuple[dt.date, str] | None:
    """Return (first day, granularity) of a DATE or TIME value that names a calendar period."""
    return value_to_date((value or "").split("T")[0])


def statement_label(sentence: str, start: int, end: int, words: int = LABEL_WORDS) -> str:
    """Return a short label for a statement: up to ``words`` words of the clause that holds the expression.

    When the expression lies deep in the clause, the clause's first two words (usually who acted)
    are kept and the words between are elided with an ellipsis.
    """
    lo, hi = clause_bounds(sentence, start, end)
    tokens = sentence[lo:hi].split()   # the same words as re.findall(r"\S+", ...)
    if len(tokens) < 4:
        lo, hi = 0, len(sentence)
        tokens = sentence.split()
    # the last word that starts before the expression's end: each such word leaves one word in the text before end
    last = max(len(sentence[lo:max(lo, min(end, hi))].split()) - 1, 0)
    first = max(0, last + 3 - words) if last >= words - 2 else 0
    chosen = tokens[first:first + words]
    label = " ".join(chosen).strip(" ,;.-")
    if first:  # keep the clause's first words, usually who acted
        head = " ".join(tokens[:min(2, first)]).strip(" ,;.-")
        label = head + (" … " if first > 2 else " ") + label
    label += " …" if first + words < len(tokens) else ""
    return label[:1].upper() + label[1:]


def build_timeline(corpus, timexes: pd.DataFrame) -> pd.DataFrame:
    """Return one row per dated statement (sentence x calendar DATE expression), sorted by date."""
    lex = load_lexicon()
    arts = corpus.articles
    outlets = dict(zip(arts.article_id.tolist(), arts.outlet.tolist()))
    agencies = dict(zip(arts.article_id.tolist(), arts.agency.tolist()))
    published = dict(zip(arts.article_id.tolist(), arts.published.tolist()))
    sents = corpus.sentences
    sentences = {(a, n): (para, st, en, text) for a, n, para, st, en, text in
                 zip(*(sents[c].tolist() for c in ("article_id", "sent", "para", "start", "end", "text")))}
    reports: dict[tuple, bool] = {}
    rows = []
    columns = ("resolved", "type", "value", "article_id", "sent", "start", "end", "text")
    for resolved, kind, value, article_id, sent, start, end, text in zip(*(timexes[c].tolist() for c in columns)):
        if not resolved or kind not in ("DATE", "TIME"):
            continue
        placed = calendar_value(value)
        if placed is None:
            continue
        date, granularity = placed
        key = (article_id, sent)
        para, s_start, s_end, s_text = sentences[key]
        if key not in reports:
            reports[key] = lex.reporting_re.search(s_text) is not None
        basis = ("publication date" if reports[key] and granularity == "day" and date == published[article_id]
                 else "expression")
        rows.append((   # in TIMELINE_COLUMNS order
            date, value.split("T")[0], granularity, article_id, outlets[article_id] or article_id,
            agencies[article_id] or "", int(para), int(sent), int(s_start), int(s_end), s_text,
            int(start), int(end), text, basis, statement_label(s_text, start - s_start, end - s_start),
        ))
    table = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    for col in ("para", "sent", "start", "end", "timex_start", "timex_end"):
        table[col] = table[col].astype("int64")
    return sort_timeline(table)


def sort_timeline(table: pd.DataFrame) -> pd.DataFrame:
    """Return the timeline rows in reading order: by date, granularity, article and position."""
    table = table.sort_values(["date", "granularity", "article_id", "timex_start"], kind="stable",
                              key=lambda c: c.map(GRANULARITIES.index) if c.name == "granularity" else c)
    return table.reset_index(drop=True)


def group_days(timeline: pd.DataFrame) -> pd.DataFrame:
    """Group the timeline by date value: how many outlets, articles and statements back each date."""
    names = ("value", "granularity", "date", "outlet", "agency", "article_id", "label")
    found: dict[tuple, list] = {}   # (value, granularity) -> its rows, groups in order of first appearance
    for row in zip(*(timeline[c].tolist() for c in names)):
        if pd.isna(row[0]) or pd.isna(row[1]):
            continue   # as pandas groupby, which leaves out missing keys
        found.setdefault((row[0], row[1]), []).append(row)
    rows = []
    for (value, granularity), g in found.items():
        outlets = sorted({r[3] for r in g})
        # outlets that carry the same wire agency's copy count once as an independent source
        independent = {r[4] or r[3] for r in g}
        plain = [r for r in g if not (isinstance(r[6], str) and " … " in r[6])]
        rows.append({
            "date": g[0][2], "value": value, "granularity": granularity,
            "n_sources": len(outlets), "n_independent": len(independent),
            "n_articles": len({r[5] for r in g if not pd.isna(r[5])}), "n_statements": len(g),
            "outlets": "; ".join(outlets), "article_ids": "; ".join(sorted({r[5] for r in g})),
            "label": (plain or g)[0][6],
        })
    table = pd.DataFrame(rows, columns=DAY_COLUMNS)
    for col in ("n_sources", "n_independent", "n_articles", "n_statements"):
        table[col] = table[col].astype("int64")
    return table.sort_values(["date", "value"], kind="stable").reset_index(drop=True)


def timeline_extractor(corpus, tables: dict) -> dict[str, pd.DataFrame]:
    """Pipeline step (article by article): the ``timeline`` table (needs ``timexes``)."""
    return {"timeline": build_timeline(corpus, tables["timexes"])}


def timeline_aggregator(corpus, tables: dict) -> dict[str, pd.DataFrame]:
    """Pipeline step (whole corpus): ``timeline`` in date order across chunks, and ``timeline_days``."""
    timeline = sort_timeline(tables["timeline"])
    return {"timeline": timeline, "timeline_days": group_days(timeline)}


def describe_value(value: str) -> str:
    """Say in words which period a TIMEX3 value places an expression in."""
    fixed = {"PRESENT_REF": "the present (the publication date)", "PAST_REF": "some time in the past",
             "FUTURE_REF": "some time in the future"}
    if value in fixed:
        return fixed[value]
    m = re.fullmatch(r"P(X|\d+)(DE|CE|[DWMY])", value or "")
    if m:
        unit = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century"}[m.group(2)]
        if m.group(1) == "X":
            return f"a span of an unspecified number of {unit}s" if unit != "century" else "centuries"
        n = int(m.group(1))
        return f"a span of {n} {unit}{'s' if n != 1 else ''}"
    placed = calendar_value(value)
    if placed is None:
        return "not placed" if not value else value
    date, granularity = placed
    if granularity == "week":
        last = date + relativedelta(days=6)
        return f"the week {date:%a %d %b} to {last:%a %d %b %Y} (ISO {value[:8]})"
    if granularity == "month":
        return f"the month {date:%B %Y}"
    if granularity == "year":
        return f"the year {date.year}"
    return f"the day {date:%A %d %B %Y}"
