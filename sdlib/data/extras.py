"""The parts of a new publication besides its figures: its Toelichtingen, 'Doel gehaald' verdicts and passages.

``sdlib data add`` takes them as three optional CSV files (``--toelichtingen``, ``--oordelen``, ``--passages``).
Each is read and checked here against the catalog and the sources *as they will be* (the new publication's id
counts as known), with the same row checks as ``sdlib validate`` (:mod:`sdlib.data.texts`), and turned into the
new contents of ``toelichtingen.csv``, ``passages.csv`` and ``catalog.yml``. Nothing here writes a file:
:mod:`sdlib.data.update` writes everything together, or nothing.

Input columns (the header names them; order free; ``source`` may be left out, it is then the new publication):

=================  ===========================================================================================
Toelichtingen      ``series, year, about, table, text`` (as in ``toelichtingen.csv``)
Oordelen           ``series, year, achieved, table``: ``achieved`` is ``Ja`` or ``Nee`` as printed after 'Doel
                   gehaald'; ``table`` (optional) the heading where the document prints it
Passages           ``topic, kind, year, section, text`` and optionally ``sic`` (as in ``passages.csv``)
=================  ===========================================================================================

A row that is already in the data folder, identical, is skipped (adding the same publication twice changes
nothing); one that contradicts what is there (another text for the same indicator, year and publication;
another verdict for the same indicator and year) is refused.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from sdlib.data.catalog import BOM, _or, read_data_bytes, year_range
from sdlib.data.errors import DataValidationError, Problem
from sdlib.data.textrules import ascii_number, text_problem
from sdlib.data.texts import (
    PASSAGE_COLUMNS,
    PASSAGES_FILE,
    TOELICHTING_COLUMNS,
    TOELICHTINGEN_FILE,
    passage_row_problems,
    toelichting_row_problems,
)
from sdlib.data.validate import SEMICOLONS, csv_records, field_count_message

__all__ = [
    "Extras",
    "read_input",
    "plan_toelichtingen",
    "plan_passages",
    "plan_verdicts",
    "catalog_with_verdicts",
    "looks_like",
    "MISPLACED",
    "VERDICT_COLUMNS",
    "YES",
    "NO",
]

VERDICT_COLUMNS = ["series", "year", "achieved", "table", "source"]
YES = ("ja", "true")
NO = ("nee", "false")


@dataclass
class Extras:
    """What the optional files of a publication add: new rows and the new contents of the files they change.

    ``changes`` maps a path in the data folder to its new bytes; ``origin`` maps the name of each changed file
    (``data/toelichtingen.csv``) to {line in the new file: (input file, line)}, so a problem found in the new
    file is told against the line the analyst typed.
    """

    toelichtingen: list[dict] = field(default_factory=list)
    verdicts: list[dict] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)
    changes: dict[Path, bytes] = field(default_factory=dict)
    origin: dict[str, dict[int, tuple[str, int]]] = field(default_factory=dict)


def read_input(
    path: Path, name: str, required: list[str], optional: list[str], what: str
) -> tuple[list[str], list[tuple[int, dict]]]:
    """Read an input CSV of ``sdlib data add`` (saved by Excel or by hand): return the header and (line, row) pairs.

    A byte-order mark is accepted (Excel's "CSV UTF-8"); cells lose leading and trailing spaces; empty lines are
    skipped. The header must hold every ``required`` column and nothing beyond ``required`` and ``optional``.
    ``what`` names the kind of file in messages ("toelichtingen").

    Raises
    ------
    DataValidationError
        Naming the file, the line and the column of every problem.
    """
    raw, problems = read_data_bytes(path, None, name)
    if raw is None:
        raise DataValidationError(problems)
    skip = len(BOM) if raw.startswith(BOM) else 0
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start + skip
        line = raw[:at].count(b"\n") + 1
        raise DataValidationError(
            [
                Problem(
                    name, line, None, f"geen UTF-8: byte 0x{raw[at]:02x} op positie {at}; sla het bestand op als UTF-8"
                )
            ]
        ) from None
    expected = ", ".join(required + [f"eventueel {c}" for c in optional])
    if not text.strip():
        raise DataValidationError(
            [Problem(name, None, None, f"leeg bestand: verwacht een kopregel ({expected}) en minstens één regel")]
        )
    records, problems = csv_records(text, name)
    if problems:
        raise DataValidationError(problems)
    header = [c.strip() for c in records[0]]
    if len(header) == 1 and ";" in header[0]:
        raise DataValidationError([Problem(name, 1, None, SEMICOLONS)])
    problems = [
        Problem(name, 1, c, "kolom staat twee keer in de kopregel")
        for c in sorted({c for c in header if header.count(c) > 1})
    ]
    looks = looks_like(header)
    if looks and looks != what.split()[0] and any(c not in header for c in required):
        raise DataValidationError([Problem(name, 1, None, f"{MISPLACED[looks]}; hier horen {what}")])
    problems += [
        Problem(name, 1, c, f"kolom ontbreekt; een bestand met {what} heeft de kolommen {expected}")
        for c in required
        if c not in header
    ]
    for c in header:
        if c not in required and c not in optional:
            close = difflib.get_close_matches(c, [k for k in required + optional if k not in header], n=1, cutoff=0.6)
            hint = f" (bedoelt u {close[0]!r}?)" if close else ""
            problems.append(
                Problem(
                    name, 1, c or None, f"onbekende kolom{hint}; een bestand met {what} heeft de kolommen {expected}"
                )
            )
    if problems:
        raise DataValidationError(problems)
    rows = []
    for line, record in enumerate(records[1:], start=2):
        if not any(v.strip() for v in record):
            continue
        if len(record) != len(header):
            problems.append(Problem(name, line, None, field_count_message(record, len(header))))
            continue
        row = {c: v.strip() for c, v in zip(header, record)}
        rows.append((line, {c: row.get(c, "") for c in required + optional}))
    if problems:
        raise DataValidationError(problems)
    if not rows:
        raise DataValidationError(
            [Problem(name, None, None, f"geen regels onder de kopregel; verwacht minstens één regel met {what}")]
        )
    return header, rows


MISPLACED = {  # what a file looks like by its header, and where it belongs (a hurried analyst swaps files)
    "cijfers": "dit lijkt een bestand met cijfers (kolommen measure en value): geef het als BESTAND",
    "toelichtingen": "dit lijkt een bestand met toelichtingen (kolommen about en text): geef het met --toelichtingen",
    "oordelen": "dit lijkt een bestand met oordelen (kolom achieved): geef het met --oordelen",
    "passages": "dit lijkt een bestand met passages (kolommen topic en kind): geef het met --passages",
}


def looks_like(header: list[str]) -> str | None:
    """The kind of input file a header belongs to (a key of :data:`MISPLACED`), or None."""
    cols = {c.strip() for c in header}
    if {"measure", "value"} <= cols:
        return "cijfers"
    if "achieved" in cols:
        return "oordelen"
    if {"topic", "kind"} <= cols:
        return "passages"
    if {"about", "text"} <= cols:
        return "toelichtingen"
    return None


def _fill_source(rows, source_id: str | None, name: str) -> list[Problem]:
    """Give rows without a source the new publication's id; without a new publication that is a problem."""
    problems = []
    for line, row in rows:
        if not row.get("source"):
            if source_id is None:
                problems.append(
                    Problem(
                        name,
                        line,
                        "source",
                        "geen bron: vul de kolom source in (een id uit data/sources.csv) of geef de nieuwe "
                        "publicatie op met --source-id, --short-title en --year",
                    )
                )
            else:
                row["source"] = source_id
    return problems


def _existing(path: Path, ddir: Path, columns: list[str]) -> tuple[str, list[dict]]:
    """The text and rows of a texts file of the data folder ('' and [] when it is not there)."""
    from sdlib.data.catalog import rel_name

    if not path.exists() and not path.is_symlink():
        return "", []
    raw, problems = read_data_bytes(path, ddir, rel_name(path, ddir))
    if raw is None:
        raise DataValidationError(problems)
    text = raw.decode("utf-8", errors="replace")
    return text, [dict(zip(columns, r)) for r in list(csv.reader(io.StringIO(text)))[1:] if any(r)]


def _appended(text: str, columns: list[str], rows: list[dict]) -> tuple[bytes, int]:
    """The file ``text`` with ``rows`` appended (a header first when the file is new); and the line of the first."""
    nl = "\r\n" if "\r\n" in text else "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=nl)
    if not text:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    head = text + ("" if not text or text.endswith("\n") else nl)
    first = len(list(csv.reader(io.StringIO(head)))) + 1 if head else 2
    return (head + buf.getvalue()).encode("utf-8"), first


def plan_toelichtingen(path: Path, name: str, ddir: Path, series: dict, sources: dict, source_id, out: Extras) -> list:
    """Read and check the Toelichtingen of a new publication; add the new rows and file to ``out``; return problems."""
    from sdlib.data.catalog import rel_name

    required = [c for c in TOELICHTING_COLUMNS if c not in ("source", "sic")]
    _, rows = read_input(path, name, required, ["source", "sic"], "toelichtingen")
    problems = _fill_source(rows, source_id, name)
    problems += toelichting_row_problems(rows, name, series, sources)
    target = ddir / TOELICHTINGEN_FILE
    text, present = _existing(target, ddir, TOELICHTING_COLUMNS)
    by_key = {(r.get("series"), r.get("year"), r.get("source")): r for r in present}
    new = []
    for line, row in rows:
        old = by_key.get((row["series"], row["year"], row["source"]))
        if old is None:
            new.append((line, row))
        elif any((old.get(c) or "") != (row.get(c) or "") for c in TOELICHTING_COLUMNS):
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    f"er staat al een toelichting bij {row['series']}, {row['year']}, {row['source']} in "
                    f"{rel_name(target, ddir)}, met een andere tekst of tabel; een publicatie geeft per indicator "
                    "en jaar één toelichting",
                )
            )
    if new and not problems:
        header = next(csv.reader(io.StringIO(text)), None) if text else None
        columns = header if header == [c for c in TOELICHTING_COLUMNS if c != "sic"] else TOELICHTING_COLUMNS
        data, first = _appended(text, columns, [r for _, r in new])  # in the columns the file has
        out.changes[target] = data
        out.origin[rel_name(target, ddir)] = {first + k: (name, line) for k, (line, _) in enumerate(new)}
        out.toelichtingen = [r for _, r in new]
    return problems


def plan_passages(path: Path, name: str, ddir: Path, topics: dict, sources: dict, source_id, out: Extras) -> list:
    """Read and check the passages of a new publication; add the new rows and file to ``out``; return problems."""
    from sdlib.data.catalog import rel_name

    required = [c for c in PASSAGE_COLUMNS if c not in ("source", "sic")]
    _, rows = read_input(path, name, required, ["source", "sic"], "passages")
    problems = _fill_source(rows, source_id, name)
    problems += passage_row_problems(rows, name, topics, sources)
    target = ddir / PASSAGES_FILE
    text, present = _existing(target, ddir, PASSAGE_COLUMNS)
    known = {tuple(r.get(c, "") for c in PASSAGE_COLUMNS) for r in present}
    new = [(line, row) for line, row in rows if tuple(row[c] for c in PASSAGE_COLUMNS) not in known]
    if new and not problems:
        data, first = _appended(text, PASSAGE_COLUMNS, [r for _, r in new])
        out.changes[target] = data
        out.origin[rel_name(target, ddir)] = {first + k: (name, line) for k, (line, _) in enumerate(new)}
        out.passages = [r for _, r in new]
    return problems


def _achieved(text: str) -> bool | None:
    low = text.strip().lower()
    return True if low in YES else False if low in NO else None


def plan_verdicts(
    path: Path, name: str, ddir: Path, catalog_text: str, series: dict, sources: dict, source_id, out: Extras
) -> list:
    """Read and check the 'Doel gehaald' verdicts of a new publication; put the new ``catalog.yml`` in ``out``.

    A verdict belongs to a programme indicator (``indicator: true``) and a year; a year that has a verdict
    already (of any publication) is refused unless the row is the same verdict of the same publication.
    """
    from sdlib.data.catalog import rel_name

    _, rows = read_input(path, name, ["series", "year", "achieved"], ["table", "source"], "oordelen ('Doel gehaald')")
    problems = _fill_source(rows, source_id, name)
    first, last = year_range()
    seen: dict[tuple, int] = {}
    new: list[tuple[int, dict]] = []
    for line, row in rows:
        sid, year_text = row["series"], row["year"]
        bad = False
        meta = series.get(sid)
        if not sid:
            problems.append(Problem(name, line, "series", "leeg; verwacht een indicator uit data/catalog.yml"))
            bad = True
        elif not isinstance(meta, dict):
            indicators = [s for s, m in series.items() if isinstance(m, dict) and m.get("indicator") is True]
            close = difflib.get_close_matches(sid, indicators, n=3, cutoff=0.6)
            hint = f" (bedoelt u {_or(close)}?)" if close else ""
            problems.append(Problem(name, line, "series", f"onbekende reeks {sid!r}{hint}"))
            bad = True
        elif meta.get("indicator") is not True:
            problems.append(
                Problem(
                    name,
                    line,
                    "series",
                    f"{sid!r} is geen indicator van het programma (indicator: true in data/catalog.yml); een "
                    "oordeel 'Doel gehaald' hoort alleen bij een indicator",
                )
            )
            bad = True
        if not (ascii_number(year_text, integer=True) and len(year_text) == 4 and first <= int(year_text) <= last):
            problems.append(
                Problem(
                    name,
                    line,
                    "year",
                    f"verwacht een heel jaartal van {first} tot en met {last}; gevonden {year_text!r}",
                )
            )
            bad = True
        achieved = _achieved(row["achieved"])
        if achieved is None:
            problems.append(
                Problem(
                    name,
                    line,
                    "achieved",
                    f"verwacht Ja of Nee (zoals achter 'Doel gehaald' in het document); gevonden {row['achieved']!r}",
                )
            )
            bad = True
        if row["source"] and row["source"] not in sources:
            problems.append(
                Problem(
                    name,
                    line,
                    "source",
                    f"onbekende bron {row['source']!r}; verwacht een id uit data/sources.csv: {', '.join(sources)}",
                )
            )
            bad = True
        reason = text_problem(row["table"]) if row["table"] else None
        if reason:
            problems.append(Problem(name, line, "table", reason))
            bad = True
        if bad:
            continue
        key = (sid, int(year_text))
        if key in seen:
            problems.append(
                Problem(
                    name, line, None, f"oordeel over {sid}, {year_text} staat twee keer; zelfde als regel {seen[key]}"
                )
            )
            continue
        seen[key] = line
        verdict = {"year": int(year_text), "achieved": achieved, "source": row["source"]}
        if row["table"]:
            verdict["table"] = row["table"]
        there = [v for v in meta.get("verdicts") or [] if isinstance(v, dict) and v.get("year") == int(year_text)]
        if there:
            old = there[0]
            if {k: old.get(k) for k in ("year", "achieved", "source")} == {
                k: verdict[k] for k in ("year", "achieved", "source")
            }:
                continue  # the same verdict of the same publication: already there
            said = "Ja" if old.get("achieved") else "Nee"
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    f"{sid} heeft al een oordeel over {year_text} in {rel_name(ddir / 'catalog.yml', ddir)} "
                    f"(Doel gehaald: {said}, bron {old.get('source')}); een jaar heeft één gepubliceerd oordeel: "
                    "laat deze regel weg, of pas het oordeel in de catalogus met de hand aan",
                )
            )
            continue
        new.append((line, {"series": sid, **verdict}))
    if new and not problems:
        by_series: dict[str, list[dict]] = {}
        for _, v in new:
            by_series.setdefault(v["series"], []).append({k: v[k] for k in v if k != "series"})
        target = ddir / "catalog.yml"
        try:
            edited = catalog_with_verdicts(catalog_text, by_series)
        except ValueError as exc:
            return problems + [Problem(name, None, None, str(exc))]
        out.changes[target] = edited.encode("utf-8")
        out.verdicts = [v for _, v in new]
    return problems


def _flow(verdict: dict) -> str:
    import yaml

    return yaml.safe_dump(
        verdict, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1_000_000
    ).strip()


def _line_end(text: str, pos: int) -> int:
    """The end of the line holding the last non-blank character before ``pos`` (before its line break)."""
    while pos > 0 and text[pos - 1] in " \t\r\n":
        pos -= 1
    end = text.find("\n", pos)
    if end == -1:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def catalog_with_verdicts(text: str, verdicts: dict[str, list[dict]]) -> str:
    """Return the text of ``catalog.yml`` with these verdicts appended to the series' ``verdicts:`` lists.

    The file is edited as text, so its comments, order and layout stay as they are: each verdict becomes one line
    ``- {year: 2025, achieved: true, source: js2025}`` under the series' ``verdicts:`` (which is added after the
    entry's last field when the series has none). The result is parsed again and must equal the old catalog
    with exactly these verdicts added.

    Raises
    ------
    ValueError
        (Dutch) when the file cannot be edited this way safely; nothing is changed then.
    """
    import yaml

    def refuse(why: str) -> ValueError:
        return ValueError(
            f"kan de oordelen niet veilig in data/catalog.yml zetten ({why}); zet ze met de hand onder 'verdicts:' "
            "van de reeks en laat --oordelen weg"
        )

    nl = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise refuse("het bestand is geen lijst van sleutels")
    series_node = next((v for k, v in root.value if getattr(k, "value", None) == "series"), None)
    if not isinstance(series_node, yaml.MappingNode):
        raise refuse("geen sectie 'series:'")
    entries = {k.value: v for k, v in series_node.value if isinstance(k, yaml.ScalarNode)}
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) on the original text
    for sid, items in verdicts.items():
        entry = entries.get(sid)
        if not isinstance(entry, yaml.MappingNode) or not entry.value:
            raise refuse(f"reeks {sid!r} is geen lijst van velden")
        flows = [_flow(v) for v in items]
        node = next((v for k, v in entry.value if getattr(k, "value", None) == "verdicts"), None)
        if node is None:
            col = entry.value[0][0].start_mark.column
            at = _line_end(text, entry.value[-1][1].end_mark.index)
            lines = "".join(f"{nl}{' ' * (col + 2)}- {f}" for f in flows)
            edits.append((at, at, f"{nl}{' ' * col}verdicts:{lines}"))
        elif not isinstance(node, yaml.SequenceNode):
            raise refuse(f"'verdicts' van {sid!r} is geen lijst")
        elif node.flow_style:
            end = node.end_mark.index
            if text[end - 1] != "]":
                raise refuse(f"'verdicts' van {sid!r} is niet te lezen")
            sep = ", " if node.value else ""
            edits.append((end - 1, end - 1, sep + ", ".join(flows)))
        else:
            last = node.value[-1]
            col = max(last.start_mark.column - 2, 0)
            if text[last.start_mark.index - 2 : last.start_mark.index] != "- ":
                raise refuse(f"de lijst 'verdicts' van {sid!r} heeft een ongewone opmaak")
            at = _line_end(text, last.end_mark.index)
            edits.append((at, at, "".join(f"{nl}{' ' * col}- {f}" for f in flows)))
    out = text
    for start, end, replacement in sorted(edits, reverse=True):
        out = out[:start] + replacement + out[end:]
    before, after = yaml.safe_load(text), yaml.safe_load(out)
    for sid, items in verdicts.items():
        entry = before["series"][sid]
        entry["verdicts"] = list(entry.get("verdicts") or []) + items
    if before != after:
        raise refuse("het resultaat zou meer veranderen dan de oordelen")
    return out
