"""The findings of each notebook, written from the tables as Markdown sentences.

One public function per notebook (``overview``, ``timeline``, ``actors``, ``outcome``, ``validation``)
takes the tables of :func:`greenland_lib.pipeline.extract` and returns a :class:`Findings`: a short
paragraph for "Findings in brief" and the bullet list of ``## Findings``. Rules:

- every number and every name in a finding is read from the tables (or from the scores of
  :func:`greenland_lib.validation.evaluate.evaluate`), never typed in; the sentence pieces (numbers in
  words, plurals, lists, dates) come from :mod:`greenland_lib.views.prose`;
- each bullet ends with the sentences it rests on, linked to their line in the article file;
- a finding whose evidence is missing from the corpus is left out rather than written with a zero,
  except where "no ..." is itself the finding (no parsing problem, no event carried by two outlets).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .crisis import as_day, crisis_window, filter_rows, group_labels, n_outlets, valences
from .prose import Citer, between, count, day, days, join, join_limited, noun, number, sources, span, times

TOP = 4          # actors, speakers and days named in one sentence
LIST_LIMIT = 5   # items of a list before "and K more"


@dataclass
class Findings:
    """The findings of one notebook: a paragraph in brief and a list of bullets with their evidence."""

    brief: str = ""
    items: list[str] = field(default_factory=list)

    @property
    def section(self) -> str:
        """The bullets as one Markdown list."""
        return "\n".join(f"- {item}" for item in self.items)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def _finish(parts: list[tuple[str, str]], brief: list[str]) -> Findings:
    """Bullets from (claim, citations) pairs; the brief from the given claims."""
    items = [_sentence(claim)[:-1] + sources(cites) + "." for claim, cites in parts if claim]
    return Findings(" ".join(_sentence(b) for b in brief if b), items)


def _event_rows(event_ids: str) -> list:
    """(article_id, start) rows from an event group's ``event_ids`` ("article:start;...")."""
    rows = []
    for eid in str(event_ids or "").split(";"):
        art, _, start = eid.rpartition(":")
        if art and start.isdigit():
            rows.append(pd.Series({"article_id": art, "start": int(start)}))
    return rows


def annotated(tables: dict) -> dict:
    """The tables cut to the articles the hand annotation covers (so that other articles add no extras)."""
    from ..validation.evaluate import load_gold

    ids: set[str] = set()
    for name in ("timexes.csv", "mentions.csv", "quotes.csv", "events.csv"):
        gold, _ = load_gold(name)
        if gold is not None:
            ids |= set(gold["article_id"].astype(str))
    return {k: (v[v["article_id"].astype(str).isin(ids)].reset_index(drop=True)
                if isinstance(v, pd.DataFrame) and "article_id" in v.columns else v) for k, v in tables.items()}


# ----------------------------------------------------------------------------- 00 overview

def _agency_clause(arts: pd.DataFrame, participle: bool = False) -> str:
    wired = arts[arts["agency"].fillna("") != ""]
    if wired.empty:
        return ""
    names = join(sorted(set(wired["agency"])))
    verb = "carrying" if participle else "carries" if len(wired) == 1 else "carry"
    if len(wired) == len(arts):
        return f"all of them {'carrying' if participle else 'carry'} {names} copy"
    return f"{number(len(wired))} of them {verb} {names} copy"


def _basis_clause(arts: pd.DataFrame) -> str:
    basis = arts["published_basis"].fillna("").value_counts()
    own, table = int(basis.get("header", 0)), int(basis.get("sources", 0))
    rest = len(arts) - own - table
    parts = []
    if own:
        parts.append(f"{'only ' if own < len(arts) / 2 else ''}{count(own, 'file')} "
                     f"{'states its' if own == 1 else 'state their'} own publication date")
    if table:
        parts.append(f"{'the other ' + number(table) if own and not rest else number(table)} "
                     f"{'is' if table == 1 else 'are'} dated from the provenance table")
    if rest == len(arts):
        parts.append("no file has a publication date" if rest > 1 else "the file has no publication date")
    elif rest:
        parts.append(f"{number(rest)} {'has' if rest == 1 else 'have'} no publication date")
    return "; ".join(parts)


def _publication_days(arts: pd.DataFrame) -> str:
    dates = sorted(d for d in arts["published"] if d is not None and not pd.isna(d))
    if not dates:
        return ""
    if len(dates) <= 6:
        return f"dated {days(dates)}"
    return f"published {between(dates[0], dates[-1])}"


def _health(tables: dict, corpus) -> str:
    """Whether the sentence offsets give back the text (when the corpus is given) and the files parsed."""
    problems = tables["problems"]
    bad = problems["file"].nunique() if len(problems) else 0
    offsets = ""
    if corpus is not None:
        wrong = sum(corpus.text(s.article_id)[s.start:s.end] != s.text for s in tables["sentences"].itertuples())
        offsets = ("every sentence's offsets give back its exact text" if not wrong else
                   f"{count(wrong, 'sentence')} {'does' if wrong == 1 else 'do'} not give back the text at "
                   f"{'its' if wrong == 1 else 'their'} offsets")
    health = ("no file has a parsing problem" if not bad else
              f"{count(bad, 'file')} {'has' if bad == 1 else 'have'} a problem, listed below")
    return " and ".join(x for x in (offsets, health) if x)


def overview(tables: dict, corpus=None) -> Findings:
    """What is in the corpus: reports, words, outlets, agencies, dates, and whether the files parsed."""
    arts, cite = tables["articles"], Citer(tables)
    n, outlets = len(arts), [o for o in dict.fromkeys(arts["outlet"].fillna("")) if o]
    words, sents = int(arts["n_words"].sum()), int(arts["n_sentences"].sum())
    firsts = tables["sentences"].groupby("article_id").head(1)
    agency, when = _agency_clause(arts), _publication_days(arts)
    carrying = _agency_clause(arts, participle=True)
    size = (f"{count(n, 'report', True)} ({words:,} words, {sents:,} sentences) from "
            f"{count(len(outlets), 'outlet')}" + (f", {carrying}" if carrying else "") + (f", {when}" if when else ""))
    basis, health = _basis_clause(arts), _health(tables, corpus)
    dates = [d for d in arts["published"] if d is not None and not pd.isna(d)]
    brief = [f"the corpus holds {count(n, 'news report')}, {words:,} words in {sents:,} sentences, published "
             f"{between(min(dates), max(dates)) if dates else 'on unknown dates'} by "
             + (f"{count(len(outlets), 'outlet')} ({join_limited(outlets, LIST_LIMIT)})" if outlets else "outlets not named")
             + (f"; {agency}" if agency else ""), basis,
             health]
    parts = [(size, cite.cite_rows(firsts.itertuples())), (basis, ""), (health, "")]
    return _finish(parts, brief)


# ----------------------------------------------------------------------------- 01 timeline

def _history(days_table: pd.DataFrame, timeline: pd.DataFrame, window, cite: Citer) -> tuple[str, str]:
    years = days_table[days_table["granularity"] == "year"]
    if window.start is not None:  # the years before the crisis window's own year
        years = filter_rows(years, [d.year < window.start.year for d in years["date"]])
    if years.empty:
        return "", ""
    shown = []
    for y in years.itertuples():
        said = [t for t in timeline[timeline["value"] == y.value]["timex"].unique() if t != y.value]
        extra = f" (\"{said[0]}\")" if said else ""
        if y.n_sources > 1:
            extra += f" ({count(y.n_sources, 'outlet')}, {count(y.n_independent, 'independent source')})"
        shown.append(f"{y.value}{extra}")
    if len(shown) == 1:
        claim = f"the only year of the background is {shown[0]}"
    else:
        middle = f" through {join(shown[1:-1])}" if len(shown) > 2 else ""
        claim = f"the background runs from {shown[0]}{middle} to {shown[-1]}"
    evidence = timeline[timeline["value"].isin([years.iloc[0]["value"]])].itertuples()
    return claim, cite.cite_rows(evidence, 2)


def _best_day(days_table: pd.DataFrame, timeline: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    d = days_table[days_table["granularity"] == "day"]
    if d.empty:
        return "", ""
    best = d.sort_values(["n_statements", "n_sources", "date"], ascending=[False, False, True]).iloc[0]
    outlets = [o for o in str(best["outlets"]).split("; ") if o]
    claim = (f"{day(best['date'], weekday=True)} is the best-documented day: "
             f"{count(best['n_statements'], 'statement')} in {count(best['n_sources'], 'outlet')}")
    if 1 < len(outlets) <= LIST_LIMIT:
        claim += f" ({join(outlets)})"
    others = d[d["date"] != best["date"]]
    several = int((others["n_sources"] > 1).sum())
    if len(others):
        claim += (". Every other day rests on a single outlet" if not several else
                  f". {count(several, 'other day', True)} {'has' if several == 1 else 'have'} more than one outlet")
    rows = timeline[timeline["value"] == best["value"]].itertuples()
    return claim, cite.cite_rows(rows, 3)


def _window_claim(timeline: pd.DataFrame, window, cite: Citer) -> tuple[str, str]:
    dated = [as_day(v) for v in timeline["value"]]
    n_day = sum(d is not None for d in dated)
    if window.start is None:
        return "", ""
    inside = filter_rows(timeline, [d is not None and window.contains(d) for d in dated]).sort_values("date", kind="stable")
    ends = [inside.iloc[0], inside.iloc[-1]] if len(inside) else []
    claim = (f"the crisis window, the densest span of day-dated statements, runs from "
             f"{span(window.start, window.end)} and holds "
             + (f"all {number(n_day)} day-dated statements" if window.n_inside == n_day else
                f"{window.n_inside} of the {count(n_day, 'day-dated statement')}"))
    if window.outliers:
        claim += f"; the days outside it are {join_limited([day(o) for o in window.outliers], LIST_LIMIT)}"
    return claim, cite.cite_rows(ends, 2)


def _events_by_date(groups: pd.DataFrame, labels: pd.Series, cite: Citer) -> tuple[str, str]:
    dated = groups[groups["date"].fillna("") != ""]
    if dated.empty:
        return "", ""
    kinds = dated["date"].drop_duplicates().map(
        lambda v: "day" if as_day(v) else "ISO week" if "-W" in v else "month" if re.fullmatch(r"\d{4}-\d{2}", v) else "period")
    per_kind = [count(n, k) for k, n in kinds.value_counts().sort_index().items()]
    per_date = dated["date"].value_counts(sort=False).sort_index().sort_values(ascending=False, kind="stable")
    top = [f"{n} on {day(as_day(v), year=False)}" for v, n in per_date.head(2).items() if as_day(v) and n > 1]
    claim = (f"the coded events count {count(len(dated), 'real event')} on {count(per_date.size, 'date')} "
             f"({join(per_kind)})" + (f", {join(top)}" if top else ""))
    several = filter_rows(dated, [n > 1 for n in n_outlets(dated["outlets"])])
    if several.empty:
        claim += "; none is reported by more than one outlet"
    else:
        named = [f"\"{labels[i]}\" ({day(as_day(g.date), year=False) if as_day(g.date) else g.date})"
                 for i, g in several.iterrows()]
        claim += (f"; only {join_limited(named, LIST_LIMIT)} {'is' if len(named) == 1 else 'are'} reported by more "
                  "than one outlet, and every other event rests on one")
    evidence = [r for eids in several["event_ids"] for r in _event_rows(eids)]
    return claim, cite.cite_rows(evidence, 3)


def _vague(timexes: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    from ..analysis.timeline import describe_value

    vague = timexes[~timexes["value"].str.fullmatch(r"\d{4}(-\d{2}-\d{2})?")].drop_duplicates("value")
    if vague.empty:
        return "", ""
    placed = [f"\"{t.text}\" as {describe_value(t.value)}" for t in vague.itertuples()]
    return f"vague references are placed, not guessed: {join_limited(placed, 6)}", cite.cite_rows(vague.itertuples(), 3)


def _resolved_claim(n_tx: int, resolved: int, n_art: int, n_calendar: int, n_statements: int, n_dates: int) -> str:
    """How many temporal expressions are placed on the calendar, and how many statements and dates they give."""
    reports = count(n_art, "report")
    if not n_tx:
        return f"the {reports} hold no temporal expression"
    if not resolved:
        return (f"none of the {count(n_tx, 'temporal expression')} in the {reports} could be placed on the calendar "
                "(an expression such as \"on Monday\" needs the article's publication date)")
    if resolved == n_tx:
        claim = (f"{'all ' if n_tx > 1 else ''}{count(n_tx, 'temporal expression')} in the {reports} "
                 f"{'is' if n_tx == 1 else 'are'} resolved to a calendar value")
    else:
        claim = (f"{number(resolved)} of the {count(n_tx, 'temporal expression')} in the {reports} "
                 f"{'is' if resolved == 1 else 'are'} resolved to a calendar value")
    if n_calendar:
        claim += (f"; the {number(n_calendar)} that name a calendar period date {count(n_statements, 'statement')} "
                  f"on {count(n_dates, 'date')}")
    return claim


def timeline(tables: dict) -> Findings:
    """When things happened: expressions resolved, the background years, the best-documented day, the window."""
    tx, tl, d, groups = tables["timexes"], tables["timeline"], tables["timeline_days"], tables["event_groups"]
    cite = Citer(tables)
    window = crisis_window(tl["value"])
    resolved = int(tx["resolved"].astype(bool).sum()) if "resolved" in tx else len(tx)
    first = _resolved_claim(len(tx), resolved, tables["articles"]["article_id"].nunique(),
                            tl[["article_id", "timex_start"]].drop_duplicates().shape[0], len(tl), len(d))
    history, best, events = _history(d, tl, window, cite), _best_day(d, tl, cite), \
        _events_by_date(groups, group_labels(groups, tables["actors"]), cite)
    win = _window_claim(tl, window, cite)
    parts = [(first, ""), history, best, win, events, _vague(tx, cite)]
    return _finish(parts, [first, history[0], best[0], win[0]])


# ----------------------------------------------------------------------------- 02 actors

def actor_name(name: str) -> str:
    """An actor's name as a sentence uses it: no bracketed part, "the" where the label rules say so."""
    from ..analysis.labels import with_article

    return with_article(re.sub(r"\s*\([^)]*\)", "", str(name)).strip())


def _who_appears(table: pd.DataFrame, mentions: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    top = table.head(TOP)
    if top.empty:
        return "", ""
    listed = [f"{actor_name(r.name)} ({r.mentions:,}{' mentions' if i == 0 else ''})" for i, r in enumerate(top.itertuples())]
    claim = (f"{count(int(table['mentions'].sum()), 'mention')} of {count(len(table), 'actor')}; "
             f"{join(listed)} {'is' if len(listed) == 1 else 'are'} the most named")
    rows = [mentions[mentions["actor_id"] == a].iloc[0] for a in top["actor_id"][:3]]
    return claim, cite.cite_rows(rows, 3)


def _who_speaks(table: pd.DataFrame, quotes: pd.DataFrame, actors: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    speakers = table[table["quotes"] > 0]
    if speakers.empty:
        return "no actor is quoted", ""
    top = speakers.head(2)
    listed = [f"{actor_name(r.name)} ({count(r.quotes, 'quotation')}, {r.quoted_words} words)" for r in top.itertuples()]
    claim = (f"{count(int(speakers['quotes'].sum()), 'quotation')} from {count(len(speakers), 'speaker')}; "
             f"{join(listed)} {'is' if len(listed) == 1 else 'are'} quoted most")
    found = set(actors.loc[actors["origin"] == "discovered", "actor_id"])
    new = speakers[speakers["actor_id"].isin(found)]
    if len(new):
        claim += (f"; {count(len(new), 'person')} found in the text but absent from the gazetteer "
                  f"{'is' if len(new) == 1 else 'are'} quoted too")
    rows = [quotes[quotes["speaker_id"] == a].iloc[0] for a in top["actor_id"]]
    return claim, cite.cite_rows(rows, 2)


def _only_spoken(table: pd.DataFrame, quotes: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    persons = table[table["kind"] == "person"].sort_values(["mentions", "name"], ascending=[False, True])
    if persons.empty:
        return "", ""
    p = persons.iloc[0]
    short = actor_name(p["name"]).split()[-1]
    said = quotes[quotes["speaker_id"] == p["actor_id"]]
    frags = int(said["fragment"].astype(bool).sum())
    words = int(said["text"].str.split().str.len().sum()) if len(said) else 0
    if said.empty:
        claim = f"{short} is the most-named person but is never quoted"
    elif frags == len(said):
        claim = (f"{short} is the most-named person, but {'all ' + number(len(said)) if len(said) > 1 else 'the only'} "
                 f"{noun('quotation', len(said))} of {short} {'are fragments' if len(said) > 1 else 'is a fragment'} "
                 f"({count(words, 'word')} in all)")
    else:
        claim = (f"{short} is the most-named person and is quoted {times(len(said))}, "
                 + ("none of them a fragment" if not frags else "one of them a fragment" if frags == 1 else
                    f"{number(frags)} of them fragments"))
    silent = table[(table["quotes"] == 0)].sort_values(["mentions", "name"], ascending=[False, True])
    if len(silent):
        claim += f". Named but never quoted: {join_limited([actor_name(n) for n in silent['name']], LIST_LIMIT)}"
    return claim, cite.cite_rows(said.itertuples(), 2)


def _titles(mentions: pd.DataFrame, actors: pd.DataFrame) -> str:
    from ..analysis.network import titles_used

    t = titles_used(mentions, actors)
    t = t[t["example"].str.split().str.len() > t["title"].str.split().str.len()]
    if t.empty:
        return ""
    top = t.sort_values(["count", "name"], ascending=[False, True]).drop_duplicates("name").head(3)
    shown = [f"\"{r.example}\" ({times(r.count)})" for r in top.itertuples()]
    return f"the reports introduce officials by office: {join(shown)}"


def _network(mentions: pd.DataFrame, actors: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    from ..analysis.network import co_mention_graph

    g = co_mention_graph(mentions, actors)
    names = actors.set_index("actor_id")["name"]
    edges = sorted(g.edges(data=True), key=lambda e: (-e[2]["weight"], names.get(e[0], e[0]), names.get(e[1], e[1])))[:3]
    if not edges:
        return "", ""
    shown = [f"{actor_name(names.get(a, a))} and {actor_name(names.get(b, b))} "
             f"{'are named together in ' if i == 0 else 'in '}{count(d['weight'], 'sentence') if i == 0 else d['weight']}"
             for i, (a, b, d) in enumerate(edges)]
    a, b = edges[0][0], edges[0][1]
    both = mentions[mentions["actor_id"].isin([a, b])].groupby(["article_id", "sent"]).filter(
        lambda x: x["actor_id"].nunique() == 2)
    return join(shown), cite.cite_rows(both.itertuples(), 2)


def _reliability(tables: dict) -> str:
    from ..validation.evaluate import evaluate

    ev = evaluate(annotated(tables))
    s = ev.scores.set_index(["task", "metric"])
    if ("mentions", "precision") not in s.index or ("quotes", "speaker_accuracy") not in s.index:
        return ""
    p, r = s.loc[("mentions", "precision"), "value"], s.loc[("mentions", "recall"), "value"]
    n_gold = int(s.loc[("quotes", "detection_recall"), "n"])
    if not n_gold or pd.isna(p) or pd.isna(r) or not int(s.loc[("mentions", "precision"), "n"]):
        return ""
    right = round(s.loc[("quotes", "detection_recall"), "value"] * s.loc[("quotes", "speaker_accuracy"), "value"] * n_gold)
    return (f"on the hand-annotated seeds, actor mentions agree with the gold with precision {p:.2f} and recall "
            f"{r:.2f}, and {right} of {n_gold} gold quotations are found with the right speaker; the seeds shaped the "
            "rules, so this is an upper bound")


def actors(tables: dict) -> Findings:
    """Who appears, who speaks, who is only spoken about, titles, the strongest co-mentions, reliability."""
    from ..analysis.network import speakers_and_spoken

    mentions, quotes, acts = tables["mentions"], tables["quotes"], tables["actors"]
    cite = Citer(tables)
    table = speakers_and_spoken(mentions, quotes, acts).sort_values(["mentions", "name"], ascending=[False, True])
    by_quotes = table.sort_values(["quotes", "quoted_words", "name"], ascending=[False, False, True])
    appear, speak = _who_appears(table, mentions, cite), _who_speaks(by_quotes, quotes, acts, cite)
    spoken, net = _only_spoken(table, quotes, cite), _network(mentions, acts, cite)
    parts = [appear, speak, spoken, (_titles(mentions, acts), ""), net, (_reliability(tables), "")]
    return _finish(parts, [appear[0], speak[0], spoken[0]])


# ----------------------------------------------------------------------------- 03 outcome

def _arc(groups: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    dated = groups.assign(day=[as_day(v) for v in groups["date"]], valence=valences(groups["category"]))
    dated = dated[dated["day"].notna()]
    window = crisis_window(dated["day"])
    if window.start is None or window.n_days < 2:
        return "", ""
    inside = filter_rows(dated, [window.contains(d) for d in dated["day"]])
    middle = window.start + (window.end - window.start) / 2
    halves = [inside[inside["day"] <= middle], inside[inside["day"] > middle]]
    share = [(int((h["valence"] == "conflict").sum()), len(h)) for h in halves]
    if not share[0][1] or not share[1][1]:
        return "", ""
    before, after = share[0][0] / share[0][1], share[1][0] / share[1][1]
    conflict = inside[inside["valence"] == "conflict"].sort_values("day", kind="stable")
    coop = inside[inside["valence"] == "cooperation"].sort_values("day", kind="stable")
    if before > after and len(conflict) and len(coop):
        first, last = conflict.iloc[0], coop.iloc[-1]
        n = (last["day"] - first["day"]).days
        claim = (f"the record turns from conflict to agreement in {count(n, 'day')}: from the first conflict event on "
                 f"{day(first['day'], year=False)} to the last agreement on {day(last['day'])}")
        evidence = _event_rows(first["event_ids"])[:1] + _event_rows(last["event_ids"])[:1]
    elif before < after:
        claim, evidence = "the record turns from agreement to conflict", []
    else:
        claim, evidence = "conflict and agreement are mixed throughout the window", []
    claim += (f"; conflict events are {share[0][0]} of {share[0][1]} in the first half of the window "
              f"({span(window.start, middle)}) and {share[1][0]} of {share[1][1]} in the second")
    return claim, cite.cite_rows(evidence, 2)


def _best_sourced(groups: pd.DataFrame, labels: pd.Series, cite: Citer) -> tuple[str, str]:
    if groups.empty:
        return "", ""
    g = groups.assign(nout=n_outlets(groups["outlets"]), lab=labels)
    g = g.sort_values(["nout", "n_mentions", "date"], ascending=[False, False, True], kind="stable")
    best = g.iloc[0]
    if best["nout"] < 2:
        return "no real event is carried by more than one outlet", ""
    when = day(as_day(best["date"])) if as_day(best["date"]) else best["date"]
    claim = (f"the best-sourced event is \"{best['lab']}\" ({when}): {count(best['nout'], 'outlet')}, "
             f"{count(best['n_mentions'], 'sentence')}")
    others = g.iloc[1:][g.iloc[1:]["nout"] > 1]
    if others.empty:
        claim += "; every other real event rests on one outlet"
    elif len(others) <= 3:
        shown = join([f"\"{o.lab}\"" for o in others.itertuples()])
        claim += (f". Only {number(len(others))} other {noun('event', len(others))}, {shown}, "
                  f"{'is' if len(others) == 1 else 'are'} also carried by more than one outlet; every other real event "
                  "rests on one article")
    else:
        claim += f". {count(len(others), 'other event', True)} are carried by more than one outlet"
    return claim, cite.cite_rows(_event_rows(best["event_ids"]), 2)


def _settlement(outcome: pd.DataFrame, groups: pd.DataFrame, actors: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    from .crisis import outcome_labels

    labels = outcome_labels(outcome, groups, actors)
    parts, rows = [], []
    for kind, words in (("agreed", "agreed"), ("proposed", "only proposed or possible"), ("rejected", "rejected")):
        sub = outcome[outcome["outcome"] == kind]
        if sub.empty:
            continue
        shown = [lab[:1].lower() + lab[1:] if lab.startswith("The ") else lab for lab in labels[sub.index]]
        parts.append(f"{words}: {join_limited(list(dict.fromkeys(shown)), LIST_LIMIT)}")
        rows += list(sub.itertuples())[:1]
    if not parts:
        return "", ""
    return "by the end of the corpus, " + "; ".join(parts), cite.cite_rows(rows, 3)


def _settlement_counts(outcome: pd.DataFrame) -> str:
    """The outcome in numbers for the brief: how many items are agreed, only proposed, rejected, left open."""
    n = outcome["outcome"].value_counts()
    parts = [f"{count(int(n[k]), 'item')} {w}" for k, w in (("agreed", "agreed"), ("proposed", "only proposed or possible"),
                                                        ("rejected", "rejected"), ("unresolved", "left open")) if n.get(k, 0)]
    return f"by the end of the corpus the outcome table holds {join(parts)}" if parts else ""


def _open(outcome: pd.DataFrame, cite: Citer) -> tuple[str, str]:
    sub = outcome[outcome["outcome"] == "unresolved"]
    if sub.empty:
        return "", ""
    last = max(sub["date"]) if sub["date"].astype(bool).any() else ""
    when = f" of {day(as_day(last))}" if as_day(last) else ""
    n_art = sub["article_id"].nunique()
    return (f"the last {noun('report', n_art)}{when} {'leaves' if n_art == 1 else 'leave'} "
            f"{count(len(sub), 'point')} open, in {'its' if n_art == 1 else 'their'} own words",
            cite.cite_rows(sub.itertuples(), LIST_LIMIT))


def outcome(tables: dict) -> Findings:
    """The arc of the crisis, the best-sourced event, what was agreed, proposed, rejected and left open."""
    events, groups, out, acts = tables["events"], tables["event_groups"], tables["outcome"], tables["actors"]
    cite = Citer(tables)
    labels = group_labels(groups, acts)
    background = int((events["date_basis"] == "background").sum())
    dated = groups[groups["date"].fillna("") != ""]
    size = (f"the reports yield {count(len(events), 'coded event')}, "
            + (f"which are {count(len(dated), 'real dated event')} once the same statement told by several outlets is "
               "counted once" if len(dated) else "none of them dated, so there is no real event to count")
            + (f" (plus {count(background, 'background state')} that {'is' if background == 1 else 'are'} not "
               "dated events)" if background else ""))
    arc, best = _arc(groups, cite), _best_sourced(groups, labels, cite)
    settled, left = _settlement(out, groups, acts, cite), _open(out, cite)
    parts = [(size, ""), arc, best, settled, left]
    return _finish(parts, [size, arc[0], best[0], _settlement_counts(out)])


# ----------------------------------------------------------------------------- 04 validation

def _of(s: pd.DataFrame, task: str, metric: str) -> tuple[int, int, float]:
    """(right, out of, ratio) of one score."""
    v, n = s.loc[(task, metric), "value"], int(s.loc[(task, metric), "n"])
    return round(v * n), n, v


def validation(tables: dict) -> Findings:
    """How the extractors score against the hand annotation, and where the event coder is weakest."""
    from ..validation.evaluate import evaluate

    cut = annotated(tables)
    ev = evaluate(cut)
    s = ev.scores.set_index(["task", "metric"])
    if s.empty or cut["articles"].empty or s["value"].isna().any():
        return Findings("The hand annotation covers none of these articles, so nothing is scored here.", [])
    dates, ments, quotes = _of(s, "dates", "value_accuracy"), _of(s, "mentions", "recall"), \
        _of(s, "quotes", "speaker_accuracy")
    exact = all(x[2] == 1 for x in (dates, ments, quotes)) and all(
        s.loc[(t, m), "value"] == 1 for t, m in (("dates", "span_recall"), ("mentions", "precision"),
                                                  ("quotes", "detection_recall")))
    first = (f"dates, actor mentions and quotes {'reproduce the hand annotation of the seeds exactly' if exact else 'are scored against the hand annotation of the seeds'}: "
             f"{dates[0]} of {dates[1]} temporal expressions with the right value, {ments[0]} of {ments[1]} mentions "
             f"with the right actor, {quotes[0]} of {quotes[1]} quotations with the right speaker")
    rec, prec = _of(s, "events", "recall"), _of(s, "events", "precision")
    outside = prec[1] - prec[0]
    events = (f"the event coder finds {rec[0]} of {rec[1]} required events with the right category, source actor, date "
              f"and polarity (recall {rec[2]:.2f}); {'none' if not outside else number(outside)} of its "
              f"{count(prec[1], 'event')} {'falls' if outside == 1 else 'fall'} outside an annotated sentence and category")
    details = {m: _of(s, "events", f"{m}_accuracy") for m in ("category", "source_actor", "target_actor", "date",
                                                               "polarity", "modality")}
    weakest = min(details, key=lambda m: (details[m][2], m))
    w = details[weakest]
    weak = (f"the weakest detail of a matched event is its {weakest.replace('_', ' ')} ({w[0]} of {w[1]} right, "
            f"{w[2]:.2f})" if w[2] < 1 else "every detail of every matched event is right")
    out_rec, out_prec = _of(s, "outcome", "recall"), _of(s, "outcome", "evidence_precision")
    outcome_claim = (f"the outcome table covers {out_rec[0]} of {out_rec[1]} required outcome items; "
                     f"{out_prec[0]} of its {count(out_prec[1], 'row')} rest on sentences the annotation uses")
    parts = [(first, ""), (events, ""), (weak, ""), (outcome_claim, "")]
    return _finish(parts, [first, events, weak, outcome_claim])
