"""Actor gazetteer, mention finding (against the hand-annotated gold) and discovery of new persons."""
from __future__ import annotations

import datetime as dt


import pandas as pd
import pytest

from greenland_lib.paths import ANNOTATIONS_DIR
from greenland_lib.extract.actors import (ACTOR_COLUMNS, HOWS, KINDS, MENTION_COLUMNS, compiled_aliases, find_mentions,
                                  load_aliases, load_gazetteer)
from greenland_lib.cli import main
from greenland_lib.corpus.loading import Corpus

GOLD = ANNOTATIONS_DIR
MIN_PRECISION = 0.95
MIN_RECALL = 0.95


def gold_mentions() -> pd.DataFrame:
    return pd.read_csv(GOLD / "mentions.csv", dtype={"article_id": str}, keep_default_na=False)


def mentions_of(text: str) -> pd.DataFrame:
    return find_mentions(Corpus.from_texts({"a": text}))


# --------------------------------------------------------------------------- gazetteer


def test_gazetteer_is_well_formed():
    gaz = load_gazetteer()
    assert gaz["actor_id"].is_unique
    assert set(gaz["kind"]) <= set(KINDS)
    assert gaz["country"].str.fullmatch(r"[A-Z]{3}|").all()
    assert gaz["wikidata"].str.fullmatch(r"Q\d+|").all()
    assert gaz["code"].str.fullmatch(r"[A-Z]{3,12}").all()
    assert not gaz["actor_id"].str.startswith("new:").any()


def test_aliases_are_well_formed_and_cover_every_actor():
    gaz, aliases = load_gazetteer(), load_aliases()
    assert set(aliases["actor_id"]) == set(gaz["actor_id"]), "an alias for an unknown actor, or an actor without alias"
    assert set(aliases["how"]) <= set(HOWS) - {"discovered"}
    assert set(aliases["case"]) <= {"sensitive", "insensitive"}
    assert set(aliases["pattern"]) <= {"literal", "regex"}
    assert set(aliases["antecedent"]) <= {"", "yes"}
    assert set(aliases["place"]) <= {"", "yes", "no"}
    assert not aliases.duplicated(["actor_id", "alias"]).any()
    assert len(compiled_aliases()) >= len(aliases)
    persons = set(gaz.loc[gaz["kind"] == "person", "actor_id"])
    named = set(aliases.loc[aliases["how"] == "name", "actor_id"])
    assert persons <= named, f"persons without a full name alias: {persons - named}"


def test_no_surname_is_shared_by_two_actors():
    surnames = load_aliases()[load_aliases()["how"] == "surname"]
    shared = surnames.groupby(surnames["alias"].str.lower())["actor_id"].nunique()
    assert (shared == 1).all(), shared[shared > 1]


def test_gazetteer_covers_the_principal_actors_of_the_crisis():
    ids = set(load_gazetteer()["actor_id"])
    for actor in ("donald-trump", "jd-vance", "marco-rubio", "jeff-landry", "mette-frederiksen", "lars-lokke-rasmussen",
                  "troels-lund-poulsen", "jens-frederik-nielsen", "vivian-motzfeldt", "nato", "mark-rutte", "eu",
                  "ursula-von-der-leyen", "emmanuel-macron", "friedrich-merz", "keir-starmer", "russia", "china",
                  "mao-ning", "afp", "reuters"):
        assert actor in ids


# --------------------------------------------------------------------------- the seeds against the gold


def test_mentions_have_exactly_the_documented_columns(tables):
    assert list(tables["mentions"].columns) == MENTION_COLUMNS
    assert list(tables["actors"].columns) == ACTOR_COLUMNS
    assert set(tables["mentions"]["how"]) <= set(HOWS)
    assert set(tables["mentions"]["actor_id"]) <= set(tables["actors"]["actor_id"])


def test_every_gold_actor_is_found_in_its_article(tables):
    found = tables["mentions"].groupby("article_id")["actor_id"].agg(set)
    for article_id, actors in gold_mentions().groupby("article_id")["actor_id"]:
        missing = set(actors) - found.get(article_id, set())
        assert not missing, f"{article_id}: actors not found: {missing}"


def _scores(found: pd.DataFrame, gold: pd.DataFrame) -> tuple[float, float]:
    key = ["article_id", "start", "end", "actor_id"]
    f = set(map(tuple, found[key].itertuples(index=False)))
    g = set(map(tuple, gold[key].itertuples(index=False)))
    return len(f & g) / len(f), len(f & g) / len(g)


def test_mention_precision_and_recall_on_the_gold(tables):
    precision, recall = _scores(tables["mentions"], gold_mentions())
    print(f"mentions: precision {precision:.3f}, recall {recall:.3f} (exact span and actor)")
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL


def test_the_scorer_can_fail(tables):
    degraded = tables["mentions"][tables["mentions"]["how"] != "surname"]
    assert _scores(degraded, gold_mentions())[1] < MIN_RECALL


def test_discovered_persons_are_actors_and_nothing_named_is_dropped(tables):
    actors = tables["actors"].set_index("actor_id")
    for actor_id in ("new:nuunu-binzer", "new:mininnguaq-fontain"):
        assert actors.loc[actor_id, "origin"] == "discovered"
        assert actors.loc[actor_id, "kind"] == "person"
        assert (tables["mentions"]["actor_id"] == actor_id).any()
    assert actors.loc["new:nuunu-binzer", "role"] == "theology student"


def test_no_mention_in_the_header_or_dateline(seeds, tables):
    first = seeds.sentences.groupby("article_id")["start"].min()
    for row in tables["mentions"].itertuples():
        assert row.start >= first[row.article_id]


def test_check_lists_discovered_persons_as_gazetteer_candidates(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "gazetteer candidates" in out and "new:nuunu-binzer" in out and "Mininnguaq Fontain" in out


# --------------------------------------------------------------------------- rules, on sentences written for the tests


@pytest.mark.parametrize("sentence, surface, actor", [
    ("Greenland has rejected the offer.", "Greenland", "greenland"),
    ("Washington has rejected the plan.", "Washington", "us-government"),
    ("An attack on Greenland would end the alliance.", "Greenland", "greenland"),
    ("The threat to Greenland is real.", "Greenland", "greenland"),
    ("Greenland's people oppose a takeover.", "Greenland", "greenland"),
    ("Diplomats at NATO were cautious.", "NATO", "nato"),
    ("She will travel to Greenland next week.", "Greenland", None),
    ("Protesters marched on the streets of Nuuk.", "Nuuk", None),
    ("Ministers met in Brussels on Monday.", "Brussels", None),
    ("Talks were held in Washington.", "Washington", None),
    ("Troops are stationed on Greenland.", "Greenland", None),
    ("NATO wants more ships around Greenland.", "Greenland", None),
    ("Nuuk, Greenland's capital, is small.", "Greenland", None),
    ("Visits to Denmark and Greenland were cancelled.", "Greenland", None),
    ("A radar base in northern Greenland was upgraded.", "Greenland", None),
])
def test_place_or_actor(sentence, surface, actor):
    m = mentions_of(sentence)
    start = sentence.index(surface)
    hit = m[(m["start"] <= start) & (m["end"] >= start + len(surface))]
    assert list(hit["actor_id"]) == ([actor] if actor else [])


def test_title_and_name_are_one_mention():
    m = mentions_of("Greenlandic Prime Minister Jens-Frederik Nielsen met NATO chief Mark Rutte.")
    assert list(m["text"]) == ["Greenlandic Prime Minister Jens-Frederik Nielsen", "NATO chief Mark Rutte"]
    assert list(m["how"]) == ["name", "name"]


def test_title_alone_and_a_title_belonging_to_someone_else():
    m = mentions_of("The Danish prime minister spoke first. Former Danish prime minister Anders Fogh Rasmussen spoke next.")
    assert list(m["actor_id"]) == ["mette-frederiksen", "new:anders-fogh-rasmussen"]
    assert list(m["how"]) == ["title", "discovered"]


def test_surnames_resolve_to_the_person_named_earlier():
    m = mentions_of("Fisherman Anna Nielsen said the sea was calm. Nielsen added that boats were ready. "
                    "Jens-Frederik Nielsen disagreed. Nielsen said so twice.")
    assert list(m["actor_id"]) == ["new:anna-nielsen", "new:anna-nielsen", "jens-frederik-nielsen",
                                   "jens-frederik-nielsen"]
    assert list(m["how"]) == ["discovered", "surname", "name", "surname"]


def test_a_common_surname_without_antecedent_is_not_guessed():
    m = mentions_of("Nielsen said the talks went well. Trump said they did not.")
    assert list(m["actor_id"]) == ["new:nielsen", "donald-trump"]


@pytest.mark.parametrize("sentence, name, actor_id", [
    ("“It is cold,” said 52-year-old fisherman Hans Kristiansen.", "Hans Kristiansen", "new:hans-kristiansen"),
    ("Pipaluk Lund, 24, a nurse, added that she was worried.", "Pipaluk Lund", "new:pipaluk-lund"),
    ("Analyst Ulrik Pram Gad told the newspaper the deal was vague.", "Ulrik Pram Gad", "new:ulrik-pram-gad"),
    ("The plan is weak, according to historian Astrid Andersen.", "Astrid Andersen", "new:astrid-andersen"),
])
def test_discovery_of_persons_absent_from_the_gazetteer(sentence, name, actor_id):
    m = mentions_of(sentence)
    hit = m[m["actor_id"] == actor_id]
    assert list(hit["how"]) == ["discovered"] and name in hit.iloc[0]["text"]


def test_no_person_is_invented_from_institutions_or_places():
    m = mentions_of("The Chinese Foreign Ministry said on Monday it was concerned. Officials at Pituffik Space Base "
                    "told reporters aboard Air Force One nothing.")
    assert not m["actor_id"].str.startswith("new:").any()


def test_accents_are_optional_and_case_rules_hold():
    m = mentions_of("Mute B. Egede met Pedro Sanchez. Nato and the Alliance agreed.")
    assert list(m["actor_id"]) == ["mute-b-egede", "pedro-sanchez", "nato", "nato"]
    assert mentions_of("Trump would trump the us and them.")["actor_id"].tolist() == ["donald-trump"]




# --------------------------------------------------------------------------- persons in any English news article

@pytest.mark.parametrize("sentence", [
    "Marco Rubio told Fox Business that the talks would resume.",                      # an outlet
    "Donald Trump wrote on Truth Social that the tariffs would start on Monday.",       # a platform
    "The World Economic Forum said the meeting in Davos would go ahead.",              # a forum
    "Keir Starmer told reporters at Downing Street that the deal was done.",            # a building
    "Mark Rutte told the Munich Security Conference that Europe must spend more.",      # an event
    "Donald Trump said aboard Air Force One that he would call the premier.",           # an aircraft
])
def test_platforms_outlets_forums_buildings_events_and_aircraft_are_not_discovered_persons(sentence):
    m = mentions_of(sentence)
    assert not m["actor_id"].str.startswith("new:").any(), m[["text", "actor_id"]]


def test_a_surname_before_the_full_name_links_to_it():
    m = mentions_of("Nielsen told reporters the deal was not done. Later, Prime Minister Jens-Frederik "
                    "Nielsen met the delegation.")
    assert list(m["actor_id"]) == ["jens-frederik-nielsen"] * 2 and list(m["how"]) == ["surname", "name"]


def test_diacritic_variants_of_a_discovered_name_are_one_person():
    m = mentions_of("The plan is weak, said historian Zoë Whitlock. Zoe Whitlock said the vote was close.")
    assert set(m["actor_id"]) == {"new:zoe-whitlock"} and len(m) == 2


def test_mentions_of_discovered_persons_carry_the_rule_that_found_them():
    m = mentions_of("“No,” said 35-year-old student Aqqaluk Berthelsen, and Donald Trump agreed.")
    rules = dict(zip(m["actor_id"], m["rule"]))
    assert rules == {"new:aqqaluk-berthelsen": "after_verb", "donald-trump": ""}


@pytest.mark.parametrize("published, expected", [
    (dt.date(2017, 5, 1), ["lars-lokke-rasmussen", "donald-trump"]),
    (dt.date(2022, 5, 1), ["mette-frederiksen", "joe-biden"]),
    (dt.date(2026, 1, 5), ["mette-frederiksen", "donald-trump"]),
    (dt.date(2005, 1, 5), []),                       # holders the gazetteer does not know: roles, no actor
])
def test_a_title_names_the_office_holder_at_the_article_date(published, expected):
    corpus = Corpus.from_texts({"a": "The Danish prime minister met the US president in Oslo."}, published={"a": published})
    assert list(find_mentions(corpus)["actor_id"]) == expected


def test_offices_are_well_formed():
    from greenland_lib.extract.actors import load_offices

    offices = load_offices()
    assert set(offices["actor_id"]) <= set(load_gazetteer()["actor_id"])
    assert offices["start"].str.fullmatch(r"\d{4}-\d\d-\d\d").all()
    assert offices["end"].str.fullmatch(r"\d{4}-\d\d-\d\d|").all() and (offices["notes"] != "").all()
    for _, held in offices.groupby("office"):  # one holder at a time
        held = held.sort_values("start")
        assert (held["end"].iloc[:-1].values <= held["start"].iloc[1:].values).all()
