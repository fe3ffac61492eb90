"""Readers for the files that describe the environments (pyproject.toml, environment.yml, Makefile)."""
from __future__ import annotations

import re
import shlex
import tomllib

import yaml

from greenland_lib.paths import REPO_ROOT

PYPROJECT = REPO_ROOT / "pyproject.toml"
ENVIRONMENT = REPO_ROOT / "environment.yml"
MAKEFILE = REPO_ROOT / "Makefile"
CONSTRAINTS = REPO_ROOT / "constraints.txt"

# conda-forge packages whose PyPI name is different (beyond case and -/_/. spelling).
CONDA_TO_PIP = {"matplotlib-base": "matplotlib", "pytables": "tables", "msgpack-python": "msgpack"}


def normalise(name: str) -> str:
    """PEP 503 name: lowercase, runs of -, _ and . become a single -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject() -> dict:
    """The parsed pyproject.toml."""
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def exact_pins(requirements: list[str]) -> dict[str, tuple[str, str]]:
    """{normalised name: (name as written, version)} for `name==version` requirements; raises on any other form."""
    pins = {}
    for req in requirements:
        m = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([A-Za-z0-9.+!-]+)\s*", req)
        if not m:
            raise ValueError(f"not an exact pin: {req!r}")
        pins[normalise(m.group(1))] = (m.group(1), m.group(2))
    return pins


def environment() -> dict:
    """The parsed environment.yml."""
    return yaml.safe_load(ENVIRONMENT.read_text(encoding="utf-8"))


def conda_pins(env: dict) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """({normalised pip name: (conda name, version)} of the conda packages, the `pip:` entries).

    `python` and `pip` themselves are left out; every other conda entry must be pinned as name=version.
    """
    pins, pip_entries = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_entries.extend(dep.get("pip", []))
            continue
        m = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:==?\s*([^=\s]+)(?:=\S+)?)?\s*", dep)
        if not m:
            raise ValueError(f"unreadable conda dependency: {dep!r}")
        name, version = m.group(1), m.group(2)
        if name in ("python", "pip"):
            continue
        if version is None:
            raise ValueError(f"conda dependency without a version: {dep!r}")
        pins[normalise(CONDA_TO_PIP.get(name, name))] = (name, version)
    return pins, pip_entries


def conda_python(env: dict) -> str | None:
    """The python entry of environment.yml as written (e.g. 'python=3.11'), or None."""
    for dep in env["dependencies"]:
        if isinstance(dep, str) and re.match(r"\s*python\b", dep):
            return dep.strip()
    return None


def makefile_nbval_flags() -> list[str]:
    """The nbval flags `make test` uses (the Makefile's NBVAL variable)."""
    m = re.search(r"^NBVAL\s*:?=\s*(.+)$", MAKEFILE.read_text(encoding="utf-8"), re.M)
    if not m:
        raise ValueError("no NBVAL variable in the Makefile")
    return shlex.split(m.group(1))


def constraints() -> dict[str, tuple[str, str]]:
    """The pins of constraints.txt (every package a pip install brings in), comments left out."""
    lines = [line.strip() for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines()]
    return exact_pins([line for line in lines if line and not line.startswith("#")])


def makefile_install_commands() -> list[str]:
    """The Makefile's `pip install` command lines."""
    return [line.strip() for line in MAKEFILE.read_text(encoding="utf-8").splitlines() if "pip install" in line]
