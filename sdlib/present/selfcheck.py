"""Self-checks for the training notebooks: Dutch feedback on a learner's answer, from a question file.

The questions live beside the notebooks, in ``notebooks/training/vragen.yml`` (its header defines the format):
per question what is asked, the type of answer, a tolerance, the right answer and hints for typical mistakes.
A right answer is a literal of the training material, or a reference to the data that this module resolves
through the public sdlib API (``{series: ..., year: ...}``, a catalog field, a verdict) and simple arithmetic
of such references (``{formula: kosten / jeugdigen}``). No answers are kept in the package.

Each exercise in a training notebook ends with ``check(question_id, answer)``, which shows ``Goed! ...``,
``Nog niet goed: <hint>`` or ``Nog geen antwoord ...`` (while the answer is still ``None``). Every result is
kept, so ``summary("03")`` lists what is right and what is still open.

Example::

    from sdlib.present import selfcheck
    selfcheck.check("03.kosten_per_jeugdige_2018", 5565.4)   # Goed! ...
    selfcheck.check("03.kosten_per_jeugdige_2018", 5.5654)   # Nog niet goed: ...
    selfcheck.summary("03")

``load(path)`` reads another question file and makes it the one ``check`` uses.
"""

from __future__ import annotations

import ast
import html
import json
import math
import numbers
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sdlib.calc.indicators import indicator_table, verdict
from sdlib.data import paths
from sdlib.data.catalog import series_meta
from sdlib.data.errors import SdlibError
from sdlib.data.load import load as load_series

__all__ = [
    "Question",
    "QuestionBank",
    "Feedback",
    "default_path",
    "load",
    "read_questions",
    "bank",
    "check",
    "evaluate",
    "expected",
    "question",
    "questions",
    "results",
    "reset",
    "summary",
    "NO_ANSWER",
    "KINDS",
]

#: Marker shown when an exercise has not been answered yet (the answer is still None).
NO_ANSWER = "Nog geen antwoord"

#: How an answer is compared (the ``type`` of a question).
KINDS = ("number", "text", "bool", "set", "command")

_FIELDS = {"id", "title", "ask", "type", "tolerance", "expected", "values", "aliases", "hint", "mistakes", "explain"}
_REQUIRED = ("id", "title", "type", "expected", "hint")
# reference kinds: the key that names the kind, and the other keys it allows (None: any dimension column too)
_REFERENCES = {
    "series": None,
    "catalog": {"field"},
    "verdict": {"year", "direction"},
    "indicators_met": set(),
    "count_files": set(),
    "notebook_parameter": {"notebook"},
    "schedule_output": {"parameters"},
    "formula": set(),
}
_ID = re.compile(r"^\d\d\.\w+$")


@dataclass(frozen=True)
class Question:
    """One self-check, as read from the question file (see the header of ``notebooks/training/vragen.yml``)."""

    id: str
    title: str
    kind: str
    expected: Any
    hint: str
    ask: str = ""
    tolerance: float = 0.0
    values: dict = field(default_factory=dict)
    mistakes: tuple = ()  # (answer spec, hint) pairs
    aliases: dict | str = field(default_factory=dict)
    explain: str = ""

    @property
    def notebook(self) -> str:
        """The notebook number, e.g. ``"03"``."""
        return self.id.split(".")[0]


@dataclass
class Feedback:
    """The outcome of one check: status ``goed``, ``fout`` or ``leeg`` and the Dutch message."""

    question: str
    status: str
    message: str

    @property
    def ok(self) -> bool:
        """True when the answer is right."""
        return self.status == "goed"

    def __str__(self) -> str:
        return f"[{self.question}] {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {"goed": "#1b7837", "fout": "#b2182b", "leeg": "#666666"}[self.status]
        icon = {"goed": "&#10004;", "fout": "&#10008;", "leeg": "&#8230;"}[self.status]
        return (
            f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
            f'<span style="color:{colour};font-weight:bold">{icon}</span> {html.escape(self.message)}'
            f' <span style="color:#999;font-size:smaller">({html.escape(self.question)})</span></div>'
        )


# ---------------------------------------------------------------------------------------------------------
# Reading and checking the question file


def default_path() -> Path:
    """Return the default question file, ``notebooks/training/vragen.yml`` of the project folder."""

    return paths.notebooks_dir() / "training" / "vragen.yml"


def _formula_names(text: str, where: str) -> set[str]:
    """Return the names a formula uses; raise SdlibError if it is more than + - * / over numbers and names."""
    try:
        tree = ast.parse(str(text), mode="eval")
    except SyntaxError:
        raise SdlibError(f"{where}: formule {text!r} is geen rekensom") from None
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Constant) and _is_number(node.value):
            continue
        elif not isinstance(
            node,
            (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Load),
        ):
            raise SdlibError(
                f"{where}: formule {text!r} mag alleen + - * / en haakjes gebruiken, met getallen en namen uit values"
            )
    return names


def _check_spec(spec, where: str, names: set[str]) -> None:
    """Check an answer spec (literal, reference or formula) as far as it can be checked without the data."""
    if isinstance(spec, (str, bool, int, float, list)):
        return
    if not isinstance(spec, dict):
        raise SdlibError(f"{where}: verwacht een waarde, een verwijzing of {{formula: ...}}, niet {spec!r}")
    kinds = [k for k in _REFERENCES if k in spec]
    if len(kinds) != 1:
        raise SdlibError(
            f"{where}: een verwijzing heeft precies één van de sleutels {', '.join(_REFERENCES)}; "
            f"gevonden: {', '.join(map(str, spec)) or 'geen'}"
        )
    kind = kinds[0]
    allowed = _REFERENCES[kind]
    if allowed is not None:
        unknown = set(spec) - allowed - {kind}
        if unknown:
            raise SdlibError(
                f"{where}: onbekende sleutel(s) bij {kind}: {', '.join(sorted(map(str, unknown)))}; "
                f"toegestaan: {', '.join(sorted(allowed)) or 'geen'}"
            )
    elif "year" not in spec:
        raise SdlibError(f"{where}: een verwijzing naar een reeks noemt een year")
    if kind == "formula":
        unknown = _formula_names(spec["formula"], where) - names
        if unknown:
            raise SdlibError(
                f"{where}: formule {spec['formula']!r} gebruikt onbekende naam/namen "
                f"{', '.join(sorted(unknown))}; bekend: {', '.join(sorted(names)) or 'geen'}"
            )
    if kind == "count_files" and spec["count_files"] != "data":
        raise SdlibError(f"{where}: count_files kent alleen 'data'")
    if kind == "catalog" and "field" not in spec:
        raise SdlibError(f"{where}: een catalog-verwijzing noemt een field")
    if kind == "notebook_parameter" and "notebook" not in spec:
        raise SdlibError(f"{where}: een notebook_parameter noemt het notebook (pad onder notebooks/)")


def _question(raw, where: str) -> Question:
    if not isinstance(raw, dict):
        raise SdlibError(f"{where}: een vraag is een mapping met de sleutels {', '.join(_REQUIRED)}, ...")
    qid = str(raw.get("id", ""))
    where = f"{where} ({qid})" if qid else where
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise SdlibError(f"{where}: ontbrekende sleutel(s): {', '.join(missing)}")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise SdlibError(
            f"{where}: onbekende sleutel(s): {', '.join(sorted(map(str, unknown)))}; "
            f"toegestaan: {', '.join(sorted(_FIELDS))}"
        )
    if not _ID.match(qid):
        raise SdlibError(f"{where}: id {qid!r} heeft niet de vorm '<notebook>.<naam>', zoals \"03.index_2018\"")
    if raw["type"] not in KINDS:
        raise SdlibError(f"{where}: type {raw['type']!r} is onbekend; gebruik een van {', '.join(KINDS)}")
    values = raw.get("values") or {}
    if not isinstance(values, dict):
        raise SdlibError(f"{where}: values is een mapping van naam naar verwijzing of getal")
    for name, spec in values.items():
        if not str(name).isidentifier() or name == "expected":
            raise SdlibError(f"{where}: {name!r} kan geen naam in een formule zijn")
        _check_spec(spec, f"{where}, values.{name}", set())
        if isinstance(spec, dict) and "formula" in spec:
            raise SdlibError(f"{where}, values.{name}: values zijn verwijzingen of getallen, geen formules")
    _check_spec(raw["expected"], f"{where}, expected", set(values))
    mistakes = []
    for i, m in enumerate(raw.get("mistakes") or [], start=1):
        if not isinstance(m, dict) or set(m) != {"answer", "hint"}:
            raise SdlibError(f"{where}, mistakes {i}: verwacht de sleutels answer en hint")
        _check_spec(m["answer"], f"{where}, mistakes {i}", set(values) | {"expected"})
        mistakes.append((m["answer"], str(m["hint"]).strip()))
    aliases = raw.get("aliases") or {}
    if not (aliases == "sources" or isinstance(aliases, dict)):
        raise SdlibError(f"{where}: aliases is een mapping (andere schrijfwijze: antwoord) of 'sources'")
    tolerance = raw.get("tolerance", 0.0)
    if not _is_number(tolerance) or tolerance < 0:
        raise SdlibError(f"{where}: tolerance is een getal van 0 of meer, niet {tolerance!r}")
    return Question(
        id=qid,
        title=str(raw["title"]).strip(),
        kind=raw["type"],
        expected=raw["expected"],
        hint=str(raw["hint"]).strip(),
        ask=str(raw.get("ask", "")).strip(),
        tolerance=float(tolerance),
        values=dict(values),
        mistakes=tuple(mistakes),
        aliases=aliases if isinstance(aliases, str) else {str(k).lower(): str(v) for k, v in aliases.items()},
        explain=str(raw.get("explain", "")).strip(),
    )


def read_questions(path: str | Path) -> list[Question]:
    """Read and check a question file; raise SdlibError naming the file and the question when it is wrong."""
    import yaml

    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SdlibError(f"vragenbestand niet gevonden: {path}") from None
    except yaml.YAMLError as exc:
        raise SdlibError(f"{path}: geen leesbare YAML ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("questions"), list):
        raise SdlibError(f"{path}: verwacht een lijst 'questions:'")
    out, seen = [], set()
    for i, raw in enumerate(doc["questions"], start=1):
        q = _question(raw, f"{path.name}, vraag {i}")
        if q.id in seen:
            raise SdlibError(f"{path.name}: vraag {q.id} staat er twee keer in")
        seen.add(q.id)
        out.append(q)
    return out


# ---------------------------------------------------------------------------------------------------------
# Resolving the right answer


def _figure(spec: dict, where: str):
    """One figure (or another column) of a series, through sdlib.load."""

    series, year = spec["series"], spec["year"]
    measure = spec.get("measure", "realisatie")
    column = spec.get("column", "value")
    dims = {k: v for k, v in spec.items() if k not in {"series", "year", "measure", "vintage", "column"}}
    df = load_series(series, vintage=spec.get("vintage", "latest"))
    for col in [column, *dims]:
        if col not in df.columns:
            raise SdlibError(f"{where}: reeks {series} heeft geen kolom {col!r}; kolommen: {', '.join(df.columns)}")
    mask = (df["year"] == year) & (df["measure"] == measure)
    for col, val in dims.items():
        mask &= df[col] == val
    rows = df.loc[mask, column]
    if len(rows) != 1:
        raise SdlibError(
            f"{where}: verwacht één cijfer voor {series} {year} {measure} {dims or ''}, gevonden: {len(rows)}"
        )
    value = rows.iloc[0]
    return float(value) if column == "value" else getattr(value, "item", lambda: value)()


def _verdict(spec: dict, where: str):

    sid, year = spec["verdict"], spec["year"]
    meta = series_meta(sid)
    real = _figure({"series": sid, "year": year}, where)
    target = _figure({"series": sid, "year": year, "measure": "begroting"}, where)
    return verdict(real, target, spec.get("direction", meta["direction"]), tolerance_pct=meta.get("tolerance_pct", 5.0))


def _indicators_met(year: int) -> int:

    return sum(1 for v in indicator_table(year)["verdict_computed"] if v is not None and v == v and bool(v))


def _notebook_parameter(spec: dict, where: str):
    """The default of a parameter in the cell tagged 'parameters' of a notebook, read as plain JSON."""

    path = paths.notebooks_dir() / spec["notebook"]
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            for node in ast.parse("".join(cell["source"])).body:
                target = (
                    node.target
                    if isinstance(node, ast.AnnAssign)
                    else (node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
                )
                if isinstance(target, ast.Name) and target.id == spec["notebook_parameter"] and node.value:
                    return ast.literal_eval(node.value)
    raise SdlibError(f"{where}: {spec['notebook']} heeft geen parameter {spec['notebook_parameter']!r}")


def _schedule_output(spec: dict, where: str) -> str:
    """The output name of an entry of reports/schedule.yml, read as plain YAML."""
    import yaml

    doc = yaml.safe_load((paths.reports_dir() / "schedule.yml").read_text(encoding="utf-8"))
    name, wanted = spec["schedule_output"], spec.get("parameters") or {}
    default = (doc.get("defaults") or {}).get("output", "{name}")
    for entry in doc.get("reports", []):
        params = entry.get("parameters") or {}
        if entry.get("notebook") == name and all(params.get(k) == v for k, v in wanted.items()):
            return str(entry.get("output", default)).format_map({**params, "name": name})
    raise SdlibError(f"{where}: {name} {wanted} staat niet in reports/schedule.yml")


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _calculate(node, env: dict):
    if isinstance(node, ast.Expression):
        return _calculate(node.body, env)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        value = _calculate(node.operand, env)
        return -value if isinstance(node.op, ast.USub) else value
    return _OPS[type(node.op)](_calculate(node.left, env), _calculate(node.right, env))


def _resolve(spec, where: str, env: dict):
    """Return the value of an answer spec: a literal, a reference to the data or a formula over ``env``."""
    if isinstance(spec, list):
        return {str(x).strip().upper() for x in spec}
    if not isinstance(spec, dict):
        return spec
    if "formula" in spec:
        return _calculate(ast.parse(str(spec["formula"]), mode="eval"), env)
    if "series" in spec:
        return _figure(spec, where)
    if "catalog" in spec:
        from sdlib.data.catalog import series_meta

        meta = series_meta(spec["catalog"])
        if spec["field"] not in meta:
            raise SdlibError(f"{where}: de catalogus kent geen veld {spec['field']!r} bij {spec['catalog']}")
        return meta[spec["field"]]
    if "verdict" in spec:
        return _verdict(spec, where)
    if "indicators_met" in spec:
        return _indicators_met(spec["indicators_met"])
    if "count_files" in spec:
        from sdlib.data import paths

        return sum(1 for p in paths.data_dir().rglob("*") if p.is_file())
    if "notebook_parameter" in spec:
        return _notebook_parameter(spec, where)
    return _schedule_output(spec, where)


def _values(q: Question) -> dict:
    return {name: _resolve(spec, f"{q.id}, values.{name}", {}) for name, spec in q.values.items()}


# ---------------------------------------------------------------------------------------------------------
# Comparing answers


def _as_scalar(answer):
    """Unwrap a one-element pandas/numpy object; leave anything else as it is."""
    size = getattr(answer, "size", None)
    if size == 1 and hasattr(answer, "item") and not isinstance(answer, (str, bytes)):
        try:
            return answer.item()
        except (ValueError, TypeError):
            return answer
    return answer


def _is_number(x) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


def _close(a, b, tol: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=max(tol, 1e-9))


def _plain(x: float) -> str:
    """A number the way it is typed in Python: 5565.25, -92186000, 45.9."""
    return f"{x:.10g}" if abs(x) < 1e15 else repr(x)


def _comma_number(answer) -> tuple[str, str] | None:
    """For ``45,0`` typed without quotes (two numbers in Python): what was typed and the number meant."""
    if not (isinstance(answer, tuple) and len(answer) == 2 and all(_is_number(x) for x in answer)):
        return None
    whole, decimals = answer
    if isinstance(whole, int) and isinstance(decimals, int) and decimals >= 0:
        return f"{whole},{decimals}", f"{whole}.{decimals}"
    return None


def _number_from_text(text: str) -> list[float]:
    """The numbers a text may mean: Python notation (5565.4) and Dutch notation (5.565,4)."""
    text = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    out = []
    for candidate in (text, text.replace(".", "").replace(",", ".")):
        try:
            out.append(float(candidate))
        except ValueError:
            pass
    return out


def _what(answer) -> str:
    """A short Dutch description of an answer that is not what was asked."""
    if isinstance(answer, bool):
        return "True of False"
    if hasattr(answer, "shape") and hasattr(answer, "size"):  # a pandas or numpy selection
        if answer.size == 0:
            return "een lege selectie: je filter leverde geen rij op"
        return f"een tabel of reeks met {answer.size} waarden: filter tot één cijfer (bijvoorbeeld met .item())"
    if isinstance(answer, (list, tuple, set, dict)):
        return "een lijst"
    return f"iets anders ({type(answer).__name__})"


def _compare_number(q: Question, answer, exp, env: dict) -> tuple[bool, str]:
    typed = _comma_number(answer)
    if typed:
        return False, f"je schreef {typed[0]}: in Python is dat geen getal. Schrijf {typed[1]} (met een punt)."
    if isinstance(answer, (tuple, list)) and answer and all(_is_number(x) for x in answer):
        return False, (
            "je schreef een komma in een getal: in Python is dat geen getal. Schrijf getallen met een "
            "punt als decimaalteken en zonder duizendtallenpunt, zoals 5565.4."
        )
    if isinstance(answer, str):
        right = [x for x in _number_from_text(answer) if _close(x, exp, q.tolerance)]
        if right:
            return False, (
                f"de waarde klopt, maar je gaf tekst ('{answer}'): schrijf het getal zonder "
                f"aanhalingstekens, zo: {_plain(right[0])}."
            )
        return False, (
            f"je gaf tekst ('{answer}'), geen getal. Schrijf het getal zonder aanhalingstekens en in "
            "Python-notatie: geen duizendtallenpunt, een punt als decimaalteken (5565.4, niet '5.565,4')."
        )
    if not _is_number(answer):
        return False, f"hier hoort één getal, maar je gaf {_what(answer)}."
    if isinstance(answer, float) and math.isnan(answer):
        return False, f"je antwoord is NaN (geen getal): waarschijnlijk leverde je filter geen rij op. Verder: {q.hint}"
    if _close(answer, exp, q.tolerance):
        return True, ""
    for spec, message in q.mistakes:
        wrong = _resolve(spec, q.id, {**env, "expected": exp})
        if _is_number(wrong) and _close(answer, wrong, max(q.tolerance, abs(float(wrong)) * 1e-3)):
            return False, message
    return False, q.hint


def _norm_text(x) -> str:
    return re.sub(r"\s+", " ", str(x)).strip().strip("'\"").lower()


def _aliases(q: Question) -> dict:
    if q.aliases == "sources":
        from sdlib.data.catalog import read_sources

        return {s["short_title"].lower(): sid for sid, s in read_sources().items()}
    return q.aliases


def _text_matches(q: Question, answer, exp) -> bool:
    given = _norm_text(answer).replace("doelstelling ", "").replace(",", ".").removesuffix(".pdf")
    given = _aliases(q).get(given, given)
    return given == _norm_text(exp)


def _compare_text(q: Question, answer, exp, env: dict) -> tuple[bool, str]:
    typed = _comma_number(answer)
    if typed:
        right = _text_matches(q, typed[1], exp)
        return False, (
            f"je schreef {typed[0]} zonder aanhalingstekens: in Python is dat geen tekst. Schrijf "
            f'"{typed[1]}" (tussen aanhalingstekens).' + ("" if right else f" Verder: {q.hint}")
        )
    if not isinstance(answer, str):
        if _is_number(answer) and _text_matches(q, _plain(answer), exp):
            return (
                False,
                f'de waarde klopt, maar het antwoord is tekst: schrijf "{_plain(answer)}" (tussen aanhalingstekens).',
            )
        return False, f"het antwoord is tekst: zet het tussen aanhalingstekens. Ook de waarde klopt nog niet: {q.hint}"
    if _text_matches(q, answer, exp):
        return True, ""
    for spec, message in q.mistakes:
        if _text_matches(q, answer, _resolve(spec, q.id, {**env, "expected": exp})):
            return False, message
    return False, q.hint


def _compare_bool(q: Question, answer, exp, env: dict) -> tuple[bool, str]:
    if isinstance(answer, str) and _norm_text(answer) in {"ja", "nee", "true", "false"}:
        answer = _norm_text(answer) in {"ja", "true"}
    if type(answer).__name__ == "bool_":  # numpy bool
        answer = bool(answer)
    if not isinstance(answer, bool):
        return False, 'antwoord met True of False, of met de tekst "Ja" of "Nee".'
    if answer == exp:
        return True, ""
    for spec, message in q.mistakes:
        if answer == _resolve(spec, q.id, {**env, "expected": exp}):
            return False, message
    return False, q.hint


def _compare_set(q: Question, answer, exp, env: dict) -> tuple[bool, str]:
    if isinstance(answer, str):
        answer = [answer]
    try:
        given = {str(x).strip().upper() for x in answer}
    except TypeError:
        return False, 'geef het antwoord als lijst, bijvoorbeeld ["J01", "J02"].'
    if given == exp:
        return True, ""
    missing, extra = len(exp - given), len(given - exp)
    parts = []
    if missing:
        parts.append(f"er {'ontbreekt' if missing == 1 else 'ontbreken'} {missing}")
    if extra:
        parts.append(f"{extra} {'hoort' if extra == 1 else 'horen'} er niet bij")
    return False, f"{' en '.join(parts)}; {q.hint}"


def _norm_command(text: str) -> str:
    text = _norm_text(text).lstrip("!$ ")
    for prefix in (".venv/bin/", "python -m ", ".venv/bin/python -m "):
        text = text.removeprefix(prefix)
    return re.sub(r"-p\s+", "-p ", text).replace(" = ", "=")


def _compare_command(q: Question, answer, exp, env: dict) -> tuple[bool, str]:
    if not isinstance(answer, str):
        return False, f"geef het commando als tekst, tussen aanhalingstekens. Verder: {q.hint}"
    return _norm_command(answer) == _norm_command(exp), q.hint


_COMPARE = {
    "number": _compare_number,
    "text": _compare_text,
    "bool": _compare_bool,
    "set": _compare_set,
    "command": _compare_command,
}


# ---------------------------------------------------------------------------------------------------------
# A question bank and the results of one learner


class QuestionBank:
    """The questions of one file and the last result per question (``goed``, ``fout`` or ``leeg``)."""

    def __init__(self, questions: list[Question], path: Path | None = None):
        self.path = path
        self._questions = {q.id: q for q in questions}
        self._results: dict[str, str] = {}

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> QuestionBank:
        """Read a question file (default: :func:`default_path`)."""
        path = Path(path) if path is not None else default_path()
        return cls(read_questions(path), path)

    def question(self, question_id: str) -> Question:
        """Return one question; raise KeyError naming the question ids of that notebook."""
        try:
            return self._questions[question_id]
        except KeyError:
            prefix = str(question_id).split(".")[0]
            known = [q for q in self._questions if q.startswith(prefix + ".")] or list(self._questions)
            raise KeyError(f"onbekende vraag {question_id!r}; bekend: {', '.join(known)}") from None

    def questions(self, notebook: str | None = None) -> list[str]:
        """Return the question ids, of one notebook (``"03"``) or of all, in the order of the file."""
        return [qid for qid, q in self._questions.items() if notebook is None or q.notebook == notebook]

    def expected(self, question_id: str):
        """Return the right answer of a question, resolved from the data where the file refers to it."""
        q = self.question(question_id)
        return _resolve(q.expected, f"{q.id}, expected", _values(q))

    def evaluate(self, question_id: str, answer) -> Feedback:
        """Compare an answer with the right one and return the Dutch feedback, without showing it."""
        q = self.question(question_id)
        if answer is None or answer is Ellipsis:
            return Feedback(
                question_id,
                "leeg",
                f"{NO_ANSWER}: vul je antwoord in op de plaats van None en voer de cel opnieuw uit.",
            )
        env = _values(q)
        exp = _resolve(q.expected, f"{q.id}, expected", env)
        ok, hint = _COMPARE[q.kind](q, _as_scalar(answer), exp, env)
        if ok:
            return Feedback(question_id, "goed", f"Goed! {q.explain}".strip())
        return Feedback(question_id, "fout", f"Nog niet goed: {hint}")

    def check(self, question_id: str, answer, *, show: bool = True) -> bool:
        """Check an answer, keep the result, show the feedback and return whether it is right."""
        fb = self.evaluate(question_id, answer)
        self._results[question_id] = fb.status
        if show:
            _show(fb, {"question": question_id, "status": fb.status})
        return fb.ok

    def results(self) -> dict[str, str]:
        """Return the last result per question id: ``goed``, ``fout`` or ``leeg``."""
        return dict(self._results)

    def reset(self) -> None:
        """Forget all results."""
        self._results.clear()

    def summary(self, notebook: str, *, show: bool = True) -> dict:
        """Show and return how far a notebook's self-checks are: ``{"notebook", "total", "goed", "fout", "leeg"}``.

        A question not checked yet counts as ``leeg``.
        """
        ids = self.questions(notebook)
        out = {"notebook": notebook, "total": len(ids), "goed": [], "fout": [], "leeg": []}
        for qid in ids:
            out[self._results.get(qid, "leeg")].append(qid)
        if show:
            n = len(out["goed"])
            if n == len(ids):
                text = f"Alle {n} zelftoetsen van notebook {notebook} zijn goed. Goed gedaan!"
                status = "goed"
            else:
                open_ = [f"{self._questions[q].title} ({q})" for q in out["fout"] + out["leeg"]]
                text = (
                    f"{n} van {len(ids)} zelftoetsen van notebook {notebook} goed. Nog open: " + "; ".join(open_) + "."
                )
                status = "fout" if out["fout"] else "leeg"
            _show(Feedback(f"samenvatting {notebook}", status, text), {"summary": out})
        return out


def _show(feedback: Feedback, record: dict) -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        print(feedback.message)
        return
    from IPython.display import display

    display(feedback, metadata={"sdlib_training": record})


# ---------------------------------------------------------------------------------------------------------
# The question file in use (what the notebooks call)

_BANK: QuestionBank | None = None


def load(path: str | Path | None = None) -> QuestionBank:
    """Read a question file (default ``notebooks/training/vragen.yml``) and use it for :func:`check`."""
    global _BANK
    _BANK = QuestionBank.from_file(path)
    return _BANK


def bank() -> QuestionBank:
    """Return the question bank in use, reading the default file the first time."""
    return _BANK if _BANK is not None else load()


def question(question_id: str) -> Question:
    """Return one question of the bank in use."""
    return bank().question(question_id)


def questions(notebook: str | None = None) -> list[str]:
    """Return the question ids, of one notebook (``"03"``) or of all."""
    return bank().questions(notebook)


def expected(question_id: str):
    """Return the right answer of a question."""
    return bank().expected(question_id)


def evaluate(question_id: str, answer) -> Feedback:
    """Compare an answer with the right one and return the Dutch feedback, without showing it."""
    return bank().evaluate(question_id, answer)


def check(question_id: str, answer, *, show: bool = True) -> bool:
    """Check an answer, show Dutch feedback and return whether it is right.

    Parameters
    ----------
    question_id : str
        For example ``"03.kosten_per_jeugdige_2018"``.
    answer : object
        The learner's answer; ``None`` means not answered yet (a friendly message, no error).
    show : bool, default True
        Display the feedback (in a notebook) or print it (elsewhere).

    Returns
    -------
    bool
        True when the answer is right. The result is also kept for :func:`summary`.
    """
    return bank().check(question_id, answer, show=show)


def results() -> dict[str, str]:
    """Return the last result per question id: ``goed``, ``fout`` or ``leeg``."""
    return bank().results()


def reset() -> None:
    """Forget all results (for example at the top of a notebook)."""
    bank().reset()


def summary(notebook: str, *, show: bool = True) -> dict:
    """Show and return how far a notebook's self-checks are (see :meth:`QuestionBank.summary`)."""
    return bank().summary(notebook, show=show)
