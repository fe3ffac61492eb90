"""The ``greenland`` command line: extract tables, check a folder, build the report."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .corpus.loading import CorpusError, load_corpus
from .paths import BUILD_DIR


def _jobs(value: str) -> int:
    """``--jobs``: a whole number from 1; above the number of CPUs it is capped (with a warning)."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{jobs}: at least 1 worker process is needed")
    cpus = os.cpu_count() or 1
    if jobs > cpus:
        print(f"greenland: warning: --jobs {jobs} is more than the {cpus} CPU(s); using {cpus}", file=sys.stderr)
        return cpus
    return jobs


def _cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import extract_folder, write_tables

    _, tables = extract_folder(args.folder, jobs=args.jobs)
    paths = write_tables(tables, args.out)
    for path in paths:
        print(f"wrote {path} ({len(tables[path.stem])} rows)")
    _print_problems(tables["problems"])
    return 0


def _print_problems(problems) -> None:
    for row in problems.itertuples():
        print(f"{row.file}: {row.severity}: {row.message}", file=sys.stderr)


def _cmd_check(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.folder)
    from .pipeline import extract

    tables = extract(corpus)
    problems = tables["problems"]
    n_err = int((problems["severity"] == "error").sum())
    _print_problems(problems)
    _print_candidates(tables)
    print(f"{len(corpus.articles)} article(s); {n_err} error(s), {len(problems) - n_err} warning(s)")
    return 1 if n_err else 0


def _print_candidates(tables) -> None:
    """List the persons found in the text but absent from the gazetteer, as candidates to add."""
    actors, mentions = tables.get("actors"), tables.get("mentions")
    if actors is None or mentions is None:
        return
    new = actors[actors["origin"] == "discovered"]
    if new.empty:
        return
    print(f"gazetteer candidates: {len(new)} person(s) named in the articles but not in "
          "greenland_lib/data/actors.csv")
    for row in new.itertuples():
        seen = mentions[mentions["actor_id"] == row.actor_id]
        where = ", ".join(sorted(set(seen["article_id"])))
        role = f" ({row.role})" if row.role else ""
        print(f"  {row.actor_id}\t{row.name}{role}\t{len(seen)} mention(s) in {where}")


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    index = build_report(Path(args.build))
    print(f"report: {index}")
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    from .report import execute_in_place

    for path in execute_in_place([Path(p) for p in args.notebooks] or None):
        print(f"executed {path.name}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .importing import Limits, import_sources

    limits = Limits(timeout=args.timeout, max_redirects=args.max_redirects, max_bytes=args.max_bytes)
    outcomes = import_sources(args.sources, args.into, limits=limits, min_words=args.min_words)
    for o in outcomes:
        print(f"{o.status}: {o.message}", file=sys.stderr if o.status in ("warning", "error") else sys.stdout)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("imported", "skipped", "warning", "error")}
    print(", ".join(f"{n} {s}" for s, n in counts.items()))
    return 1 if counts["error"] else 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``greenland`` command."""
    parser = argparse.ArgumentParser(prog="greenland", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show the Python traceback of a failure")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="write every extracted table as CSV")
    p.add_argument("folder", nargs="?", default=None, help="folder of *.txt articles (default: the seeds)")
    p.add_argument("--out", default=str(BUILD_DIR / "data"), help="output folder (default: build/data)")
    p.add_argument("--jobs", type=_jobs, default=1,
                   help="worker processes, 1 to the number of CPUs (output is identical for any number)")
    p.set_defaults(func=_cmd_extract)
    p = sub.add_parser("check", help="list problems with the articles; exit 1 if any is an error")
    p.add_argument("folder", nargs="?", default=None)
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("import", help="add articles from web pages: URLs, saved .html files or folders of them")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="an http(s) URL, a .html/.htm file or a folder of them")
    p.add_argument("--into", default=None, metavar="FOLDER", help="folder of articles to add to (default: the seeds)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a page (default: 20)")
    p.add_argument("--max-redirects", type=int, default=5, help="redirects to follow (default: 5)")
    p.add_argument("--max-bytes", type=int, default=5_000_000, help="largest page accepted (default: 5 MB)")
    p.add_argument("--min-words", type=int, default=60, help="fewer body words is not an article (default: 60)")
    p.set_defaults(func=_cmd_import)
    p = sub.add_parser("report", help="execute the notebooks and render build/report/index.html")
    p.add_argument("--build", default=str(BUILD_DIR), help="build folder (default: build)")
    p.set_defaults(func=_cmd_report)
    p = sub.add_parser("notebooks", help="re-execute the committed notebooks in place (after adding articles)")
    p.add_argument("notebooks", nargs="*", help="notebooks to run (default: all of notebooks/)")
    p.set_defaults(func=_cmd_notebooks)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status (2: usage or input error, 1: other failure)."""
    args = build_parser().parse_args(argv)
    from .pipeline import ChunkFailed, WriteError
    from .report import ReportError

    try:
        return args.func(args)
    except (CorpusError, ReportError) as exc:
        return _fail(args, exc, 2, str(exc))
    except (WriteError, ChunkFailed) as exc:
        return _fail(args, exc, 1, str(exc))
    except KeyboardInterrupt as exc:
        return _fail(args, exc, 130, "interrupted")
    except Exception as exc:   # an unforeseen failure: still one line, the traceback only with --debug
        return _fail(args, exc, 1, f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")


def _fail(args: argparse.Namespace, exc: BaseException, status: int, message: str) -> int:
    """Print one ``greenland: ...`` line (and with --debug the traceback) and return the exit status."""
    if getattr(args, "debug", False):
        traceback.print_exception(exc)
    print(f"greenland: {message}", file=sys.stderr)
    return status
