"""The record extract: its columns, allowed values and the row checks run on read.

One row is one care period (or one declaration) of one youth:

=============  ========  ==========================================================================
column         type      meaning
=============  ========  ==========================================================================
``client_id``  text      pseudonymised youth id; never empty
``birth_date`` date      date of birth (ages are taken on 1 July, 2e Rapportage Sociaal Domein 2019, tabel 2)
``care_type``  text      one of :data:`CARE_TYPES`
``start_date`` date      first day of the period, inside the extract period
``end_date``   date      last day of the period (inclusive), not before ``start_date`` and not after the
                         end of the extract period; empty = still running on the reference date
``cost_eur``   number    declared cost of the whole period in euro, not negative
``district``   text      stadswijk, one of the names in ``data/reference/wijken.csv``
=============  ========  ==========================================================================

Dates are ISO (``YYYY-MM-DD``) in CSV and ``date`` (or timestamp) in Parquet. Extra columns are ignored.
The checks are ibis expressions, so they run in DuckDB SQL (vectorised, no row loop) and on Spark alike.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from .. import paths

__all__ = ["COLUMNS", "CARE_TYPES", "BY_COLUMNS", "districts", "row_checks", "typed"]

COLUMNS = {
    "client_id": "string",
    "birth_date": "date",
    "care_type": "string",
    "start_date": "date",
    "end_date": "date",
    "cost_eur": "float64",
    "district": "string",
}
CARE_TYPES = ("jeugdhulp zonder verblijf", "jeugdhulp met verblijf", "jeugdbescherming", "jeugdreclassering")
BY_COLUMNS = ("care_type", "district")


@lru_cache(maxsize=4)
def _read_districts(path: str) -> tuple[tuple[str, str, bool], ...]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return tuple((r["district"], r["cbs_code"], r["confirmed"] == "true") for r in rows)


def districts() -> list[str]:
    """Return the district (stadswijk) names of ``data/reference/wijken.csv``, in file order."""
    return [name for name, _, _ in _read_districts(str(paths.data_dir() / "reference" / "wijken.csv"))]


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


def _unreadable(raw, name, dtype):
    col = raw[name]
    if not col.type().is_string() or dtype == "string":
        return None
    return col.notnull() & (col != "") & col.try_cast(dtype).isnull()


def row_checks(raw, period):
    """Return the raw table with typed copies of the columns and its row checks.

    The checks are ``(column, message, failing)`` with ``failing`` a boolean column of the returned table
    (typed copies are named ``t_<column>``).

    Parameters
    ----------
    raw : ibis.Table
        The extract as read (text or typed columns).
    period : tuple of datetime.date or None
        First and last day of the extract period; None skips the out-of-period checks.
    """
    import ibis

    raw = raw.mutate(**{f"t_{k}": v for k, v in _typed_columns(raw).items()})
    t = _Prefixed(raw)
    checks = [
        ("client_id", "empty client id; every row needs the pseudonymised id",
         t.client_id.isnull() | (t.client_id == "")),
        ("birth_date", "empty birth date", t.birth_date.isnull()),
        ("start_date", "empty start date", t.start_date.isnull()),
        ("care_type", f"unknown care type; expected one of: {', '.join(CARE_TYPES)}",
         t.care_type.isnull() | ~t.care_type.isin(CARE_TYPES)),
        ("district", "unknown district; expected a name from data/reference/wijken.csv",
         t.district.isnull() | ~t.district.isin(districts())),
        ("cost_eur", "empty or negative cost; expected an amount of 0 or more", t.cost_eur.isnull() | (t.cost_eur < 0)),
        ("end_date", "end date before start date", t.end_date < t.start_date),
        ("birth_date", "birth date after the start of care", t.birth_date > t.start_date),
    ]
    for name, dtype in COLUMNS.items():
        bad = _unreadable(raw, name, "float64" if dtype == "float64" else dtype)
        if bad is not None:
            checks.insert(0, (name, f"not a valid {'date (YYYY-MM-DD)' if dtype == 'date' else 'number'}", bad))
    if period is not None:
        first, last = (ibis.date(d.year, d.month, d.day) for d in period)
        checks += [
            ("start_date", f"date outside the extract period {period[0]} to {period[1]}",
             (t.start_date < first) | (t.start_date > last)),
            ("end_date", f"date outside the extract period {period[0]} to {period[1]}",
             (t.end_date < first) | (t.end_date > last)),
        ]
    return raw, [(col, msg, bad.fill_null(False)) for col, msg, bad in checks]


class _Prefixed:
    """Attribute access to the typed copies ``t_<name>`` of a checked table."""

    def __init__(self, table):
        self._table = table

    def __getattr__(self, name):
        return self._table[f"t_{name}"]
