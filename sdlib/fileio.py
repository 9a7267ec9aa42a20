"""Safe file writing: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_write", "atomic_target"]


@contextmanager
def atomic_target(path: Path):
    """Yield a temporary path beside ``path``; on success it is renamed to ``path``, on error removed.

    For writers that take a file name (pyarrow, for instance) rather than bytes.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` so that readers see either the old or the new file, never half of one."""
    with atomic_target(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
