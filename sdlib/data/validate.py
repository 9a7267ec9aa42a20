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
import datetime
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
    MAPPING_MESSAGE,
    _catalog_and_lines,
    catalog_lines,
    dimension_values,
    is_records_only,
    model_problems,
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
from sdlib.data.textrules import text_problem
from sdlib.data.texts import passage_problems, toelichting_problems

__all__ = [
    "validate_all",
    "read_series_file",
    "check_series_text",
    "series_problems",
    "catalog_problems",
    "cap_problems",
    "Omitted",
    "BASE_COLUMNS",
    "key_columns",
    "PER_FILE",
    "TOTAL",
    "FigureRowCheck",
    "Stopped",
    "duplicate_key",
]

BASE_COLUMNS = ["year", "measure", "value", "source", "table", "reference_date", "provisional"]
OPTIONAL_COLUMNS = ["note"]
INTEGER_UNITS = {"count"}
PER_FILE = 50
TOTAL = 200

# What each cell check says; the pandera schemas (a whole file) and :class:`FigureRowCheck` (one row of a new
# publication, as it is read) use the same words.
YEAR_TEXT = "verwacht een heel jaartal zoals 2024"
DECIMAL_COMMA = "decimale komma: schrijf 45.9, niet 45,9 (de bestanden gebruiken een punt)"
THOUSANDS_DOT = "punt als scheiding van duizendtallen: schrijf 4747, niet 4.747"
NOT_A_NUMBER = "verwacht een getal zoals 4747 of 45.9 (in cijfers 0-9)"
EMPTY_TABLE = "leeg; verwacht de tabel of paragraaf zoals gedrukt"
DATE_TEXT = "verwacht een datum als 2024-12-31 (JJJJ-MM-DD) of niets"
TRUE_FALSE = "verwacht true of false"
WHOLE_COUNT = "een aantal moet een geheel getal zijn"
_DATE = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"


def one_of(values) -> str:
    return f"verwacht een van: {', '.join(values)}"


def unknown_source(sources) -> str:
    return f"onbekende bron; verwacht een id uit data/sources.csv: {', '.join(sources)}"


def year_out_of_range(first: int, last: int) -> str:
    return f"jaar buiten het bereik {first}-{last} (1990 tot en met dit jaar + 5)"


def duplicate_key(keys: list[str]) -> str:
    return f"dubbele sleutel {', '.join(keys)} binnen één bron"


_NUMBER = r"-?[0-9]+(\.[0-9]+)?"  # ASCII digits only: Python would also read ٢٠٢٥ or ４６
_DUTCH_THOUSANDS = r"-?[0-9]{1,3}(\.[0-9]{3})+"


@dataclass(frozen=True)
class Omitted(Problem):
    """Stands for ``count`` problems of ``file`` that are not listed (see :func:`cap_problems`)."""

    count: int = 0
    kind: str = ""


@dataclass(frozen=True)
class Stopped(Problem):
    """Where the reading of ``file`` stopped before its end (``sdlib data add`` reads a file row by row).

    Either the marker after the first ``after`` problems ("... en meer; het lezen is gestopt na 50 problemen",
    counting as no problem of its own, see :meth:`of`), or the problem that stopped the reading (a line that is
    not UTF-8, too many rows; counting as one, see :meth:`reading`). :func:`cap_problems` always keeps it, last;
    with ``more`` (the file goes on after it) the heading of a
    :class:`~sdlib.data.errors.DataValidationError` says "minstens".
    """

    after: int = 0
    count: int = 0
    more: bool = True

    @classmethod
    def of(cls, file: str, after: int) -> Stopped:
        """The marker after ``after`` problems."""
        return cls(file, None, None, f"... en meer; het lezen is gestopt na {_nl(after)} problemen", after=after)

    @classmethod
    def reading(cls, problem: Problem, more: bool) -> Stopped:
        """The problem that stopped the reading; ``more``: the file goes on after it."""
        return cls(problem.file, problem.row, problem.column, problem.message, count=1, more=more)


def _nl(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _kind(p: Problem) -> str:
    return f"{p.column}|{p.message.split(';')[0]}"


def _omitted(file: str, count: int, kinds: set) -> Omitted:
    what = "van dezelfde soort" if len(kinds) == 1 else "(niet getoond)"
    return Omitted(
        file,
        None,
        None,
        f"... en nog {_nl(count)} problemen {what}",
        count=count,
        kind=next(iter(kinds)) if len(kinds) == 1 else "",
    )


def cap_problems(problems: list[Problem], per_file: int = PER_FILE, total: int = TOTAL) -> list[Problem]:
    """Keep the first ``per_file`` problems of each file and ``total`` in all; count the rest per file."""
    shown, per, stopped = [], Counter(), []
    hidden, kinds = Counter(), {}
    for p in problems:
        if isinstance(p, Stopped):
            stopped.append(p)
        elif isinstance(p, Omitted):
            hidden[p.file] += p.count
            kinds.setdefault(p.file, set()).add(p.kind or object())
        elif per[p.file] < per_file and len(shown) < total:
            shown.append(p)
            per[p.file] += 1
        else:
            hidden[p.file] += 1
            kinds.setdefault(p.file, set()).add(_kind(p))
    return shown + [_omitted(f, n, kinds[f]) for f, n in hidden.items()] + stopped


def total_count(problems: list[Problem]) -> int:
    """Number of problems, counting those an :class:`Omitted` stands for (a :class:`Stopped` counts none)."""
    return sum(p.count if isinstance(p, (Omitted, Stopped)) else 1 for p in problems)


def key_columns(meta: dict) -> list[str]:
    """Return the columns that identify one figure of a publication: year, dimensions, measure."""
    return ["year", *meta.get("dimensions", []), "measure"]


UNCLOSED_QUOTE = 'een aanhalingsteken (") wordt niet gesloten, zodat de rest als één veld telt; sluit het af'
SEMICOLONS = (
    "de kolommen zijn gescheiden door puntkomma's; sla het bestand op als CSV met komma's "
    "(in Excel: 'CSV UTF-8 (door komma's gescheiden)')"
)


def field_count_message(fields: list, width: int) -> str:
    """What is wrong with a record of ``len(fields)`` fields under a header of ``width`` columns."""
    if len(fields) < width and any("\n" in (f or "") for f in fields):
        return UNCLOSED_QUOTE
    hint = (
        "zet tekst met een komma tussen aanhalingstekens"
        if len(fields) > width
        else "voeg komma's toe voor de lege velden"
    )
    return f"heeft {len(fields)} velden waar de kopregel er {width} heeft; {hint}"


def header_problems(header: list[str], name: str) -> list[Problem]:
    """A header that cannot be right: empty, or separated by semicolons (a Dutch Excel's 'CSV')."""
    if not any(c.strip() for c in header):
        return [Problem(name, 1, None, "de eerste regel is leeg; verwacht daar de kopregel met de kolomnamen")]
    if len(header) == 1 and ";" in header[0]:
        return [Problem(name, 1, None, SEMICOLONS)]
    if header and header[0].strip().lower().startswith("sep="):
        return [
            Problem(
                name,
                1,
                None,
                f"de eerste regel is {','.join(header)!r}, een regel die Excel toevoegt; haal die regel weg, "
                "zodat de kopregel met de kolomnamen bovenaan staat",
            )
        ]
    return []


def csv_records(text: str, name: str) -> tuple[list[list[str]], list[Problem]]:
    """Parse CSV text into records; a record the csv module cannot read is a problem with its line."""
    reader = csv.reader(io.StringIO(text))
    records = []
    while True:
        line = reader.line_num + 1
        try:
            records.append(next(reader))
        except StopIteration:
            return records, []
        except csv.Error:
            return records, [
                Problem(
                    name,
                    line,
                    None,
                    'kan deze regel niet lezen als CSV; wordt er een aanhalingsteken (") niet gesloten?',
                )
            ]


def _shown(value) -> str:
    """A failing value for a message: the text as written, a whole float without '.0', quoted like repr()."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value if isinstance(value, str) else value.item() if hasattr(value, "item") else value)


def _rel(path: Path, data_dir: Path) -> str:
    return rel_name(path, data_dir)


def _decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(BOM):
        return None, [Problem(name, 1, None, BOM_MESSAGE)]
    if not raw.strip():
        return None, [Problem(name, None, None, "leeg bestand: verwacht een kopregel en minstens één regel")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                line,
                None,
                f"geen UTF-8: byte 0x{raw[exc.start]:02x} op positie {exc.start}; sla het bestand op als UTF-8",
            )
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
        pa.Check(
            lambda s: ~s.str.contains(",", regex=False),
            element_wise=False,
            error=DECIMAL_COMMA,
        ),
    ]
    if unit in INTEGER_UNITS or unit == "eur":
        value_checks.append(
            pa.Check(
                lambda s: ~s.str.fullmatch(_DUTCH_THOUSANDS),
                element_wise=False,
                error=THOUSANDS_DOT,
            )
        )
    value_checks.append(pa.Check.str_matches(f"^{_NUMBER}$", error=NOT_A_NUMBER))
    columns = {
        "year": pa.Column(str, pa.Check.str_matches(r"^[0-9]{4}$", error=YEAR_TEXT)),
        "measure": pa.Column(str, pa.Check.isin(list(cat["measures"]), error=one_of(cat["measures"]))),
        "value": pa.Column(str, value_checks),
        "source": pa.Column(str, pa.Check.isin(list(sources), error=unknown_source(sources))),
        "table": pa.Column(str, pa.Check.str_length(min_value=1, error=EMPTY_TABLE)),
        "reference_date": pa.Column(str, pa.Check.str_matches(_DATE, error=DATE_TEXT)),
        "provisional": pa.Column(str, pa.Check.isin(["true", "false"], error=TRUE_FALSE)),
    }
    for dim in meta.get("dimensions", []):
        allowed = [str(v) for v in (cat["dimensions"].get(dim) or {}).get("values", [])]
        columns[dim] = pa.Column(str, pa.Check.isin(allowed, error=one_of(allowed)))
    return pa.DataFrameSchema(columns, strict=False)


def _value_rules(meta: dict, cat: dict) -> tuple[tuple | None, tuple | None, bool]:
    """The range of a series' values: ((lowest, message) or None, (highest, message) or None, whole numbers)."""
    unit = cat["units"].get(meta.get("unit")) or {}
    title = unit.get("title", meta.get("unit"))
    lo = meta.get("min", unit.get("min"))
    hi = meta.get("max", unit.get("max"))
    return (
        None if lo is None else (lo, f"{title} moet minstens {lo} zijn"),
        None if hi is None else (hi, f"{title} mag hoogstens {hi} zijn"),
        bool(unit.get("integer")),
    )


def _typed_schema(meta: dict, cat: dict):
    pa = _pandera()

    low, high, integer = _value_rules(meta, cat)
    checks = []
    if low is not None:
        checks.append(pa.Check.ge(low[0], error=low[1]))
    if high is not None:
        checks.append(pa.Check.le(high[0], error=high[1]))
    if integer:
        checks.append(pa.Check(lambda s: s % 1 == 0, error=WHOLE_COUNT))
    first, last = year_range()
    year = pa.Column(
        "int64",
        pa.Check.in_range(first, last, error=year_out_of_range(first, last)),
    )
    return pa.DataFrameSchema({"year": year, "value": pa.Column(float, checks)}, strict=False)


class FigureRowCheck:
    """The checks of :func:`check_series_text` on one row of one series, for rows checked as they are read.

    ``sdlib data add`` reads a new publication row by row and checks each row with this, so that it can stop
    after a bounded number of problems instead of building the whole file first. The words are those of the
    file check (the same constants), the order within a row too: text rules (dimensions, table, note), then the
    cells by column name; only a row whose cells are right is checked as typed (an existing date, then the
    value's range and the year's range). Calling it with a row (column -> text, as read) returns
    ``[(column, message), ...]``, empty when the row is right.

    Parameters
    ----------
    meta : dict
        The series' catalog entry (its ``dimensions`` a list of names).
    cat : dict
        The catalog (``measures``, ``dimensions``, ``units``).
    sources : iterable of str
        The source ids a row may name (those of ``sources.csv`` and the new publication).
    columns : list of str, optional
        The header of the series file the row goes into: text rules apply only to the columns it has (the file
        check sees no other).
    """

    def __init__(self, meta: dict, cat: dict, sources, columns=None):
        import re

        self.dims = list(meta.get("dimensions") or [])
        self.text_columns = [c for c in (*self.dims, "table", "note") if columns is None or c in columns]
        self.measures = set(cat["measures"])
        self.measures_text = one_of(cat["measures"])
        sources = list(sources)
        self.sources, self.sources_text = set(sources), unknown_source(sources)
        self.allowed = {}
        for dim in self.dims:
            values = [str(v) for v in (cat["dimensions"].get(dim) or {}).get("values", [])]
            self.allowed[dim] = (set(values), one_of(values))
        unit = meta.get("unit")
        self.thousands = unit in INTEGER_UNITS or unit == "eur"
        self.low, self.high, self.integer = _value_rules(meta, cat)
        self.first, self.last = year_range()
        self.year_range_text = year_out_of_range(self.first, self.last)
        self._year = re.compile(r"^[0-9]{4}$")
        self._number = re.compile(f"^{_NUMBER}$")
        self._thousands = re.compile(_DUTCH_THOUSANDS)
        self._date = re.compile(_DATE)

    @staticmethod
    def _found(check: str, value) -> str:
        if isinstance(value, str) and value == "":
            return check if check.startswith("leeg") else f"{check}; de cel is leeg"
        return f"{check}; gevonden {_shown(value)}"

    def _value(self, value: str) -> str | None:
        if "," in value:
            return DECIMAL_COMMA
        if self.thousands and self._thousands.fullmatch(value):
            return THOUSANDS_DOT
        if not self._number.match(value):
            return NOT_A_NUMBER
        return None

    def __call__(self, row: dict) -> list[tuple[str, str]]:
        get = lambda c: row.get(c) or ""  # noqa: E731 (a column the input lacks is empty, as in the new file)
        out = []
        for column in self.text_columns:
            reason = text_problem(get(column))
            if reason:
                out.append((column, reason))
        cells = []
        for dim in self.dims:
            allowed, text = self.allowed[dim]
            if get(dim) not in allowed:
                cells.append((dim, text))
        checks = [
            ("measure", None if get("measure") in self.measures else self.measures_text),
            ("provisional", None if get("provisional") in ("true", "false") else TRUE_FALSE),
            ("reference_date", None if self._date.match(get("reference_date")) else DATE_TEXT),
            ("source", None if get("source") in self.sources else self.sources_text),
            ("table", None if get("table") else EMPTY_TABLE),
            ("value", self._value(get("value"))),
            ("year", None if self._year.match(get("year")) else YEAR_TEXT),
        ]
        cells += [(column, check) for column, check in checks if check]
        out += [(column, self._found(check, get(column))) for column, check in sorted(cells, key=lambda c: c[0])]
        if cells:
            return out
        date = get("reference_date")
        if date:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                out.append(("reference_date", f"geen bestaande datum; gevonden {date!r}"))
        value, year = float(get("value")), int(get("year"))
        failed = [  # the first check that fails, as the file check names one problem per cell
            message
            for rule, message in (
                (self.low is not None and not value >= self.low[0], self.low and self.low[1]),
                (self.high is not None and not value <= self.high[0], self.high and self.high[1]),
                (self.integer and value % 1 != 0, WHOLE_COUNT),
            )
            if rule
        ]
        if failed:
            out.append(("value", self._found(failed[0], value)))
        if not self.first <= year <= self.last:
            out.append(("year", self._found(self.year_range_text, year)))
        return out


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
        fc = fc.sort_values(
            ["line_", "column"], key=lambda s: s.fillna(0) if s.name == "line_" else s.fillna(""), kind="stable"
        )
        out = []
        for rec in fc.head(limit).itertuples(index=False):
            row = None if rec.line_ is None or rec.line_ != rec.line_ else int(rec.line_)
            check = str(rec.check)
            if rec.failure_case is None or (rec.failure_case == "" and check.startswith("leeg")):
                message = check
            elif rec.failure_case == "":
                message = f"{check}; de cel is leeg"
            else:
                message = f"{check}; gevonden {_shown(rec.failure_case)}"
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
    rows, unreadable = csv_records(text, name)
    if unreadable:
        return None, unreadable
    bad_header = header_problems(rows[0], name)
    if bad_header:
        return None, bad_header
    width = len(rows[0])
    ragged = [
        Problem(name, i, None, field_count_message(r, width))
        for i, r in enumerate(rows[1:], start=2)
        if len(r) != width and any(r)
    ]
    if ragged:
        return None, cap_problems(ragged)
    body = [(i, r) for i, r in enumerate(rows[1:]) if any(r)]  # index = line number - 2
    df = pd.DataFrame([r for _, r in body], columns=rows[0], index=[i for i, _ in body], dtype=str)
    expected = ["year", *meta["dimensions"], *BASE_COLUMNS[1:]]
    missing = [c for c in expected if c not in df.columns]
    extra = [c for c in df.columns if c not in expected + OPTIONAL_COLUMNS]
    problems += [Problem(name, 1, c, f"kolom ontbreekt; verwacht de kolommen {', '.join(expected)}") for c in missing]
    problems += [
        Problem(name, 1, c, f"onbekende kolom; verwacht de kolommen {', '.join(expected)} (en eventueel note)")
        for c in extra
    ]
    if len(set(df.columns)) != len(df.columns):
        twice = sorted({c for c in df.columns if list(df.columns).count(c) > 1})
        problems += [Problem(name, 1, c, "kolom staat twee keer in de kopregel") for c in twice]
    if missing or len(set(df.columns)) != len(df.columns):
        return None, problems
    if df.empty:
        return None, problems + [
            Problem(name, None, None, "geen regels onder de kopregel; verwacht minstens één regel met een cijfer")
        ]
    problems += _text_cell_problems(df, [*meta["dimensions"], "table", "note"], name)
    problems += _schema_problems(_raw_schema(meta, cat, sources), df, name)
    if problems:
        return None, cap_problems(problems)
    typed = df.copy()
    typed["year"] = typed["year"].astype("int64")
    typed["value"] = typed["value"].astype("float64")
    typed["provisional"] = typed["provisional"] == "true"
    typed["reference_date"] = pd.to_datetime(
        typed["reference_date"].replace("", None), format="%Y-%m-%d", errors="coerce"
    )
    bad_dates = df.index[
        (df["reference_date"] != "") & (typed["reference_date"].isna() | df["reference_date"].str.startswith("0000"))
    ]  # numpy reads a year 0, which no calendar has
    problems += [
        Problem(name, int(i) + 2, "reference_date", f"geen bestaande datum; gevonden {df.at[i, 'reference_date']!r}")
        for i in bad_dates
    ]
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
        message = f"{duplicate_key(keys)}; zelfde als regel {{}}"
        problems += [Problem(name, line, None, message.format(orig)) for line, orig in lines[:PER_FILE]]
        if len(lines) > PER_FILE:
            problems.append(_omitted(name, len(lines) - PER_FILE, {f"None|{message.split(';')[0]}"}))
    problems = cap_problems(problems)
    return (None if problems else typed), problems


def _text_cell_problems(df, columns: list[str], name: str) -> list[Problem]:
    """Every text cell of these columns against the text rules (:mod:`sdlib.data.textrules`)."""
    problems = []
    for column in columns:
        if column not in df.columns:
            continue
        for index, value in df[column].items():
            reason = text_problem(value)
            if reason:
                problems.append(Problem(name, int(index) + 2, column, reason))
                if len(problems) > PER_FILE:
                    return problems
    return problems


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
            problems = [
                Problem(
                    name,
                    None,
                    None,
                    "bestand niet gevonden; elke reeks in data/catalog.yml heeft een databestand nodig (of records_only: true)",
                )
            ]
        return None, problems
    text, problems = _decode(raw, name)
    if text is None:
        return None, problems
    return check_series_text(series_id, text, name, cat, sources)


def entry_problems(sid: str, m, cat: dict, sources: dict, name: str, line: int | None = None) -> list[Problem]:
    """Check one series entry of the catalog; ``line`` is where it starts in ``catalog.yml``."""
    if not isinstance(m, dict):
        return [Problem(name, line, sid, MAPPING_MESSAGE)]
    problems = []
    for field in ["title", "definition", "unit", "theme"]:
        if not m.get(field):
            problems.append(Problem(name, line, sid, f"veld '{field}' ontbreekt of is leeg"))
    for field in ["title", "printed_title", "definition", "subject"]:
        reason = text_problem(m.get(field)) if isinstance(m.get(field), str) else None
        if reason:
            problems.append(Problem(name, line, sid, f"veld '{field}' {reason}"))
    if m.get("unit") and m["unit"] not in cat["units"]:
        problems.append(
            Problem(name, line, sid, f"onbekende eenheid {m['unit']!r}; verwacht een van: {', '.join(cat['units'])}")
        )
    if m.get("theme") and m["theme"] not in cat["themes"]:
        problems.append(
            Problem(name, line, sid, f"onbekend thema {m['theme']!r}; verwacht een van: {', '.join(cat['themes'])}")
        )
    if m.get("direction") is not None and m["direction"] not in DIRECTIONS:
        problems.append(
            Problem(
                name, line, sid, f"onbekende richting {m['direction']!r}; verwacht een van: {', '.join(DIRECTIONS)}"
            )
        )
    objectives = cat.get("objectives") if isinstance(cat.get("objectives"), dict) else {}
    if m.get("objective") is not None and m["objective"] not in objectives:
        problems.append(
            Problem(
                name,
                line,
                sid,
                f"onbekende doelstelling {m['objective']!r}; verwacht een id van "
                f"'objectives:' ({', '.join(map(str, objectives)) or 'geen'}), "
                'tussen aanhalingstekens: "2.1"',
            )
        )
    if "records_only" in m and not isinstance(m["records_only"], bool):
        problems.append(Problem(name, line, sid, f"'records_only' moet true of false zijn, niet {m['records_only']!r}"))
    dims = m.get("dimensions", [])
    if not isinstance(dims, list) or not all(isinstance(d, str) for d in dims):
        problems.append(
            Problem(name, line, sid, "'dimensions' moet een lijst van dimensienamen zijn, bijvoorbeeld [care_type]")
        )
        dims = []
    for dim in dims:
        if dim not in cat["dimensions"]:
            problems.append(
                Problem(name, line, sid, f"dimensie {dim!r} staat niet onder 'dimensions:' bovenaan het bestand")
            )
    if "decimals" in m and (
        isinstance(m["decimals"], bool) or not isinstance(m["decimals"], int) or not 0 <= m["decimals"] <= 3
    ):
        problems.append(
            Problem(
                name,
                line,
                sid,
                f"'decimals' moet een heel getal van 0 tot en met 3 zijn (het aantal "
                f"decimalen dat de documenten drukken), niet {m['decimals']!r}",
            )
        )
    problems += _break_problems(sid, m.get("breaks", []), name, line)
    verdicts = m.get("verdicts", [])
    for v in verdicts if isinstance(verdicts, list) else [verdicts]:
        if (
            not isinstance(v, dict)
            or v.get("source") not in sources
            or not isinstance(v.get("year"), int)
            or not isinstance(v.get("achieved"), bool)
        ):
            problems.append(
                Problem(
                    name,
                    line,
                    sid,
                    f"oordeel {v!r} heeft een heel jaartal 'year', true of false bij "
                    "'achieved' en een bron uit data/sources.csv bij 'source' nodig",
                )
            )
    return problems


def _break_problems(sid: str, breaks, name: str, line: int | None) -> list[Problem]:
    """``breaks:`` is a list of ``{year: <int>, note: <text>}``, each year once and in the allowed range."""
    if not isinstance(breaks, list):
        return [
            Problem(
                name,
                line,
                sid,
                "'breaks' moet een lijst zijn, bijvoorbeeld "
                "[{year: 2021, note: 'tabel 84134NED opgevolgd door 85099NED'}]",
            )
        ]
    first, last = year_range()
    problems, years = [], set()
    for b in breaks:
        ok = (
            isinstance(b, dict)
            and set(b) == {"year", "note"}
            and isinstance(b["year"], int)
            and not isinstance(b["year"], bool)
            and isinstance(b["note"], str)
            and b["note"].strip()
        )
        if not ok:
            problems.append(
                Problem(
                    name,
                    line,
                    sid,
                    f"trendbreuk {b!r} moet precies een heel jaartal 'year' en een niet-lege tekst 'note' hebben",
                )
            )
        elif not first <= b["year"] <= last:
            problems.append(
                Problem(name, line, sid, f"trendbreuk in {b['year']}: jaar buiten het bereik {first}-{last}")
            )
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
                Problem(
                    name,
                    int(grp.index[0]) + 2,
                    "source",
                    "twee bronnen uit hetzelfde publicatiejaar geven dit cijfer; welke de nieuwste is, is "
                    "niet te zeggen",
                )
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
    problems = entry_problems(
        series_id, m, cat, sources, _rel(ddir / "catalog.yml", ddir), catalog_lines(ddir).get(series_id)
    )
    if not problems:  # the typed catalog's word on this entry (unknown fields, types, references)
        problems = [p for p in model_problems(ddir) if p.column == series_id]
    if is_records_only(m):
        return None, problems + [
            Problem(
                _rel(ddir / "catalog.yml", ddir),
                catalog_lines(ddir).get(series_id),
                series_id,
                "deze reeks heeft geen gepubliceerde cijfers (records_only: true): alleen "
                "sdlib.records berekent haar uit een registratie-extract, bijvoorbeeld met "
                "sdlib.records.indicators(extract)",
            )
        ]
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
    top_level_ok = not problems
    series_dir = ddir / "series"
    files = {p.stem for p in series_dir.glob("*.csv")} if series_dir.is_dir() else set()
    for stem in sorted(files - set(cat["series"])):
        problems.append(
            Problem(
                _rel(series_dir / f"{stem}.csv", ddir),
                None,
                None,
                "dit reeksbestand staat niet in data/catalog.yml; voeg de reeks toe of haal het bestand weg",
            )
        )
    for sid in sorted(cat["series"]):
        if is_records_only(cat["series"][sid]):
            problems += _records_only_problems(sid, cat, ddir, sid in files)
        else:
            problems += series_problems(sid, ddir)[1]
    if top_level_ok:  # the typed catalog outside the series (series entries were checked one by one above)
        problems += [p for p in model_problems(ddir) if p.column not in cat["series"]]
    problems += toelichting_problems(ddir) + passage_problems(ddir)
    return cap_problems(problems)


def _records_only_problems(sid: str, cat: dict, ddir: Path, has_file: bool) -> list[Problem]:
    """A record-only series: its entry is checked; it may have no data file (no document publishes it)."""
    name, line = _rel(ddir / "catalog.yml", ddir), catalog_lines(ddir).get(sid)
    problems = entry_problems(sid, cat["series"][sid], cat, read_sources(ddir), name, line)
    if not problems:
        problems = [p for p in model_problems(ddir) if p.column == sid]
    if has_file:
        problems.append(
            Problem(
                _rel(ddir / "series" / f"{sid}.csv", ddir),
                None,
                None,
                "deze reeks staat in data/catalog.yml als records_only: true (alleen berekend uit "
                "registraties); haal records_only weg als er gepubliceerde cijfers zijn, of dit bestand",
            )
        )
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
            problems.append(
                Problem(
                    _rel(ddir / "catalog.yml", ddir),
                    keys.get("objectives"),
                    None,
                    f"de doelstellingen onder 'objectives:' ({', '.join(cat['objectives'])}) moeten "
                    f"dezelfde zijn, in dezelfde volgorde, als de waarden van de dimensie 'objective' "
                    f"({', '.join(values)})",
                )
            )
    return problems
