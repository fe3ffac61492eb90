"""The event lexicon's literal starts: a pattern is searched only in a sentence that can hold a match of it."""
from __future__ import annotations

import pytest

from greenland_lib.extract.events import load_rules
from greenland_lib.extract.events.clauses import find_cues
from greenland_lib.extract.events.rules import literal_starts
from greenland_lib.paths import ANNOTATIONS_DIR, REPO_ROOT


@pytest.mark.parametrize("pattern, starts", [
    ("reject(?:s|ed|ing)?", {"reject"}),
    ("criticis(?:e|es)|criticiz(?:e|es)", {"criticis", "criticiz"}),
    ("(?:hold|held) talks", {"hold", "held"}),
    (r"\bmeet(?:s)?\b|(?<!\bthe\s)met with\b", {"meet", "met"}),
    ("visits? to", {"visit"}),                       # the optional last letter is left out
    ("(?:not|n['’]t|never) rule out", None),        # a start too short to rule anything out
    ("(?:re)?negotiate", None),                      # an optional group first
    (r"(?:\d+[- ]day )?pause", None),
    ("by force", None),
])
def test_literal_starts(pattern, starts):
    assert literal_starts(pattern) == (None if starts is None else frozenset(starts))


def _texts() -> list[str]:
    folders = [REPO_ROOT / "seeds", ANNOTATIONS_DIR / "event_fixtures", REPO_ROOT / "tests" / "fixtures" / "wire"]
    return [p.read_text(encoding="utf-8", errors="replace") for f in folders for p in sorted(f.glob("*.txt"))]


def test_every_match_starts_with_one_of_its_literal_starts():
    rules = load_rules()
    checked = 0
    for text in _texts():
        for cue in rules.cues:
            if cue.starts is None:
                continue
            for m in cue.pattern.finditer(text):
                checked += 1
                assert m.group(0).lower().startswith(tuple(cue.starts)), (cue.pattern.pattern, m.group(0))
    assert checked > 50


def test_the_short_cut_finds_what_a_full_search_finds():
    rules = load_rules()
    full = rules.__class__(**{**rules.__dict__, "cues": tuple(c.__class__(**{**c.__dict__, "starts": None})
                                                             for c in rules.cues)})
    def read(sentence, r):
        return [(s, e, c.category, c.mode, c.source) for s, e, c in find_cues(sentence, r)]
    sentences = [s for text in _texts() for s in text.split(". ")]
    assert sum(bool(read(s, rules)) for s in sentences) > 40
    for sentence in sentences:
        assert read(sentence, rules) == read(sentence, full), sentence


@pytest.mark.parametrize("sentence, none", [
    ("Denmark beat Norway 3-1 in Copenhagen on Sunday.", True),         # a score: a sports result
    ("Norway defeated Sweden 28-25 in the semi-final.", True),
    ("Denmark beat back the US proposal on Monday.", False),            # no score: a rejection
    ("The EU defeated the motion by 320 votes to 210.", False),
    ("Will Washington back down?", True),
])
def test_a_result_or_a_question_is_no_event(sentence, none):
    from greenland_lib.extract.events.clauses import no_event
    assert no_event(sentence, load_rules()) is none


@pytest.mark.parametrize("sentence, kinds", [
    ("Should Washington impose tariffs, Denmark would respond.", ["main", "condition"]),
    ("Were Russia to attack Norway, the alliance would respond.", ["main", "condition"]),
    ("Washington should impose tariffs.", ["main"]),
])
def test_an_inverted_condition_opens_a_condition_clause(sentence, kinds):
    from greenland_lib.extract.events.clauses import clauses_of
    assert [c.kind for c in clauses_of(sentence, load_rules())] == kinds


@pytest.mark.parametrize("sentence, category", [
    ("Trump called Frederiksen on Tuesday.", "CONSULT"),     # 'on Tuesday' is a date, not the 'call on' of a demand
    ("Trump called on Denmark to sell the island.", "DEMAND"),
    ("Trump called Frederiksen in March.", "CONSULT"),
])
def test_a_date_preposition_is_no_cameo_pattern_word(sentence, category):
    from greenland_lib.extract.events.cameo import cameo_cues
    assert [c.category for c in cameo_cues(sentence, [(0, len(sentence))])] == [category]
