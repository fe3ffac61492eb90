"""Execute the notebooks into ``build/notebooks`` and render ``build/report/index.html``.

The committed notebooks are never rewritten: each is read, executed in memory with the
notebook folder as working directory, saved under ``build/notebooks/`` and exported to
HTML (figures embedded) under ``build/report/``.
"""
from __future__ import annotations

import html
import shutil
from pathlib import Path

from .paths import BUILD_DIR, NOTEBOOKS_DIR, SEEDS_DIR


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Return the numbered notebooks of the sequence, in order."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def _title_and_findings(nb) -> tuple[str, str]:
    title, findings = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        src = cell.source.strip()
        if not title and src.startswith("# "):
            title = src.splitlines()[0][2:].strip()
        if src.startswith("## Findings"):
            findings = src[len("## Findings"):].strip()
    return title, findings


def run_notebook(path: Path, timeout: int = 600):
    """Read a notebook and execute it in a fresh kernel, working directory its own folder."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    return nb


def execute_notebook(path: Path, out_dir: Path):
    """Execute one notebook and save the result in out_dir (the committed file is untouched)."""
    import nbformat

    nb = run_notebook(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_dir / path.name)
    return nb


def _markdown_to_html(text: str) -> str:
    import mistune  # nbconvert's own Markdown renderer

    return mistune.html(text)


def build_report(build: Path = BUILD_DIR, notebooks: list[Path] | None = None) -> Path:
    """Execute every notebook, export each to HTML, and write the report's landing page."""
    from nbconvert import HTMLExporter

    from .corpus import load_corpus
    from .pipeline import extract, write_tables

    build = Path(build)
    report = build / "report"
    data_dir = report / "data"
    tables = extract(load_corpus())
    csvs = write_tables(tables, data_dir)
    exporter = HTMLExporter(template_name="lab")
    entries = []
    for path in notebooks or notebook_paths():
        nb = execute_notebook(path, build / "notebooks")
        body, _ = exporter.from_notebook_node(nb)
        page = path.with_suffix(".html").name
        (report / page).write_text(body, encoding="utf-8")
        title, findings = _title_and_findings(nb)
        entries.append((page, title or path.stem, findings))
    readme = SEEDS_DIR / "README.md"
    if readme.exists():
        shutil.copyfile(readme, report / "data-dictionary.md")
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>Greenland crisis, January 2026: a source-cited analysis</title>",
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45}"
             "section{border-top:1px solid #ccc;padding-top:.5em}</style></head><body>",
             "<h1>Greenland crisis, January 2026: a source-cited analysis</h1>",
             "<p>Every finding below links to the notebook that shows how it was reached. "
             "The extracted tables can be downloaded as CSV at the end of the page.</p>"]
    for page, title, findings in entries:
        parts.append(f'<section><h2><a href="{html.escape(page)}">{html.escape(title)}</a></h2>')
        if findings:
            parts.append(_markdown_to_html(findings))
        parts.append("</section>")
    parts.append("<section><h2>Data</h2><ul>")
    for csv in csvs:
        parts.append(f'<li><a href="data/{csv.name}" download>{csv.name}</a> ({len(tables[csv.stem])} rows)</li>')
    if readme.exists():
        parts.append('<li><a href="data-dictionary.md">Data dictionary and provenance</a></li>')
    parts.append("</ul></section></body></html>")
    index = report / "index.html"
    index.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return index


def execute_in_place(paths: list[Path] | None = None) -> list[Path]:
    """Restart-and-run-all each committed notebook and save it over itself (counts 1..n)."""
    import nbformat

    done = []
    for path in paths or notebook_paths():
        nbformat.write(run_notebook(Path(path)), path)
        done.append(Path(path))
    return done
