"""Hostile folders (issue 16): only regular files are read, within a size limit and inside the folder;
nothing is dropped silently; ids are unique whatever the file system's case rules."""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from greenland_lib import load_corpus
from greenland_lib.cli import main
from greenland_lib.corpus import files
from greenland_lib.pipeline import extract_folder

TEXT = "NUUK (Reuters) - The minister said on Monday that talks would continue.\n"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links need POSIX")


@pytest.fixture
def deadline():
    """Fail a test that blocks (a FIFO opened for reading would) instead of hanging the run."""
    def expired(*_):
        raise TimeoutError("blocked: a FIFO or device was opened")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def problems_of(folder: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in load_corpus(folder).problems.itertuples():
        out.setdefault(row.file, []).append(f"{row.severity}: {row.message}")
    return out


@posix_only
@pytest.mark.parametrize("fifo", ["a.txt", "sources.csv", "SHA256SUMS"])
def test_a_fifo_is_never_opened_for_reading(write_folder, deadline, fifo):
    folder = write_folder({"b.txt": TEXT})
    os.mkfifo(folder / fifo)
    found = problems_of(folder)
    assert any("not a regular file" in m for m in found[fifo]), found
    corpus, tables = extract_folder(folder)
    assert "b" in set(corpus.articles.article_id)
    assert "b" in set(tables["sentences"].article_id)


@posix_only
def test_symbolic_links_are_followed_only_inside_the_folder(write_folder, tmp_path, deadline):
    outside = tmp_path / "secret.txt"
    outside.write_text("Private words that must not be read.\n")
    folder = write_folder({"b.txt": TEXT})
    os.symlink(outside, folder / "leak.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink(folder / "b.txt", folder / "inside.txt")
    corpus = load_corpus(folder)
    found = problems_of(folder)
    for name in ("leak.txt", "zero.txt"):
        assert any("outside the folder" in m for m in found[name]), found
    assert set(corpus.articles.article_id) == {"b", "inside"}
    assert not corpus.sentences.text.str.contains("Private").any()


def test_a_file_over_the_size_limit_is_a_problem_not_read(write_folder, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    folder = write_folder({"big.txt": TEXT * 40, "small.txt": TEXT})
    found = problems_of(folder)
    assert any("larger than the limit of 1,000 bytes" in m for m in found["big.txt"]), found
    assert set(load_corpus(folder).articles.article_id) == {"small"}
    assert files.MAX_FILE_BYTES == 1000 and files.read_regular(folder / "small.txt", folder) == TEXT.encode()


def test_the_stated_default_limit_is_20_mb():
    assert files.MAX_FILE_BYTES == 20_000_000


def test_hidden_article_files_are_reported(write_folder):
    folder = write_folder({".draft.txt": TEXT, "b.txt": TEXT, ".DS_Store": b"\x00"})
    found = problems_of(folder)
    assert any("hidden file" in m for m in found[".draft.txt"]), found
    assert ".DS_Store" not in found


def test_provenance_rows_outside_the_folder_and_checksums_of_absent_files_are_reported(write_folder):
    folder = write_folder({"b.txt": TEXT,
                           "sources.csv": "file,outlet\nb.txt,Wire\n../other.txt,Elsewhere\n/etc/passwd,X\n",
                           "SHA256SUMS": f"{files.sha256_bytes(TEXT.encode())}  b.txt\n{'0' * 64}  gone.txt\n"})
    found = problems_of(folder)
    messages = found["sources.csv"]
    assert any("'../other.txt'" in m and "row ignored" in m for m in messages), found
    assert any("'/etc/passwd'" in m for m in messages), found
    assert any("listed in SHA256SUMS" in m for m in found["gone.txt"]), found
    assert "b.txt" not in found


def test_a_file_of_only_invisible_characters_is_an_error(write_folder):
    folder = write_folder({"blank.txt": "\u200b\u200b \ufeff\u2060\n\u200d", "b.txt": TEXT})
    found = problems_of(folder)
    assert any(m.startswith("error: only invisible characters") for m in found["blank.txt"]), found
    assert "b.txt" not in found


def test_sources_dates_are_strict_and_rows_with_extra_fields_are_not_shifted(write_folder):
    folder = write_folder({"a.txt": TEXT, "b.txt": TEXT, "c.txt": TEXT,
                           "sources.csv": "file,outlet,published\na.txt,Wire,2026W021\n"
                                          "b.txt,Daily,2026-01-12,extra\nc.txt,Post,20260112\n"})
    corpus = load_corpus(folder)
    found = problems_of(folder)
    messages = found["sources.csv"]
    assert any("'2026W021' is not a valid YYYY-MM-DD" in m for m in messages), found
    assert any("'20260112' is not a valid YYYY-MM-DD" in m for m in messages), found
    assert any("line 3 has 4 fields but the header has 3" in m for m in messages), found
    outlets = dict(zip(corpus.articles.article_id, corpus.articles.outlet))
    assert outlets == {"a": "Wire", "b": "", "c": "Post"}
    assert corpus.articles.published.isna().all()


@pytest.mark.parametrize("make", ["not-utf8", "folder"])
def test_a_checksum_file_that_is_not_text_or_is_a_folder_is_a_problem(write_folder, make):
    folder = write_folder({"b.txt": TEXT})
    if make == "folder":
        (folder / "SHA256SUMS").mkdir()
    else:
        (folder / "SHA256SUMS").write_bytes(b"\xff\xfe\x80 b.txt\n")
    found = problems_of(folder)
    assert any(m.startswith("error:") for m in found["SHA256SUMS"]), found
    assert "b" in set(extract_folder(folder)[1]["articles"].article_id)


def test_a_utf32_file_is_decoded_and_a_bom_never_skips_the_binary_check(write_folder):
    folder = write_folder({"wide.txt": TEXT.encode("utf-32"),
                           "fake.txt": b"\xff\xfe" + b"\x00\x01\x00\x00" * 50})
    corpus = load_corpus(folder)
    found = problems_of(folder)
    assert any("decoded as UTF-32" in m for m in found["wide.txt"]), found
    assert any(m.startswith("error: binary content") for m in found["fake.txt"]), found
    assert not corpus.sentences.text.str.contains("\x00").any()
    assert "The minister said" in corpus.text("wide")


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_an_error_and_check_fails(write_folder, tmp_path, capsys):
    folder = write_folder({"b.txt": TEXT})
    try:
        with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as f:
            f.write(TEXT.encode())
    except OSError as exc:
        pytest.skip(f"this file system refuses the name: {exc}")
    found = problems_of(folder)
    assert any("not valid UTF-8" in m for m in found["bad\ufffd.txt"]), found
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out)]) == 0
    assert "b.txt" in (out / "articles.csv").read_text(encoding="utf-8")
    assert main(["check", str(folder)]) == 1


def test_article_ids_differing_only_in_case_are_an_error_naming_both(write_folder):
    folder = write_folder({"a.txt": TEXT, "A.TXT": TEXT.replace("Monday", "Tuesday"), "b.txt": TEXT})
    corpus = load_corpus(folder)
    ids = [i.casefold() for i in corpus.articles.article_id]
    assert len(ids) == len(set(ids)) == 2
    found = problems_of(folder)
    assert any("same article id as A.TXT" in m for m in found["a.txt"]), found
    _, tables = extract_folder(folder)
    assert len(set(tables["articles"].article_id)) == 2
