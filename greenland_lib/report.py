"""Execute the notebooks into ``build/notebooks`` and render the HTML report in ``build/report``.

The committed notebooks are never rewritten: each is read, executed in memory with the
notebook folder as working directory, saved under ``build/notebooks/`` and exported to
HTML (figures embedded) under ``build/report/``. The landing page ``index.html`` gathers the
``## Findings`` section and the first figure of every notebook, links to the CSV tables and
to the data dictionary (``seeds/README.md`` rendered as HTML). Nothing in the output depends
on the clock or on where the build folder is, so two builds are byte-identical.
"""
from __future__ import annotations

import base64
import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .paths import BUILD_DIR, CORPUS_DIR, NOTEBOOKS_DIR, REPO_ROOT, SEEDS_DIR

TITLE = "Greenland crisis, January 2026: a source-cited analysis"
FINDINGS_HEADING = "Findings"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.M)
_NAVIGATION = re.compile(r"^\s*(\[next: |Back to the \[)")
_LINK_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62em;margin:2em auto;
padding:0 1em;line-height:1.5;color:#1a1a1a;background:#fff}
h1{font-size:1.9em;margin-bottom:.2em}
section{border-top:1px solid #ccc;margin-top:1.5em;padding-top:.3em}
figure{margin:1em 0}
figure img{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{font-size:.9em;color:#444}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f2f2f2}
code{background:#f4f4f4;padding:0 .2em}
td code{overflow-wrap:anywhere}
table{display:block;overflow-x:auto}
nav a{margin-right:1em}
.more{font-size:.95em}
footer{margin-top:2em;font-size:.85em;color:#555}
"""


@dataclass
class NotebookEntry:
    """What the landing page shows for one executed notebook."""

    path: Path
    title: str
    findings: str
    page: str
    anchor: str = ""
    figure: bytes | None = None
    figure_caption: str = ""


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Return the numbered notebooks of the sequence, in order."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]-*.ipynb"))


def markdown_output(out) -> str:
    """The text/markdown of a code cell's output ("" when it has none)."""
    text = out.get("data", {}).get("text/markdown", "")
    return "".join(text) if isinstance(text, list) else text


def title_and_findings(nb) -> tuple[str, str]:
    """Return the notebook's H1 title and the Markdown under its ``## Findings`` heading."""
    title, lines, inside = "", [], False
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            if inside:  # findings written by the library: the Markdown the cell displays
                lines += [markdown_output(out) for out in cell.get("outputs", []) if markdown_output(out)] + [""]
            continue
        for line in cell.source.splitlines():
            m = _HEADING.match(line)
            if m and not title and len(m.group(1)) == 1:
                title = m.group(2)
            if m and len(m.group(1)) <= 2:
                if inside:
                    inside = False
                    break
                inside = len(m.group(1)) == 2 and re.match(FINDINGS_HEADING + r"\b", m.group(2)) is not None
                continue
            if inside and not _NAVIGATION.match(line):  # "[next: 02-actors](...)" is for the notebook only
                lines.append(line)
        if inside:
            lines.append("")
    return title, "\n".join(lines).strip()


def first_figure(nb) -> tuple[bytes | None, str]:
    """Return the first PNG output of a notebook and the prose of the markdown cell before it."""
    prose = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":  # the caption: the cell's last paragraph that is not a heading
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", _HEADING.sub("", cell.source)) if p.strip()]
            prose = paragraphs[-1] if paragraphs else ""
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                return base64.b64decode(data["image/png"]), prose
    return None, ""


def run_notebook(path: Path, timeout: int = 600):
    """Read a notebook and execute it in a fresh kernel, working directory its own folder."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # per-cell timing metadata would put wall-clock timestamps in the file
        cell.metadata.pop("execution", None)
    # the kernel runs over local TCP; its start-up warning about unencrypted transport is noise here
    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                   extra_arguments=["--IPKernelApp.log_level=ERROR"],
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    return nb


REPORT_MARKER = ".greenland-report"   # in every report folder this module made, and only there


class ReportError(RuntimeError):
    """The report cannot be built; the message names the folder or notebook and the cause."""


def clear_own_folder(report: Path) -> None:
    """Remove a report folder made by an earlier run (it holds REPORT_MARKER); refuse any other non-empty one."""
    if not report.exists() and not report.is_symlink():
        return
    if report.is_symlink() or not report.is_dir():
        raise ReportError(f"{report}: exists and is not a folder made by greenland report; nothing was deleted")
    if (report / REPORT_MARKER).is_file():
        shutil.rmtree(report)
    elif any(report.iterdir()):
        raise ReportError(f"{report}: exists and was not made by greenland report (no {REPORT_MARKER}); "
                          "nothing was deleted: move it away or pass another --build folder")


def notebook_errors(nb) -> list[str]:
    """What went wrong in an executed notebook: error outputs and tracebacks printed to stderr, cell by cell."""
    found = []
    for i, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename', 'error')}: {out.get('evalue', '')}")
            elif out.get("name") == "stderr" and "Traceback" in out.get("text", ""):
                last = out["text"].strip().splitlines()[-1]
                found.append(f"cell {i}: {last}")
    return found


def execute_notebook(path: Path, out_dir: Path):
    """Execute one notebook and save the result in out_dir (the committed file is untouched)."""
    import nbformat

    nb = run_notebook(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_dir / path.name)
    return nb


def _slug(text: str) -> str:
    plain = re.sub(r"<[^>]+>", "", html.unescape(text))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "section"


def render_markdown(text: str, heading_ids: bool = False) -> str:
    """Render Markdown to HTML with mistune (nbconvert's renderer), optionally with heading ids.

    A heading that is only a code span (the data dictionary's ``### `table``` sections) gets the id
    ``table-<name>``; any other heading gets a slug of its text, made unique by a numeric suffix.
    """
    import mistune

    seen: dict[str, int] = {}

    class Renderer(mistune.HTMLRenderer):
        def heading(self, text, level, **attrs):
            if not heading_ids:
                return super().heading(text, level, **attrs)
            m = re.fullmatch(r"<code>([\w.-]+)</code>", text.strip())
            ident = f"table-{m.group(1)}" if m else _slug(text)
            seen[ident] = seen.get(ident, 0) + 1
            if seen[ident] > 1:
                ident = f"{ident}-{seen[ident]}"
            return f'<h{level} id="{ident}">{text}</h{level}>\n'

    md = mistune.create_markdown(escape=False, renderer=Renderer(escape=False),
                                 plugins=["strikethrough", "footnotes", "table", "url"])
    return md(text)


def rewrite_links(markup: str, source_dir: Path, report: Path, pages: dict[str, str]) -> str:
    """Point relative links of rendered Markdown at the report's copies.

    ``NN-name.ipynb`` becomes the notebook's HTML page; any other existing file inside the
    repository is copied to ``files/<path in repo>`` so the report stays self-contained.
    """

    def fix(m: re.Match) -> str:
        target = html.unescape(m.group(2))
        if not target or target.startswith(("#", "/")) or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            return m.group(0)
        path_part, _, anchor = target.partition("#")
        name = Path(path_part).name
        if name in pages:
            new = pages[name] + (f"#{anchor}" if anchor else "")
        else:
            src = (source_dir / path_part).resolve()
            try:
                rel = src.relative_to(REPO_ROOT.resolve())
            except ValueError:
                return m.group(0)
            if not src.is_file():
                return m.group(0)
            dest = report / "files" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            new = (Path("files") / rel).as_posix() + (f"#{anchor}" if anchor else "")
        return f"{m.group(1)}{html.escape(new)}{m.group(3)}"

    return _LINK_ATTR.sub(fix, markup)


def _page(title: str, body: list[str]) -> str:
    head = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>", f"<style>{_CSS.strip()}</style>", "</head><body>"]
    return "\n".join(head + body + ["</body></html>"]) + "\n"


def _versions() -> str:
    import platform
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"Python {platform.python_version()}"]
    for name in ("greenland-crisis", "pandas", "matplotlib", "nbconvert"):
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return ", ".join(parts)


CODE_MARK = re.compile(r"@@greenland-code-(\d+)@@")


def with_folded_code(nb) -> tuple:
    """A copy of the notebook with a marker before each code cell, and the folded code each marker stands for.

    nbconvert sanitises raw HTML cells (``<details>`` would be escaped), so the HTML is put in after export.
    """
    import copy

    from nbformat.v4 import new_raw_cell

    out = copy.deepcopy(nb)
    cells, blocks = [], []
    for cell in out.cells:
        if cell.cell_type == "code" and cell.source.strip():
            cells.append(new_raw_cell(f"@@greenland-code-{len(blocks)}@@", metadata={"raw_mimetype": "text/html"}))
            blocks.append('<details class="code"><summary>Show the code</summary>'
                          f"<pre><code>{html.escape(cell.source)}</code></pre></details>")
        cells.append(cell)
    for i, cell in enumerate(cells):  # ids from a counter, not at random: two builds stay byte-identical
        cell["id"] = f"cell-{i}"
    out.cells = cells
    return out, blocks


def _export_notebook(nb, path: Path, title: str, report: Path, pages: dict[str, str]) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    folded, blocks = with_folded_code(nb)
    body, _ = exporter.from_notebook_node(folded, resources={"metadata": {"name": title or path.stem}})
    body = CODE_MARK.sub(lambda m: blocks[int(m.group(1))], body)
    body = body.replace("</style>", "</style><style>details.code{margin:.3em 0 .6em 0}"
                        "details.code summary{cursor:pointer;color:#555;font-size:.85em}"
                        "details.code pre{background:#f6f6f6;padding:.6em;overflow-x:auto}</style>", 1)
    body = rewrite_links(body, path.parent, report, pages)
    (report / pages[path.name]).write_text(body, encoding="utf-8")
    m = re.search(r'<h2 id="([^"]+)"[^>]*>\s*' + FINDINGS_HEADING + r"\b", body)
    return html.unescape(m.group(1)) if m else ""


def _write_dictionary(readme: Path, report: Path, pages: dict[str, str]) -> str | None:
    if not readme.exists():
        return None
    text = readme.read_text(encoding="utf-8")
    m = _HEADING.search(text)
    title = re.sub(r"[`*_]", "", m.group(2)) if m else "Data dictionary"
    body = rewrite_links(render_markdown(text, heading_ids=True), readme.parent, report, pages)
    page = "data-dictionary.html"
    (report / page).write_text(
        _page(title, ['<nav><a href="index.html">&larr; back to the report</a></nav>', body]), encoding="utf-8")
    return page


SEARCH_PAGE = "tables.html"


def searchable_tables(tables: dict, corpus) -> dict:
    """The long tables a reader searches: every quotation, every coded event, every dated statement."""
    from .analysis.network import quotes_with_sources
    from .views.outcome import events_view

    timeline = tables["timeline"]
    return {
        "quotes": quotes_with_sources(tables["quotes"], tables["articles"], tables["actors"]),
        "events": events_view(tables["events"], corpus),
        "timeline": timeline[["value", "granularity", "outlet", "timex", "basis", "text", "article_id", "start", "end"]],
    }


def _write_search_page(tables: dict, corpus, report: Path) -> str:
    """A page with the long tables, searchable and sortable in the browser (itables, offline: no server, no network)."""
    from itables import javascript as itjs
    from itables import options as itopt

    body = ['<nav><a href="index.html">&larr; back to the report</a></nav>',
            "<h1>The long tables, to search and sort</h1>",
            "<p>Type in a table's search box to filter its rows; click a column heading to sort by it. "
            "Everything runs in this page, without a server or a network connection. The same tables are "
            'offered as CSV on the <a href="index.html#data">report\'s front page</a>.</p>',
            itjs.generate_init_offline_itables_html(itopt.dt_bundle)]
    for name, df in searchable_tables(tables, corpus).items():
        body.append(f'<section id="{name}"><h2>{html.escape(name)} ({len(df)} rows)</h2>')
        body.append(itjs.to_html_datatable(df.reset_index(drop=True), connected=False, table_id=f"table-{name}",
                                           classes="display compact", showIndex=False, pageLength=25, maxBytes=0, lengthMenu=[10, 25, 100, -1],
                                           layout={"topStart": "pageLength", "topEnd": "search",
                                                   "bottomStart": "info", "bottomEnd": "paging"}))
        body.append("</section>")
    (report / SEARCH_PAGE).write_text(_page("Searchable tables", body), encoding="utf-8")
    return SEARCH_PAGE


def build_report(build: Path = BUILD_DIR, notebooks: list[Path] | None = None) -> Path:
    """Execute every notebook, export each to HTML, and write the report's landing page.

    ``build`` is the output folder (``build/`` of the repository by default; tests pass a temporary
    one); ``notebooks`` the notebooks to run (default: every numbered notebook in ``notebooks/``).
    The tables are extracted from the package's seeds, as the notebooks do. Returns index.html.
    """
    from .corpus.loading import load_corpus
    from .pipeline import extract, write_tables

    build = Path(build)
    report = build / "report"
    clear_own_folder(report)   # stale pages, figures or tables of removed notebooks must not linger
    figures = report / "figures"
    figures.mkdir(parents=True)
    (report / REPORT_MARKER).write_text("made by greenland report; the folder is replaced on the next run\n",
                                        encoding="utf-8")
    corpus = load_corpus(CORPUS_DIR)
    tables = extract(corpus)
    csvs = write_tables(tables, report / "data")
    search = _write_search_page(tables, corpus, report)

    paths = [Path(p) for p in (notebooks or notebook_paths())]
    pages = {p.name: p.with_suffix(".html").name for p in paths}
    entries = []
    for path in paths:
        nb = execute_notebook(path, build / "notebooks")
        failed = notebook_errors(nb)
        if failed:   # a figure that fails to draw leaves only a traceback in its cell's output
            raise ReportError(f"{path.name}: {failed[0]}; the report was not built")
        title, findings = title_and_findings(nb)
        entry = NotebookEntry(path, title or path.stem, findings, pages[path.name])
        entry.anchor = _export_notebook(nb, path, entry.title, report, pages)
        entry.figure, entry.figure_caption = first_figure(nb)
        entries.append(entry)
    dictionary = _write_dictionary(SEEDS_DIR / "README.md", report, pages)

    body = [f"<h1>{html.escape(TITLE)}</h1>",
            "<p>What the articles show, notebook by notebook. Each finding links to the notebook page that "
            "shows how it was reached; the tables behind them can be downloaded as CSV at the end of the page.</p>",
            "<nav>" + " &middot; ".join([f'<a href="#nb-{html.escape(e.path.stem)}">{html.escape(e.title)}</a>'
                                         for e in entries] + ['<a href="#data">Data</a>',
                                                              f'<a href="{search}">Search the tables</a>']) + "</nav>"]
    for e in entries:
        href = html.escape(e.page + (f"#{e.anchor}" if e.anchor else ""))
        body.append(f'<section id="nb-{html.escape(e.path.stem)}">')
        body.append(f'<h2><a href="{html.escape(e.page)}">{html.escape(e.title)}</a></h2>')
        if e.findings:
            body.append(rewrite_links(render_markdown(e.findings), e.path.parent, report, pages))
        else:
            body.append("<p><em>This notebook has no Findings section.</em></p>")
        if e.figure is not None:
            fig = figures / f"{e.path.stem}.png"
            fig.write_bytes(e.figure)
            caption = rewrite_links(render_markdown(e.figure_caption), e.path.parent, report, pages) \
                if e.figure_caption else ""
            alt = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", caption)).strip() or f"First figure of {e.title}"
            body.append(f'<figure><a href="{html.escape(e.page)}"><img src="figures/{html.escape(fig.name)}" '
                        f'alt="{html.escape(alt)}"></a><figcaption>{caption}</figcaption></figure>')
        body.append(f'<p class="more"><a href="{href}">Findings in the notebook</a> &middot; '
                    f'<a href="{html.escape(e.page)}">the whole notebook</a> ({html.escape(e.path.name)})</p>')
        body.append("</section>")

    body.append('<section id="data"><h2>Data</h2>')
    body.append(f'<p>The long tables (quotations, coded events, dated statements) can be <a href="{search}">searched '
                "and sorted in the browser</a>.</p>")
    body.append("<p>Every table the library extracts from the articles, as CSV (UTF-8, one header row). "
                "Offsets (<code>start</code>, <code>end</code>) index the article's text.</p>")
    body.append("<table><thead><tr><th>table</th><th>rows</th><th>columns</th><th>documentation</th></tr>"
                "</thead><tbody>")
    for csv in csvs:
        table = tables[csv.stem]
        doc = (f'<a href="{dictionary}#table-{html.escape(csv.stem)}">data dictionary</a>'
               if dictionary else "")
        cols = ", ".join(f"<code>{html.escape(str(c))}</code>" for c in table.columns)
        body.append(f'<tr><td><a href="data/{html.escape(csv.name)}" download>{html.escape(csv.name)}</a></td>'
                    f"<td>{len(table)}</td><td>{cols}</td><td>{doc}</td></tr>")
    body.append("</tbody></table>")
    if dictionary:
        body.append(f'<p><a href="{dictionary}">Data dictionary and provenance of the articles</a>: '
                    "what every column means, and where each article came from.</p>")
    body.append("</section>")
    body.append(f"<footer>Built by <code>make report</code> with {html.escape(_versions())}.</footer>")

    index = report / "index.html"
    index.write_text(_page(TITLE, body), encoding="utf-8")
    return index


def execute_in_place(paths: list[Path] | None = None) -> list[Path]:
    """Restart-and-run-all each committed notebook and save it over itself (counts 1..n)."""
    import nbformat

    done = []
    for path in paths or notebook_paths():
        nbformat.write(run_notebook(Path(path)), path)
        done.append(Path(path))
    return done
