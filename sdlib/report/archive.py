"""The archive of what was published: every version of every report, by date, never overwritten.

Layout, inside the output folder (``reports/archief/``)::

    archief/
        index.html                 every version by date, newest first (accessible, like the HTML twins)
        index.json                 the same, for machines (rebuilt from the dated folders if it is lost)
        2026-12-07/
            indicatoren.pdf        the published PDF, HTML twin and manifest (with the sha256 of both)
            indicatoren.html
            indicatoren.manifest.json
            indicatoren-2.pdf      a second version on the same day gets a suffix
            wijzigingen.html       what changed in that run (written by the caller's summary)
        gegevens/<sha256>          a copy of every data file a published version read, by content

A file in the archive is created, never replaced: it is written to a temporary file and then linked to a name
that does not exist yet (``os.link`` fails instead of overwriting); archived files are read-only. With the
copies in ``gegevens/`` the data two versions read can be rebuilt into two folders (:meth:`Archive.materialise`)
and compared; what the comparison means is for the caller (the command line), the runner knows no domain.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import html
import json
import os
import re
import stat
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sdlib.data.errors import SdlibError
from sdlib.data.fileio import (
    TEMP_SUFFIX,
    UnreadableFileError,
    atomic_write_together,
    default_mode,
    read_bounded,
    remove_stale_temps,
)
from sdlib.report.inputs import MAX_FILE_BYTES, SHA256, safe_relative
from sdlib.report.params import ParameterError
from sdlib.report.schedule import check_file_name, shown

__all__ = ["ARCHIVE", "Archive", "Version", "Page", "ReportVersions", "ArchiveError"]

ARCHIVE = "archief"
DATA = "gegevens"
INDEX_JSON = "index.json"
INDEX_HTML = "index.html"
MAX_INDEX_BYTES = 200_000_000
MAX_SUFFIX = 1000  # versions of one report on one day
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# extra rules of the archive pages on top of the reports' style sheet
EXTRA_CSS = """
/* archive and change pages */
table.sd-list { border-collapse: collapse; width: 100%; }
table.sd-list caption { text-align: left; font-weight: bold; margin-bottom: 0.5rem; }
table.sd-list th, table.sd-list td { text-align: left; vertical-align: top; padding: 0.3rem 0.6rem 0.3rem 0;
  border-bottom: 1px solid #ccc; }
table.sd-list thead th { border-bottom: 2px solid #333; }
table.sd-list tbody th { font-weight: normal; }
code.sd-hash { font-size: 0.8em; overflow-wrap: anywhere; word-break: break-all; }
ul.sd-changes li { margin: 0.3rem 0; }
"""


class ArchiveError(SdlibError):
    """The archive cannot be written safely (a link that leads out, a file where a folder belongs)."""


@dataclass
class Version:
    """One archived version of a report: where its files are (relative to ``archief/``) and what it read."""

    name: str
    date: str
    stem: str
    files: dict  # kind (pdf, html, manifest) -> {"file": "2026-12-07/x.pdf", "sha256": ...}
    title: str = ""
    period: str = ""
    created: str = ""
    run_id: str = ""
    parameters: dict = field(default_factory=dict)
    inputs: dict = field(default_factory=dict)
    inputs_complete: bool = False

    @property
    def pdf_sha256(self) -> str:
        return (self.files.get("pdf") or {}).get("sha256", "")

    @classmethod
    def from_manifest(
        cls, manifest: dict, *, name: str, date: str, stem: str, files: dict, title: str | None = None
    ) -> Version:
        """The version a report's manifest describes (its title page, run and what it read); ``title`` is the
        fallback when the manifest names none (default: ``name``)."""
        page = manifest.get("title_page") or {}
        return cls(
            name=name,
            date=date,
            stem=stem,
            files=files,
            title=str(page.get("title", name if title is None else title)),
            period=str(page.get("period", "")),
            created=str(manifest.get("created", "")),
            run_id=str(manifest.get("run_id", "")),
            parameters=dict(manifest.get("parameters") or {}),
            inputs=dict(manifest.get("inputs") or {}),
            inputs_complete=bool(manifest.get("inputs_complete")),
        )

    @classmethod
    def from_json(cls, value: dict) -> Version:
        known = {k: value[k] for k in cls.__dataclass_fields__ if k in value}
        return cls(**known)


@dataclass
class Page:
    """An archived page of a run (the change summary): its file relative to ``archief/`` and sha256."""

    date: str
    file: str
    sha256: str
    created: str = ""
    kind: str = "wijzigingen"


@dataclass
class ReportVersions:
    """One report of a pack run, for the change summary: its status and the versions to compare.

    ``status`` is the runner's (``ok``, ``unchanged``, ``failed``, ``skipped``) or ``dropped`` (in the previous
    run of the pack, not in this one). ``previous`` is the newest version archived before this run, ``current``
    the version archived in this run (None when none was). ``in_previous_run`` says whether the previous run of
    the same pack had this report (None when there was no previous run of it).
    """

    output: str
    status: str
    reason: str = ""
    previous: Version | None = None
    current: Version | None = None
    error: str = ""
    in_previous_run: bool | None = None


def _read_only(mode: int) -> int:
    return mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


class Archive:
    """The archive folder of one output folder (``<out>/archief``)."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.root = self.out / ARCHIVE

    # --- checks -----------------------------------------------------------------------------------------------

    def check(self) -> None:
        """Refuse (ParameterError) an archive folder that is a link, a file, or leads out of the output folder."""
        out = self.out.resolve()
        for folder in (self.root, self.root / DATA):
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                raise ParameterError(
                    f"{shown(folder)} is geen gewone map (een link of een bestand); de runner bewaart daar het "
                    "archief en gebruikt hem daarom niet"
                )
            if folder.exists() and not folder.resolve().is_relative_to(out):
                raise ParameterError(f"{shown(folder)} leidt naar {folder.resolve()}, buiten {shown(self.out)}")
        for name in (INDEX_JSON, INDEX_HTML):
            path = self.root / name
            if path.is_symlink() or (path.exists() and not path.is_file()):
                raise ParameterError(f"{shown(path)} is geen gewoon bestand; het archief wordt niet bijgewerkt")

    def _folder(self, *parts: str) -> Path:
        """Create (if needed) and return a folder inside the archive; refuse a link or a file in its place."""
        folder = self.root.joinpath(*parts)
        for path in [self.root, *[self.root.joinpath(*parts[: i + 1]) for i in range(len(parts))]]:
            if path.is_symlink() or (path.exists() and not path.is_dir()):
                raise ArchiveError(f"{shown(path)} is geen gewone map; het archief wordt daar niet geschreven")
            path.mkdir(exist_ok=True)
        if not folder.resolve().is_relative_to(self.out.resolve()):
            raise ArchiveError(f"{shown(folder)} leidt buiten {shown(self.out)}")
        return folder

    def clean_leftovers(self) -> None:
        """Remove temporary files a killed run left in the archive folders."""
        if not self.root.is_dir() or self.root.is_symlink():
            return
        remove_stale_temps(self.root)
        for folder in self.root.iterdir():
            if folder.is_dir() and not folder.is_symlink():
                remove_stale_temps(folder)

    # --- writing, never overwriting ---------------------------------------------------------------------------

    @staticmethod
    def _temp(folder: Path, name: str, data: bytes) -> Path:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, _read_only(default_mode()))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return Path(tmp)

    @staticmethod
    def _link_new(tmp: Path, target: Path) -> None:
        """Give ``tmp`` the name ``target``; raise FileExistsError when that name exists (never replace it)."""
        try:
            os.link(tmp, target)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            if os.path.lexists(target):  # a file system without hard links: check, then rename (under the lock)
                raise FileExistsError(errno.EEXIST, "bestaat al", str(target)) from None
            os.rename(tmp, target)

    def write_new(self, folder: Path, stem: str, files: dict[str, bytes]) -> str:
        """Write ``{suffix: bytes}`` as ``<stem><suffix>`` in ``folder``, all new names; return the stem used.

        When a name is taken (a second version on one day), ``<stem>-2``, ``<stem>-3``... is used for all of them;
        nothing that exists is ever replaced. All files of one call appear together or not at all.
        """
        check_file_name(stem)
        temps = {}
        try:
            for suffix, data in files.items():
                temps[suffix] = self._temp(folder, f"{stem}{suffix}", data)
            for n in range(1, MAX_SUFFIX + 1):
                candidate = stem if n == 1 else f"{stem}-{n}"
                targets = {suffix: folder / f"{candidate}{suffix}" for suffix in files}
                if any(os.path.lexists(t) for t in targets.values()):
                    continue
                made = []
                try:
                    for suffix, target in targets.items():
                        self._link_new(temps[suffix], target)
                        made.append(target)
                except FileExistsError:
                    for target in made:  # ours, made a moment ago: take them back and try the next suffix
                        target.unlink(missing_ok=True)
                    continue
                return candidate
            raise ArchiveError(f"{shown(folder)}: meer dan {MAX_SUFFIX} versies van {stem} op één dag")
        finally:
            for tmp in temps.values():
                tmp.unlink(missing_ok=True)

    def store_data(self, inputs: dict[str, str], data_dir: Path) -> list[str]:
        """Keep a copy of every data file in ``inputs`` (path -> sha256) under ``gegevens/<sha256>``.

        A file whose content no longer has the recorded hash (it changed after the notebook read it) is not
        stored; those paths are returned.
        """
        missing = []
        folder = None
        for rel, sha in inputs.items():
            if not safe_relative(rel) or not SHA256.match(str(sha)):
                missing.append(str(rel))
                continue
            if folder is None:
                folder = self._folder(DATA)
            target = folder / sha
            if target.is_file() and not target.is_symlink():
                continue
            try:
                data = read_bounded(Path(data_dir) / rel, MAX_FILE_BYTES)
            except UnreadableFileError:
                missing.append(rel)
                continue
            if hashlib.sha256(data).hexdigest() != sha:
                missing.append(rel)
                continue
            tmp = self._temp(folder, sha, data)
            try:
                self._link_new(tmp, target)
            except FileExistsError:
                pass  # the same content, stored by an earlier version
            finally:
                tmp.unlink(missing_ok=True)
        return missing

    def add_report(self, *, date: dt.date, name: str, pdf: bytes, html_doc: bytes, manifest: dict) -> Version:
        """Archive one published report (its PDF, HTML twin and manifest) in the folder of ``date``."""
        folder = self._folder(date.isoformat())
        sha = {"pdf": hashlib.sha256(pdf).hexdigest(), "html": hashlib.sha256(html_doc).hexdigest()}
        stem = name
        # the archived manifest is the published one plus where the archived copies are
        for _ in range(MAX_SUFFIX):
            candidate = self._free_stem(folder, stem)
            archived = dict(manifest)
            archived["archived"] = {
                "date": date.isoformat(),
                "pdf": {"file": f"{candidate}.pdf", "sha256": sha["pdf"]},
                "html": {"file": f"{candidate}.html", "sha256": sha["html"]},
            }
            data = json.dumps(archived, indent=2, ensure_ascii=False).encode("utf-8")
            used = self.write_new(folder, candidate, {".pdf": pdf, ".html": html_doc, ".manifest.json": data})
            if used == candidate:
                break
            # a name was taken between the check and the link (only without the run lock): undo and retry
            for suffix in (".pdf", ".html", ".manifest.json"):
                (folder / f"{used}{suffix}").unlink(missing_ok=True)
        else:
            raise ArchiveError(f"{shown(folder)}: geen vrije naam voor {name}")
        rel = f"{date.isoformat()}/{candidate}"
        files = {
            "pdf": {"file": f"{rel}.pdf", "sha256": sha["pdf"]},
            "html": {"file": f"{rel}.html", "sha256": sha["html"]},
            "manifest": {"file": f"{rel}.manifest.json", "sha256": hashlib.sha256(data).hexdigest()},
        }
        return Version.from_manifest(manifest, name=name, date=date.isoformat(), stem=candidate, files=files)

    @staticmethod
    def _free_stem(folder: Path, stem: str) -> str:
        for n in range(1, MAX_SUFFIX + 1):
            candidate = stem if n == 1 else f"{stem}-{n}"
            if not any(os.path.lexists(folder / f"{candidate}{s}") for s in (".pdf", ".html", ".manifest.json")):
                return candidate
        raise ArchiveError(f"{shown(folder)}: meer dan {MAX_SUFFIX} versies van {stem} op één dag")

    def add_page(self, *, date: dt.date, stem: str, document: bytes, created: str) -> Page:
        """Archive a page of the run (the change summary) in the folder of ``date``; never overwritten."""
        folder = self._folder(date.isoformat())
        used = self.write_new(folder, stem, {".html": document})
        return Page(date.isoformat(), f"{date.isoformat()}/{used}.html", hashlib.sha256(document).hexdigest(), created)

    # --- reading --------------------------------------------------------------------------------------------------

    def load(self) -> tuple[list[Version], list[Page]]:
        """All archived versions (oldest first) and pages: from ``index.json``, else from the dated folders."""
        path = self.root / INDEX_JSON
        try:
            doc = json.loads(read_bounded(path, MAX_INDEX_BYTES))
            versions = [Version.from_json(v) for v in doc.get("versions", [])]
            pages = [Page(**p) for p in doc.get("pages", [])]
            return versions, pages
        except (UnreadableFileError, ValueError, TypeError, AttributeError, KeyError):
            return self._scan()

    def _scan(self) -> tuple[list[Version], list[Page]]:
        """Rebuild the list of versions from the archived manifests (when index.json is missing or damaged)."""
        versions, pages = [], []
        if not self.root.is_dir() or self.root.is_symlink():
            return versions, pages
        for folder in sorted(p for p in self.root.iterdir() if _DATE.match(p.name) and p.is_dir()):
            if folder.is_symlink():
                continue
            for manifest_path in sorted(folder.glob("*.manifest.json")):
                try:
                    raw = read_bounded(manifest_path, MAX_INDEX_BYTES)
                    manifest = json.loads(raw)
                    archived = manifest["archived"]
                    stem = manifest_path.name[: -len(".manifest.json")]
                    files = {
                        kind: {"file": f"{folder.name}/{archived[kind]['file']}", "sha256": archived[kind]["sha256"]}
                        for kind in ("pdf", "html")
                    }
                except (UnreadableFileError, ValueError, KeyError, TypeError):
                    continue
                files["manifest"] = {
                    "file": f"{folder.name}/{manifest_path.name}",
                    "sha256": hashlib.sha256(raw).hexdigest(),
                }
                name = str(manifest.get("output_name") or manifest.get("report") or stem)
                versions.append(
                    Version.from_manifest(manifest, name=name, date=folder.name, stem=stem, files=files, title=stem)
                )
            for page_path in sorted(folder.glob("wijzigingen*.html")):
                try:
                    sha = hashlib.sha256(read_bounded(page_path, MAX_INDEX_BYTES)).hexdigest()
                except UnreadableFileError:
                    continue
                pages.append(Page(folder.name, f"{folder.name}/{page_path.name}", sha))
        versions.sort(key=lambda v: (v.date, v.created))
        return versions, pages

    @staticmethod
    def latest(versions: list[Version], name: str) -> Version | None:
        """The newest archived version of output ``name`` (None when there is none)."""
        found = [v for v in versions if v.name == name]
        return found[-1] if found else None

    def materialise(self, inputs: dict[str, str], dest: Path) -> list[str]:
        """Rebuild the data files a version read in folder ``dest`` from ``gegevens/``; return the paths missing.

        Every path must be a plain relative path (nothing lands outside ``dest``) and every copy must still have
        its hash; a path that fails is left out and returned.
        """
        dest = Path(dest)
        missing = []
        for rel, sha in sorted(inputs.items()):
            if not safe_relative(rel) or not isinstance(sha, str) or not SHA256.match(sha):
                missing.append(str(rel))
                continue
            source = self.root / DATA / sha
            try:
                if source.is_symlink():
                    raise UnreadableFileError(source, "is een link")
                data = read_bounded(source, MAX_FILE_BYTES)
            except UnreadableFileError:
                missing.append(rel)
                continue
            if hashlib.sha256(data).hexdigest() != sha:
                missing.append(rel)
                continue
            target = dest / rel
            if not target.resolve().is_relative_to(dest.resolve()):
                missing.append(rel)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return missing

    # --- the index ------------------------------------------------------------------------------------------------

    def write_index(self, versions: list[Version], pages: list[Page], *, css: str, organisation: str):
        """Write ``index.json`` and ``index.html`` together (atomically); ``css`` is the reports' style sheet."""
        self._folder()
        doc = {
            "about": "Alle gepubliceerde versies van de rapporten, op datum; paden ten opzichte van deze map.",
            "versions": [asdict(v) for v in versions],
            "pages": [asdict(p) for p in pages],
        }
        atomic_write_together(
            {
                self.root / INDEX_JSON: json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8"),
                self.root / INDEX_HTML: index_html(versions, pages, css=css, organisation=organisation).encode("utf-8"),
            }
        )


def _long_date(iso: str) -> str:
    from babel.dates import format_date

    try:
        return format_date(dt.date.fromisoformat(iso), format="d MMMM y", locale="nl_NL")
    except ValueError:
        return iso


def index_html(versions: list[Version], pages: list[Page], *, css: str, organisation: str) -> str:
    """The archive's index page: every version by date (newest first), with links and the sha256 of each file.

    ``css`` is the reports' style sheet; the page adds its own few rules and allows only that style sheet
    (the twins' Content-Security-Policy: no script, no request).
    """
    from sdlib.report.render import content_security_policy

    e = html.escape
    css = css + EXTRA_CSS
    policy = content_security_policy(css)
    dates = sorted({v.date for v in versions} | {p.date for p in pages}, reverse=True)
    sections = []
    for number, date in enumerate(dates, start=1):
        label = _long_date(date)
        rows = []
        for v in sorted((v for v in versions if v.date == date), key=lambda v: v.created, reverse=True):
            links = []
            for kind, word in (("pdf", "PDF"), ("html", "HTML"), ("manifest", "manifest")):
                f = v.files.get(kind)
                if f:
                    links.append(
                        f'<a href="{e(f["file"])}" aria-label="{word} van {e(v.title)} ({e(label)})">{word}</a>'
                    )
            time = v.created[11:16] if len(v.created) >= 16 else ""
            rows.append(
                "<tr>"
                f'<th scope="row">{e(v.title)}<br><small>{e(v.stem)}</small></th>'
                f'<td data-label="Periode">{e(v.period)}</td>'
                f'<td data-label="Gemaakt">{e(time)}</td>'
                f'<td data-label="Bestanden">{" &middot; ".join(links)}</td>'
                f'<td data-label="SHA-256 van de PDF"><code class="sd-hash">{e(v.pdf_sha256)}</code></td>'
                "</tr>"
            )
        page_links = [
            f'<li><a href="{e(p.file)}">Wat is er veranderd (run van {e(label)}'
            + (f" om {e(p.created[11:16])}" if len(p.created) >= 16 else "")
            + f')</a> &middot; SHA-256 <code class="sd-hash">{e(p.sha256)}</code></li>'
            for p in sorted((p for p in pages if p.date == date), key=lambda p: p.created, reverse=True)
        ]
        table = ""
        if rows:
            table = (
                f'<div class="sd-scroll" role="region" tabindex="0" aria-label="Rapporten van {e(label)}">'
                f'<table class="sd-list"><caption>Rapporten gepubliceerd op {e(label)}</caption>'
                '<thead><tr><th scope="col">Rapport</th><th scope="col">Periode</th><th scope="col">Gemaakt</th>'
                '<th scope="col">Bestanden</th><th scope="col">SHA-256 van de PDF</th></tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></div>"
            )
        changes = f"<ul>{''.join(page_links)}</ul>" if page_links else ""
        sections.append(
            f'<section class="sd-section" aria-labelledby="d{number}"><h2 id="d{number}">{e(label)}</h2>'
            f"{changes}{table}</section>"
        )
    body = "\n".join(sections) or "<p>Er staat nog niets in het archief.</p>"
    count = len(versions)
    return f"""<!DOCTYPE html>
<html lang="nl-NL"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>Archief van de rapporten</title>
<style>{css}</style></head>
<body>
<a class="skip-link" href="#inhoud">Naar de inhoud</a>
<header class="title-page">
<p class="org">{e(organisation)} &middot; Sociaal domein</p>
<h1 class="doc-title">Archief van de rapporten</h1>
<p class="period">Elke gepubliceerde versie, op datum, de nieuwste eerst ({count} versie{"s" if count != 1 else ""}).</p>
<p class="sources">Een bestand in het archief wordt nooit overschreven. De SHA-256 is de vingerafdruk van het
bestand: wie een kopie heeft, kan daarmee nagaan of die gelijk is aan wat er toen is gepubliceerd.</p>
</header>
<main id="inhoud">
{body}
</main>
</body></html>"""
