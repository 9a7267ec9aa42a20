"""The municipality a data folder describes: ``data/gemeente.yml``.

The file names the municipality once for everything that shows it or depends on it: the title page of every
report, the default publisher of ``sdlib data add``, and the districts (stadswijken) of the record engine::

    name: Voorbeeldstad
    cbs_code: GM9999
    districts: reference/wijken.csv  # relative to the data folder

Another municipality uses sdlib by replacing the data folder. :func:`municipality` reads and checks the file
(cached until it changes); :func:`municipality_problems` gives the same checks as a list for ``sdlib validate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sdlib.data.catalog import read_data_bytes, read_yaml
from sdlib.data.errors import DataValidationError, Problem
from sdlib.data.paths import file_stamp, given_data_dir, rel_name, shown_path

__all__ = ["Municipality", "municipality", "municipality_problems", "districts_path", "FILE_NAME", "KEYS"]

FILE_NAME = "gemeente.yml"
KEYS = ("name", "cbs_code", "districts")
CBS_CODE = re.compile(r"^GM\d{4}$")


@dataclass(frozen=True)
class Municipality:
    """The municipality of a data folder (``data/gemeente.yml``).

    Attributes
    ----------
    name : str
        Its name as readers see it, e.g. ``Voorbeeldstad``.
    cbs_code : str
        The CBS municipality code, e.g. ``GM9999``.
    districts : pathlib.Path
        The districts file (stadswijken with their CBS codes), an absolute path inside the data folder.
    """

    name: str
    cbs_code: str
    districts: Path

    @property
    def organisation(self) -> str:
        """Return ``Gemeente <name>``: the publisher of its documents and the line on a report's title page."""
        return f"Gemeente {self.name}"


def municipality(data_dir=None) -> Municipality:
    """Return the municipality of the data folder, read from ``gemeente.yml`` and checked.

    Raises
    ------
    DataValidationError
        If the file is missing or unreadable, not valid YAML, a key is missing, empty or unknown, the CBS code
        is not ``GM`` and four digits, or the districts file does not exist in the data folder; each problem
        names the file, the key and (where known) the line.
    """
    ddir = given_data_dir(data_dir)
    path = ddir / FILE_NAME
    values, lines, problems = _read_cached(str(path), str(ddir), file_stamp(path))
    if not problems:  # the districts file is checked on every call: it may change without gemeente.yml changing
        districts, problems = _districts_file(values["districts"], ddir, rel_name(path, ddir), lines.get("districts"))
    if problems:
        raise DataValidationError(problems)
    return Municipality(values["name"], values["cbs_code"], districts)


def districts_path(data_dir=None) -> Path:
    """Return the districts file that ``gemeente.yml`` names (absolute path inside the data folder)."""
    return municipality(data_dir).districts


def municipality_problems(data_dir=None) -> list[Problem]:
    """Return every problem of ``gemeente.yml`` (empty when the file is valid); used by ``sdlib validate``."""
    try:
        municipality(data_dir)
    except DataValidationError as exc:
        return exc.problems
    return []


@lru_cache(maxsize=8)
def _read_cached(path: str, ddir: str, stamp) -> tuple[dict, dict, list[Problem]]:
    return _read(Path(path), Path(ddir))


_EXAMPLES = {
    "name": "de naam van de gemeente, bijvoorbeeld 'name: Voorbeeldstad'",
    "cbs_code": "de CBS-gemeentecode, bijvoorbeeld 'cbs_code: GM9999'",
    "districts": "het bestand met de stadswijken, relatief aan de datamap, bijvoorbeeld "
    "'districts: reference/wijken.csv'",
}


def _read(path: Path, ddir: Path) -> tuple[dict, dict, list[Problem]]:
    """Read and check ``gemeente.yml``; return the values by key, the line of each key and the problems."""

    name = rel_name(path, ddir)
    raw, problems = read_data_bytes(path, ddir, name)
    if raw is None:
        if problems[0].message.startswith("bestand niet gevonden"):
            problems = [
                Problem(
                    name,
                    None,
                    None,
                    "bestand niet gevonden; elke datamap beschrijft één gemeente met "
                    "de sleutels name, cbs_code en districts (zie data/README.md)",
                )
            ]
        return {}, {}, problems
    doc, lines, problems = read_yaml(raw, name)
    if problems:
        return {}, {}, problems
    if not isinstance(doc, dict):
        return (
            {},
            {},
            [
                Problem(
                    name,
                    None,
                    None,
                    "verwacht de sleutels name, cbs_code en districts, elk op een "
                    "eigen regel (bijvoorbeeld 'name: Voorbeeldstad')",
                )
            ],
        )
    for key in doc:
        if key not in KEYS:
            problems.append(
                Problem(name, lines.get(str(key)), None, f"onbekende sleutel {key!r}; verwacht {', '.join(KEYS)}")
            )
    values = {}
    for key in KEYS:
        value = doc.get(key)
        if key not in doc:
            problems.append(Problem(name, None, None, f"sleutel '{key}' ontbreekt; verwacht {_EXAMPLES[key]}"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(
                    name,
                    lines.get(key),
                    None,
                    f"sleutel '{key}' is leeg of geen tekst ({value!r}); verwacht {_EXAMPLES[key]}",
                )
            )
        elif value != value.strip():
            problems.append(
                Problem(name, lines.get(key), None, f"sleutel '{key}': {value!r} begint of eindigt met een spatie")
            )
        else:
            values[key] = value
    if "cbs_code" in values and not CBS_CODE.fullmatch(values["cbs_code"]):
        problems.append(
            Problem(
                name,
                lines.get("cbs_code"),
                None,
                f"sleutel 'cbs_code': {values['cbs_code']!r} is "
                "geen CBS-gemeentecode; verwacht GM en vier "
                "cijfers, bijvoorbeeld GM9999",
            )
        )
    return values, lines, problems


def _districts_file(value: str, ddir: Path, name: str, line) -> tuple[Path | None, list[Problem]]:
    """Check that the districts file lies in the data folder and is a readable regular file."""
    import os
    import stat

    rel = Path(value)
    where = f"sleutel 'districts': {value!r}"
    if rel.is_absolute() or ".." in rel.parts:
        return None, [
            Problem(
                name,
                line,
                None,
                f"{where} moet een pad binnen de datamap zijn, relatief aan de "
                "datamap (bijvoorbeeld reference/wijken.csv)",
            )
        ]
    path = ddir / rel
    if not os.path.lexists(path):
        return None, [Problem(name, line, None, f"{where}: het bestand {rel_name(path, ddir)} bestaat niet")]
    if not path.resolve().is_relative_to(ddir.resolve()):
        return None, [
            Problem(
                name,
                line,
                None,
                f"{where} verwijst (via een symbolische koppeling) naar "
                f"{shown_path(path.resolve())}, buiten de datamap",
            )
        ]
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return None, [Problem(name, line, None, f"{where}: kan {rel_name(path, ddir)} niet lezen: {exc.strerror}")]
    if not stat.S_ISREG(mode):
        return None, [Problem(name, line, None, f"{where}: {rel_name(path, ddir)} is geen gewoon bestand")]
    return path, []
