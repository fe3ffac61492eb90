"""Corpus loading: structure, offsets, provenance rules and bad input."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenland_lib import CorpusError, load_corpus, parse_text
from greenland_lib.corpus.loading import (ARTICLE_COLUMNS, HTML_ENTITY_RE, HTML_TAG_RE, LINE_BREAK_RE, PARA_BREAK_RE,
                                  PARAGRAPH_COLUMNS, PROBLEM_COLUMNS, SENTENCE_COLUMNS, text_warnings)
from greenland_lib.paths import SEEDS_DIR
from greenland_lib.corpus.sentences import split_spans

SOURCES_HEADER = "file,outlet,agency,url,published,published_basis\n"


def sentences_of(text):
    return [text[s:e] for s, e in split_spans(text)]


# --- the seeds -------------------------------------------------------------------------------

def test_columns_are_the_contract(seeds):
    assert list(seeds.articles.columns) == ARTICLE_COLUMNS
    assert list(seeds.paragraphs.columns) == PARAGRAPH_COLUMNS
    assert list(seeds.sentences.columns) == SENTENCE_COLUMNS
    assert list(seeds.problems.columns) == PROBLEM_COLUMNS


def test_default_folder_is_the_package_seeds_whatever_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = load_corpus()
    assert corpus.folder == SEEDS_DIR
    assert len(corpus.articles) == len(list(SEEDS_DIR.glob("*.txt")))


def test_seeds_load_without_problems(seeds):
    assert seeds.problems.empty, seeds.problems.to_string()


def test_every_span_gives_back_its_text(seeds):
    for table in (seeds.paragraphs, seeds.sentences):
        for row in table.itertuples():
            assert seeds.text(row.article_id)[row.start:row.end] == row.text


def test_sentences_lie_inside_their_paragraph_in_order(seeds):
    paras = seeds.paragraphs.set_index(["article_id", "para"])
    for art, group in seeds.sentences.groupby("article_id"):
        assert list(group["sent"]) == list(range(1, len(group) + 1))
        assert (group["start"].diff().dropna() > 0).all()
        for row in group.itertuples():
            p = paras.loc[(art, row.para)]
            assert p.start <= row.start < row.end <= p.end


def test_counts_in_articles_table_match_the_tables(seeds):
    for row in seeds.articles.itertuples():
        assert row.n_paragraphs == (seeds.paragraphs.article_id == row.article_id).sum()
        assert row.n_sentences == (seeds.sentences.article_id == row.article_id).sum()


def test_header_date_sets_published_and_is_not_paragraph_text(seeds):
    art = seeds.articles.set_index("article_id").loc["001_36ae4ff8970a304e"]
    assert art.published == dt.date(2026, 1, 12) and art.published_basis == "header"
    first = seeds.paragraphs.query("article_id == '001_36ae4ff8970a304e' and para == 1").iloc[0]
    assert "date" not in first.text[:10] and first.text.startswith("NATO")
    assert first.start > 0  # offsets keep the header in the coordinate system


def test_sources_fill_the_date_when_the_file_has_none(seeds):
    art = seeds.articles.set_index("article_id").loc["002_5695a93af2ac32e3"]
    assert art.published == dt.date(2026, 1, 23) and art.published_basis == "sources"
    assert art.outlet == "The New Indian Express" and art.agency == "AFP"


def test_dateline_is_stored_and_excluded_from_the_first_sentence(seeds):
    art = seeds.articles.set_index("article_id").loc["002_5695a93af2ac32e3"]
    assert art.dateline == "BRUSSELS"
    first = seeds.sentences.query("article_id == '002_5695a93af2ac32e3'").iloc[0]
    assert first.text.startswith("NATO chief")


def test_short_unpunctuated_line_is_a_heading(seeds):
    headings = seeds.paragraphs[seeds.paragraphs.kind == "heading"]
    assert list(headings.text) == ["'Unease'"]


# --- rules on written examples -----------------------------------------------------------------

@pytest.mark.parametrize("line, dateline, agency, first", [
    ("BRUSSELS: NATO said so.", "BRUSSELS", "", "NATO said so."),
    ("NUUK, Denmark: Greenland said so.", "NUUK, Denmark", "", "Greenland said so."),
    ("COPENHAGEN (Reuters) - Denmark said so.", "COPENHAGEN (Reuters)", "Reuters", "Denmark said so."),
    ("WASHINGTON, Jan 12 (AFP) -- Trump said so.", "WASHINGTON, Jan 12 (AFP)", "AFP", "Trump said so."),
    ("NATO said on Monday: more work.", "", "", "NATO said on Monday: more work."),
    ("US President Donald Trump said it.", "", "", "US President Donald Trump said it."),
])
def test_datelines(line, dateline, agency, first):
    parsed = parse_text("x", line)
    assert (parsed.dateline, parsed.dateline_agency) == (dateline, agency)
    assert parsed.sentences[0]["text"] == first


def test_dateline_only_text_is_kept():
    parsed = parse_text("x", "HEADLINE ONLY")
    assert parsed.paragraphs[0]["kind"] == "headline" and parsed.dateline == ""   # corpus.furniture


@pytest.mark.parametrize("text, expected", [
    ("He met U.S. officials. They left.", ["He met U.S. officials.", "They left."]),
    ("The alliance is led by the U.S. He said no.", ["The alliance is led by the U.S.", "He said no."]),
    ("Mr. Smith met Dr. Jones. Then they left.", ["Mr. Smith met Dr. Jones.", "Then they left."]),
    ("It was set for Jan. 13 in Nuuk. It was not.", ["It was set for Jan. 13 in Nuuk.", "It was not."]),
    ("Donald J. Trump spoke. Then Rutte spoke.", ["Donald J. Trump spoke.", "Then Rutte spoke."]),
    ("Growth was 2.5 percent. Prices rose 3.1 percent.", ["Growth was 2.5 percent.", "Prices rose 3.1 percent."]),
    ("“We agree with NATO,” it added. “We do.”", ["“We agree with NATO,” it added.", "“We do.”"]),
    ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
    ('"Is it over?" she asked. "Yes!" he said.', ['"Is it over?" she asked.', '"Yes!" he said.']),
    ("No punctuation at all here", ["No punctuation at all here"]),
    ("Costs rose to $14.2 billion in 2025. Nobody knew.", ["Costs rose to $14.2 billion in 2025.", "Nobody knew."]),
])
def test_sentence_splitter(text, expected):
    assert sentences_of(text) == expected


def test_paragraphs_split_on_single_and_blank_lines():
    text = "First line here.\nSecond line here.\n\n\nThird line here."
    parsed = parse_text("x", text)
    assert [p["text"] for p in parsed.paragraphs] == ["First line here.", "Second line here.", "Third line here."]


# --- provenance and bad input ------------------------------------------------------------------

def problems_for(corpus, file):
    return corpus.problems[corpus.problems.file == file]


def test_header_and_sources_disagree_keeps_header_with_warning(write_folder):
    folder = write_folder({
        "a.txt": " date 2026-01-12 Greenland said no.",
        "sources.csv": SOURCES_HEADER + "a.txt,Outlet,,http://x,2026-01-13,url\n",
    })
    corpus = load_corpus(folder)
    art = corpus.articles.iloc[0]
    assert art.published == dt.date(2026, 1, 12) and art.published_basis == "header"
    msg = problems_for(corpus, "a.txt").message.str.cat()
    assert "disagrees" in msg and "2026-01-13" in msg


@pytest.mark.parametrize("name, content, severity, words", [
    ("empty.txt", b"", "error", "empty"),
    ("blank.txt", b"  \n\n \t\n", "error", "white space"),
    ("binary.txt", b"PK\x03\x04\x00\x00\x00binary", "error", "NUL"),
    ("cp1252.txt", "“Greenland is not for sale,” he said.".encode("cp1252"), "warning", "cp1252"),
    ("bom.txt", b"\xef\xbb\xbfGreenland said no.", "warning", "byte-order mark"),
    ("crlf.txt", b"Greenland said no.\r\nDenmark agreed.\r\n", "warning", "CRLF"),
    ("mixed.txt", b"Greenland said no.\r\nDenmark agreed.\nNATO too.", "warning", "mixed"),
    ("baddate.txt", b" date 2026-13-45 Greenland said no.", "warning", "impossible date"),
    ("malformed.txt", b" date 12/01/2026 Greenland said no.", "warning", "malformed"),
])
def test_bad_input_is_reported_by_file_and_never_crashes(write_folder, name, content, severity, words):
    folder = write_folder({name: content})
    corpus = load_corpus(folder)
    rows = problems_for(corpus, name)
    assert ((rows.severity == severity) & rows.message.str.contains(words)).any(), rows.to_string()
    assert name in set(corpus.articles.file), "the file must still have its row in articles"
    with pytest.raises(CorpusError, match=name):
        load_corpus(folder, strict=True)


def test_recoverable_input_is_still_analysed(write_folder):
    folder = write_folder({
        "cp1252.txt": "“Greenland is not for sale,” he said.".encode("cp1252"),
        "bom.txt": b"\xef\xbb\xbfGreenland said no.",
        "crlf.txt": b"Greenland said no.\r\nDenmark agreed.\r\n",
        "baddate.txt": b" date 2026-13-45 Greenland said no.",
    })
    corpus = load_corpus(folder)
    s = corpus.sentences.set_index("article_id")
    assert s.loc["cp1252", "text"] == "“Greenland is not for sale,” he said."
    assert s.loc["bom", "text"] == "Greenland said no." and s.loc["bom", "start"] == 0
    assert list(s.loc["crlf", "text"]) == ["Greenland said no.", "Denmark agreed."]
    assert s.loc["baddate", "text"] == "Greenland said no."
    assert corpus.articles.set_index("article_id").loc["baddate", "published_basis"] == "unknown"
    for row in corpus.sentences.itertuples():
        assert corpus.text(row.article_id)[row.start:row.end] == row.text


def test_missing_file_named_in_sources_is_an_error(write_folder):
    folder = write_folder({"a.txt": "Greenland said no.",
                           "sources.csv": SOURCES_HEADER + "a.txt,O,,u,2026-01-12,url\ngone.txt,O,,u,2026-01-12,url\n"})
    rows = problems_for(load_corpus(folder), "gone.txt")
    assert (rows.severity == "error").all() and rows.message.str.contains("missing").any()


def test_identical_files_are_both_kept_and_flagged(write_folder):
    folder = write_folder({"a.txt": "Greenland said no.", "b.txt": "Greenland said no."})
    corpus = load_corpus(folder)
    assert list(corpus.articles.article_id) == ["a", "b"]
    assert problems_for(corpus, "b.txt").message.str.contains("identical content to a.txt").any()


def test_article_missing_from_sources_and_other_files_are_reported(write_folder):
    folder = write_folder({"a.txt": "Greenland said no.", "b.txt": "Denmark agreed.", "notes.docx": b"x",
                           "sources.csv": SOURCES_HEADER + "a.txt,O,,u,2026-01-12,url\n"})
    corpus = load_corpus(folder)
    assert problems_for(corpus, "b.txt").message.str.contains("not listed").any()
    assert problems_for(corpus, "notes.docx").message.str.contains("not a .txt").any()


def test_edited_article_is_caught_by_checksum(write_folder):
    folder = write_folder({"a.txt": "Greenland said no.", "SHA256SUMS": "0" * 64 + "  a.txt\n"})
    rows = problems_for(load_corpus(folder), "a.txt")
    assert ((rows.severity == "error") & rows.message.str.contains("SHA-256")).any()


def test_not_a_folder_raises_naming_it(tmp_path):
    with pytest.raises(CorpusError, match="nowhere"):
        load_corpus(tmp_path / "nowhere")


def test_strict_passes_on_clean_seeds():
    assert len(load_corpus(strict=True).articles) >= 3


# --- fast paths of the parser give what the general rules give ---------------------------------

_BREAKY = st.lists(st.sampled_from(["a", " ", ".", "\n", "\r", "\t", "<", ">", "/", "p", "P", "br", "&", ";", "amp",
                                     "é", "<p>", "</div>", "<br/>", "&amp;", "&#8220;"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_BREAKY)
def test_line_break_fast_path_equals_the_paragraph_break_rule(text):
    assert "<" in text or ([m.span() for m in LINE_BREAK_RE.finditer(text)]
                           == [m.span() for m in PARA_BREAK_RE.finditer(text)])
    parsed = parse_text("x", text)
    general = (len(HTML_TAG_RE.findall(text)), len(HTML_ENTITY_RE.findall(text)))
    warned = [w for w in text_warnings(parsed, len(text)) if w.startswith("HTML markup")]
    assert bool(warned) == any(general)
    if warned:
        assert f"({general[0]} tag(s), {general[1]} entity(ies))" in warned[0]


_PLAIN = st.lists(st.sampled_from(["Word", "a", "’", "'", "-", "_", " ", ".", "\n", "\n\n", "\t", "\u00a0", "é", "9",
                                   "HEADING", '"', "Mr.", "NUUK:", "date 2026-01-12\n", "x" * 90]),
                  max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_plain_text_fast_path_equals_the_line_break_rule(text):
    """Without markup or CR, paragraphs come from str.split and words from one pass: as the general rules give."""
    from greenland_lib.corpus.parsing import WORD_RE, WORD_SAMPLE, is_heading, lead_before_dateline, parse_header
    parsed = parse_text("x", text)
    body = parse_header(text)[0]
    starts = [body] + [m.end() for m in LINE_BREAK_RE.finditer(text, body)]
    ends = [m.start() for m in LINE_BREAK_RE.finditer(text, body)] + [len(text)]
    from greenland_lib.corpus.furniture import classify, is_standfirst, lone_place_dateline
    paras, words, before_body = [], [], True
    lines = [(s + text[s:e].index(text[s:e].strip()), text[s:e].strip()) for s, e in zip(starts, ends)
             if text[s:e].strip()]
    lead = lead_before_dateline([line for _, line in lines])   # parsing.lead_before_dateline
    for i, (s, line) in enumerate(lines):
        found = WORD_RE.findall(line)
        kind = "heading" if is_heading(line, len(found)) else "body"
        furniture = classify(line, kind, before_body)   # headline, byline, caption, boilerplate
        if furniture and furniture.kind == "headline" and i + 1 < len(lines):   # "WASHINGTON" over the body
            following = lines[i + 1][1]
            furniture = lone_place_dateline(line, following, not is_heading(following)) or furniture
        kind = furniture.kind if furniture else kind
        if before_body and i < lead and not furniture:   # above the opening dateline paragraph
            kind = "standfirst" if any(p[2] == "headline" for p in paras) else "headline"
        elif kind == "body" and before_body and paras and paras[-1][2] == "headline" and \
                is_standfirst(line, lines[i + 1][1] if i + 1 < len(lines) else None):
            kind = "standfirst"   # the summary under a headline (timex helper's rule, corpus.furniture)
        before_body = before_body and kind != "body"
        paras.append((s, s + len(line), kind))
        words += found
    assert [(p["start"], p["end"], p["kind"]) for p in parsed.paragraphs] == paras
    assert parsed.n_words == len(words)
    assert parsed.words == words[:WORD_SAMPLE]
