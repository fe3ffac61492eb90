"""The seed articles are byte-identical to what was received, and their fingerprints are recorded."""
from __future__ import annotations

import csv
import hashlib
import re

import pytest

from greenland_lib.paths import REPO_ROOT, SEEDS_DIR

SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"

ARTICLES = sorted(SEEDS_DIR.glob("*.txt"))


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def readme_rows():
    text = (SEEDS_DIR / "README.md").read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"^\| `([^`]+\.txt)` \|.*?\| `([0-9a-f]{64})` \|", text, re.M)}


def test_there_are_seed_articles():
    assert len(ARTICLES) >= 3


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_sha256_matches_readme_and_checksum_file(path):
    recorded = readme_rows()
    sums = dict(reversed(line.split()) for line in (SEEDS_DIR / "SHA256SUMS").read_text().splitlines())
    assert recorded.get(path.name) == sha256(path), f"{path.name}: SHA-256 differs from seeds/README.md"
    assert sums.get(path.name) == sha256(path), f"{path.name}: SHA-256 differs from SHA256SUMS"


def test_every_article_and_only_articles_are_in_readme_and_sources():
    names = {p.name for p in ARTICLES}
    assert set(readme_rows()) == names
    with open(SEEDS_DIR / "sources.csv", newline="", encoding="utf-8") as fh:
        assert {row["file"] for row in csv.DictReader(fh)} == names


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_seeds_are_byte_for_byte_copies_of_the_shared_seeds():
    for src in sorted(SHARED_SEEDS.glob("*.txt")) + [SHARED_SEEDS / "sources.csv"]:
        assert (SEEDS_DIR / src.name).read_bytes() == src.read_bytes(), src.name


def test_readme_words_and_paragraphs_match_the_library(seeds):
    text = (SEEDS_DIR / "README.md").read_text(encoding="utf-8")
    for row in seeds.articles.itertuples():
        m = re.search(rf"^\| `{re.escape(row.file)}` \|.*\| (\d+) \| (\d+) \|$", text, re.M)
        assert m, row.file
        assert (int(m.group(1)), int(m.group(2))) == (row.n_words, row.n_paragraphs)
