"""Parallel extraction gives identical tables; large runs show a progress bar."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from greenland_lib import Corpus, CorpusError, load_corpus, pipeline
from greenland_lib.corpus import CorpusBuilder
from greenland_lib.cli import main
from greenland_lib.pipeline import CHUNK_ARTICLES, extract, extract_folder

MESSY = Path(__file__).parent / "fixtures" / "messy"


def many(seeds, n, days=9):
    """n copies of the seed articles, published over ``days`` consecutive days (several per day)."""
    texts, published = {}, {}
    rows = list(seeds.articles.itertuples())
    for i in range(n):
        art = rows[i % len(rows)]
        key = f"{i:04d}_{art.article_id}"
        texts[key] = seeds.text(art.article_id)
        published[key] = art.published + dt.timedelta(days=i % days) if art.published else None
    return Corpus.from_texts(texts, published)


def test_jobs_do_not_change_any_table(seeds):
    corpus = many(seeds, CHUNK_ARTICLES * 2 + 7)
    one = extract(corpus, jobs=1, progress=False)
    two = extract(corpus, jobs=2, progress=False)
    assert one.keys() == two.keys()
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name], obj=name)


def test_chunked_run_equals_single_run(seeds, monkeypatch):
    corpus = many(seeds, 14, days=3)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1000)
    whole = extract(corpus, progress=False)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 2)   # 7 chunks of 2 articles
    chunked = extract(corpus, progress=False)
    assert whole.keys() == chunked.keys()
    # the tables built across articles must see every chunk, so groups here span several chunks
    for name in ("timeline", "timeline_days", "events", "event_groups", "stances", "outcome", "actors"):
        assert len(whole[name]) > 0, name
    assert whole["timeline_days"].n_articles.max() > 2
    assert whole["event_groups"].n_reports.max() > 2
    for name in whole:
        pd.testing.assert_frame_equal(whole[name], chunked[name], obj=name)


def test_cli_shows_progress_above_100_articles_and_accepts_jobs(tmp_path, write_folder, seeds, capsys):
    text = seeds.text(seeds.articles.article_id.iloc[0])
    folder = write_folder({f"{i:03d}.txt": text for i in range(101)})
    assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert "101/101" in err and "article" in err
    small = write_folder({f"{i:03d}.txt": text for i in range(5)}, folder=tmp_path / "small")
    assert main(["extract", str(small), "--out", str(tmp_path / "out2")]) == 0
    assert "5/5" not in capsys.readouterr().err


def messy_folder(seeds, folder: Path) -> Path:
    """A folder of 26 articles with every kind of loading problem, spread over several chunks."""
    folder.mkdir()
    rows = list(seeds.articles.itertuples())
    files: dict[str, bytes] = {}
    for i in range(14):
        art = rows[i % len(rows)]
        text = seeds.text(art.article_id)
        if i % 3 == 1:   # a different text, so that not every copy is a duplicate
            text = text.replace("Greenland", "Kalaallit Nunaat", 1 + i % 4)
        files[f"{i:02d}_{art.article_id}.txt"] = text.encode("utf-8")
    first = files["00_" + rows[0].article_id + ".txt"]
    files["05_copy.txt"] = first                   # duplicate of a file in the first chunk
    files["11_copy.txt"] = files["10_" + rows[10 % len(rows)].article_id + ".txt"]   # same chunk or the next
    files["20_cp1252.txt"] = "“Greenland is not for sale,” he said on Monday.".encode("cp1252")
    files["21_empty.txt"] = b""
    files["22_binary.txt"] = b"PK\x03\x04\x00binary"
    files["24_header.txt"] = b" date 2026-13-45 NUUK (AP) -- Greenland said no on Tuesday."
    files["25_copy.txt"] = first                   # and again, chunks later
    for f in ("unbalanced_quote.txt", "html_left_in.txt", "crlf.txt", "latin1.txt", "no_sentence_punctuation.txt"):
        files["26_" + f] = (MESSY / f).read_bytes()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "notes.md").write_text("not an article")
    (folder / "13_subfolder.txt").mkdir()
    names = sorted(files)
    sums = [f"{hashlib.sha256(files[n]).hexdigest()}  {n}" for n in names[:6]]
    sums.append("0" * 64 + f"  {names[8]}")       # this file was changed after it was recorded
    (folder / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    listed = [n for n in names if n != names[3]]  # one file not listed
    lines = ["file,outlet,agency,url,published"]
    lines += [f"{n},Outlet {i % 4},,https://example.org/{i},2026-01-{10 + i % 9:02d}" for i, n in enumerate(listed)]
    lines.insert(4, "gone.txt,Outlet 9,,https://example.org/gone,2026-01-12")   # listed, but there is no such file
    (folder / "sources.csv").write_text("\n".join(lines) + "\n")
    return folder


def assert_same_tables(one: dict, two: dict) -> None:
    assert list(one) == list(two)
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name], obj=name)


@pytest.mark.parametrize("jobs", [1, 2])
def test_folder_run_equals_load_then_extract(seeds, tmp_path, monkeypatch, jobs):
    folder = messy_folder(seeds, tmp_path / "messy")
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 4)   # 7 chunks of up to 4 articles
    corpus = load_corpus(folder)
    expected = extract(corpus, jobs=jobs, progress=False)
    problems = expected["problems"].message
    for words in ("identical content to", "differs from SHA256SUMS", "not listed in sources.csv",
                  "listed in sources.csv but the file is missing", "decoded as cp1252", "empty file",
                  "not a .txt article", "unbalanced", "impossible date"):
        assert problems.str.contains(words).any(), words
    first = corpus.articles.file.iloc[0]
    for copy in ("05_copy.txt", "25_copy.txt"):   # duplicates of a file several chunks earlier
        own = expected["problems"][expected["problems"].file == copy].message
        assert own.str.contains(f"identical content to {first}").any(), copy
    assert len(corpus.articles) > 6 * 4

    build = CorpusBuilder.build

    def chunk_only(builder):   # the folder run parses chunk by chunk, never the whole corpus at once
        assert len(builder.articles) <= pipeline.CHUNK_ARTICLES, "the folder run parsed more than one chunk at once"
        return build(builder)

    monkeypatch.setattr(CorpusBuilder, "build", chunk_only)
    loaded, tables = extract_folder(folder, jobs=jobs, progress=False)
    assert_same_tables(expected, tables)
    assert_same_tables(corpus.tables(), loaded.tables())
    assert set(loaded.texts) == set(corpus.texts)
    for article_id in corpus.articles.article_id:
        assert loaded.text(article_id) == corpus.text(article_id)


def test_folder_run_on_one_chunk_or_clashing_ids_equals_load_then_extract(seeds, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 3)
    text = seeds.text(seeds.articles.article_id.iloc[0])
    small = tmp_path / "small"
    small.mkdir()
    for name in ("a.txt", "b.txt", "sources.csv"):
        (small / name).write_text(text if name.endswith(".txt") else "file,outlet\na.txt,O\n")
    clash = tmp_path / "clash"
    shutil.copytree(small, clash)
    for name in ("a.TXT", "c.txt", "d.txt"):   # a.txt and a.TXT are both article "a"
        (clash / name).write_text(text)
    for folder in (small, clash):
        assert_same_tables(extract(load_corpus(folder), progress=False), extract_folder(folder, progress=False)[1])


def test_folder_corpus_reads_texts_on_demand_and_notices_edits(seeds, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 2)
    folder = tmp_path / "articles"
    folder.mkdir()
    ids = list(seeds.articles.article_id)
    for article_id in ids:
        (folder / f"{article_id}.txt").write_text(seeds.text(article_id), encoding="utf-8")
    corpus, _ = extract_folder(folder, progress=False)
    assert corpus.text(ids[0]) == seeds.text(ids[0])
    (folder / f"{ids[1]}.txt").write_text("Edited after loading.", encoding="utf-8")
    with pytest.raises(CorpusError, match=f"{ids[1]}.txt: changed since"):
        corpus.text(ids[1])
    with pytest.raises(CorpusError, match="nowhere"):
        extract_folder(tmp_path / "nowhere")
