"""One run at a time per output folder: a lock file (``flock``) that a killed run never leaves locked.

``sdlib report run`` takes the lock of its output folder (``<out>/.sdlib-run.lock``) after every job has been
checked and before it reads a manifest or writes a file, and holds it until the last file (run.json, the
archive index) is written. A second run stops at once with a Dutch message naming the process that holds the
lock and since when, or waits up to ``wait`` seconds (``--wacht``). The kernel releases an ``flock`` when its
process ends, also after ``kill -9``: a stale lock file is only a file, never a lock. The file is removed on
release; a run that finds the file replaced while it waited locks the new one (the same protocol as the data
folder's lock in :mod:`sdlib.data.journal`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

from sdlib.data.errors import SdlibError
from sdlib.data.fileio import default_mode

try:
    import fcntl
except ImportError:  # not on Windows: runs are then not serialised
    fcntl = None

__all__ = ["RunLockedError", "run_lock", "LOCK_NAME"]

LOCK_NAME = ".sdlib-run.lock"
_POLL = 0.1


class RunLockedError(SdlibError):
    """Another ``sdlib report run`` holds the lock of the output folder (exit code 3)."""


def _holder(path: Path) -> str:
    """Describe the holder from the lock file: ' (proces 1234, sinds 4 december 2026 om 21:14)', or ''."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        pid, since = int(info["pid"]), dt.datetime.fromisoformat(info["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    from babel.dates import format_date

    return f" (proces {pid}, sinds {format_date(since, format='d MMMM y', locale='nl_NL')} om {since:%H:%M})"


@contextmanager
def run_lock(out: Path, *, wait: float = 0.0, shown: str | None = None):
    """Hold the run lock of output folder ``out`` (which must exist); wait up to ``wait`` seconds for it.

    Raises
    ------
    RunLockedError
        When another process still holds it after ``wait`` seconds; the message names its process id and since
        when it holds the lock.
    """
    if fcntl is None:
        yield
        return
    out = Path(out)
    path = out / LOCK_NAME
    deadline = time.monotonic() + max(0.0, float(wait))
    while True:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags, default_mode())  # never through a link
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                where = shown or str(out)
                waited = f" Na {wait:g} seconden wachten is die nog niet klaar." if wait else ""
                raise RunLockedError(
                    f"een andere 'sdlib report run' maakt al rapporten in {where}{_holder(path)}.{waited} Deze run "
                    "stopt zonder iets te veranderen; probeer het opnieuw als die klaar is, of laat deze run "
                    "wachten met --wacht SECONDEN."
                ) from None
            time.sleep(_POLL)
            continue
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed the file while we waited: lock the new one
    try:
        os.ftruncate(fd, 0)
        info = {"pid": os.getpid(), "since": dt.datetime.now().isoformat(timespec="seconds")}
        os.write(fd, json.dumps(info).encode())
    except OSError:
        pass
    try:
        yield
    finally:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        os.close(fd)
