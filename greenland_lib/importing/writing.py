"""Add one article to a folder all at once, or not at all.

Rules:
- The text, the new ``sources.csv`` and the new ``SHA256SUMS`` are first written to hidden temporary
  files in the folder (names starting with ``.``, which the loader skips); then the text is linked to
  its final name, which fails if that name exists (an existing file is never overwritten), and the
  two provenance files are renamed over the old ones.
- Any failure on the way removes the temporary files and the new text, restores the old provenance
  files, and removes the folder if the import created it: a failed import leaves the folder as it was
  (no half file, no orphan row).
"""
from __future__ import annotations

import os
from pathlib import Path

from ..corpus.loading import CHECKSUM_FILE, SOURCES_FILE


class WriteError(Exception):
    """The article could not be added; the folder is as it was."""


def _write_new(path: Path, data: bytes) -> None:
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _place(tmp: Path, final: Path) -> None:
    """Give ``tmp`` the name ``final`` without ever replacing an existing ``final``."""
    try:
        os.link(tmp, final)
    except FileExistsError:
        raise WriteError(f"{final.name} already exists; not overwritten") from None
    except OSError:   # a file system without hard links: check, then rename
        if final.exists():
            raise WriteError(f"{final.name} already exists; not overwritten") from None
        os.rename(tmp, final)


def add_article(folder: Path, name: str, data: bytes, sources: bytes, checksums: bytes | None) -> Path:
    """Write ``data`` as ``folder/name`` and replace sources.csv (and SHA256SUMS) in one step; return the path."""
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / name
    plan = [(folder / SOURCES_FILE, sources)] + ([(folder / CHECKSUM_FILE, checksums)] if checksums is not None else [])
    tmp_text = folder / f".{name}.importing"
    temps = [tmp_text] + [folder / f".{path.name}.importing" for path, _ in plan]
    old = {path: path.read_bytes() if path.exists() else None for path, _ in plan}
    placed: list[Path] = []
    try:
        _write_new(tmp_text, data)
        for (path, content), tmp in zip(plan, temps[1:]):
            _write_new(tmp, content)
        _place(tmp_text, final)
        placed.append(final)
        for (path, _), tmp in zip(plan, temps[1:]):
            os.replace(tmp, path)
            placed.append(path)
    except BaseException as exc:
        _undo(placed, old)
        _remove_temps(temps, folder if created else None)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {name} in {folder}: {exc.strerror or exc}") from None
        raise
    _remove_temps(temps, None)
    return final


def _remove_temps(temps: list[Path], created: Path | None) -> None:
    """Remove the temporary files, and the folder if this import created it and left it empty."""
    for tmp in temps:
        tmp.unlink(missing_ok=True)
    if created is not None:
        try:
            created.rmdir()
        except OSError:   # not empty: something else was put there meanwhile
            pass


def _undo(placed: list[Path], old: dict[Path, bytes | None]) -> None:
    """Put back what ``add_article`` had changed before it failed."""
    for path in reversed(placed):
        if path not in old:          # the new article text
            path.unlink(missing_ok=True)
        elif old[path] is None:      # a provenance file that did not exist before
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(old[path])
