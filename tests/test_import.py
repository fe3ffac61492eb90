"""`greenland import`: web pages (served from a local http.server, or saved files) become articles with provenance.

Every page is an invented fixture in tests/fixtures/import/. The server listens on 127.0.0.1 on a free port
for the module's tests only, answers each request within a few seconds at most, and is stopped at the end.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html.parser
import re
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path

import pytest

# A .venv made before the import dependencies were pinned lacks them: `make venv` installs them.
pytest.importorskip("trafilatura", reason="trafilatura not installed in this environment: run `make venv`")

from greenland_lib import load_corpus  # noqa: E402
from greenland_lib.cli import main  # noqa: E402
from greenland_lib.corpus.loading import read_checksums  # noqa: E402
from greenland_lib.importing import SOURCE_COLUMNS, Limits, import_sources  # noqa: E402
from greenland_lib.importing.identity import article_name, normalise_url, strip_tracking  # noqa: E402
from greenland_lib.paths import REPO_ROOT, SEEDS_DIR  # noqa: E402

PAGES = REPO_ROOT / "tests" / "fixtures" / "import"
TODAY = dt.date(2026, 7, 1)
LIMITS = Limits(timeout=0.5, max_redirects=3, max_bytes=200_000)
CLI_LIMITS = ["--timeout", "0.5", "--max-redirects", "3", "--max-bytes", "200000"]
LEDGER = "/business/2026/03/14/ferry-talks-resume"
COURIER = "/politics/tariff-pause-vote"
PLAIN = "/news/2026/06/09/council-delay"
ROUTES = {LEDGER: "ledger-ferry-talks.html", COURIER: "courier-tariff-vote.html", PLAIN: "plain-council-report.html",
          "/world": "section-index.html"}
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>'
SLOW_SECONDS = 3.0   # the slow pages give up after this, or at once when the server stops


class _Handler(BaseHTTPRequestHandler):
    """The fixture site: the pages of ROUTES, and answers that must fail (404, 500, loops, slow, huge, not HTML)."""

    def log_message(self, *args):   # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", length: bool = True):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: C901 - one branch per fixture route
        self.server.requests.append(self.path)
        path = self.path.split("?", 1)[0]
        stop = self.server.stop
        if path in ROUTES:
            self._send(200, (PAGES / ROUTES[path]).read_bytes())
        elif path == "/cp1252":
            text = (PAGES / ROUTES[COURIER]).read_text(encoding="utf-8")
            self._send(200, text.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/xhtml":
            page = (PAGES / ROUTES[LEDGER]).read_bytes().replace(b"<!DOCTYPE html>", XML_DECLARATION, 1)
            self._send(200, page, "application/xhtml+xml; charset=utf-8")
        elif path == "/moved":
            self._redirect(LEDGER + "?utm_source=newsletter&utm_medium=email")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/broken":
            self._send(500, b"<html><body>Internal error</body></html>")
        elif path == "/slow":
            stop.wait(SLOW_SECONDS)
            self._send(200, (PAGES / ROUTES[LEDGER]).read_bytes())
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            ends = time.monotonic() + SLOW_SECONDS
            while time.monotonic() < ends and not stop.is_set():
                self.wfile.write(b"<p>more</p>\n")
                self.wfile.flush()
                stop.wait(0.1)
        elif path == "/huge":
            self._send(200, b"<html><body>" + b"<p>Padding text.</p>" * 20_000 + b"</body></html>")
        elif path == "/huge-stream":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>" + b"Padding text. " * 700 + b"</p>")
        elif path == "/data.json":
            self._send(200, b'{"headline": "not a page"}', "application/json")
        else:
            self._send(404, b"<html><body>Not found</body></html>")


@pytest.fixture(scope="module")
def site():
    """Base URL of the fixture site on 127.0.0.1 (random free port); the server stops after the module."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.requests, server.stop = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert not thread.is_alive()


def url(site, path: str) -> str:
    return f"http://127.0.0.1:{site.server_address[1]}{path}"


def run(sources, folder) -> list:
    return import_sources(sources, folder, limits=LIMITS, today=TODAY)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder (hidden ones too) with its SHA-256."""
    if not folder.exists():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def rows(folder: Path) -> list[dict]:
    with open(folder / "sources.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


class _Paragraphs(html.parser.HTMLParser):
    """The text of the <p> elements inside the element of a given class (the fixture's own article body)."""

    def __init__(self, container: str | None):
        super().__init__(convert_charrefs=True)
        self.container, self.depth, self.inside, self.paras, self.current = container, 0, container is None, [], None

    def handle_starttag(self, tag, attrs):
        if self.container and self.inside:
            self.depth += 1
        elif self.container and self.container in (dict(attrs).get("class") or "").split():
            self.inside, self.depth = True, 1
        if tag == "p" and self.inside:
            self.current = []

    def handle_endtag(self, tag):
        if tag == "p" and self.current is not None:
            self.paras.append(" ".join("".join(self.current).split()))
            self.current = None
        if self.container and self.inside:
            self.depth -= 1
            self.inside = self.depth > 0

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def body_paragraphs(page: str, container: str | None) -> list[str]:
    parser = _Paragraphs(container)
    parser.feed((PAGES / page).read_text(encoding="utf-8"))
    return parser.paras


# --- the written text ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, container, headline", [
    (LEDGER, "story-body", "Ferry operators and unions agree to resume talks"),
    (COURIER, "article-text", "Lawmakers back tariff pause on farm machinery"),
    (PLAIN, None, "Council delays vote on river crossing"),
])
def test_body_is_kept_word_for_word_after_the_headline(site, tmp_path, path, container, headline):
    [outcome] = run([url(site, path)], tmp_path)
    assert outcome.status == "imported", outcome.message
    data = (tmp_path / outcome.file).read_bytes()
    paras = body_paragraphs(ROUTES[path], container)
    assert len(paras) >= 5
    assert data.decode("utf-8") == "\n\n".join([headline, *paras]) + "\n"
    assert b"\r" not in data


def test_navigation_banners_related_links_and_footer_are_gone(site, tmp_path):
    outcomes = run([url(site, LEDGER), url(site, COURIER)], tmp_path)
    text = "".join((tmp_path / o.file).read_text(encoding="utf-8") for o in outcomes)
    for debris in ("cookie", "Accept all", "Subscribe", "Opinion", "Related stories", "fifth day", "Island schools move",
                   "All rights reserved", "Privacy policy", "Follow us", "By Maren", "business correspondent",
                   "Share on", "Sign up", "morning briefing", "comments", "Market Street", "Advertise", "Sign in"):
        assert debris not in text, debris


def test_a_charset_named_by_the_server_is_decoded(site, tmp_path):
    [a] = run([url(site, COURIER)], tmp_path / "utf8")
    [b] = run([url(site, "/cp1252")], tmp_path / "cp1252")
    assert (tmp_path / "utf8" / a.file).read_bytes() == (tmp_path / "cp1252" / b.file).read_bytes()
    assert "“This is a breathing space" in (tmp_path / "utf8" / a.file).read_text(encoding="utf-8")


def test_an_xhtml_page_with_an_xml_declaration_keeps_its_metadata(site, tmp_path):
    [outcome] = run([url(site, "/xhtml")], tmp_path)
    assert outcome.status == "imported", outcome.message
    [row] = rows(tmp_path)
    assert (row["outlet"], row["published"], row["published_basis"]) == ("The Harbour Ledger", "2026-03-14", "page metadata")


# --- provenance ------------------------------------------------------------------------------------------------

def test_provenance_row_from_json_ld(site, tmp_path):
    [outcome] = run([url(site, LEDGER)], tmp_path)
    [row] = rows(tmp_path)
    assert list(row) == SOURCE_COLUMNS
    assert re.fullmatch(r"the-harbour-ledger_2026-03-14_[0-9a-f]{10}\.txt", row["file"]) and row["file"] == outcome.file
    assert row["outlet"] == "The Harbour Ledger" and row["author"] == "Maren Tollefsen"
    assert row["url"] == url(site, LEDGER)
    assert row["page_url"] == "https://www.harbourledger.example/business/2026/03/14/ferry-talks-resume"
    assert (row["published"], row["published_basis"]) == ("2026-03-14", "page metadata")
    assert row["retrieved"] == TODAY.isoformat()
    assert (row["extractor"], row["extractor_version"]) == ("trafilatura", version("trafilatura"))
    assert row["sha256"] == hashlib.sha256((tmp_path / row["file"]).read_bytes()).hexdigest()


def test_provenance_from_open_graph_url_date_and_nothing(site, tmp_path):
    run([url(site, COURIER), url(site, PLAIN)], tmp_path)
    run([str(PAGES / "plain-council-report.html")], tmp_path / "files")
    courier, plain = rows(tmp_path)
    [saved] = rows(tmp_path / "files")
    assert (courier["outlet"], courier["author"], courier["published"], courier["published_basis"]) == (
        "Midland Courier", "Daniel Okafor", "2026-05-20", "page metadata")
    assert courier["page_url"] == "https://midlandcourier.example/politics/tariff-pause-vote"   # og:url, no utm_*
    assert (plain["published"], plain["published_basis"], plain["author"]) == ("2026-06-09", "url", "")
    assert plain["outlet"].startswith("127.0.0.1")
    assert (saved["outlet"], saved["url"], saved["published"], saved["published_basis"]) == ("", "", "", "unknown")
    mtime = (PAGES / "plain-council-report.html").stat().st_mtime
    assert saved["retrieved"] == dt.datetime.fromtimestamp(mtime, dt.timezone.utc).date().isoformat()
    assert saved["file"].startswith("page_undated_")


def test_the_loader_reads_the_new_columns_without_problems(site, tmp_path):
    run([url(site, LEDGER), url(site, COURIER)], tmp_path)
    corpus = load_corpus(tmp_path)
    assert corpus.problems.empty, corpus.problems.to_dict("records")
    got = {(r.outlet, r.published.isoformat(), r.published_basis, r.url) for r in corpus.articles.itertuples()}
    assert got == {("The Harbour Ledger", "2026-03-14", "sources", url(site, LEDGER)),
                   ("Midland Courier", "2026-05-20", "sources", url(site, COURIER))}


def test_redirects_are_followed_and_the_final_address_recorded_without_tracking(site, tmp_path):
    [outcome] = run([url(site, "/moved")], tmp_path)
    assert outcome.status == "imported", outcome.message
    assert rows(tmp_path)[0]["url"] == url(site, LEDGER)


def test_sha256sums_is_kept_in_step_and_check_passes(site, tmp_path, capsys):
    (tmp_path / "SHA256SUMS").write_text("")
    assert main(["import", url(site, LEDGER), str(PAGES), "--into", str(tmp_path), *CLI_LIMITS]) == 0
    sums = read_checksums(tmp_path)
    texts = sorted(tmp_path.glob("*.txt"))
    assert len(texts) == 3   # the ledger page once (its saved copy names the same canonical URL), courier, plain
    assert sums == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in texts}
    assert main(["check", str(tmp_path)]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_importing_into_a_copy_of_the_seeds_keeps_their_rows(site, tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, folder)
    before = load_corpus(folder)
    old_rows = rows(folder)
    [outcome] = run([url(site, LEDGER)], folder)
    assert outcome.status == "imported", outcome.message
    new_rows = rows(folder)
    assert [{k: r[k] for k in old_rows[0]} for r in new_rows[:-1]] == old_rows
    assert all(r[c] == "" for r in new_rows[:-1] for c in SOURCE_COLUMNS if c not in old_rows[0])
    after = load_corpus(folder)
    assert after.problems.equals(before.problems)
    assert after.articles.iloc[:-1].equals(before.articles)
    assert (folder / outcome.file).name in read_checksums(folder)


def test_an_existing_sources_csv_without_a_final_newline_or_with_quoted_commas_keeps_its_rows(site, tmp_path):
    old = 'file,outlet,url\nold.txt,"Herald, The",https://herald.example/a'   # no newline at the end
    (tmp_path / "sources.csv").write_text(old, encoding="utf-8")
    (tmp_path / "old.txt").write_text("An older article.\n", encoding="utf-8")
    run([url(site, COURIER)], tmp_path)
    first, new = rows(tmp_path)
    assert list(first) == ["file", "outlet", "url"] + [c for c in SOURCE_COLUMNS if c not in ("file", "outlet", "url")]
    assert (first["file"], first["outlet"], first["url"], first["sha256"]) == ("old.txt", "Herald, The",
                                                                              "https://herald.example/a", "")
    assert new["outlet"] == "Midland Courier"
    run([url(site, PLAIN)], tmp_path)   # the header now has every column: the row is appended
    assert (tmp_path / "sources.csv").read_text(encoding="utf-8").count("\n") == 4
    assert [r["file"] for r in rows(tmp_path)][:2] == ["old.txt", new["file"]]


# --- nothing duplicated ----------------------------------------------------------------------------------------

def test_a_repeat_import_adds_nothing(site, tmp_path, capsys):
    sources = [url(site, LEDGER), url(site, COURIER), url(site, PLAIN), str(PAGES)]
    assert main(["import", *sources, "--into", str(tmp_path), *CLI_LIMITS]) == 0
    first = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["import", *sources, "--into", str(tmp_path), *CLI_LIMITS]) == 0
    out = capsys.readouterr()
    assert snapshot(tmp_path) == first
    assert "0 imported" in out.out and out.out.count("skipped:") == 6
    assert "(same URL); skipped, not fetched" in out.out


def test_the_same_url_written_differently_is_not_fetched_again(site, tmp_path):
    run([url(site, LEDGER)], tmp_path)
    before, seen = snapshot(tmp_path), len(site.requests)
    port = site.server_address[1]
    variants = [f"https://127.0.0.1:{port}{LEDGER}/", f"HTTP://127.0.0.1:{port}{LEDGER}?utm_source=x&fbclid=abc#top"]
    outcomes = run(variants, tmp_path)
    assert [o.status for o in outcomes] == ["skipped", "skipped"]
    assert len(site.requests) == seen and snapshot(tmp_path) == before


def test_a_saved_copy_naming_the_same_canonical_url_is_skipped(site, tmp_path):
    [first] = run([url(site, LEDGER)], tmp_path)
    [again] = run([str(PAGES / "ledger-ferry-talks.html")], tmp_path)
    assert again.status == "skipped" and "same URL" in again.message and first.file in again.message


def test_the_same_text_from_a_saved_page_is_skipped(site, tmp_path):
    [first] = run([url(site, PLAIN)], tmp_path)   # the page names no address of its own
    [again] = run([str(PAGES / "plain-council-report.html")], tmp_path)
    assert again.status == "skipped" and "same text" in again.message and first.file in again.message


def test_the_same_page_twice_in_one_run_is_imported_once(site, tmp_path):
    outcomes = run([url(site, COURIER), url(site, COURIER) + "?utm_campaign=spring"], tmp_path)
    assert [o.status for o in outcomes] == ["imported", "skipped"]
    assert len(rows(tmp_path)) == 1


def test_an_existing_file_is_never_overwritten(site, tmp_path):
    [outcome] = run([url(site, LEDGER)], tmp_path / "probe")
    taken = tmp_path / "dest" / outcome.file
    taken.parent.mkdir()
    taken.write_text("Someone else's article that happens to have this name.\n", encoding="utf-8")
    [again] = run([url(site, LEDGER)], tmp_path / "dest")
    assert again.status == "imported" and again.file != outcome.file
    assert again.file.startswith(outcome.file[:-4])   # a longer hash of the same text
    assert taken.read_text(encoding="utf-8").startswith("Someone else's")


def test_names_are_readable_stable_and_unique():
    data = b"Headline\n\nBody.\n"
    name = article_name("The Harbour Ledger", "2026-03-14", data, set())
    assert name == article_name("The Harbour Ledger", "2026-03-14", data, {"other.txt"})
    assert re.fullmatch(r"the-harbour-ledger_2026-03-14_[0-9a-f]{10}\.txt", name)
    longer = article_name("The Harbour Ledger", "2026-03-14", data, {name})
    assert longer != name and len(longer) > len(name)
    taken = {name, longer, article_name("The Harbour Ledger", "2026-03-14", data, {name, longer})}
    assert article_name("The Harbour Ledger", "2026-03-14", data, taken) not in taken
    assert article_name("", "", data, set()).startswith("page_undated_")
    assert article_name("Ámbito Diário", "2026-01-02", data, set()).startswith("ambito-diario_2026-01-02_")


@pytest.mark.parametrize("a, b", [
    ("https://www.example.org/a/b", "http://example.org/a/b/"),
    ("https://example.org/a?id=3&page=2", "https://EXAMPLE.org:443/a?page=2&id=3#comments"),
    ("https://example.org/a?utm_source=x&utm_medium=y&gclid=1", "https://example.org/a"),
    ("https://example.org/a?fbclid=1&mc_cid=2&id=7", "example.org/a?id=7"),
])
def test_addresses_of_the_same_page_agree(a, b):
    assert normalise_url(a) == normalise_url(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.org/a", "https://example.org/b"),
    ("https://example.org/a?id=3", "https://example.org/a?id=4"),
    ("https://example.org:8080/a", "https://example.org/a"),
    ("https://news.example.org/a", "https://example.org/a"),
])
def test_addresses_of_different_pages_differ(a, b):
    assert normalise_url(a) != normalise_url(b)


def test_strip_tracking_keeps_the_rest_of_the_address():
    assert strip_tracking("https://www.example.org/a?id=7&utm_source=x#top") == "https://www.example.org/a?id=7"


# --- nothing lost, clear errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path, reason", [
    ("/missing", "HTTP 404"),
    ("/broken", "HTTP 500"),
    ("/loop", "redirect"),
    ("/slow", "within 0.5 s"),
    ("/drip", "within 0.5 s"),
    ("/huge", "larger than the limit of 200,000 bytes"),
    ("/huge-stream", "larger than the limit of 200,000 bytes"),
    ("/data.json", "not an HTML page (Content-Type application/json)"),
])
def test_a_failed_import_names_the_source_and_leaves_the_folder_unchanged(site, tmp_path, capsys, path, reason):
    run([url(site, COURIER)], tmp_path)
    (tmp_path / "SHA256SUMS").write_text("")
    before = snapshot(tmp_path)
    started = time.monotonic()
    assert main(["import", url(site, path), "--into", str(tmp_path), *CLI_LIMITS]) == 1
    assert time.monotonic() - started < 2.5
    err = capsys.readouterr().err
    assert f"error: {url(site, path)}: " in err and reason in err, err
    assert snapshot(tmp_path) == before


def test_one_failure_among_several_sources_still_imports_the_rest(site, tmp_path, capsys):
    assert main(["import", url(site, "/missing"), url(site, LEDGER), "--into", str(tmp_path), *CLI_LIMITS]) == 1
    assert "1 imported, 0 skipped, 0 warning, 1 error" in capsys.readouterr().out
    assert len(rows(tmp_path)) == 1


def test_a_page_that_is_not_an_article_is_a_warning_and_writes_nothing(site, tmp_path, capsys):
    assert main(["import", url(site, "/world"), "--into", str(tmp_path), *CLI_LIMITS]) == 0
    err = capsys.readouterr().err
    assert f"warning: {url(site, '/world')}: only " in err and "not an article" in err
    assert not tmp_path.exists() or snapshot(tmp_path) == {}


@pytest.mark.parametrize("name, content, reason", [
    ("notes.txt", "Plain text, not a page.", "not a .html or .htm file"),
    ("empty.html", "", "empty file"),
    ("picture.html", "\x89PNG\r\n\x1a\n\x00\x00", "does not look like an HTML page"),
    ("blank.html", "<html><head><title>Nothing here</title></head><body></body></html>", "no article text found"),
])
def test_bad_saved_files_are_errors_naming_the_file(tmp_path, capsys, name, content, reason):
    page = tmp_path / "in" / name
    page.parent.mkdir()
    page.write_text(content, encoding="latin-1")
    dest = tmp_path / "out"
    assert main(["import", str(page), "--into", str(dest)]) == 1
    err = capsys.readouterr().err
    assert f"error: {page}: " in err and reason in err, err
    assert not dest.exists()


def test_missing_sources_and_other_schemes_are_errors(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nowhere.html"), "ftp://example.org/a.html", str(tmp_path),
                 "--into", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "nowhere.html: no such file or folder" in err and "only http:// and https://" in err
    assert "folder holds no .html or .htm file" in err


def test_a_write_that_fails_half_way_leaves_nothing(site, tmp_path, monkeypatch):
    import greenland_lib.importing.writing as writing

    run([url(site, COURIER)], tmp_path)
    (tmp_path / "SHA256SUMS").write_text("")
    before = snapshot(tmp_path)
    real_replace = writing.os.replace
    calls = []

    def failing_replace(src, dst):   # sources.csv goes in, then SHA256SUMS fails
        calls.append(Path(dst).name)
        if Path(dst).name == "SHA256SUMS":
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(writing.os, "replace", failing_replace)
    [outcome] = run([url(site, LEDGER)], tmp_path)
    assert outcome.status == "error" and "No space left on device" in outcome.message
    assert calls == ["sources.csv", "SHA256SUMS"]
    assert snapshot(tmp_path) == before


def test_a_failed_write_into_a_new_folder_leaves_no_folder(site, tmp_path, monkeypatch):
    import greenland_lib.importing.writing as writing

    def failing_link(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(writing.os, "link", failing_link)
    monkeypatch.setattr(writing.os, "rename", failing_link)
    [outcome] = run([url(site, LEDGER)], tmp_path / "new")
    assert outcome.status == "error" and "Permission denied" in outcome.message
    assert not (tmp_path / "new").exists()


# --- the imported article goes through the library ----------------------------------------------------------------

def test_extraction_of_imported_pages_finds_the_quotations_with_their_speakers(site, tmp_path):
    from greenland_lib.pipeline import extract

    outcomes = run([url(site, LEDGER), url(site, COURIER)], tmp_path)
    ledger, courier = (o.file[:-4] for o in outcomes)
    quotes = extract(load_corpus(tmp_path))["quotes"]
    found = {(q.article_id, q.text, q.speaker_id) for q in quotes.itertuples()}
    assert (ledger, "We have always said that the door was open, and today both sides walked through it",
            "new:ansel-varga") in found
    assert (ledger, "The islands cannot afford another lost summer", "new:oskar-brenner") in found
    assert (courier, "This is a breathing space, not a solution", "new:lucia-ferrante") in found
    assert (courier, "Farmers need machines in the fields this autumn, not in a customs yard.",
            "new:lucia-ferrante") in found
