"""All-or-nothing changes of the data folder: a journal of temporary files, and a lock.

A writer (``sdlib data add``) writes every new file as a temporary file beside its target (the naming of
:mod:`sdlib.data.fileio`), then the journal ``data/.sdlib-journal.json`` listing temporary file -> target, then
renames each file, then removes the journal. A process killed at any moment leaves either no journal (only
temporary files of a dead process, which :func:`recover` removes: nothing changed) or a complete journal, which
:func:`recover` completes. Every reader of the data folder calls :func:`recover` first (through
:func:`sdlib.data.catalog.read_catalog`). The lock ``data/.sdlib-lock`` (``flock``) keeps two writers apart.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from sdlib.data import paths
from sdlib.data.errors import DataValidationError, Problem, SdlibError
from sdlib.data.fileio import TEMP_SUFFIX, atomic_write, default_mode, remove_stale_temps
from sdlib.data.paths import rel_name

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None

__all__ = ["recover", "data_lock", "BusyError", "JOURNAL", "LOCK", "write_all"]

JOURNAL = ".sdlib-journal.json"
LOCK = ".sdlib-lock"
LOCK_WAIT = 10.0
_TEMP = re.compile(r"^\..+\.(\d+)\.[^./]+" + re.escape(TEMP_SUFFIX) + "$")
_held: set[str] = set()


class BusyError(SdlibError):
    """Another ``sdlib data add`` holds the lock of the data folder."""


def _abs(data_dir) -> Path:
    return Path(os.path.abspath(data_dir if data_dir is not None else paths.data_dir()))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def data_lock(data_dir=None, wait: float = LOCK_WAIT):
    """Hold the lock of the data folder (``flock`` on ``data/.sdlib-lock``); wait up to ``wait`` seconds.

    The lock file is removed on release, so a data folder at rest holds no lock file. Re-entrant within one
    process.

    Raises
    ------
    BusyError
        If another process still holds the lock after ``wait`` seconds.
    """
    ddir = _abs(data_dir)
    key = str(ddir.resolve())
    if key in _held or fcntl is None:
        yield
        return
    path = ddir / LOCK
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, default_mode())
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                try:
                    holder = f" (proces {path.read_text().strip()})"
                except OSError:
                    holder = ""
                raise BusyError(
                    f"{rel_name(path, ddir)}: een andere 'sdlib data add' is bezig in deze datamap{holder}; "
                    "probeer het opnieuw als die klaar is"
                ) from None
            time.sleep(0.05)
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
        os.write(fd, f"{os.getpid()}\n".encode())
    except OSError:
        pass
    _held.add(key)
    try:
        yield
    finally:
        _held.discard(key)
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        os.close(fd)


def _stale_candidates(ddir: Path) -> bool:
    return any(
        next(folder.glob(f".*{TEMP_SUFFIX}"), None) is not None for folder in (ddir, ddir / "series") if folder.is_dir()
    )


def _inside(path: Path, ddir: Path) -> bool:
    return path.resolve().is_relative_to(ddir.resolve())


def _read_journal(journal: Path, ddir: Path) -> tuple[list[tuple[Path, Path, str]], bool]:
    """Return the (temp, target, sha256) entries of a journal and whether it is complete and sound."""
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [], False
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return [], False
    entries, sound = [], data.get("complete") is True and data.get("version") == 1
    for item in files:
        try:
            tmp, target, digest = ddir / item["temp"], ddir / item["target"], str(item["sha256"])
        except (TypeError, KeyError):
            sound = False
            continue
        if (
            not _TEMP.match(tmp.name)
            or tmp.parent != target.parent
            or not _inside(tmp.parent, ddir)
            or Path(item["temp"]).is_absolute()
            or ".." in Path(item["target"]).parts
        ):
            sound = False
            continue
        entries.append((tmp, target, digest))
    return entries, sound


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _recover_locked(ddir: Path) -> list[str]:
    journal = ddir / JOURNAL
    name = rel_name(journal, ddir)
    done = []
    if os.path.lexists(journal):
        entries, sound = _read_journal(journal, ddir)
        if sound:
            missing = []
            for tmp, target, digest in entries:
                if os.path.lexists(tmp):
                    os.replace(tmp, target)
                elif _digest(target) != digest:
                    missing.append(
                        Problem(
                            name,
                            None,
                            None,
                            f"kan de onderbroken 'sdlib data add' niet afronden: "
                            f"{rel_name(tmp, ddir)} ontbreekt en {rel_name(target, ddir)} "
                            "is niet de nieuwe versie; zet de datamap terug (git checkout "
                            "data/), verwijder dit bestand en voer de toevoeging opnieuw uit",
                        )
                    )
            if missing:
                raise DataValidationError(missing)
            for folder in {target.parent for _, target, _ in entries}:
                _fsync_dir(folder)
            done.append(f"{name}: een onderbroken 'sdlib data add' is afgerond ({len(entries)} bestand(en))")
        else:
            for tmp, _, _ in entries:
                tmp.unlink(missing_ok=True)
            done.append(
                f"{name}: een onvolledig journaal van een onderbroken 'sdlib data add' is teruggedraaid; "
                "er is niets gewijzigd"
            )
        try:
            journal.unlink()
        except IsADirectoryError:
            raise DataValidationError(
                [Problem(name, None, None, "is een map; verwijder die (hij hoort bij geen enkele versie van sdlib)")]
            ) from None
        _fsync_dir(ddir)
    for folder in (ddir, ddir / "series"):
        for p in remove_stale_temps(folder):
            done.append(f"{rel_name(p, ddir)}: tijdelijk bestand van een afgebroken schrijfactie verwijderd")
    return done


def recover(data_dir=None, *, clean: bool = True, wait: float = 30.0) -> list[str]:
    """Complete (or undo) an interrupted ``sdlib data add`` before the data folder is read.

    A complete journal is rolled forward: its temporary files are renamed over their targets (those already
    renamed are skipped). An incomplete or corrupt journal is rolled back: the temporary files it names are
    removed. With ``clean``, temporary files of dead processes are removed too. Does nothing (and writes
    nothing) when there is neither a journal nor a leftover temporary file.

    Returns
    -------
    list of str
        What was done, one Dutch sentence per action (empty when nothing was needed).
    """
    ddir = _abs(data_dir)
    has_journal = os.path.lexists(ddir / JOURNAL)
    if not has_journal and not (clean and _stale_candidates(ddir)):
        return []
    if str(ddir.resolve()) in _held:
        return _recover_locked(ddir)
    try:
        with data_lock(ddir, wait if has_journal else 0.0):
            return _recover_locked(ddir)
    except BusyError:
        if has_journal:
            raise
        return []  # an add is running: its temporary files are not stale
    except OSError as exc:
        if not has_journal:
            return []
        raise SdlibError(
            f"{rel_name(ddir / JOURNAL, ddir)}: een onderbroken 'sdlib data add' moet worden afgerond, "
            f"maar dat lukt niet ({exc.strerror}); voer 'sdlib validate' uit met schrijfrechten op de "
            "datamap"
        ) from None


def write_all(ddir: Path, changes: list[tuple[Path, bytes]]) -> None:
    """Write all files or none: temporary files, then the journal, then the renames (see the module text)."""
    journal = ddir / JOURNAL
    entries: list[tuple[Path, Path, str]] = []
    try:
        for target, data in changes:
            try:
                mode = stat.S_IMODE(os.stat(target).st_mode)  # keep the mode of the file it replaces
            except FileNotFoundError:
                mode = default_mode()
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
            entries.append((Path(tmp), target, hashlib.sha256(data).hexdigest()))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
        record = {
            "version": 1,
            "pid": os.getpid(),
            "complete": True,
            "files": [
                {"temp": str(t.relative_to(ddir)), "target": str(g.relative_to(ddir)), "sha256": d}
                for t, g, d in entries
            ],
        }
        atomic_write(journal, (json.dumps(record, indent=1) + "\n").encode("utf-8"))
    except BaseException:
        if not os.path.lexists(journal):  # with a journal in place, recover() completes the change instead
            for tmp, _, _ in entries:
                tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(ddir)
    for tmp, target, _ in entries:
        os.replace(tmp, target)
    for folder in {target.parent for _, target, _ in entries}:
        _fsync_dir(folder)
    journal.unlink()
    _fsync_dir(ddir)
