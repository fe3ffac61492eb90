"""Digests of every table ``greenland extract`` writes, to prove a refactoring changes no output.

    python benchmarks/digests.py --write   # record results/digests.json
    python benchmarks/digests.py           # compare with the record; exit 1 and list the tables that differ

Corpora: the seeds, the wire-style and messy fixtures under ``tests/fixtures/``, and the 1,000
articles ``benchmarks/scale.py`` generates (same seed). Each table is written as ``greenland
extract`` writes it (``write_tables``) and hashed with SHA-256.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))   # for scale.generate when run as a script

from greenland_lib.paths import REPO_ROOT, RESULTS_DIR  # noqa: E402
from greenland_lib.pipeline import extract_folder, write_tables  # noqa: E402

RECORD = RESULTS_DIR / "digests.json"


def corpora(tmp: Path) -> dict[str, Path]:
    """The folders to digest, generating the 1,000-article corpus into tmp."""
    from scale import generate

    generated = tmp / "generated"
    generated.mkdir()
    generate(generated, 1000)
    found = {"seeds": REPO_ROOT / "seeds", "generated-1000": generated}
    for name in ("wire", "messy"):
        folder = REPO_ROOT / "tests" / "fixtures" / name
        if folder.is_dir():
            found[f"fixtures-{name}"] = folder
    return found


def digest_folder(folder: Path, out: Path) -> dict[str, str]:
    """SHA-256 of each written table of one folder's extraction."""
    _, tables = extract_folder(folder, jobs=1)
    paths = write_tables(tables, out)
    return {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths)}


def main() -> int:
    """Write or check the digests; exit 1 when any differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the digests instead of checking them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        now = {name: digest_folder(folder, tmp / f"out-{name}") for name, folder in corpora(tmp).items()}
    if args.write:
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {RECORD}")
        return 0
    before = json.loads(RECORD.read_text(encoding="utf-8"))
    differ = [(c, t) for c in sorted(set(before) | set(now))
              for t in sorted(set(before.get(c, {})) | set(now.get(c, {})))
              if before.get(c, {}).get(t) != now.get(c, {}).get(t)]
    for corpus, table in differ:
        print(f"DIFFERS: {corpus}/{table}.csv")
    print(f"{sum(len(v) for v in now.values()) - len(differ)} tables identical, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
