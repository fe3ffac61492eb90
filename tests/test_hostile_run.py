"""Faults during a run (issue 16): bounded --jobs, a killed worker, atomic output, one-line failures,
CSV formula injection."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from greenland_lib import pipeline
from greenland_lib.cli import main
from greenland_lib.pipeline import COMPLETE_MARKER, FileChunk, WriteError, extract_folder, write_tables

TEXT = "NUUK (Reuters) - The minister said on Monday that talks would continue.\n"
as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def small_folder(write_folder, n: int = 5) -> Path:
    return write_folder({f"a{i}.txt": TEXT.replace("Monday", day) for i, day in
                         enumerate(["Monday", "Tuesday", "Friday", "Sunday", "Saturday"][:n])})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_below_one_or_not_a_number_is_a_usage_error(jobs, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["extract", "--jobs", jobs, "--out", str(tmp_path)])
    assert stop.value.code == 2
    assert "--jobs" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_jobs_above_the_cpus_are_capped_with_a_warning(write_folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert main(["extract", str(small_folder(write_folder)), "--jobs", "1000", "--out", str(tmp_path)]) == 0
    assert "--jobs 1000 is more than the 2 CPU(s); using 2" in capsys.readouterr().err


def _dies_in_a_worker(parent: int, load, always: bool):
    def load_or_die(chunk):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        if always:
            raise MemoryError("no memory left for this chunk")
        return load(chunk)
    return load_or_die


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_a_killed_worker_is_retried_in_the_main_process(write_folder, monkeypatch):
    folder = small_folder(write_folder)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 2)
    expected = extract_folder(folder, jobs=1, progress=False)[1]
    monkeypatch.setattr(FileChunk, "load", _dies_in_a_worker(os.getpid(), FileChunk.load, always=False))
    got = extract_folder(folder, jobs=2, progress=False)[1]
    assert list(got) == list(expected)
    for name in expected:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_a_chunk_that_fails_again_is_named_exit_1_and_no_table_changes(write_folder, tmp_path, monkeypatch, capsys):
    folder = small_folder(write_folder)
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out)]) == 0
    before = snapshot(out)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 2)
    monkeypatch.setattr(FileChunk, "load", _dies_in_a_worker(os.getpid(), FileChunk.load, always=True))
    capsys.readouterr()
    assert main(["extract", str(folder), "--jobs", "2", "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("greenland: the chunk of 2 file(s) a0.txt to a1.txt"), err
    assert "worker process died" in err[0] and "MemoryError" in err[0]
    assert snapshot(out) == before


def test_a_failed_write_leaves_the_previous_set_and_no_temporary_file(tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = {"a": pd.DataFrame({"x": [1, 2]}), "b": pd.DataFrame({"y": ["p"]}), "c": pd.DataFrame({"z": [3]})}
    write_tables(first, out)
    before = snapshot(out)
    assert (out / COMPLETE_MARKER).read_text() == "a.csv\t2\nb.csv\t1\nc.csv\t1\n"
    calls = []
    real = pipeline.escape_formulas

    def full_disk(table):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(table)

    monkeypatch.setattr(pipeline, "escape_formulas", full_disk)
    second = {name: table.assign(extra=1) for name, table in first.items()}
    with pytest.raises(WriteError, match=r"c\.csv: cannot be written: No space left on device; the tables already"):
        write_tables(second, out)
    assert snapshot(out) == before


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
def test_a_full_disk_ends_in_one_line_and_keeps_the_previous_set(tmp_path, seeds):
    out = tmp_path / "out"
    assert main(["extract", "--out", str(out)]) == 0
    before = snapshot(out)
    script = ("import resource, signal, sys\n"
              "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              "resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))\n"
              "from greenland_lib.cli import main\n"
              f"sys.exit(main(['extract', '--out', {str(out)!r}]))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("greenland: ") and "File too large" in lines[0], lines
    assert "Traceback" not in run.stderr
    assert snapshot(out) == before


def test_out_pointing_at_a_file_is_one_line_not_a_traceback(write_folder, tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("keep me")
    assert main(["extract", str(small_folder(write_folder)), "--out", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"greenland: {target}: cannot be made an output folder"), err
    assert target.read_text() == "keep me"


@pytest.mark.skipif(as_root or sys.platform == "win32", reason="root reads and writes whatever the permissions")
def test_read_only_out_and_unreadable_folder_are_one_line(write_folder, tmp_path, capsys):
    folder = small_folder(write_folder)
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        assert main(["extract", str(folder), "--out", str(out)]) == 1
        assert capsys.readouterr().err.startswith("greenland: ")
    finally:
        out.chmod(0o700)
    folder.chmod(0)
    try:
        assert main(["check", str(folder)]) == 2
        assert "cannot be listed" in capsys.readouterr().err
    finally:
        folder.chmod(0o700)


def test_an_unforeseen_failure_is_one_line_and_debug_shows_the_traceback(monkeypatch, tmp_path, capsys):
    def broken(*args, **kwargs):
        raise ValueError("something odd")

    monkeypatch.setattr(pipeline, "extract_folder", broken)
    assert main(["extract", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "greenland: internal error: ValueError: something odd (run with --debug for the traceback)"
    assert main(["--debug", "extract", "--out", str(tmp_path)]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_cells_starting_like_a_formula_are_escaped(write_folder, tmp_path):
    folder = write_folder({"f.txt": "=HYPERLINK(\"http://example.invalid\",\"click\") said the post.\n"
                                    "+1 more line here.\n@someone replied on Monday.\n",
                           "sources.csv": "file,outlet,url\nf.txt,=cmd|' /C calc'!A0,-2+3\n"})
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out)]) == 0
    for name in ("articles", "paragraphs", "sentences"):
        table = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        for column in table.columns:
            bad = table[column][table[column].str.match(r"[=+\-@\t\r]")]
            assert bad.empty, (name, column, list(bad))
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert articles.outlet[0] == "'=cmd|' /C calc'!A0" and articles.url[0] == "'-2+3"
    sentences = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
    assert sentences.text.str.startswith("'=HYPERLINK").any() and sentences.text.str.startswith("'@someone").any()
    assert pd.read_csv(out / "sentences.csv").start.dtype.kind == "i"   # numbers are never escaped


def test_timeline_csv_references_the_sentence_instead_of_repeating_it(write_folder, tmp_path):
    sentence = "Talks were held on " + ", ".join(f"{d} January 2026" for d in range(1, 29)) + " and later."
    folder = write_folder({"d.txt": f" date 2026-02-01\n{sentence}\n" + "Filler words here. " * 2000 + "\n"})
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out)]) == 0
    timeline = pd.read_csv(out / "timeline.csv", keep_default_na=False)
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    assert len(timeline) >= 28 and "text" not in timeline.columns
    joined = timeline.merge(sentences[["article_id", "sent", "text"]], on=["article_id", "sent"], how="left")
    assert (joined.text == sentence).all()
    assert (out / "timeline.csv").stat().st_size < 30 * len(sentence)


def test_thousands_of_stray_quote_marks_are_summarised(write_folder):
    from greenland_lib import load_corpus
    from greenland_lib.extract.quotes import MAX_MARK_PROBLEMS

    folder = write_folder({"q.txt": "The envoy said no.\n" + "A stray \u201d mark.\n" * 10_000})
    _, tables = extract_folder(folder)
    rows = tables["problems"][tables["problems"].file == "q.txt"].message.tolist()
    marks = [m for m in rows if "quote mark" in m or "quote-mark" in m]
    assert len(marks) == MAX_MARK_PROBLEMS + 1, len(marks)
    assert marks[-1] == f"{10_000 - MAX_MARK_PROBLEMS:,} more quote-mark problem(s) in this article, not listed one by one"
    assert len(load_corpus(folder).articles) == 1


def test_report_refuses_to_delete_a_folder_it_did_not_make(tmp_path, capsys):
    from greenland_lib.report import REPORT_MARKER, clear_own_folder

    kept = tmp_path / "build" / "report" / "my-notes.txt"
    kept.parent.mkdir(parents=True)
    kept.write_text("mine")
    assert main(["report", "--build", str(tmp_path / "build")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("greenland: ") and "nothing was deleted" in err[0], err
    assert kept.read_text() == "mine"
    (kept.parent / REPORT_MARKER).write_text("")   # a folder the report made is replaced
    clear_own_folder(kept.parent)
    assert not kept.parent.exists()


def test_a_failed_figure_is_found_in_the_executed_notebook():
    import nbformat

    from greenland_lib.report import notebook_errors

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("fig")]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stderr",
                                                  text="Traceback (most recent call last):\n...\nValueError: bad TeX\n")]
    assert notebook_errors(nb) == ["cell 2: ValueError: bad TeX"]
    nb.cells[1].outputs = []
    assert notebook_errors(nb) == []


def test_a_dollar_sign_in_a_label_is_drawn_as_written():
    import io

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from greenland_lib.views.style import figure_style

    with figure_style():
        fig, ax = plt.subplots()
        ax.set_title(r"costs $\frac{1}{ and $ more")   # invalid TeX between two dollar signs
        ax.annotate(r"from $1 to $2^", (0.5, 0.5))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")   # invalid TeX raised here before
    plt.close(fig)
    assert buffer.getvalue().startswith(b"\x89PNG")
