"""The sides of the crisis: one home, ``data/sides.csv``.

Rules: an actor is on the side of the first row whose ``cameo_prefixes`` (``|``-separated) begins
its CAMEO-style code (NATO, EU); else on the side of its ISO country, except a media outlet, which
is on no side. Figures colour a side by its row's ``colour``; a side without a row of its own (any
other country) takes the colour of the ``other`` row.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .paths import data_file

OTHER = "other"


@lru_cache(maxsize=1)
def load_sides() -> pd.DataFrame:
    """The sides table (``data/sides.csv``), in file order."""
    return pd.read_csv(data_file("sides.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _prefixes() -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple((tuple(p for p in row.cameo_prefixes.split("|") if p), row.code)
                 for row in load_sides().itertuples() if row.cameo_prefixes)


def side_of(code: str, country: str, kind: str = "") -> str:
    """The side of an actor from its CAMEO-style code, ISO country and kind ("" for none)."""
    code = str(code or "")
    for prefixes, side in _prefixes():
        if code.startswith(prefixes):
            return side
    if kind == "media":
        return ""
    country = str(country or "")
    return "" if country.lower() == "nan" else country


def actor_sides(actors: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    """Map actor_id -> (side, kind) for every row of an actors table."""
    if actors is None or actors.empty:
        return {}
    out = {}
    for row in actors.to_dict("records"):
        kind = str(row.get("kind") or "")
        out[str(row["actor_id"])] = (side_of(row.get("code"), row.get("country"), kind), kind)
    return out


def side_colours() -> dict[str, str]:
    """Colour per side with a colour of its own, ``other`` last."""
    rows = load_sides()
    return dict(zip(rows.code, rows.colour))


def side_names() -> dict[str, str]:
    """Display name per side of ``sides.csv``."""
    rows = load_sides()
    return dict(zip(rows.code, rows.name))


def colour_key(side: str) -> str:
    """The side itself when it has a colour of its own, else ``other``."""
    return side if side in side_colours() else OTHER
