"""Notebook parameters: read from the cell tagged ``parameters``, validated before anything runs.

A parameters cell holds only typed, commented assignments::

    jaar: int = 2024  # verslagjaar; keuze uit: sdlib.calc.choices.indicator_years()
    thema: str = "alle"  # één thema; keuze: alle | jeugd | wmo

The comment is the help text. The runner knows no domain: the phrase ``keuze:`` (or ``keuze uit:``) restricts
the values, up to a ``;`` or the end of the comment, to alternatives separated by ``|``. An alternative is a
plain value (converted to the parameter's type) or a call of a *choices provider*: a public function (listed in
``__all__``) of a module named ``choices`` under ``sdlib``, such as ``sdlib.calc.choices.vintages()``. The
domain registers a provider by putting it there. Its arguments are literals (``"jeugdhulp_3jaar_aandeel"``,
``2024``) or names of parameters above it in the cell, which stand for their values (``extract_years(extract,
peildatum)``). The runner imports the function with importlib, calls it before the report runs and refuses a
value that is not in the returned list. A ``str`` parameter whose help says ``pad`` is a file path: a relative
path that exists in the caller's working folder is made absolute, because the notebook runs in its own folder.

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

from sdlib.data.errors import SdlibError

__all__ = [
    "ParamSpec",
    "ParameterError",
    "NotebookParameterError",
    "read_parameters",
    "validate_parameters",
    "parameters_cell",
    "check_parameters",
]

TYPES = {"int": int, "float": float, "str": str, "bool": bool}


class ParameterError(SdlibError, ValueError):
    """A parameter that is unknown, of the wrong type or outside the data."""


class NotebookParameterError(ParameterError):
    """A parameter refused inside the notebook itself (JupyterLab, papermill): IPython shows only the message."""

    def _render_traceback_(self):  # IPython's hook: a reader sees the Dutch message, not a stack trace
        return [f"Dit rapport stopt: {self}", "Pas de parametercel bovenaan aan en voer de notebook opnieuw uit."]


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
            raise ParameterError(
                f"{path}: de parametercel mag alleen getypeerde toewijzingen bevatten, zoals 'jaar: int = 2024'"
            )
        type_name = ast.unparse(node.annotation)
        if type_name not in TYPES:
            raise ParameterError(
                f"{path}: parameter '{node.target.id}' heeft type {type_name}; gebruik een van {', '.join(TYPES)}"
            )
        specs.append(ParamSpec(node.target.id, type_name, ast.literal_eval(node.value), comments.get(node.lineno, "")))
    return specs


def _scan_choices(text: str) -> list[str]:
    """Split the text after ``keuze:`` into its alternatives: at ``|`` outside brackets, up to ``;``.

    Quotes count only inside brackets (the arguments of a provider), so a plain value may hold an apostrophe.
    """
    parts, depth, quote, current = [], 0, None, ""
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif depth and ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "|;":
            parts.append(current)
            current = ""
            if ch == ";":
                return [p.strip() for p in parts]
            continue
        current += ch
    parts.append(current)
    return [p.strip() for p in parts]


def _dotted(node) -> str | None:
    """Return ``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


def _provider(text: str, spec: ParamSpec):
    """Parse ``sdlib.x.choices.f(arg, ...)``; return (dotted name, positional nodes, keyword nodes)."""
    where = f"parameter '{spec.name}': keuze uit {text!r}"
    try:
        call = ast.parse(text, mode="eval").body
    except SyntaxError:
        raise ParameterError(
            f"{where} is geen geldige aanroep; schrijf bijvoorbeeld 'keuze uit: sdlib.calc.choices.vintages()'"
        ) from None
    name = _dotted(call.func) if isinstance(call, ast.Call) else None
    if name is None:
        raise ParameterError(
            f"{where} is geen aanroep van een keuzefunctie met een naam zoals sdlib.<module>.choices.<functie>(...)"
        )
    parts = name.split(".")
    if parts[0] != "sdlib" or len(parts) < 3:
        raise ParameterError(
            f"{where}: alleen keuzefuncties onder sdlib. zijn toegestaan, zoals "
            f"sdlib.<module>.choices.<functie>(...); niet {name!r}"
        )
    if parts[-2] != "choices" or any(p.startswith("_") for p in parts):
        raise ParameterError(
            f"{where}: een keuzefunctie staat in een module 'choices' van sdlib en begint niet "
            f"met '_' (sdlib.<module>.choices.<functie>); niet {name!r}"
        )
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        if isinstance(arg, ast.Starred) or not (isinstance(arg, ast.Name) or _is_literal(arg)):
            raise ParameterError(
                f'{where}: een argument is een vaste waarde (zoals "tekst" of 2024) of de naam '
                f"van een parameter erboven, niet {ast.unparse(arg)!r}"
            )
    if any(k.arg is None for k in call.keywords):
        raise ParameterError(f"{where}: '**' is niet toegestaan in de argumenten")
    return name, call.args, call.keywords


def _is_literal(node) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _resolve(name: str, spec: ParamSpec):
    """Import the provider function ``name`` (a public function of an ``sdlib...choices`` module)."""
    import importlib
    import inspect

    module_name, func_name = name.rsplit(".", 1)
    missing = f"parameter '{spec.name}': keuzefunctie {name} bestaat niet"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            raise ParameterError(f"{missing} (geen module {module_name})") from None
        raise ParameterError(
            f"parameter '{spec.name}': module {module_name} kan niet worden geladen ({type(exc).__name__}: {exc})"
        ) from None
    func = getattr(module, func_name, None)
    if func_name not in getattr(module, "__all__", ()) or not inspect.isfunction(func):
        offered = ", ".join(n for n in getattr(module, "__all__", ()) if inspect.isfunction(getattr(module, n, None)))
        raise ParameterError(
            f"{missing} (geen openbare functie {func_name} in {module_name}"
            + (f"; wel: {offered}" if offered else "")
            + ")"
        )
    return func


def _call_provider(text: str, spec: ParamSpec, earlier: dict, data_dir) -> list:
    """Resolve and call the provider in ``text``; return its values."""
    import inspect

    name, arg_nodes, keyword_nodes = _provider(text, spec)

    def value(node):
        if isinstance(node, ast.Name):
            if node.id not in earlier:
                raise ParameterError(
                    f"parameter '{spec.name}': keuze uit {name}(...) vraagt een parameter "
                    f"'{node.id}' erboven in de parametercel"
                )
            return earlier[node.id]
        return ast.literal_eval(node)

    args = [value(n) for n in arg_nodes]
    kwargs = {k.arg: value(k.value) for k in keyword_nodes}
    func = _resolve(name, spec)
    if data_dir is not None and "data_dir" not in kwargs:
        try:
            if "data_dir" in inspect.signature(func).parameters:
                kwargs["data_dir"] = data_dir
        except (TypeError, ValueError):
            pass
    try:
        result = func(*args, **kwargs)
    except SdlibError as exc:  # a domain error with a Dutch message
        raise ParameterError(f"{exc} (nodig om parameter '{spec.name}' te controleren)") from None
    except Exception as exc:
        raise ParameterError(
            f"parameter '{spec.name}': keuzefunctie {text} gaf een fout ({type(exc).__name__}: {exc})"
        ) from None
    try:
        return list(result)
    except TypeError:
        raise ParameterError(
            f"parameter '{spec.name}': keuzefunctie {text} gaf geen lijst maar {type(result).__name__}"
        ) from None


CALL = re.compile(r"^[A-Za-z_][\w.]*\(")  # an alternative that calls a provider: a name right before "("
KEUZE = re.compile(r"\bkeuze(?:\s+uit)?\s*:")


def _choices(spec: ParamSpec, data_dir=None, earlier=None) -> list | None:
    """Return the valid values of a parameter from its help text, or None when any value is allowed."""
    if re.search(r"\bjaren uit\s*:", spec.help):
        raise ParameterError(
            f"parameter '{spec.name}': 'jaren uit:' wordt niet meer gebruikt; noem een "
            "keuzefunctie, zoals 'keuze uit: sdlib.<module>.choices.<functie>(...)'"
        )
    m = KEUZE.search(spec.help)
    if not m:
        return None
    options = []
    for alternative in _scan_choices(spec.help[m.end() :]):
        if not alternative:
            raise ParameterError(f"parameter '{spec.name}': lege keuze in {spec.help[m.start() :]!r}")
        if CALL.match(alternative):
            options += _call_provider(alternative, spec, earlier or {}, data_dir)
        elif alternative.startswith("sdlib."):
            name = re.match(r"[\w.]*", alternative).group()
            raise ParameterError(
                f"parameter '{spec.name}': schrijf de keuzefunctie met haakjes direct achter de "
                f"naam: {name}(...), niet {alternative!r}"
            )
        else:
            try:
                options.append(_coerce(spec, alternative))
            except ParameterError:
                raise ParameterError(
                    f"parameter '{spec.name}': keuze {alternative!r} is geen {TYPE_WORDS[spec.type]}"
                ) from None
    return options


TYPE_WORDS = {
    "int": "een geheel getal (int)",
    "float": "een getal (float)",
    "str": "tekst (str)",
    "bool": "true of false (bool)",
}


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

    Parameters
    ----------
    specs : list of ParamSpec
        The parameters of the notebook, in the order of its parameters cell.
    given : dict
        Values to set (strings from the command line are converted to the parameter's type).
    notebook : str
        How messages name the notebook.
    data_dir : path, optional
        Passed to every choices provider that has a ``data_dir`` argument (default: the provider's own).

    Raises
    ------
    ParameterError
        For an unknown name (listing the valid ones, with a did-you-mean), a wrong type, a value outside the
        choices (listing the valid values), or a ``keuze`` phrase whose provider is refused or fails. Messages
        are Dutch and start with ``notebook``.
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
            value = _coerce(spec, given[spec.name]) if spec.name in given else spec.default
        except ParameterError as exc:
            raise ParameterError(f"{notebook}: {exc}") from None
        if spec.type == "str" and re.search(r"\bpad\b", spec.help) and value and Path(value).exists():
            value = str(Path(value).resolve())  # the kernel runs in the notebook's folder, not the caller's
        try:
            choices = _choices(spec, data_dir, values)
        except ParameterError as exc:
            raise ParameterError(f"{notebook}: {exc}") from None
        if choices is not None and value not in choices:
            raise ParameterError(
                f"{notebook}: parameter '{spec.name}' = {value!r} valt buiten de gegevens; geldige waarden: "
                + (", ".join(map(str, choices)) or "geen")
            )
        values[spec.name] = value
    return values


def check_parameters(notebook: str, values: dict, *, folder=None, data_dir=None) -> dict:
    """Check a notebook's own parameter values with the runner's checker, from the notebook's first cells.

    The runner checks parameters before it starts a notebook; a notebook run in JupyterLab or by papermill
    skips the runner, so every report notebook calls this right after its parameters cell::

        from sdlib.report.params import check_parameters
        check_parameters("indicatoren", {"jaar": jaar, "vintage": vintage})

    Parameters
    ----------
    notebook : str
        The report's name: ``notebooks/reports/<notebook>.ipynb`` under ``folder`` (default: the project's).
    values : dict
        The values the notebook holds now (after papermill's injected cell, if any).

    Returns
    -------
    dict
        The checked values.

    Raises
    ------
    NotebookParameterError
        With the runner's Dutch message, naming the valid values (e.g. ``parameter 'jaar' = 2019 valt buiten de
        gegevens; geldige waarden: 2021, 2022, 2023, 2024``).
    """
    if folder is None:
        from sdlib.data import paths

        folder = paths.project_root() / "notebooks" / "reports"
    path = Path(folder) / f"{notebook}.ipynb"
    try:
        return validate_parameters(read_parameters(path), dict(values), notebook=notebook, data_dir=data_dir)
    except NotebookParameterError:
        raise
    except ParameterError as exc:
        raise NotebookParameterError(str(exc)) from None
