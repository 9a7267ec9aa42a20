"""What changed in the figures between two versions of the data: new figures, revisions, verdicts.

Two data folders are compared (e.g. the data two published versions of a report read, rebuilt from the
archive): per series, every figure is identified by its key (year, dimensions, measure) and the figure a reader
sees is the latest publication's (as ``sdlib.load`` gives it). Values are compared as printed (half up, to the
series' decimals): a figure that prints the same is the same figure.

* **nieuw**: a key the old data did not have (a new year, a new measure or a new dimension value);
* **herzien**: the key's latest figure prints differently (with both values and both publications; a
  correction within one publication has the same source twice);
* **bevestigd**: a later publication prints the same figure;
* **vervallen**: a key the new data no longer has.

Verdicts ("doel gehaald") of the programme indicators among the series are assessed in both folders with
:func:`sdlib.calc.indicators.assess`; a computed or published verdict that differs is a :class:`VerdictChange`.
How any of this is said is for :mod:`sdlib.present.changes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sdlib.calc.indicators import assess
from sdlib.calc.values import half_up
from sdlib.data.catalog import model, read_catalog, read_sources
from sdlib.data.load import load
from sdlib.data.validate import key_columns

__all__ = ["FigureChange", "VerdictChange", "Comparison", "figure_changes", "verdict_changes", "compare_folders"]

KINDS = ("nieuw", "herzien", "bevestigd", "vervallen")


@dataclass(frozen=True)
class FigureChange:
    """One figure that is new, revised, confirmed or gone; values exact, ``*_printed`` as printed.

    ``dimensions`` are the key's dimension values as ``((column, value), ...)``; ``new_year`` is True for a
    new figure of a year the series had no figure for before.
    """

    kind: str
    series: str
    year: int
    measure: str
    dimensions: tuple = ()
    old_value: float | None = None
    old_source: str | None = None
    new_value: float | None = None
    new_source: str | None = None
    decimals: int = 0
    new_year: bool = False
    title: str = ""
    unit: str = ""
    old_source_title: str | None = None
    new_source_title: str | None = None

    @property
    def old_printed(self) -> float | None:
        return None if self.old_value is None else half_up(self.old_value, self.decimals)

    @property
    def new_printed(self) -> float | None:
        return None if self.new_value is None else half_up(self.new_value, self.decimals)


@dataclass(frozen=True)
class VerdictChange:
    """A verdict of an indicator in one year that differs between the two versions.

    ``kind`` is ``berekend`` (computed from result and target) or ``gepubliceerd`` (the document's 'Doel
    gehaald'); ``old``/``new`` are True, False or None (no verdict).
    """

    series: str
    year: int
    kind: str
    old: bool | None
    new: bool | None
    title: str = ""
    source: str | None = None  # the publication of the published verdict, or of the result
    source_title: str | None = None


@dataclass
class Comparison:
    """Everything that changed between two data folders for a set of series."""

    figures: list[FigureChange] = field(default_factory=list)
    verdicts: list[VerdictChange] = field(default_factory=list)
    new_sources: list[tuple[str, str]] = field(default_factory=list)  # (id, short title): first seen here
    series_added: list[tuple[str, str]] = field(default_factory=list)  # (id, title) read only by the new version
    series_removed: list[tuple[str, str]] = field(default_factory=list)  # (id, title) read only by the old one

    @property
    def empty(self) -> bool:
        return not (self.figures or self.verdicts or self.new_sources or self.series_added or self.series_removed)

    def of_kind(self, kind: str) -> list[FigureChange]:
        return [f for f in self.figures if f.kind == kind]


def _latest(rows, keys: list[str]) -> dict:
    """The latest publication's row per key: {key tuple: (value, source)}."""
    if rows is None or len(rows) == 0:
        return {}
    order = ["published"] if "published" in rows else []
    rows = rows.sort_values(order, kind="stable") if order else rows
    out = {}
    for rec in rows.itertuples(index=False):
        d = rec._asdict()
        key = tuple(_plain(d[k]) for k in keys)
        out[key] = (float(d["value"]), d.get("source"))
    return out


def _plain(value):
    """A key value as a plain Python value (numpy ints to int, NA to None)."""
    if value is None or value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def figure_changes(old, new, *, keys: list[str] | None = None, decimals: int = 0) -> list[FigureChange]:
    """Compare the figures of one series in two tidy frames (``sdlib.load(..., vintage="all")`` shape).

    ``keys`` identify a figure (default: ``year``, the dimension columns, ``measure``: every column between
    ``series``/``year`` and ``measure``); ``decimals`` is how the series is printed. Returns the changes
    ordered by kind (nieuw, herzien, bevestigd, vervallen), then key.
    """
    if keys is None:
        frame = new if new is not None and len(new) else old
        cols = list(frame.columns)
        keys = ["year", *cols[cols.index("year") + 1 : cols.index("measure")], "measure"]
    series = ""
    for frame in (new, old):
        if frame is not None and len(frame) and "series" in frame:
            series = str(frame["series"].iloc[0])
            break
    before, after = _latest(old, keys), _latest(new, keys)
    old_years = {k[0] for k in before}
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: tuple(str(v) for v in k)):
        o, n = before.get(key), after.get(key)
        year, measure = int(key[0]), str(key[-1])
        dims = tuple((col, val) for col, val in zip(keys[1:-1], key[1:-1]))
        common = {"series": series, "year": year, "measure": measure, "dimensions": dims, "decimals": decimals}
        if o is None:
            changes.append(
                FigureChange("nieuw", new_value=n[0], new_source=n[1], new_year=year not in old_years, **common)
            )
        elif n is None:
            changes.append(FigureChange("vervallen", old_value=o[0], old_source=o[1], **common))
        else:
            same_print = half_up(o[0], decimals) == half_up(n[0], decimals)
            if same_print and o[1] == n[1]:
                continue
            kind = "bevestigd" if same_print else "herzien"
            changes.append(
                FigureChange(kind, old_value=o[0], old_source=o[1], new_value=n[0], new_source=n[1], **common)
            )
    changes.sort(key=lambda c: KINDS.index(c.kind))
    return changes


def verdict_changes(series: str, old_dir, new_dir) -> list[VerdictChange]:
    """The verdicts of indicator ``series`` that differ between two data folders (every year of either)."""
    old_rows, new_rows = load(series, data_dir=old_dir), load(series, data_dir=new_dir)
    years = sorted({int(y) for y in old_rows["year"]} | {int(y) for y in new_rows["year"]})
    out = []
    for year in years:
        a = assess(old_rows, series, year, data_dir=old_dir)
        b = assess(new_rows, series, year, data_dir=new_dir)
        if a.computed != b.computed:
            out.append(VerdictChange(series, year, "berekend", a.computed, b.computed, source=b.source or a.source))
        if a.published != b.published:
            out.append(
                VerdictChange(
                    series,
                    year,
                    "gepubliceerd",
                    a.published,
                    b.published,
                    source=b.published_source or a.published_source,
                )
            )
    return out


def _series_in(folder: Path) -> set[str]:
    """The series with a data file in ``folder/series`` that the folder's catalog knows."""
    files = {p.stem for p in (Path(folder) / "series").glob("*.csv")}
    if not files or not (Path(folder) / "catalog.yml").is_file():
        return set()
    return files & set(read_catalog(folder)["series"])


def compare_folders(old_dir, new_dir, *, series=None) -> Comparison:
    """Compare the figures and verdicts of two data folders.

    Parameters
    ----------
    old_dir, new_dir : path
        Two data folders (each with ``catalog.yml``, ``sources.csv`` and the ``series/`` files to compare; a
        folder may hold only the files one report read).
    series : iterable of str, optional
        The series to compare (default: every series with a file in either folder). A series with a file in
        only one folder is listed as added or removed, not figure by figure.
    """
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    in_old, in_new = _series_in(old_dir), _series_in(new_dir)
    wanted = sorted(set(series) if series is not None else in_old | in_new)
    out = Comparison()
    old_sources = read_sources(old_dir) if in_old else {}
    new_sources = read_sources(new_dir) if in_new else {}
    old_model = model(old_dir) if in_old else None
    new_model = model(new_dir) if in_new else None
    seen_old_sources: set = set()
    seen_new_sources: list = []
    for sid in wanted:
        entry = (new_model.series.get(sid) if new_model else None) or (old_model.series.get(sid) if old_model else None)
        if entry is None:
            continue
        title = entry.title
        if sid in in_new and sid not in in_old:
            out.series_added.append((sid, title))
            continue
        if sid in in_old and sid not in in_new:
            out.series_removed.append((sid, title))
            continue
        if sid not in in_old:
            continue
        old_rows = load(sid, vintage="all", data_dir=old_dir)
        new_rows = load(sid, vintage="all", data_dir=new_dir)
        seen_old_sources |= set(old_rows["source"])
        seen_new_sources += list(dict.fromkeys(new_rows["source"]))
        decimals = new_model.decimals(sid)
        keys = key_columns({"dimensions": list(entry.dimensions or [])})
        for change in figure_changes(old_rows, new_rows, keys=keys, decimals=decimals):
            out.figures.append(
                replace(
                    change,
                    title=title,
                    unit=str(entry.unit),
                    old_source_title=_short(old_sources, change.old_source),
                    new_source_title=_short(new_sources, change.new_source),
                )
            )
        if entry.indicator:
            for v in verdict_changes(sid, old_dir, new_dir):
                out.verdicts.append(
                    replace(v, title=title, source_title=_short(new_sources, v.source) or _short(old_sources, v.source))
                )
    out.new_sources = [
        (s, _short(new_sources, s) or s) for s in dict.fromkeys(seen_new_sources) if s not in seen_old_sources
    ]
    return out


def _short(sources: dict, source_id) -> str | None:
    if source_id is None:
        return None
    row = sources.get(source_id)
    return (row or {}).get("short_title") or str(source_id)
