"""Parallel extraction gives identical tables; large runs show a progress bar."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from greenland_lib import Corpus, pipeline
from greenland_lib.cli import main
from greenland_lib.pipeline import CHUNK_ARTICLES, extract


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
