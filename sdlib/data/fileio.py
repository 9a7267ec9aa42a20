"""Safe file writing: a temporary file in the same folder, then an atomic rename.

Temporary files are named ``.<name>.<pid>.<random>.sdlib-tmp``: the process id lets a later run tell the
leftovers of a killed process (:func:`remove_stale_temps`) from the files of a run still going on. A finished
file gets the mode a new file normally gets (``0666`` less the umask), not the ``0600`` of a temporary file,
so colleagues can read reports and data written by the tools.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_write", "atomic_target", "remove_stale_temps", "default_mode", "is_running", "TEMP_SUFFIX"]

TEMP_SUFFIX = ".sdlib-tmp"
_TEMP = re.compile(r"^\..+\.(\d+)\.[^.]+\.sdlib-tmp$")


def default_mode() -> int:
    """Return the mode a newly created file gets under the current umask (e.g. ``0o644``)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def is_running(pid: int) -> bool:
    """True while process ``pid`` runs; a zombie (ended, not yet reaped) counts as ended."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def remove_stale_temps(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Remove the temporary files that a killed process left in ``folder``; return what was removed.

    Only files named by :func:`atomic_target` (``.<name>.<pid>.<random>.sdlib-tmp``) whose process is no
    longer running are removed; nothing else is touched.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = folder.rglob(f"*{TEMP_SUFFIX}") if recursive else folder.glob(f"*{TEMP_SUFFIX}")
    removed = []
    for path in found:
        m = _TEMP.match(path.name)
        if m and path.is_file() and not path.is_symlink() and not is_running(int(m.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextmanager
def atomic_target(path: Path):
    """Yield a temporary path beside ``path``; on success it is renamed to ``path``, on error removed.

    For writers that take a file name (pyarrow, for instance) rather than bytes.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, default_mode())
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
