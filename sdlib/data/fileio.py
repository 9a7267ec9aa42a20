"""Safe file writing: a temporary file in the same folder, then an atomic rename.

Temporary files are named ``.<name>.<pid>.<random>.sdlib-tmp``: the process id lets a later run tell the
leftovers of a killed process (:func:`remove_stale_temps`) from the files of a run still going on. A finished
file gets the mode a new file normally gets (``0666`` less the umask), not the ``0600`` of a temporary file,
so colleagues can read reports and data written by the tools.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "atomic_write",
    "atomic_write_together",
    "atomic_target",
    "remove_stale_temps",
    "default_mode",
    "is_running",
    "TEMP_SUFFIX",
    "read_bounded",
    "yaml_structure_problem",
    "clip",
    "os_reason",
    "UnreadableFileError",
    "MAX_TEXT_BYTES",
]

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


def atomic_write_together(files: dict) -> None:
    """Write several files so that they change together: all new versions, or (on any error) none.

    Every file is first written in full to a temporary file beside it (and synced); only when all of them are
    written are they renamed into place, one after the other. A write that fails (a full disk, a file size
    limit) leaves every earlier version as it was and no temporary file behind.
    """
    temps = []
    try:
        for path, data in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
            temps.append((Path(tmp), path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, default_mode())
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in temps:
        os.replace(tmp, path)


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` so that readers see either the old or the new file, never half of one."""
    with atomic_target(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


# --- bounded reading ------------------------------------------------------------------------------------------------

MAX_TEXT_BYTES = 2_000_000  # a schedule, catalog or settings file larger than this is not a hand-written file
MAX_YAML_DEPTH = 40  # nesting levels of a YAML document
MAX_YAML_NODES = 200_000  # scalars, sequences and mappings in one YAML document


class UnreadableFileError(OSError):
    """A file that is not read: not a regular file, too large, or refused for another reason (Dutch ``reason``)."""

    def __init__(self, path, reason: str):
        super().__init__(reason)
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def _size_text(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB".replace(".", ",") if n >= 1_000_000 else f"{n:,} bytes".replace(",", ".")


def read_bounded(path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """Read a regular file of at most ``limit`` bytes; raise UnreadableFileError (Dutch reason) otherwise.

    The file is opened without blocking, so a FIFO or device never hangs the caller, and its type is checked on
    the open file itself (no gap between the check and the read). At most ``limit + 1`` bytes are ever read, so
    ``/dev/zero`` or a file that grows while being read cannot exhaust memory.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFileError(path, "bestand niet gevonden") from None
    except IsADirectoryError:
        raise UnreadableFileError(path, "is een map, geen bestand") from None
    except PermissionError:
        raise UnreadableFileError(path, "geen leesrechten") from None
    except OSError as exc:
        raise UnreadableFileError(path, f"kan niet worden gelezen ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise UnreadableFileError(path, "is een map, geen bestand")
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFileError(path, "is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)")
        if st.st_size > limit:
            raise UnreadableFileError(
                path, f"is {_size_text(st.st_size)}; een bestand van meer dan {_size_text(limit)} wordt niet gelezen"
            )
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise UnreadableFileError(path, f"is groter dan {_size_text(limit)}; zo'n bestand wordt niet gelezen")
        return b"".join(chunks)
    except OSError as exc:
        if isinstance(exc, UnreadableFileError):
            raise
        raise UnreadableFileError(path, f"kan niet worden gelezen ({exc.strerror})") from None
    finally:
        os.close(fd)


def yaml_structure_problem(text: str) -> tuple[int, str] | None:
    """Return (line, Dutch reason) when a YAML text uses anchors or aliases or is nested or sized beyond bounds.

    Anchors and aliases (``&a`` / ``*a``) let a few lines expand into gigabytes (the "billion laughs"); the data
    and schedule files of this project never need them. The text is scanned as a stream of events, so nothing
    is built before the check. A syntax error is left to the parser (None is returned).
    """
    import yaml

    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return line, (
                    "gebruikt een YAML-anker of -verwijzing (& of *); die zijn hier niet toegestaan: "
                    "schrijf de waarde uit"
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return line, f"is dieper genest dan {MAX_YAML_DEPTH} niveaus"
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                nodes += 1
                if nodes > MAX_YAML_NODES:
                    return line, f"heeft meer dan {MAX_YAML_NODES:,} waarden".replace(",", ".")
    except yaml.YAMLError:
        return None
    return None


def clip(text: str, limit: int = 400) -> str:
    """Return ``text`` cut to ``limit`` characters with a Dutch mark, for messages that quote user input."""
    text = str(text)
    return (
        text
        if len(text) <= limit
        else text[:limit] + f"... ({len(text) - limit:,} tekens weggelaten)".replace(",", ".")
    )


_OS_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "het bestandssysteem is alleen te lezen",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "niet toegestaan",
    errno.ENOENT: "bestaat niet",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "bestaat al",
    errno.EFBIG: "het bestand wordt groter dan is toegestaan",
    errno.EDQUOT: "de schijfruimte van deze gebruiker is op",
    errno.EMFILE: "te veel open bestanden",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "lees- of schrijffout van de schijf",
}


def os_reason(exc: OSError) -> str:
    """The cause of an operating-system error in Dutch ('de schijf is vol'), with the file relative to the
    checkout when there is one: 'reports/x.pdf: de schijf is vol'."""
    from sdlib.data.paths import shown_path

    reason = _OS_REASONS.get(exc.errno) or (f"systeemfout {exc.errno}" if exc.errno else str(exc))
    return f"{shown_path(exc.filename)}: {reason}" if getattr(exc, "filename", None) else reason
