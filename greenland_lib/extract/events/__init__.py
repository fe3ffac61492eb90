"""Event coding: who did what to whom, when, and how sure the text is (PLOVER categories).

The stages, each a module with its rules in its docstring: ``rules`` (the lexicon and cue lists
loaded from data), ``clauses`` (a sentence cut into clauses and the cues that can be events, from
its text alone), ``sources`` (actor groups, an event's source and target), ``voice`` (a passive's
by-agent, a place as target), ``coding`` (dates, one
sentence and the article-by-article pipeline step) and ``issues`` (what an event or quote is
about, for the stances). The corpus-wide tables (event groups, stances, outcome) are in
``greenland_lib.analysis``.
"""
from .coding import Context, code_events, code_sentence, events_extractor
from .issues import IssueMatch, ScopeReading, issue_matches, load_issues
from .rules import COLUMNS, DAY_RE, MODALITY_RANK, Rules, load_rules

__all__ = ["COLUMNS", "DAY_RE", "MODALITY_RANK", "Context", "IssueMatch", "Rules", "ScopeReading", "code_events",
           "code_sentence", "events_extractor", "issue_matches", "load_issues", "load_rules"]
