"""greenland-crisis: a source-cited analysis of news articles about the January 2026 Greenland crisis."""
from .corpus import Corpus, CorpusError, load_corpus, parse_text

__version__ = "0.1.0"
__all__ = ["Corpus", "CorpusError", "load_corpus", "parse_text", "__version__"]
