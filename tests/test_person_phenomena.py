"""Persons in any English news article (issue 13): the developers' own sentences, one test per phenomenon.

Title words out of a discovered name, honorifics as evidence of a person, ships, aircraft, buildings and
events never persons, diacritic variants of a name as one person."""
from __future__ import annotations

import pytest

from greenland_lib.corpus.loading import Corpus
from greenland_lib.extract.actors import find_mentions
from greenland_lib.pipeline import extract


def mentions_of(text: str):
    return find_mentions(Corpus.from_texts({"a": text}))


@pytest.mark.parametrize("sentence, name", [
    ("Campaigner Tomas Quill said the vote had been rigged.", "Tomas Quill"),
    ("Councillor Ana Ruiz, who chairs the housing committee, said the rents would rise.", "Ana Ruiz"),
    ("Veteran negotiator Pilar Osk said the talks had stalled.", "Pilar Osk"),
])
def test_a_title_or_person_noun_before_a_name_is_not_part_of_the_person(sentence, name):
    m = mentions_of(sentence)
    found = m[m["actor_id"].str.startswith("new:")]
    assert list(found["actor_id"]) == ["new:" + name.lower().replace(" ", "-")], m[["text", "actor_id"]]


def test_an_honorific_makes_a_person():
    m = mentions_of("Ms Robin Hale opened the session on Tuesday morning.")
    assert list(m["actor_id"]) == ["new:robin-hale"]


@pytest.mark.parametrize("text, role", [
    ("Liang Wei, a ministry spokesman, said the talks were constructive.", "ministry spokesman"),
    ("Ingrid Holmvik, Norway's ambassador to Japan, said the vote mattered.", "Norway's ambassador to Japan"),
])
def test_an_appositive_with_a_person_noun_or_title_makes_a_person(text, role):
    tables = extract(Corpus.from_texts({"a": text}))
    found = tables["actors"].query("origin == 'discovered'")
    assert list(found["name"]) == [text.split(",")[0]] and list(found["role"]) == [role]
    assert list(tables["mentions"].query("actor_id == @found.actor_id.iloc[0]")["rule"]) == ["appositive"]


@pytest.mark.parametrize("text, name", [
    ("Canada's trade minister, Dominic Leblanc, said the duties were unjustified.", "Dominic Leblanc"),
    ("The committee's chairwoman, Aud Kvalbein, opened the hearing.", "Aud Kvalbein"),
])
def test_a_name_set_off_by_commas_after_a_title_is_a_person(text, name):
    assert list(mentions_of(text).query("actor_id.str.startswith('new:')")["text"]) == [name]


@pytest.mark.parametrize("text, name", [
    ("Senator Kevin McCarthy said the bill was dead.", "Kevin McCarthy"),
    ("Minister Dominic LeBlanc said the duties were unjustified.", "Dominic LeBlanc"),
    ("Governor Ron DeSantis said the storm had passed.", "Ron DeSantis"),
])
def test_a_surname_prefix_may_carry_an_inner_capital(text, name):
    assert list(mentions_of(text)["actor_id"]) == ["new:" + name.lower().replace(" ", "-")]


def test_a_brand_with_an_inner_capital_is_not_a_person():
    assert mentions_of("PayPal Holdings said the outage was over.").empty


def test_an_appositive_without_a_person_word_is_not_evidence():
    assert mentions_of("Harbour Point, a quiet bay on the coast, said little to visitors.").empty


@pytest.mark.parametrize("text, expected", [
    ("Mr Halvorsen said the offer was weak.", ["new:halvorsen"]),
    ("Ms. Brekke left early; Ms. Brekke did not return.", ["new:brekke", "new:brekke"]),
    ("Kari Brekke spoke first. Later Ms Brekke said the plan was bold.", ["new:kari-brekke", "new:kari-brekke"]),
    ("Mr Trump said the deal was done.", ["donald-trump"]),
    ("Thank you, Mr President. Madam Speaker called the vote.", []),
])
def test_an_honorific_makes_a_lone_surname_a_person(text, expected):
    assert list(mentions_of(text)["actor_id"]) == expected


@pytest.mark.parametrize("sentence", [
    "The USS Harbor Star said in a radio message that it had reached port.",
    "Officials said Air Force One would land at noon.",
    "The Pentagon Press Office said the drill was over.",
    "Ministers said the Munich Security Conference would open on Friday.",
    "The HMS Northern Light reported heavy ice off the cape.",
    "Amnesty International said the detentions broke the law.",
    "Greenpeace Nordic said the drilling plan was reckless.",
    "The Arctic Policy Institute said the report was thin.",
    "Nordic Shipping Group said its vessels would sail on.",
    "Human Rights Watch said the monitors had been blocked.",
    "According to Union Station Security, the platform was closed.",
])
def test_ships_aircraft_buildings_and_events_are_never_persons(sentence):
    m = mentions_of(sentence)
    assert not m["actor_id"].str.startswith("new:").any(), m[["text", "actor_id"]]


def test_diacritic_variants_of_a_discovered_name_are_one_person_without_the_slug():
    m = mentions_of("Economist Henrik Møller said the plan was weak. Henrik Moller added that rates would rise. "
                    "Later Moller said no.")
    assert list(m["actor_id"]) == ["new:henrik-moller"] * 3, m[["text", "actor_id"]]


def test_a_stroked_letter_variant_of_a_gazetteer_name_is_the_same_person():
    m = mentions_of("Lars Lokke Rasmussen said the deal was done. Later Løkke Rasmussen left.")
    assert list(m["actor_id"]) == ["lars-lokke-rasmussen"] * 2 and list(m["how"])[0] == "name"


def test_a_nordic_digraph_spelling_is_the_same_person():
    m = mentions_of("Lars Løkke Rasmussen said the deal was done. Later Loekke Rasmussen left. "
                    "Economist Henrik Møller said rates would rise. Henrik Moeller left early.")
    assert list(m["actor_id"]) == ["lars-lokke-rasmussen"] * 2 + ["new:henrik-moller"] * 2, m[["text", "actor_id"]]


def test_a_title_and_surname_link_to_the_full_name_in_the_article():
    m = mentions_of("Analyst José Ferrer said the plan was weak. Mr Ferrer added that rates would rise. "
                    "Jose Ferrer left early.")
    assert list(m["actor_id"]) == ["new:jose-ferrer"] * 3, m[["text", "actor_id"]]


@pytest.mark.parametrize("sentence, place, person", [
    ("Denmark's foreign minister Hanne Lykke said the offer was an insult.", "denmark", "new:hanne-lykke"),
    ("Germany's foreign minister Otto Brandl met his counterparts in Riga.", "germany", "new:otto-brandl"),
])
def test_a_title_of_someone_else_before_a_new_name_keeps_its_country(sentence, place, person):
    m = mentions_of(sentence)
    assert list(m["actor_id"]) == [place, person], m[["text", "actor_id"]]


@pytest.mark.parametrize("text, expected", [
    ("Svetlana Orlova chaired the meeting in Vienna.", ["new:svetlana-orlova"]),
    ("Torben Lykkegaard opened the hearing.", ["new:torben-lykkegaard"]),
    ("Aqqaluk Rosing-Olsen chaired the council in Sisimiut.", ["new:aqqaluk-rosing-olsen"]),
    ("Will Denmark respond? May Day rallies began.", []),
])
def test_a_common_given_name_makes_a_person(text, expected):
    assert list(mentions_of(text).query("actor_id.str.startswith('new:')")["actor_id"]) == expected


@pytest.mark.parametrize("text", ["Premier Nielsen said the island was not for sale.",
                                  "Prime Minister Nielsen spoke in Nuuk on Monday."])
def test_a_title_before_a_common_surname_names_the_gazetteer_holder(text):
    m = mentions_of(text)
    assert list(m.query("text.str.contains('Nielsen')")["actor_id"]) == ["jens-frederik-nielsen"]


def test_a_common_surname_alone_is_not_guessed():
    m = mentions_of("Nielsen said the island was not for sale.")
    assert list(m.query("text == 'Nielsen'")["actor_id"]) == ["new:nielsen"]
