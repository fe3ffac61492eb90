"""Actor mentions: a gazetteer lookup with context rules, title merging and discovery of new persons.

``find_mentions`` runs these stages in order (``mentions._analyse``; every word list is a data file in
``greenland_lib/data/``, every stage a module of this package):

1. **Gazetteer candidates** (``candidates``). Every alias in ``actor_aliases.csv`` (literal or regular
   expression, case-sensitive or not, accents optional) is matched inside the article's sentences (the
   header line and the dateline are not sentences, so they are never searched). Overlapping matches keep
   the longest.
2. **Discovery** (``discovery``). A capitalised name of two or more words that is not in the gazetteer is
   taken as a person when its context says so: after a reporting verb ("said 35-year-old theology student
   Nuunu Binzer"), before an age ("Mininnguaq Fontain, 19,"), after a person noun, an honorific or an
   office title ("student X", "Ms X", "Prime Minister X"), before a reporting verb ("X said"), after
   "according to", or starting with a known given name (``gender_evidence.csv``). Never after a ship's
   prefix, never with a word of the stop list (``not_person_words.csv``). It gets a provisional id
   ``new:<slug>`` and ``how = discovered``; every later use of the full name in the corpus, as written or
   without accents, is found too, and its surname after the first full mention.
3. **Titles** (``titles``). A person's name directly preceded by an office title (``titles.txt``),
   optionally qualified by a country, nationality or organisation ("United States President Donald Trump",
   "NATO chief Mark Rutte") is one mention spanning title and name, with ``how = name``. A title alias
   directly followed by another person's name, or preceded by "former", is dropped.
4. **Surnames** (``mentions``) resolve to the person whose full name came last before them in the article;
   failing that, to the gazetteer's only holder of that surname, unless the alias is flagged
   ``antecedent`` (a common surname such as Nielsen or Rasmussen), in which case the bare surname is kept
   as a discovered person rather than guessed. A surname right after a given name is part of another name.
5. **Place or actor** (``places``). A name that can denote a place is an actor mention unless it is used
   as a location ("in Brussels", "travel to Greenland", "the streets of Nuuk", "Greenland's capital").
6. **Possessive government.** "his government" / "her government" is the government of the country of
   the person named last before it.
7. **Mentions**: one row per remaining candidate, with its sentence.

Fast search (the word index, alternations) lives in ``greenland_lib.textmatch``; ``index`` says which
words and aliases use it.
"""
from __future__ import annotations

import pandas as pd

from .data import (ACTOR_COLUMNS, ALIAS_COLUMNS, DISCOVERED_PREFIX, GAZETTEER_COLUMNS, HOW_PRIORITY, HOWS, KINDS,
                   MENTION_COLUMNS, NAME_RE, PLACE_KINDS, WORD_RE, Alias, actor_named, compiled_aliases, fold_accents,
                   load_offices, office_holder,
                   load_aliases, load_gazetteer, place_context, reporting_verbs, slug)
from .discovery import (DISCOVERED_COLUMNS, Discovered, discovered_from_table, discovered_table, keep_full_names,
                        name_occurs)
from .mentions import _analyse

__all__ = ["ACTOR_COLUMNS", "ALIAS_COLUMNS", "DISCOVERED_COLUMNS", "DISCOVERED_PREFIX", "GAZETTEER_COLUMNS",
           "HOW_PRIORITY", "HOWS", "KINDS", "MENTION_COLUMNS", "NAME_RE", "PLACE_KINDS", "WORD_RE", "Alias",
           "Discovered", "actor_named", "actor_table", "aggregate_actors", "compiled_aliases", "discovered_from_table",
           "discovered_table", "extract_actors", "find_mentions", "fold_accents", "keep_full_names",
           "load_aliases", "load_gazetteer", "load_offices", "name_occurs", "office_holder", "place_context", "reporting_verbs", "slug"]


def find_mentions(corpus) -> pd.DataFrame:
    """Return every actor mention in the corpus (columns ``MENTION_COLUMNS``), in text order."""
    return _analyse(corpus)[0]


def actor_table(discovered: dict[str, Discovered] | None = None) -> pd.DataFrame:
    """Return the gazetteer plus any discovered persons (columns ``ACTOR_COLUMNS``)."""
    table = load_gazetteer().assign(origin="gazetteer")
    extra = pd.DataFrame([{"actor_id": d.actor_id, "name": d.name, "kind": "person", "country": "", "code": "",
                           "role": d.role, "wikidata": "", "origin": "discovered"}
                          for d in sorted((discovered or {}).values(), key=lambda d: d.actor_id)],
                         columns=ACTOR_COLUMNS)
    return pd.concat([table, extra], ignore_index=True)[ACTOR_COLUMNS] if len(extra) else table[ACTOR_COLUMNS]


def extract_actors(corpus, tables) -> dict[str, pd.DataFrame]:
    """Pipeline extractor: the ``actors`` table (gazetteer plus discovered persons) and ``mentions``."""
    given = tables.handoff.known_persons
    mentions, discovered, found = _analyse(corpus, None if given is None else discovered_from_table(given))
    # what discovery found, before dropping surnames of longer names: the pipeline merges this across chunks
    tables.handoff.discovered = discovered_table(found)
    return {"actors": actor_table(discovered), "mentions": mentions}


def aggregate_actors(corpus, tables) -> dict[str, pd.DataFrame]:
    """Pipeline aggregator: one ``actors`` table from chunked runs (gazetteer order, then discovered persons by
    id, then the role and group speakers of the quotations by id)."""
    actors = tables["actors"].drop_duplicates("actor_id")
    found = actors[actors["origin"] == "discovered"].sort_values("actor_id", kind="stable")
    said = actors[actors["origin"] == "speaker"].sort_values("actor_id", kind="stable")
    rest = actors[~actors["origin"].isin(("discovered", "speaker"))]
    return {"actors": pd.concat([rest, found, said], ignore_index=True)}
