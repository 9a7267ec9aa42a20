"""Notebook parameters: read from the cell tagged ``parameters``, validated before anything runs.

A parameters cell holds only typed, commented assignments::

    jaar: int = 2024  # verslagjaar; jaren uit: indicatoren
    vintage: str = "latest"  # publicatie: latest, all of een bron-id

The comment is the help text. Two phrases in it restrict the values:
``jaren uit: <series ids, 'indicatoren' or 'extract'>`` (the years with a realisatie in those series, or the
years of the record extract named by the parameter ``extract``, which must come first) and
``keuze: a | b | c`` (an explicit list, where ``<stadswijken>`` stands for every district of
``data/reference/wijken.csv``). A parameter named ``vintage`` accepts latest, all or a source id. A ``str``
parameter whose help says ``pad`` is a file path: a relative path that exists in the caller's working folder is
made absolute, because the notebook runs in its own folder.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from sdlib.data.errors import SdlibError

__all__ = ["ParamSpec", "ParameterError", "read_parameters", "validate_parameters", "parameters_cell"]

TYPES = {"int": int, "float": float, "str": str, "bool": bool}
DISTRICTS = "<stadswijken>"  # in a 'keuze:' list: every district name of data/reference/wijken.csv


class ParameterError(SdlibError, ValueError):
    """A parameter that is unknown, of the wrong type or outside the data."""


@dataclass
class ParamSpec:
    """One parameter of a notebook: name, type, default and help text (the comment)."""

    name: str
    type: str
    default: object
    help: str = ""
    choices: list = field(default_factory=list)

    def describe(self) -> str:
        """Return ``name: type = default  # help`` as written in the notebook."""
        text = f"{self.name}: {self.type} = {self.default!r}"
        return f"{text}  # {self.help}" if self.help else text


def parameters_cell(cells, path="notebook"):
    """Return the one code cell tagged ``parameters``; raise ParameterError if there is none or several."""
    found = [c for c in cells if c["cell_type"] == "code" and "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(found) != 1:
        raise ParameterError(f"{path}: verwacht precies één codecel met de tag 'parameters', gevonden: {len(found)}")
    return found[0]


def _source(cell) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def _comments(source: str) -> dict[int, str]:
    out = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string.lstrip("#").strip()
    return out


def read_parameters(nb_or_path) -> list[ParamSpec]:
    """Return the parameters of a notebook (a path or an nbformat notebook)."""
    if isinstance(nb_or_path, (str, Path)):
        # plain JSON: importing nbformat (and its schema validator) costs about a second
        path = str(nb_or_path)
        try:
            with open(path, encoding="utf-8") as fh:
                cells = json.load(fh)["cells"]
        except FileNotFoundError:
            raise ParameterError(f"notebook niet gevonden: {path}") from None
        except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise ParameterError(f"{path}: geen leesbare notebook ({exc})") from None
        except OSError as exc:
            raise ParameterError(f"{path}: kan niet worden gelezen ({exc.strerror})") from None
    else:
        path, cells = "notebook", nb_or_path.cells
    source = _source(parameters_cell(cells, path))
    comments = _comments(source)
    specs = []
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None):
            raise ParameterError(f"{path}: de parametercel mag alleen getypeerde toewijzingen bevatten, zoals "
                                 "'jaar: int = 2024'")
        type_name = ast.unparse(node.annotation)
        if type_name not in TYPES:
            raise ParameterError(f"{path}: parameter '{node.target.id}' heeft type {type_name}; gebruik een van "
                                 f"{', '.join(TYPES)}")
        specs.append(ParamSpec(node.target.id, type_name, ast.literal_eval(node.value), comments.get(node.lineno, "")))
    return specs


def _choices(spec: ParamSpec, data_dir=None, earlier=None) -> list:
    from sdlib.data.catalog import read_sources
    from sdlib.data.load import load

    if spec.name == "vintage":
        return ["latest", "all", *read_sources(data_dir)]
    m = re.search(r"keuze:\s*([^;]+)", spec.help)
    if m:
        options = []
        for v in (v.strip() for v in m.group(1).split("|")):
            options += _districts() if v == DISTRICTS else [TYPES[spec.type](v)]
        return options
    m = re.search(r"jaren uit:\s*([^;]+)", spec.help)
    if m:
        names = [s.strip() for s in m.group(1).split(",")]
        if names == ["extract"]:
            earlier = earlier or {}
            if "extract" not in earlier:
                raise ParameterError(f"'jaren uit: extract' bij parameter '{spec.name}' vraagt een parameter 'extract' "
                                     "erboven in de parametercel")
            return _extract_years(earlier["extract"], earlier.get("peildatum") or None)
        if names == ["indicatoren"]:
            from sdlib.calc.indicators import indicator_years

            return indicator_years(data_dir)
        years = set()
        for sid in names:
            df = load(sid, data_dir=data_dir)
            years |= set(df.loc[df["measure"] == "realisatie", "year"])
        return sorted(int(y) for y in years)
    return []


def _extract_years(extract, reference_date) -> list[int]:
    """Return the calendar years of the record extract a report's ``extract`` parameter names."""
    from sdlib.data.errors import DataValidationError
    from sdlib.records import extract_path, open_extract

    try:
        return open_extract(extract_path(extract), reference_date=reference_date, validate=False).years
    except (OSError, ValueError, DataValidationError) as exc:
        raise ParameterError(f"parameter 'extract' = {extract!r} kan niet worden gelezen ({exc})") from None


def _districts() -> list[str]:
    from sdlib.records.schema import districts

    return districts()


TYPE_WORDS = {"int": "een geheel getal (int)", "float": "een getal (float)", "str": "tekst (str)",
              "bool": "true of false (bool)"}


def _coerce(spec: ParamSpec, value):
    target = TYPES[spec.type]
    wanted = f"parameter '{spec.name}' moet {TYPE_WORDS[spec.type]} zijn"
    if isinstance(value, str) and target is not str:
        text = value.strip()
        try:
            if target is bool:
                if text.lower() not in ("true", "false"):
                    raise ValueError
                return text.lower() == "true"
            return target(text)
        except ValueError:
            raise ParameterError(f"{wanted}, niet {value!r}") from None
    if target is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, target) or (target is int and isinstance(value, bool)):
        raise ParameterError(f"{wanted}, niet {type(value).__name__} {value!r}")
    return value


def validate_parameters(specs: list[ParamSpec], given: dict, *, notebook: str = "notebook", data_dir=None) -> dict:
    """Check given values against the specs; return the full typed parameter set (defaults filled in).

    Raises
    ------
    ParameterError
        For an unknown name (listing the valid ones, with a did-you-mean), a wrong type, or a value outside the
        data (listing the valid values). Messages are Dutch and start with ``notebook``.
    """
    import difflib

    by_name = {s.name: s for s in specs}
    unknown = [k for k in given if k not in by_name]
    if unknown:
        valid = ", ".join(f"{s.name} ({s.type})" for s in specs) or "geen"
        hints = [(k, difflib.get_close_matches(str(k), list(by_name), n=1)) for k in unknown]
        hint = ", ".join(f"{h[0]!r}" + (f" voor {k!r}" if len(unknown) > 1 else "") for k, h in hints if h)
        hint = f" (bedoelt u {hint}?)" if hint else ""
        raise ParameterError(f"{notebook}: onbekende parameter {', '.join(map(repr, unknown))}{hint}; "
                             f"geldige parameters: {valid}")
    values = {}
    for spec in specs:
        try:
            value = _coerce(spec, given[spec.name]) if spec.name in given else spec.default
        except ParameterError as exc:
            raise ParameterError(f"{notebook}: {exc}") from None
        if spec.type == "str" and re.search(r"\bpad\b", spec.help) and value and Path(value).exists():
            value = str(Path(value).resolve())  # the kernel runs in the notebook's folder, not the caller's
        try:
            choices = _choices(spec, data_dir, values)
        except ParameterError as exc:
            raise ParameterError(f"{notebook}: {exc}") from None
        if choices and value not in choices:
            raise ParameterError(
                f"{notebook}: parameter '{spec.name}' = {value!r} valt buiten de gegevens; geldige waarden: "
                + ", ".join(map(str, choices))
            )
        values[spec.name] = value
    return values
