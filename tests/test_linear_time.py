"""Linear time in article size (issue 16): a 2 MB adversarial article of each kind is extracted within
a stated time, and doubling its size from 1 MB to 2 MB at most about doubles the time.

Times are CPU seconds of this process (the machine is shared, so wall time says little). Limits:
MAX_SECONDS_2MB for the whole extraction of one 2 MB article, MAX_RATIO for 2 MB against 1 MB
(linear cost gives 2, quadratic 4).
"""
from __future__ import annotations

import datetime as dt
import time

import pytest

from greenland_lib import Corpus
from greenland_lib.pipeline import extract

MB = 1_000_000
MAX_SECONDS_2MB = 60.0
MAX_RATIO = 3.0


def _repeat(unit: str, size: int) -> str:
    return unit * (size // len(unit)) + "\n"


ADVERSARIAL = {
    # runs of sentence marks without a sentence after them
    "runs_of_dots": lambda size: _repeat("Talks" + "." * 20_000 + "x ", size),
    # many quotations in one paragraph
    "quotations_in_one_paragraph": lambda size: _repeat('"We agree," she said, ', size),
    # a block tag opened and never closed, over and over
    "unclosed_p_tags": lambda size: _repeat("<p ", size),
    # many event cues, each sentence with a quotation, in one paragraph
    "event_cues_with_quotations": lambda size: _repeat(
        'Denmark met the United States on Monday and agreed to talks. "We will negotiate," the Danish '
        'minister said. ', size),
}


def _seconds(text: str) -> float:
    start = time.process_time()
    corpus = Corpus.from_texts({"x": text}, published={"x": dt.date(2026, 1, 12)})
    tables = extract(corpus, progress=False)
    assert len(tables["sentences"]) >= 1
    return time.process_time() - start


@pytest.mark.parametrize("kind", sorted(ADVERSARIAL))
def test_a_2_mb_adversarial_article_takes_linear_time(kind):
    make = ADVERSARIAL[kind]
    one, two = _seconds(make(MB)), _seconds(make(2 * MB))
    assert two <= MAX_SECONDS_2MB, f"{kind}: 2 MB took {two:.1f} s"
    assert two <= MAX_RATIO * max(one, 0.5), f"{kind}: 1 MB {one:.1f} s, 2 MB {two:.1f} s (not linear)"
