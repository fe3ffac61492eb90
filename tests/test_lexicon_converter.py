"""tools/petrarch_lexicon.py: PETRARCH2's CAMEO verb dictionary -> the package's derived CAMEO lexicon."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
spec = importlib.util.spec_from_file_location("petrarch_lexicon", ROOT / "tools" / "petrarch_lexicon.py")
conv = importlib.util.module_from_spec(spec)
spec.loader.exec_module(conv)

SAMPLE = """# a sample in the dictionary's format, written for this test
####### SYNONYM SETS #######
&VEHICLE
+TRUCK
+FERRY_BOAT
&WORDS_
+GLASS
####### VERB PATTERNS #######

---  SHIP   [---]  ---
SHIP {SHIPS SHIPPED SHIPPING}
FREIGHT
+SEND_OFF [072]
- * &VEHICLE (TO PORT)                    [073]   # SHIP
- * GRAIN                                 [070]   # SHIP
- * GRAIN                                 [071]   # SHIP
- TROOPS *                                [154:155]

---  PRAISE   [051]  ---
LAUD
"""


def test_regular_forms_and_plurals():
    assert conv.regular_forms("deploy") == ["deploy", "deploys", "deployed", "deploying"]
    assert conv.regular_forms("rally") == ["rally", "rallies", "rallied", "rallying"]
    assert conv.regular_forms("praise") == ["praise", "praises", "praised", "praising"]
    assert conv.regular_forms("push") == ["push", "pushes", "pushed", "pushing"]
    assert conv.plurals("party") == ["party", "parties"] and conv.plurals("pass") == ["pass", "passes"]


def test_parse_blocks_forms_patterns_and_synsets():
    synsets, verbs, patterns = conv.parse(SAMPLE)
    assert synsets["&vehicle"] == ["truck", "trucks", "ferry boat", "ferry boats"]
    assert synsets["&words"] == ["glass"]                       # a label ending in _: no plurals
    by_verb = {v["verb"]: v for v in verbs}
    assert by_verb["ship"]["forms"] == "ship|ships|shipped|shipping" and by_verb["ship"]["cameo"] == ""
    assert by_verb["freight"]["forms"] == "freight|freights|freighted|freighting"
    assert by_verb["send off"]["forms"] == "send off|sends off|sended off|sending off"
    assert by_verb["send off"]["cameo"] == "072" and by_verb["laud"]["cameo"] == "051"
    rows = {(p["before"], p["after"]): p["cameo"] for p in patterns}
    assert rows[("", "&vehicle to port")] == "073"
    assert rows[("", "grain")] == "071"                          # the later identical pattern wins
    assert rows[("troops", "")] == "154"                         # [a:b] gives a


def test_crosswalk_takes_the_longest_prefix(tmp_path):
    table = conv.load_crosswalk(ROOT / "greenland_lib" / "data" / "cameo_plover.csv")
    assert conv.crosswalk("1831", table)[0] == "ASSAULT"
    assert conv.crosswalk("051", table)[0] == "SUPPORT" and conv.crosswalk("057", table)[0] == "AGREE"
    assert conv.crosswalk("087", table)[0] == "RETREAT" and conv.crosswalk("081", table)[0] == "CONCEDE"
    assert conv.crosswalk("010", table)[0] == "" and conv.crosswalk("1641", table)[0] == "REJECT"


@pytest.mark.skipif(not (SHARED / "CAMEO.2.0.txt").is_file(), reason="../shared/dictionaries/petrarch2 is absent")
def test_committed_lexicon_is_what_the_converter_derives(tmp_path):
    data = ROOT / "greenland_lib" / "data"
    (tmp_path / "cameo_plover.csv").write_bytes((data / "cameo_plover.csv").read_bytes())
    counts = conv.convert(SHARED, tmp_path)
    assert counts["verbs"] > 1500 and counts["patterns"] > 4000
    for name in ("cameo_verbs.csv", "cameo_patterns.csv", "cameo_synsets.csv", "PETRARCH2_LICENSE.txt"):
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), name
    assert "MIT" in (data / "PETRARCH2_LICENSE.txt").read_text(encoding="utf-8")


def test_the_package_never_reads_shared():
    for path in (ROOT / "greenland_lib").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "petrarch2" not in text and "shared/dictionaries" not in text, path
