"""Opening a record extract in place (Parquet or CSV) on embedded DuckDB or on Spark, validated on read.

The definitions are ibis expressions compiled to SQL (``ibis.to_sql``) and run on the engine's own
connection: DuckDB by default, a Spark session for scale. ibis only builds and transpiles the queries, so
the same definitions run on both engines.

Row numbers in errors: for CSV the line number (the header is line 1), for Parquet the record number
(the first record is row 1). On Spark the row is not known and the client id is named instead.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataValidationError, Problem
from .schema import COLUMNS, row_checks, typed

__all__ = ["Extract", "open_extract", "METADATA_KEY", "MAX_PROBLEMS"]

METADATA_KEY = "sdlib.records"
MAX_PROBLEMS = 20


class _DuckDB:
    dialect = "duckdb"

    def __init__(self, con=None):
        import duckdb

        self.con = con if con is not None else duckdb.connect()
        self.con.execute("SET enable_progress_bar = false")  # no bar in notebook outputs or benchmark logs

    def execute(self, expr):
        import ibis

        return self.con.sql(ibis.to_sql(expr, dialect=self.dialect)).df()


class _Spark:
    dialect = "pyspark"

    def __init__(self, session):
        import ibis

        ibis.pyspark  # registers the pyspark compiler options  # noqa: B018
        self.session = session

    def execute(self, expr):
        import ibis
        import pandas as pd

        result = self.session.sql(ibis.to_sql(expr, dialect=self.dialect))
        return pd.DataFrame([tuple(row) for row in result.collect()], columns=result.columns)


@dataclass
class Extract:
    """A record extract opened on an engine.

    Attributes
    ----------
    table : ibis.Table
        The typed records (columns of ``schema.COLUMNS``); ``end_date`` is null for a running period.
    period : tuple of datetime.date
        First and last day covered by the extract; the last day is the reference date (peildatum).
    name : str
        File name (or table name) used in errors and in the ``source`` column of results.
    synthetic : bool
        True for an extract made by :func:`sdlib.records.generate`; results then say so.
    reference_date_guessed : bool
        True when no period or reference date was given and the file has none: the last end date in the data
        then stands in for the peildatum.
    """

    table: object
    period: tuple
    name: str
    synthetic: bool = False
    runner: object = field(default=None, repr=False)
    reference_date_guessed: bool = False

    @property
    def years(self) -> list[int]:
        """Return the calendar years of the period, first to last."""
        return list(range(self.period[0].year, self.period[1].year + 1))

    def execute(self, expr):
        """Run an ibis expression on this extract's engine and return a pandas DataFrame."""
        return self.runner.execute(expr)


def _parquet_meta(path: Path) -> dict:
    import pyarrow.parquet as pq

    meta = pq.read_schema(path).metadata or {}
    raw = meta.get(METADATA_KEY.encode())
    return json.loads(raw) if raw else {}


def _duck_view(runner, path: Path, view: str) -> None:
    lit = str(path).replace("'", "''")
    if path.suffix.lower() == ".parquet":
        sql = f"SELECT *, file_row_number + 1 AS _row FROM read_parquet('{lit}', file_row_number = true)"
        runner.con.execute(f'CREATE OR REPLACE VIEW "{view}" AS {sql}')
        return
    import pyarrow as pa
    import pyarrow.csv as pcsv

    opts = pcsv.ConvertOptions(column_types={c: pa.string() for c in COLUMNS}, strings_can_be_null=True)
    arrow = pcsv.read_csv(path, convert_options=opts)
    arrow = arrow.append_column("_row", pa.array(range(2, arrow.num_rows + 2), pa.int64()))
    runner.con.register(f"{view}_arrow", arrow)
    runner.con.execute(f'CREATE OR REPLACE VIEW "{view}" AS SELECT * FROM "{view}_arrow"')


def _duck_schema(runner, view: str):
    import ibis
    from ibis.backends.sql.datatypes import DuckDBType

    rows = runner.con.execute(f'DESCRIBE "{view}"').fetchall()
    return ibis.schema({name: DuckDBType.from_string(kind) for name, kind, *_ in rows})


def _spark_table(runner, path: Path, view: str):
    import ibis
    from ibis.backends.pyspark.datatypes import PySparkType

    reader = runner.session.read
    df = reader.parquet(str(path)) if path.suffix.lower() == ".parquet" else reader.csv(str(path), header=True)
    df.createOrReplaceTempView(view)
    return ibis.table({f.name: PySparkType.to_ibis(f.dataType) for f in df.schema.fields}, name=view)


def _missing(schema, name: str) -> list[Problem]:
    return [Problem(name, None, col, "column missing from the extract") for col in COLUMNS if col not in schema]


def _date(value, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _period(given, reference_date, meta: dict, raw, runner) -> tuple[tuple, bool]:
    """Return (first day, last day) and whether the last day was guessed from the rows."""
    if given is not None:
        first, last = (_date(d, "period") for d in given)
        guessed = False
    elif "period" in meta:
        first, last = (dt.date.fromisoformat(d) for d in meta["period"])
        guessed = False
    else:
        t = typed(raw)
        out = runner.execute(t.aggregate(first=t.start_date.min(), last=t.end_date.fill_null(t.start_date).max()))
        first, last = (v.date() if hasattr(v, "date") else v for v in (out.iloc[0]["first"], out.iloc[0]["last"]))
        first, guessed = dt.date(first.year, 1, 1), True
    if reference_date is not None:
        last, guessed = _date(reference_date, "reference_date"), False
    if last < first:
        raise ValueError(f"period: the last day {last} is before the first day {first}")
    return (first, last), guessed


def _problems(raw, period, name: str, runner) -> list[Problem]:
    raw, checks = row_checks(raw, period)
    counts = runner.execute(raw.aggregate(**{f"c{i}": bad.sum() for i, (_, _, bad) in enumerate(checks)})).iloc[0]
    problems = []
    has_row = "_row" in raw.columns
    for i, (col, msg, bad) in enumerate(checks):
        n = int(counts[f"c{i}"] or 0)
        if not n or len(problems) >= MAX_PROBLEMS:
            continue
        key = raw._row if has_row else raw.client_id
        found = runner.execute(raw.filter(bad).select(key=key).order_by("key").limit(MAX_PROBLEMS - len(problems)))
        for value in found["key"]:
            row = int(value) if has_row else None
            who = value if isinstance(value, str) and value else "empty"
            problems.append(Problem(name, row, col, msg if has_row else f"{msg} (client_id {who})"))
        if n > len(found):
            problems.append(Problem(name, None, col, f"{n - len(found)} more row(s) with: {msg}"))
    return problems


def open_extract(source, *, period=None, reference_date=None, spark=None, validate: bool = True) -> Extract:
    """Open a record extract and validate it.

    Parameters
    ----------
    source : str, pathlib.Path, Extract or ibis.Table
        A ``.parquet`` or ``.csv`` file read in place, an already opened extract (returned as is), or an ibis
        table with the columns of ``schema.COLUMNS`` bound to a DuckDB or PySpark ibis backend.
    period : tuple of (date or ISO str), optional
        First and last day of the extract period (the last day is the reference date). Default: the period in
        the Parquet metadata (written by the synthetic generator), else 1 January of the first start year to
        the last end date in the data (a guess: ``Extract.reference_date_guessed`` is then True).
    reference_date : date or ISO str, optional
        The peildatum: the last day of the period, overriding the one above (periods still running then end
        there).
    spark : pyspark.sql.SparkSession, optional
        Run on this Spark session instead of embedded DuckDB.
    validate : bool, default True
        Check every row (see :mod:`sdlib.records.schema`).

    Returns
    -------
    Extract

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    DataValidationError
        If a column is missing or rows break the schema; each problem names file, row and column.
    """
    if isinstance(source, Extract):
        return source
    if isinstance(source, (str, Path)):
        return _open_path(Path(source), (period, reference_date), spark, validate)
    return _open_table(source, (period, reference_date), validate)


def _open_path(path: Path, period, spark, validate) -> Extract:
    if path.suffix.lower() not in (".parquet", ".csv"):
        raise ValueError(f"extract: expected a .parquet or .csv file, got {path}")
    if not path.is_file():
        raise FileNotFoundError(f"extract: no such file: {path}")
    meta = _parquet_meta(path) if path.suffix.lower() == ".parquet" else {}
    view = "records_" + "".join(c if c.isalnum() else "_" for c in path.stem)
    if spark is not None:
        runner = _Spark(spark)
        raw = _spark_table(runner, path, view)
    else:
        runner = _DuckDB()
        _duck_view(runner, path, view)
        import ibis

        raw = ibis.table(_duck_schema(runner, view), name=view)
    return _finish(raw, runner, path.name, period, meta, validate)


def _open_table(table, period, validate) -> Extract:
    backend = table._find_backend()
    runner = _Spark(backend._session) if backend.name == "pyspark" else _DuckDB(backend.con)
    return _finish(table, runner, table.get_name(), period, {}, validate)


def _finish(raw, runner, name, period, meta, validate) -> Extract:
    missing = _missing(raw.schema(), name)
    if missing:
        raise DataValidationError(missing)
    if runner.execute(raw.aggregate(n=raw.count())).iloc[0]["n"] == 0:
        raise DataValidationError([Problem(name, None, None, "the extract has no rows")])
    span, guessed = _period(*period, meta, raw, runner)
    if validate:
        problems = _problems(raw, span, name, runner)
        if problems:
            raise DataValidationError(problems)
    synthetic = bool(meta.get("synthetic")) or "synthetic" in name.lower()
    return Extract(typed(raw), span, name, synthetic, runner, guessed)
