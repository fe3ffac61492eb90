"""The notebooks on a grown corpus: the seeds plus 28 wire-style articles written for this project
(tests/fixtures/grown/, 31 articles from December 2025 to February 2026), chosen through the
GREENLAND_CORPUS environment variable. All five notebooks run in a temporary copy; none may fail or
write to stderr, the overview must state the grown article count, and every figure must keep its day
axis inside its crisis window and its labels within their limit (read from the caption metadata that
views.figures.figure_note records from the drawn axes)."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from greenland_lib.paths import NOTEBOOKS_DIR, SEEDS_DIR
from greenland_lib.report import markdown_output, notebook_paths, run_notebook
from greenland_lib.views.crisis import MAX_DAYS

GROWN = SEEDS_DIR.parent / "tests" / "fixtures" / "grown"


def _grown_folder(folder):
    files = sorted(SEEDS_DIR.glob("*.txt")) + sorted(GROWN.glob("*.txt"))
    for path in files:
        shutil.copyfile(path, folder / path.name)
    sources = [pd.read_csv(p / "sources.csv", dtype=str, keep_default_na=False) for p in (SEEDS_DIR, GROWN)]
    pd.concat(sources).to_csv(folder / "sources.csv", index=False)
    return files


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The five notebooks executed in a temporary copy against the grown corpus."""
    corpus = tmp_path_factory.mktemp("grown-corpus")
    files = _grown_folder(corpus)
    copy = tmp_path_factory.mktemp("notebooks")
    for path in notebook_paths(NOTEBOOKS_DIR):
        shutil.copyfile(path, copy / path.name)
    patch = pytest.MonkeyPatch()
    patch.setenv("GREENLAND_CORPUS", str(corpus))
    try:
        done = {p.name: run_notebook(p) for p in notebook_paths(copy)}
    finally:
        patch.undo()
    return files, done


def _outputs(nb):
    for cell in nb.cells:
        yield from cell.get("outputs", [])


def _figure_note(out) -> dict:
    """The figure facts figure_note stores in an output's metadata (IPython files them under the mime type)."""
    meta = out.get("metadata", {})
    return meta.get("greenland_figure") or meta.get("text/markdown", {}).get("greenland_figure") or {}


def test_the_grown_corpus_is_big_and_long_enough():
    files = sorted(SEEDS_DIR.glob("*.txt")) + sorted(GROWN.glob("*.txt"))
    dates = pd.concat([pd.read_csv(p / "sources.csv") for p in (SEEDS_DIR, GROWN)])["published"]
    assert len(files) >= 30
    assert (pd.to_datetime(dates.max()) - pd.to_datetime(dates.min())).days >= 60


def test_every_notebook_runs_without_error_or_stderr(executed):
    _, done = executed
    assert len(done) == 5
    for name, nb in done.items():
        for out in _outputs(nb):
            assert out.get("output_type") != "error", f"{name}: {out.get('ename')}: {out.get('evalue')}"
            assert out.get("name") != "stderr", f"{name} wrote to stderr: {out.get('text', '')[:300]}"


def test_the_overview_states_the_grown_article_count(executed):
    files, done = executed
    text = "\n".join(markdown_output(o) for o in _outputs(done["00-overview.ipynb"]))
    assert f"{len(files)} news reports" in text and f"{len(files)} reports" in text
    assert "three reports" not in text.lower()


def test_each_figure_keeps_its_day_axis_in_its_window_and_its_labels_in_limit(executed):
    _, done = executed
    notes = [(name, _figure_note(o)) for name, nb in done.items() for o in _outputs(nb) if _figure_note(o)]
    assert {name for name, _ in notes} >= {"01-timeline.ipynb", "02-actors.ipynb", "03-diplomatic-outcome.ipynb"}
    windows = 0
    for name, note in notes:
        assert 0 < note["labels"] <= note["limit"], (name, note)
        if note["window"]:
            windows += 1
            first, last = (pd.Timestamp(d) for d in note["window"])
            assert (last - first).days < MAX_DAYS, (name, note)
            assert all(0 <= m <= 1 for m in note["axis_margin_days"]), (name, note)
            assert note["caption"].strip()
    assert windows >= 2
