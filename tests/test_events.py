"""Event coding, cross-outlet grouping, stances and outcome: against the hand-annotated gold and wire-style fixtures."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from greenland_lib.corpus.loading import Corpus
from greenland_lib.paths import ANNOTATIONS_DIR, data_file
from greenland_lib.analysis.groups import GROUP_COLUMNS
from greenland_lib.analysis.outcome import OUTCOME_COLUMNS
from greenland_lib.analysis.stances import STANCE_COLUMNS
from greenland_lib.extract.events import COLUMNS, code_events, load_rules
from greenland_lib.extract.events.cameo import is_cameo_form
from greenland_lib.pipeline import extract

GOLD = ANNOTATIONS_DIR
MIN_RECALL = 0.90      # measured on the seeds: 33 of 36 required gold events (0.917)
MIN_PRECISION = 0.95   # measured: every coded event matches a gold event (1.00)


def _sides(value: str) -> set[str]:
    return {s for s in str(value).split(";") if s}


@pytest.fixture(scope="module")
def gold_events() -> pd.DataFrame:
    g = pd.read_csv(GOLD / "events.csv", dtype=str, keep_default_na=False)
    g["sent"] = g["sent"].astype(int)
    g["required"] = g["required"] == "True"
    g["negated"] = g["negated"] == "True"
    return g


def _candidates(events: pd.DataFrame, row) -> pd.DataFrame:
    return events[(events.article_id == row.article_id) & (events.sent == row.sent) & (events.category == row.category)]


def _correct(event, row) -> bool:
    background = row.date_basis == "background"
    return (_sides(event.source_side) == _sides(row.source_side) and event.date == row.date
            and (event.date_basis == "background") == background and bool(event.negated) == row.negated)


def score_events(events: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Recall over required gold events (all fields right) and precision over coded events."""
    matched, found, misses = set(), 0, []
    for row in gold.itertuples():
        cand = _candidates(events, row)
        matched.update(cand.event_id)
        if row.required:
            if len(cand) and _correct(cand.iloc[0], row):
                found += 1
            else:
                misses.append(f"{row.article_id} s{row.sent} {row.category} '{row.cue}'")
    correct = sum(
        any(_correct(e, r) for r in gold[(gold.article_id == e.article_id) & (gold.sent == e.sent)
                                         & (gold.category == e.category)].itertuples())
        for e in events.itertuples())
    n_req = int(gold.required.sum())
    return {"recall": found / n_req, "precision": len(matched) / max(len(events), 1),
            "strict_precision": correct / max(len(events), 1), "misses": misses,
            "extra": sorted(set(events.event_id) - matched)}


def test_events_have_exact_columns(tables):
    assert list(tables["events"].columns) == COLUMNS
    assert list(tables["event_groups"].columns) == GROUP_COLUMNS
    assert list(tables["stances"].columns) == STANCE_COLUMNS
    assert list(tables["outcome"].columns) == OUTCOME_COLUMNS


def test_gold_events_found_with_category_actor_date_and_polarity(tables, gold_events):
    score = score_events(tables["events"], gold_events)
    assert score["recall"] >= MIN_RECALL, score["misses"]
    assert score["precision"] >= MIN_PRECISION, score["extra"]
    assert score["strict_precision"] >= MIN_PRECISION


def test_negated_accept_is_reject_not_agree(tables, gold_events):
    events = tables["events"]
    for row in gold_events[gold_events.cue.str.contains("not accept")].itertuples():
        cand = events[(events.article_id == row.article_id) & (events.sent == row.sent)]
        assert "REJECT" in set(cand.category) and "AGREE" not in set(cand.category), row.cue


def test_no_background_clause_is_dated(tables, gold_events):
    events = tables["events"]
    background = gold_events[gold_events.date_basis == "background"]
    assert len(background) >= 4
    for row in background.itertuples():
        for e in _candidates(events, row).itertuples():
            assert e.date_basis == "background" and e.date == "", (row.article_id, row.sent, row.cue)
    assert not (tables["event_groups"].date_basis == "background").any()


def test_a_year_naming_a_pact_does_not_date_the_event(tables):
    events = tables["events"]
    assert not events.date.isin(["1951", "2004"]).any()


def test_each_multi_outlet_event_is_grouped_once(tables, gold_events):
    groups = tables["event_groups"]
    req = gold_events[gold_events.required & (gold_events.date != "")]
    req = req.assign(key=[(r.category, ";".join(sorted(_sides(r.source_side))), r.date) for r in req.itertuples()])
    multi = req.groupby("key").article_id.nunique()
    multi = multi[multi > 1]
    assert len(multi) >= 2, "the gold should hold multi-outlet events (Monday 12 January statements)"
    for (category, source, date), n in multi.items():
        hit = groups[(groups.category == category) & (groups.date == date)
                     & (groups.source_side.map(lambda s: ";".join(sorted(_sides(s)))) == source)]
        assert len(hit) == 1, (category, source, date)
        assert hit.n_reports.iloc[0] == n
        assert set(hit.outlets.iloc[0].split(";")) == {"Al Jazeera", "Newsmax"}
    key = groups[["category", "source_side", "date", "negated"]]
    assert not key.duplicated().any()


def test_offsets_round_trip(seeds, tables):
    events = tables["events"]
    sents = seeds.sentences.set_index(["article_id", "sent"])
    assert len(events) > 20
    for e in events.itertuples():
        s = sents.loc[(e.article_id, e.sent)]
        text = seeds.text(e.article_id)
        assert s.start <= e.start < e.end <= s.end and text[s.start:s.end] == e.text
        assert e.event_id == f"{e.article_id}:{e.start}"
        cue = text[e.start:e.end]
        assert any((m := c.pattern.match(text, e.start)) and m.end() == e.end for c in load_rules().cues) \
            or is_cameo_form(cue), cue   # matched in its text (a pattern may look ahead or behind)
    for name in ("stances", "outcome"):
        for r in tables[name].itertuples():
            assert seeds.text(r.article_id)[r.start:r.end] == r.text
            for ev in r.evidence.split("; "):
                art, span = ev.rsplit(":", 1)
                a, b = map(int, span.split("-"))
                assert seeds.text(art)[a:b] in set(seeds.sentences[seeds.sentences.article_id == art].text)
    ids = set(events.event_id)
    for g in tables["event_groups"].itertuples():
        assert set(g.event_ids.split(";")) <= ids


@pytest.fixture(scope="module")
def wire():
    texts = {
        "neg_will_not": "COPENHAGEN (Reuters) - Denmark will not accept any US purchase of Greenland, "
                        "Prime Minister Mette Frederiksen said on Tuesday.",
        "neg_cannot": "Greenland's government cannot accept the proposal, it said in a statement.",
        "neg_rejected": "NUUK (AFP) - Greenland's Prime Minister Jens-Frederik Nielsen rejected the offer on Monday.",
        "neg_did_not": "Trump did not threaten Denmark on Monday, the White House said.",
        "plan_set_to": "Danish Foreign Minister Lars Lokke Rasmussen is set to meet Marco Rubio in Washington on Wednesday.",
        "plan_will": "Frederiksen will meet NATO chief Mark Rutte next week.",
        "hyp_could": "The deal could allow the United States to deploy troops in Greenland.",
        "hyp_would": "Denmark would accept a larger US military presence, a diplomat said.",
        "reported": "Officials say NATO agreed to boost its presence in the Arctic.",
        "background": "Trump has threatened Greenland for years.",
        "blocked": "Trump backed off his threats to seize Greenland on Thursday.",
        "year_modifier": "Denmark and the United States will renegotiate a 1951 defence treaty.",
        "condition": "If Denmark agreed, NATO would cooperate.",
    }
    published = {k: dt.date(2026, 1, 16) for k in texts}   # a Friday
    corpus = Corpus.from_texts(texts, published=published, outlets={k: "Wire" for k in texts})
    tables = extract(corpus)
    return tables["events"].set_index("article_id"), tables


def _one(events, article_id):
    rows = events.loc[[article_id]] if article_id in events.index else events.iloc[0:0]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize("article_id, source", [("neg_will_not", "DNK"), ("neg_cannot", "GRL"), ("neg_rejected", "GRL")])
def test_wire_negation_is_reject(wire, article_id, source):
    e = _one(wire[0], article_id)
    assert (e.category, e.source_side, bool(e.negated), e.modality) == ("REJECT", source, False, "asserted")


def test_wire_dates_follow_the_clause(wire):
    events = wire[0]
    assert _one(events, "neg_will_not").date == "2026-01-13"     # Tuesday before Friday 16 January
    assert _one(events, "neg_rejected").date == "2026-01-12"
    assert _one(events, "neg_cannot").date_basis == "published"


def test_wire_negation_without_a_mapping_is_kept_as_negated(wire):
    e = _one(wire[0], "neg_did_not")
    assert (e.category, bool(e.negated)) == ("THREATEN", True)


def test_wire_future_is_planned(wire):
    e = _one(wire[0], "plan_set_to")
    assert (e.category, e.modality, e.source_side, e.target_side) == ("CONSULT", "planned", "DNK", "USA")
    assert e.date == "2026-01-21"       # "is set to ... on Wednesday": the next Wednesday
    e = _one(wire[0], "plan_will")
    assert (e.modality, e.date) == ("planned", "2026-W04")


def test_wire_hypothetical_is_possible(wire):
    e = _one(wire[0], "hyp_could")
    assert (e.category, e.source_side, e.modality) == ("MOBILIZE", "USA", "possible")
    e = _one(wire[0], "hyp_would")
    assert (e.category, e.modality) == ("AGREE", "possible")


def test_wire_reported(wire):
    e = _one(wire[0], "reported")
    assert (e.category, e.source_side, e.modality) == ("AGREE", "NATO", "reported")


def test_wire_background_blocked_condition_and_year(wire):
    events = wire[0]
    e = _one(events, "background")
    assert (e.category, e.date, e.date_basis) == ("THREATEN", "", "background")
    assert _one(events, "blocked").category == "RETREAT"        # "threats to seize" is no THREATEN
    assert _one(events, "year_modifier").date == "2026-01-16"   # "a 1951 treaty" does not date it
    assert "condition" not in events.index


def test_wire_outcome_classes(wire):
    outcome = wire[1]["outcome"].set_index("article_id").outcome
    assert outcome["neg_will_not"] == "rejected" and outcome["neg_cannot"] == "rejected"
    assert outcome["hyp_could"] == "proposed" and outcome["year_modifier"] == "proposed"
    assert outcome["reported"] == "agreed" and outcome["blocked"] == "agreed"
    assert "neg_did_not" not in outcome.index


def test_gold_outcome_items_found(tables):
    gold = pd.read_csv(GOLD / "outcome.csv", dtype=str, keep_default_na=False)
    gold["sent"] = gold.sent.astype(int)
    out = tables["outcome"]
    sents = {(r.article_id, r.start, r.end): r.sent for r in tables["sentences"].itertuples()}
    keys = []
    for r in out.itertuples():
        ev = set()
        for item in r.evidence.split("; "):
            art, span = item.rsplit(":", 1)
            a, b = map(int, span.split("-"))
            ev.add((art, sents[(art, a, b)]))
        keys.append((r.outcome, ev))
    required = gold[gold.required == "1"]
    found = [any(o == g.outcome and (g.article_id, g.sent) in ev for o, ev in keys) for g in required.itertuples()]
    assert sum(found) / len(required) >= 0.9, list(required[[not f for f in found]].summary)
    anywhere = {(g.article_id, g.sent) for g in gold.itertuples()}
    good = [any(k in anywhere for k in ev) for _, ev in keys]
    assert sum(good) / len(keys) >= 0.85


def test_stances_come_from_events_and_quotes(tables):
    st = tables["stances"]

    def positions(side, issue):
        return set(st[(st.side == side) & (st.issue == issue)].position)

    assert set(st.position) <= {"supports", "opposes", "conditional", "unclear"}
    assert positions("GRL", "us_control") == {"opposes"}
    assert "supports" in positions("USA", "us_control")
    assert positions("NATO", "nato_arctic") == {"supports", "conditional"}   # Rutte supports; NATO floated a mission
    assert positions("CHN", "china_russia") == {"opposes"}
    assert set(tables["stances"].issue) == {"us_control", "nato_arctic", "pact_1951", "china_russia"}


def test_a_stance_is_held_by_an_actor_on_its_side(tables):
    st, actors = tables["stances"], tables["actors"].set_index("actor_id")
    assert set(st.actor) <= set(actors.index)      # persons and organisations of the actors table, not side codes
    assert not set(st.actor) & set(st.side)
    def who(actor, issue):
        return set(st[(st.actor == actor) & (st.issue == issue)].position)

    assert who("donald-trump", "us_control") == {"supports", "unclear"}
    assert who("greenland-government", "us_control") == {"opposes"}
    assert who("mark-rutte", "nato_arctic") == {"supports"}
    from greenland_lib.sides import actor_sides
    side_of = actor_sides(tables["actors"])
    assert all(side_of[a][0] == s for a, s in zip(st.actor, st.side))


def test_lexicon_is_consistent_data():
    rules = load_rules()
    lex = pd.read_csv(data_file("event_lexicon.csv"), dtype=str, keep_default_na=False)
    assert set(lex["mode"]) <= {"verbal", "material"}
    assert set(lex["source"]) <= {"subject", "speaker"}
    assert rules.categories.loc["AGREE", "negated_category"] == "REJECT"


def test_no_mentions_or_empty_text_never_crash():
    corpus = Corpus.from_texts({"empty": "", "plain": "Denmark rejected the offer."})
    events, problems = code_events(corpus, {})
    assert list(events.columns) == COLUMNS and events.empty
    tables = extract(corpus)
    assert list(tables["events"].columns) == COLUMNS
    assert list(tables["outcome"].columns) == OUTCOME_COLUMNS


def test_timeline_events_count_outlets(tables):
    from greenland_lib.views.outcome import timeline_events

    tl = timeline_events(tables["event_groups"])
    assert list(tl.columns) == ["date", "event", "n_outlets", "outlets", "text"]
    assert tl[tl.event == "GRL reject USA"].n_outlets.tolist() == [2]
    assert tl.n_outlets.sum() == tables["event_groups"].n_reports.sum()


@pytest.fixture(scope="module")
def two_outlets():
    texts = {
        "a": "WASHINGTON (Reuters) - President Donald Trump threatened Denmark on Monday.",
        "b": "NUUK (AFP) - The United States threatened Denmark on Monday, officials said.",
        "c": "COPENHAGEN (AFP) - Denmark and Greenland rejected the demand on Monday.",
    }
    corpus = Corpus.from_texts(texts, published={k: dt.date(2026, 1, 13) for k in texts},
                               outlets={"a": "Reuters", "b": "AFP", "c": "AFP"})
    return extract(corpus)


def test_events_name_actor_ids_beside_their_sides(two_outlets):
    e = two_outlets["events"].set_index("article_id")
    assert (e.loc["a", "source_actor"], e.loc["a", "source_side"]) == ("donald-trump", "USA")
    assert (e.loc["a", "target_actor"], e.loc["a", "target_side"]) == ("denmark", "DNK")
    assert (e.loc["c", "source_actor"], e.loc["c", "source_side"]) == ("denmark;greenland", "DNK;GRL")


def test_groups_join_outlets_by_side_and_list_their_actors(two_outlets):
    groups = two_outlets["event_groups"]
    threat = groups[groups.category == "THREATEN"]
    assert len(threat) == 1 and threat.n_reports.iloc[0] == 2
    assert threat.source_actor.iloc[0] == "donald-trump;usa" and threat.source_side.iloc[0] == "USA"
    assert (threat.target_actor.iloc[0], threat.target_side.iloc[0]) == ("denmark", "DNK")


def test_group_labels_are_words_from_category_actors_and_cue(two_outlets):
    labels = dict(zip(two_outlets["event_groups"].category, two_outlets["event_groups"].label))
    assert labels["THREATEN"] == "Donald Trump threatens Denmark"
    assert labels["REJECT"] == "Denmark and Greenland reject the demand"


def test_label_rules_for_modality_negation_and_objects():
    from greenland_lib.analysis.labels import event_label, object_words

    names = {"nato": "NATO", "mette-frederiksen": "Mette Frederiksen"}
    assert event_label("MOBILIZE", ("nato", "NATO"), ("", ""), "possible", False, " a new mission in the Arctic.",
                       names) == "NATO may mobilise a new mission"
    assert event_label("THREATEN", ("", "USA"), ("", ""), "asserted", True, " on Monday", names) == \
        "The United States does not threaten"
    assert event_label("AGREE", ("nato;mette-frederiksen", "NATO;DNK"), ("", ""), "planned", False, "", names) == \
        "NATO and Mette Frederiksen will agree"
    assert object_words(" Friday the alliance should act") == ""


def test_one_home_for_sides():
    from greenland_lib.analysis.network import SIDE_NAMES, sides
    from greenland_lib.sides import load_sides, side_of
    from greenland_lib.views.style import SIDE_COLOURS

    table = load_sides()
    assert list(SIDE_COLOURS) == list(table.code) and SIDE_NAMES["EU"] == "EU / Europe"
    assert side_of("IGOWSTNAT", "NLD", "person") == "NATO" and side_of("IGOEUREEC", "DEU", "person") == "EU"
    assert side_of("NORGOV", "NOR", "person") == "NOR" and side_of("USAMED", "USA", "media") == ""
    actors = pd.DataFrame({"actor_id": ["x", "y"], "code": ["IGOWSTNAT", "NORGOV"], "country": ["NLD", "NOR"],
                           "kind": ["person", "person"]})
    assert sides(actors).to_dict() == {"x": "NATO", "y": "other"}
    assert "side_code" not in set(pd.read_csv(data_file("event_cues.csv"), dtype=str).kind)


@pytest.mark.parametrize("sentence, want", [
    ("Denmark praised Sweden on Monday.", [("SUPPORT", "praised")]),           # a verb's own code (CAMEO 051)
    ("The praise of Sweden was loud.", []),                                  # a noun after a determiner
    ("Germany deployed troops.", [("MOBILIZE", "deployed")]),                # a pattern: * &MILITARY (154)
    ("Germany deployed.", []),                                               # the block's null code
    ("Finland expelled two Russian diplomats.", [("SANCTION", "expelled")]),  # a pattern with a plural object
])
def test_cameo_cues_read_verbs_patterns_and_the_crosswalk(sentence, want):
    from greenland_lib.extract.events.cameo import cameo_cues

    got = [(c.category, sentence[c.start:c.end]) for c in cameo_cues(sentence, [(0, len(sentence))])]
    assert got == want


def test_a_cameo_verb_codes_an_event_only_right_after_its_subject():
    corpus = Corpus.from_texts({"near": "OSLO (Reuters) - Norway praised Sweden on Monday.",
                                "far": "OSLO (Reuters) - Norway, in a long statement on Monday, praised Sweden."},
                               published={"near": dt.date(2026, 2, 10), "far": dt.date(2026, 2, 10)})
    events = extract(corpus)["events"].set_index("article_id")
    assert (events.loc["near", "category"], events.loc["near", "source_side"], events.loc["near", "target_side"]) == \
        ("SUPPORT", "NOR", "SWE")
    assert "far" not in events.index
