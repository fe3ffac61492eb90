"""Every committed notebook follows the project's conventions (see DEVELOPERS' style notes)."""
from __future__ import annotations

import json
import re

import pytest

from greenland_lib.paths import NOTEBOOKS_DIR
from greenland_lib.report import notebook_paths

NOTEBOOKS = notebook_paths()
ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(?:home|root|tmp|work|Users|usr|var|opt)/|[A-Za-z]:\\\\")
ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{6,}")
# A date with a time of day: 2026-01-12T14:03, 2026-01-12 14:03:07.123. Midnight is left out: pandas prints
# plain dates held as timestamps as "2026-01-12 00:00:00", which is data, not the moment of the run.
TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ](?!00:00(?::00(?:\.0+)?)?\b)\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
# Cells whose output is a table of TIMEX3 values read from the committed benchmark results: a TIME value
# such as 2026-01-13T06:00 there is an annotated value of a test sentence, not a clock reading.
TIMEX_VALUE_CELLS = {"timex_differences()"}
CLOCK_CALLS = re.compile(r"\b(?:datetime\.(?:now|today|utcnow)|date\.today|time\.(?:time|ctime|localtime)"
                         r"|Timestamp\.(?:now|today)|Timestamp\(\s*[\"'](?:now|today))\s*\(?")


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_is_an_overview():
    assert (NOTEBOOKS_DIR / "00-overview.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_cell_is_markdown_h1(path):
    first = _cells(path)["cells"][0]
    assert first["cell_type"] == "markdown"
    assert "".join(first["source"]).startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_execution_counts_run_one_to_n(path):
    code = [c for c in _cells(path)["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook with no code cell"
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernelspec_is_python3(path):
    assert _cells(path)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_define_nothing_and_touch_no_sys_path(path):
    for cell in _cells(path)["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        assert not re.search(r"^\s*(async\s+)?(def|class)\s", src, re.M), src
        assert "sys.path" not in src, src


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_absolute_paths_addresses_or_stderr(path):
    nb = _cells(path)
    for cell in nb["cells"]:
        assert not ABSOLUTE_PATH.search("".join(cell["source"])), cell["source"]
        for out in cell.get("outputs", []):
            assert out.get("name") != "stderr", f"stderr output: {out.get('text')}"
            assert out.get("output_type") != "error", out
            blob = json.dumps(out.get("data", {}).get("text/plain", "")) + json.dumps(out.get("text", ""))
            blob += json.dumps(out.get("data", {}).get("text/html", ""))
            assert not ABSOLUTE_PATH.search(blob), blob[:300]
            assert not ADDRESS.search(blob), blob[:300]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_structure_findings_and_prose_before_code(path):
    cells = _cells(path)["cells"]
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    assert any(m.lstrip().startswith("## Findings") or "\n## Findings" in m for m in markdown)
    for before, cell in zip(cells, cells[1:]):
        if cell["cell_type"] == "code":
            assert before["cell_type"] == "markdown", f"no prose before: {''.join(cell['source'])[:80]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_relative_links_exist_and_next_notebook_is_linked(path):
    text = "\n".join("".join(c["source"]) for c in _cells(path)["cells"] if c["cell_type"] == "markdown")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"
    later = [p for p in NOTEBOOKS if p.name > path.name]
    if later:
        assert f"]({later[0].name}" in text, f"{path.name} does not link to the next notebook {later[0].name}"


def _output_texts(out: dict) -> list[str]:
    texts = [out.get("text", "")] + [out.get("data", {}).get(m, "") for m in ("text/plain", "text/html", "text/markdown")]
    return ["".join(t) if isinstance(t, list) else t for t in texts]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_timestamps_in_outputs_and_no_clock_reads(path):
    for cell in _cells(path)["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "code":
            assert not CLOCK_CALLS.search(src), f"the notebook reads the clock: {src[:120]}"
        for out in cell.get("outputs", []) if src.strip() not in TIMEX_VALUE_CELLS else []:
            for text in _output_texts(out):
                m = TIMESTAMP.search(text)
                assert not m, f"timestamp {m.group(0)!r} in an output of: {src[:80]}"


def test_timestamp_patterns_catch_what_they_should():
    assert TIMESTAMP.search("run at 2026-11-21T19:21:13.111119Z")
    assert TIMESTAMP.search("2026-01-12 14:03")
    assert not TIMESTAMP.search("published 2026-01-12")
    assert not TIMESTAMP.search("2026-01-12 00:00:00")
    assert CLOCK_CALLS.search("now = datetime.now()") and CLOCK_CALLS.search("pd.Timestamp.now()")
    assert CLOCK_CALLS.search("date.today()") and not CLOCK_CALLS.search("corpus.articles['published']")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_run_timestamps_in_cell_metadata(path):
    for cell in _cells(path)["cells"]:
        assert "execution" not in cell.get("metadata", {}), "per-cell run times: re-run with `greenland notebooks`"
