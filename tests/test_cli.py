"""The ``greenland`` command line."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

from greenland_lib.cli import main
from greenland_lib.corpus.loading import ARTICLE_COLUMNS, PARAGRAPH_COLUMNS, PROBLEM_COLUMNS, SENTENCE_COLUMNS

CONTRACT = {"articles": ARTICLE_COLUMNS, "paragraphs": PARAGRAPH_COLUMNS,
            "sentences": SENTENCE_COLUMNS, "problems": PROBLEM_COLUMNS}


def test_extract_writes_the_tables_with_their_columns(tmp_path, seeds):
    assert main(["extract", "--out", str(tmp_path)]) == 0
    for name, columns in CONTRACT.items():
        table = pd.read_csv(tmp_path / f"{name}.csv", keep_default_na=False)
        assert list(table.columns) == columns
    sentences = pd.read_csv(tmp_path / "sentences.csv", keep_default_na=False)
    assert len(sentences) == len(seeds.sentences)
    assert list(sentences.text) == list(seeds.sentences.text)


def test_extract_on_a_folder_with_bad_files_completes_and_reports_them(tmp_path, write_folder):
    folder = write_folder({"ok.txt": "Greenland said no.", "empty.txt": b"", "bin.txt": b"\x00\x01"})
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out)]) == 0
    problems = pd.read_csv(out / "problems.csv")
    assert {"empty.txt", "bin.txt"} <= set(problems.file)
    assert set(pd.read_csv(out / "articles.csv").file) == {"ok.txt", "empty.txt", "bin.txt"}


def test_check_exits_1_on_errors_and_0_on_clean_seeds(write_folder, capsys):
    assert main(["check"]) == 0
    folder = write_folder({"ok.txt": "Greenland said no.", "empty.txt": b""})
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: error: empty file" in err


def test_check_exits_0_on_warnings_only(write_folder, capsys):
    folder = write_folder({"crlf.txt": b"Greenland said no.\r\n"})
    assert main(["check", str(folder)]) == 0
    assert "crlf.txt: warning" in capsys.readouterr().err


def test_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err


def test_python_dash_m_and_console_script_work(tmp_path):
    run = subprocess.run([sys.executable, "-m", "greenland_lib", "check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "article(s); 0 error(s)" in run.stdout
    help_ = subprocess.run([sys.executable, "-m", "greenland_lib", "--help"], capture_output=True, text=True)
    for command in ("extract", "check", "report", "notebooks"):
        assert command in help_.stdout
