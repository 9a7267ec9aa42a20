"""Adding the figures of a new publication as a new vintage, validated before anything is written.

The new rows go into a scratch copy of the data folder first; only when every file of that copy passes
validation are the changed files written back (atomically). Rows of older publications are never touched:
a revised figure stands beside the old one, with its own source.
"""

from __future__ import annotations

import csv
import difflib
import io
import shutil
import tempfile
from pathlib import Path

from . import paths
from .catalog import read_catalog, read_sources
from .errors import DataValidationError, Problem
from .fileio import atomic_write
from .validate import BASE_COLUMNS, key_columns, read_series_file

__all__ = ["add_publication"]

SOURCE_FIELDS = ["id", "short_title", "title", "publisher", "publication_year"]


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataValidationError([Problem(str(path), None, None, "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise DataValidationError([Problem(str(path), None, None, f"not UTF-8 ({exc.reason}); save the file as UTF-8")]) from None
    reader = csv.DictReader(io.StringIO(text))
    rows = [(i, row) for i, row in enumerate(reader, start=2) if any((v or "").strip() for v in row.values())]
    header = reader.fieldnames or []
    missing = [c for c in ["series", *[c for c in BASE_COLUMNS if c != "source"]] if c not in header]
    if missing:
        raise DataValidationError([Problem(str(path), 1, c, "missing column; expected series, year, dimension columns, "
                                                           "measure, value, table, reference_date, provisional") for c in missing])
    if not rows:
        raise DataValidationError([Problem(str(path), None, None, "no data rows below the header")])
    return header, rows


def _check_source(source: dict | None, sources: dict, name: str) -> list[Problem]:
    if source is None:
        return []
    problems = [Problem(name, None, None, f"source needs the field '{f}'") for f in SOURCE_FIELDS if not source.get(f)]
    if source.get("id") in sources:
        problems.append(Problem(name, None, None, f"source id {source['id']!r} is already in data/sources.csv; "
                                                  "leave out the new-source details to add rows to it"))
    try:
        int(source.get("publication_year", ""))
    except (TypeError, ValueError):
        problems.append(Problem(name, None, None, f"publication_year must be a year, got {source.get('publication_year')!r}"))
    return problems


def _append(path: Path, rows: list[dict]) -> tuple[int, list[int]]:
    """Append rows in the file's column order; return the first new line number and the new lines."""
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    first = text.count("\n") + (0 if text.endswith("\n") else 1) + 1
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(col, "") or "" for col in header])
    path.write_text(text + ("" if text.endswith("\n") else "\n") + buf.getvalue(), encoding="utf-8")
    return first, list(range(first, first + len(rows)))


def _differences(series_ids, new_source: set, data_dir: Path):
    import pandas as pd

    from .load import load

    out = []
    for sid in series_ids:
        meta = read_catalog(data_dir)["series"][sid]
        df = load(sid, vintage="all", data_dir=data_dir)
        keys = key_columns({"dimensions": meta.get("dimensions", [])})
        for _, grp in df.groupby(keys, sort=False):
            new = grp[grp["source"].isin(new_source)]
            old = grp[~grp["source"].isin(new_source)]
            if len(new) and len(old):
                prev, cur = old.iloc[-1], new.iloc[-1]
                dims = ", ".join(f"{d}={cur[d]}" for d in meta.get("dimensions", []))
                out.append({"series": sid, "year": int(cur["year"]), "dimensions": dims, "measure": cur["measure"],
                            "previous_source": prev["source"], "previous_value": prev["value"],
                            "new_source": cur["source"], "new_value": cur["value"],
                            "difference": cur["value"] - prev["value"]})
    return pd.DataFrame(out, columns=["series", "year", "dimensions", "measure", "previous_source", "previous_value",
                                      "new_source", "new_value", "difference"])


def add_publication(csv_path, *, source: dict | None = None, data_dir=None, dry_run: bool = False):
    """Add the figures of a publication to the data folder as a new vintage.

    Parameters
    ----------
    csv_path : str or Path
        New figures: columns ``series, year``, the dimension columns of those series (empty for others),
        ``measure, value, table, reference_date, provisional, note`` and optionally ``source``.
    source : dict, optional
        A publication not yet in ``sources.csv``: ``id, short_title, title, publisher, publication_year``.
        Rows without a ``source`` value get this id.
    data_dir : path, optional
        The data folder to update (default: the project's ``data/``).
    dry_run : bool, default False
        Validate and report the differences, but write nothing.

    Returns
    -------
    pandas.DataFrame
        Figures that the new publication revises: previous and new source and value, and the difference.

    Raises
    ------
    DataValidationError
        With every problem, named by the input file, line and column; nothing is written then.
    """
    ddir = Path(data_dir) if data_dir is not None else paths.data_dir()
    path = Path(csv_path)
    name = str(csv_path)
    header, rows = _read_rows(path)
    catalog = read_catalog(ddir)["series"]
    sources = read_sources(ddir)
    problems = _check_source(source, sources, name)
    by_series: dict[str, list[tuple[int, dict]]] = {}
    for line, row in rows:
        sid = (row.get("series") or "").strip()
        if sid not in catalog:
            close = difflib.get_close_matches(sid, catalog, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else "; add it to data/catalog.yml first"
            problems.append(Problem(name, line, "series", f"unknown series {sid!r}{hint}"))
            continue
        if not (row.get("source") or "").strip():
            if source is None:
                problems.append(Problem(name, line, "source", "no source: fill the column or give the new publication"))
                continue
            row["source"] = source["id"]
        by_series.setdefault(sid, []).append((line, row))
    if problems:
        raise DataValidationError(problems)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / "data"
        shutil.copytree(ddir, work)
        if source is not None:
            with open(work / "sources.csv", "a", encoding="utf-8", newline="") as fh:
                fields = next(csv.reader(open(work / "sources.csv", encoding="utf-8")))
                csv.writer(fh, lineterminator="\n").writerow([source.get(f, "") for f in fields])
        for sid, items in by_series.items():
            _, new_lines = _append(work / "series" / f"{sid}.csv", [r for _, r in items])
            line_map = dict(zip(new_lines, (line for line, _ in items)))
            for p in read_series_file(sid, work)[1]:
                row = line_map.get(p.row)
                where = (name, row) if row is not None else (f"data/series/{sid}.csv", p.row)
                problems.append(Problem(where[0], where[1], p.column, f"{sid}: {p.message}"))
        if problems:
            raise DataValidationError(problems)
        new_ids = {r["source"] for items in by_series.values() for _, r in items}
        diff = _differences(by_series, new_ids, work)
        if not dry_run:
            changed = [Path("series") / f"{sid}.csv" for sid in by_series] + ([Path("sources.csv")] if source else [])
            for rel in changed:
                atomic_write(ddir / rel, (work / rel).read_bytes())
    return diff
