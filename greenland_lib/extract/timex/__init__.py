"""Find temporal expressions in articles and normalise them to TIMEX3 values.

Every expression is found inside one sentence of ``corpus.sentences`` and resolved against the
article's publication date (the document creation time, DCT), or against the expression it is
relative to ("26 years later" -> the year mentioned just before). Values follow TimeML's TIMEX3:
``1951``, ``2026-01``, ``2026-01-12``, ``2026-W02``, ``2026-W02-WE``, ``2026-01-12TNI``, ``PXY``,
``P2W``, ``PRESENT_REF``. Word lists, relative phrases, tense cues and the guards that keep
quantities from being read as years are data files in ``greenland_lib/data/timex_*.csv``.

Span conventions (TimeML): a leading preposition is not part of the expression ("on Monday" ->
``Monday``, "for years" -> ``years``, "in recent weeks" -> ``recent weeks``); modifiers and
determiners that change the meaning are (``last week``, ``earlier this month``, ``the past two weeks``,
``26 years later``, ``a year ago``). Ages ("35-year-old") are not temporal expressions.

The stages, one module each: ``lexicon`` (data files -> patterns and trigger words), ``scanning``
(trigger windows -> candidate matches, overlaps settled), ``tense`` (clause and tense cues),
``rules`` (one resolution function per kind of expression), ``calendar`` (TIMEX3 values and date
arithmetic with ``dateutil.relativedelta``) and ``article`` (the per-article and corpus path).
"""
from .article import COLUMNS, find_timexes, find_with_problems, tag_article, tag_sentences, timexes_extractor
from .calendar import format_value, nearest_year, resolve_weekday, shift, value_to_date, week_value
from .lexicon import Lexicon, load_lexicon
from .rules import RULES, ArticleResolver
from .scanning import Candidate, candidates, trigger_windows
from .tense import clause_bounds, clause_is_future, clause_tense

__all__ = ["COLUMNS", "RULES", "ArticleResolver", "Candidate", "Lexicon", "candidates", "clause_bounds",
           "clause_is_future", "clause_tense", "find_timexes", "find_with_problems", "format_value",
           "load_lexicon", "nearest_year", "resolve_weekday", "shift", "tag_article", "tag_sentences",
           "timexes_extractor", "trigger_windows", "value_to_date", "week_value"]
