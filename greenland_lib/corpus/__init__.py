"""Layer 1, the corpus: reading article files, decoding, paragraphs, sentences and problems."""
from .loading import PROBLEM_COLUMNS, Corpus, CorpusBuilder, CorpusError, ParsedArticle, load_corpus, parse_text

__all__ = ["PROBLEM_COLUMNS", "Corpus", "CorpusBuilder", "CorpusError", "ParsedArticle", "load_corpus", "parse_text"]
