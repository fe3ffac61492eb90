"""The one speed and memory measure of the extraction run, with the figures that keep it.

A measure stays only where ``make bench`` (10,000 generated articles, ``--jobs 2``) would miss a
stated target without it (>= 300 articles/s; < 500 MB peak). Figures from ``benchmarks/scale.py
--sizes 10000 --jobs 2 --repeat 1``, variants run back to back on the shared 2-core machine (load
average 3 to 5, so absolute rates are about a third of an idle machine's; compare within a pair):

- pausing the cyclic garbage collector in the map and ``malloc_trim`` (through ctypes) after stacking
  tables: with both 154 articles/s and 352 MB, without both 127 articles/s and 435 MB (load 4.7).
  Scaled to the idle machine's 565 articles/s, about 470 articles/s without them: both targets are
  met without them, so both were removed.
- ``share_strings`` (below): kept; see its docstring.
"""
from __future__ import annotations

from operator import is_not

import pandas as pd


def share_strings(tables: dict[str, pd.DataFrame]) -> None:
    """Make equal strings in the text columns of some tables one object (fewer objects to pickle and hold).

    A chunk's tables repeat the same sentence, name and id strings many times; a worker sends its
    tables to the main process by pickling them, which writes a shared object once. Without it
    (and without the two measures removed) the peak was 514 MB, over the 500 MB target; with it 435 MB
    (load 4.7-4.9).
    """
    pool: dict[str, str] = {}
    for table in tables.values():
        for col in table.columns:
            column = table[col]
            if column.dtype == "str" and len(column):
                values = column.tolist()
                # a missing value (NaN) is kept as it is: NaN != NaN, so setdefault never replaces it
                shared = list(map(pool.setdefault, values, values))
                if any(map(is_not, shared, values)):   # many columns hold shared objects already
                    table[col] = pd.Series(shared, index=table.index, dtype=column.dtype)
