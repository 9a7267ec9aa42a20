"""The record extract: its columns, allowed values and the row checks run on read.

One row is one care period (or one declaration) of one youth:

=============  ========  ==========================================================================
column         type      meaning
=============  ========  ==========================================================================
``client_id``  text      pseudonymised youth id (text or whole number); never empty
``birth_date`` date      date of birth (ages are taken on 1 July, 2e Rapportage Sociaal Domein 2019, tabel 2);
                         age 0 to 23 at ``start_date`` (the Jeugdwet covers 0 to 23)
``care_type``  text      one of :func:`care_types` (the ``care_type`` values of ``data/catalog.yml``)
``start_date`` date      first day of the period, inside the extract period
``end_date``   date      last day of the period (inclusive), not before ``start_date`` and not after the
                         end of the extract period; empty = still running on the reference date
``cost_eur``   number    declared cost of the whole period in euro, finite (no inf or NaN), not negative
``district``   text      stadswijk, one of the names in the districts file of ``data/gemeente.yml``
=============  ========  ==========================================================================

Dates are ISO (``YYYY-MM-DD``) in CSV and ``date`` (or timestamp, or ISO text) in Parquet; a typed Parquet column
of another type (an int64 date, a boolean cost) is refused as a whole (:func:`type_problems`). Extra columns
are ignored.
The checks are ibis expressions, so they run in DuckDB SQL (vectorised, no row loop) and on Spark alike.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from sdlib.data import paths
from sdlib.data.catalog import dimension_values
from sdlib.data.config import districts_path
from sdlib.data.errors import DataValidationError, Problem
from sdlib.data.paths import file_stamp, rel_name

__all__ = [
    "COLUMNS",
    "CARE_TYPES",
    "BY_COLUMNS",
    "MAX_AGE",
    "care_types",
    "districts",
    "row_checks",
    "type_problems",
    "typed",
]

COLUMNS = {
    "client_id": "string",
    "birth_date": "date",
    "care_type": "string",
    "start_date": "date",
    "end_date": "date",
    "cost_eur": "float64",
    "district": "string",
}
BY_COLUMNS = ("care_type", "district")
MAX_AGE = 23  # Jeugdwet: jeugdhulp (with its extension) is for youths of 0 up to and including 23 years
_MAX_FLOAT = sys.float_info.max
TOTAL_LABEL = "totaal"  # the margin row of disclosure tables (disclosure.TOTAL); no district may be named so


def care_types(data_dir=None) -> tuple[str, ...]:
    """Return the care types in catalog order: the values of the dimension ``care_type`` of ``catalog.yml``.

    Raises
    ------
    DataValidationError
        If the catalog declares no dimension ``care_type`` with values (the message names file and key).
    """

    return tuple(str(v) for v in dimension_values("care_type", data_dir))


class _CareTypes(Sequence):
    """:func:`care_types` of the current data folder as a constant-like sequence, read on first use.

    Importing :mod:`sdlib.records` reads no file; ``CARE_TYPES`` behaves like the tuple it used to be.
    """

    def __getitem__(self, index):
        return care_types()[index]

    def __len__(self) -> int:
        return len(care_types())

    def __eq__(self, other) -> bool:
        if isinstance(other, (tuple, list, _CareTypes)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(care_types())

    def __repr__(self) -> str:
        return repr(care_types())


CARE_TYPES = _CareTypes()  # the care types of the catalog (kept for importers; new code calls care_types())


@lru_cache(maxsize=4)
def _read_districts(path: str, data_dir: str, stamp) -> tuple[tuple[str, str, bool], ...]:
    """Read and check the districts file: every name non-empty, unique (ignoring case) and not ``Totaal``."""
    name = rel_name(Path(path).resolve(), Path(data_dir).resolve())
    with open(path, encoding="utf-8", newline="") as fh:
        numbered = [(i, line) for i, line in enumerate(fh, start=1) if not line.startswith("#") and line.strip()]
    if not numbered:
        raise DataValidationError([Problem(name, None, None, "het bestand is leeg; verwacht een kop met 'district'")])
    rows = csv.DictReader(line for _, line in numbered)
    header_line = numbered[0][0]
    missing = [c for c in ("district", "cbs_code", "confirmed") if c not in (rows.fieldnames or [])]
    if missing:
        raise DataValidationError(
            [
                Problem(name, header_line, c, "kolom ontbreekt; verwacht de kolommen district, cbs_code, confirmed")
                for c in missing
            ]
        )
    out, seen, problems = [], {}, []
    for (line, _), r in zip(numbered[1:], rows):
        district = r["district"] or ""
        key = district.strip().casefold()
        if not key:
            problems.append(Problem(name, line, "district", "lege wijknaam; elke regel heeft een naam nodig"))
        elif district != district.strip():
            problems.append(Problem(name, line, "district", f"wijknaam {district!r} begint of eindigt met een spatie"))
        elif key == TOTAL_LABEL:
            problems.append(
                Problem(
                    name,
                    line,
                    "district",
                    f"wijknaam {district!r} is niet toegestaan: 'Totaal' is de totaalregel van de tabellen",
                )
            )
        elif key in seen:
            problems.append(
                Problem(name, line, "district", f"wijknaam {district!r} staat dubbel; ook op regel {seen[key]}")
            )
        else:
            seen[key] = line
        out.append((district, r["cbs_code"], r["confirmed"] == "true"))
    if problems:
        raise DataValidationError(problems)
    return tuple(out)


def districts(data_dir=None) -> list[str]:
    """Return the district (stadswijk) names of the districts file that ``gemeente.yml`` names, in file order.

    Parameters
    ----------
    data_dir : path, optional
        The data folder (default: :func:`sdlib.data.paths.data_dir`).

    Raises
    ------
    DataValidationError
        If ``gemeente.yml`` is missing or wrong, or a name is empty, occurs twice (ignoring case) or is
        ``Totaal`` (the margin label of the disclosure tables); each problem names the file and the line.
    """

    ddir = Path(data_dir) if data_dir is not None else paths.data_dir()
    path = districts_path(ddir)
    return [name for name, _, _ in _read_districts(str(path), str(ddir), file_stamp(path))]


def _typed_columns(raw) -> dict:
    cols = {}
    for name, dtype in COLUMNS.items():
        col = raw[name]
        if dtype == "string":
            cols[name] = col.cast("string")
        elif col.type().is_string():
            cols[name] = (col.nullif("") if dtype == "date" else col).try_cast(dtype)
        else:
            cols[name] = col.cast(dtype)
    return cols


def typed(raw):
    """Cast a raw extract table (text or typed columns) to :data:`COLUMNS`; unreadable values become null.

    Parameters
    ----------
    raw : ibis.Table
        The extract as read, with at least the columns of :data:`COLUMNS`.

    Returns
    -------
    ibis.Table
        The same rows with exactly the columns of :data:`COLUMNS`, typed.
    """
    return raw.select(**_typed_columns(raw))


def _expected(name: str, dtype) -> str | None:
    """Return what a column of this type should have been, or None when its type is accepted."""
    if dtype.is_null() or dtype.is_string():
        return None
    kind = COLUMNS[name]
    if kind == "date":
        return None if dtype.is_date() or dtype.is_timestamp() else "een datum (date, timestamp of tekst JJJJ-MM-DD)"
    if kind == "float64":
        return None if dtype.is_numeric() and not dtype.is_boolean() else "een bedrag (getal)"
    if name == "client_id":
        return None if dtype.is_integer() else "tekst of een geheel getal"
    return "tekst"


def type_problems(schema) -> list[tuple[str, str]]:
    """Return ``(column, message)`` for every column of :data:`COLUMNS` whose type cannot hold its values.

    Text columns are always accepted (their values are checked row by row); a typed column must have a fitting
    type: dates date or timestamp, the cost a number (not a boolean), the client id a whole number.

    Parameters
    ----------
    schema : ibis.Schema
        Schema of the extract as read.
    """
    out = []
    for name in COLUMNS:
        if name in schema:
            expected = _expected(name, schema[name])
            if expected is not None:
                out.append((name, f"verwacht {expected}, gevonden {schema[name]}"))
    return out


def _unreadable(raw, name, dtype):
    col = raw[name]
    if not col.type().is_string() or dtype == "string":
        return None
    return col.notnull() & (col != "") & col.try_cast(dtype).isnull()


@lru_cache(maxsize=1)
def _isfinite():
    import ibis

    @ibis.udf.scalar.builtin(name="isfinite")
    def isfinite(x: float) -> bool:
        """DuckDB's ``isfinite``: false for inf, -inf and NaN."""

    return isfinite


def _nonfinite(cost, dialect: str):
    """Return whether the cost is inf, -inf or NaN.

    On DuckDB this must be ``NOT isfinite``: a Parquet writer leaves NaN out of the column's min/max statistics,
    and DuckDB's statistics propagation then folds ``isnan(cost)`` and ``cost > max`` to false for the whole
    file (DuckDB 1.x/2.0), so a NaN would pass. ``isfinite`` is not folded and costs about 0.05 s per 10M rows.
    """
    if dialect == "duckdb":
        return ~_isfinite()(cost)
    return cost.isnan() | cost.isinf()


def row_checks(raw, period, dialect: str = "duckdb"):
    """Return the raw table with typed copies of the columns and its row checks.

    The checks are ``(column, message, failing)`` with ``failing`` a boolean column of the returned table
    (typed copies are named ``t_<column>``).

    Parameters
    ----------
    raw : ibis.Table
        The extract as read (text or typed columns).
    period : tuple of datetime.date or None
        First and last day of the extract period; None skips the out-of-period checks.
    dialect : str, default "duckdb"
        The SQL dialect the checks run in (``duckdb`` or ``pyspark``).
    """
    import ibis

    kinds = list(care_types())
    district_file = rel_name(districts_path(), paths.data_dir())
    raw = raw.mutate(**{f"t_{k}": v for k, v in _typed_columns(raw).items()})
    t = _Prefixed(raw)
    nonfinite = _nonfinite(t.cost_eur, dialect)
    checks = [
        (
            "client_id",
            "lege client_id; elke regel heeft het gepseudonimiseerde id nodig",
            t.client_id.isnull() | (t.client_id == ""),
        ),
        ("birth_date", "lege geboortedatum", t.birth_date.isnull()),
        ("start_date", "lege startdatum", t.start_date.isnull()),
        (
            "care_type",
            f"onbekende zorgsoort; verwacht een van: {', '.join(kinds)}",
            t.care_type.isnull() | ~t.care_type.isin(kinds),
        ),
        (
            "district",
            f"onbekende wijk; verwacht een naam uit {district_file}",
            t.district.isnull() | ~t.district.isin(districts()),
        ),
        (
            "cost_eur",
            "leeg of negatief bedrag; verwacht een bedrag van 0 of meer",
            t.cost_eur.isnull() | ((t.cost_eur < 0) & (t.cost_eur >= -_MAX_FLOAT)),
        ),
        ("cost_eur", "geen eindig bedrag (inf, -inf of NaN); verwacht een bedrag van 0 of meer", nonfinite),
        ("end_date", "einddatum ligt voor de startdatum", t.end_date < t.start_date),
        ("birth_date", "geboortedatum ligt na de start van de zorg", t.birth_date > t.start_date),
        (
            "birth_date",
            f"leeftijd bij de start van de zorg is {MAX_AGE + 1} jaar of meer; jeugdhulp is voor 0 tot en "
            f"met {MAX_AGE} jaar: controleer geboortedatum en startdatum",
            _ymd(t.start_date) - _ymd(t.birth_date) >= (MAX_AGE + 1) * 10000,
        ),
    ]
    for name, dtype in COLUMNS.items():
        bad = _unreadable(raw, name, "float64" if dtype == "float64" else dtype)
        if bad is not None:
            checks.insert(
                0,
                (
                    name,
                    f"geen geldige {'datum (JJJJ-MM-DD)' if dtype == 'date' else 'waarde (verwacht een getal)'}",
                    bad,
                ),
            )
    if period is not None:
        first, last = (ibis.date(d.year, d.month, d.day) for d in period)
        checks += [
            (
                "start_date",
                f"datum buiten de periode van het extract ({period[0]} tot en met {period[1]})",
                (t.start_date < first) | (t.start_date > last),
            ),
            (
                "end_date",
                f"datum buiten de periode van het extract ({period[0]} tot en met {period[1]})",
                (t.end_date < first) | (t.end_date > last),
            ),
        ]
    return raw, [(col, msg, bad.fill_null(False)) for col, msg, bad in checks]


def _ymd(date):
    """Return the date as the whole number YYYYMMDD: the difference of two, divided by 10000, is an age."""
    return date.year() * 10000 + date.month() * 100 + date.day()


class _Prefixed:
    """Attribute access to the typed copies ``t_<name>`` of a checked table."""

    def __init__(self, table):
        self._table = table

    def __getattr__(self, name):
        return self._table[f"t_{name}"]
