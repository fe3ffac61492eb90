"""The README's promises hold: its links resolve, it gives the two commands, and CI runs the same one."""
from __future__ import annotations

import re
from urllib.parse import unquote

from greenland_lib.paths import REPO_ROOT

README = REPO_ROOT / "README.md"
CI = REPO_ROOT / ".ci" / "run"


def _links(text: str) -> list[str]:
    """Targets of Markdown links and images, reference definitions, and HTML href/src attributes."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks hold commands, not links
    inline = re.findall(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", text)
    refs = re.findall(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", text, re.M)
    attrs = re.findall(r"\s(?:href|src)=\"([^\"]+)\"", text)
    return inline + refs + attrs


def test_readme_has_links_to_check():
    assert len(_links(README.read_text(encoding="utf-8"))) >= 5


def test_every_relative_link_in_the_readme_exists():
    missing = []
    for target in _links(README.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue
        path = unquote(target.split("#", 1)[0])
        if path and not (REPO_ROOT / path).exists():
            missing.append(target)
    assert not missing, f"README.md links to missing paths: {missing}"


def test_readme_gives_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert re.search(r"^make report\b", text, re.M)
    assert re.search(r"^make test\b", text, re.M)


def test_makefile_has_the_targets_the_readme_names():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    named = set(re.findall(r"`make ([a-z][\w-]*)`", README.read_text(encoding="utf-8")))
    named |= set(re.findall(r"^make ([a-z][\w-]*)", README.read_text(encoding="utf-8"), re.M))
    assert {"report", "test"} <= named
    assert named <= targets, f"README names missing make targets: {sorted(named - targets)}"


def test_ci_runs_the_readmes_test_command():
    lines = [line.strip() for line in CI.read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[-1] == "make test", ".ci/run does not end by calling `make test` (its status is CI's)"
    assert CI.stat().st_mode & 0o100, ".ci/run is not executable"
