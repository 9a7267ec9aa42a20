"""Validation of the data files with pandera schemas built from the catalog.

A series file is checked in three passes: the file itself (present, UTF-8, parseable, right columns), every
cell as text (so a Dutch-formatted number is reported as such), and the typed values (unit ranges, whole
counts, duplicate keys). ``validate_all`` adds the checks across files. Nothing here writes to ``data/``.
"""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

from . import paths
from .catalog import DIRECTIONS, read_catalog, read_sources
from .errors import DataValidationError, Problem

__all__ = ["validate_all", "read_series_file", "BASE_COLUMNS", "key_columns"]

BASE_COLUMNS = ["year", "measure", "value", "source", "table", "reference_date", "provisional"]
OPTIONAL_COLUMNS = ["note"]
INTEGER_UNITS = {"count"}
_NUMBER = r"-?\d+(\.\d+)?"
_DUTCH_THOUSANDS = r"-?\d{1,3}(\.\d{3})+"


def key_columns(meta: dict) -> list[str]:
    """Return the columns that identify one figure of a publication: year, dimensions, measure."""
    return ["year", *meta.get("dimensions", []), "measure"]


def _rel(path: Path, data_dir: Path) -> str:
    try:
        return str(Path("data") / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def _read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, None, "file not found; every series in the catalog needs a data file")]
    if not raw.strip():
        return None, [Problem(name, None, None, "file is empty; expected a header line and at least one row")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(name, line, None, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save the file as UTF-8")
        ]


def _pandera():
    """Import pandera.pandas; with the spark extra installed it imports pyspark.pandas, which warns about pandas 3."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support", category=FutureWarning)
        import pandera.pandas as pa
    return pa


def _raw_schema(meta: dict, cat: dict, sources: dict):
    pa = _pandera()

    unit = meta.get("unit")
    value_checks = [
        pa.Check(lambda s: ~s.str.contains(",", regex=False), element_wise=False,
                 error="decimal comma (Dutch notation): write 45.9, not 45,9"),
    ]
    if unit in INTEGER_UNITS or unit == "eur":
        value_checks.append(
            pa.Check(lambda s: ~s.str.fullmatch(_DUTCH_THOUSANDS), element_wise=False,
                     error="looks like a Dutch thousands separator: write 4747, not 4.747")
        )
    value_checks.append(pa.Check.str_matches(f"^{_NUMBER}$", error="expected a plain number such as 4747 or 45.9"))
    columns = {
        "year": pa.Column(str, pa.Check.str_matches(r"^\d{4}$", error="expected a whole year such as 2024")),
        "measure": pa.Column(str, pa.Check.isin(list(cat["measures"]), error=f"expected one of: {', '.join(cat['measures'])}")),
        "value": pa.Column(str, value_checks),
        "source": pa.Column(str, pa.Check.isin(list(sources), error=f"unknown source; expected an id from data/sources.csv: {', '.join(sources)}")),
        "table": pa.Column(str, pa.Check.str_length(min_value=1, error="expected the table or paragraph as printed")),
        "reference_date": pa.Column(str, pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$", error="expected an ISO date (YYYY-MM-DD) or empty")),
        "provisional": pa.Column(str, pa.Check.isin(["true", "false"], error="expected true or false")),
    }
    for dim in meta.get("dimensions", []):
        allowed = [str(v) for v in cat["dimensions"].get(dim, {}).get("values", [])]
        columns[dim] = pa.Column(str, pa.Check.isin(allowed, error=f"expected one of: {', '.join(allowed)}"))
    return pa.DataFrameSchema(columns, strict=False)


def _typed_schema(meta: dict, cat: dict):
    pa = _pandera()

    unit = cat["units"].get(meta.get("unit"), {})
    lo = meta.get("min", unit.get("min"))
    hi = meta.get("max", unit.get("max"))
    checks = []
    if lo is not None:
        checks.append(pa.Check.ge(lo, error=f"{unit.get('title', meta.get('unit'))} must be at least {lo}"))
    if hi is not None:
        checks.append(pa.Check.le(hi, error=f"{unit.get('title', meta.get('unit'))} must be at most {hi}"))
    if unit.get("integer"):
        checks.append(pa.Check(lambda s: s % 1 == 0, error="a count must be a whole number"))
    return pa.DataFrameSchema({"value": pa.Column(float, checks)}, strict=False)


def _schema_problems(schema, df, name: str) -> list[Problem]:
    _pandera()
    import pandera.errors as pe

    try:
        with warnings.catch_warnings():  # the first validation registers backends, which probes pyspark too
            warnings.filterwarnings("ignore", message="PySpark does not yet fully support", category=FutureWarning)
            schema.validate(df, lazy=True)
    except pe.SchemaErrors as err:
        seen, out = set(), []
        fc = err.failure_cases
        for rec in fc.itertuples(index=False):
            idx = rec.index
            row = int(idx) + 2 if idx is not None and idx == idx else None
            key = (row, rec.column)
            if key in seen:
                continue
            seen.add(key)
            check = str(rec.check)
            message = check if rec.failure_case is None else f"{check}; found {rec.failure_case!r}"
            out.append(Problem(name, row, rec.column, message))
        return sorted(out, key=lambda p: (p.row or 0, p.column or ""))
    return []


def read_series_file(series_id: str, data_dir=None):
    """Read and check one series file.

    Returns
    -------
    (pandas.DataFrame or None, list of Problem)
        The typed frame (None when the file cannot be read as a table) and every problem found.
    """
    import pandas as pd

    ddir = Path(data_dir) if data_dir is not None else paths.data_dir()
    cat = read_catalog(ddir)
    sources = read_sources(ddir)
    meta = {"dimensions": []} | cat["series"][series_id]
    path = ddir / "series" / f"{series_id}.csv"
    name = _rel(path, ddir)
    text, problems = _read_text(path, name)
    if text is None:
        return None, problems
    rows = list(csv.reader(io.StringIO(text)))
    width = len(rows[0])
    ragged = [Problem(name, i, None, f"has {len(r)} fields where the header has {width}; quote text that contains a comma")
              for i, r in enumerate(rows[1:], start=2) if len(r) != width and any(r)]
    if ragged:
        return None, problems + ragged
    body = [(i, r) for i, r in enumerate(rows[1:]) if any(r)]  # index = line number - 2
    df = pd.DataFrame([r for _, r in body], columns=rows[0], index=[i for i, _ in body], dtype=str)
    expected = ["year", *meta["dimensions"], *BASE_COLUMNS[1:]]
    missing = [c for c in expected if c not in df.columns]
    extra = [c for c in df.columns if c not in expected + OPTIONAL_COLUMNS]
    problems += [Problem(name, 1, c, f"missing column; expected columns: {', '.join(expected)}") for c in missing]
    problems += [Problem(name, 1, c, f"unexpected column; expected columns: {', '.join(expected)} (+ note)") for c in extra]
    if missing:
        return None, problems
    if df.empty:
        return None, problems + [Problem(name, None, None, "no data rows below the header")]
    problems += _schema_problems(_raw_schema(meta, cat, sources), df, name)
    if problems:
        return None, problems
    typed = df.copy()
    typed["year"] = typed["year"].astype("int64")
    typed["value"] = typed["value"].astype("float64")
    typed["provisional"] = typed["provisional"] == "true"
    typed["reference_date"] = pd.to_datetime(typed["reference_date"].replace("", None), format="%Y-%m-%d", errors="coerce")
    bad_dates = df.index[(df["reference_date"] != "") & typed["reference_date"].isna()]
    problems += [Problem(name, int(i) + 2, "reference_date", f"not a real date; found {df.at[i, 'reference_date']!r}") for i in bad_dates]
    if "month" in meta["dimensions"]:
        typed["month"] = typed["month"].astype("int64")
    typed["note"] = typed["note"].replace("", None) if "note" in typed else None
    problems += _schema_problems(_typed_schema(meta, cat), typed, name)
    keys = key_columns(meta) + ["source"]
    dup = typed.duplicated(keys, keep=False)
    for _, grp in typed[dup].groupby(keys, sort=False):
        lines = [int(i) + 2 for i in grp.index]
        for line in lines[1:]:
            problems.append(Problem(name, line, None, f"duplicate key {', '.join(keys)} within one source; same as line {lines[0]}"))
    return (None if problems else typed), problems


def _catalog_problems(cat: dict, sources: dict, name: str) -> list[Problem]:
    problems = []
    required = ["title", "definition", "unit", "theme"]
    for sid, m in cat["series"].items():
        if not isinstance(m, dict):
            problems.append(Problem(name, None, sid, "expected a mapping of metadata fields"))
            continue
        for field in required:
            if not m.get(field):
                problems.append(Problem(name, None, sid, f"missing field '{field}'"))
        if m.get("unit") and m["unit"] not in cat["units"]:
            problems.append(Problem(name, None, sid, f"unknown unit {m['unit']!r}; expected one of: {', '.join(cat['units'])}"))
        if m.get("theme") and m["theme"] not in cat["themes"]:
            problems.append(Problem(name, None, sid, f"unknown theme {m['theme']!r}; expected one of: {', '.join(cat['themes'])}"))
        if m.get("direction") is not None and m["direction"] not in DIRECTIONS:
            problems.append(Problem(name, None, sid, f"unknown direction {m['direction']!r}; expected one of: {', '.join(DIRECTIONS)}"))
        for dim in m.get("dimensions", []):
            if dim not in cat["dimensions"]:
                problems.append(Problem(name, None, sid, f"dimension {dim!r} is not declared under 'dimensions'"))
        for v in m.get("verdicts", []):
            if v.get("source") not in sources or not isinstance(v.get("year"), int) or not isinstance(v.get("achieved"), bool):
                problems.append(Problem(name, None, sid, f"verdict {v!r} needs an int year, a true/false 'achieved' and a known source"))
    return problems


def _vintage_problems(sid: str, df, meta: dict, sources: dict, name: str) -> list[Problem]:
    """Two publications of the same year giving the same figure make 'latest' ambiguous."""
    problems = []
    keyed = df.assign(_pub=df["source"].map(lambda s: sources[s]["publication_year"]))
    keys = key_columns(meta)
    for _, grp in keyed.groupby(keys, sort=False):
        if grp["source"].nunique() > 1 and grp.groupby("_pub")["source"].nunique().max() > 1:
            problems.append(
                Problem(name, int(grp.index[0]) + 2, "source",
                        "two sources published in the same year give this figure; cannot tell which is latest")
            )
    return problems


def validate_all(data_dir=None) -> list[Problem]:
    """Check every file in the data folder and the catalog against each other.

    Returns
    -------
    list of Problem
        Empty when everything is valid.
    """
    ddir = Path(data_dir) if data_dir is not None else paths.data_dir()
    try:
        cat = read_catalog(ddir)
        sources = read_sources(ddir)
    except DataValidationError as exc:
        return exc.problems
    name = _rel(ddir / "catalog.yml", ddir)
    problems = _catalog_problems(cat, sources, name)
    files = {p.stem for p in (ddir / "series").glob("*.csv")}
    for stem in sorted(files - set(cat["series"])):
        problems.append(Problem(_rel(ddir / "series" / f"{stem}.csv", ddir), None, None,
                                "series file has no entry in data/catalog.yml"))
    for sid in sorted(cat["series"]):
        if not isinstance(cat["series"][sid], dict):
            continue
        df, file_problems = read_series_file(sid, ddir)
        problems += file_problems
        if df is not None:
            meta = {"dimensions": []} | cat["series"][sid]
            problems += _vintage_problems(sid, df, meta, sources, _rel(ddir / "series" / f"{sid}.csv", ddir))
    return problems
