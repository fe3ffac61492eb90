"""Import news web pages into a folder of articles: ``greenland import SOURCE... [--into FOLDER]``.

One module per concern: ``fetching`` (HTTP and saved files, within limits), ``extraction`` (main text,
headline and metadata with trafilatura; the publication date and its basis), ``identity`` (URL and
text keys for duplicates, file names), ``provenance`` (the ``sources.csv`` row and ``SHA256SUMS``),
``writing`` (all or nothing into the folder) and ``importer`` (one outcome per page). Their module
docstrings state the rules.
"""
from .fetching import FetchError, Limits
from .importer import MIN_WORDS, STATUSES, Outcome, import_sources
from .provenance import SOURCE_COLUMNS

__all__ = ["FetchError", "Limits", "MIN_WORDS", "Outcome", "SOURCE_COLUMNS", "STATUSES", "import_sources"]
