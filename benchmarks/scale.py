"""Scale run: the whole extraction over a generated corpus of 1,000 and 10,000 articles.

Articles are generated from the seeds: each copy gets a publication date shifted by up to a
year (written as a ` date` header) and its person names swapped for other persons of the
gazetteer, so that dates, weekdays and names vary. Each size runs in a fresh child process,
so that its peak memory (resident set, including worker processes) is its own.

    python benchmarks/scale.py [--sizes 1000 10000] [--jobs 2] [--repeat 3]

Each size is run ``--repeat`` times (each time in a fresh process) and the run of median time is
kept, since a shared machine's timings vary from run to run; every time is recorded in ``seconds_all``.
Prints articles per second, peak memory, and the ratio of time per article at the largest
size against the smallest (linear cost gives 1.0). Targets: >= 500 articles/s on 2 cores,
peak memory < 500 MB, ratio <= 1.3. Results, with jobs, cores and each target met or not, go to
results/scale.json (or --out). Peak memory is that of the largest single process (the
main one or a worker).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from greenland_lib import load_corpus
from greenland_lib.paths import RESULTS_DIR, data_file
from greenland_lib.pipeline import extract_folder

RESULTS = RESULTS_DIR / "scale.json"
TARGET_RATE, TARGET_MEMORY_MB, TARGET_RATIO = 500, 500, 1.3
HEADER = re.compile(r"\A[ \t]*date[ \t]+\S+[ \t]*")


def generate(folder: Path, n: int, seed: int = 2026) -> None:
    """Write n articles made from the seeds into folder, with varied dates and shuffled names."""
    rng = random.Random(seed)
    seeds = load_corpus()
    people = pd.read_csv(data_file("actors.csv"), keep_default_na=False)
    names = sorted(people.loc[people.kind == "person", "name"])
    pattern = re.compile("|".join(re.escape(x) for x in sorted(names, key=len, reverse=True)))
    base = list(seeds.articles.itertuples())
    for i in range(n):
        art = base[i % len(base)]
        text = HEADER.sub("", seeds.text(art.article_id), count=1)
        mapping = dict(zip(names, rng.sample(names, len(names))))
        text = pattern.sub(lambda m: mapping[m.group(0)], text)
        published = (art.published or dt.date(2026, 1, 12)) + dt.timedelta(days=rng.randint(-180, 180))
        (folder / f"{i:05d}_{art.article_id[4:]}.txt").write_text(f" date {published.isoformat()} {text}",
                                                                  encoding="utf-8")


def run_once(n: int, jobs: int) -> dict:
    """Generate n articles, then time loading plus the full extraction; return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, n)
        start = time.perf_counter()
        _, tables = extract_folder(folder, jobs=jobs, progress=False)   # loading and extraction, both in the workers
        seconds = time.perf_counter() - start
    own_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"articles": n, "jobs": jobs, "seconds": round(seconds, 2),
            "articles_per_second": round(n / seconds, 1),
            "peak_memory_mb": round(max(own_kb, worker_kb) / 1024, 1),
            "peak_memory_mb_main": round(own_kb / 1024, 1), "peak_memory_mb_worker": round(worker_kb / 1024, 1),
            "rows": {k: len(v) for k, v in tables.items()}}


def targets(runs: list[dict], ratio: float) -> list[dict]:
    """The three targets of the scale run, each with the measured value and whether it is met."""
    largest = runs[-1]
    peak = max(r["peak_memory_mb"] for r in runs)
    rows = [("throughput at the largest size (articles/s)", ">=", TARGET_RATE, largest["articles_per_second"],
             largest["articles_per_second"] >= TARGET_RATE),
            ("peak memory of any process (MB)", "<", TARGET_MEMORY_MB, peak, peak < TARGET_MEMORY_MB),
            (f"time per article, {largest['articles']} vs {runs[0]['articles']} articles", "<=", TARGET_RATIO,
             ratio, ratio <= TARGET_RATIO)]
    return [{"target": t, "rule": f"{op} {limit}", "value": value, "met": bool(met)}
            for t, op, limit, value, met in rows]


def main() -> None:
    """Run each size in a child process and print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the median one is kept")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.child, args.jobs)))
        return
    runs = []
    for n in args.sizes:
        tries = []
        for _ in range(max(1, args.repeat)):
            out = subprocess.run([sys.executable, __file__, "--child", str(n), "--jobs", str(args.jobs)],
                                 capture_output=True, text=True, check=True)
            tries.append(json.loads(out.stdout.strip().splitlines()[-1]))
        tries.sort(key=lambda r: r["seconds"])
        run = dict(tries[(len(tries) - 1) // 2])   # the median run (the lower one of an even number)
        run["seconds_all"] = [r["seconds"] for r in tries]
        for key in ("peak_memory_mb", "peak_memory_mb_main", "peak_memory_mb_worker"):
            run[key] = max(r[key] for r in tries)   # memory: the highest of the runs
        runs.append(run)
        print(f"{n:>6} articles, {args.jobs} job(s): {run['seconds']:7.2f} s (median of {run['seconds_all']}), "
              f"{run['articles_per_second']:7.1f} articles/s, peak memory {run['peak_memory_mb']:.0f} MB")
    small, large = runs[0], runs[-1]
    ratio = round((large["seconds"] / large["articles"]) / (small["seconds"] / small["articles"]), 2)
    cores = os.cpu_count()
    checks = targets(runs, ratio)
    print(f"time per article at {large['articles']:,} vs {small['articles']:,}: ratio {ratio:.2f}")
    print(f"jobs {args.jobs}, cores {cores}")
    for c in checks:
        print(f"target {c['target']} {c['rule']}: {c['value']} -> {'met' if c['met'] else 'NOT met'}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"runs": runs, "jobs": args.jobs, "machine_cores": cores,
                                    "ratio_time_per_article": ratio, "targets": checks},
                                   indent=2, sort_keys=True) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
