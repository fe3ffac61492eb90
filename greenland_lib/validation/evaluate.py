"""Score the extraction against the hand annotations in ``annotations/`` and list every error.

One function per task, each taking the tables of :func:`greenland_lib.pipeline.extract` and returning
an :class:`Evaluation`: a tidy ``scores`` table (task, metric, value, n — ``n`` is the denominator of
the metric; for an F1 it is the number of gold items), an ``errors`` table with every miss, extra and
wrong value together with its sentence, and ``messages`` (e.g. a gold file that does not exist; the
task is then not scored, nothing is raised).

Matching rules (a gold item and an extracted item are the same item when):

- **dates** (``timexes.csv``): same article and exactly the same span (start and end); the value and
  the type are then compared.
- **mentions** (``mentions.csv``): same article, exactly the same span *and* the same ``actor_id``.
  A mention with the right span but another actor counts as one miss and one extra; the span-only
  scores and the actor accuracy on matching spans are given as well.
- **quotes** (``quotes.csv``): same article and exactly the same span (the marks left out); the
  speaker and the fragment flag are then compared.
- **events** (``events.csv``, the rule of ``annotations/README.md``): same article, same sentence and
  same PLOVER category; cue offsets are not compared. Rows with ``required = False`` are readings a
  coder may or may not produce: matching one is neither rewarded nor an error. Recall counts a
  required event as found only when its source sides, date (and background or not) and polarity are
  right too. ``source_actor_accuracy`` and ``target_actor_accuracy`` compare the actor ids (when the
  gold has ``source_actor`` and ``target_actor`` columns), ``source_side_accuracy`` and
  ``target_side_accuracy`` their sides.
- **outcome** (``outcome.csv``): an item is found when an outcome row of the same class cites its
  sentence in ``evidence``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..paths import ANNOTATIONS_DIR, REPO_ROOT

GOLD_DIR = ANNOTATIONS_DIR
SCORE_COLUMNS = ["task", "metric", "value", "n"]
ERROR_COLUMNS = ["task", "kind", "article_id", "sent", "start", "end", "text", "gold", "found", "sentence"]
GOLD_COLUMNS = {
    "timexes.csv": ["article_id", "start", "end", "text", "type", "value"],
    "mentions.csv": ["article_id", "start", "end", "text", "actor_id"],
    "quotes.csv": ["article_id", "start", "end", "text", "fragment", "speaker_id"],
    "events.csv": ["article_id", "sent", "start", "end", "cue", "category", "source_side", "target_side", "date", "date_basis",
                   "negated", "modality", "required"],
    "outcome.csv": ["outcome", "article_id", "sent", "summary", "required"],
}
INT_COLUMNS = ("start", "end", "sent")
TRUE_WORDS = {"true", "1", "yes"}


@dataclass
class Evaluation:
    """Scores, errors and messages of one or more evaluated tasks."""

    scores: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SCORE_COLUMNS))
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ERROR_COLUMNS))
    messages: list[str] = field(default_factory=list)

    @property
    def misses(self) -> pd.DataFrame:
        """Gold items the extraction did not find."""
        return self.errors[self.errors["kind"] == "miss"].reset_index(drop=True)

    @property
    def extras(self) -> pd.DataFrame:
        """Extracted items that are not in the gold annotation."""
        return self.errors[self.errors["kind"] == "extra"].reset_index(drop=True)

    @property
    def wrong(self) -> pd.DataFrame:
        """Items found at the right place with a wrong value (speaker, date, actor ...)."""
        return self.errors[self.errors["kind"] == "wrong"].reset_index(drop=True)

    def value(self, task: str, metric: str) -> float:
        """The value of one metric (KeyError if it was not scored)."""
        hit = self.scores[(self.scores["task"] == task) & (self.scores["metric"] == metric)]
        if hit.empty:
            raise KeyError(f"{task}/{metric} was not scored")
        return float(hit["value"].iloc[0])


# --------------------------------------------------------------------------- helpers


def load_gold(name: str, gold_dir: str | Path = GOLD_DIR) -> tuple[pd.DataFrame | None, str]:
    """Read one gold file as strings (offsets and sentence numbers as int); (None, reason) if unusable."""
    path = Path(gold_dir) / name
    shown = _shown(path)
    if not path.is_file():
        return None, f"no gold file {shown}: not scored"
    try:
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        return None, f"gold file {shown} cannot be read ({type(exc).__name__}): not scored"
    missing = [c for c in GOLD_COLUMNS.get(name, []) if c not in gold.columns]
    if missing:
        return None, f"gold file {shown} lacks the columns {', '.join(missing)}: not scored"
    for col in INT_COLUMNS:
        if col in gold.columns:
            numbers = pd.to_numeric(gold[col], errors="coerce")
            if numbers.isna().any():
                return None, f"gold file {shown} has a non-numeric {col}: not scored"
            gold[col] = numbers.astype(int)
    return gold, ""


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return path.name


def _flag(value) -> bool:
    return str(value).strip().lower() in TRUE_WORDS


def _sides(value) -> frozenset[str]:
    return frozenset(s for s in str(value).split(";") if s)


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class _Sentences:
    """Look up the sentence that holds an offset, or a sentence by its number."""

    def __init__(self, sentences: pd.DataFrame):
        self.by_number = {(r.article_id, int(r.sent)): r for r in sentences.itertuples()}
        self.by_article: dict[str, list] = {}
        for r in sentences.sort_values(["article_id", "start"]).itertuples():
            self.by_article.setdefault(r.article_id, []).append(r)

    def at(self, article_id: str, offset: int):
        for r in self.by_article.get(article_id, []):
            if r.start <= offset < r.end:
                return r
        return None

    def number(self, article_id: str, sent: int):
        return self.by_number.get((article_id, int(sent)))


def _error(task, kind, article_id, start, end, text, gold, found, sentences: _Sentences, sent=None) -> dict:
    row = sentences.number(article_id, sent) if sent is not None else sentences.at(article_id, int(start))
    return {"task": task, "kind": kind, "article_id": article_id,
            "sent": int(row.sent) if row is not None else (int(sent) if sent is not None else -1),
            "start": int(start), "end": int(end), "text": text, "gold": gold, "found": found,
            "sentence": row.text if row is not None else ""}


def _finish(task: str, metrics: list[tuple[str, float, int]], errors: list[dict]) -> Evaluation:
    scores = pd.DataFrame([(task, m, float(v), int(n)) for m, v, n in metrics], columns=SCORE_COLUMNS)
    table = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    if not table.empty:
        order = {"miss": 0, "wrong": 1, "extra": 2}
        table = (table.assign(_k=table["kind"].map(order))
                 .sort_values(["article_id", "start", "_k", "end", "gold", "found"], kind="stable")
                 .drop(columns="_k").reset_index(drop=True))
    return Evaluation(scores=scores, errors=table)


def _table(tables: dict, name: str, columns: list[str]) -> tuple[pd.DataFrame | None, str]:
    table = tables.get(name)
    if table is None:
        return None, f"the extraction has no '{name}' table: not scored"
    missing = [c for c in columns if c not in table.columns]
    if missing:
        return None, f"the '{name}' table lacks the columns {', '.join(missing)}: not scored"
    return table, ""


def _prepare(tables: dict, gold_name: str, table_name: str, columns: list[str], gold_dir) -> tuple:
    gold, why = load_gold(gold_name, gold_dir)
    if gold is None:
        return None, None, why
    found, why = _table(tables, table_name, columns)
    if found is None:
        return None, None, why
    return gold, found, ""


def _merge_spans(tables: dict, gold_name: str, table_name: str, compared: list[str], gold_dir, normalise=None):
    """Gold and found rows of a span task outer-merged on their span (with the sentences), or why not."""
    span = ["article_id", "start", "end"]
    gold, found, why = _prepare(tables, gold_name, table_name, span + ["text"] + compared, gold_dir)
    if gold is None:
        return None, why
    found = found.astype({"start": int, "end": int})
    if normalise is not None:
        gold, found = normalise(gold), normalise(found)
    merged = gold.merge(found[span + ["text"] + compared], on=span, how="outer", suffixes=("_gold", ""),
                        indicator=True)
    return (gold, found, merged, _Sentences(tables["sentences"])), ""


def _span_scores(merged: pd.DataFrame, n_found: int, n_gold: int, prefix: str, fields: list[tuple[str, str]]) -> list:
    """Span precision, recall and F1, then the accuracy of each (name, column) field on the matched spans."""
    both = merged[merged["_merge"] == "both"]
    n = len(both)
    precision, recall = _ratio(n, n_found), _ratio(n, n_gold)
    return ([(f"{prefix}_precision", precision, n_found), (f"{prefix}_recall", recall, n_gold),
             (f"{prefix}_f1", _f1(precision, recall), n_gold)]
            + [(f"{name}_accuracy", _ratio(int((both[f"{col}_gold"] == both[col]).sum()), n), n) for name, col in fields])


def _span_errors(task: str, merged: pd.DataFrame, sentences: _Sentences, label, wrong) -> list[dict]:
    """Misses, extras and wrong values of gold rows outer-merged with found rows on their span.

    ``label(row, side)`` names a row's answer (side ``"_gold"`` or ``""``); ``wrong(row)`` returns
    (gold, found) descriptions when a matched row differs, else None.
    """
    errors = []
    for r in merged.to_dict("records"):
        where = (r["article_id"], r["start"], r["end"])
        if r["_merge"] == "left_only":
            errors.append(_error(task, "miss", *where, r["text_gold"], label(r, "_gold"), "", sentences))
        elif r["_merge"] == "right_only":
            errors.append(_error(task, "extra", *where, r["text"], "", label(r, ""), sentences))
        elif (diff := wrong(r)) is not None:
            errors.append(_error(task, "wrong", *where, r["text"], *diff, sentences))
    return errors


def _skipped(message: str) -> Evaluation:
    return Evaluation(messages=[message])


# --------------------------------------------------------------------------- tasks


def evaluate_dates(tables: dict, gold_dir: str | Path = GOLD_DIR) -> Evaluation:
    """Temporal expressions: span precision/recall/F1 (exact offsets), then value and type accuracy."""
    parts, why = _merge_spans(tables, "timexes.csv", "timexes", ["type", "value"], gold_dir)
    if parts is None:
        return _skipped(f"dates: {why}")
    gold, found, merged, sentences = parts
    errors = _span_errors("dates", merged, sentences, lambda r, side: r[f"value{side}"],
                          lambda r: None if (r["value_gold"], r["type_gold"]) == (r["value"], r["type"])
                          else (f"{r['type_gold']} {r['value_gold']}", f"{r['type']} {r['value']}"))
    metrics = _span_scores(merged, len(found), len(gold), "span", [("value", "value"), ("type", "type")])
    return _finish("dates", metrics, errors)


def evaluate_mentions(tables: dict, gold_dir: str | Path = GOLD_DIR) -> Evaluation:
    """Actor mentions: precision, recall, F1 on exact span + actor_id; span-only scores; actors per article."""
    gold, found, why = _prepare(tables, "mentions.csv", "mentions", ["article_id", "start", "end", "text",
                                                                     "actor_id"], gold_dir)
    if gold is None:
        return _skipped(f"mentions: {why}")
    sentences = _Sentences(tables["sentences"])
    span = ["article_id", "start", "end"]
    key = span + ["actor_id"]
    g = {tuple(r): t for r, t in zip(gold[key].itertuples(index=False, name=None), gold["text"])}
    f = {tuple(r): t for r, t in zip(found[key].astype({"start": int, "end": int})
                                     .itertuples(index=False, name=None), found["text"])}
    g_span = {k[:3]: k[3] for k in g}
    f_span = {k[:3]: k[3] for k in f}
    errors = []
    for k in sorted(set(g) - set(f)):
        errors.append(_error("mentions", "miss", k[0], k[1], k[2], g[k], k[3],
                             f_span.get(k[:3], ""), sentences))
    for k in sorted(set(f) - set(g)):
        errors.append(_error("mentions", "extra", k[0], k[1], k[2], f[k], g_span.get(k[:3], ""), k[3], sentences))
    hits = len(set(g) & set(f))
    precision, recall = _ratio(hits, len(f)), _ratio(hits, len(g))
    span_hits = set(g_span) & set(f_span)
    span_p, span_r = _ratio(len(span_hits), len(f_span)), _ratio(len(span_hits), len(g_span))
    same_actor = sum(g_span[k] == f_span[k] for k in span_hits)
    gold_actors = set(gold[["article_id", "actor_id"]].itertuples(index=False, name=None))
    found_actors = set(found[["article_id", "actor_id"]].itertuples(index=False, name=None))
    metrics = [("precision", precision, len(f)), ("recall", recall, len(g)), ("f1", _f1(precision, recall), len(g)),
               ("span_precision", span_p, len(f_span)), ("span_recall", span_r, len(g_span)),
               ("actor_accuracy", _ratio(same_actor, len(span_hits)), len(span_hits)),
               ("article_actor_recall", _ratio(len(gold_actors & found_actors), len(gold_actors)), len(gold_actors))]
    return _finish("mentions", metrics, errors)


def evaluate_quotes(tables: dict, gold_dir: str | Path = GOLD_DIR) -> Evaluation:
    """Quotes: detection precision/recall/F1 (exact span), then speaker and fragment accuracy."""
    parts, why = _merge_spans(tables, "quotes.csv", "quotes", ["fragment", "speaker_id"], gold_dir,
                              lambda t: t.assign(fragment=t["fragment"].map(_flag)))
    if parts is None:
        return _skipped(f"quotes: {why}")
    gold, found, merged, sentences = parts
    def wrong(r):
        diffs = [(name, r[f"{col}_gold"], r[col]) for name, col in (("speaker", "speaker_id"), ("fragment", "fragment"))
                 if r[f"{col}_gold"] != r[col]]
        return ("; ".join(f"{n}={g}" for n, g, _ in diffs), "; ".join(f"{n}={f}" for n, _, f in diffs)) if diffs else None

    errors = _span_errors("quotes", merged, sentences, lambda r, side: r[f"speaker_id{side}"] or "(no speaker)", wrong)
    metrics = _span_scores(merged, len(found), len(gold), "detection",
                           [("speaker", "speaker_id"), ("fragment", "fragment")])
    return _finish("quotes", metrics, errors)


def _event_fields(e) -> dict:
    """The compared fields of an event (gold row or coded event) in one comparable form (an actor None when a gold
    file has no actor columns)."""
    background = e.date_basis == "background"
    actor = {k: (_sides(getattr(e, k)) if hasattr(e, k) else None) for k in ("source_actor", "target_actor")}
    return {"source": _sides(e.source_side), "target": _sides(e.target_side), **actor,
            "date": ("background" if background else "") + ("" if background else str(e.date)),
            "polarity": "negated" if _flag(e.negated) else "affirmed", "modality": str(e.modality)}


def _show(value) -> str:
    return ";".join(sorted(value)) or "-" if isinstance(value, frozenset) else (value or "-")


EVENT_FIELDS = ("source_actor", "target_actor", "source", "target", "date", "polarity", "modality")
FIELD_METRICS = {"source": "source_side_accuracy", "target": "target_side_accuracy"}
EVENT_CORE_FIELDS = ("source", "date", "polarity")   # all right: the event counts as correct


def _event_recall(gold: pd.DataFrame, by_sentence: dict, sentences, errors: list) -> tuple[dict, dict]:
    """Each required gold event against the coded events of its sentence: counts, field comparisons, errors."""
    counts = {"required": 0, "in_sentence": 0, "category": 0, "correct": 0}
    compared: dict[str, list[bool]] = {k: [] for k in EVENT_FIELDS}
    for r in gold[gold["required"]].itertuples():
        counts["required"] += 1
        in_sentence = by_sentence.get((r.article_id, r.sent), [])
        same = [e for e in in_sentence if e.category == r.category]
        counts["in_sentence"] += bool(in_sentence)
        if not same:
            found_here = ", ".join(e.category for e in in_sentence) or ""
            errors.append(_error("events", "miss", r.article_id, r.start, r.end, r.cue,
                                 f"{r.category} {_show(_sides(r.source_side))}", found_here, sentences, sent=r.sent))
            continue
        counts["category"] += 1
        want, got = _event_fields(r), _event_fields(same[0])
        for name in compared:
            if want[name] is not None:
                compared[name].append(want[name] == got[name])
        counts["correct"] += all(want[n] == got[n] for n in EVENT_CORE_FIELDS)
        diffs = [n for n in compared if want[n] is not None and want[n] != got[n]]
        if diffs:
            errors.append(_error("events", "wrong", r.article_id, r.start, r.end, r.cue,
                                 "; ".join(f"{n}={_show(want[n])}" for n in diffs),
                                 "; ".join(f"{n}={_show(got[n])}" for n in diffs), sentences, sent=r.sent))
    return counts, compared


def _event_precision(tables: dict, gold: pd.DataFrame, found: pd.DataFrame, sentences, errors: list) -> tuple[int, int]:
    """Each coded event against the gold of its sentence: (right category, also right core fields); extras to errors."""
    gold_keys = {(r.article_id, r.sent, r.category) for r in gold.itertuples()}
    strict = 0
    for e in found.itertuples():
        rows = gold[(gold["article_id"] == e.article_id) & (gold["sent"] == e.sent) & (gold["category"] == e.category)]
        if rows.empty:
            errors.append(_error("events", "extra", e.article_id, e.start, e.end,
                                 sentences_text(tables, e.article_id, e.start, e.end), "",
                                 f"{e.category} {_show(_sides(e.source_side))}", sentences, sent=e.sent))
        got = _event_fields(e)
        strict += any(all(_event_fields(r)[n] == got[n] for n in EVENT_CORE_FIELDS) for r in rows.itertuples())
    matched = sum((e.article_id, e.sent, e.category) in gold_keys for e in found.itertuples())
    return matched, strict


def evaluate_events(tables: dict, gold_dir: str | Path = GOLD_DIR) -> Evaluation:
    """Events: precision, recall (all fields right) and category, actor, date, polarity, modality accuracy."""
    gold, found, why = _prepare(tables, "events.csv", "events",
                                ["event_id", "article_id", "sent", "start", "end", "category", "source_actor",
                                 "source_side", "target_actor", "target_side", "date", "date_basis", "negated",
                                 "modality"], gold_dir)
    if gold is None:
        return _skipped(f"events: {why}")
    sentences = _Sentences(tables["sentences"])
    gold = gold.assign(required=gold["required"].map(_flag))
    found = found.astype({"sent": int, "start": int, "end": int}).sort_values(["article_id", "start"], kind="stable")
    by_sentence: dict[tuple, list] = {}
    for e in found.itertuples():
        by_sentence.setdefault((e.article_id, e.sent), []).append(e)
    errors: list = []
    counts, compared = _event_recall(gold, by_sentence, sentences, errors)
    matched, strict = _event_precision(tables, gold, found, sentences, errors)
    n_found, n_required, n_in_sentence = len(found), counts["required"], counts["in_sentence"]
    metrics = [("precision", _ratio(matched, n_found), n_found), ("strict_precision", _ratio(strict, n_found), n_found),
               ("recall", _ratio(counts["correct"], n_required), n_required),
               ("sentence_recall", _ratio(n_in_sentence, n_required), n_required),
               ("category_accuracy", _ratio(counts["category"], n_in_sentence), n_in_sentence)]
    for name in EVENT_FIELDS:
        if not compared[name] and name.endswith("_actor"):
            continue   # a gold file without actor ids
        label = FIELD_METRICS.get(name, f"{name}_accuracy")
        metrics.append((label, _ratio(sum(compared[name]), len(compared[name])), len(compared[name])))
    return _finish("events", metrics, errors)


def sentences_text(tables: dict, article_id: str, start: int, end: int) -> str:
    """The text of an article between two offsets, rebuilt from its sentences ('' if not covered)."""
    for r in tables["sentences"][tables["sentences"]["article_id"] == article_id].itertuples():
        if r.start <= start and end <= r.end:
            return r.text[start - r.start:end - r.start]
    return ""


def _evidence_sentences(evidence: str, sentences: _Sentences) -> set[tuple[str, int]]:
    cited = set()
    for item in str(evidence).split("; "):
        art, _, span = item.rpartition(":")
        a, _, b = span.partition("-")
        if art and a.isdigit():
            row = sentences.at(art, int(a))
            if row is not None:
                cited.add((art, int(row.sent)))
    return cited


def evaluate_outcome(tables: dict, gold_dir: str | Path = GOLD_DIR) -> Evaluation:
    """Outcome items: recall of the required items, and the share of outcome rows citing a gold sentence."""
    gold, found, why = _prepare(tables, "outcome.csv", "outcome", ["outcome", "article_id", "start", "end", "text",
                                                                   "evidence"], gold_dir)
    if gold is None:
        return _skipped(f"outcome: {why}")
    sentences = _Sentences(tables["sentences"])
    gold = gold.assign(required=gold["required"].map(_flag))
    rows = [(r, _evidence_sentences(r.evidence, sentences)) for r in found.itertuples()]
    anywhere = set(zip(gold["article_id"], gold["sent"]))
    errors, n_found = [], 0
    required = gold[gold["required"]]
    for g in required.itertuples():
        hit = any(r.outcome == g.outcome and (g.article_id, g.sent) in cited for r, cited in rows)
        n_found += hit
        if not hit:
            s = sentences.number(g.article_id, g.sent)
            errors.append(_error("outcome", "miss", g.article_id, s.start if s is not None else -1,
                                 s.end if s is not None else -1, g.summary, g.outcome, "", sentences, sent=g.sent))
    good = 0
    for r, cited in rows:
        if cited & anywhere:
            good += 1
        else:
            errors.append(_error("outcome", "extra", r.article_id, r.start, r.end, r.text, "", r.outcome, sentences))
    metrics = [("recall", _ratio(n_found, len(required)), len(required)),
               ("evidence_precision", _ratio(good, len(rows)), len(rows))]
    return _finish("outcome", metrics, errors)


TASKS = {"dates": evaluate_dates, "mentions": evaluate_mentions, "quotes": evaluate_quotes,
         "events": evaluate_events, "outcome": evaluate_outcome}


def evaluate(tables: dict | None = None, gold_dir: str | Path = GOLD_DIR) -> Evaluation:
    """Evaluate every task (on the seed extraction when no tables are given) and combine the results."""
    if tables is None:
        from ..corpus.loading import load_corpus
        from ..pipeline import extract

        tables = extract(load_corpus())
    parts = [fn(tables, gold_dir) for fn in TASKS.values()]
    scored = [p.scores for p in parts if not p.scores.empty]
    listed = [p.errors for p in parts if not p.errors.empty]
    return Evaluation(
        scores=pd.concat(scored, ignore_index=True) if scored else pd.DataFrame(columns=SCORE_COLUMNS),
        errors=pd.concat(listed, ignore_index=True) if listed else pd.DataFrame(columns=ERROR_COLUMNS),
        messages=[m for p in parts for m in p.messages])


def scores(tables: dict | None = None, gold_dir: str | Path = GOLD_DIR) -> pd.DataFrame:
    """One tidy table of every score: task, metric, value, n (the denominator)."""
    return evaluate(tables, gold_dir).scores
