"""Adding a new publication as a new vintage: its figures and texts, validated first, then written all at once.

A publication comes as a CSV of figures (new targets are rows with measure ``begroting``) and, optionally, CSVs
of its Toelichtingen, its 'Doel gehaald' verdicts and passages (:mod:`sdlib.data.extras`). Every input is checked
in memory, the new rows together with the rows already in each file, and every problem of every input is
reported with its file, line and column. Then the data folder as it will be is checked as ``sdlib validate``
checks it, in a private copy in the temp folder (``sdlib-voorbeeld-<pid>-*``, removed before anything is
written; one left by a killed add is removed by the next). A caller may add files made from that copy (the
command line adds the glossary, ``BEGRIPPENLIJST.md``). Only then is anything written, and all files change or
none:

1. every new file (``sources.csv``, the series files, ``toelichtingen.csv``, ``passages.csv``, ``catalog.yml``,
   the caller's files) is written as a temporary file beside its target (``.<name>.<pid>.<random>.sdlib-tmp``,
   the naming of :mod:`sdlib.data.fileio`);
2. a journal ``data/.sdlib-journal.json`` listing temporary file -> target is written atomically;
3. each temporary file is renamed over its target; 4. the journal is removed.

A process killed at any moment leaves either no journal (only temporary files of a dead process, which
:func:`recover` removes: nothing changed) or a complete journal, which :func:`recover` completes (renames that
already happened are skipped). Every reader of the data folder (:func:`sdlib.data.catalog.read_catalog`,
``read_sources``, hence ``load``, ``validate_all`` and the commands) calls it first. An add holds the lock
``data/.sdlib-lock`` (``flock``) from reading to writing, so two adds cannot interleave; the lock file is
removed when the add ends. Rows of older publications are never touched: a revised figure stands beside the
old one, with its own source. Adding the same publication again once it is complete changes nothing; adding it
again with a file that was forgotten (its Toelichtingen) adds only that.
"""

from __future__ import annotations

import csv
import difflib
import io
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sdlib.data.catalog import (
    SOURCE_ID,
    VINTAGE_KEYWORDS,
    _or,
    parse_sources,
    read_catalog,
    read_data_bytes,
    read_sources,
    year_range,
)
from sdlib.data.errors import DataValidationError, Problem
from sdlib.data.extras import MISPLACED, Extras, looks_like, plan_passages, plan_toelichtingen, plan_verdicts
from sdlib.data.fileio import clip
from sdlib.data.journal import LOCK_WAIT, _abs, data_lock, recover, write_all
from sdlib.data.paths import rel_name, shown_path
from sdlib.data.stream import CsvStream, count_text_nl, size_text
from sdlib.data.textrules import ascii_number, text_problem
from sdlib.data.validate import (
    BASE_COLUMNS,
    OPTIONAL_COLUMNS,
    PER_FILE,
    FigureRowCheck,
    Stopped,
    _decode,
    _vintage_problems,
    cap_problems,
    check_series_text,
    csv_records,
    duplicate_key,
    entry_problems,
    field_count_message,
    key_columns,
    validate_all,
)

__all__ = [
    "add_publication",
    "add_publication_files",
    "AddResult",
    "remove_stale_previews",
    "MAX_PUBLICATION_ROWS",
    "MAX_PUBLICATION_BYTES",
]

SOURCE_FIELDS = ["id", "short_title", "title", "publisher", "publication_year"]
OPTIONS = {
    "id": "--source-id",
    "short_title": "--short-title",
    "title": "--title",
    "publisher": "--publisher",
    "publication_year": "--year",
}  # the options of `sdlib data add` that fill each field


MAX_PUBLICATION_ROWS = 100_000
MAX_PUBLICATION_BYTES = 50_000_000
STOP_AFTER = PER_FILE  # the problem after this many stops the reading of the figures file


def _limit_text() -> str:
    return (
        f"een publicatie heeft hoogstens {count_text_nl(MAX_PUBLICATION_ROWS)} regels en "
        f"{size_text(MAX_PUBLICATION_BYTES)} (zie data/README.md)"
    )


def _open_figures(path: Path, name: str, progress=None) -> CsvStream:
    """Open the figures file for reading row by row; raise every problem of the file or its header."""
    stream = CsvStream(
        path,
        name,
        max_bytes=MAX_PUBLICATION_BYTES,
        max_rows=MAX_PUBLICATION_ROWS,
        limit_text=_limit_text(),
        progress=progress,
    )
    try:
        header = stream.header
        missing = [c for c in ["series", *[c for c in BASE_COLUMNS if c != "source"]] if c not in header]
        if missing:
            looks = looks_like(header)
            if looks and looks != "cijfers":
                raise DataValidationError([Problem(name, 1, None, f"{MISPLACED[looks]}; BESTAND zijn de cijfers")])
            raise DataValidationError(
                [
                    Problem(
                        name,
                        1,
                        c,
                        "kolom ontbreekt; verwacht series, year, de dimensiekolommen, "
                        "measure, value, table, reference_date, provisional",
                    )
                    for c in missing
                ]
            )
        twice = sorted({c for c in header if header.count(c) > 1})
        if twice:
            raise DataValidationError([Problem(name, 1, c, "kolom staat twee keer in de kopregel") for c in twice])
    except BaseException:
        stream.close()
        raise
    return stream


_KNOWN_SOURCE = (
    "bron-id {sid!r} staat al in data/sources.csv{how}; voor regels van die bron: zet {sid!r} in de "
    "kolom source en laat --source-id, --short-title en --year weg; of kies een nieuwe bron-id"
)


def _check_source(source: dict | None, sources: dict, name: str) -> tuple[list[Problem], bool]:
    """Check the details of a new publication; return the problems and whether it is already there, identical."""
    if source is None:
        return [], False
    problems = [
        Problem(name, None, None, f"de nieuwe publicatie mist '{f}' (optie {OPTIONS[f]})")
        for f in SOURCE_FIELDS
        if not str(source.get(f) or "").strip()
    ]
    for f in ("short_title", "title", "publisher"):
        reason = text_problem(source.get(f)) if str(source.get(f) or "").strip() else None
        if reason:
            problems.append(Problem(name, None, None, f"{OPTIONS[f]} {reason}"))
    sid = str(source.get("id") or "")
    if sid and (sid in VINTAGE_KEYWORDS or not SOURCE_ID.fullmatch(sid)):
        what = (
            "is een vintage-woord (vintage='latest'/'all')"
            if sid in VINTAGE_KEYWORDS
            else "mag alleen kleine letters, cijfers en _ bevatten"
        )
        problems.append(
            Problem(name, None, "source-id", f"ongeldige bron-id {sid!r}: {what}; kies bijvoorbeeld js2025")
        )
    lo, hi = year_range()
    try:
        text = str(source.get("publication_year", "")).strip()
        if not ascii_number(text, integer=True):
            raise ValueError(text)
        year = int(text)
    except (TypeError, ValueError):
        if source.get("publication_year"):
            problems.append(
                Problem(
                    name,
                    None,
                    "year",
                    f"verwacht een heel jaartal zoals 2025 als publicatiejaar "
                    f"(--year); gevonden {source.get('publication_year')!r}",
                )
            )
    else:
        if not lo <= year <= hi:
            problems.append(
                Problem(
                    name,
                    None,
                    "year",
                    f"publicatiejaar {year} valt buiten het bereik {lo}-{hi} (1990 tot en met dit jaar + 5)",
                )
            )
    same = False
    if sid in sources:
        old = sources[sid]
        same = not problems and all(
            str(old.get(f, "")).strip() == str(source.get(f, "")).strip() for f in SOURCE_FIELDS
        )
        if not same:
            problems.append(Problem(name, None, None, _KNOWN_SOURCE.format(sid=sid, how=" met andere gegevens")))
    return problems, same


def _differences(frames: dict, metas: dict, new_source: set, sources: dict):
    import pandas as pd

    out = []
    for sid, df in frames.items():
        meta = metas[sid]
        keys = key_columns(meta)
        df = df.assign(published=df["source"].map(lambda s: sources[s]["publication_year"]).astype("int64"))
        df = df.sort_values([*keys, "published"], kind="stable")
        for _, grp in df.groupby(keys, sort=False):
            new = grp[grp["source"].isin(new_source)]
            old = grp[~grp["source"].isin(new_source)]
            if len(new) and len(old):
                prev, cur = old.iloc[-1], new.iloc[-1]
                dims = ", ".join(f"{d}={cur[d]}" for d in meta.get("dimensions", []))
                out.append(
                    {
                        "series": sid,
                        "year": int(cur["year"]),
                        "dimensions": dims,
                        "measure": cur["measure"],
                        "previous_source": prev["source"],
                        "previous_value": prev["value"],
                        "new_source": cur["source"],
                        "new_value": cur["value"],
                        "difference": cur["value"] - prev["value"],
                    }
                )
    return pd.DataFrame(
        out,
        columns=[
            "series",
            "year",
            "dimensions",
            "measure",
            "previous_source",
            "previous_value",
            "new_source",
            "new_value",
            "difference",
        ],
    )


@dataclass
class AddResult:
    """What an add of a publication did (or, in a dry run, would do).

    Attributes
    ----------
    revisions : pandas.DataFrame
        Figures that the new publication revises (see :func:`add_publication`).
    unchanged : bool
        True when everything was there already: nothing is written.
    dry_run : bool
        True when nothing was written on purpose.
    source : dict or None
        The new row of ``sources.csv`` (None when the rows name publications that are there already).
    figures : dict
        Series id -> number of new rows.
    toelichtingen, verdicts, passages : list of dict
        The new rows of ``toelichtingen.csv`` and ``passages.csv`` and the new catalog verdicts (``series, year,
        achieved, source`` and ``table`` where given).
    files : list of str
        The files written (in a dry run: that would be written), named ``data/...``.
    derived : object
        What the caller's ``derive`` returned besides its files (e.g. a summary); None without one.
    """

    revisions: object
    unchanged: bool = False
    dry_run: bool = False
    source: dict | None = None
    figures: dict = field(default_factory=dict)
    toelichtingen: list = field(default_factory=list)
    verdicts: list = field(default_factory=list)
    passages: list = field(default_factory=list)
    files: list = field(default_factory=list)
    derived: object = None


@dataclass
class _FigurePlan:
    changes: list  # (path, bytes)
    revisions: object
    unchanged: bool
    sources: dict  # the sources as they will be
    source_row: dict | None
    counts: dict
    origin: dict  # data/... name -> {line in the new file: (input name, input line)}


def add_publication(
    csv_path, *, source: dict | None = None, data_dir=None, dry_run: bool = False, wait: float = LOCK_WAIT
):
    """Add the figures of a publication to the data folder as a new vintage.

    The figures alone; :func:`add_publication_files` also takes the publication's Toelichtingen, its 'Doel
    gehaald' verdicts and passages, and lets the caller add files made from the new data (the glossary).

    Parameters
    ----------
    csv_path : str or Path
        New figures: columns ``series, year``, the dimension columns of those series (empty for others),
        ``measure, value, table, reference_date, provisional, note`` and optionally ``source``. A new target is a
        row with measure ``begroting``.
    source : dict, optional
        A publication not yet in ``sources.csv``: ``id, short_title, title, publisher, publication_year``;
        optionally ``seed_file`` (its text extract in ``../shared/seeds/``). Without a seed file the source is
        written with ``outside = true`` (its text is not among the seed extracts), with one ``outside = false``.
        Rows without a ``source`` value get this id. The id must be plain (``[a-z0-9_]+``) and not a
        ``vintage=`` keyword (``latest``, ``all``).
    data_dir : path, optional
        The data folder to update (default: the project's ``data/``).
    dry_run : bool, default False
        Validate and report the differences, but write nothing.
    wait : float, default 10
        Seconds to wait for another ``sdlib data add`` on the same data folder to finish.

    Returns
    -------
    pandas.DataFrame
        Figures that the new publication revises: previous and new source and value, and the difference.
        ``attrs["unchanged"]`` is True when every row (and the source) was already there: nothing is written
        then, so an add that was interrupted and completed by :func:`recover` can simply be run again.

    Raises
    ------
    DataValidationError
        With every problem (at most 50 per file), named by the input file, line and column; nothing is
        written then.
    BusyError
        If another ``sdlib data add`` on this data folder did not finish within ``wait`` seconds.
    """
    result = add_publication_files(csv_path, source=source, data_dir=data_dir, dry_run=dry_run, wait=wait)
    diff = result.revisions
    diff.attrs["unchanged"] = result.unchanged
    return diff


def add_publication_files(
    csv_path,
    *,
    source: dict | None = None,
    toelichtingen=None,
    verdicts=None,
    passages=None,
    data_dir=None,
    dry_run: bool = False,
    wait: float = LOCK_WAIT,
    derive=None,
    progress=None,
) -> AddResult:
    """Add a whole publication: its figures, and optionally its Toelichtingen, verdicts and passages.

    Every input is checked first, in memory; then the data folder as it will be is checked as ``sdlib validate``
    checks it, in a private copy (a temporary folder, removed before anything is written). Only then are all
    files written together (journal), or, on any problem, none.

    Parameters
    ----------
    csv_path, source, data_dir, dry_run, wait
        As for :func:`add_publication`.
    toelichtingen : path, optional
        A CSV with the publication's Toelichtingen: ``series, year, about, table, text`` (and optionally
        ``source``); appended to ``toelichtingen.csv`` (see :mod:`sdlib.data.extras`).
    verdicts : path, optional
        A CSV with its 'Doel gehaald' verdicts: ``series, year, achieved`` (Ja/Nee) and optionally ``table`` and
        ``source``; added to the series' ``verdicts:`` in ``catalog.yml``.
    passages : path, optional
        A CSV with passages the reports quote: ``topic, kind, year, section, text`` (and optionally ``source``,
        ``sic``); appended to ``passages.csv``.
    derive : callable, optional
        ``derive(old_dir, new_dir, result) -> (files, info)``, called (under the lock) with the data folder, the
        checked copy with every change made and the :class:`AddResult` so far (``files`` names the data files
        that change, ``data/...``): ``files`` maps a file name in the
        data folder (e.g. ``"BEGRIPPENLIJST.md"``) to bytes made from the new data, written in the same journal
        when they differ from the file there; ``info`` is returned as ``result.derived``.
    progress : callable, optional
        ``progress(rows_read, rows_estimated)``, called every 10.000 rows while the figures are read and once at
        the end of the reading (the command line shows a progress bar with it).

    The figures are read row by row and each row is checked as it comes; the reading stops after 50 problems
    (they are reported with a last line "... en meer; het lezen is gestopt na 50 problemen"). A figures file
    of more than :data:`MAX_PUBLICATION_BYTES` bytes is refused before it is read, one of more than
    :data:`MAX_PUBLICATION_ROWS` rows when the row after the limit is reached.

    Returns
    -------
    AddResult

    Raises
    ------
    DataValidationError
        With every problem of every input file (file, line and column), or of the data folder as it would
        be; nothing is written then.
    BusyError
        If another ``sdlib data add`` on this data folder did not finish within ``wait`` seconds.
    """
    ddir = _abs(data_dir)
    name = shown_path(csv_path)
    inputs = {"toelichtingen": toelichtingen, "verdicts": verdicts, "passages": passages}
    with ExitStack() as stack:
        try:
            figures = stack.enter_context(_open_figures(Path(csv_path), name, progress))
        except DataValidationError as exc:
            if not any(inputs.values()):
                raise
            figures = exc.problems  # reported with the problems of the other files
        if not ddir.is_dir():
            raise DataValidationError(
                [Problem(shown_path(ddir), None, None, "datamap niet gevonden (--data-dir / SDLIB_DATA_DIR)")]
            )
        try:
            stack.enter_context(data_lock(ddir, wait))
        except OSError:
            if not dry_run:
                raise
        recover(ddir)
        remove_stale_previews()
        return _add_locked(ddir, name, figures, source, inputs, dry_run, derive)


def _add_locked(ddir: Path, name: str, figures, source, inputs: dict, dry_run: bool, derive) -> AddResult:
    """The add under the lock; ``figures`` is the open figures file, or the problems that kept it from opening."""
    cat = read_catalog(ddir)
    sources = read_sources(ddir)
    problems: list[Problem] = []
    plan = None
    if isinstance(figures, list):  # the figures file could not be read
        problems += figures
    else:
        try:
            plan = _plan_figures(ddir, figures, source, cat, sources)
        except DataValidationError as exc:
            problems += exc.problems
    known = plan.sources if plan is not None else dict(sources)
    sid = str((source or {}).get("id") or "").strip() or None
    if plan is None and sid:
        known.setdefault(sid, {"id": sid})
    extras = Extras()
    if any(inputs.values()):
        catalog_path = ddir / "catalog.yml"
        raw, cproblems = read_data_bytes(catalog_path, ddir, rel_name(catalog_path, ddir))
        if raw is None:
            raise DataValidationError(cproblems)
        steps = [
            ("toelichtingen", lambda p, n: plan_toelichtingen(p, n, ddir, cat["series"], known, sid, extras)),
            (
                "verdicts",
                lambda p, n: plan_verdicts(p, n, ddir, raw.decode("utf-8"), cat["series"], known, sid, extras),
            ),
            ("passages", lambda p, n: plan_passages(p, n, ddir, _topics(cat), known, sid, extras)),
        ]
        for key, step in steps:
            if inputs[key] is None:
                continue
            try:
                problems += step(Path(inputs[key]), shown_path(inputs[key]))
            except DataValidationError as exc:
                problems += exc.problems
    if problems:
        raise DataValidationError(cap_problems(_no_source_once(problems)))
    changes = list(plan.changes) + list(extras.changes.items())
    origin = {**plan.origin, **extras.origin}
    result = AddResult(
        plan.revisions,
        unchanged=plan.unchanged and not extras.changes,
        dry_run=dry_run,
        source=plan.source_row,
        figures=plan.counts,
        toelichtingen=extras.toelichtingen,
        verdicts=extras.verdicts,
        passages=extras.passages,
    )
    if result.unchanged:
        return result
    result.files = [rel_name(path, ddir) for path, _ in changes]
    with _preview(ddir, changes) as new_dir:
        found = validate_all(new_dir)
        if found:
            raise DataValidationError(_told_against_inputs(found, origin, ddir))
        if derive is not None:
            files, result.derived = derive(ddir, new_dir, result)
            for rel, data in (files or {}).items():
                target = _derived_target(ddir, rel)
                current = target.read_bytes() if target.is_file() else None
                if current != data:
                    changes.append((target, data))
                    result.files.append(rel_name(target, ddir))
    if not dry_run:
        write_all(ddir, changes)
    return result


NO_SOURCE = "geen bron: "


def _no_source_once(problems: list[Problem]) -> list[Problem]:
    """Say 'geen bron' once per file, with the lines it concerns (every row lacks it when --source-id is left out)."""
    lines: dict[str, list[int]] = {}
    for p in problems:
        if p.column == "source" and p.message.startswith(NO_SOURCE) and p.row is not None:
            lines.setdefault(p.file, []).append(p.row)
    out = []
    for p in problems:
        rows = lines.get(p.file, [])
        if p.column == "source" and p.message.startswith(NO_SOURCE) and len(rows) > 1:
            if p.row != rows[0]:
                continue
            shown = ", ".join(map(str, rows[1:11])) + (f" en nog {len(rows) - 11}" if len(rows) > 11 else "")
            p = Problem(p.file, p.row, p.column, f"{p.message} (zo ook regel {shown})")
        out.append(p)
    return out


def _topics(cat: dict) -> dict:
    topics = cat.get("topics")
    return topics if isinstance(topics, dict) else {}


def _derived_target(ddir: Path, rel) -> Path:
    """A file that ``derive`` makes: a plain name in the data folder (never a hidden file, never outside)."""
    rel = Path(rel)
    if rel.is_absolute() or ".." in rel.parts or any(part.startswith(".") for part in rel.parts):
        raise ValueError(f"derive may only write plain files inside the data folder, not {rel}")
    return ddir / rel


def _told_against_inputs(found: list[Problem], origin: dict, ddir: Path) -> list[Problem]:
    """Problems of the data folder as it would be: those on a new line named by the input file and line."""
    out, other = [], []
    for p in found:
        where = origin.get(p.file, {}).get(p.row) if p.row is not None else None
        if where is not None:
            out.append(Problem(where[0], where[1], p.column, f"{p.file}: {p.message}"))
        else:
            other.append(p)
    if other:
        before = {str(p) for p in validate_all(ddir)}
        for p in other:
            note = (
                " (dit staat nu al zo in de gegevensmap; los het eerst op, 'sdlib validate' toont alles)"
                if str(p) in before
                else ""
            )
            out.append(Problem(p.file, p.row, p.column, p.message + note))
    return cap_problems(out)


PREVIEW_PREFIX = "sdlib-voorbeeld-"


def remove_stale_previews() -> list[Path]:
    """Remove the preview copies (``sdlib-voorbeeld-<pid>-*`` in the temp folder) of adds that were killed."""
    import re
    import shutil
    import tempfile

    from sdlib.data.fileio import is_running

    removed = []
    pattern = re.compile(rf"^{PREVIEW_PREFIX}(\d+)-")
    for path in Path(tempfile.gettempdir()).glob(f"{PREVIEW_PREFIX}*"):
        m = pattern.match(path.name)
        if m and path.is_dir() and not path.is_symlink() and not is_running(int(m.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextmanager
def _preview(ddir: Path, changes: list[tuple[Path, bytes]]):
    """A private copy of the data folder with the changes made (removed on leaving), named ``.../data``.

    Hidden files (the lock, a journal, temporary files) are left out. A symbolic link that stays inside the data
    folder is copied as the file it points to; one that leads outside stays a link, so the copy is refused for
    it as the data folder is.
    """
    import os
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix=f"{PREVIEW_PREFIX}{os.getpid()}-"))
    try:
        new_dir = root / "data"
        real = ddir.resolve()
        for folder, dirs, files in os.walk(ddir):
            here = Path(folder)
            rel = here.relative_to(ddir)
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            (new_dir / rel).mkdir(parents=True, exist_ok=True)
            for f in files:
                if f.startswith("."):
                    continue
                src, dst = here / f, new_dir / rel / f
                if src.is_symlink() and not src.resolve().is_relative_to(real):
                    os.symlink(os.readlink(src), dst)
                elif src.is_file():
                    shutil.copyfile(src, dst)
        for path, data in changes:
            target = new_dir / path.relative_to(ddir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            target.write_bytes(data)
        yield new_dir
    finally:
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class _Series:
    """One series file as the new rows are read: its text, header and rows, and the new rows that pass."""

    path: Path
    fname: str
    text: str
    header: list[str]
    n_records: int
    present: set  # the rows of the file, as tuples of text
    existing: dict  # key (year, dimensions, measure, source) -> line in the file
    keys: list[str]
    check: FigureRowCheck
    seen: dict = field(default_factory=dict)  # key -> line in the input, of the new rows that pass
    pending: list = field(default_factory=list)  # (input line, values in the file's column order)


def _series_file(ddir: Path, sid: str, meta: dict, cat: dict, row_sources: list) -> tuple[_Series | None, list]:
    """Read one series file for the new rows; return its state, or None and the problems of the file."""
    path = ddir / "series" / f"{sid}.csv"
    fname = rel_name(path, ddir)
    raw, problems = read_data_bytes(path, ddir, fname)
    if raw is None:
        return None, problems
    if path.is_symlink():
        return None, [
            Problem(
                fname,
                None,
                None,
                "is een symbolische koppeling; 'sdlib data add' schrijft "
                "alleen gewone bestanden: vervang de koppeling door het bestand",
            )
        ]
    text, problems = _decode(raw, fname)
    if text is None:
        return None, problems
    records, problems = csv_records(text, fname)
    if problems:
        return None, problems
    header = records[0]
    keys = [*key_columns(meta), "source"]
    where = [header.index(c) if c in header else None for c in keys]
    existing: dict = {}
    for number, record in enumerate(records[1:], start=2):
        if len(record) == len(header):
            existing.setdefault(tuple(record[k] if k is not None else "" for k in where), number)
    check = FigureRowCheck(meta, cat, row_sources, columns=header)
    return _Series(path, fname, text, header, len(records), {tuple(r) for r in records[1:]}, existing, keys, check), []


class _Found:
    """The problems of the figures file as it is read; ``full`` at the one after :data:`STOP_AFTER`."""

    def __init__(self, name: str):
        self.name = name
        self.items: list[Problem] = []
        self.no_source: list[int] = []  # lines of rows without a source: one problem, said once

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    @property
    def count(self) -> int:
        return len(self.items) + (1 if self.no_source else 0)

    @property
    def full(self) -> bool:
        return self.count > STOP_AFTER

    def all(self) -> list[Problem]:
        """Every problem, in the order of the lines, 'geen bron' once with the lines it concerns."""
        items = list(self.items)
        if self.no_source:
            first, rest = self.no_source[0], self.no_source[1:]
            shown = ", ".join(map(str, rest[:10])) + (
                f" en nog {count_text_nl(len(rest) - 10)}" if len(rest) > 10 else ""
            )
            items.append(
                Problem(self.name, first, "source", NO_SOURCE_TEXT + (f" (zo ook regel {shown})" if rest else ""))
            )
        return sorted(items, key=lambda p: p.row or 0)


NO_SOURCE_TEXT = (
    "geen bron: vul de kolom source in (een id uit data/sources.csv) of geef de nieuwe publicatie op met "
    "--source-id, --short-title en --year"
)


def _check_row(
    line: int,
    row: dict,
    name: str,
    ddir: Path,
    cat: dict,
    sources: dict,
    source: dict | None,
    row_sources: list,
    judge_cells: bool,
    found: _Found,
    states: dict,
    file_problems: list,
    given_sources: set,
    refused: set,
) -> None:
    """Check one row of the figures file; keep it in its series' ``pending`` when it passes and is new."""
    catalog = cat["series"]
    sid = (row.get("series") or "").strip()
    if sid not in catalog:
        close = difflib.get_close_matches(sid, catalog, n=3, cutoff=0.5)
        hint = f" (bedoelt u {_or(close)}?)" if close else "; zet de reeks eerst in data/catalog.yml"
        found.add(
            Problem(
                name,
                line,
                "series",
                f"onbekende reeks {clip(repr(sid), 200)}{hint}"
                if sid
                else "leeg; verwacht een reeks-id uit data/catalog.yml",
            )
        )
        return
    meta = catalog[sid]
    dims = meta.get("dimensions") if isinstance(meta, dict) else None
    if not isinstance(dims, list) or not all(isinstance(d, str) for d in dims):
        if dims is not None or not isinstance(meta, dict):
            if sid not in refused:  # the catalog entry is wrong: said once, its rows are not judged
                refused.add(sid)
                for p in entry_problems(sid, meta, cat, sources, rel_name(ddir / "catalog.yml", ddir)):
                    found.add(p)
            return
        dims = []
    stray = [d for d in cat["dimensions"] if d not in dims and (row.get(d) or "").strip()]
    for dim in stray:
        having = [s for s, m in catalog.items() if isinstance(m, dict) and dim in (m.get("dimensions") or [])]
        close = difflib.get_close_matches(sid, having, n=2, cutoff=0.3)
        hint = f" (bijvoorbeeld {', '.join(close)})" if close else ""
        found.add(
            Problem(
                name,
                line,
                dim,
                f"reeks {sid!r} heeft geen dimensie {dim!r}, maar de regel geeft "
                f"{clip(repr(row[dim].strip()), 200)}; laat de kolom leeg voor deze reeks of kies "
                f"een reeks met deze dimensie{hint}",
            )
        )
    if stray:
        return
    if not (row.get("source") or "").strip():
        if source is None:
            found.no_source.append(line)
            return
        row["source"] = str(source["id"])
    if not judge_cells:
        return
    if sid not in states:
        states[sid], problems = _series_file(ddir, sid, {"dimensions": []} | meta, cat, row_sources)
        file_problems += problems
    state = states[sid]
    if state is None:  # its file cannot be read: said once, in file_problems
        return
    values = tuple((row.get(c) or "") for c in state.header)
    if values in state.present:  # there already (the same publication added again)
        given_sources.add(row["source"])
        return
    wrong = state.check(row)
    for column, message in wrong:
        found.add(Problem(name, line, column, f"{sid}: {message}"))
    if wrong:
        return
    key = tuple((row.get(c) or "") for c in state.keys)
    if key in state.seen:
        found.add(Problem(name, line, None, f"{sid}: {duplicate_key(state.keys)}; zelfde als regel {state.seen[key]}"))
        return
    if key in state.existing:
        found.add(
            Problem(
                name,
                line,
                None,
                f"{sid}: {duplicate_key(state.keys)}; zelfde als regel {state.existing[key]} van {state.fname}",
            )
        )
        return
    state.seen[key] = line
    state.pending.append((line, list(values)))
    given_sources.add(row["source"])


def _plan_figures(ddir: Path, stream: CsvStream, source, cat: dict, sources: dict) -> _FigurePlan:
    """Read the new figures row by row, checking each row as it comes, then check each series file as it will be.

    Every row is checked on its own (series, dimensions, source and each cell, see
    :class:`~sdlib.data.validate.FigureRowCheck`) and against the rows before it and the rows of its series file
    (a key given twice); only the rows that pass are kept. The reading stops after :data:`STOP_AFTER` problems.
    Then each series file with its new rows is checked as ``sdlib validate`` checks it. Return the new files, or
    raise every problem found.
    """
    name, header = stream.name, stream.header
    catalog = cat["series"]
    problems, same_source = _check_source(source, sources, name)
    known = {"series", "source", *BASE_COLUMNS, *OPTIONAL_COLUMNS, *cat["dimensions"]}
    problems += [
        Problem(
            name,
            1,
            c,
            f"onbekende kolom; verwacht series, year, de dimensiekolommen "
            f"({', '.join(cat['dimensions'])}), measure, value, table, reference_date, "
            "provisional, note en eventueel source",
        )
        for c in header
        if c not in known
    ]
    judge_cells = not problems  # a wrong publication or header: the rows are checked only for what they name
    new_id = str(source["id"]) if source is not None and source.get("id") is not None else None
    row_sources = list(sources) + ([new_id] if new_id is not None and new_id not in sources else [])
    found = _Found(name)
    states: dict[str, _Series | None] = {}
    file_problems: list[Problem] = []
    given_sources: set[str] = set()
    refused: set[str] = set()  # series whose catalog entry is broken (said once)
    rows = 0
    width = len(header)
    for line, record in stream.records():
        if not any(v.strip() for v in record):
            continue
        rows += 1
        if len(record) != width:
            found.add(Problem(name, line, None, field_count_message(record, width)))
        else:
            _check_row(
                line,
                dict(zip(header, record)),
                name,
                ddir,
                cat,
                sources,
                source,
                row_sources,
                judge_cells,
                found,
                states,
                file_problems,
                given_sources,
                refused,
            )
        if found.full:
            break
    if found.full:
        raise DataValidationError(problems + found.all()[:STOP_AFTER] + [Stopped.of(name, STOP_AFTER)])
    if stream.problem is not None:  # the reading stopped there: said last, never left out
        found.add(Stopped.reading(stream.problem, more=not stream.at_end()))
    elif not rows:
        found.add(
            Problem(name, None, None, "geen regels onder de kopregel; verwacht minstens één regel met een cijfer")
        )
    rows_wrong = found.all()
    if problems:  # the publication or the header is wrong: the rows cannot be judged
        raise DataValidationError(cap_problems(problems + rows_wrong))
    if stream.problem is not None or file_problems:
        raise DataValidationError(cap_problems(rows_wrong + file_problems))
    current = {sid: s for sid, s in states.items() if s is not None}
    pending = {sid: s.pending for sid, s in current.items()}
    unchanged = not rows_wrong and all(not p for p in pending.values()) and (source is None or same_source)
    if same_source and not unchanged and not rows_wrong:
        raise DataValidationError([Problem(name, None, None, _KNOWN_SOURCE.format(sid=source["id"], how=""))])
    if unchanged:
        pending = {sid: [] for sid in pending}

    # the new files, checked in memory as `sdlib validate` would check them
    changes: list[tuple[Path, bytes]] = []
    new_sources = sources
    source_row = None
    if source is not None and not same_source:
        spath = ddir / "sources.csv"
        raw, sproblems = read_data_bytes(spath, ddir, rel_name(spath, ddir))
        if raw is None:
            raise DataValidationError(sproblems)
        stext = raw.decode("utf-8")
        fields = next(csv.reader(io.StringIO(stext)))
        value = {**source, "publication_year": str(int(str(source["publication_year"]).strip()))}
        if "outside" in fields and not str(value.get("outside") or "").strip():
            # a publication whose text is not among the seed extracts says so (see data/README.md, sources.csv)
            value["outside"] = "false" if str(value.get("seed_file") or "").strip() else "true"
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n" if "\r\n" in stext else "\n").writerow(
            [value.get(f, "") or "" for f in fields]
        )
        sep = "" if not stext or stext.endswith("\n") else "\n"
        new_bytes = (stext + sep + buf.getvalue()).encode("utf-8")
        new_sources, sproblems = parse_sources(new_bytes, rel_name(spath, ddir))
        if sproblems:
            raise DataValidationError([Problem(name, None, p.column, f"{p.file}: {p.message}") for p in sproblems])
        changes.append((spath, new_bytes))
        source_row = {k: str(v or "") for k, v in value.items()} | {f: str(value.get(f) or "") for f in fields}
    cname = rel_name(ddir / "catalog.yml", ddir)
    frames, metas, origin = {}, {}, {}
    for sid, state in current.items():
        path, text, n_records = state.path, state.text, state.n_records
        problems += entry_problems(sid, catalog[sid], cat, new_sources, cname)
        buf = io.StringIO()
        nl = "\r\n" if "\r\n" in text else "\n"
        writer = csv.writer(buf, lineterminator=nl)
        for _, values in pending[sid]:
            writer.writerow(values)
        new_text = text + ("" if text.endswith("\n") or not pending[sid] else nl) + buf.getvalue()
        line_map = {n_records + 1 + k: line for k, (line, _) in enumerate(pending[sid])}
        fname = rel_name(path, ddir)
        origin[fname] = {k: (name, line) for k, line in line_map.items()}
        df, file_problems = check_series_text(sid, new_text, fname, cat, new_sources)
        meta = {"dimensions": []} | catalog[sid]
        if df is not None:
            file_problems += _vintage_problems(sid, df, meta, new_sources, fname)
        for p in file_problems:
            if p.row in line_map:
                problems.append(Problem(name, line_map[p.row], p.column, f"{sid}: {p.message}"))
            else:
                problems.append(Problem(p.file, p.row, p.column, f"{sid}: {p.message}"))
        frames[sid], metas[sid] = df, meta
        if pending[sid]:
            changes.append((path, new_text.encode("utf-8")))
    problems = sorted(rows_wrong + problems, key=lambda p: (p.file != name, p.row or 0))
    if problems:
        raise DataValidationError(cap_problems(problems))
    diff = _differences(frames, metas, given_sources, new_sources)
    counts = {sid: len(p) for sid, p in pending.items() if p}
    return _FigurePlan(changes, diff, unchanged, new_sources, source_row, counts, origin)
