"""The catalog: what each series means, its unit, theme, direction and published verdicts.

The metadata lives in ``data/catalog.yml`` and the publications in ``data/sources.csv``. Both are read through
:func:`read_data_bytes`, which refuses what is not a readable regular file inside the data folder (a folder,
a symlink to elsewhere, a file without read permission), and both are checked when read: a key twice in the
catalog or a source id twice in ``sources.csv`` is an error, never a silent "last one wins".

Besides the series, the catalog names the facts that code and notebooks read instead of copying them:
:func:`theme_labels`, :func:`objective_labels`, :func:`programme` and :func:`dimension_values` (e.g. the care
types). The municipality itself is in ``data/gemeente.yml`` (:mod:`sdlib.data.config`).
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from sdlib.data.errors import DataValidationError, Problem, UnknownSeriesError
from sdlib.data.fileio import MAX_TEXT_BYTES, UnreadableFileError, read_bounded, yaml_structure_problem
from sdlib.data.journal import recover
from sdlib.data.paths import file_stamp, given_data_dir, rel_name, shown_path
from sdlib.data.textrules import text_problem

__all__ = [
    "catalog",
    "series_meta",
    "series_ids",
    "read_catalog",
    "read_sources",
    "catalog_lines",
    "parse_sources",
    "read_data_bytes",
    "read_yaml",
    "rel_name",
    "year_range",
    "theme_labels",
    "objective_labels",
    "programme",
    "dimension_values",
    "is_records_only",
    "series_breaks",
    "model",
    "entry",
    "decimals",
    "topic_series",
    "model_problems",
    "SOURCE_ID",
    "VINTAGE_KEYWORDS",
    "RECORDS_PREFIX",
    "SYNTHETIC_PREFIX",
    "DIRECTIONS",
    "BOM_MESSAGE",
    "MAPPING_MESSAGE",
]

RECORDS_PREFIX = "records:"  # source id of figures that sdlib.records computed from a record extract
SYNTHETIC_PREFIX = "synthetic:"  # the same, from a synthetic extract
DIRECTIONS = {"higher": "hoger is beter", "lower": "lager is beter", "on_target": "zo dicht mogelijk bij de begroting"}
SOURCE_ID = re.compile(r"^[a-z0-9_]+$")
VINTAGE_KEYWORDS = ("latest", "all")
FIRST_YEAR = 1990
BOM = b"\xef\xbb\xbf"
BOM_MESSAGE = "het bestand begint met een BOM (UTF-8 met handtekening); sla op als UTF-8 zonder BOM"
MAX_YAML_BYTES = MAX_TEXT_BYTES  # catalog.yml, gemeente.yml
MAX_DATA_BYTES = 200_000_000  # a CSV file of figures in data/
MAPPING_MESSAGE = "verwacht de velden van de reeks (title, definition, unit, theme, ...), elk op een eigen regel"


def year_range() -> tuple[int, int]:
    """Return the years a figure may have: 1990 up to and including the current year + 5."""
    return FIRST_YEAR, datetime.date.today().year + 5


def read_data_bytes(path: Path, data_dir: Path | None, name: str) -> tuple[bytes | None, list[Problem]]:
    """Read a data file; return (bytes, []) or (None, [problem]) when it is not a readable regular file.

    With ``data_dir`` given the file must also lie inside that folder after resolving symlinks: a data file
    that points elsewhere would let the figures change without any change in the data folder.
    """
    path = Path(path)
    problems = data_file_problems(path, data_dir, name)
    if problems:
        return None, problems
    limit = MAX_YAML_BYTES if path.suffix in (".yml", ".yaml") else MAX_DATA_BYTES
    try:
        raw = read_bounded(path, limit)
        # The report runner names a file in SDLIB_READ_LOG for each notebook's kernel: one JSON line per read (path
        # relative to the data folder, sha256 of the bytes read), so a report is rebuilt only when a file it read
        # changes. A failure to log never fails the read; the runner treats a missing log as "inputs unknown".
        log = os.environ.get("SDLIB_READ_LOG")
        if log:
            try:
                import hashlib
                import json

                from sdlib.data.paths import data_dir as _configured

                root = Path(os.path.abspath(data_dir if data_dir is not None else _configured()))
                rel = Path(os.path.abspath(path)).relative_to(root).as_posix()
                line = json.dumps({"path": rel, "sha256": hashlib.sha256(raw).hexdigest(), "data_dir": str(root)})
                fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
                try:
                    os.write(fd, (line + "\n").encode("utf-8"))
                finally:
                    os.close(fd)
            except Exception:
                pass
        return raw, []
    except UnreadableFileError as exc:
        return None, [Problem(name, None, None, UNREADABLE if exc.reason == "geen leesrechten" else exc.reason)]


def data_file_problems(path: Path, data_dir: Path | None, name: str) -> list[Problem]:
    """Why ``path`` is no readable regular file (inside ``data_dir`` when given), as problems; empty when it is.

    The checks :func:`read_data_bytes` makes before reading; also used by readers that stream a file.
    """
    path = Path(path)
    if not os.path.lexists(path):
        return [Problem(name, None, None, "bestand niet gevonden")]
    if data_dir is not None:
        real, root = path.resolve(), Path(data_dir).resolve()
        if not real.is_relative_to(root):
            return [
                Problem(
                    name,
                    None,
                    None,
                    f"verwijst (via een symbolische koppeling) naar {shown_path(real)}, buiten de "
                    "datamap; een databestand moet een gewoon bestand in de datamap zijn",
                )
            ]
    try:
        st = path.stat()
    except FileNotFoundError:
        return [Problem(name, None, None, f"is een symbolische koppeling naar {os.readlink(path)}, dat niet bestaat")]
    except OSError as exc:
        return [Problem(name, None, None, f"kan het bestand niet lezen: {exc.strerror}")]
    if stat.S_ISDIR(st.st_mode):
        return [Problem(name, None, None, "is een map, geen bestand; verwacht een CSV-bestand")]
    if not stat.S_ISREG(st.st_mode):
        return [Problem(name, None, None, "is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)")]
    return []


UNREADABLE = "kan het bestand niet lezen: geen leesrechten (chmod); geef de eigenaar en de groep leesrechten"


def _recover(ddir: Path) -> None:
    """Finish an interrupted ``sdlib data add`` (see :func:`sdlib.data.journal.recover`) before reading anything."""
    if os.path.lexists(ddir / ".sdlib-journal.json"):
        recover(ddir, clean=False)


def _unique_key_loader():
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        """A safe loader that records every mapping key given twice, with both line numbers."""

        def __init__(self, stream):
            super().__init__(stream)
            self.duplicates: list[tuple[str, int, int]] = []

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                self.flatten_mapping(node)
                seen: dict = {}
                for key_node, _ in node.value:
                    try:
                        key = self.construct_object(key_node, deep=True)
                        hash(key)
                    except TypeError:
                        continue
                    line = key_node.start_mark.line + 1
                    if key in seen:
                        self.duplicates.append((str(key), seen[key], line))
                    else:
                        seen[key] = line
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader


def read_catalog(data_dir=None) -> dict:
    """Return the parsed ``catalog.yml`` as a dict (cached until the file changes).

    Raises
    ------
    DataValidationError
        If the file is missing, not a readable file inside the data folder, not valid YAML with a ``series``
        mapping, or has a key twice in one mapping (a series id given twice: the file and both lines are named).
    """
    return _catalog_and_lines(data_dir)[0]


def catalog_lines(data_dir=None) -> dict[str, int]:
    """Return the line of ``catalog.yml`` where each series entry starts (for messages)."""
    return _catalog_and_lines(data_dir)[1]


def _catalog_and_lines(data_dir) -> tuple[dict, dict, dict]:
    ddir = given_data_dir(data_dir)
    _recover(ddir)
    path = ddir / "catalog.yml"
    try:
        st = path.stat()
        key = (st.st_mtime_ns, st.st_ino, st.st_size)
    except OSError:
        key = None
    return _read_catalog_cached(str(path), str(ddir), key)


def read_yaml(raw: bytes, name: str) -> tuple[object, dict[str, int], list[Problem]]:
    """Parse the bytes of a YAML data file (``catalog.yml``, ``gemeente.yml``) safely.

    Returns
    -------
    (document, lines, problems)
        The parsed document (None on a problem), the line of every top-level key (for messages) and the
        problems: not UTF-8, not valid YAML, or a key twice in one mapping (both lines named).
    """
    doc, node, problems = _parse_yaml(raw, name)
    return doc, _key_lines(node), problems


def _key_lines(node) -> dict[str, int]:
    """The line of every key of a YAML mapping node (empty for anything else)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(k.value): k.start_mark.line + 1
        for k, _ in node.value
        if hasattr(k, "start_mark") and isinstance(getattr(k, "value", None), str)
    }


def _parse_yaml(raw: bytes, name: str):
    import yaml

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return (
            None,
            None,
            [Problem(name, line, None, f"geen UTF-8: byte 0x{raw[exc.start]:02x}; sla het bestand op als UTF-8")],
        )
    bounded = yaml_structure_problem(text)
    if bounded is not None:
        return None, None, [Problem(name, bounded[0], None, bounded[1])]
    loader = _unique_key_loader()(text)
    try:
        node = loader.get_single_node()
        doc = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        return None, None, [Problem(name, line, None, f"geen geldige YAML: {what}")]
    finally:
        loader.dispose()
    if loader.duplicates:
        return (
            None,
            None,
            [
                Problem(
                    name,
                    second,
                    None,
                    f"'{key}' staat twee keer in dezelfde lijst (regel {first} en regel {second}); "
                    "de tweede zou de eerste stilzwijgend vervangen: voeg ze samen of hernoem er een",
                )
                for key, first, second in loader.duplicates
            ],
        )
    return doc, node, []


@lru_cache(maxsize=8)
def _read_catalog_cached(path: str, ddir: str, key) -> tuple[dict, dict, dict]:
    name = rel_name(Path(path), Path(ddir))
    raw, problems = read_data_bytes(Path(path), Path(ddir), name)
    if raw is None:
        raise DataValidationError(problems)
    cat, node, problems = _parse_yaml(raw, name)
    if problems:
        raise DataValidationError(problems)
    if not isinstance(cat, dict) or not isinstance(cat.get("series"), dict):
        raise DataValidationError([Problem(name, None, None, "verwacht een sectie 'series:' met de reeksen")])
    lines = {}
    for k, v in node.value:
        if getattr(k, "value", None) == "series":
            lines = _key_lines(v)
    for key in ("units", "dimensions", "measures", "terms", "themes"):
        cat.setdefault(key, {})
    return cat, lines, _key_lines(node)


def parse_sources(raw: bytes, name: str) -> tuple[dict[str, dict], list[Problem]]:
    """Parse the bytes of ``sources.csv``; return the sources by id and every problem (file, line, column)."""
    if raw.startswith(BOM):
        return {}, [Problem(name, 1, None, BOM_MESSAGE)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return {}, [Problem(name, line, None, f"geen UTF-8: byte 0x{raw[exc.start]:02x}; sla het bestand op als UTF-8")]
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in ("id", "publication_year") if c not in header]
    if missing:
        return {}, [
            Problem(name, 1, c, "kolom ontbreekt; verwacht id, short_title, title, publisher, publication_year, ...")
            for c in missing
        ]
    lo, hi = year_range()
    out, first_line, problems = {}, {}, []
    for line, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        sid = row.get("id") or ""
        if not SOURCE_ID.fullmatch(sid) or sid in VINTAGE_KEYWORDS:
            problems.append(
                Problem(
                    name,
                    line,
                    "id",
                    f"ongeldige bron-id {sid!r}: alleen kleine letters, cijfers en _ "
                    f"(en niet {' of '.join(VINTAGE_KEYWORDS)}, dat zijn vintage-woorden)",
                )
            )
        try:
            year = int(row.get("publication_year") or "")
        except ValueError:
            problems.append(
                Problem(
                    name,
                    line,
                    "publication_year",
                    f"verwacht een heel jaartal zoals 2024; gevonden {row.get('publication_year')!r}",
                )
            )
            year = None
        else:
            if not lo <= year <= hi:
                problems.append(
                    Problem(
                        name,
                        line,
                        "publication_year",
                        f"jaar {year} valt buiten het bereik {lo}-{hi} (1990 tot en met dit jaar + 5)",
                    )
                )
        problems += _seed_problems(row, header, name, line)
        for column in ("short_title", "title", "publisher", "note"):
            reason = text_problem(
                row.get(column) or "", required=column in ("short_title", "title") and column in header
            )
            if reason:
                problems.append(Problem(name, line, column, reason))
        if sid in first_line:
            problems.append(
                Problem(
                    name,
                    line,
                    "id",
                    f"bron-id {sid!r} staat twee keer in het bestand (regel "
                    f"{first_line[sid]} en regel {line}); welke publicatie de "
                    "nieuwste is, zou dan van de volgorde afhangen",
                )
            )
            continue
        first_line[sid] = line
        row["publication_year"] = year
        out[sid] = row
    return out, problems


def _seed_problems(row: dict, header: list[str], name: str, line: int) -> list[Problem]:
    """With an ``outside`` column: a source needs a seed file unless it is marked as an outside source."""
    if "outside" not in header:
        return []
    outside, seed = (row.get("outside") or "").strip(), (row.get("seed_file") or "").strip()
    if outside not in ("true", "false"):
        return [Problem(name, line, "outside", f"verwacht true of false, gevonden {row.get('outside')!r}")]
    if outside == "false" and not seed:
        return [
            Problem(
                name,
                line,
                "seed_file",
                "leeg: een publicatie uit de documentenset noemt haar tekstbestand "
                "in ../shared/seeds/; een bron van buiten die set krijgt outside = true",
            )
        ]
    if outside == "true" and seed:
        return [
            Problem(
                name,
                line,
                "seed_file",
                f"een bron van buiten de documentenset (outside = true) heeft geen "
                f"tekstbestand in ../shared/seeds/, maar hier staat {seed!r}",
            )
        ]
    return []


def read_sources(data_dir=None) -> dict[str, dict]:
    """Return ``sources.csv`` as a dict of source id to its row (strings, ``publication_year`` as int).

    Raises
    ------
    DataValidationError
        If the file cannot be read, or has a bad id, a bad year or an id twice (both lines named).
    """
    ddir = given_data_dir(data_dir)
    _recover(ddir)
    path = ddir / "sources.csv"
    name = rel_name(path, ddir)
    raw, problems = read_data_bytes(path, ddir, name)
    if raw is None:
        raise DataValidationError(problems)
    out, problems = parse_sources(raw, name)
    if problems:
        raise DataValidationError(problems)
    return out


def is_records_only(meta) -> bool:
    """True for a series that only :mod:`sdlib.records` computes from record extracts (``records_only: true``).

    Such a series has a catalog entry (title, definition, unit, ...) but no data file: no document publishes it.
    """
    return isinstance(meta, dict) and meta.get("records_only") is True


def series_ids(data_dir=None, *, include_records: bool = False) -> list[str]:
    """Return the ids of the series with published figures (a data file), sorted.

    ``include_records=True`` adds the record-only series (see :func:`is_records_only`).
    """
    series = read_catalog(data_dir)["series"]
    return sorted(sid for sid, m in series.items() if include_records or not is_records_only(m))


def _catalog_problem(data_dir, key: str, message: str) -> DataValidationError:
    ddir = given_data_dir(data_dir)
    line = _catalog_and_lines(ddir)[2].get(key.split(".")[0])
    return DataValidationError(
        [Problem(rel_name(ddir / "catalog.yml", ddir), line, None, f"sleutel '{key}' {message}")]
    )


def _labels(data_dir, key: str, example: str) -> dict[str, str]:
    raw = read_catalog(data_dir).get(key)
    if not isinstance(raw, dict) or not raw:
        raise _catalog_problem(
            data_dir, key, f"ontbreekt of is geen lijst van id: label; verwacht bijvoorbeeld {example}"
        )
    bad = [k for k, v in raw.items() if not isinstance(k, str) or not isinstance(v, str) or not v.strip()]
    if bad:
        raise _catalog_problem(
            data_dir,
            key,
            f"heeft een id of label dat geen tekst is of leeg is: {bad[0]!r}; "
            f"verwacht bijvoorbeeld {example} (een id als 2.1 tussen aanhalingstekens)",
        )
    return dict(raw)


def theme_labels(data_dir=None) -> dict[str, str]:
    """Return the themes of the catalog, id to the Dutch label readers see, in catalog order.

    Raises
    ------
    DataValidationError
        If ``themes:`` is missing from ``catalog.yml`` or is not a mapping of id to a non-empty label.
    """
    return _labels(data_dir, "themes", "'jeugd: Jeugd'")


def objective_labels(data_dir=None) -> dict[str, str]:
    """Return the objectives (doelstellingen) of the programme, id to label as printed, e.g. ``{"2.1": ...}``.

    The ids are text (``"2.1"``, ``"totaal"``), as in the ``objective`` column of the data.

    Raises
    ------
    DataValidationError
        If ``objectives:`` is missing from ``catalog.yml`` or is not a mapping of id to a non-empty label.
    """
    return _labels(data_dir, "objectives", "'\"2.1\": Bevorderen vroegtijdige ... jeugdhulp'")


def programme(data_dir=None) -> dict[str, str]:
    """Return the programme the objectives belong to: ``{"id": "2", "title": "Samen leven en ondersteunen"}``.

    Raises
    ------
    DataValidationError
        If ``programme:`` is missing from ``catalog.yml`` or lacks a non-empty ``id`` or ``title``.
    """
    raw = read_catalog(data_dir).get("programme")
    if not isinstance(raw, dict):
        raise _catalog_problem(
            data_dir,
            "programme",
            "ontbreekt; verwacht de sleutels id en title, bijvoorbeeld "
            "'programme: {id: \"2\", title: Samen leven en ondersteunen}'",
        )
    for field in ("id", "title"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise _catalog_problem(data_dir, f"programme.{field}", f"ontbreekt of is geen tekst ({raw.get(field)!r})")
    return {"id": raw["id"], "title": raw["title"]}


def dimension_values(dimension: str, data_dir=None) -> list:
    """Return the allowed values of a dimension of the catalog (``dimensions: <name>: values:``), in order.

    Raises
    ------
    DataValidationError
        If the dimension is not declared in ``catalog.yml`` or has no list of values.
    """
    dims = read_catalog(data_dir)["dimensions"]
    spec = dims.get(dimension) if isinstance(dims, dict) else None
    if not isinstance(spec, dict):
        raise _catalog_problem(
            data_dir,
            f"dimensions.{dimension}",
            "ontbreekt; verwacht een titel en een lijst 'values:' met de toegestane waarden",
        )
    values = spec.get("values")
    if not isinstance(values, list) or not values:
        raise _catalog_problem(
            data_dir,
            f"dimensions.{dimension}.values",
            "ontbreekt of is leeg; verwacht een lijst met de toegestane waarden",
        )
    return list(values)


def _or(names) -> str:
    """'a', 'a' of 'b', 'a', 'b' of 'c': quoted names joined the Dutch way."""
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} of {quoted[-1]}"


def series_meta(series_id: str, data_dir=None) -> dict:
    """Return the catalog entry of one series, with its ``id``.

    Raises
    ------
    UnknownSeriesError
        If the id is not in the catalog; the message names the closest known ids.
    """
    series = read_catalog(data_dir)["series"]
    if not isinstance(series_id, str):
        raise TypeError(f"series_id must be a string, got {type(series_id).__name__}: {series_id!r}")
    if series_id not in series:
        close = difflib.get_close_matches(series_id, series, n=5, cutoff=0.5)
        hint = (
            f" (bedoelt u {_or(close)}?)" if close else "; de reeksen staan in data/catalog.yml en in sdlib.catalog()"
        )
        raise UnknownSeriesError(f"onbekende reeks {series_id!r}{hint}")
    if not isinstance(series[series_id], dict):
        ddir = given_data_dir(data_dir)
        raise DataValidationError(
            [
                Problem(
                    rel_name(ddir / "catalog.yml", ddir), catalog_lines(ddir).get(series_id), series_id, MAPPING_MESSAGE
                )
            ]
        )
    meta = {
        "dimensions": [],
        "verdicts": [],
        "indicator": False,
        "direction": None,
        "objective": None,
        "records_only": False,
        "decimals": None,
        "breaks": [],
    }
    meta.update(series[series_id])
    meta["id"] = series_id
    return meta


def series_breaks(series_id: str, data_dir=None) -> list[dict]:
    """Return the series breaks (trendbreuken) of a series, ``[{"year": 2021, "note": "..."}]``, by year.

    A break in year ``t`` means that figures from ``t`` on are not comparable with those before ``t`` (e.g. a
    source table succeeded by another). Read from the catalog field ``breaks:``; empty when there is none.

    Raises
    ------
    UnknownSeriesError
        If the id is not in the catalog.
    """
    breaks = series_meta(series_id, data_dir).get("breaks") or []
    return sorted(({"year": b["year"], "note": b["note"]} for b in breaks), key=lambda b: b["year"])


def catalog(*, theme: str | None = None, include_records: bool = False, data_dir=None):
    """Return every series with published figures and its metadata as a DataFrame, one row per series.

    Parameters
    ----------
    theme : str, optional
        Keep only the series of this theme (an id of ``themes:`` in the catalog: jeugd, wmo, mantelzorg,
        gezondheid, participatie, financien).
    include_records : bool, default False
        Also list the record-only series (computed by :mod:`sdlib.records`, no data file).

    Returns
    -------
    pandas.DataFrame
        Columns ``id, title, theme, objective, unit, direction, indicator, dimensions, definition, records_only,
        decimals`` (the decimals the documents print, see ``data/README.md``; None where the catalog has none).
    """
    import pandas as pd

    themes = theme_labels(data_dir)
    if theme is not None and theme not in themes:
        raise ValueError(f"onbekend thema {theme!r}; verwacht een van: {', '.join(themes)}")
    rows = []
    for sid in series_ids(data_dir, include_records=include_records):
        m = series_meta(sid, data_dir)
        rows.append(
            {
                "id": sid,
                "title": m.get("title"),
                "theme": m.get("theme"),
                "objective": m.get("objective"),
                "unit": m.get("unit"),
                "direction": m.get("direction"),
                "indicator": bool(m.get("indicator")),
                "dimensions": ", ".join(m["dimensions"]),
                "definition": m.get("definition"),
                "records_only": bool(m.get("records_only")),
                "decimals": m.get("decimals"),
            }
        )
    df = pd.DataFrame(rows)
    return df if theme is None else df[df["theme"] == theme].reset_index(drop=True)


# --- the typed catalog ----------------------------------------------------------------------------------------------


def model(data_dir=None):
    """Return the catalog as typed metadata (:class:`sdlib.data.model.Catalog`), read and checked once.

    Raises
    ------
    DataValidationError
        When ``catalog.yml`` has an unknown field, a value of the wrong type or a reference to something it does
        not define; each problem names the file, the line and the series.
    """
    ddir = given_data_dir(data_dir)
    path = ddir / "catalog.yml"
    return _model_cached(str(ddir), file_stamp(path))


@lru_cache(maxsize=8)
def _model_cached(ddir: str, key):
    from sdlib.data.model import Catalog, ValidationError

    cat = read_catalog(ddir)
    try:
        typed = Catalog.model_validate(cat)
    except ValidationError as exc:
        raise DataValidationError(_model_problems(exc, Path(ddir))) from None
    references = typed.reference_problems()
    if references:
        name = rel_name(Path(ddir) / "catalog.yml", Path(ddir))
        lines = _catalog_and_lines(Path(ddir))[1]
        raise DataValidationError([Problem(name, lines.get(sid), sid, text) for sid, text in references])
    return typed


def _model_problems(exc, ddir: Path) -> list[Problem]:
    from sdlib.data.model import dutch_errors

    name = rel_name(ddir / "catalog.yml", ddir)
    _, series_lines, top_lines = _catalog_and_lines(ddir)
    out = []
    for loc, text in dutch_errors(exc):
        if len(loc) >= 2 and loc[0] == "series":
            sid = str(loc[1])
            where = " > ".join(str(p) for p in loc[2:])
            out.append(Problem(name, series_lines.get(sid), sid, f"{where}: {text}" if where else text))
        else:
            where = " > ".join(str(p) for p in loc)
            line = top_lines.get(str(loc[0])) if loc else None
            out.append(Problem(name, line, None, f"{where}: {text}" if where else text))
    return out


def model_problems(data_dir=None) -> list[Problem]:
    """The problems of the typed catalog (unknown fields, wrong types, broken references), for ``validate``."""
    try:
        model(data_dir)
    except DataValidationError as exc:
        return exc.problems
    return []


def entry(series_id: str, data_dir=None):
    """Return the typed catalog entry of one series (:class:`sdlib.data.model.Series`).

    Raises
    ------
    UnknownSeriesError
        If the id is not in the catalog; the message names the closest known ids.
    """
    cat = model(data_dir)
    if series_id not in cat.series:
        series_meta(series_id, data_dir)  # raises the UnknownSeriesError with suggestions
    return cat.series[series_id]


def decimals(series_id: str, data_dir=None) -> int:
    """The decimals the documents print a series' values with (the series' own, else its unit's)."""
    cat = model(data_dir)
    entry(series_id, data_dir)
    return cat.decimals(series_id)


def topic_series(topic: str, data_dir=None) -> list[str]:
    """The ids of the series of a topic with published figures, in catalog order."""
    cat = model(data_dir)
    return [sid for sid, s in cat.series.items() if s.topic == topic and not s.records_only]
