"""Paths resolved from the package location, never from the working directory."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_ROOT = PACKAGE_DIR.parent
SEEDS_DIR = REPO_ROOT / "seeds"
BUILD_DIR = REPO_ROOT / "build"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
# The folder the notebooks and the report read: $GREENLAND_CORPUS when set (relative to the working
# directory), else seeds/.
CORPUS_DIR = Path(os.environ["GREENLAND_CORPUS"]).resolve() if os.environ.get("GREENLAND_CORPUS") else SEEDS_DIR


def data_file(name: str) -> Path:
    """Return the path of a data file shipped inside the package."""
    return DATA_DIR / name
ANNOTATIONS_DIR = REPO_ROOT / "annotations"        # the hand-made gold of the seeds
RESULTS_DIR = REPO_ROOT / "results"                # stored benchmark results (make bench writes them)
