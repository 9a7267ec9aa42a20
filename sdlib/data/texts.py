"""The municipality's own explanations (Toelichting) of its indicators, as printed, from ``data/toelichtingen.csv``.

The Jaarstukken, the Jaarverslag and the Programmabegroting print a paragraph "Toelichting: ..." under each
indicator. ``data/toelichtingen.csv`` holds each one word for word, one row per indicator it explains, with
the columns ``series, year, source, table, text`` (defined in ``data/README.md``). :func:`toelichting_problems`
checks the file as ``sdlib validate`` does; :func:`toelichtingen` loads it, checked on the way in. The file is
optional: a data folder without it has no explanations, and that is not a problem.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path

from sdlib.data.catalog import (
    BOM,
    BOM_MESSAGE,
    _or,
    read_catalog,
    read_data_bytes,
    read_sources,
    rel_name,
    series_meta,
    year_range,
)
from sdlib.data.errors import DataValidationError, Problem
from sdlib.data.paths import given_data_dir
from sdlib.data.textrules import ascii_number, text_problem

__all__ = [
    "toelichtingen",
    "toelichting_problems",
    "toelichting_row_problems",
    "passages",
    "passage_problems",
    "passage_row_problems",
    "TOELICHTING_COLUMNS",
    "with_sic",
    "TOELICHTINGEN_FILE",
    "PASSAGE_COLUMNS",
    "PASSAGES_FILE",
    "PASSAGE_KINDS",
]

TOELICHTINGEN_FILE = "toelichtingen.csv"
TOELICHTING_COLUMNS = ["series", "year", "about", "source", "table", "text", "sic"]
OPTIONAL_COLUMNS = ("sic",)  # a file may leave these out (a municipality whose texts have no slips): read as empty
KEY = ("series", "year", "source")
PASSAGES_FILE = "passages.csv"
PASSAGE_COLUMNS = ["topic", "kind", "year", "source", "section", "text", "sic"]
PASSAGE_KINDS = {
    "uitleg": "uitleg",
    "aanpak": "wat de gemeente doet",
    "conclusie": "conclusie",
    "vergelijking": "vergelijking",
}


def _stray_whitespace(value: str) -> str | None:
    """Describe stray whitespace in a cell (leading, trailing, doubled, a line break, a tab), or None."""
    if value != value.strip():
        return "spaties aan het begin of eind"
    if "\n" in value or "\r" in value or "\t" in value:
        return "een regelovergang of tab; voeg de regels samen tot één alinea"
    if "  " in value:
        return "twee spaties achter elkaar"
    if "\xa0" in value:
        return "een harde spatie (U+00A0); gebruik een gewone spatie"
    return None


def _read_rows(
    data_dir: Path, file: str = TOELICHTINGEN_FILE, columns: list[str] = TOELICHTING_COLUMNS
) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Read the file; return (line number, row) pairs and the problems of the file as a whole."""
    path = data_dir / file
    name = rel_name(path, data_dir)
    raw, problems = read_data_bytes(path, data_dir, name)
    if raw is None:
        return [], problems
    if raw.startswith(BOM):
        return [], [Problem(name, 1, None, BOM_MESSAGE)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [
            Problem(
                name,
                line,
                None,
                f"geen UTF-8: byte 0x{raw[exc.start]:02x} op positie {exc.start}; sla het bestand op als UTF-8",
            )
        ]
    if not text.strip():
        return [], [
            Problem(
                name,
                None,
                None,
                f"leeg bestand: verwacht een kopregel ({', '.join(columns)}) en minstens één regel",
            )
        ]
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    required = [c for c in columns if c not in OPTIONAL_COLUMNS]
    if header != columns and header != required:
        missing = [c for c in required if c not in header]
        extra = [c for c in header if c not in columns]
        what = (
            "; ".join(
                x
                for x in (
                    f"ontbreekt: {', '.join(missing)}" if missing else "",
                    f"onbekend: {', '.join(extra)}" if extra else "",
                )
                if x
            )
            or "andere volgorde"
        )
        optional = [c for c in columns if c in OPTIONAL_COLUMNS]
        also = f", eventueel gevolgd door {','.join(optional)}" if optional else ""
        return [], [Problem(name, 1, None, f"kopregel moet precies '{','.join(required)}' zijn{also} ({what})")]
    rows, problems = [], []
    while True:
        line = reader.line_num + 1  # where the record starts (a quoted cell may span lines)
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    'kan deze regel niet lezen als CSV; wordt er een aanhalingsteken (") niet gesloten?',
                )
            )
            break
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    f"heeft {len(record)} velden waar de kopregel er {len(header)} "
                    "heeft; zet tekst met een komma tussen aanhalingstekens",
                )
            )
            continue
        rows.append((line, dict.fromkeys(columns, "") | dict(zip(header, record))))
    return rows, problems


def toelichting_problems(data_dir=None) -> list[Problem]:
    """Check ``data/toelichtingen.csv`` against the catalog and the sources; empty when valid or absent.

    Checked: UTF-8 without BOM, the exact header, a known series (of the catalog) and source (of
    ``sources.csv``), a whole year in the allowed range, a non-empty table and text, no stray whitespace in any
    cell, and no (series, year, source) twice. Each problem names the file, the line and the column.
    """
    ddir = given_data_dir(data_dir)
    path = ddir / TOELICHTINGEN_FILE
    if not path.exists() and not path.is_symlink():
        return []
    name = rel_name(path, ddir)
    rows, problems = _read_rows(ddir)
    if not rows:
        return problems
    return problems + toelichting_row_problems(rows, name, read_catalog(ddir)["series"], read_sources(ddir))


def toelichting_row_problems(rows, name: str, series, sources) -> list[Problem]:
    """The checks of :func:`toelichting_problems` on rows already read: ``(line, row)`` pairs of ``name``.

    ``series`` and ``sources`` are the known ids (the catalog's series, the ids of ``sources.csv``). Also used by
    ``sdlib data add`` on the Toelichtingen of a new publication, before anything is written.
    """
    problems: list[Problem] = []
    first, last = year_range()
    seen: dict[tuple, int] = {}
    for line, row in rows:
        for col in TOELICHTING_COLUMNS:
            stray = _stray_whitespace(row.get(col, ""))
            if stray:
                problems.append(Problem(name, line, col, f"bevat {stray}"))
        for word in sic_words(row.get("sic", "")):
            if sic_position(row["text"], word) is None:
                problems.append(Problem(name, line, "sic", f"{word!r} staat niet in de tekst"))
        sid, src, year_text = row["series"].strip(), row["source"].strip(), row["year"].strip()
        if not sid:
            problems.append(
                Problem(name, line, "series", "leeg; elke toelichting hoort bij een reeks uit data/catalog.yml")
            )
        elif sid not in series:
            # only series a document can publish: a record-level figure (records_only) has no Toelichting
            items = series.items() if isinstance(series, dict) else ((k, None) for k in series)
            published = [k for k, v in items if not (isinstance(v, dict) and v.get("records_only"))]
            close = difflib.get_close_matches(sid, published, n=3, cutoff=0.6)
            hint = f" (bedoelt u {_or(close)}?)" if close else ""
            problems.append(
                Problem(name, line, "series", f"onbekende reeks {sid!r}{hint}; verwacht een id uit data/catalog.yml")
            )
        if src not in sources:
            problems.append(
                Problem(
                    name,
                    line,
                    "source",
                    f"onbekende bron {src!r}; verwacht een id uit data/sources.csv: {', '.join(sources)}",
                )
            )
        about = row["about"].strip()
        if not (ascii_number(about, integer=True) and len(about) == 4 and first <= int(about) <= last):
            problems.append(
                Problem(
                    name,
                    line,
                    "about",
                    f"verwacht het jaar van de cijfers waar de toelichting over "
                    f"gaat, zoals 2023; gevonden {row['about']!r}",
                )
            )
        year = int(year_text) if ascii_number(year_text, integer=True) and len(year_text) == 4 else None
        if year is None:
            problems.append(
                Problem(name, line, "year", f"verwacht een heel jaartal zoals 2024; gevonden {row['year']!r}")
            )
        elif not first <= year <= last:
            problems.append(
                Problem(name, line, "year", f"jaar buiten het bereik {first}-{last} (1990 tot en met dit jaar + 5)")
            )
        if not row["table"].strip():
            problems.append(Problem(name, line, "table", "leeg; verwacht de tabel of indicator zoals gedrukt"))
        if not row["text"].strip():
            problems.append(Problem(name, line, "text", "lege toelichting; verwacht de tekst zoals gedrukt"))
        for column in ("table", "text"):
            reason = None if _stray_whitespace(row[column]) else text_problem(row[column])
            if reason:
                problems.append(Problem(name, line, column, reason))
        key = (sid, year_text, src)
        if key in seen:
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    f"dubbele sleutel series, year, source ({sid}, {year_text}, {src}); zelfde als regel {seen[key]}",
                )
            )
        else:
            seen[key] = line
    return problems


def toelichtingen(
    series: str | None = None,
    *,
    year: int | None = None,
    about: int | None = None,
    source: str | None = None,
    data_dir=None,
):
    """Return the printed explanations (Toelichting) of the indicators, checked on the way in.

    Parameters
    ----------
    series : str, optional
        A catalog id such as ``"jeugdhulp_3jaar_aandeel"``; all series when None.
    year : int, optional
        Only the explanations of this verslagjaar (for a Programmabegroting the begrotingsjaar).
    about : int, optional
        Only the explanations about the figures of this year (column ``about``: a Programmabegroting 2025 can
        explain the figures of 2023).
    source : str, optional
        Only this publication (a source id of ``sources.csv``, e.g. ``"js2024"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``series, year`` (int), ``source, table, text``, sorted by series, year and source; empty (with
        those columns) when nothing matches or the data folder has no ``toelichtingen.csv``.

    Raises
    ------
    UnknownSeriesError
        If ``series`` is not in the catalog (the same error as :func:`sdlib.load`).
    DataValidationError
        If the file breaks any check of :func:`toelichting_problems` (file, line and column named).
    """
    import pandas as pd

    ddir = given_data_dir(data_dir)
    if series is not None:
        series_meta(series, ddir)  # raises UnknownSeriesError with the closest ids
    if source is not None and source not in read_sources(ddir):
        raise ValueError(
            f"onbekende bron {source!r}; verwacht een id uit data/sources.csv: {', '.join(read_sources(ddir))}"
        )
    problems = toelichting_problems(ddir)
    if problems:
        raise DataValidationError(problems)
    rows = [row for _, row in _read_rows(ddir)[0]] if (ddir / TOELICHTINGEN_FILE).exists() else []
    df = pd.DataFrame(rows, columns=TOELICHTING_COLUMNS).astype({"year": "int64", "about": "int64"})
    if series is not None:
        df = df[df["series"] == series]
    if year is not None:
        df = df[df["year"] == int(year)]
    if about is not None:
        df = df[df["about"] == int(about)]
    if source is not None:
        df = df[df["source"] == source]
    return df.sort_values(["series", "year", "source"], kind="stable").reset_index(drop=True)


def passage_problems(data_dir=None) -> list[Problem]:
    """Check ``data/passages.csv``: the municipality's own words beside the figures, quoted as printed.

    Checked like the Toelichtingen: UTF-8 without BOM, the exact header, a topic of the catalog (``topics:``), a
    kind of :data:`PASSAGE_KINDS`, a known source, a whole year, a non-empty section and text without stray
    whitespace, markup or control characters; every word named under ``sic`` occurs in the text.
    """
    ddir = given_data_dir(data_dir)
    path = ddir / PASSAGES_FILE
    if not path.exists() and not path.is_symlink():
        return []
    name = rel_name(path, ddir)
    rows, problems = _read_rows(ddir, PASSAGES_FILE, PASSAGE_COLUMNS)
    if not rows:
        return problems
    # the topic ids as written, not the typed catalog: a mistake elsewhere in the catalog (an unknown unit) is
    # the catalog check's to report, and must not stop this one
    topics = read_catalog(ddir).get("topics")
    topics = {str(k): v for k, v in topics.items()} if isinstance(topics, dict) else {}
    return problems + passage_row_problems(rows, name, topics, read_sources(ddir))


def passage_row_problems(rows, name: str, topics, sources) -> list[Problem]:
    """The checks of :func:`passage_problems` on rows already read: ``(line, row)`` pairs of ``name``.

    ``topics`` and ``sources`` are the known ids (``topics:`` of the catalog, the ids of ``sources.csv``). Also
    used by ``sdlib data add`` on the passages of a new publication, before anything is written.
    """
    problems: list[Problem] = []
    first, last = year_range()
    for line, row in rows:
        for col in PASSAGE_COLUMNS:
            stray = _stray_whitespace(row[col])
            if stray:
                problems.append(Problem(name, line, col, f"bevat {stray}"))
        if row["topic"] not in topics:
            problems.append(
                Problem(
                    name,
                    line,
                    "topic",
                    f"onbekend onderwerp {row['topic']!r}; verwacht een id "
                    f"onder 'topics:' in data/catalog.yml: {', '.join(topics)}",
                )
            )
        if row["kind"] not in PASSAGE_KINDS:
            problems.append(
                Problem(name, line, "kind", f"verwacht een van: {', '.join(PASSAGE_KINDS)}; gevonden {row['kind']!r}")
            )
        if row["source"] not in sources:
            problems.append(
                Problem(
                    name,
                    line,
                    "source",
                    f"onbekende bron {row['source']!r}; verwacht een id uit data/sources.csv: {', '.join(sources)}",
                )
            )
        year = row["year"]
        if not (ascii_number(year, integer=True) and len(year) == 4 and first <= int(year) <= last):
            problems.append(
                Problem(
                    name, line, "year", f"verwacht een heel jaartal van {first} tot en met {last}; gevonden {year!r}"
                )
            )
        for column in ("section", "text"):
            if not row[column].strip():
                problems.append(Problem(name, line, column, "leeg; verwacht de tekst zoals gedrukt"))
            reason = None if _stray_whitespace(row[column]) else text_problem(row[column])
            if reason:
                problems.append(Problem(name, line, column, reason))
        for word in sic_words(row["sic"]):
            if sic_position(row["text"], word) is None:
                problems.append(Problem(name, line, "sic", f"{word!r} staat niet in de tekst"))
    return problems


def sic_position(text: str, word: str) -> int | None:
    """Where ``word`` first occurs in ``text`` as a whole word (not inside a longer word), or None."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    return found.end() if found else None


def sic_words(sic: str) -> list[str]:
    """The misspelled words of a ``sic`` cell: ``aangesloten (aaneengesloten); blijk (blijkt)``."""
    out = []
    for part in (sic or "").split(";"):
        word = part.split("(")[0].strip()
        if word:
            out.append(word)
    return out


def with_sic(text: str, sic: str) -> str:
    """The text as printed with ' [sic]' after each word the ``sic`` cell names (its first whole-word occurrence):
    a reader sees that the slip is the document's, not the report's."""
    import re

    for word in sic_words(sic):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", lambda m: f"{m.group(0)} [sic]", text, count=1)
    return text


def passages(
    topic: str | None = None,
    *,
    kind: str | None = None,
    year: int | None = None,
    source: str | None = None,
    data_dir=None,
):
    """Return the municipality's own words about a topic, as printed (``data/passages.csv``).

    Returns
    -------
    pandas.DataFrame
        Columns ``topic, kind, year`` (int), ``source, section, text, sic``; empty when nothing matches or the
        data folder has no ``passages.csv`` (another municipality need not keep one).
    """
    import pandas as pd

    ddir = given_data_dir(data_dir)
    problems = passage_problems(ddir)
    if problems:
        raise DataValidationError(problems)
    rows = (
        [row for _, row in _read_rows(ddir, PASSAGES_FILE, PASSAGE_COLUMNS)[0]]
        if (ddir / PASSAGES_FILE).exists()
        else []
    )
    df = pd.DataFrame(rows, columns=PASSAGE_COLUMNS).astype({"year": "int64"})
    for column, value in (("topic", topic), ("kind", kind), ("source", source)):
        if value is not None:
            df = df[df[column] == value]
    if year is not None:
        df = df[df["year"] == int(year)]
    return df.reset_index(drop=True)
