"""Every notebook passes strict nbval several runs in a row, each in a fresh kernel.

`make test` runs nbval on notebooks/ once more after the library tests, so with the runs here every notebook
passes strictly at least three times in a row per `make test` (and once more in the Binder check).
"""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys

from envfiles import makefile_nbval_flags

from greenland_lib.paths import REPO_ROOT
from greenland_lib.report import notebook_paths

RUNS = 2  # + the main nbval run of `make test` = 3


def test_makefile_nbval_is_strict():
    flags = makefile_nbval_flags()
    assert "--nbval" in flags and "--nbval-lax" not in flags
    assert "--nbval-current-env" in flags


def test_notebooks_pass_strict_nbval_runs_in_a_row():
    notebooks = notebook_paths()
    assert notebooks
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *makefile_nbval_flags(),
           *[str(p.relative_to(REPO_ROOT)) for p in notebooks]]
    for run in range(1, RUNS + 1):
        proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)
        summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
        assert proc.returncode == 0, f"nbval run {run} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
        passed = re.search(r"(\d+) passed", summary)
        assert passed and not re.search(r"failed|error|skipped|xfail", summary), f"run {run}: {summary}"
        assert int(passed.group(1)) >= len(notebooks), f"run {run}: fewer cells than notebooks: {summary}"


def test_extraction_does_not_depend_on_the_string_hash_seed(tmp_path):
    """Ties and groupings must not follow set order, which changes with PYTHONHASHSEED per process."""
    import importlib.util
    import os
    import subprocess
    import sys

    spec = importlib.util.spec_from_file_location("scale", REPO_ROOT / "benchmarks" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    corpus = tmp_path / "generated"
    corpus.mkdir()
    scale.generate(corpus, 90)
    digests = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"out{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "greenland_lib", "extract", str(corpus), "--out", str(out)],
                       check=True, env=env, capture_output=True)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.csv"))})
    assert len(digests[0]) >= 10
    for other in digests[1:]:
        assert other == digests[0], sorted(n for n in other if other[n] != digests[0][n])
