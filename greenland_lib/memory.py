"""Hand memory that Python has freed back to the operating system (where the C library allows it).

Tables built from many small pieces (a chunk's rows, a loader's row lists) leave the C heap full of
freed blocks that the process keeps; glibc's ``malloc_trim`` returns them. Elsewhere this does nothing.
"""
from __future__ import annotations

import ctypes
from functools import lru_cache


@lru_cache(maxsize=None)
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim   # the C library already loaded into this process
    except (OSError, AttributeError, TypeError):   # not glibc (macOS, Windows, musl without it)
        return None


def release_free_memory() -> None:
    """Return the C heap's free pages to the operating system, if the platform's allocator can."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
