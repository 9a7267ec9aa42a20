"""The report schedule (``reports/schedule.yml``), report names and output names.

A report name is the name of a notebook in ``notebooks/reports/`` and nothing else: a plain name (letters,
digits, ``_`` and ``-``) of a ``<name>.ipynb`` that lies inside that folder. An output template uses only
``{name}`` and parameter names, and fills to a plain file name. Both are checked before anything runs.
"""

from __future__ import annotations

import difflib
import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from sdlib.data import paths
from sdlib.data.fileio import UnreadableFileError, clip, read_bounded, yaml_structure_problem
from sdlib.data.textrules import text_problem
from sdlib.report.params import ParameterError

__all__ = [
    "Job",
    "Jobs",
    "ScheduleError",
    "load_schedule",
    "notebook_path",
    "available_notebooks",
    "check_output_template",
    "check_file_name",
    "shown",
    "schedule_folder",
    "NAME",
]

NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")  # a report name: the stem of a notebook in the folder
MAX_NAME = 200
MAX_SCHEDULE_BYTES = 1_000_000  # a schedule is a hand-written list of reports
MAX_PROBLEMS = 20  # problems listed in one message; the rest are counted
ENTRY_KEYS = ("notebook", "parameters", "output")


class ScheduleError(ParameterError):
    """A schedule file that cannot be read or has an invalid entry (the message names file and line)."""


def shown(path) -> str:
    """Return ``path`` relative to the checkout when it lies inside it, else as it is (for messages)."""

    p = Path(path)
    try:
        full = Path(os.path.normpath(p if p.is_absolute() else Path.cwd() / p))
        return str(full.relative_to(Path(os.path.normpath(paths.project_root().absolute()))))
    except (ValueError, OSError):
        return str(path)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def check_output_template(template) -> set[str]:
    """Return the placeholders of an output template; raise ParameterError for anything but ``{name}``-style ones.

    Allowed: literal text and ``{identifier}``. Refused: ``{}``, ``{0}``, ``{name.x}``, ``{name[0]}``,
    conversions (``!r``) and format specs (``:>10``).
    """
    if not isinstance(template, str):
        raise ParameterError(f"uitvoernaam {template!r} moet tekst zijn, bijvoorbeeld '{{name}}_{{jaar}}'")
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        raise ParameterError(
            f"uitvoernaam {template!r}: losse accolade; gebruik {{name}} of {{parameternaam}}, "
            "en '{{' of '}}' voor een accolade zelf"
        ) from None
    literal = "".join(text for text, *_ in parts)
    if "/" in literal or "\\" in literal:
        raise ParameterError(
            f"uitvoernaam {template!r}: een uitvoernaam is een bestandsnaam in de uitvoermap, zonder '/' of map"
        )
    if template.startswith("."):
        raise ParameterError(f"uitvoernaam {template!r}: een uitvoernaam mag niet met een punt beginnen")
    fields = set()
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name == "":
            raise ParameterError(
                f"uitvoernaam {template!r}: lege {{}} is niet toegestaan; gebruik {{name}} of een parameternaam"
            )
        if not name.isidentifier():
            raise ParameterError(
                f"uitvoernaam {template!r}: {{{name}}} is niet toegestaan; alleen {{name}} en "
                "parameternamen, zonder nummer, punt of [..]"
            )
        if conversion is not None or spec:
            raise ParameterError(
                f"uitvoernaam {template!r}: {{{name}}} zonder '!' of ':' schrijven; opmaak is niet toegestaan"
            )
        fields.add(name)
    return fields


def check_file_name(filled: str, template: str | None = None) -> str:
    """Check that a filled output name is a plain file name (no folder, not hidden); return it."""
    what = f"uitvoernaam {template!r}" if template is not None else f"uitvoernaam {filled!r}"
    gives = f" geeft {filled!r}" if template is not None and filled != template else ""
    if not isinstance(filled, str) or not filled.strip():
        raise ParameterError(f"{what} geeft een lege bestandsnaam")
    if "/" in filled or "\\" in filled:
        raise ParameterError(f"{what}{gives}: een uitvoernaam is een bestandsnaam in de uitvoermap, zonder '/' of map")
    if filled.startswith("."):
        raise ParameterError(f"{what}{gives}: een uitvoernaam mag niet met een punt beginnen")
    reason = text_problem(filled, formula=False)
    if reason:  # control, bidi and zero-width characters: 'ok\u202efdp.exe.pdf' reads as 'okexe.pdf'
        raise ParameterError(f"{what}{gives}: de naam {reason}")
    if len(filled) > MAX_NAME:
        raise ParameterError(f"{what}: de naam is langer dan {MAX_NAME} tekens")
    return filled


@dataclass
class Job:
    """One report to produce: a notebook, its parameters and the output name (without extension).

    ``origin`` says where the job comes from in messages (e.g. ``reports/schedule.yml, regel 12``).
    """

    notebook: str
    parameters: dict = field(default_factory=dict)
    output: str = "{name}"
    origin: str = field(default="", compare=False, repr=False)

    @property
    def label(self) -> str:
        """How messages name this job."""
        return f"{self.origin} ({self.notebook})" if self.origin else f"rapport {self.notebook!r}"

    def output_name(self, values: dict) -> str:
        """Fill the output template with ``{name}`` and the parameter values; check it is a plain file name."""
        fields = check_output_template(self.output)
        missing = fields - set(values) - {"name"}
        if missing:
            usable = ", ".join(["name", *values])
            raise ParameterError(
                f"uitvoernaam {self.output!r} gebruikt onbekende parameter(s): "
                f"{', '.join(sorted(missing))}; te gebruiken: {usable}"
            )
        filled = self.output.format_map({**values, "name": self.notebook})
        return check_file_name(filled, self.output)


def available_notebooks(notebooks_dir: Path) -> list[str]:
    """Return the names of the report notebooks in a folder (plain names; no link that leads out)."""
    folder = Path(notebooks_dir)
    base = folder.resolve()
    names = []
    for p in folder.glob("*.ipynb"):
        if NAME.match(p.stem) and p.is_file() and _inside(p.resolve(), base):
            names.append(p.stem)
    return sorted(names)


def _suggest(name: str, available: list[str]) -> str:
    stem = name.strip().replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    stem = stem[:-6] if stem.endswith(".ipynb") else stem
    close = difflib.get_close_matches(stem, available, n=1, cutoff=0.6)
    return f" (bedoelt u {close[0]!r}?)" if close else ""


def notebook_path(name: str, notebooks_dir: Path) -> Path:
    """Return the path of a report notebook; raise ParameterError naming the available ones.

    ``name`` must be a plain name (no folder, extension or ``..``) of a notebook in ``notebooks_dir``; a link
    in the folder that leads out of it is refused.
    """
    folder = Path(notebooks_dir)
    if not folder.is_dir():
        raise ParameterError(f"map met rapportnotebooks niet gevonden: {shown(folder)}")
    available = available_notebooks(folder)
    listing = f" Beschikbaar: {', '.join(available)}" if available else f" Er staan geen rapporten in {shown(folder)}."
    if not isinstance(name, str) or not NAME.match(name):
        raise ParameterError(
            f"{name!r} is geen rapportnaam: gebruik de naam van een notebook in {shown(folder)}, "
            f"zonder map, '..' of extensie{_suggest(str(name), available)}.{listing}"
        )
    if name not in available:
        candidate = folder / f"{name}.ipynb"
        if candidate.is_symlink() or candidate.exists():
            raise ParameterError(
                f"rapport {name!r}: {shown(candidate)} leidt naar een bestand buiten "
                f"{shown(folder)} (of is geen bestand); dat wordt niet uitgevoerd.{listing}"
            )
        raise ParameterError(f"onbekend rapport {name!r}{_suggest(name, available)}.{listing}")
    return folder / f"{name}.ipynb"


class Jobs(list):
    """The jobs of a schedule; ``folder`` is the schedule's output folder inside ``reports/`` (None: ``reports/``)."""

    folder: str | None = None


def schedule_folder(jobs) -> Path | None:
    """Return ``reports/<folder>`` of a schedule that names a ``folder`` (None if it names none).

    The folder must stay inside ``reports/``: a link that leads out of it is refused (ParameterError).
    """
    folder = getattr(jobs, "folder", None)
    if not folder:
        return None
    if not NAME.match(folder):
        raise ParameterError(f"'folder: {folder}' is geen mapnaam in reports/")
    root = paths.reports_dir().resolve()
    target = paths.reports_dir() / folder
    if not _inside(target.resolve(), root) or target.resolve() == root:
        raise ParameterError(
            f"{shown(target)} leidt naar {target.resolve()}, buiten {shown(root)}; er wordt niets geschreven"
        )
    return target


def _line(node) -> int:
    return node.start_mark.line + 1


def _value_node(mapping, key):
    """Return the value node of ``key`` in a yaml MappingNode (or None)."""
    for k, v in getattr(mapping, "value", []) or []:
        if getattr(k, "value", None) == key:
            return k, v
    return None, None


def load_schedule(path: Path) -> Jobs:
    """Read the schedule: a ``reports`` list of ``{notebook, parameters, output}`` entries.

    An optional ``folder: <name>`` sends the pack to ``reports/<name>/`` (a plain folder name inside
    ``reports/``), e.g. the analysts' pack in ``reports/analisten/``; ``--out`` still overrides it.

    Raises ScheduleError naming the file and line of every problem found (syntax, structure, output templates);
    whether the notebooks and parameters exist is checked when the jobs are prepared.
    """
    import yaml

    path = Path(path)
    where = shown(path)
    try:
        raw = read_bounded(path, MAX_SCHEDULE_BYTES)
    except UnreadableFileError as exc:
        raise ScheduleError(f"schedule {where}: {exc.reason}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScheduleError(f"{where}: geen UTF-8-tekst") from None
    bounded = yaml_structure_problem(text)
    if bounded is not None:
        raise ScheduleError(f"{where}, regel {bounded[0]}: {bounded[1]}")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = f"{where}, regel {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else where
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScheduleError(f"{at}: geen geldige YAML ({clip(problem, 200)})") from None
    if doc is None:
        raise ScheduleError(f"{where}: het schedule is leeg; verwacht 'reports:' met een lijst rapporten")
    if not isinstance(doc, dict):
        raise ScheduleError(
            f"{where}, regel {_line(root)}: verwacht een mapping met 'reports:' (en eventueel "
            f"'defaults:'), niet een {type(doc).__name__}"
        )
    problems = []
    unknown = [str(k) for k in doc if k not in ("reports", "defaults", "folder")]
    if unknown:
        problems.append(
            f"{where}: onbekende sleutel(s) {', '.join(map(repr, unknown))}; toegestaan: reports, defaults, folder"
        )
    folder = doc.get("folder")
    if folder is not None:
        _, fnode = _value_node(root, "folder")
        if not isinstance(folder, str) or not NAME.match(folder) or len(folder) > MAX_NAME:
            problems.append(
                f"{where}, regel {_line(fnode)}: 'folder' is de naam van een map in reports/ (letters, "
                f"cijfers, '_' en '-', zonder '/' of '..'), niet {folder!r}"
            )
    default_output = "{name}"
    defaults = doc.get("defaults")
    _, dnode = _value_node(root, "defaults")
    if defaults is not None:
        if not isinstance(defaults, dict):
            problems.append(f"{where}, regel {_line(dnode)}: 'defaults' moet een mapping zijn")
        else:
            if "output" in defaults:
                default_output = defaults["output"]
                _, onode = _value_node(dnode, "output")
                try:
                    check_output_template(default_output)
                except ParameterError as exc:
                    problems.append(f"{where}, regel {_line(onode)}: {exc}")
            extra = [str(k) for k in defaults if k != "output"]
            if extra:
                problems.append(
                    f"{where}, regel {_line(dnode)}: onbekende sleutel(s) in 'defaults': "
                    f"{', '.join(map(repr, extra))}; toegestaan: output"
                )
    reports = doc.get("reports")
    _, rnode = _value_node(root, "reports")
    if not reports:
        problems.append(f"{where}: het schedule noemt geen rapporten (verwacht 'reports:' met een lijst)")
        reports = []
    elif not isinstance(reports, list):
        problems.append(f"{where}, regel {_line(rnode)}: 'reports' moet een lijst zijn (regels met '- notebook: ...')")
        reports = []
    jobs = []
    for i, entry in enumerate(reports):
        node = rnode.value[i] if rnode is not None and i < len(rnode.value) else None
        at = f"{where}, regel {_line(node)}" if node is not None else f"{where}, rapport {i + 1}"
        if not isinstance(entry, dict):
            problems.append(
                f"{at}: een rapport is een mapping met 'notebook:' (en eventueel 'parameters:' en 'output:')"
            )
            continue
        bad = [str(k) for k in entry if k not in ENTRY_KEYS]
        if bad:
            problems.append(
                f"{at}: onbekende sleutel(s) {', '.join(map(repr, bad))}; toegestaan: {', '.join(ENTRY_KEYS)}"
            )
        if "notebook" not in entry:
            problems.append(f"{at}: 'notebook:' ontbreekt (de naam van een notebook in notebooks/reports)")
            continue
        name = entry["notebook"]
        if not isinstance(name, str):
            problems.append(f"{at}: 'notebook' moet een naam zijn, niet {name!r}")
            continue
        params = entry.get("parameters")
        if params is None:
            params = {}
        if not isinstance(params, dict):
            _, pnode = _value_node(node, "parameters")
            pat = f"{where}, regel {_line(pnode)}" if pnode is not None else at
            problems.append(f"{pat} ({name}): 'parameters' moet een mapping zijn, bijvoorbeeld {{jaar: 2024}}")
            continue
        output = entry.get("output", default_output)
        if "output" in entry:
            _, onode = _value_node(node, "output")
            try:
                check_output_template(output)
            except ParameterError as exc:
                oat = f"{where}, regel {_line(onode)}" if onode is not None else at
                problems.append(f"{oat} ({name}): {exc}")
                continue
        jobs.append(Job(name, {str(k): v for k, v in params.items()}, output, origin=at))
    if problems:
        problems = [clip(p, 400) for p in problems]
        listed = problems[:MAX_PROBLEMS] + (
            [f"en nog {len(problems) - MAX_PROBLEMS} problemen"] if len(problems) > MAX_PROBLEMS else []
        )
        raise ScheduleError(
            problems[0]
            if len(problems) == 1
            else f"{len(problems)} problemen in {where}:\n" + "\n".join(f"  - {p}" for p in listed)
        )
    jobs = Jobs(jobs)
    jobs.folder = folder
    return jobs
