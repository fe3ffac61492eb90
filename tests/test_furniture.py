"""Article furniture: datelines of every wire form, headline, byline, captions, boilerplate, byline dates.

Every text here was written for the test (no third-party text).
"""
from __future__ import annotations

import datetime as dt

import pytest

from greenland_lib.corpus.furniture import classify, line_date, match_dateline
from greenland_lib.corpus.loading import Corpus
from greenland_lib.corpus.parsing import parse_text

BODY = "Ministers from both countries agreed on Tuesday to resume talks on fishing quotas."


@pytest.mark.parametrize("opening, dateline, agency", [
    ("REYKJAVIK, Iceland (AP) —", "REYKJAVIK, Iceland (AP)", "AP"),
    ("Berlin (dpa) —", "Berlin (dpa)", "dpa"),
    ("OSLO, Jan 4 (KUNA) -", "OSLO, Jan 4 (KUNA)", "KUNA"),
    ("HELSINKI, March 3. /TASS/.", "HELSINKI, March 3. /TASS/", "TASS"),
    ("TROMSO, Norway:", "TROMSO, Norway", ""),
    ("OTTAWA —", "OTTAWA", ""),
    ("PARIS:", "PARIS", ""),
    ("BEIJING/WASHINGTON (Reuters) -", "BEIJING/WASHINGTON (Reuters)", "Reuters"),
    ("Kyiv, Ukraine (AP) —", "Kyiv, Ukraine (AP)", "AP"),
])
def test_wire_datelines_are_read_and_left_out_of_the_first_sentence(opening, dateline, agency):
    parsed = parse_text("x", f"{opening} {BODY}")
    assert (parsed.dateline, parsed.dateline_agency) == (dateline, agency)
    assert parsed.sentences[0]["text"] == BODY


@pytest.mark.parametrize("line", ["The minister said: talks go on.", "U.S. officials met on Monday.",
                                  "Denmark - and Norway - agreed."])
def test_sentences_are_not_datelines(line):
    assert match_dateline(line) is None


def test_dateline_on_its_own_line():
    parsed = parse_text("x", f"REYKJAVIK, Iceland (AP) —\n{BODY}")
    assert (parsed.dateline, parsed.dateline_agency) == ("REYKJAVIK, Iceland (AP)", "AP")
    assert [p["kind"] for p in parsed.paragraphs] == ["byline", "body"]
    assert [s["text"] for s in parsed.sentences] == [BODY]


def test_dateline_after_headline_and_byline():
    text = f"Fishing talks to resume\nBy Jane Doe and Ola Nordmann\nUpdated 14 January 2026, 10:15 GMT\nOSLO, Norway (Reuters) - {BODY}"
    parsed = parse_text("x", text)
    assert [p["kind"] for p in parsed.paragraphs] == ["headline", "byline", "byline", "body"]
    assert (parsed.dateline, parsed.dateline_agency) == ("OSLO, Norway (Reuters)", "Reuters")
    assert [s["text"] for s in parsed.sentences] == [BODY]
    assert parsed.byline_date == dt.date(2026, 1, 14)


@pytest.mark.parametrize("line, kind", [
    ("Advertisement", "boilerplate"), ("ADVERTISEMENT", "boilerplate"), ("Recommended stories", "boilerplate"),
    ("Read more: Fishing quotas explained", "boilerplate"), ("2 min read", "boilerplate"),
    ("(Reporting by Jane Doe; Editing by Ola Nordmann)", "boilerplate"), ("© 2026 Example News", "boilerplate"),
    ("FILE PHOTO: Trawlers moored in the harbour of a fishing town, May 3, 2025. REUTERS/Jane Doe", "caption"),
    ("Fishermen unload their catch at dawn. (AP Photo/Ola Nordmann)", "caption"),
    ("A trawler leaves port on Monday. Photo: Example Agency", "caption"),
    ("By Jane Doe", "byline"), ("By Jane Doe and Ola Nordmann, Example News", "byline"),
    ("Posted March 2, 2026 6:10 am", "byline"), ("Last updated: 07:15 pm CET, 2 March 2026", "byline"),
    ("March 2, 2026 / 6:10 AM / 2 hours ago", "byline"),
])
def test_furniture_lines(line, kind):
    found = classify(line, "body", before_body=False)
    assert found is not None and found.kind == kind, line


@pytest.mark.parametrize("line", [
    "Share prices rose in Oslo on Monday.", "Updated rules were published on Monday.",
    "By the end of the day, the talks had collapsed.", "Copyright law was debated for hours.",
    "Subscribers to the scheme rose sharply in January, the ministry said.", BODY])
def test_sentences_are_not_furniture(line):
    assert classify(line, "body", before_body=True) is None


def test_headline_only_before_the_body():
    assert classify("Fishing talks to resume", "heading", before_body=True).kind == "headline"
    assert classify("Fishing talks to resume", "heading", before_body=False) is None


@pytest.mark.parametrize("line, date", [
    ("By Ana Ruiz | 14 enero 2026", dt.date(2026, 1, 14)),            # Spanish month name
    ("Opdateret 3. februar 2026 kl. 10.15", dt.date(2026, 2, 3)),      # Danish month name
    ("Updated: 1:29am, 15 Oct, 2019", dt.date(2019, 10, 15)),
    ("Posted 2026-03-02 06:10", dt.date(2026, 3, 2)),
    ("Updated 31 February 2026", None),
])
def test_byline_dates(line, date):
    assert line_date(line) == date


def test_byline_timestamp_gives_the_publication_date_when_provenance_has_none():
    text = f"Fishing talks to resume\nBy Jane Doe | Updated March 2, 2026 6:10 am\n{BODY}"
    corpus = Corpus.from_texts({"a": text})
    art = corpus.articles.iloc[0]
    assert (art.published, art.published_basis) == (dt.date(2026, 3, 2), "byline")
    # Tuesday in the body is resolved against that date
    from greenland_lib.extract.timex import find_timexes
    assert list(find_timexes(corpus)["value"]) == ["2026-02-24"]


def test_provenance_date_wins_over_the_byline():
    text = f"By Jane Doe | Updated March 2, 2026 6:10 am\n{BODY}"
    corpus = Corpus.from_texts({"a": text}, published={"a": dt.date(2026, 3, 3)})
    art = corpus.articles.iloc[0]
    assert (art.published, art.published_basis) == (dt.date(2026, 3, 3), "sources")


def test_furniture_gives_no_sentences_so_no_extractor_reads_it():
    from greenland_lib.pipeline import extract

    text = ("Minister to resign\nBy Jane Doe\nAdvertisement\n"
            "The fisheries minister said on Monday that she would resign.\n"
            "FILE PHOTO: The minister speaks in parliament, May 3, 2025. REUTERS/Jane Doe\n"
            "Recommended stories")
    corpus = Corpus.from_texts({"a": text}, published={"a": dt.date(2026, 1, 12)})
    kinds = list(corpus.paragraphs["kind"])
    assert kinds == ["headline", "byline", "boilerplate", "body", "caption", "boilerplate"]
    assert list(corpus.sentences["text"]) == ["The fisheries minister said on Monday that she would resign."]
    tables = extract(corpus)
    assert list(tables["timexes"]["text"]) == ["Monday"]


STANDFIRST = "Ministers say the quota deal could be signed before the spring season opens."


@pytest.mark.parametrize("text, kinds", [
    (f"Fishing talks to resume\n{STANDFIRST}\nBy Jane Doe\n{BODY}", ["headline", "standfirst", "byline", "body"]),
    (f"Fishing talks to resume\n{STANDFIRST}\nUpdated 14 January 2026, 10:15 GMT\n{BODY}",
     ["headline", "standfirst", "byline", "body"]),
    (f"Fishing talks to resume\n{STANDFIRST}\nOSLO, Norway (Reuters) - {BODY}", ["headline", "standfirst", "body"]),
    # no byline or dateline after it: the paragraph under the headline is the lead, not a standfirst
    (f"Fishing talks to resume\n{STANDFIRST}\n{BODY}", ["headline", "body", "body"]),
    # no headline above it: not a standfirst either
    (f"{STANDFIRST}\nBy Jane Doe\n{BODY}", ["body", "byline", "body"]),
])
def test_standfirst_under_the_headline(text, kinds):
    """The summary under a headline, before the byline or the dateline, is a ``standfirst`` and is not read."""
    parsed = parse_text("x", text)
    assert [p["kind"] for p in parsed.paragraphs] == kinds
    assert (STANDFIRST in [s["text"] for s in parsed.sentences]) == ("standfirst" not in kinds)
    assert parsed.sentences[-1]["text"] == BODY


def test_standfirst_dateline_still_read_on_the_body():
    parsed = parse_text("x", f"Fishing talks to resume\n{STANDFIRST}\nOSLO, Norway (Reuters) - {BODY}")
    assert (parsed.dateline, parsed.dateline_agency) == ("OSLO, Norway (Reuters)", "Reuters")
    assert [s["text"] for s in parsed.sentences] == [BODY]


@pytest.mark.parametrize("text, published", [
    # the dateline's day, the year the latest one the text names
    (f"OSLO, Jan 4 (KUNA) - {BODY} The quota for 2026 is smaller.", dt.date(2026, 1, 4)),
    (f"HELSINKI, March 3. /TASS/. {BODY} Catches fell in 2025 and 2026.", dt.date(2026, 3, 3)),
    # a month named later in that year than the dateline's: the dateline is in the next year
    (f"OSLO, Jan 4 (KUNA) - {BODY} The last round ended in December 2025.", dt.date(2026, 1, 4)),
    # a year in the dateline itself
    (f"OSLO, Jan 4, 2026 (KUNA) - {BODY}", dt.date(2026, 1, 4)),
])
def test_dateline_day_gives_the_publication_date_when_provenance_has_none(text, published):
    corpus = Corpus.from_texts({"a": text})
    art = corpus.articles.iloc[0]
    assert (art.published, art.published_basis) == (published, "dateline")


def test_dateline_day_anchors_relative_dates():
    from greenland_lib.extract.timex import find_timexes

    corpus = Corpus.from_texts({"a": f"HELSINKI, March 3. /TASS/. {BODY} The quota for 2026 is smaller."})
    found = find_timexes(corpus)
    assert list(zip(found["text"], found["value"])) == [("Tuesday", "2026-03-03"), ("2026", "2026")]


def test_dateline_day_without_any_year_gives_no_date_and_the_provenance_or_byline_wins():
    assert Corpus.from_texts({"a": f"OSLO, Jan 4 (KUNA) - {BODY}"}).articles.iloc[0].published_basis == "unknown"
    text = f"OSLO, Jan 4 (KUNA) - {BODY} The quota for 2026 is smaller."
    art = Corpus.from_texts({"a": text}, published={"a": dt.date(2026, 1, 5)}).articles.iloc[0]
    assert (art.published, art.published_basis) == (dt.date(2026, 1, 5), "sources")
    art = Corpus.from_texts({"a": f"By Jane Doe | 5 January 2026\n{text}"}).articles.iloc[0]
    assert (art.published, art.published_basis) == (dt.date(2026, 1, 5), "byline")


@pytest.mark.parametrize("line, kind, date", [
    ("Saturday, 14 February 2026", "byline", dt.date(2026, 2, 14)),          # a weekday-led date line
    ("Wednesday, Feb. 11, 2026 10:15 am ET", "byline", dt.date(2026, 2, 11)),
    ("This story is from January 12, 2024", "byline", dt.date(2024, 1, 12)),
    ("Tags: World News", "boilerplate", None),
])
def test_more_page_furniture(line, kind, date):
    found = classify(line, "heading", before_body=True)
    assert found is not None and (found.kind, found.date) == (kind, date), found


@pytest.mark.parametrize("opening, dateline, agency", [
    ("SINGAPORE Oct. 28.", "SINGAPORE Oct. 28", ""),                        # no comma, the day's dot ends it
    ("Beijing, Oct 28 (IANS)", "Beijing, Oct 28 (IANS)", "IANS"),            # no separator after the agency
])
def test_more_dateline_forms(opening, dateline, agency):
    parsed = parse_text("x", f"{opening} {BODY}")
    assert (parsed.dateline, parsed.dateline_agency) == (dateline, agency)
    assert parsed.sentences[0]["text"] == BODY


@pytest.mark.parametrize("opening, dateline, agency, published", [
    ("LONDON, 5 January (Reuters) -", "LONDON, 5 January (Reuters)", "Reuters", dt.date(2026, 1, 5)),
    ("BERLIN, 12 Feb (dpa) -", "BERLIN, 12 Feb (dpa)", "dpa", dt.date(2026, 2, 12)),
    ("MADRID, 3 Mar. (EFE) -", "MADRID, 3 Mar. (EFE)", "EFE", dt.date(2026, 3, 3)),
    ("ROME, 9 April 2025 (ANSA) -", "ROME, 9 April 2025 (ANSA)", "ANSA", dt.date(2025, 4, 9)),
    ("Vienna, 14 May (APA) -", "Vienna, 14 May (APA)", "APA", dt.date(2026, 5, 14)),
])
def test_datelines_with_the_day_before_the_month(opening, dateline, agency, published):
    """"LONDON, 5 January (Reuters) -" is read as "LONDON, Jan 5 (Reuters) -" is: city, agency and day."""
    text = f"{opening} {BODY} The quota for 2026 is smaller."
    parsed = parse_text("x", text)
    assert (parsed.dateline, parsed.dateline_agency) == (dateline, agency)
    assert parsed.sentences[0]["text"] == BODY
    art = Corpus.from_texts({"a": text}).articles.iloc[0]
    assert (art.published, art.published_basis) == (published, "dateline")


@pytest.mark.parametrize("text, dateline, kinds", [
    (f"WASHINGTON\n{BODY}", "WASHINGTON", ["byline", "body"]),
    (f"Fishing talks to resume\nNEW YORK\n{BODY}", "NEW YORK", ["headline", "byline", "body"]),
    (f"BEIJING/WASHINGTON\n{BODY}", "BEIJING/WASHINGTON", ["byline", "body"]),
    (f"WASHINGTON () -\n{BODY}", "WASHINGTON", ["byline", "body"]),
    (f"WASHINGTON ()\n{BODY}", "WASHINGTON", ["byline", "body"]),
])
def test_city_line_alone_above_the_body(text, dateline, kinds):
    """A dateline alone on its line, even the bare city in capitals, is read; the body under it is the text."""
    parsed = parse_text("x", text)
    assert (parsed.dateline, parsed.dateline_agency) == (dateline, "")
    assert [p["kind"] for p in parsed.paragraphs] == kinds
    assert [s["text"] for s in parsed.sentences] == [BODY]


@pytest.mark.parametrize("label", ["EXCLUSIVE", "BREAKING NEWS", "ANALYSIS"])
def test_a_label_in_capitals_above_the_body_is_no_dateline(label):
    parsed = parse_text("x", f"{label}\n{BODY}")
    assert parsed.dateline == ""
    assert [s["text"] for s in parsed.sentences] == [BODY]


@pytest.mark.parametrize("opening, dateline", [
    ("WASHINGTON () -", "WASHINGTON"), ("Berlin () —", "Berlin"), ("OSLO, Jan 4 () -", "OSLO, Jan 4"),
])
def test_empty_agency_brackets_still_give_the_city(opening, dateline):
    """"WASHINGTON () -": the agency is missing, the city is read and the brackets are not text."""
    parsed = parse_text("x", f"{opening} {BODY}")
    assert (parsed.dateline, parsed.dateline_agency) == (dateline, "")
    assert parsed.sentences[0]["text"] == BODY


def test_empty_agency_brackets_keep_the_datelines_day():
    art = Corpus.from_texts({"a": f"OSLO, Jan 4 () - {BODY} The quota for 2026 is smaller."}).articles.iloc[0]
    assert (art.published, art.published_basis) == (dt.date(2026, 1, 4), "dateline")


LONG_HEADLINE = "Nordic ministers meet in Oslo as fishing quota dispute with Britain drags into a third week"
WIRE_BODY = f"OSLO, Jan 4 (Reuters) - {BODY}"


@pytest.mark.parametrize("text, kinds", [
    (f"{LONG_HEADLINE}\n{WIRE_BODY}", ["headline", "body"]),                          # 16 words
    (f"Halvorsen: 'We will not sign a bad deal.'\n{WIRE_BODY}", ["headline", "body"]),  # "Name: '...'" with its stop
    (f"Halvorsen: “We will not sign a bad deal, whatever London offers”\n{WIRE_BODY}", ["headline", "body"]),
    (f"{LONG_HEADLINE}\nBy Jane Doe\n{WIRE_BODY}", ["headline", "byline", "body"]),      # a byline between them
    (f"{LONG_HEADLINE}\n{STANDFIRST}\n{WIRE_BODY}", ["headline", "standfirst", "body"]),
    (f"{LONG_HEADLINE}\nOSLO, Jan 4 (Reuters) -\n{BODY}", ["headline", "byline", "body"]),  # the dateline alone
    (f"{LONG_HEADLINE}\nOSLO\n{BODY}", ["headline", "byline", "body"]),                 # a bare city in capitals
])
def test_any_paragraph_before_a_dateline_paragraph_is_the_headline(text, kinds):
    """A long headline, or "Name: 'quote.'", over the dateline paragraph is the headline; the dateline is read."""
    parsed = parse_text("x", text)
    assert [p["kind"] for p in parsed.paragraphs] == kinds
    assert (parsed.dateline, parsed.dateline_agency) == (("OSLO", "") if "\nOSLO\n" in text
                                                          else ("OSLO, Jan 4 (Reuters)", "Reuters"))
    assert [s["text"] for s in parsed.sentences] == [BODY]


@pytest.mark.parametrize("text", [
    # no dateline paragraph: a long first line that is a sentence stays the lead
    f"{LONG_HEADLINE}.\n{BODY}",
    f"Halvorsen said Norway would not sign a bad deal.\n{BODY}",
    # a dateline further down the body is no reason to make the lead a headline
    f"{BODY}\nThe talks went on late into the night.\nThey resume next week.\nSeveral more rounds are planned.\n"
    f"OSLO, Jan 4 (Reuters) - {BODY}",
])
def test_a_lead_without_a_dateline_under_it_stays_body(text):
    parsed = parse_text("x", text)
    assert parsed.paragraphs[0]["kind"] == "body"
    assert parsed.sentences[0]["para"] == 1


@pytest.mark.parametrize("line, published", [
    ("Publicado el 4 de enero de 2026", dt.date(2026, 1, 4)),                 # Spanish: "Published on"
    ("Actualizado 4 de enero de 2026, 10:15 CET", dt.date(2026, 1, 4)),
    ("Opdateret 4. januar 2026 kl. 10.15", dt.date(2026, 1, 4)),              # Danish: "Updated"
    ("Publiceret 4. januar 2026", dt.date(2026, 1, 4)),
    ("4. januar 2026 kl. 10.15", dt.date(2026, 1, 4)),                        # the date and time alone
    ("By Ana Ruiz | 4 de enero de 2026", dt.date(2026, 1, 4)),
    ("Last updated: 07:15 pm CET, 2 March 2026", dt.date(2026, 3, 2)),
    ("Posted: January 4, 2026 at 10:15 am", dt.date(2026, 1, 4)),
])
def test_foreign_and_english_timestamps_give_the_publication_date(line, published):
    """A byline or timestamp with a Danish or Spanish month name gives the date (``published_basis = byline``)."""
    corpus = Corpus.from_texts({"a": f"Fishing talks to resume\n{line}\n{BODY}"})
    art = corpus.articles.iloc[0]
    assert list(corpus.paragraphs["kind"]) == ["headline", "byline", "body"]
    assert (art.published, art.published_basis) == (published, "byline")
    assert list(corpus.sentences["text"]) == [BODY]


@pytest.mark.parametrize("line", ["Posted 2 hours ago", "Updated 35 minutes ago", "Opdateret for 2 timer siden"])
def test_a_timestamp_of_hours_ago_is_a_byline_without_a_date(line):
    parsed = parse_text("x", f"Fishing talks to resume\n{line}\n{BODY}")
    assert [p["kind"] for p in parsed.paragraphs] == ["headline", "byline", "body"]
    assert parsed.byline_date is None


@pytest.mark.parametrize("line", ["Publicado el informe anual de la flota pesquera",
                                  "Opdateret regler for fiskeri i Nordatlanten"])
def test_a_foreign_heading_without_date_or_time_is_no_timestamp(line):
    found = classify(line, "heading", before_body=True)
    assert found is not None and found.kind == "headline"


@pytest.mark.parametrize("line, date", [
    ("Posted: 24/01/2026 10:15", dt.date(2026, 1, 24)),            # the day above 12: day first
    ("Updated 01/24/2026 10:15 AM", dt.date(2026, 1, 24)),         # the day above 12: month first
    ("Opdateret 04.01.2026 kl. 10.15", dt.date(2026, 1, 4)),       # dots: day first (Danish, German)
    ("Publicado el 24/01/2026", dt.date(2026, 1, 24)),
    ("Posted: 04/04/2026 10:15", dt.date(2026, 4, 4)),             # both readings the same day
    ("Posted: 04/01/2026 10:15", None),                           # 4 January or April 1: no date
    ("Updated 31.02.2026", None),
])
def test_numeric_byline_dates_only_where_the_form_is_unambiguous(line, date):
    assert line_date(line) == date
    found = classify(line, "body", before_body=True)
    assert found is not None and (found.kind, found.date) == ("byline", date)


@pytest.mark.parametrize("label", ["EXCLUSIVE", "World News", "ANALYSIS:", "BREAKING NEWS -"])
def test_a_section_label_over_the_headline_is_boilerplate_and_no_dateline(label):
    """A page label or section name (``label`` rows of furniture.csv) above the headline is debris, not the headline."""
    parsed = parse_text("x", f"{label}\n{LONG_HEADLINE}\n{WIRE_BODY}")
    assert [p["kind"] for p in parsed.paragraphs] == ["boilerplate", "headline", "body"]
    assert (parsed.dateline, parsed.dateline_agency) == ("OSLO, Jan 4 (Reuters)", "Reuters")
    assert [s["text"] for s in parsed.sentences] == [BODY]
