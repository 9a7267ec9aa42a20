"""Notebook parameters: read from the cell tagged ``parameters``, checked by type and value before anything runs.

A parameters cell holds only typed, commented assignments; the comment is the help text a reader sees::

    jaar: int = "laatste"  # verslagjaar: een jaar met cijfers, of "laatste"
    thema: str = "alle"  # één thema, of alle

The valid values are data, not prose: the notebook's metadata names them per parameter (see
:class:`sdlib.data.contract.ParameterSpec`)::

    "sdlib": {"parameters": {
        "jaar": {"choices": "realisation_years", "args": ["jeugdhulp_3jaar_aandeel"], "latest": true},
        "thema": {"values": ["alle", "jeugd", "wmo"]},
        "extract": {"path": true},
        "district": {"choices": "districts", "values": ["alle"]}}}

``choices`` names a *provider*: a function in the registry the caller hands over (the command line passes
:data:`sdlib.calc.choices.PROVIDERS` and those of the record engine), called with ``args``; an argument
``{"param": "extract"}`` stands for the value of an earlier parameter. The runner itself knows no domain and
imports nothing by name. ``latest`` allows the value ``"laatste"``, which becomes the last valid value. A
provider that finds no data (:class:`sdlib.data.errors.MissingDataError`) makes the report skipped, not failed
(:class:`ReportSkipped`).

The cell is read as plain JSON and parsed here, without nbformat or papermill (importing those costs one to two
seconds, and ``sdlib report list`` must stay fast).
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from sdlib.data.contract import LATEST, ParameterSpec, parameter_specs
from sdlib.data.errors import MissingDataError, SdlibError

__all__ = [
    "ParamSpec",
    "ParameterError",
    "NotebookParameterError",
    "ReportSkipped",
    "read_parameters",
    "valid_values",
    "validate_parameters",
    "parameters_cell",
    "check_parameters",
    "LATEST",
]

TYPES = {"int": int, "float": float, "str": str, "bool": bool}
TYPE_WORDS = {
    "int": "een geheel getal (int)",
    "float": "een getal (float)",
    "str": "tekst (str)",
    "bool": "true of false (bool)",
}


class ParameterError(SdlibError, ValueError):
    """A parameter that is unknown, of the wrong type or outside the data."""


class ReportSkipped(ParameterError):
    """The data has nothing for this report (another municipality need not publish every series)."""


class NotebookParameterError(ParameterError):
    """A parameter refused inside the notebook itself (JupyterLab, papermill): IPython shows only the message."""

    def _render_traceback_(self):  # IPython's hook: a reader sees the Dutch message, not a stack trace
        return [f"Dit rapport stopt: {self}", "Pas de parametercel bovenaan aan en voer de notebook opnieuw uit."]


@dataclass
class ParamSpec:
    """One parameter of a notebook: name, type, default, help text and its valid values (from the metadata)."""

    name: str
    type: str
    default: object
    help: str = ""
    choice: ParameterSpec | None = None
    choices: list = field(default_factory=list)

    def describe(self) -> str:
        """Return ``name: type = default  # help`` as written in the notebook."""
        text = f"{self.name}: {self.type} = {self.default!r}"
        return f"{text}  # {self.help}" if self.help else text

    @property
    def label(self) -> str:
        """How a reader names the parameter: the first words of its help ('verslagjaar'), else its name."""
        first = self.help.split(":")[0].split(";")[0].strip()
        return first if first and len(first) <= 40 else self.name


def parameters_cell(cells, path="notebook"):
    """Return the code cell tagged ``parameters`` (None when the notebook has none); raise for several."""
    found = [c for c in cells if c["cell_type"] == "code" and "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(found) > 1:
        raise ParameterError(f"{path}: verwacht hooguit één codecel met de tag 'parameters', gevonden: {len(found)}")
    return found[0] if found else None


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
    """Return the parameters of a notebook (a path or an nbformat notebook), with their valid values."""
    if isinstance(nb_or_path, (str, Path)):
        # plain JSON: importing nbformat (and its schema validator) costs about a second
        path = str(nb_or_path)
        try:
            with open(path, encoding="utf-8") as fh:
                nb = json.load(fh)
            cells, metadata = nb["cells"], nb.get("metadata", {})
        except FileNotFoundError:
            raise ParameterError(f"notebook niet gevonden: {path}") from None
        except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise ParameterError(f"{path}: geen leesbare notebook ({exc})") from None
        except OSError as exc:
            raise ParameterError(f"{path}: kan niet worden gelezen ({exc.strerror})") from None
    else:
        path, cells, metadata = "notebook", nb_or_path.cells, nb_or_path.metadata
    cell = parameters_cell(cells, path)
    source = _source(cell) if cell is not None else ""
    comments = _comments(source)
    try:
        declared = parameter_specs(metadata)
    except ValueError as exc:
        raise ParameterError(f"{path}: {exc}") from None
    specs = []
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None):
            raise ParameterError(
                f"{path}: de parametercel mag alleen getypeerde toewijzingen bevatten, zoals 'jaar: int = 2024'"
            )
        type_name = ast.unparse(node.annotation)
        if type_name not in TYPES:
            raise ParameterError(
                f"{path}: parameter '{node.target.id}' heeft type {type_name}; gebruik een van {', '.join(TYPES)}"
            )
        name = node.target.id
        specs.append(
            ParamSpec(name, type_name, ast.literal_eval(node.value), comments.get(node.lineno, ""), declared.get(name))
        )
    unknown = sorted(set(declared) - {s.name for s in specs})
    if unknown:
        raise ParameterError(
            f"{path}: de metadata noemt keuzes voor {', '.join(unknown)}, maar de parametercel heeft die parameter niet"
        )
    return specs


def _allows_latest(spec: ParamSpec) -> bool:
    return spec.choice is not None and bool(spec.choice.latest)


def _coerce(spec: ParamSpec, value, *, text_allowed: bool = True):
    """Convert a value to the parameter's type.

    Text is converted only where ``text_allowed`` (the command line); a schedule's or notebook's value must
    have the type already: ``jaar: int = "2023"`` is refused.
    """
    target = TYPES[spec.type]
    wanted = f"parameter '{spec.name}' moet {TYPE_WORDS[spec.type]} zijn"
    latest = _allows_latest(spec)
    if latest and value == LATEST:
        return LATEST
    if latest:
        wanted += f" of {LATEST!r}"
    if isinstance(value, str) and target is not str and text_allowed:
        text = value.strip()
        if latest and text == LATEST:
            return LATEST
        try:
            if target is bool:
                if text.lower() not in ("true", "false"):
                    raise ValueError
                return text.lower() == "true"
            if target is int and not re.fullmatch(r"-?[0-9]+", text):
                raise ValueError
            if target is float and not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
                raise ValueError
            return target(text)
        except ValueError:
            raise ParameterError(f"{wanted}, niet {value!r}") from None
    if target is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, target) or (target is int and isinstance(value, bool)):
        raise ParameterError(f"{wanted}, niet {type(value).__name__} {value!r}")
    return value


def valid_values(spec: ParamSpec, providers: dict, earlier: dict, data_dir=None) -> list | None:
    """The valid values of a parameter as ``sdlib report list`` shows them; None when any value is allowed or the
    values cannot be worked out (a provider that fails is said when the report is run)."""
    try:
        return _choices(spec, providers, earlier, data_dir)
    except Exception:  # a listing never stops on one parameter
        return None


def _choices(spec: ParamSpec, providers: dict, earlier: dict, data_dir) -> list | None:
    """Return the valid values of a parameter (fixed values, then the provider's), or None when any is allowed."""
    import inspect

    choice = spec.choice
    if choice is None or (choice.provider is None and not choice.values):
        return None
    options = [_coerce(spec, v) for v in choice.values]
    if choice.provider is not None:
        func = (providers or {}).get(choice.provider)
        if func is None:
            known = ", ".join(sorted(providers or {})) or "geen"
            raise ParameterError(
                f"parameter '{spec.name}': geen keuzefunctie {choice.provider!r} bekend; bekend: {known}"
            )
        args = []
        for arg in choice.args:
            if isinstance(arg, dict) and set(arg) == {"param"}:
                if arg["param"] not in earlier:
                    raise ParameterError(
                        f"parameter '{spec.name}': de keuzes hangen af van parameter "
                        f"'{arg['param']}', die erboven in de parametercel moet staan"
                    )
                args.append(earlier[arg["param"]])
            elif isinstance(arg, (str, int, float, bool)):
                args.append(arg)
            else:
                raise ParameterError(
                    f"parameter '{spec.name}': argument {arg!r} moet een tekst, een getal of "
                    '{"param": "<naam van een parameter erboven>"} zijn'
                )
        kwargs = {}
        if data_dir is not None and "data_dir" in inspect.signature(func).parameters:
            kwargs["data_dir"] = data_dir
        try:
            inspect.signature(func).bind(*args, **kwargs)
        except TypeError:
            raise ParameterError(
                f"parameter '{spec.name}': keuzefunctie {choice.provider!r} neemt de argumenten "
                f"{list(choice.args)!r} uit de metadata niet aan"
            ) from None
        try:
            options += list(func(*args, **kwargs))
        except MissingDataError as exc:
            raise ReportSkipped(f"geen gegevens voor dit rapport: {exc}") from None
        except SdlibError as exc:  # a domain error with a Dutch message
            raise ParameterError(f"{exc} (nodig om parameter '{spec.name}' te controleren)") from None
    return options


def validate_parameters(
    specs: list[ParamSpec], given: dict, *, notebook: str = "notebook", providers=None, data_dir=None
) -> dict:
    """Check values against the specs; return the full typed parameter set (defaults filled in, "laatste"
    replaced by the newest valid value).

    Parameters
    ----------
    specs : list of ParamSpec
        The parameters of the notebook, in the order of its parameters cell.
    given : dict
        Values to set (strings from the command line are converted to the parameter's type). A default of the
        notebook is checked like a given value: ``jaar: int = "2023"`` is refused by type.
    notebook : str
        How messages name the notebook.
    providers : dict, optional
        The choices providers by name (see the module docstring).
    data_dir : path, optional
        Passed to every provider that has a ``data_dir`` argument.

    Raises
    ------
    ReportSkipped
        When a provider finds no data for the report.
    ParameterError
        For an unknown name (with a did-you-mean), a wrong type, or a value outside the choices (listing them).
    """
    import difflib

    by_name = {s.name: s for s in specs}
    unknown = [k for k in given if k not in by_name]
    if unknown:
        valid = ", ".join(f"{s.name} ({s.type})" for s in specs) or "geen"
        hints = [(k, difflib.get_close_matches(str(k), list(by_name), n=1)) for k in unknown]
        hint = ", ".join(f"{h[0]!r}" + (f" voor {k!r}" if len(unknown) > 1 else "") for k, h in hints if h)
        hint = f" (bedoelt u {hint}?)" if hint else ""
        raise ParameterError(
            f"{notebook}: onbekende parameter {', '.join(map(repr, unknown))}{hint}; geldige parameters: {valid}"
        )
    values = {}
    for spec in specs:
        try:
            if spec.name in given:
                value = _coerce(spec, given[spec.name], text_allowed=isinstance(given[spec.name], str))
            else:
                value = _coerce(spec, spec.default, text_allowed=False)
            if spec.choice is not None and spec.choice.path and isinstance(value, str) and value:
                value = str(Path(value).resolve()) if Path(value).exists() else value  # the kernel runs elsewhere
            choices = _choices(spec, providers, values, data_dir)
        except ReportSkipped as exc:
            raise ReportSkipped(f"{notebook}: {exc}") from None
        except ParameterError as exc:
            raise ParameterError(f"{notebook}: {exc}") from None
        is_latest = _allows_latest(spec) and value == LATEST
        if is_latest and isinstance(spec.choice.latest, str):  # the last value of another provider
            other = ParameterSpec(spec.name, spec.choice.latest, spec.choice.args)
            try:
                newest = _choices(
                    ParamSpec(spec.name, spec.type, spec.default, spec.help, other), providers, values, data_dir
                )
            except ReportSkipped as exc:
                raise ReportSkipped(f"{notebook}: {exc}") from None
            choices = newest or choices
        if is_latest:
            if not choices:
                raise ReportSkipped(
                    f"{notebook}: geen gegevens voor dit rapport: er is geen jaar met cijfers "
                    f"voor parameter '{spec.name}'"
                )
            value = choices[-1]
        if choices is not None and value not in choices:
            raise ParameterError(
                f"{notebook}: parameter '{spec.name}' = {value!r} valt buiten de gegevens; geldige waarden: "
                + (", ".join(map(str, choices)) or "geen")
            )
        values[spec.name] = value
    return values


def check_parameters(notebook: str, values: dict, *, providers=None, folder=None, data_dir=None) -> dict:
    """Check a notebook's own parameter values with the runner's checker, from the notebook's first cells.

    The runner checks parameters before it starts a notebook; a notebook run in JupyterLab or by papermill
    skips the runner, so every report notebook calls this right after its parameters cell::

        jaar = check_parameters("indicatoren", {"jaar": jaar}, providers=choices.PROVIDERS)["jaar"]

    Returns
    -------
    dict
        The checked values ("laatste" replaced by the newest year).

    Raises
    ------
    NotebookParameterError
        With the runner's Dutch message, naming the valid values.
    """
    if folder is None:
        from sdlib.data import paths

        folder = paths.project_root() / "notebooks" / "reports"
    path = Path(folder) / f"{notebook}.ipynb"
    try:
        return validate_parameters(
            read_parameters(path), dict(values), notebook=notebook, providers=providers, data_dir=data_dir
        )
    except NotebookParameterError:
        raise
    except ParameterError as exc:
        raise NotebookParameterError(str(exc)) from None
