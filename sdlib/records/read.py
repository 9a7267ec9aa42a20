"""Opening a record extract in place (Parquet or CSV) on embedded DuckDB or on Spark, validated on read.

The definitions are ibis expressions compiled to SQL (``ibis.to_sql``) and run on the engine's own
connection: DuckDB by default, a Spark session for scale. ibis only builds and transpiles the queries, so
the same definitions run on both engines.

Row numbers in errors: for CSV the line number (the header is line 1), for Parquet the record number
(the first record is row 1). On Spark the row is not known and the client id is named instead.

Before any figure is computed, exact duplicate rows and overlapping periods of one youth are refused
(:func:`_overlap_problems`): a copy counts a cost twice, two overlapping periods of one care type count days and
costs twice, and overlapping periods in two districts count the youth in both districts. Two care types at once
are normal and accepted. The message names the file, the first :data:`MAX_SHOWN` rows of each kind and how many
there are. A folder given as the extract, and a file that is no ``.parquet`` or ``.csv``, are refused in Dutch
too.

A file is read literally: ``*``, ``?`` and ``[`` in its name are no wildcards. A file that is no Parquet (empty,
binary, a renamed CSV), an unreadable CSV, or a typed column of the wrong type (an int64 date, a boolean cost)
is refused with a :class:`~sdlib.data.errors.DataValidationError` naming the file (and column), never an engine
message.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from sdlib.data.errors import DataValidationError, Problem
from sdlib.records.schema import COLUMNS, _typed_columns, row_checks, type_problems, typed

__all__ = ["Extract", "open_extract", "METADATA_KEY", "MAX_PROBLEMS", "MAX_SHOWN", "THIN_SHARE"]

METADATA_KEY = "sdlib.records"
MAX_PROBLEMS = 20
MAX_SHOWN = 5  # rows named per kind of duplicate or overlap (the count names them all)
THIN_SHARE = 0.01  # a month with fewer dates than this share of the median month is thin (see _guess_period)
GLOB_CHARS = "*?["
# DuckDB memory of an extract's own connection: above the limit DuckDB spills to TEMP_DIRECTORY instead of growing
# (environment SDLIB_DUCKDB_MEMORY_LIMIT, e.g. "6GB", and SDLIB_DUCKDB_TEMP_DIRECTORY override; threads stay default)
MEMORY_LIMIT = "3GB"
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
PERIOD_HINT = (
    "geef de periode op: period=(begin, eind) of reference_date=JJJJ-MM-DD (notebook en CLI: -p peildatum=JJJJ-MM-DD)"
)


class _DuckDB:
    dialect = "duckdb"

    def __init__(self, con=None):
        import duckdb

        if con is None:  # our own connection: bounded memory, spilling to disk (a caller's connection is left as is)
            import tempfile

            con = duckdb.connect()
            limit = os.environ.get("SDLIB_DUCKDB_MEMORY_LIMIT", MEMORY_LIMIT)
            temp = os.environ.get("SDLIB_DUCKDB_TEMP_DIRECTORY") or str(Path(tempfile.gettempdir()) / "sdlib-duckdb")
            con.execute("SET memory_limit = ?", [limit])
            con.execute("SET temp_directory = ?", [temp])
            con.execute("SET preserve_insertion_order = false")  # no result here depends on row order; less memory
        self.con = con
        self._tables = 0
        self.con.execute("SET enable_progress_bar = false")  # no bar in notebook outputs or benchmark logs

    def execute(self, expr):
        import ibis

        return self.con.sql(ibis.to_sql(expr, dialect=self.dialect)).df()

    def materialize(self, expr):
        """Store the result of ``expr`` in a temporary table of the connection; return (ibis table, drop)."""
        import ibis

        self._tables += 1
        name = f"_sdlib_records_{id(self):x}_{self._tables}"
        self.con.execute(f'CREATE TEMP TABLE "{name}" AS {ibis.to_sql(expr, dialect=self.dialect)}')
        return ibis.table(expr.schema(), name=name), lambda: self.con.execute(f'DROP TABLE IF EXISTS "{name}"')


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
        then stands in for the peildatum (refused when that date lies beyond the bulk of the data, see
        :func:`open_extract`).
    results : dict
        The definitions' results, filled on first use so that every breakdown is computed once per extract
        and all protected breakdowns come from one release (:mod:`sdlib.records.definitions`).
    """

    table: object
    period: tuple
    name: str
    synthetic: bool = False
    runner: object = field(default=None, repr=False)
    reference_date_guessed: bool = False
    results: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def years(self) -> list[int]:
        """Return the calendar years of the period, first to last."""
        return list(range(self.period[0].year, self.period[1].year + 1))

    def execute(self, expr):
        """Run an ibis expression on this extract's engine and return a pandas DataFrame."""
        return self.runner.execute(expr)

    def materialize(self, expr):
        """Store ``expr`` on the engine when it can (DuckDB: a temporary table); return (table, drop).

        An engine without temporary tables (Spark) returns the expression itself, computed where it is used.
        """
        store = getattr(self.runner, "materialize", None)
        return store(expr) if store is not None else (expr, lambda: None)


def _refuse(name: str, message: str, row=None, column=None):
    raise DataValidationError([Problem(name, row, column, message)])


def _first_line(exc) -> str:
    """Return the first line of an engine error (DuckDB appends the SQL below it)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _check_parquet_file(path: Path, name: str) -> None:
    """Refuse a file that is no Parquet before any reader sees it (a raw reader message names no file)."""
    size = path.stat().st_size
    if size == 0:
        _refuse(name, "het bestand is leeg (0 bytes); verwacht een Parquet-bestand")
    with open(path, "rb") as fh:
        head = fh.read(min(size, 512))
        fh.seek(max(size - 4, 0))
        tail = fh.read(4)
    if size >= 12 and head[:4] == b"PAR1" and tail == b"PAR1":
        return
    first = head.split(b"\n")[0]
    if b"\x00" not in head and any(sep in first for sep in (b",", b";", b"\t")):
        _refuse(
            name,
            "dit is geen Parquet-bestand maar tekst (een CSV?) met de extensie .parquet; geef het de extensie .csv",
        )
    _refuse(
        name,
        "geen Parquet-bestand (het kenmerk 'PAR1' ontbreekt): het bestand is beschadigd, onvolledig "
        "of van een ander type",
    )


def _parquet_meta(path: Path, name: str) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    _check_parquet_file(path, name)
    try:
        meta = pq.read_schema(path).metadata or {}
    except (pa.ArrowException, OSError) as exc:
        _refuse(name, f"Parquet-bestand kan niet gelezen worden: {_first_line(exc)}")
    raw = meta.get(METADATA_KEY.encode())
    try:
        return json.loads(raw) if raw else {}
    except ValueError:
        _refuse(name, f"de metadata '{METADATA_KEY}' is geen geldige JSON")


def _literal_glob(path: str) -> str:
    """Return a DuckDB file pattern that matches exactly ``path``: each wildcard character in brackets."""
    return "".join(f"[{c}]" if c in GLOB_CHARS else c for c in path)


def _csv_problem(path: Path, name: str, exc) -> Problem:
    """Turn a pyarrow CSV error into a problem naming the line (found by a plain scan: error path only)."""
    import csv

    message = _first_line(exc)
    with open(path, "rb") as fh:
        data = fh.read()
    if not data.strip():
        return Problem(name, None, None, "het bestand is leeg; verwacht een kopregel met de kolommen en regels")
    lines = data.splitlines()
    for i, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as err:
            return Problem(name, i, None, f"geen UTF-8: byte 0x{line[err.start]:02x}; sla het bestand op als UTF-8")
    rows = csv.reader(data.decode("utf-8").splitlines())
    width = None
    for i, fields in enumerate(rows, start=1):
        if width is None:
            width = len(fields)
        elif fields and len(fields) != width:
            return Problem(
                name,
                i,
                None,
                f"heeft {len(fields)} velden waar de kopregel er {width} heeft; "
                "zet tekst met een komma tussen aanhalingstekens",
            )
    return Problem(name, None, None, f"CSV-bestand kan niet gelezen worden: {message}")


def _duck_view(runner, path: Path, view: str, name: str) -> None:
    import duckdb

    if path.suffix.lower() == ".parquet":
        lit = _literal_glob(str(path.absolute())).replace("'", "''")
        try:
            found = runner.con.execute(f"SELECT count(*) FROM glob('{lit}')").fetchone()[0]
            if found != 1:  # the escaped pattern must name this one file, never a sibling
                _refuse(name, f"de bestandsnaam kan niet letterlijk gelezen worden ({found} bestanden gevonden)")
            sql = (
                f"SELECT *, file_row_number + 1 AS _row FROM read_parquet('{lit}', file_row_number = true, "
                "hive_partitioning = false)"
            )
            runner.con.execute(f'CREATE OR REPLACE VIEW "{view}" AS {sql}')
        except duckdb.Error as exc:
            _refuse(name, f"Parquet-bestand kan niet gelezen worden: {_first_line(exc)}")
        return
    import pyarrow as pa
    import pyarrow.csv as pcsv

    opts = pcsv.ConvertOptions(column_types={c: pa.string() for c in COLUMNS}, strings_can_be_null=True)
    try:
        arrow = pcsv.read_csv(path, convert_options=opts)
    except pa.ArrowException as exc:
        raise DataValidationError([_csv_problem(path, name, exc)]) from None
    arrow = arrow.append_column("_row", pa.array(range(2, arrow.num_rows + 2), pa.int64()))
    runner.con.register(f"{view}_arrow", arrow)
    runner.con.execute(f'CREATE OR REPLACE VIEW "{view}" AS SELECT * FROM "{view}_arrow"')


def _duck_schema(runner, view: str):
    import ibis
    from ibis.backends.sql.datatypes import DuckDBType

    rows = runner.con.execute(f'DESCRIBE "{view}"').fetchall()
    # a Parquet column of type null (every value empty, e.g. no period has ended yet) is DuckDB's "NULL"
    return ibis.schema(
        {name: "null" if kind.strip('"') == "NULL" else DuckDBType.from_string(kind) for name, kind, *_ in rows}
    )


def _spark_table(runner, path, view: str):
    import ibis
    from ibis.backends.pyspark.datatypes import PySparkType

    reader = runner.session.read
    parquet = str(path).lower().endswith(".parquet")
    df = reader.parquet(str(path)) if parquet else reader.csv(str(path), header=True)
    df.createOrReplaceTempView(view)
    return ibis.table({f.name: PySparkType.to_ibis(f.dataType) for f in df.schema.fields}, name=view)


def _missing(schema, name: str) -> list[Problem]:
    return [Problem(name, None, col, "kolom ontbreekt in het extract") for col in COLUMNS if col not in schema]


def _date(value, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _date_counts(raw, runner):
    """Return the number of rows per start date and per end date (one small aggregate: a row per distinct day).

    Columns: ``kind`` (``s`` start, ``e`` end), ``y``, ``m``, ``d`` (the date as whole numbers: DuckDB dates
    reach past the year 9999 of Python and pandas) and ``n``. Grouping by day and summing months in pandas is
    several times faster on DuckDB than grouping by a truncated month.
    """
    import ibis

    t = typed(raw)
    parts = [
        t.filter(col.notnull())
        .group_by(day=col)
        .aggregate(n=col.count())
        .select(kind=ibis.literal(kind), y=ibis._.day.year(), m=ibis._.day.month(), d=ibis._.day.day(), n=ibis._.n)
        for kind, col in (("s", t.start_date), ("e", t.end_date))
    ]
    return runner.execute(parts[0].union(parts[1]))


def _month_first(index: int) -> dt.date:
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def _month_last(index: int) -> dt.date:
    return _month_first(index + 1) - dt.timedelta(days=1)


def _guess_period(raw, runner, name: str, *, guess_last: bool) -> tuple | None:
    """Return (first, last) guessed from the dates: 1 January of the first start year to the last date.

    The guess is refused when dates lie beyond the bulk of the data: after today, after the last month with
    normal volume, or (for the first day) before the first such month. A month has normal volume when it holds
    at least ``THIN_SHARE`` (1%) of the median number of start and end dates of the months that have any. In a
    small extract (a median month of 100 dates or fewer) every month with a date is normal, so only the dates
    after today are refused there. With ``guess_last`` False (a reference date was given) only the first day
    is guessed; the last is None.
    """
    counts = _date_counts(raw, runner)
    if not (counts["kind"] == "s").any():
        return None
    today = dt.date.today()
    now = today.year * 12 + today.month - 1
    month = counts["y"].astype("int64") * 12 + counts["m"].astype("int64") - 1
    per_month = counts["n"].groupby(month).sum()
    normal = per_month[per_month >= THIN_SHARE * per_month.median()].index
    low = _month_first(min(int(normal.min()), now))
    high = min(_month_last(min(int(normal.max()), now)), today)
    key = list(zip(counts["y"].astype(int), counts["m"].astype(int), counts["d"].astype(int)))
    starts = [k for k, kind in zip(key, counts["kind"]) if kind == "s"]
    first, last = min(starts), max(key)
    early = first < (low.year, low.month, low.day)
    if guess_last:
        late = last > (high.year, high.month, high.day)
    else:  # dates after the given reference date are refused by the row checks; here only a first day in the future
        high = today
        late = first > (today.year, today.month, today.day)
    if early or late:
        _refuse_outliers(raw, runner, name, low if early else None, high if late else None, guess_last)
    return dt.date(first[0], 1, 1), (dt.date(*last) if guess_last else None)


def _refuse_outliers(raw, runner, name: str, low, high, guess_last: bool) -> None:
    """Raise a DataValidationError naming the rows with a start date before ``low`` or a date after ``high``."""
    import ibis

    t = raw.mutate(**{f"t_{k}": v for k, v in _typed_columns(raw).items() if k in ("start_date", "end_date")})
    today = dt.date.today()
    lo, hi, now = (ibis.date(d.year, d.month, d.day) if d else None for d in (low, high, today))
    flags = {}
    for c, col in (("s", t.t_start_date), ("e", t.t_end_date)):
        flags[f"{c}_future"] = (col > now).fill_null(False)
        flags[f"{c}_late"] = (col > hi).fill_null(False) if hi is not None else ibis.literal(False)
        flags[f"{c}_early"] = (col < lo).fill_null(False) if lo is not None and c == "s" else ibis.literal(False)
    any_bad = flags["s_late"] | flags["s_early"] | flags["e_late"]
    has_row = "_row" in raw.columns
    key = t._row if has_row else t.client_id.cast("string")
    found = runner.execute(
        t.filter(any_bad)
        .select(key=key, s=t.t_start_date.cast("string"), e=t.t_end_date.cast("string"), **flags)
        .order_by("key")
        .limit(MAX_PROBLEMS)
    )
    problems = []
    for rec in found.to_dict("records"):
        row = int(rec["key"]) if has_row else None
        who = "" if has_row else f" (client_id {rec['key']})"
        for c, column, label in (("s", "start_date", "startdatum"), ("e", "end_date", "einddatum")):
            if rec[f"{c}_future"]:
                why = f"ligt in de toekomst (na vandaag, {today})"
            elif rec[f"{c}_late"]:
                why = f"ligt na het eind van de gegevens (laatste maand met normaal volume: {high:%Y-%m})"
            elif rec[f"{c}_early"]:
                why = f"ligt ver voor de rest van de gegevens (eerste maand met normaal volume: {low:%Y-%m})"
            else:
                continue
            problems.append(Problem(name, row, column, f"{label} {rec[c]} {why}{who}"))
    hint = PERIOD_HINT if guess_last and high is not None else "geef de periode op: period=(begin, eind)"
    problems.append(
        Problem(
            name,
            None,
            None,
            "de periode kan niet uit de datums geraden worden: controleer de datums hierboven, of " + hint,
        )
    )
    raise DataValidationError(problems)


def _period(given, reference_date, meta: dict, raw, runner, name: str) -> tuple[tuple | None, bool]:
    """Return (first day, last day) and whether the last day was guessed from the rows.

    The period is None when it cannot be guessed (no readable start date); validation then names the rows.
    """
    if given is not None:
        first, last = (_date(d, "period") for d in given)
        guessed = False
    elif "period" in meta:
        first, last = (dt.date.fromisoformat(d) for d in meta["period"])
        guessed = False
    else:
        span = _guess_period(raw, runner, name, guess_last=reference_date is None)
        if span is None:
            return None, False
        (first, last), guessed = span, True  # last is None when the reference date below replaces it
    if reference_date is not None:
        last, guessed = _date(reference_date, "reference_date"), False
    if last < first:
        raise ValueError(f"period: the last day {last} is before the first day {first}")
    return (first, last), guessed


def _problems(raw, period, name: str, runner) -> list[Problem]:
    raw, checks = row_checks(raw, period, runner.dialect)
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
            problems.append(Problem(name, None, col, f"nog {n - len(found)} regel(s) met: {msg}"))
    return problems


def _overlap_base(raw, period):
    """The typed rows with ``_end`` (a running period ends on the reference date) and ``_row`` when known."""
    import ibis

    has_row = "_row" in raw.columns
    t = raw.select(**_typed_columns(raw), **({"_row": raw._row} if has_row else {}))
    last = ibis.date(period[1].year, period[1].month, period[1].day)
    return t.mutate(_end=t.end_date.fill_null(last)), has_row


def _numbered_copies(t, has_row):
    """``_copy``: 0 for the first of identical rows (by row number), 1, 2, ... for its copies; ``_first``: the row
    number of the first. Only on the error path (a sort by every column)."""
    import ibis

    same = list(COLUMNS)
    if has_row:
        return t.mutate(
            _copy=ibis.row_number().over(group_by=same, order_by=t._row), _first=t._row.min().over(group_by=same)
        )
    return t.mutate(_copy=ibis.row_number().over(group_by=same, order_by=t.client_id))  # Spark: any order


def _overlap_flags(t, has_row, kinds):
    """The rows with two flags, from one window per youth ordered by start (DuckDB and Spark alike).

    ``_same_type``: the period starts on or before the last end of an earlier period of the same youth and care
    type (a running maximum per care type, ``kinds`` the care types). ``_other``: it starts on or before the
    latest end of the youth's earlier periods, and that latest end is in another district. Every overlap of two
    periods in two districts flags a row (if the latest earlier end is in the row's own district, that period and
    the one in the other district overlap each other, earlier), and a flagged row overlaps a period in another
    district. Exact copies must be removed first (a copy overlaps its original).
    """
    import ibis

    order = [t.start_date, t._row] if has_row else [t.start_date, t._end, t.care_type, t.district]
    w = ibis.window(group_by=t.client_id, order_by=order, rows=(None, -1))
    latest, where = t._end.max().over(w), t.district.argmax(t._end).over(w)
    per_type = [(t.care_type == k, ibis.cases((t.care_type == k, t._end), else_=None).max().over(w)) for k in kinds]
    own_type = ibis.cases(*per_type, else_=None)
    return t.mutate(
        _same_type=(own_type >= t.start_date).fill_null(False),
        _other=((latest >= t.start_date) & (where != t.district)).fill_null(False),
    )


def _day_text(value) -> str:
    """A date of a result row as JJJJ-MM-DD ('' when empty)."""
    if value is None or value != value:
        return ""
    return value.date().isoformat() if hasattr(value, "date") else str(value)[:10]


def _overlap_problems(raw, period, name: str, runner) -> list[Problem]:
    """Exact duplicate rows and overlapping periods of one youth (same care type, or two districts): refused.

    An exact copy counts a youth's cost twice; two overlapping periods of one care type count its days (and cost)
    twice; overlapping periods in two districts count the youth in both. Two care types at once are normal.
    Each kind names its first :data:`MAX_SHOWN` rows and gives its count.
    """
    from sdlib.records.schema import care_types

    t, has_row = _overlap_base(raw, period)
    distinct = t.select(*COLUMNS).distinct()
    n = runner.execute(t.aggregate(n=t.count()).cross_join(distinct.aggregate(u=distinct.count()))).iloc[0]
    copies = int(n["n"]) - int(n["u"])
    if copies:
        t = _numbered_copies(t, has_row)
        d = _overlap_flags(t.filter(t._copy == 0), has_row, care_types())
    else:
        d = _overlap_flags(t, has_row, care_types())
    counts = runner.execute(
        d.aggregate(same=d._same_type.cast("int64").sum(), other=d._other.cast("int64").sum())
    ).iloc[0]
    same, other = (int(counts[k] or 0) for k in ("same", "other"))
    if not (copies or same or other):
        return []
    problems = []

    def where(rec):
        return (int(rec["_row"]) if has_row else None), "" if has_row else f" (client_id {rec['client_id']})"

    def rows(word: int) -> str:
        return f"{word} regel" if word == 1 else f"{word} regels"

    if copies:
        found = runner.execute(t.filter(t._copy > 0).order_by(t._row if has_row else t.client_id).limit(MAX_SHOWN))
        for rec in found.to_dict("records"):
            row, who = where(rec)
            first = f"regel {int(rec['_first'])}" if has_row else "een andere regel"
            problems.append(Problem(name, row, None, f"exacte kopie van {first}{who}"))
        problems.append(
            Problem(
                name,
                None,
                None,
                f"{rows(copies)} {'is een exacte kopie' if copies == 1 else 'zijn exacte kopieën'} van een andere "
                "regel (dezelfde jeugdige, zorgsoort, periode, kosten en wijk): elke kopie telt de kosten dubbel; "
                "verwijder de kopieën. Er is niets berekend",
            )
        )
    for flag, count, column, what in (
        ("_same_type", same, "start_date", "een eerdere periode van dezelfde jeugdige in dezelfde zorgsoort"),
        ("_other", other, "district", "een periode van dezelfde jeugdige in een andere wijk"),
    ):
        if not count:
            continue
        key = [d._row] if has_row else [d.client_id, d.start_date]
        found = runner.execute(d.filter(d[flag]).order_by(key).limit(MAX_SHOWN))
        for rec in found.to_dict("records"):
            row, who = where(rec)
            start, end = _day_text(rec["start_date"]), _day_text(rec["end_date"]) or "lopend"
            problems.append(
                Problem(
                    name,
                    row,
                    column,
                    f"de periode {start} tot en met {end} ({rec['care_type']}, {rec['district']}) "
                    f"overlapt met {what}{who}",
                )
            )
        why = (
            "de dagen en kosten tellen dan dubbel; voeg de perioden samen of corrigeer de datums"
            if flag == "_same_type"
            else "een jeugdige woont op een dag in één wijk en telt anders in beide wijken; corrigeer de wijk of "
            "de datums"
        )
        problems.append(Problem(name, None, column, f"{rows(count)} met een periode die overlapt met {what}: {why}"))
    return problems


def open_extract(source, *, period=None, reference_date=None, spark=None, validate: bool = True) -> Extract:
    """Open a record extract and validate it.

    Parameters
    ----------
    source : str, pathlib.Path, Extract or ibis.Table
        A ``.parquet`` or ``.csv`` file read in place, an already opened extract (returned as is), or an ibis
        table with the columns of ``schema.COLUMNS`` on a DuckDB ibis backend (or on PySpark, with the session
        given as ``spark``).
    period : tuple of (date or ISO str), optional
        First and last day of the extract period (the last day is the reference date). Default: the period in
        the Parquet metadata (written by the synthetic generator), else 1 January of the first start year to
        the last end date in the data (a guess: ``Extract.reference_date_guessed`` is then True). The guess is
        refused, naming the rows, when dates lie after today or beyond the bulk of the data: after the last
        month with normal volume (at least 1% of the median number of start and end dates per month), or,
        for the first day, before the first such month; give ``period`` or ``reference_date`` then.
    reference_date : date or ISO str, optional
        The peildatum: the last day of the period, overriding the one above (periods still running then end
        there).
    spark : pyspark.sql.SparkSession, optional
        Run on this Spark session instead of embedded DuckDB. ``source`` may then also be a path on shared
        storage with a scheme (``s3a://...``, ``hdfs://...``), read by Spark only (no Parquet metadata: give
        ``period`` or ``reference_date``).
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
        If the file cannot be read (no Parquet, unreadable CSV), a column is missing or has the wrong type, the
        period cannot be guessed, or rows break the schema; each problem names file, row and column.
    """
    if isinstance(source, Extract):
        return source
    if spark is not None and isinstance(source, str) and URL_SCHEME.match(source):
        return _open_url(source, (period, reference_date), spark, validate)
    if isinstance(source, (str, Path)):
        return _open_path(Path(source), (period, reference_date), spark, validate)
    return _open_table(source, (period, reference_date), spark, validate)


def _open_path(path: Path, period, spark, validate) -> Extract:
    name = path.name or str(path)
    if path.is_dir():
        _refuse(name, f"{path} is een map, geen bestand; geef het .parquet- of .csv-bestand zelf")
    if path.suffix.lower() not in (".parquet", ".csv"):
        _refuse(name, f"verwacht een .parquet- of .csv-bestand, niet {path}")
    if not path.is_file():
        raise FileNotFoundError(f"registratiebestand niet gevonden: {path}")
    meta = _parquet_meta(path, name) if path.suffix.lower() == ".parquet" else {}
    view = "records_" + "".join(c if c.isalnum() else "_" for c in path.stem)
    if spark is not None:
        if any(c in GLOB_CHARS for c in str(path)):
            _refuse(
                name,
                f"een bestandsnaam met {', '.join(GLOB_CHARS)} kan Spark niet letterlijk lezen; hernoem het bestand",
            )
        runner = _Spark(spark)
        raw = _spark_table(runner, path, view)
        return _finish(raw, runner, name, period, meta, validate)
    import duckdb
    import ibis

    runner = _DuckDB()
    _duck_view(runner, path, view, name)
    try:
        raw = ibis.table(_duck_schema(runner, view), name=view)
        return _finish(raw, runner, name, period, meta, validate)
    except duckdb.Error as exc:  # a corrupt page or the like: the engine message, without its SQL
        _refuse(name, f"het bestand kan niet gelezen worden: {_first_line(exc)}")


def _open_url(url: str, period, spark, validate) -> Extract:
    """Open a file on shared storage (``s3a://``, ``hdfs://``, ``abfss://``, ...) on Spark: no local checks.

    Spark reads the file; the Parquet metadata (period of a synthetic extract) is not read, so give ``period``
    or ``reference_date`` unless the dates show the period.
    """
    name = url.rstrip("/").rsplit("/", 1)[-1]
    suffix = Path(name).suffix.lower()
    if suffix not in (".parquet", ".csv"):
        _refuse(name, f"verwacht een .parquet- of .csv-bestand, niet {url}")
    runner = _Spark(spark)
    view = "records_" + "".join(c if c.isalnum() else "_" for c in Path(name).stem)
    raw = _spark_table(runner, url, view)
    return _finish(raw, runner, name, period, {}, validate)


def _open_table(table, period, spark, validate) -> Extract:
    import ibis

    backend = ibis.get_backend(table)
    if backend.name == "pyspark":
        if spark is None:  # ibis keeps the session private: the caller hands it over
            raise ValueError(
                "extract: een ibis-tabel op Spark heeft ook de SparkSession nodig: open_extract(tabel, spark=session)"
            )
        runner = _Spark(spark)
    elif backend.name == "duckdb":
        runner = _DuckDB(backend.con)
    else:
        raise ValueError(f"extract: een ibis-tabel op {backend.name} wordt niet ondersteund; gebruik DuckDB of Spark")
    return _finish(table, runner, table.get_name(), period, {}, validate)


def _wrong_types(raw, runner, name) -> list[Problem]:
    """Problems for typed columns of the wrong type, each naming the first record with a value as example."""
    problems = []
    has_row = "_row" in raw.columns
    for col, msg in type_problems(raw.schema()):
        key = raw._row if has_row else raw.client_id.cast("string")
        found = runner.execute(
            raw.filter(raw[col].notnull()).select(key=key, v=raw[col].cast("string")).order_by("key").limit(1)
        )
        if found.empty:
            problems.append(Problem(name, None, col, msg))
            continue
        key, value = found.iloc[0]["key"], found.iloc[0]["v"]
        row = int(key) if has_row else None
        problems.append(
            Problem(name, row, col, f"{msg} (bijvoorbeeld {value}" + ("" if has_row else f", client_id {key}") + ")")
        )
    return problems


def _finish(raw, runner, name, period, meta, validate) -> Extract:
    missing = _missing(raw.schema(), name)
    if missing:
        raise DataValidationError(missing)
    wrong = _wrong_types(raw, runner, name)
    if wrong:
        raise DataValidationError(wrong)
    if runner.execute(raw.aggregate(n=raw.count())).iloc[0]["n"] == 0:
        raise DataValidationError([Problem(name, None, None, "het extract heeft geen regels")])
    span, guessed = _period(*period, meta, raw, runner, name)
    if validate or span is None:
        problems = _problems(raw, span, name, runner)
        if span is None and not problems:
            problems = [Problem(name, None, "start_date", "geen leesbare startdatum; " + PERIOD_HINT)]
        if problems:
            raise DataValidationError(problems)
    if validate:
        problems = _overlap_problems(raw, span, name, runner)
        if problems:
            raise DataValidationError(problems)
    synthetic = bool(meta.get("synthetic")) or "synthetic" in name.lower()
    return Extract(typed(raw), span, name, synthetic, runner, guessed)
