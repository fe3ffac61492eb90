"""The HTML report: built into a temporary folder, opened in headless Chromium, and built twice to
check that it is byte-identical. The repository's own build/ is never written by these tests."""
from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import matplotlib.image as mpimg
import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from greenland_lib import load_corpus
from greenland_lib.cli import build_parser
from greenland_lib.pipeline import NOT_WRITTEN
from greenland_lib.report import render_markdown, title_and_findings, build_report, first_figure, notebook_paths

CHROMIUM = shutil.which("chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAGENTA = "#ff00ff"  # a colour the page's own style never uses: seeing it in the screenshot means the figure drew
ATTR = re.compile(r'\s(href|src)="([^"]*)"')


def _figure_notebook(folder: Path) -> Path:
    """A small notebook with one figure, so the figure path of the report is always exercised."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# A notebook with a figure\n\nUsed by the report tests only."),
            new_markdown_cell("A single magenta bar that fills the plot."),
            new_code_cell("%matplotlib inline\nimport matplotlib.pyplot as plt\n"
                          f"fig, ax = plt.subplots(figsize=(6, 4))\n_ = ax.bar([0], [1], width=1, color='{MAGENTA}')\n"
                          "plt.show()"),
            new_markdown_cell("## Findings\n\n- The magenta bar is drawn; see also [the overview](00-overview.ipynb)."),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    path = folder / "00a-figure-check.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the report twice, into two different temporary folders, from the same notebooks."""
    extra = _figure_notebook(tmp_path_factory.mktemp("nb"))
    notebooks = [extra] + notebook_paths()
    first = build_report(tmp_path_factory.mktemp("build-a"), notebooks)
    second = build_report(tmp_path_factory.mktemp("build-b"), notebooks)
    return first, second, notebooks


def _chromium(*args: str, tmp: Path, timeout: int = 90) -> str:
    """Run headless Chromium with a fresh profile; kill its whole process group if it hangs."""
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    cmd = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"chromium did not finish within {timeout} s")
    assert proc.returncode == 0, err[-2000:]
    return out


def _text(markup: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def _local_targets(page: Path):
    """Yield (attribute, target) for every local href/src of an HTML page."""
    for attr, value in ATTR.findall(page.read_text(encoding="utf-8")):
        value = html.unescape(value)
        if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):  # http:, https:, mailto:, data:
            continue
        yield attr, value


def _findings_fragments(findings_markdown: str) -> list[str]:
    """The findings as the reader sees them: one plain-text fragment per list item or paragraph."""
    rendered = render_markdown(findings_markdown)
    items = re.findall(r"<(li|p)>(.*?)</\1>", rendered, re.S)
    return [_text(body) for _, body in items if _text(body)]


# ---- the landing page, file by file -------------------------------------------------------------------------


def test_report_is_built_outside_the_repository(built):
    index, _, _ = built
    assert index.name == "index.html" and index.is_file()
    assert "build-a" in str(index)


def test_every_local_link_and_image_exists_and_anchors_resolve(built):
    index, _, _ = built
    report = index.parent
    pages = sorted(report.glob("*.html"))
    assert index in pages and (report / "data-dictionary.html") in pages
    for page in pages:
        ids = set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        for attr, target in _local_targets(page):
            path_part, _, anchor = target.partition("#")
            dest = (report / path_part) if path_part else page
            assert dest.resolve().is_relative_to(report.resolve()), f"{page.name} points outside the report: {target}"
            assert dest.is_file(), f"{page.name}: {attr}={target} is missing"
            if anchor and dest.suffix == ".html":
                dest_ids = ids if dest == page else set(re.findall(r'\sid="([^"]+)"', dest.read_text(encoding="utf-8")))
                assert html.escape(anchor) in dest_ids or anchor in dest_ids, f"{page.name}: no #{anchor} in {dest.name}"


def test_every_notebook_is_linked_with_its_findings(built):
    index, _, notebooks = built
    page = index.read_text(encoding="utf-8")
    text = _text(page)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        title, findings = title_and_findings(nb)
        assert findings, f"{path.name} has no ## Findings section"
        html_page = path.with_suffix(".html").name
        assert (index.parent / html_page).is_file()
        anchor = re.search(r'<h2 id="([^"]+)"[^>]*>\s*Findings\b', (index.parent / html_page).read_text(encoding="utf-8"))
        assert anchor, f"{html_page} has no Findings heading with an id"
        assert f'href="{html_page}#{anchor.group(1)}"' in page, f"no link to the Findings of {path.name}"
        assert html.escape(title) in page
        for fragment in _findings_fragments(findings):
            assert fragment in text, f"finding of {path.name} missing from the landing page: {fragment[:80]}"


def test_first_figure_of_each_notebook_is_on_the_landing_page_as_a_png(built):
    index, _, notebooks = built
    report = index.parent
    page = index.read_text(encoding="utf-8")
    srcs = re.findall(r'<img\s[^>]*src="([^"]+)"', page)
    expected = 0
    for path in notebooks:
        png, _ = first_figure(nbformat.read(report.parent / "notebooks" / path.name, as_version=4))
        src = f"figures/{path.stem}.png"
        if png is None:
            assert src not in srcs
            continue
        expected += 1
        assert src in srcs, f"the first figure of {path.name} is not on the landing page"
        assert (report / src).read_bytes() == png
    assert expected >= 1 and len(srcs) == expected
    for src in srcs:
        data = (report / src).read_bytes()
        assert data.startswith(PNG_SIGNATURE), src
        pixels = mpimg.imread(report / src)
        assert pixels.shape[0] > 100 and pixels.shape[1] > 100, src
        assert np.ptp(pixels[..., :3]) > 0, f"{src} is a blank image"
    assert all(re.search(r'\salt="[^"]+"', tag) for tag in re.findall(r"<img\s[^>]*>", page)), "an image lacks alt text"


def test_tables_are_offered_as_csv_and_the_dictionary_as_html(built, tables):
    index, _, _ = built
    report = index.parent
    page = index.read_text(encoding="utf-8")
    for name, table in tables.items():
        csv = report / "data" / f"{name}.csv"
        assert f'href="data/{name}.csv"' in page, f"no download link for {name}"
        written = [c for c in table.columns if c not in NOT_WRITTEN.get(name, ())]   # the timeline's sentence is not
        assert csv.read_text(encoding="utf-8").splitlines()[0] == ",".join(written)
        assert f'href="data-dictionary.html#table-{name}"' in page
    dictionary = (report / "data-dictionary.html").read_text(encoding="utf-8")
    assert "<table>" in dictionary and "<h3" in dictionary, "the dictionary is not rendered to HTML"
    assert "| column |" not in dictionary, "raw Markdown table left in the dictionary page"
    assert not list(report.rglob("*.md")), "a raw Markdown file is linked instead of rendered"


def test_notebook_links_point_at_report_pages(built):
    index, _, _ = built
    for page in index.parent.glob("*.html"):
        for _, target in _local_targets(page):
            assert ".ipynb" not in target, f"{page.name} links to a notebook file: {target}"


def test_cli_report_takes_a_build_folder():
    args = build_parser().parse_args(["report", "--build", "somewhere"])
    assert args.build == "somewhere" and args.func.__name__ == "_cmd_report"


# ---- determinism -------------------------------------------------------------------------------------------


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built):
    first, second, _ = built
    a, b = _digests(first.parent.parent), _digests(second.parent.parent)
    csvs = [name for name in a if name.endswith(".csv")]
    pages = [name for name in a if name.endswith(".html")]
    assert csvs and pages
    assert sorted(a) == sorted(b), "the two builds produced different files"
    for name in csvs + pages:
        assert a[name] == b[name], f"{name} differs between two builds"
    assert a == b  # figures and executed notebooks too


def test_executed_notebooks_hold_no_timing_metadata(built):
    index, _, notebooks = built
    for path in notebooks:
        nb = nbformat.read(index.parent.parent / "notebooks" / path.name, as_version=4)
        assert not [c for c in nb.cells if "execution" in c.metadata], f"{path.name} carries execution timestamps"


# ---- in a browser -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(built, tmp_path_factory):
    """Screenshot and rendered DOM of the landing page in headless Chromium."""
    if CHROMIUM is None:
        pytest.skip("chromium is not on PATH (Debian: apt-get install chromium); the browser check did not run")
    index, _, _ = built
    tmp = tmp_path_factory.mktemp("chromium")
    shot = tmp / "index.png"
    url = index.resolve().as_uri()
    _chromium("--window-size=1280,2000", f"--screenshot={shot}", url, tmp=tmp)
    dom = _chromium("--dump-dom", url, tmp=tmp)
    return shot, dom


def test_screenshot_is_not_blank_and_shows_the_figure(browser):
    shot, _ = browser
    assert shot.read_bytes().startswith(PNG_SIGNATURE)
    pixels = mpimg.imread(shot)[..., :3]
    assert pixels.shape[:2] == (2000, 1280)
    assert np.ptp(pixels) > 0.5, "the screenshot is one colour"
    non_white = (pixels < 0.95).any(axis=-1).mean()
    assert non_white > 0.01, f"only {non_white:.2%} of the screenshot is drawn"
    magenta = (pixels[..., 0] > 0.9) & (pixels[..., 1] < 0.1) & (pixels[..., 2] > 0.9)
    assert magenta.sum() > 5000, "the figure image did not render in the browser"


def test_search_page_tables_become_searchable_in_the_browser(browser, built, tmp_path_factory):
    from greenland_lib.report import SEARCH_PAGE

    index, _, _ = built
    tmp = tmp_path_factory.mktemp("chromium-search")
    dom = _chromium("--virtual-time-budget=10000", "--dump-dom", (index.parent / SEARCH_PAGE).resolve().as_uri(), tmp=tmp)
    assert dom.count('type="search"') >= 3, "DataTables did not add a search box to each table"
    assert "dataTable" in dom and "dt-paging" in dom


def test_rendered_dom_holds_the_findings_and_figures(browser, built):
    _, dom = browser
    index, _, notebooks = built
    assert "<h1>" in dom and "</html>" in dom
    text = _text(dom)
    for path in notebooks:
        title, findings = title_and_findings(nbformat.read(path, as_version=4))
        assert title in text
        for fragment in _findings_fragments(findings):
            assert fragment in text, f"{path.name}: {fragment[:80]}"
    for src in re.findall(r'<img\s[^>]*src="([^"]+)"', dom):
        assert (index.parent / src).is_file()


def test_notebook_pages_fold_every_code_cell(built):
    index, _, notebooks = built
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        page = (index.parent / path.with_suffix(".html").name).read_text(encoding="utf-8")
        n_code = sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())
        assert page.count('<details class="code"><summary>Show the code</summary>') == n_code, path.name
        assert not re.search(r"class=\"[^\"]*jp-InputArea-editor", page), f"{path.name} shows code outside a folded block"
        first_code = next(c.source for c in nb.cells if c.cell_type == "code")
        assert html.escape(first_code) in page


def test_search_page_holds_the_long_tables_without_network(built, tables):
    from greenland_lib.report import SEARCH_PAGE, searchable_tables

    index, _, _ = built
    page = (index.parent / SEARCH_PAGE).read_text(encoding="utf-8")
    assert f'href="{SEARCH_PAGE}"' in index.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page), "a script is loaded from elsewhere"
    assert not re.search(r"""import\s*\(?\s*['"]https?:""", page), "a module is imported from the network"
    expected = searchable_tables(tables, load_corpus())
    for name, df in expected.items():
        assert f'id="table-{name}"' in page
        assert f"<h2>{name} ({len(df)} rows)</h2>" in page
    assert {"quotes", "events", "timeline"} <= set(expected)


# ---- the pieces, without a kernel --------------------------------------------------------------------------


def test_findings_are_read_across_cells_and_stop_at_the_next_section():
    nb = new_notebook(cells=[
        new_markdown_cell("# Title here\n\nIntro."),
        new_markdown_cell("## Question\n\nNot a finding."),
        new_markdown_cell("## Findings"),
        new_code_cell("1 + 1"),
        new_markdown_cell("- first finding\n\n### detail\n\nsecond finding"),
        new_markdown_cell("## Limits\n\nnot a finding either"),
    ])
    title, findings = title_and_findings(nb)
    assert title == "Title here"
    assert "first finding" in findings and "second finding" in findings and "### detail" in findings
    assert "Not a finding" not in findings and "not a finding either" not in findings
    assert title_and_findings(new_notebook(cells=[new_markdown_cell("# Only a title")])) == ("Only a title", "")


def test_first_figure_takes_the_first_png_and_the_prose_before_it():
    import base64

    png = PNG_SIGNATURE + b"fake"
    nb = new_notebook(cells=[
        new_markdown_cell("## A section\n\nThe sentence before the figure."),
        new_code_cell("x", outputs=[nbformat.v4.new_output("display_data", data={
            "image/png": base64.b64encode(png).decode(), "text/plain": "<Figure>"})]),
        new_code_cell("y", outputs=[nbformat.v4.new_output("display_data", data={
            "image/png": base64.b64encode(b"second").decode()})]),
    ])
    assert first_figure(nb) == (png, "The sentence before the figure.")
    assert first_figure(new_notebook(cells=[new_code_cell("1")])) == (None, "")


def test_relative_links_are_rewritten_to_report_pages_and_copies(tmp_path):
    from greenland_lib.paths import NOTEBOOKS_DIR, SEEDS_DIR
    from greenland_lib.report import rewrite_links

    markup = ('<a href="01-next.ipynb#Findings">n</a> <a href="https://example.org/x.ipynb">e</a> '
              '<a href="#local">l</a> <a href="../seeds/sources.csv">s</a> <a href="missing.txt">m</a>')
    out = rewrite_links(markup, NOTEBOOKS_DIR, tmp_path, {"01-next.ipynb": "01-next.html"})
    assert 'href="01-next.html#Findings"' in out and 'href="https://example.org/x.ipynb"' in out
    assert 'href="#local"' in out and 'href="missing.txt"' in out
    assert 'href="files/seeds/sources.csv"' in out
    assert (tmp_path / "files/seeds/sources.csv").read_bytes() == (SEEDS_DIR / "sources.csv").read_bytes()


def test_findings_include_the_markdown_a_code_cell_displays_but_not_the_navigation():
    from nbformat.v4 import new_output

    cell = new_code_cell("Markdown(found.section)")
    cell.outputs = [new_output("execute_result", data={"text/markdown": "- a computed finding", "text/plain": "<md>"},
                               execution_count=1)]
    nb = new_notebook(cells=[new_markdown_cell("# T"), new_markdown_cell("## Findings\n\nComputed:"), cell,
                             new_markdown_cell("- a written finding\n\n[next: 01-x](01-x.ipynb)")])
    _, findings = title_and_findings(nb)
    assert "a computed finding" in findings and "a written finding" in findings
    assert "next:" not in findings and "<md>" not in findings
