"""Actor mentions: a gazetteer lookup with context rules, title merging and discovery of new persons.

How a mention is found, in order (every word list is a data file in ``greenland_lib/data/``):

1. **Gazetteer.** Every alias in ``actor_aliases.csv`` (literal or regular expression, case-sensitive or
   not, accents optional) is matched inside the article's sentences (the header line and the dateline
   are not sentences, so they are never searched). Overlapping matches keep the longest.
2. **Discovery.** A capitalised name of two or more words that is not in the gazetteer is taken as a
   person when its context says so: after a reporting verb ("said 35-year-old theology student Nuunu
   Binzer"), before an age ("Mininnguaq Fontain, 19,"), after a person noun or an office title
   ("student X", "Prime Minister X"), before a reporting verb ("X said"), or after "according to". It
   gets a provisional id ``new:<slug>`` and ``how = discovered``; every later use of the full name in the
   corpus is found too.
3. **Titles.** A person's name directly preceded by an office title (``titles.txt``), optionally
   qualified by a country, nationality or organisation ("United States President Donald Trump", "NATO
   chief Mark Rutte", "spokesperson Mao Ning") is one mention spanning title and name, with ``how = name``.
   A title alias directly followed by another person's name, or preceded by "former", is dropped.
4. **Surnames** resolve to the person whose full name came last before them in the article; failing
   that, to the gazetteer's only holder of that surname, unless the alias is flagged ``antecedent``
   (a common surname such as Nielsen or Rasmussen), in which case the bare surname is kept as a
   discovered person rather than guessed.
5. **Place or actor.** A name that can denote a place (states, territories, capitals used as
   metonyms) is an actor mention unless it is used as a location (``place_context.csv``): right after a
   locative preposition ("in Brussels", "on Greenland", "around Greenland", "at the White House"),
   except when a target noun comes before the preposition ("an attack on Greenland"); after "to" only
   when a motion word precedes ("travel to Greenland"); after "of" only when a location noun precedes
   ("the streets of Nuuk"); before "'s" plus a location noun ("Greenland's capital"); and a second
   conjunct inherits the first one's reading ("in Greenland and Denmark"). Everything else, including
   subjects and objects ("Greenland has rejected", "seize Greenland", "support for Copenhagen"), is an
   actor: the territory or government acting or being acted upon.
6. **Possessive government.** "his government" / "her government" is the government of the country of
   the person named last before it.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .paths import data_file

ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "code", "role", "wikidata", "origin"]
GAZETTEER_COLUMNS = ACTOR_COLUMNS[:-1]
ALIAS_COLUMNS = ["actor_id", "alias", "how", "case", "pattern", "antecedent", "place"]
MENTION_COLUMNS = ["article_id", "para", "sent", "start", "end", "text", "actor_id", "how"]
HOWS = ("name", "surname", "title", "metonym", "alias", "discovered")
KINDS = ("person", "state", "government", "organisation", "territory", "group", "media")
PLACE_KINDS = ("state", "territory")
DISCOVERED_PREFIX = "new:"
# Overlapping matches of equal length: the more specific reading wins.
HOW_PRIORITY = {"name": 0, "title": 1, "alias": 2, "metonym": 3, "surname": 4, "discovered": 5}

WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
NAME_TOKEN = rf"[{UPPER}][{LOWER}]+(?:['’][{UPPER}][{LOWER}]+)?(?:-[{UPPER}]?[{LOWER}]+)*"
NAME_LINK = r"(?:[A-Z]\.|van|von|der|den|de|da|di|du|le|la|bin|al)"
NAME_RE = rf"{NAME_TOKEN}(?:\s+{NAME_LINK})*(?:\s+{NAME_TOKEN}(?:\s+{NAME_LINK})*)*\s+{NAME_TOKEN}"


# --------------------------------------------------------------------------- data files

def _word_list(name: str) -> list[str]:
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#")]


def _alternation(words, flags: str = "") -> str:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=None)
def load_gazetteer() -> pd.DataFrame:
    """Return the actor gazetteer (``data/actors.csv``): one row per actor."""
    table = pd.read_csv(data_file("actors.csv"), dtype=str, keep_default_na=False)
    return table[GAZETTEER_COLUMNS]


@lru_cache(maxsize=None)
def load_aliases() -> pd.DataFrame:
    """Return the alias table (``data/actor_aliases.csv``): how each actor is named in text."""
    table = pd.read_csv(data_file("actor_aliases.csv"), dtype=str, keep_default_na=False)
    return table[ALIAS_COLUMNS]


@lru_cache(maxsize=None)
def reporting_verbs() -> tuple[str, ...]:
    """Return the reporting verbs (``data/reporting_verbs.txt``), lower case."""
    return tuple(w.lower() for w in _word_list("reporting_verbs.txt"))


@lru_cache(maxsize=None)
def place_context() -> dict[str, frozenset[str]]:
    """Return the place-versus-actor context words by rule (``data/place_context.csv``)."""
    table = pd.read_csv(data_file("place_context.csv"), dtype=str, keep_default_na=False)
    return {rule: frozenset(group["word"].str.lower()) for rule, group in table.groupby("rule")}


def fold_accents(text: str) -> str:
    """Return text without combining accents ("Múte" -> "Mute"); other letters are kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(name: str) -> str:
    """Return a lower-case ASCII slug of a name ("Nuunu Binzer" -> "nuunu-binzer")."""
    folded = fold_accents(name).replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("å", "a")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def _literal_regex(alias: str) -> str:
    out = []
    for ch in alias:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class Alias:
    """One compiled alias of the gazetteer."""

    actor_id: str
    alias: str
    how: str
    regex: re.Pattern
    antecedent: bool
    place: bool


@lru_cache(maxsize=None)
def compiled_aliases() -> tuple[Alias, ...]:
    """Compile every alias (plus its accent-free spelling) into a bounded regular expression."""
    kinds = dict(zip(load_gazetteer()["actor_id"], load_gazetteer()["kind"]))
    out = []
    for row in load_aliases().itertuples(index=False):
        flags = re.IGNORECASE if row.case == "insensitive" else 0
        if row.place in ("yes", "no"):
            place = row.place == "yes"
        else:
            place = row.how == "metonym" or (kinds.get(row.actor_id) in PLACE_KINDS and row.how in ("name", "alias"))
        if row.pattern == "regex":
            bodies = [row.alias]
        else:
            bodies = [_literal_regex(row.alias)]
            folded = fold_accents(row.alias)
            if folded != row.alias:
                bodies.append(_literal_regex(folded))
        for body in bodies:
            regex = re.compile(rf"(?<![\w]){body}(?![\w])", flags)
            out.append(Alias(row.actor_id, row.alias, row.how, regex, row.antecedent == "yes", place))
    return tuple(out)


@lru_cache(maxsize=None)
def _title_regex() -> re.Pattern:
    """A title phrase ending right before a name: up to two qualifiers, then one or two titles."""
    gaz = load_gazetteer()
    kinds = dict(zip(gaz["actor_id"], gaz["kind"]))
    qualifiers = set(_word_list("nationalities.txt"))
    for a in load_aliases().itertuples(index=False):
        if a.pattern == "literal" and a.how == "name" and kinds.get(a.actor_id) in ("state", "territory", "organisation", "government"):
            qualifiers.add(a.alias)
    qual = _alternation(qualifiers)
    title = _alternation(_word_list("titles.txt"), "i")
    return re.compile(rf"(?<![\w.])(?:{qual}\s+){{0,2}}{title}(?:\s+{title})?\s+\Z")


@lru_cache(maxsize=None)
def _discovery_regexes() -> list[tuple[str, re.Pattern]]:
    verbs = _alternation(reporting_verbs(), "i")
    cues = _alternation(_word_list("person_cues.txt") + _word_list("titles.txt"), "i")
    nat = _alternation(_word_list("nationalities.txt"))
    descr = rf"(?:(?:[a-z0-9][\w'’-]*|{nat})\s+)"
    name = rf"(?P<name>{NAME_RE})"
    return [
        ("after_verb", re.compile(rf"(?<![\w]){verbs}\s+(?P<descr>{descr}{{0,5}}){name}(?![\w])")),
        ("age", re.compile(rf"(?<![\w]){name},\s+\d{{1,3}},(?P<descr>\s+(?:also\s+)?(?:an?|the)\s+[a-z][a-z -]{{0,40}}?(?=,))?")),
        ("cue", re.compile(rf"(?<![\w]){cues}\s+{name}(?![\w])")),
        ("before_verb", re.compile(rf"(?<![\w]){name}\s+(?:(?:also|later|then|previously|reportedly|on\s+\w+)\s+)?{verbs}(?![\w])")),
        ("according_to", re.compile(rf"(?<![\w])(?i:according\s+to)\s+{descr}{{0,4}}{name}(?![\w])")),
    ]


@lru_cache(maxsize=None)
def _person_cues() -> frozenset[str]:
    return frozenset(w.lower() for w in _word_list("person_cues.txt"))


@lru_cache(maxsize=None)
def _name_stopwords() -> frozenset[str]:
    return frozenset(_word_list("name_stopwords.txt") + _word_list("nationalities.txt")
                     + [w for t in _word_list("titles.txt") for w in t.split()])


# --------------------------------------------------------------------------- mention finding

@dataclass
class _Cand:
    start: int
    end: int
    actor_id: str
    how: str
    alias: Alias | None = None
    surname: str = ""  # for surname candidates: the surname as matched (accent-folded)
    extra: dict = field(default_factory=dict)


def _overlaps(a: _Cand, b: _Cand) -> bool:
    return a.start < b.end and b.start < a.end


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest of overlapping candidates (ties: the more specific reading, then leftmost)."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), HOW_PRIORITY[c.how], c.start)):
        if not any(_overlaps(c, k) for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _words_before(text: str, pos: int, n: int = 4) -> list[str]:
    window = text[max(0, pos - 80):pos]
    return [w.lower() for w in WORD_RE.findall(window)][-n:]


def _is_place_use(text: str, c: _Cand, previous: _Cand | None) -> bool:
    ctx = place_context()
    after = text[c.end:c.end + 40]
    poss = re.match(r"['’]s\s+([\w-]+)", after)
    if poss and poss.group(1).lower() in ctx["location_noun"]:
        return True
    between = text[max(0, c.start - 80):c.start]
    if re.search(r"(?:\band|\bor|,)\s*$", between) and previous is not None and previous.extra.get("placeable"):
        gap = text[previous.end:c.start]
        if re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s*", gap):
            return bool(previous.extra.get("place_use"))
    words = _words_before(text, c.start, 6)
    while words and (words[-1] in ("the", "a", "an") or words[-1] in ctx["location_adjective"]):
        words.pop()
    if not words:
        return False
    prep = words[-1]
    if prep == "to":
        return any(w in ctx["motion"] for w in words[-4:-1])
    if prep == "of":
        return len(words) > 1 and words[-2] in ctx["location_noun"]
    if prep in ctx["locative"]:
        return not (len(words) > 1 and words[-2] in ctx["target"])
    return False


def _sentence_spans(corpus, article_id: str) -> list[tuple[int, int, int, int]]:
    s = corpus.sentences[corpus.sentences["article_id"] == article_id]
    return list(zip(s["start"], s["end"], s["para"], s["sent"]))


def _inside(spans, start: int, end: int):
    starts = [s[0] for s in spans]
    i = bisect_right(starts, start) - 1
    if i >= 0 and spans[i][0] <= start and end <= spans[i][1]:
        return spans[i]
    return None


def _gazetteer_candidates(text: str, spans) -> list[_Cand]:
    cands = []
    for alias in compiled_aliases():
        for m in alias.regex.finditer(text):
            if m.end() > m.start() and _inside(spans, m.start(), m.end()):
                cands.append(_Cand(m.start(), m.end(), alias.actor_id, alias.how, alias,
                                   surname=fold_accents(m.group(0)) if alias.how == "surname" else ""))
    return cands


def _clean_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip leading stop words (titles, nationalities, openers) from a captured name; None if too short."""
    stop = _name_stopwords()
    cues = _person_cues()
    tokens = [(m.start() + start, m.end() + start, m.group(0)) for m in re.finditer(r"\S+", text[start:end])]
    while tokens and (tokens[0][2] in stop or tokens[0][2].rstrip(".") in stop or tokens[0][2].lower() in cues):
        tokens.pop(0)
    caps = [t for t in tokens if re.match(NAME_TOKEN, t[2])]
    if len(caps) < 2 or any(t[2] in stop for t in tokens):
        return None
    if re.search(r"['’]s$", tokens[-1][2]):
        return None
    return tokens[0][0], tokens[-1][1]


@dataclass
class Discovered:
    """A person named in the corpus but absent from the gazetteer."""

    actor_id: str
    name: str
    role: str
    article_id: str
    start: int
    end: int
    context: str


def _descriptor_role(descr: str | None) -> str:
    if not descr:
        return ""
    words = [w for w in re.findall(r"[\w'’-]+", descr) if not re.fullmatch(r"\d+(?:-year-old)?|also|an?|the", w)]
    return " ".join(words)


def _discover(corpus, selected: dict[str, list[_Cand]]) -> dict[str, Discovered]:
    """Find persons named in a person context who are not in the gazetteer; {actor_id: Discovered}."""
    found: dict[str, Discovered] = {}
    for article_id in corpus.articles["article_id"]:
        text = corpus.text(article_id)
        spans = _sentence_spans(corpus, article_id)
        for s_start, s_end, _, _ in spans:
            for rule, regex in _discovery_regexes():
                for m in regex.finditer(text, s_start, s_end):
                    span = _clean_name(text, m.start("name"), m.end("name"))
                    if span is None:
                        continue
                    probe = _Cand(span[0], span[1], "", "discovered")
                    # a gazetteer surname inside the name gives way only to a longer name ("Anders Fogh
                    # Rasmussen"), never to itself ("Løkke Rasmussen")
                    if any(_overlaps(probe, c) and (c.how != "surname" or c.start <= probe.start)
                           for c in selected[article_id]):
                        continue
                    name = re.sub(r"\s+", " ", text[span[0]:span[1]])
                    actor_id = DISCOVERED_PREFIX + slug(name)
                    if actor_id in found:
                        continue
                    descr = m.groupdict().get("descr")
                    found[actor_id] = Discovered(actor_id, name, _descriptor_role(descr), article_id,
                                                 span[0], span[1], text[s_start:s_end])
    # a name that ends another discovered name is that person's surname ("Fogh Rasmussen")
    names = {d.name for d in found.values()}
    return {k: d for k, d in found.items() if not any(n != d.name and n.endswith(" " + d.name) for n in names)}


def _suffixes(name: str) -> list[str]:
    """Proper token suffixes of a name, longest first ("Anders Fogh Rasmussen" -> "Fogh Rasmussen", "Rasmussen")."""
    tokens = name.split()
    out = [" ".join(tokens[i:]) for i in range(1, len(tokens))]
    return [x for x in out if re.match(NAME_TOKEN, x)]


def _merge_titles(text: str, cands: list[_Cand], kinds: dict[str, str]) -> list[_Cand]:
    """Extend person names over a preceding office title; drop titles that belong to someone else."""
    title_re = _title_regex()
    out = list(cands)
    for c in [c for c in cands if kinds.get(c.actor_id) == "person" and c.how in ("name", "discovered", "surname")]:
        own = [o for o in out if o.how == "title" and o.actor_id == c.actor_id and o.end <= c.start
               and not text[o.end:c.start].strip()]
        if own:
            out.remove(own[-1])
            c.start = own[-1].start
        window = text[max(0, c.start - 80):c.start]
        m = title_re.search(window)
        if not m:
            continue
        new_start = c.start - (len(window) - m.start())
        absorbed = [o for o in out if o is not c and o.end <= c.start and o.start >= new_start]
        if any(o.start < new_start < o.end for o in out):
            continue
        for o in absorbed:
            out.remove(o)
        c.start = new_start
        if c.how == "surname":
            c.extra["titled"] = True
    kept = []
    for c in out:
        if c.how == "title":
            follow = re.match(r"\s+(\S+)", text[c.end:c.end + 40])
            nxt = next((o for o in out if o.start > c.end and o.start <= c.end + 2), None)
            if re.search(r"\b(?:former|ex-|late|then)\s*$", text[max(0, c.start - 12):c.start], re.I):
                continue
            if follow and re.match(NAME_TOKEN, follow.group(1)) and (nxt is None or nxt.actor_id != c.actor_id):
                if follow.group(1) not in _name_stopwords():
                    continue
        kept.append(c)
    return kept


def _analyse(corpus) -> tuple[pd.DataFrame, dict[str, Discovered]]:
    gaz = load_gazetteer()
    kinds = dict(zip(gaz["actor_id"], gaz["kind"]))
    countries = dict(zip(gaz["actor_id"], gaz["country"]))
    governments: dict[str, str] = {}
    for row in gaz.itertuples(index=False):
        if row.kind == "government" and row.country and row.code == f"{row.country}GOV":
            governments.setdefault(row.country, row.actor_id)
    selected: dict[str, list[_Cand]] = {}
    for article_id in corpus.articles["article_id"]:
        text = corpus.text(article_id)
        selected[article_id] = _select(_gazetteer_candidates(text, _sentence_spans(corpus, article_id)))
    discovered = _discover(corpus, selected)
    name_res = {d.actor_id: re.compile(rf"(?<![\w]){_literal_regex(d.name)}(?![\w])") for d in discovered.values()}
    rows = []
    for article_id in corpus.articles["article_id"]:
        text = corpus.text(article_id)
        spans = _sentence_spans(corpus, article_id)
        cands = selected[article_id]
        # full names of discovered persons, wherever they occur (a bare surname inside one gives way)
        extra = []
        for actor_id, regex in name_res.items():
            for m in regex.finditer(text):
                probe = _Cand(m.start(), m.end(), actor_id, "discovered")
                if not _inside(spans, m.start(), m.end()) or any(_overlaps(probe, c) for c in extra):
                    continue
                if any(_overlaps(probe, c) for c in cands if c.how != "surname"):
                    continue
                cands = [c for c in cands if not _overlaps(probe, c)]
                extra.append(probe)
        # surnames of discovered persons after their first full mention (longest suffix first); a
        # gazetteer surname strictly inside one gives way ("Fogh Rasmussen" over "Rasmussen")
        for d in discovered.values():
            firsts = [c.start for c in extra if c.actor_id == d.actor_id]
            if not firsts:
                continue
            for last in _suffixes(d.name):
                for m in re.finditer(rf"(?<![\w]){_literal_regex(last)}(?![\w])", text):
                    probe = _Cand(m.start(), m.end(), d.actor_id, "surname", surname=fold_accents(last))
                    if m.start() <= min(firsts) or not _inside(spans, m.start(), m.end()) \
                            or any(_overlaps(probe, c) for c in extra):
                        continue
                    if any(_overlaps(probe, c) and not (c.how == "surname" and probe.start < c.start)
                           for c in cands):
                        continue
                    cands = [c for c in cands if not _overlaps(probe, c)]
                    extra.append(probe)
        for c in extra:
            kinds.setdefault(c.actor_id, "person")
        cands = sorted(cands + extra, key=lambda c: c.start)
        cands = _merge_titles(text, cands, kinds)
        resolved: list[_Cand] = []
        previous_placeable: _Cand | None = None
        for c in cands:
            if c.how == "surname" and not c.actor_id.startswith(DISCOVERED_PREFIX):
                if _after_given_name(text, c) and not c.extra.get("titled"):
                    continue  # part of another person's full name, found by discovery if in context
                owners = {o.actor_id for o in resolved if o.how in ("name", "discovered")
                          and kinds.get(o.actor_id) == "person" and _has_surname(o, c.surname, text)}
                earlier = [o for o in resolved if o.actor_id in owners]
                if earlier:
                    c.actor_id = earlier[-1].actor_id
                elif c.alias is not None and c.alias.antecedent:
                    c.actor_id, c.how = DISCOVERED_PREFIX + slug(text[c.start:c.end]), "discovered"
                    kinds.setdefault(c.actor_id, "person")
            if c.alias is not None and c.alias.place:
                c.extra["placeable"] = True
                c.extra["place_use"] = _is_place_use(text, c, previous_placeable)
                previous_placeable = c
                if c.extra["place_use"]:
                    continue
            resolved.append(c)
        # "his government" / "her government": the government of the country of the last person named
        for m in re.finditer(r"(?<![\w])(?i:his|her)\s+government(?![\w])", text):
            probe = _Cand(m.start(), m.end(), "", "alias")
            if not _inside(spans, m.start(), m.end()) or any(_overlaps(probe, c) for c in resolved):
                continue
            persons = [c for c in resolved if c.end <= m.start() and kinds.get(c.actor_id) == "person"]
            country = countries.get(persons[-1].actor_id, "") if persons else ""
            if country in governments:
                probe.actor_id = governments[country]
                resolved.append(probe)
        for c in sorted(resolved, key=lambda c: c.start):
            span = _inside(spans, c.start, c.end)
            if span is None:
                continue
            rows.append({"article_id": article_id, "para": span[2], "sent": span[3], "start": c.start,
                         "end": c.end, "text": text[c.start:c.end], "actor_id": c.actor_id, "how": c.how})
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for col in ("para", "sent", "start", "end"):
        mentions[col] = mentions[col].astype("int64")
    # bare surnames kept as provisional persons are discovered actors too
    for row in mentions[(mentions["how"] == "discovered") & ~mentions["actor_id"].isin(list(discovered))].itertuples():
        discovered.setdefault(row.actor_id, Discovered(row.actor_id, row.text, "", row.article_id,
                                                       row.start, row.end, ""))
    return mentions, discovered


def _after_given_name(text: str, c: _Cand) -> bool:
    """True when a surname follows a capitalised word that is not a title or a sentence opener."""
    m = re.search(rf"(?:^|(?<=\s))([{UPPER}][\w'’-]*)\s+$", text[max(0, c.start - 40):c.start])
    if not m or m.group(1) in _name_stopwords() or re.search(r"['’]s$", m.group(1)):
        return False
    before = text[max(0, c.start - 40):c.start][:m.start(1)].rstrip()
    return bool(before) and (before[-1].isalpha() or before[-1] in ",;")


def _has_surname(mention: _Cand, surname: str, text: str) -> bool:
    if not surname:
        return False
    full = fold_accents(text[mention.start:mention.end])
    return re.search(rf"(?<![\w]){re.escape(surname)}$", full) is not None or any(
        a.actor_id == mention.actor_id and a.how == "surname" and fold_accents(a.alias) == surname
        for a in compiled_aliases())


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
    mentions, discovered = _analyse(corpus)
    return {"actors": actor_table(discovered), "mentions": mentions}
