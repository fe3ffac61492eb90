"""Shared fixtures for the library tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from greenland_lib import load_corpus


@pytest.fixture(scope="session")
def seeds():
    """The seed corpus, loaded once per test session."""
    return load_corpus()


@pytest.fixture(scope="session")
def tables(seeds):
    """Every table the library produces for the seeds."""
    from greenland_lib.pipeline import extract

    return extract(seeds)


@pytest.fixture
def write_folder(tmp_path):
    """Write {name: bytes or str} into a fresh folder and return its path."""

    def write(files: dict, folder: Path | None = None) -> Path:
        folder = folder or tmp_path / "articles"
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        return folder

    return write
