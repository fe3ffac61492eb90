"""The one place for plot styling. Nothing changes on import; use ``with figure_style():``."""
from __future__ import annotations

from contextlib import contextmanager

from ..sides import side_colours

# Colour per side of the crisis (data/sides.csv), used by every figure that colours by actor or country.
SIDE_COLOURS = side_colours()
# Colour per kind of event or statement (used by the timeline and the outcome arc).
CATEGORY_COLOURS = {
    "conflict": "#d6604d",
    "cooperation": "#4393c3",
    "neutral": "#969696",
}

RC = {
    "figure.figsize": (9.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "svg.hashsalt": "greenland-crisis",
    # labels quote article text: a "$" is a dollar sign, never the start of TeX (invalid TeX made a figure vanish)
    "text.parse_math": False,
}


@contextmanager
def figure_style():
    """Apply the project's matplotlib style inside a ``with`` block only."""
    import matplotlib.pyplot as plt

    with plt.rc_context(RC):
        yield
