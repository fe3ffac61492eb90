"""Binder (repo2docker) would build a working environment: environment.yml, postBuild and the README badge.

The slow test builds a fresh virtual environment from exactly what environment.yml names (conda pins translated
to pip), installs the package as Binder would, and runs strict nbval on the notebooks inside it.
"""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from envfiles import conda_pins, conda_python, environment, exact_pins, makefile_nbval_flags, pyproject

from greenland_lib.paths import REPO_ROOT
from greenland_lib.report import notebook_paths

POSTBUILD = REPO_ROOT / "postBuild"
README = REPO_ROOT / "README.md"


def test_environment_uses_conda_forge_only_and_python_3_11_exactly():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    assert conda_python(env) == "python=3.11", "repo2docker needs python=3.11 written exactly"
    assert "defaults" not in str(env) and "nodefaults" not in str(env.get("channels"))


def test_environment_installs_the_package():
    _, pip_entries = conda_pins(environment())
    assert pip_entries == ["-e ."], pip_entries


def test_postbuild_is_executable_stops_on_errors_and_installs_the_package():
    mode = POSTBUILD.stat().st_mode
    assert mode & stat.S_IXUSR, "postBuild is not executable"
    text = POSTBUILD.read_text(encoding="utf-8")
    assert text.startswith("#!"), "postBuild has no shebang line"
    assert re.search(r"^\s*set -[a-z]*e[a-z]*\b", text, re.M), "postBuild lacks `set -e`"
    assert re.search(r"pip install\b.*(-e \.|\s\.)\s*$", text, re.M), "postBuild does not install the package"


def test_readme_badge_opens_an_existing_notebook_in_jupyterlab():
    badges = re.findall(r"\((https://mybinder\.org/v2/gh/[^)\s]+)\)", README.read_text(encoding="utf-8"))
    assert badges, "no Binder badge link in README.md"
    for link in badges:
        url = urlparse(link)
        assert re.fullmatch(r"/v2/gh/[\w.-]+/[\w.-]+/[\w./-]+", url.path), link
        urlpath = parse_qs(url.query)["urlpath"][0]
        assert urlpath.startswith("lab/tree/"), f"the badge does not open JupyterLab: {urlpath}"
        target = REPO_ROOT / urlpath[len("lab/tree/"):]
        assert target.is_file() and target in notebook_paths(), f"the badge names a missing notebook: {target}"


def _pip_requirements() -> list[str]:
    """environment.yml's conda packages as pip requirements, spelled as pyproject.toml spells them."""
    project = pyproject()["project"]
    spelling = {key: name for key, (name, _) in exact_pins(project["dependencies"]).items()}
    for group in project["optional-dependencies"].values():
        spelling.update({key: name for key, (name, _) in exact_pins(group).items()})
    pins, _ = conda_pins(environment())
    return [f"{spelling.get(key, conda_name)}=={version}" for key, (conda_name, version) in sorted(pins.items())]


def _run(cmd: list, env: dict, timeout: int, **kw) -> subprocess.CompletedProcess:
    started = time.monotonic()
    proc = subprocess.run([str(c) for c in cmd], env=env, capture_output=True, text=True, timeout=timeout, **kw)
    assert proc.returncode == 0, (f"{' '.join(map(str, cmd[:6]))} ... failed after {time.monotonic() - started:.0f} s:"
                                  f"\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def test_binder_environment_builds_and_notebooks_pass_nbval():
    """One slow test (about a minute with pip's cache): fresh venv from environment.yml, package, strict nbval."""
    python = conda_python(environment())
    wanted = python.split("=", 1)[1]
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert running == wanted, f"environment.yml asks for {python}, but the tests run on Python {running}"
    requirements = _pip_requirements()
    assert any(r.lower().startswith("nbval==") for r in requirements)
    with tempfile.TemporaryDirectory(prefix="binder-") as tmp:  # ~500 MB: removed at once, not kept by pytest
        venv = Path(tmp) / "venv"
        base_python = getattr(sys, "_base_executable", sys.executable)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "MPLBACKEND",
                                                               "PYTHONHOME", "JUPYTER_PATH")}
        env.update(VIRTUAL_ENV=str(venv), PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
                   PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONDONTWRITEBYTECODE="1")
        _run([base_python, "-m", "venv", venv], env, 120)
        py = venv / "bin" / "python"
        _run([py, "-m", "pip", "install", "--quiet", "--no-compile", *requirements], env, 900)
        # `pip: [-e .]` as repo2docker runs it. --no-deps: every dependency must come from environment.yml
        # itself, so a package missing there cannot be fetched silently through pyproject.toml.
        _run([py, "-m", "pip", "install", "--quiet", "--no-compile", "--no-deps", "-e", "."], env, 300,
             cwd=REPO_ROOT)
        _run(["bash", POSTBUILD], env, 300, cwd=REPO_ROOT)  # Binder runs postBuild afterwards; it must succeed
        _run([py, "-m", "pip", "check"], env, 120)  # the package's own requirements are all satisfied
        where = _run([py, "-c", "import greenland_lib, sys; print(greenland_lib.__file__); print(sys.prefix)"],
                     env, 60).stdout.split()
        assert Path(where[0]).resolve().is_relative_to(REPO_ROOT.resolve()) and Path(where[1]) == venv
        result = _run([py, "-m", "pytest", "-p", "no:cacheprovider", "-q", *makefile_nbval_flags(), "notebooks"],
                      env, 900, cwd=REPO_ROOT)
        summary = result.stdout.strip().splitlines()[-1]
        assert re.search(r"\d+ passed", summary) and not re.search(r"failed|error|skipped", summary), summary
    assert not Path(tmp).exists()
