"""seeds/README.md documents every table the library produces, column for column."""
from __future__ import annotations

import re

from greenland_lib.paths import SEEDS_DIR


def documented_tables() -> dict[str, list[str]]:
    """Parse the data dictionary: {table: [column, ...]} from '### `name`' sections."""
    text = (SEEDS_DIR / "README.md").read_text(encoding="utf-8")
    tables = {}
    for m in re.finditer(r"^### `(\w+)`\n(.*?)(?=^#|\Z)", text, re.M | re.S):
        tables[m.group(1)] = re.findall(r"^\| `(\w+)` \|", m.group(2), re.M)
    return tables


def test_every_table_is_documented_column_for_column(tables):
    documented = documented_tables()
    for name, table in tables.items():
        assert name in documented, f"table {name} is missing from the data dictionary"
        assert documented[name] == list(table.columns), f"columns of {name} differ from the dictionary"


def test_dictionary_documents_no_table_that_is_not_produced(tables):
    assert set(documented_tables()) <= set(tables)
