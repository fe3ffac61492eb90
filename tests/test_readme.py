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


def _findings_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("\n## Findings\n", 1)[1].split("\n## ", 1)[0]


def _fold(text: str) -> str:
    """Compare quotations loosely on quote marks and white space only."""
    return re.sub(r"\s+", " ", re.sub(r"[\"'“”‘’]", '"', text)).strip()


def _notebook_markdown(name: str) -> tuple[str, set[str]]:
    import json

    cells = json.loads((REPO_ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    # findings are written by the library and displayed as Markdown outputs of code cells
    markdown += "\n" + "\n".join("".join(o.get("data", {}).get("text/markdown", "")) for c in cells
                                   if c["cell_type"] == "code" for o in c.get("outputs", []))
    anchors = {h.strip().replace(" ", "-") for h in re.findall(r"^#+ (.+)$", markdown, re.M)}
    return markdown, anchors


def test_each_finding_is_quoted_from_the_notebook_section_it_links():
    paragraphs = [p for p in _findings_section().split("\n\n") if re.match(r"\*\*\d+\.", p)]
    assert len(paragraphs) >= 5
    for paragraph in paragraphs:
        bold = re.match(r"\*\*(.+?)\*\*", paragraph, re.S).group(1)
        quoted = re.search(r"\"(.+)\"", bold, re.S).group(1)
        links = re.findall(r"\]\(notebooks/([\w.-]+\.ipynb)#([^)\s]+)\)", paragraph)
        assert links, f"finding not linked to a notebook section: {bold[:60]}"
        markdown, anchors = _notebook_markdown(links[0][0])
        for name, anchor in links:
            assert anchor in _notebook_markdown(name)[1], f"{name} has no section #{anchor}"
        for part in quoted.split(" … "):
            assert _fold(part.strip(".")) in _fold(markdown), f"{links[0][0]} does not say: {part}"


def test_each_quoted_source_sentence_is_on_the_line_it_links():
    quotes = re.findall(r"^> (.+) \(\[[^\]]+\]\((seeds/[\w.]+)#L(\d+)\)\)$", _findings_section(), re.M)
    assert len(quotes) >= 8
    for sentence, path, line in quotes:
        lines = (REPO_ROOT / path).read_text(encoding="utf-8").splitlines()
        assert sentence in lines[int(line) - 1], f"{path} line {line} does not hold: {sentence[:60]}"


def test_the_quote_phenomena_figures_are_the_tables():
    from greenland_lib.extract.quotes.phenomena import quote_phenomena

    table = quote_phenomena()
    text = README.read_text(encoding="utf-8")
    m = re.search(r"quote_phenomena\.csv` holds (\d+) cases we wrote for (\d+) phenomena.*?all (\d+) come out right",
                  text)
    assert m, "the README's accuracy section must state the quote phenomena figures"
    assert [int(x) for x in m.groups()] == [int(table.cases.sum()), len(table), int(table.right.sum())]
