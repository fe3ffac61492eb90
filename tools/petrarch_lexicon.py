"""Derive the package's CAMEO event lexicon from PETRARCH2's verb dictionary (``CAMEO.2.0.txt``, MIT).

    python tools/petrarch_lexicon.py [--source ../shared/dictionaries/petrarch2] [--out greenland_lib/data]

Writes, under ``--out`` (the package never reads ``--source`` at run time):

- ``cameo_verbs.csv``: one row per verb of a verb block: its forms (``|``-joined, lower case, a
  multi-word verb as words separated by spaces), its own CAMEO code (else the block's; empty for
  CAMEO's null code ``---``) and the PLOVER category, mode and modality the crosswalk gives;
- ``cameo_patterns.csv``: one row per pattern of a block: the words that must come before the verb
  and after it (in order; ``&name`` is a synonym set), its CAMEO code and the crosswalk's reading;
  a later identical pattern of a block replaces an earlier one;
- ``cameo_synsets.csv``: the synonym sets' phrases (with the regular plurals PETRARCH generates);
- ``event_discards.csv``: the phrases of ``Phoenix.discards.txt`` that mark a sentence as no new event
  (sports, entertainment, "years ago" ...), story-level ones (``+``) read at the sentence level too;
  bare years are left out (old dates are the date rules' business);
- ``PETRARCH2_LICENSE.txt``: the MIT notice of the dictionaries.

Forms: a verb with ``{...}`` has exactly its base and the listed forms; else the regular ones (-s/-es/-ies,
-ed/-d/-ied, -ing with a final e dropped). The crosswalk (``cameo_plover.csv``, hand-written) maps a CAMEO
code by its longest listed prefix; its ``default`` column says whether a verb's own code counts
without a pattern (``no`` for statements, appeals, material cooperation, aid, investigation and
demands, whose bare verbs are mostly not events in news: "need", "help", "use").
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
OUT = ROOT / "greenland_lib" / "data"
CODE_RE = re.compile(r"\[([^\]]*)\]")
DROP_TOKENS = {"$", "+", "%", "^"}
VERB_FIELDS = ["block", "verb", "forms", "cameo", "plover", "mode", "modality", "default"]
PATTERN_FIELDS = ["block", "before", "after", "cameo", "plover", "mode", "modality", "pattern"]


def regular_forms(verb: str) -> list[str]:
    """The regular forms of an English verb: base, third person, past, present participle."""
    if re.search(r"(?:s|x|z|ch|sh)$", verb):
        third = verb + "es"
    elif re.search(r"[^aeiou]y$", verb):
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past = verb + "d"
    elif re.search(r"[^aeiou]y$", verb):
        past = verb[:-1] + "ied"
    else:
        past = verb + "ed"
    ing = verb[:-1] + "ing" if verb.endswith("e") and not verb.endswith("ee") else verb + "ing"
    return [verb, third, past, ing]


def plurals(phrase: str) -> list[str]:
    """A noun phrase and its regular plural (PETRARCH's rule: +S, Y -> IES, SS -> SSES)."""
    if phrase.endswith("ss"):
        return [phrase, phrase + "es"]
    if re.search(r"[^aeiou]y$", phrase):
        return [phrase, phrase[:-1] + "ies"]
    return [phrase, phrase + "s"]


def _words(token: str) -> str:
    return token.replace("_", " ").strip().lower()


def _phrase_forms(entry: str) -> list[str]:
    """Forms of a verb entry: ``WORD``, ``WORD {A B}``, ``+BEEF_UP``, ``WIRE_+TAP {WIRE_+TAPS ...}``."""
    head, _, rest = entry.partition("{")
    head = head.strip()
    listed = rest.partition("}")[0].split() if rest else None
    parts = head.split("_")
    verb_at = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    parts = [p.lstrip("+").lower() for p in parts]
    if listed is not None:
        forms = [" ".join(parts)] + [_words(f.replace("+", "")) for f in listed]
    else:
        forms = [" ".join(parts[:verb_at] + [form] + parts[verb_at + 1:]) for form in regular_forms(parts[verb_at])]
    return list(dict.fromkeys(f for f in forms if f))


def _code(text: str) -> str:
    """The CAMEO code of a ``[...]`` field ('' for the null code); ``[a:b]`` gives a."""
    code = text.split(":")[0].strip()
    return "" if not code or code.startswith("-") else code


def load_crosswalk(path: Path) -> list[tuple[str, dict]]:
    """The crosswalk rows, longest prefix first."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sorted(((r["cameo"], r) for r in rows), key=lambda t: -len(t[0]))


def crosswalk(code: str, table: list[tuple[str, dict]]) -> tuple[str, str, str, str]:
    """(PLOVER category, mode, modality, default) of a CAMEO code ('' for none)."""
    for prefix, row in table:
        if code.startswith(prefix):
            return row["plover"], row["mode"], row["modality"], row["default"]
    return "", "", "", ""


def _pattern_tokens(body: str) -> tuple[list[str], list[str]]:
    """Words before and after ``*`` of a pattern body (braces and parentheses dropped, synsets kept)."""
    tokens = [t for t in re.sub(r"[{}()]", " ", body).split() if t not in DROP_TOKENS]
    if "*" not in tokens:
        return [], []
    i = tokens.index("*")
    return [_words(t) for t in tokens[:i]], [_words(t) for t in tokens[i + 1:]]


def parse(text: str) -> tuple[dict, list[dict], list[dict]]:
    """(synsets, verbs, patterns) of a PETRARCH verb dictionary."""
    synsets: dict[str, list[str]] = {}
    verbs: list[dict] = []
    patterns: dict[tuple, dict] = {}
    in_patterns, synset, block, block_code = False, None, None, ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not line.strip():
            continue
        if not in_patterns:
            if line.startswith("&"):
                synset = line.strip()
                synsets[synset.rstrip("_").lower()] = []
            elif line.startswith("+") and synset:
                phrase = line[1:].strip()
                forms = [_words(phrase)] if phrase.endswith("_") or synset.endswith("_") else plurals(_words(phrase))
                synsets[synset.rstrip("_").lower()].extend(forms)
            continue
        if line.startswith("---"):
            name = line.strip("- ").strip()
            block = CODE_RE.sub("", name).strip()
            found = CODE_RE.search(line)
            block_code = _code(found.group(1)) if found else ""
        elif line.startswith("- ") and block:
            found = CODE_RE.search(line)
            before, after = _pattern_tokens(CODE_RE.sub("", line[2:]) if found else line[2:])
            code = _code(found.group(1)) if found else block_code
            key = (block, tuple(before), tuple(after))
            patterns.pop(key, None)   # a later identical pattern replaces an earlier one
            patterns[key] = {"block": block, "before": " ".join(before), "after": " ".join(after), "cameo": code,
                             "pattern": " ".join(line[2:].split())}
        elif line.startswith("~") or block is None:
            continue
        else:
            found = CODE_RE.search(line)
            entry = CODE_RE.sub("", line).strip()
            verbs.append({"block": block, "verb": _words(entry.split("{")[0].replace("+", "")),
                          "forms": "|".join(_phrase_forms(entry)),
                          "cameo": _code(found.group(1)) if found else block_code})
    return synsets, verbs, list(patterns.values())


def parse_discards(text: str) -> list[dict]:
    """The discard phrases (lower case, distinct, file order) with their level: story (``+``) or sentence."""
    out: dict[str, dict] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        story = line.startswith("+")
        phrase = " ".join(line.lstrip("+").replace("_", " ").split()).lower()
        if phrase and not re.fullmatch(r"\d{4}", phrase) and phrase not in out:
            out[phrase] = {"phrase": phrase, "level": "story" if story else "sentence"}
    return list(out.values())


def _with_crosswalk(rows: list[dict], table) -> list[dict]:
    for row in rows:
        row["plover"], row["mode"], row["modality"], row["default"] = \
            crosswalk(row["cameo"], table) if row["cameo"] else ("", "", "", "")
    return rows


def _write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def convert(source: Path, out: Path, crosswalk_file: Path | None = None) -> dict[str, int]:
    """Write the derived files from ``source`` into ``out``; return row counts."""
    table = load_crosswalk(crosswalk_file or out / "cameo_plover.csv")
    synsets, verbs, patterns = parse((source / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace"))
    _write(out / "cameo_verbs.csv", VERB_FIELDS, _with_crosswalk(verbs, table))
    _write(out / "cameo_patterns.csv", PATTERN_FIELDS, _with_crosswalk(patterns, table))
    _write(out / "cameo_synsets.csv", ["synset", "phrase"],
           [{"synset": name, "phrase": p} for name, phrases in synsets.items() for p in dict.fromkeys(phrases)])
    discards = parse_discards((source / "Phoenix.discards.txt").read_text(encoding="utf-8", errors="replace"))
    _write(out / "event_discards.csv", ["phrase", "level"], discards)
    notice = (source / "LICENSE").read_text(encoding="utf-8")
    (out / "PETRARCH2_LICENSE.txt").write_text(
        "cameo_verbs.csv, cameo_patterns.csv, cameo_synsets.csv and event_discards.csv are derived by\n"
        "tools/petrarch_lexicon.py from CAMEO.2.0.txt and Phoenix.discards.txt of the PETRARCH2 dictionaries\n"
        "(openeventdata/petrarch2), under this licence:\n\n" + notice,
        encoding="utf-8")
    return {"verbs": len(verbs), "patterns": len(patterns), "synsets": len(synsets), "discards": len(discards)}


def main(argv=None) -> int:
    """Command line: convert and print the row counts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    print(convert(args.source, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
