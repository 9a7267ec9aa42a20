"""What a report was made from, and whether anything of it changed since: the runner's "only what changed".

A report is rebuilt when its *recipe* changed (the notebook, its parameters, the files of path parameters, the
templates, the software: Python, the package versions and sdlib's own code (its git commit), the run options,
the calendar year), when a data file it *read* changed, or when its outputs are missing or were changed by hand; otherwise
the runner keeps its files ("ongewijzigd").

Which data files a report read is recorded while its notebook runs: the runner names a file in the kernel's
environment variable ``SDLIB_READ_LOG`` and :func:`sdlib.data.catalog.read_data_bytes` (through which every
data file is read) appends one JSON line per read: the path relative to the data folder and the sha256 of the
bytes. :func:`read_log` turns that into the manifest's ``inputs``. A log that is missing, empty or garbled, or
a file read from another data folder, makes the inputs *incomplete*: such a report is always rebuilt.

The runner knows no domain: it hashes files and compares digests, nothing more.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import re
import tempfile
import uuid
from pathlib import Path

from sdlib.data.fileio import UnreadableFileError, is_running, read_bounded

__all__ = [
    "READ_LOG",
    "PACKAGES",
    "package_versions",
    "software",
    "new_read_log",
    "read_log",
    "remove_stale_read_logs",
    "safe_relative",
    "digest",
    "Freshness",
]

READ_LOG = "SDLIB_READ_LOG"
PACKAGES = [
    "sdlib",
    "pandas",
    "matplotlib",
    "seaborn",
    "pandera",
    "babel",
    "papermill",
    "nbclient",
    "nbconvert",
    "ipykernel",
    "weasyprint",
    "duckdb",
    "ibis-framework",
]
_LOG_FILE = re.compile(r"^sdlib-reads-(\d+)-[0-9a-f]{12}\.jsonl$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
SHA1 = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")  # a git commit id (sha1, or sha256 repositories)
MAX_LOG_BYTES = 50_000_000
MAX_MANIFEST_BYTES = 20_000_000
MAX_FILE_BYTES = 2_000_000_000  # a PDF, an HTML twin or a data file is never this large
SHOWN_CHANGES = 3  # changed files named in a reason; the rest are counted


def package_versions() -> dict:
    """The installed versions of the packages a report depends on (None when one is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def _code_digest(package: Path) -> str:
    """A digest of sdlib's own source files."""
    h = hashlib.sha256()
    for p in sorted(package.rglob("*.py")):
        if "__pycache__" in p.parts:
            continue
        h.update(p.relative_to(package).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _git_commit(checkout: Path) -> str | None:
    """The commit the git checkout ``checkout`` is on (read from ``.git``, no git program needed), or None."""
    git = checkout / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: <path>"
            git = (checkout / git.read_text().split(":", 1)[1].strip()).resolve()
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head if SHA1.match(head) else None
        ref = head[5:].strip()
        common = git / "commondir"
        roots = [git] + ([(git / common.read_text().strip()).resolve()] if common.is_file() else [])
        for root in roots:
            if (root / ref).is_file():
                value = (root / ref).read_text().strip()
                return value if SHA1.match(value) else None
            if (root / "packed-refs").is_file():
                for line in (root / "packed-refs").read_text().splitlines():
                    parts = line.split()
                    if len(parts) == 2 and parts[1] == ref and SHA1.match(parts[0]):
                        return parts[0]
    except (OSError, IndexError, ValueError):
        return None
    return None


def code_version() -> str:
    """sdlib's own code as a version: the git commit of the checkout it lies in, else a digest of its sources.

    In a checkout a new commit (``git pull``) rebuilds every report; an edit that is not committed does not
    (``--opnieuw`` rebuilds after one), so colleagues editing the checkout do not make every run start over.
    """
    package = Path(__file__).resolve().parents[1]
    commit = _git_commit(package.parent)
    return f"git {commit}" if commit else f"bronbestanden {_code_digest(package)}"


def software() -> dict:
    """Python, the package versions and sdlib's code version: the software part of every recipe."""
    return {"python": platform.python_version(), "packages": package_versions(), "sdlib_code": code_version()}


def digest(value) -> str:
    """The sha256 of a JSON value (keys sorted) or of bytes."""
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()


def safe_relative(rel) -> bool:
    """True for a plain relative path inside a folder: no absolute path, no '..', no empty part, no backslash."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel:
        return False
    parts = rel.split("/")
    return not rel.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def new_read_log() -> Path:
    """Create an empty read log in the temp folder (``sdlib-reads-<pid>-<hex>.jsonl``, mode 0600); return it."""
    path = Path(tempfile.gettempdir()) / f"sdlib-reads-{os.getpid()}-{uuid.uuid4().hex[:12]}.jsonl"
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600))
    return path


def read_log(path: Path, data_dir: Path) -> tuple[dict[str, str], bool]:
    """Return the data files a kernel read (relative path -> sha256, sorted) and whether that list is complete.

    Incomplete: no log, an empty log, a line that is not a read record, a file read from another data folder
    than ``data_dir``, or one file read twice with different contents (it changed while the notebook ran).
    """
    root = Path(os.path.abspath(data_dir))
    try:
        raw = read_bounded(path, MAX_LOG_BYTES)
    except UnreadableFileError:
        return {}, False
    inputs: dict[str, str] = {}
    complete = True
    for line in raw.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            rel, sha, where = record["path"], record["sha256"], record["data_dir"]
        except (ValueError, KeyError, TypeError):
            complete = False
            continue
        if not safe_relative(rel) or not isinstance(sha, str) or not SHA256.match(sha):
            complete = False
            continue
        if not isinstance(where, str) or (
            os.path.abspath(where) != str(root) and Path(where).resolve() != root.resolve()
        ):
            complete = False  # a notebook that read another data folder: its inputs cannot be checked here
            continue
        if inputs.setdefault(rel, sha) != sha:
            complete = False
    return dict(sorted(inputs.items())), complete and bool(inputs)


def remove_stale_read_logs(folder: str | Path | None = None) -> list[Path]:
    """Remove the read logs that a killed run left in the temp folder (only ours, of processes that ended)."""
    folder = Path(folder or tempfile.gettempdir())
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _LOG_FILE.match(entry.name)
        if not m or entry.is_symlink() or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid() or is_running(int(m.group(1))):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _sha_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_bounded(path, MAX_FILE_BYTES)).hexdigest()
    except UnreadableFileError:
        return None


def _join(items: list[str]) -> str:
    shown = items[:SHOWN_CHANGES]
    rest = len(items) - len(shown)
    return ", ".join(shown) + (f" en nog {rest}" if rest > 0 else "")


class Freshness:
    """The recipes of one run's reports and the check whether a report's files are still current.

    Hashes are computed once per run (a data file read by every report is hashed once).
    """

    def __init__(self, out: Path, data_dir: Path, templates_dir: Path | None, *, today: dt.date | None = None):
        self.out = Path(out)
        self.data_dir = Path(data_dir)
        self.templates = self._folder(templates_dir) if templates_dir is not None else {}
        self.software = software()
        self.year = (today or dt.date.today()).year
        self._data: dict[str, str | None] = {}

    @staticmethod
    def _folder(folder: Path) -> dict[str, str]:
        folder = Path(folder)
        if not folder.is_dir():
            return {}
        return {
            p.relative_to(folder).as_posix(): _sha_of(p) or ""
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")
        }

    def data_sha(self, rel: str) -> str | None:
        """The sha256 of a file of the data folder now (None when it is missing or lies outside the folder)."""
        if rel not in self._data:
            path = self.data_dir / rel
            inside = safe_relative(rel) and path.resolve().is_relative_to(self.data_dir.resolve())
            self._data[rel] = _sha_of(path) if inside else None
        return self._data[rel]

    def recipe(self, task: dict) -> dict:
        """Everything besides the data that a report is made from (stored in its manifest as ``recipe``)."""
        files = {}
        for name in task.get("path_parameters", []):
            value = task["parameters"].get(name)
            if isinstance(value, str) and value and Path(value).is_file():
                st = Path(value).stat()
                files[name] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
        return {
            "notebook": _sha_of(Path(task["notebook"])),
            "parameters": json.loads(json.dumps(task.get("shown_parameters", task["parameters"]), default=str)),
            "parameter_files": files,
            "templates": self.templates,
            "software": self.software,
            "options": {
                "allow_missing_alt": bool(task.get("allow_missing_alt")),
                "closing": digest(task["closing"].encode()) if task.get("closing") else None,
                "data_note": digest(task["data_note"].encode()) if task.get("data_note") else None,
            },
            "year": self.year,
        }

    def previous_manifest(self, output: str) -> dict | None:
        """The manifest beside the current PDF (None when there is none or it cannot be read)."""
        try:
            value = json.loads(read_bounded(self.out / f"{output}.manifest.json", MAX_MANIFEST_BYTES))
        except (UnreadableFileError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def stale_reasons(self, task: dict, manifest: dict | None) -> list[str]:
        """Why the report of ``task`` must be rebuilt (Dutch, for run.json and the summary); empty: it is current."""
        output = task["output"]
        if manifest is None:
            exists = (self.out / f"{output}.manifest.json").exists()
            return ["het manifest is onleesbaar" if exists else "nog niet eerder gemaakt"]
        before = manifest.get("recipe")
        if not isinstance(before, dict):
            return ["gemaakt door een eerdere versie van de runner (het manifest noemt niet waarvan)"]
        now = task["recipe"]
        reasons = []
        if before.get("notebook") != now["notebook"]:
            reasons.append("notebook gewijzigd")
        if before.get("parameters") != now["parameters"]:
            reasons.append("parameters gewijzigd")
        if before.get("parameter_files") != now["parameter_files"]:
            reasons.append("bestand van een parameter gewijzigd")
        if before.get("templates") != now["templates"]:
            names = sorted(
                k
                for k in set(before.get("templates") or {}) | set(now["templates"])
                if (before.get("templates") or {}).get(k) != now["templates"].get(k)
            )
            reasons.append(f"sjabloon gewijzigd: {_join(names)}")
        reasons += self._software_reasons(before.get("software"), now["software"])
        if before.get("options") != now["options"]:
            reasons.append("andere instellingen van de run")
        if before.get("year") != now["year"]:
            reasons.append("nieuw kalenderjaar")
        for kind in ("pdf", "html"):
            expected = f"{output}.{kind}"
            record = (manifest.get("outputs") or {}).get(kind) or {}
            sha = _sha_of(self.out / expected)
            if sha is None:
                reasons.append(f"uitvoer ontbreekt: {expected}")
            elif record.get("file") != expected or record.get("sha256") != sha:
                reasons.append(f"uitvoer is veranderd na de vorige run: {expected}")
        inputs = manifest.get("inputs")
        if not manifest.get("inputs_complete") or not isinstance(inputs, dict):
            reasons.append("onbekend welke gegevens de vorige versie las")
        else:
            changed = sorted(rel for rel, sha in inputs.items() if self.data_sha(rel) != sha)
            if changed:
                reasons.append(f"gegevens gewijzigd: {_join(changed)}")
        return reasons

    @staticmethod
    def _software_reasons(before, now: dict) -> list[str]:
        if not isinstance(before, dict):
            return ["software gewijzigd"]
        reasons = []
        if before.get("python") != now["python"]:
            reasons.append(f"Python {before.get('python')} -> {now['python']}")
        old, new = before.get("packages") or {}, now["packages"]
        moved = [f"{k} {old.get(k)} -> {new.get(k)}" for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
        if moved:
            reasons.append(f"pakketversies gewijzigd: {_join(moved)}")
        if before.get("sdlib_code") != now["sdlib_code"]:
            reasons.append("nieuwe versie van sdlib")
        return reasons
