"""Validation of the data files with pandera schemas built from the catalog.

A series file is checked in three passes: the file itself (a readable regular file inside the data folder,
UTF-8 without BOM, parseable, right columns), every cell as text (so a Dutch-formatted number is reported as
such), and the typed values (years 1990 to this year + 5, unit ranges, whole counts, duplicate keys).
``validate_all`` adds the checks across files, of the catalog's themes, programme and objectives
(:func:`catalog_problems`), of ``gemeente.yml`` (:func:`sdlib.data.config.municipality_problems`) and of the
printed explanations in ``toelichtingen.csv`` (:func:`sdlib.data.texts.toelichting_problems`); a series
marked ``records_only: true`` needs no data file. :func:`series_problems` gives the same checks for one series
(``load`` uses it). Lists of problems are capped (50 per file, 200 in all) with the count of the rest.
Nothing here writes to ``data/``, except finishing an interrupted ``sdlib data add`` (see
:func:`sdlib.data.journal.recover`).
"""

from __future__ import annotations

import csv
import io
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sdlib.data import paths
from sdlib.data.catalog import (
    BOM,
    BOM_MESSAGE,
    DIRECTIONS,
    _catalog_and_lines,
    catalog_lines,
    dimension_values,
    is_records_only,
    objective_labels,
    programme,
    read_catalog,
    read_data_bytes,
    read_sources,
    rel_name,
    theme_labels,
    year_range,
)
from sdlib.data.config import municipality_problems
from sdlib.data.errors import DataValidationError, Problem
from sdlib.data.journal import recover
from sdlib.data.texts import toelichting_problems

__all__ = ["validate_all", "read_series_file", "check_series_text", "series_problems", "catalog_problems",
           "cap_problems", "Omitted", "BASE_COLUMNS", "key_columns", "PER_FILE", "TOTAL"]

BASE_COLUMNS = ["year", "measure", "value", "source", "table", "reference_date", "provisional"]
OPTIONAL_COLUMNS = ["note"]
INTEGER_UNITS = {"count"}
PER_FILE = 50
TOTAL = 200
_NUMBER = r"-?\d+(\.\d+)?"
_DUTCH_THOUSANDS = r"-?\d{1,3}(\.\d{3})+"


@dataclass(frozen=True)
class Omitted(Problem):
    """Stands for ``count`` problems of ``file`` that are not listed (see :func:`cap_problems`)."""

    count: int = 0
    kind: str = ""


def _nl(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _kind(p: Problem) -> str:
    return f"{p.column}|{p.message.split(';')[0]}"


def _omitted(file: str, count: int, kinds: set) -> Omitted:
    what = "van dezelfde soort" if len(kinds) == 1 else "(niet getoond)"
    return Omitted(file, None, None, f"... en nog {_nl(count)} problemen {what}", count=count,
                   kind=next(iter(kinds)) if len(kinds) == 1 else "")


def cap_problems(problems: list[Problem], per_file: int = PER_FILE, total: int = TOTAL) -> list[Problem]:
    """Keep the first ``per_file`` problems of each file and ``total`` in all; count the rest per file."""
    shown, per = [], Counter()
    hidden, kinds = Counter(), {}
    for p in problems:
        if isinstance(p, Omitted):
            hidden[p.file] += p.count
            kinds.setdefault(p.file, set()).add(p.kind or object())
        elif per[p.file] < per_file and len(shown) < total:
            shown.append(p)
            per[p.file] += 1
        else:
            hidden[p.file] += 1
            kinds.setdefault(p.file, set()).add(_kind(p))
    return shown + [_omitted(f, n, kinds[f]) for f, n in hidden.items()]


def total_count(problems: list[Problem]) -> int:
    """Number of problems, counting those an :class:`Omitted` stands for."""
    return sum(p.count if isinstance(p, Omitted) else 1 for p in problems)


def key_columns(meta: dict) -> list[str]:
    """Return the columns that identify one figure of a publication: year, dimensions, measure."""
    return ["year", *meta.get("dimensions", []), "measure"]


def _rel(path: Path, data_dir: Path) -> str:
    return rel_name(path, data_dir)


def _decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(BOM):
        return None, [Problem(name, 1, None, BOM_MESSAGE)]
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
        allowed = [str(v) for v in (cat["dimensions"].get(dim) or {}).get("values", [])]
        columns[dim] = pa.Column(str, pa.Check.isin(allowed, error=f"expected one of: {', '.join(allowed)}"))
    return pa.DataFrameSchema(columns, strict=False)


def _typed_schema(meta: dict, cat: dict):
    pa = _pandera()

    unit = cat["units"].get(meta.get("unit")) or {}
    lo = meta.get("min", unit.get("min"))
    hi = meta.get("max", unit.get("max"))
    checks = []
    if lo is not None:
        checks.append(pa.Check.ge(lo, error=f"{unit.get('title', meta.get('unit'))} must be at least {lo}"))
    if hi is not None:
        checks.append(pa.Check.le(hi, error=f"{unit.get('title', meta.get('unit'))} must be at most {hi}"))
    if unit.get("integer"):
        checks.append(pa.Check(lambda s: s % 1 == 0, error="a count must be a whole number"))
    first, last = year_range()
    year = pa.Column("int64", pa.Check.in_range(first, last, error=f"jaar buiten het bereik {first}-{last} "
                                                                   "(1990 tot en met dit jaar + 5)"))
    return pa.DataFrameSchema({"year": year, "value": pa.Column(float, checks)}, strict=False)


def _schema_problems(schema, df, name: str, limit: int = PER_FILE) -> list[Problem]:
    _pandera()
    import pandera.errors as pe

    try:
        with warnings.catch_warnings():  # the first validation registers backends, which probes pyspark too
            warnings.filterwarnings("ignore", message="PySpark does not yet fully support", category=FutureWarning)
            schema.validate(df, lazy=True)
    except pe.SchemaErrors as err:
        fc = err.failure_cases
        rows = [int(i) + 2 if i is not None and i == i else None for i in fc["index"]]
        fc = fc.assign(line_=rows).drop_duplicates(["line_", "column"])
        fc = fc.sort_values(["line_", "column"], key=lambda s: s.fillna(0) if s.name == "line_" else s.fillna(""),
                            kind="stable")
        out = []
        for rec in fc.head(limit).itertuples(index=False):
            row = None if rec.line_ is None or rec.line_ != rec.line_ else int(rec.line_)
            check = str(rec.check)
            message = check if rec.failure_case is None else f"{check}; found {rec.failure_case!r}"
            out.append(Problem(name, row, rec.column, message))
        if len(fc) > limit:
            kinds = {f"{c}|{str(k).split(';')[0]}" for c, k in zip(fc["column"][limit:], fc["check"][limit:])}
            out.append(_omitted(name, len(fc) - limit, kinds))
        return out
    return []


def check_series_text(series_id: str, text: str, name: str, cat: dict, sources: dict):
    """Check the text of one series file against its catalog entry and the sources.

    Returns
    -------
    (pandas.DataFrame or None, list of Problem)
        The typed frame (None when there is any problem) and the problems, capped at 50 per file.
    """
    import pandas as pd

    meta = {"dimensions": []} | cat["series"][series_id]
    problems: list[Problem] = []
    rows = list(csv.reader(io.StringIO(text)))
    width = len(rows[0])
    ragged = [Problem(name, i, None, f"has {len(r)} fields where the header has {width}; quote text that contains a comma")
              for i, r in enumerate(rows[1:], start=2) if len(r) != width and any(r)]
    if ragged:
        return None, cap_problems(ragged)
    body = [(i, r) for i, r in enumerate(rows[1:]) if any(r)]  # index = line number - 2
    df = pd.DataFrame([r for _, r in body], columns=rows[0], index=[i for i, _ in body], dtype=str)
    expected = ["year", *meta["dimensions"], *BASE_COLUMNS[1:]]
    missing = [c for c in expected if c not in df.columns]
    extra = [c for c in df.columns if c not in expected + OPTIONAL_COLUMNS]
    problems += [Problem(name, 1, c, f"missing column; expected columns: {', '.join(expected)}") for c in missing]
    problems += [Problem(name, 1, c, f"unexpected column; expected columns: {', '.join(expected)} (+ note)") for c in extra]
    if len(set(df.columns)) != len(df.columns):
        twice = sorted({c for c in df.columns if list(df.columns).count(c) > 1})
        problems += [Problem(name, 1, c, "kolom staat twee keer in de kopregel") for c in twice]
    if missing or len(set(df.columns)) != len(df.columns):
        return None, problems
    if df.empty:
        return None, problems + [Problem(name, None, None, "no data rows below the header")]
    problems += _schema_problems(_raw_schema(meta, cat, sources), df, name)
    if problems:
        return None, cap_problems(problems)
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
    dup = typed.duplicated(keys, keep="first")
    if dup.any():
        pos = pd.Series(typed.index, index=typed.index)
        first = pos.groupby([typed[k] for k in keys], sort=False, dropna=False).transform("min")
        lines = [(int(i) + 2, int(first[i]) + 2) for i in typed.index[dup]]
        message = f"duplicate key {', '.join(keys)} within one source; same as line {{}}"
        problems += [Problem(name, line, None, message.format(orig)) for line, orig in lines[:PER_FILE]]
        if len(lines) > PER_FILE:
            problems.append(_omitted(name, len(lines) - PER_FILE, {f"None|{message.split(';')[0]}"}))
    problems = cap_problems(problems)
    return (None if problems else typed), problems


def read_series_file(series_id: str, data_dir=None):
    """Read and check one series file.

    Returns
    -------
    (pandas.DataFrame or None, list of Problem)
        The typed frame (None when the file cannot be read as a table) and every problem found (capped).
    """
    ddir = Path(data_dir) if data_dir is not None else paths.data_dir()
    cat = read_catalog(ddir)
    sources = read_sources(ddir)
    path = ddir / "series" / f"{series_id}.csv"
    name = _rel(path, ddir)
    raw, problems = read_data_bytes(path, ddir, name)
    if raw is None:
        if problems[0].message.startswith("bestand niet gevonden"):
            problems = [Problem(name, None, None, "file not found; every series in the catalog needs a data file")]
        return None, problems
    text, problems = _decode(raw, name)
    if text is None:
        return None, problems
    return check_series_text(series_id, text, name, cat, sources)


def entry_problems(sid: str, m, cat: dict, sources: dict, name: str, line: int | None = None) -> list[Problem]:
    """Check one series entry of the catalog; ``line`` is where it starts in ``catalog.yml``."""
    if not isinstance(m, dict):
        return [Problem(name, line, sid, "expected a mapping of metadata fields")]
    problems = []
    for field in ["title", "definition", "unit", "theme"]:
        if not m.get(field):
            problems.append(Problem(name, line, sid, f"missing field '{field}'"))
    if m.get("unit") and m["unit"] not in cat["units"]:
        problems.append(Problem(name, line, sid, f"unknown unit {m['unit']!r}; expected one of: {', '.join(cat['units'])}"))
    if m.get("theme") and m["theme"] not in cat["themes"]:
        problems.append(Problem(name, line, sid, f"unknown theme {m['theme']!r}; expected one of: {', '.join(cat['themes'])}"))
    if m.get("direction") is not None and m["direction"] not in DIRECTIONS:
        problems.append(Problem(name, line, sid, f"unknown direction {m['direction']!r}; expected one of: {', '.join(DIRECTIONS)}"))
    objectives = cat.get("objectives") if isinstance(cat.get("objectives"), dict) else {}
    if m.get("objective") is not None and m["objective"] not in objectives:
        problems.append(Problem(name, line, sid, f"onbekende doelstelling {m['objective']!r}; verwacht een id van "
                                                 f"'objectives:' ({', '.join(map(str, objectives)) or 'geen'}), "
                                                 "tussen aanhalingstekens: \"2.1\""))
    if "records_only" in m and not isinstance(m["records_only"], bool):
        problems.append(Problem(name, line, sid, f"'records_only' moet true of false zijn, niet {m['records_only']!r}"))
    dims = m.get("dimensions", [])
    if not isinstance(dims, list) or not all(isinstance(d, str) for d in dims):
        problems.append(Problem(name, line, sid, "'dimensions' moet een lijst van dimensienamen zijn, bijvoorbeeld [care_type]"))
        dims = []
    for dim in dims:
        if dim not in cat["dimensions"]:
            problems.append(Problem(name, line, sid, f"dimension {dim!r} is not declared under 'dimensions'"))
    if "decimals" in m and (isinstance(m["decimals"], bool) or not isinstance(m["decimals"], int)
                            or not 0 <= m["decimals"] <= 3):
        problems.append(Problem(name, line, sid, f"'decimals' moet een heel getal van 0 tot en met 3 zijn (het aantal "
                                                 f"decimalen dat de documenten drukken), niet {m['decimals']!r}"))
    problems += _break_problems(sid, m.get("breaks", []), name, line)
    verdicts = m.get("verdicts", [])
    for v in verdicts if isinstance(verdicts, list) else [verdicts]:
        if (not isinstance(v, dict) or v.get("source") not in sources or not isinstance(v.get("year"), int)
                or not isinstance(v.get("achieved"), bool)):
            problems.append(Problem(name, line, sid, f"verdict {v!r} needs an int year, a true/false 'achieved' and a known source"))
    return problems


def _break_problems(sid: str, breaks, name: str, line: int | None) -> list[Problem]:
    """``breaks:`` is a list of ``{year: <int>, note: <text>}``, each year once and in the allowed range."""
    if not isinstance(breaks, list):
        return [Problem(name, line, sid, "'breaks' moet een lijst zijn, bijvoorbeeld "
                                         "[{year: 2021, note: 'tabel 84134NED opgevolgd door 85099NED'}]")]
    first, last = year_range()
    problems, years = [], set()
    for b in breaks:
        ok = (isinstance(b, dict) and set(b) == {"year", "note"} and isinstance(b["year"], int)
              and not isinstance(b["year"], bool) and isinstance(b["note"], str) and b["note"].strip())
        if not ok:
            problems.append(Problem(name, line, sid, f"trendbreuk {b!r} moet precies een heel jaartal 'year' en een "
                                                     "niet-lege tekst 'note' hebben"))
        elif not first <= b["year"] <= last:
            problems.append(Problem(name, line, sid, f"trendbreuk in {b['year']}: jaar buiten het bereik {first}-{last}"))
        elif b["year"] in years:
            problems.append(Problem(name, line, sid, f"trendbreuk in {b['year']} staat twee keer in 'breaks'"))
        else:
            years.add(b["year"])
    return problems


def _structural(m) -> bool:
    """True when an entry is too broken to read its file by (not a mapping, dimensions not a list of names)."""
    dims = m.get("dimensions", []) if isinstance(m, dict) else None
    return not isinstance(dims, list) or not all(isinstance(d, str) for d in dims)


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
    return cap_problems(problems)


def series_problems(series_id: str, data_dir=None):
    """Check one series as ``validate_all`` does: its catalog entry, its file and its vintages.

    Returns
    -------
    (pandas.DataFrame or None, list of Problem)
        The typed frame (None when there is any problem) and the problems.
    """
    ddir = Path(data_dir) if data_dir is not None else paths.data_dir()
    cat = read_catalog(ddir)
    sources = read_sources(ddir)
    m = cat["series"][series_id]
    problems = entry_problems(series_id, m, cat, sources, _rel(ddir / "catalog.yml", ddir),
                              catalog_lines(ddir).get(series_id))
    if is_records_only(m):
        return None, problems + [Problem(_rel(ddir / "catalog.yml", ddir), catalog_lines(ddir).get(series_id), series_id,
                                         "deze reeks heeft geen gepubliceerde cijfers (records_only: true): alleen "
                                         "sdlib.records berekent haar uit een registratie-extract, bijvoorbeeld met "
                                         "sdlib.records.indicators(extract)")]
    if _structural(m):
        return None, problems
    df, file_problems = read_series_file(series_id, ddir)
    problems += file_problems
    if df is not None:
        meta = {"dimensions": []} | m
        problems += _vintage_problems(series_id, df, meta, sources, _rel(ddir / "series" / f"{series_id}.csv", ddir))
    return (None if problems else df), problems


def validate_all(data_dir=None) -> list[Problem]:
    """Check every file in the data folder and the catalog against each other, and ``gemeente.yml``.

    An interrupted ``sdlib data add`` is finished (or undone) first, see :func:`sdlib.data.journal.recover`.

    Returns
    -------
    list of Problem
        Empty when everything is valid. At most 50 problems per file and 200 in all are listed; an
        :class:`Omitted` entry per file gives the count of the rest.
    """

    ddir = Path(data_dir) if data_dir is not None else paths.data_dir()
    try:
        recover(ddir)
        cat = read_catalog(ddir)
        read_sources(ddir)  # raises on a broken sources.csv
    except DataValidationError as exc:
        return cap_problems(exc.problems)

    problems = municipality_problems(ddir) + catalog_problems(ddir)
    series_dir = ddir / "series"
    files = {p.stem for p in series_dir.glob("*.csv")} if series_dir.is_dir() else set()
    for stem in sorted(files - set(cat["series"])):
        problems.append(Problem(_rel(series_dir / f"{stem}.csv", ddir), None, None,
                                "series file has no entry in data/catalog.yml"))
    for sid in sorted(cat["series"]):
        if is_records_only(cat["series"][sid]):
            problems += _records_only_problems(sid, cat, ddir, sid in files)
        else:
            problems += series_problems(sid, ddir)[1]
    problems += toelichting_problems(ddir)
    return cap_problems(problems)


def _records_only_problems(sid: str, cat: dict, ddir: Path, has_file: bool) -> list[Problem]:
    """A record-only series: its entry is checked; it may have no data file (no document publishes it)."""
    name, line = _rel(ddir / "catalog.yml", ddir), catalog_lines(ddir).get(sid)
    problems = entry_problems(sid, cat["series"][sid], cat, read_sources(ddir), name, line)
    if has_file:
        problems.append(Problem(_rel(ddir / "series" / f"{sid}.csv", ddir), None, None,
                                "deze reeks staat in data/catalog.yml als records_only: true (alleen berekend uit "
                                "registraties); haal records_only weg als er gepubliceerde cijfers zijn, of dit bestand"))
    return problems


def catalog_problems(data_dir=None) -> list[Problem]:
    """Check the parts of ``catalog.yml`` besides the series: themes, programme, objectives.

    ``themes:`` must map each theme id to its label; ``objectives:`` (when there) each objective id to its label,
    with the same ids as the values of the dimension ``objective``; ``programme:`` (when there) needs an ``id``
    and a ``title``.
    """

    ddir = Path(data_dir) if data_dir is not None else paths.data_dir()
    cat, _, keys = _catalog_and_lines(ddir)
    problems = []
    checks = [theme_labels]
    if "objectives" in cat:
        checks.append(objective_labels)
    if "programme" in cat:
        checks.append(programme)
    for check in checks:
        try:
            check(ddir)
        except DataValidationError as exc:
            problems += exc.problems
    if "objectives" in cat and not problems and "objective" in cat["dimensions"]:
        try:
            values = [str(v) for v in dimension_values("objective", ddir)]
        except DataValidationError as exc:
            return problems + exc.problems
        if values != list(cat["objectives"]):
            problems.append(Problem(_rel(ddir / "catalog.yml", ddir), keys.get("objectives"), None,
                                    f"de doelstellingen onder 'objectives:' ({', '.join(cat['objectives'])}) moeten "
                                    f"dezelfde zijn, in dezelfde volgorde, als de waarden van de dimensie 'objective' "
                                    f"({', '.join(values)})"))
    return problems
