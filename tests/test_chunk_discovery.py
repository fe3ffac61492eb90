"""Chunked runs see the whole corpus: persons discovered in one chunk are treated as in a single run."""
from __future__ import annotations

import pandas as pd

from greenland_lib import Corpus, load_corpus, pipeline
from greenland_lib.pipeline import extract, extract_folder

TEXTS = {
    # context names a new person; a later article names him without any context
    "a1": 'NUUK, Greenland -- "We are not for sale," said theology student Nuunu Binzer on Monday.\n',
    "a2": "Later, Nuunu Binzer joined the march in Nuuk. Binzer carried a flag.\n",
    # an early article discovers a shorter form of a name that a later article discovers in full
    "a3": "Lund Holm said the talks were going well.\n",
    "a4": "Fisherman Inga Lund Holm said she was worried. Lund Holm spoke for an hour.\n",
    "a5": "Lund Holm and Nuunu Binzer met again in Nuuk.\n",
}


def test_chunked_run_finds_persons_discovered_in_other_chunks(monkeypatch):
    corpus = Corpus.from_texts(TEXTS)
    whole = extract(corpus, progress=False)
    found = set(whole["mentions"].loc[whole["mentions"].article_id.isin(["a2", "a5"]), "actor_id"])
    assert "new:nuunu-binzer" in found
    assert "new:lund-holm" not in set(whole["actors"].actor_id)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1)
    chunked = extract(corpus, progress=False)
    assert whole.keys() == chunked.keys()
    for name in whole:
        pd.testing.assert_frame_equal(whole[name], chunked[name], obj=name)


def test_folder_run_finds_persons_discovered_in_other_chunks(monkeypatch, write_folder):
    folder = write_folder({f"{name}.txt": text for name, text in TEXTS.items()})
    whole = extract(load_corpus(folder), progress=False)
    assert "new:nuunu-binzer" in set(whole["mentions"].loc[whole["mentions"].article_id == "a2", "actor_id"])
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1)
    for jobs in (1, 2):
        _, chunked = extract_folder(folder, jobs=jobs, progress=False)
        assert whole.keys() == chunked.keys()
        for name in whole:
            pd.testing.assert_frame_equal(whole[name], chunked[name], obj=f"{name} (jobs={jobs})")
