"""Self-checks for the training notebooks: Dutch feedback on a learner's answer, from the question file beside it.

This module is part of the training material, not of the ``sdlib`` package: it lies next to the notebooks (and
next to ``make training``'s personal copy of them) and reads ``vragen.yml`` from its own folder. The header of
``vragen.yml`` defines the format: per question what is asked, the type of answer, a tolerance, the right answer
and hints for typical mistakes. A right answer is a fact of the training material, or a reference to the data
that is resolved through the public sdlib API (``sdlib.load``, ``sdlib.calc.periods``, ``sdlib.calc.figures``,
``sdlib.calc.indicators.table``, ...). Nothing here decides a verdict or rounds a figure: those rules are the
library's, so the training gives the answers the reports give, for every municipality whose ``data/`` is used.

A question whose data the municipality lacks (a series it does not publish, no year that a later document
revised, no begroting that is no target) is skipped with a Dutch line, not an error.

In a notebook::

    from selfcheck import ask, check, start, summary
    start("03")                                       # forget earlier results
    ask("03.kosten_per_jeugdige")                     # the question, with the years of the data
    check("03.kosten_per_jeugdige", 5565.4)           # Goed! ... / Nog niet goed: ... / Nog geen antwoord ...
    summary("03")

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
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sdlib.data.errors import MissingDataError, SdlibError

__all__ = [
    "Question",
    "QuestionBank",
    "Feedback",
    "Skipped",
    "default_path",
    "load",
    "read_questions",
    "bank",
    "ask",
    "ask_text",
    "check",
    "evaluate",
    "expected",
    "skip_reason",
    "question",
    "questions",
    "results",
    "reset",
    "start",
    "summary",
    "NO_ANSWER",
    "SKIPPED",
    "KINDS",
    "REFERENCES",
]

HERE = Path(__file__).resolve().parent

#: Marker shown when an exercise has not been answered yet (the answer is still None).
NO_ANSWER = "Nog geen antwoord"
#: Marker shown when the data of this municipality has nothing for a question.
SKIPPED = "Deze opdracht slaan we over"

#: How an answer is compared (the ``type`` of a question).
KINDS = ("number", "text", "bool", "set", "command")

_FIELDS = {
    "id",
    "title",
    "ask",
    "type",
    "tolerance",
    "expected",
    "values",
    "given",
    "aliases",
    "hint",
    "mistakes",
    "explain",
}
_REQUIRED = ("id", "title", "type", "expected", "hint")

#: The references to the data a question may use: the key that names the kind, and the other keys it allows
#: (None: the dimension columns of the series too). See the header of vragen.yml.
REFERENCES = {
    "series": None,
    "latest_year": {"measure", "complete"},
    "first_year": {"measure", "complete"},
    "incomplete_year": set(),
    "revised_year": set(),
    "publication": {"year", "which"},
    "sources": {"vintage"},
    "catalog": {"field"},
    "objective_label": set(),
    "municipality": set(),
    "indicator_year": set(),
    "indicator": {"year", "column"},
    "verdict": {"year", "direction"},
    "indicators_met": set(),
    "no_target": {"year"},
    "indicator_sentence": {"year"},
    "choices": {"parameter", "which"},
    "count_files": set(),
    "template": set(),
    "formula": set(),
}
_NEEDS = {
    "series": ("year",),
    "publication": ("year",),
    "catalog": ("field",),
    "indicator": ("year", "column"),
    "verdict": ("year",),
    "indicator_sentence": ("year",),
    "choices": ("parameter",),
}
_CHOICES_OF = {
    "publication.which": ("first", "last"),
    "choices.which": ("first", "last"),
    "indicator_year": ("first", "latest"),
    "no_target": ("year", "series"),
    "municipality": ("name", "organisation"),
    "count_files": ("data",),
    "indicator.column": ("realisatie", "begroting", "difference", "relative", "computed", "published"),
}
_SERIES_KEYS = {"series", "year", "measure", "vintage", "column"}
_ID = re.compile(r"^\d\d\.\w+$")
_NAME = re.compile(r"^\$([A-Za-z_]\w*)$")
_UNITS = ("count", "percent", "eur", "years", "score")
_FORMATS = (*_UNITS, "0", "1", "2", "3", "title", "plain", "direction", "verdict", "year", "")


class Skipped(SdlibError):
    """The data of this municipality has nothing for a question; the message says what is missing (Dutch)."""


@dataclass(frozen=True)
class Question:
    """One self-check, as read from the question file (see the header of ``vragen.yml``)."""

    id: str
    title: str
    kind: str
    expected: Any
    hint: str
    ask: str = ""
    tolerance: float = 0.0
    values: dict = field(default_factory=dict)
    given: tuple = ()
    mistakes: tuple = ()  # (answer spec, hint) pairs
    aliases: dict | str = field(default_factory=dict)
    explain: str = ""

    @property
    def notebook(self) -> str:
        """The notebook number, e.g. ``"03"``."""
        return self.id.split(".")[0]


@dataclass
class Feedback:
    """The outcome of one check: status ``goed``, ``fout``, ``leeg`` or ``overgeslagen`` and the Dutch message."""

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
        colour = {"goed": "#1b7837", "fout": "#b2182b", "leeg": "#666666", "overgeslagen": "#2166ac"}[self.status]
        icon = {"goed": "&#10004;", "fout": "&#10008;", "leeg": "&#8230;", "overgeslagen": "&#8631;"}[self.status]
        return (
            f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
            f'<span style="color:{colour};font-weight:bold">{icon}</span> {html.escape(self.message)}'
            f' <span style="color:#999;font-size:smaller">({html.escape(self.question)})</span></div>'
        )


# ---------------------------------------------------------------------------------------------------------
# Reading and checking the question file


def default_path() -> Path:
    """Return the question file beside this module: ``vragen.yml``."""
    return HERE / "vragen.yml"


def _is_number(x) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


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


def _placeholders(text: str, where: str) -> set[str]:
    """Return the names a text fills in (``{jaar}``, ``{expected:eur}``); check their formats."""
    names = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise SdlibError(
            f"{where}: tekst met een losse accolade ({exc}); schrijf {{{{ of }}}} voor een accolade"
        ) from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or conversion:
            raise SdlibError(f"{where}: {{{name}}} is geen naam uit values (schrijf {{{{ voor een accolade)")
        if spec not in _FORMATS:
            raise SdlibError(f"{where}: onbekende opmaak {{{name}:{spec}}}; gebruik een van {', '.join(_FORMATS[:-1])}")
        names.add(name)
    return names


def _names_in(spec) -> set[str]:
    """The ``$name`` references of a spec (in its values), without those of a formula."""
    found = set()
    if isinstance(spec, str):
        m = _NAME.match(spec)
        return {m.group(1)} if m else set()
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key not in ("formula", "template"):
                found |= _names_in(value)
    if isinstance(spec, list):
        for value in spec:
            found |= _names_in(value)
    return found


def _check_spec(spec, where: str, names: set[str]) -> None:
    """Check an answer spec (literal, name, reference or formula) as far as it can be checked without the data."""
    unknown = _names_in(spec) - names
    if unknown:
        raise SdlibError(
            f"{where}: ${', $'.join(sorted(unknown))} staat niet (eerder) in values; bekend: "
            f"{', '.join(sorted(names)) or 'geen'}"
        )
    if spec is None or isinstance(spec, (str, bool, int, float, list)):
        return
    if not isinstance(spec, dict):
        raise SdlibError(f"{where}: verwacht een waarde, een verwijzing of {{formula: ...}}, niet {spec!r}")
    kinds = [k for k in REFERENCES if k in spec]
    if len(kinds) != 1:
        raise SdlibError(
            f"{where}: een verwijzing heeft precies één van de sleutels {', '.join(REFERENCES)}; "
            f"gevonden: {', '.join(map(str, spec)) or 'geen'}"
        )
    kind = kinds[0]
    allowed = REFERENCES[kind]
    if allowed is not None:
        unknown = set(spec) - allowed - {kind}
        if unknown:
            raise SdlibError(
                f"{where}: onbekende sleutel(s) bij {kind}: {', '.join(sorted(map(str, unknown)))}; "
                f"toegestaan: {', '.join(sorted(allowed)) or 'geen'}"
            )
    for needed in _NEEDS.get(kind, ()):
        if needed not in spec:
            raise SdlibError(f"{where}: een verwijzing {kind} noemt een {needed}")
    for key, options in _CHOICES_OF.items():
        ref, _, sub = key.partition(".")
        value = spec.get(sub or ref) if ref == kind else None
        if value is not None and not _NAME.match(str(value)) and value not in options:
            raise SdlibError(f"{where}: {sub or ref}: {value!r} is onbekend; gebruik een van {', '.join(options)}")
    if kind == "formula":
        unknown = _formula_names(spec["formula"], where) - names
        if unknown:
            raise SdlibError(
                f"{where}: formule {spec['formula']!r} gebruikt onbekende naam/namen "
                f"{', '.join(sorted(unknown))}; bekend: {', '.join(sorted(names)) or 'geen'}"
            )
    if kind == "template":
        unknown = _placeholders(str(spec["template"]), where) - names
        if unknown:
            raise SdlibError(f"{where}: {{{', '.join(sorted(unknown))}}} staat niet in values")


def _texts_checked(q: dict, where: str, names: set[str], given: set[str]) -> None:
    for key in ("ask", "hint", "explain"):
        allowed = names | {"expected"} | (given if key == "ask" else set())
        if key == "ask":
            allowed -= {"expected"}  # the question never names its answer
        unknown = _placeholders(str(q.get(key) or ""), f"{where}, {key}") - allowed
        if unknown:
            raise SdlibError(
                f"{where}, {key}: {{{', '.join(sorted(unknown))}}} staat niet in values"
                + (" of given" if key == "ask" else "")
            )


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
        raise SdlibError(f"{where}: id {qid!r} heeft niet de vorm '<notebook>.<naam>', zoals \"03.index\"")
    if raw["type"] not in KINDS:
        raise SdlibError(f"{where}: type {raw['type']!r} is onbekend; gebruik een van {', '.join(KINDS)}")
    values = raw.get("values") or {}
    if not isinstance(values, dict):
        raise SdlibError(f"{where}: values is een mapping van naam naar verwijzing, formule of getal")
    given = raw.get("given") or []
    if not isinstance(given, list) or not all(isinstance(g, str) and g.isidentifier() for g in given):
        raise SdlibError(f"{where}: given is een lijst met namen die het notebook aan ask(...) meegeeft")
    names: set[str] = set()
    for name, spec in values.items():
        if not str(name).isidentifier() or name == "expected" or name in given:
            raise SdlibError(f"{where}: {name!r} kan geen naam in values zijn")
        _check_spec(spec, f"{where}, values.{name}", names)
        names.add(name)
    _check_spec(raw["expected"], f"{where}, expected", names)
    mistakes = []
    for i, m in enumerate(raw.get("mistakes") or [], start=1):
        if not isinstance(m, dict) or set(m) != {"answer", "hint"}:
            raise SdlibError(f"{where}, mistakes {i}: verwacht de sleutels answer en hint")
        _check_spec(m["answer"], f"{where}, mistakes {i}", names | {"expected"})
        unknown = _placeholders(str(m["hint"]), f"{where}, mistakes {i}") - names - {"expected"}
        if unknown:
            raise SdlibError(f"{where}, mistakes {i}: {{{', '.join(sorted(unknown))}}} staat niet in values")
        mistakes.append((m["answer"], str(m["hint"]).strip()))
    _texts_checked(raw, where, names, set(given))
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
        given=tuple(given),
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
# Resolving references through the public sdlib API. A resolved value keeps its kind, for the texts:
# ("series", id) a figure printed as its series prints it, ("year",), ("source",), ("verdict",), or None.


class _Resolver:
    """Resolves the references of one question bank; remembers loaded series and indicator tables."""

    def __init__(self):
        self._rows: dict = {}
        self._tables: dict = {}

    def clear(self) -> None:
        self._rows.clear()
        self._tables.clear()

    # --- the data, through sdlib

    def rows(self, sid: str, vintage: str = "latest"):
        import sdlib

        if sid not in sdlib.series_ids():
            raise Skipped(f"de reeks {sid} staat niet in de gegevens van deze gemeente")
        key = (sid, vintage)
        if key not in self._rows:
            self._rows[key] = sdlib.load(sid, vintage=vintage)
        return self._rows[key]

    def table(self, year: int):
        from sdlib.calc.indicators import table

        if year not in self._tables:
            self._tables[year] = table(int(year))
        return self._tables[year]

    def indicator_row(self, sid: str, year: int):
        tab = self.table(year)
        found = tab[tab["id"] == sid]
        if found.empty:
            raise Skipped(f"{sid} is geen indicator in de gegevens van deze gemeente")
        return found.iloc[0]

    # --- one reference

    def resolve(self, spec, where: str, env: dict, kinds: dict):
        """Return (value, kind) of an answer spec: a literal, a $name, a reference to the data or a formula."""
        if isinstance(spec, str) and _NAME.match(spec):
            name = _NAME.match(spec).group(1)
            return env[name], kinds.get(name)
        if isinstance(spec, list):
            return {str(x).strip().casefold() for x in spec}, None
        if not isinstance(spec, dict):
            return spec, None
        kind = next(k for k in REFERENCES if k in spec)
        args = {k: self._arg(v, env) for k, v in spec.items() if k not in ("formula", "template")}
        return getattr(self, f"_{kind}")(spec, args, where, env, kinds)

    @staticmethod
    def _arg(value, env):
        if isinstance(value, str) and _NAME.match(value):
            return env[_NAME.match(value).group(1)]
        if isinstance(value, list):
            return [_Resolver._arg(v, env) for v in value]
        return value

    def _series(self, spec, a, where, env, kinds):
        from sdlib.calc.figures import figure

        rows = self.rows(a["series"], a.get("vintage", "latest"))
        column = a.get("column", "value")
        dims = {k: v for k, v in a.items() if k not in _SERIES_KEYS}
        for col in dims:
            if col not in rows.columns:
                raise SdlibError(f"{where}: reeks {a['series']} heeft geen kolom {col!r}")
        if column not in ("value", "source"):
            raise SdlibError(f"{where}: column is value of source, niet {column!r}")
        found = figure(rows, year=int(a["year"]), measure=a.get("measure", "realisatie"), **dims)
        if column == "source":
            return found.source, ("source",)
        return found.value, ("series", a["series"])

    def _years(self, a, where) -> list[int]:
        from sdlib.calc.periods import years_with

        ids = a.get("latest_year") or a.get("first_year")
        ids = [ids] if isinstance(ids, str) else list(ids)
        measures = a.get("measure", "realisatie")
        measures = [measures] if isinstance(measures, str) else list(measures)
        common = None
        for sid in ids:
            rows = self.rows(sid)
            for m in measures:
                found = set(years_with(rows, measure=m, complete=bool(a.get("complete"))))
                common = found if common is None else common & found
        if not common:
            what = "hele jaren" if a.get("complete") else "jaren"
            raise Skipped(f"{' en '.join(ids)} heeft geen {what} met een {' en een '.join(measures)}")
        return sorted(common)

    def _latest_year(self, spec, a, where, env, kinds):
        return self._years(a, where)[-1], ("year",)

    def _first_year(self, spec, a, where, env, kinds):
        return self._years(a, where)[0], ("year",)

    def _incomplete_year(self, spec, a, where, env, kinds):
        from sdlib.calc.periods import span

        year = span(self.rows(a["incomplete_year"])).incomplete_year
        if year is None:
            raise Skipped(f"alle jaren van {a['incomplete_year']} zijn hele jaren (geen peildatum binnen het jaar)")
        return year, ("year",)

    def _revised_year(self, spec, a, where, env, kinds):
        from sdlib.calc.figures import revised_years

        years = revised_years(self.rows(a["revised_year"], "all"))
        if not years:
            raise Skipped(
                f"in deze gegevens heeft geen latere publicatie een cijfer van {a['revised_year']} herzien "
                "(elk jaar staat er één keer in)"
            )
        return years[0], ("year",)

    def _publication(self, spec, a, where, env, kinds):
        from sdlib.calc.figures import publications

        found = publications(self.rows(a["publication"], "all"), year=int(a["year"]))
        if not found:
            raise MissingDataError(f"geen publicatie met een cijfer over {a['year']}")
        return found[0 if a.get("which", "first") == "first" else -1].source, ("source",)

    def _sources(self, spec, a, where, env, kinds):
        rows = self.rows(a["sources"], a.get("vintage", "latest"))
        return {str(s).casefold() for s in rows["source"]}, ("sources",)

    def _catalog(self, spec, a, where, env, kinds):
        import sdlib

        if a["catalog"] not in sdlib.series_ids():
            raise Skipped(f"de reeks {a['catalog']} staat niet in de gegevens van deze gemeente")
        meta = sdlib.series_meta(a["catalog"])
        if a["field"] not in meta:
            raise SdlibError(f"{where}: de catalogus kent geen veld {a['field']!r} bij {a['catalog']}")
        return meta[a["field"]], None

    def _objective_label(self, spec, a, where, env, kinds):
        from sdlib.data.catalog import objective_labels

        labels = objective_labels()
        if str(a["objective_label"]) not in labels:
            raise Skipped(f"de catalogus kent geen doelstelling {a['objective_label']}")
        return labels[str(a["objective_label"])], None

    def _municipality(self, spec, a, where, env, kinds):
        from sdlib.data.config import municipality

        return getattr(municipality(), a["municipality"]), None

    def _indicator_year(self, spec, a, where, env, kinds):
        from sdlib.calc.indicators import indicator_years

        years = indicator_years()
        if not years:
            raise Skipped("geen indicator heeft een begroting en een realisatie in hetzelfde jaar")
        return (years[-1] if a["indicator_year"] == "latest" else years[0]), ("year",)

    def _indicator(self, spec, a, where, env, kinds):
        row = self.indicator_row(a["indicator"], int(a["year"]))
        column = a["column"]
        value = _as_scalar(row[column])
        value = None if value is None or (isinstance(value, float) and math.isnan(value)) else value
        if value is None and column in ("realisatie", "begroting", "difference", "relative"):
            raise Skipped(f"{a['indicator']} heeft over {a['year']} geen {column}")
        kind = {"computed": ("verdict",), "published": ("verdict",), "relative": None}.get(
            column, ("series", a["indicator"])
        )
        return (bool(value) if kind == ("verdict",) and value is not None else value), kind

    def _verdict(self, spec, a, where, env, kinds):
        from sdlib.calc.indicators import no_target, verdict

        row = self.indicator_row(a["verdict"], int(a["year"]))
        if "direction" not in a:  # the verdict of sdlib.calc.indicators.table, as every report shows it
            value = row["computed"]
            return (None if value is None or value != value else bool(value)), ("verdict",)
        # another direction: the same rule (sdlib.calc.indicators.verdict) on the table's printed values
        if no_target(row["begroting"], a["direction"]):
            return None, ("verdict",)
        found = verdict(row["realisatie"], row["begroting"], a["direction"], tolerance_pct=row["tolerance_pct"])
        return (None if found is None else bool(found)), ("verdict",)

    def _indicators_met(self, spec, a, where, env, kinds):
        computed = self.table(int(a["indicators_met"]))["computed"]
        return sum(1 for v in computed if v is not None and v == v and bool(v)), None  # None: no verdict

    def _no_target(self, spec, a, where, env, kinds):
        from sdlib.calc.indicators import indicator_years

        years = [int(a["year"])] if "year" in a else indicator_years()
        for year in years:
            tab = self.table(year)
            found = tab[tab["no_target"].astype(bool)]
            if len(found):
                if a["no_target"] == "year":
                    return year, ("year",)
                return found["id"].iloc[0], None
        raise Skipped("geen indicator heeft een begroting die geen doel is (0 bij een indicator waar hoger beter is)")

    def _indicator_sentence(self, spec, a, where, env, kinds):
        from sdlib.present.indicators import sentence

        year = int(a["year"])
        return sentence(self.indicator_row(a["indicator_sentence"], year), year), None

    def _choices(self, spec, a, where, env, kinds):
        """The valid values of a report parameter: the provider its notebook's metadata names (plain JSON)."""
        from sdlib.calc.choices import PROVIDERS
        from sdlib.data import paths
        from sdlib.data.contract import parameter_specs

        path = paths.notebooks_dir() / "reports" / f"{a['choices']}.ipynb"
        try:
            metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        except FileNotFoundError:
            raise SdlibError(f"{where}: rapport {a['choices']} niet gevonden ({path})") from None
        specs = parameter_specs(metadata)
        if a["parameter"] not in specs or specs[a["parameter"]].provider not in PROVIDERS:
            raise SdlibError(f"{where}: {a['choices']} noemt geen keuzefunctie voor {a['parameter']}")
        choice = specs[a["parameter"]]
        which = a.get("which", "last")
        provider = choice.latest if which == "last" and isinstance(choice.latest, str) else choice.provider
        options = list(PROVIDERS[provider](*choice.args))
        if not options:
            raise MissingDataError(f"geen geldige waarden voor {a['parameter']} van {a['choices']}")
        value = options[-1] if which == "last" else options[0]
        return value, (("year",) if isinstance(value, int) else None)

    def _count_files(self, spec, a, where, env, kinds):
        from sdlib.data import paths

        return sum(1 for p in paths.data_dir().rglob("*") if p.is_file()), None

    def _template(self, spec, a, where, env, kinds):
        return _fill(str(spec["template"]), env, kinds), None

    def _formula(self, spec, a, where, env, kinds):
        tree = ast.parse(str(spec["formula"]), mode="eval")
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        value = _calculate(tree, env)
        year_like = bool(used) and all(kinds.get(n) == ("year",) for n in used) and float(value).is_integer()
        return (int(value), ("year",)) if year_like else (value, None)


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


# ---------------------------------------------------------------------------------------------------------
# Texts: {name} and {name:format} filled with the resolved values, printed by the library's own formats


class _Texts(string.Formatter):
    def __init__(self, kinds: dict):
        super().__init__()
        self.kinds = kinds

    def get_field(self, field_name, args, kwargs):
        return (field_name, kwargs[field_name]), field_name

    def format_field(self, pair, spec):
        name, value = pair
        return _shown(value, self.kinds.get(name), spec)


def _shown(value, kind, spec: str = "") -> str:
    """A value as a reader sees it in a Dutch sentence."""
    from sdlib.data.catalog import DIRECTIONS
    from sdlib.present.fmt import fmt_number
    from sdlib.present.sentences import printed

    if spec == "verdict" or (not spec and kind == ("verdict",)):
        return {True: "gehaald", False: "niet gehaald"}.get(value, "geen oordeel mogelijk")
    if spec == "direction":
        return DIRECTIONS.get(value, str(value))
    if spec == "title":
        from sdlib.present.provenance import source_title

        return source_title(value)
    if spec == "plain":
        return _plain(value)
    if spec == "year" or (not spec and kind == ("year",)):
        return str(int(value))
    if not spec and kind == ("given",):  # chosen by the notebook (a year of its own extract): as it is
        return str(value)
    if spec in _UNITS:
        return printed(value, unit=spec)
    if spec in ("0", "1", "2", "3"):
        return fmt_number(value, int(spec))
    if kind and kind[0] == "series" and _is_number(value):
        return printed(value, series=kind[1])
    if isinstance(value, (set, frozenset, list, tuple)):
        return ", ".join(sorted(str(v) for v in value))
    if _is_number(value):
        return fmt_number(value, 0 if float(value).is_integer() else 1)
    return str(value)


def _fill(text: str, env: dict, kinds: dict) -> str:
    return _Texts(kinds).vformat(text, (), env) if text else text


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


def _close(a, b, tol: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=max(tol, 1e-9))


def _plain(x) -> str:
    """A number the way it is typed in Python: 5565.25, -92186000, 45.9."""
    if not _is_number(x):
        return str(x)
    return f"{x:.10g}" if abs(x) < 1e15 else repr(x)


def _comma_number(answer) -> tuple[str, str] | None:
    """For ``45,0`` typed without quotes (two numbers in Python): what was typed and the number meant."""
    if not (isinstance(answer, tuple) and len(answer) == 2 and all(_is_number(x) for x in answer)):
        return None
    whole, decimals = answer
    if isinstance(whole, int) and isinstance(decimals, int) and decimals >= 0:
        return f"{whole},{decimals}", f"{whole}.{decimals}"
    return None


def _thousands_point(answer, exp, tol: float) -> tuple[str, str] | None:
    """For ``1.250`` typed as a number (one point two five in Python) where 1250 is meant: (typed, meant)."""
    if not isinstance(answer, float) or not _is_number(exp) or math.isnan(answer):
        return None
    if answer.is_integer() or abs(answer) >= 1000:  # 1.250 is 1.25; 1250.0 or 1234.5 has no thousands point
        return None
    typed = f"{answer:.3f}"  # what was typed: 1.250 (Python keeps it as 1.25)
    if float(typed) != answer:
        return None  # more than three decimals: no thousands point
    meant = int(typed.replace(".", ""))  # the digits without the point: 1250
    if not _close(meant, exp, max(tol, 0.5)):
        return None
    return typed, str(meant)


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


class _Check:
    """One comparison: the question, its resolved values (env, kinds) and the right answer."""

    def __init__(self, bank: QuestionBank, q: Question, env: dict, kinds: dict, exp):
        self.bank, self.q, self.env, self.kinds, self.exp = bank, q, env, kinds, exp

    def text(self, template: str) -> str:
        return _fill(template, {**self.env, "expected": self.exp}, self.kinds)

    @property
    def hint(self) -> str:
        return self.text(self.q.hint)

    def mistakes(self):
        env, kinds = {**self.env, "expected": self.exp}, {**self.kinds, "expected": self.kinds.get("expected")}
        for spec, message in self.q.mistakes:
            wrong, _ = self.bank._resolver.resolve(spec, self.q.id, env, kinds)
            yield wrong, self.text(message)

    # --- per type

    def number(self, answer) -> tuple[bool, str]:
        q, exp = self.q, self.exp
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
            return (
                False,
                f"je antwoord is NaN (geen getal): waarschijnlijk leverde je filter geen rij op. Verder: {self.hint}",
            )
        if _close(answer, exp, q.tolerance):
            return True, ""
        point = _thousands_point(answer, exp, q.tolerance)
        if point:
            return False, (
                f"je schreef {point[0]}: in Python is de punt een decimaalteken, geen duizendtallenpunt. "
                f"Schrijf {point[1]}, niet {point[0]}."
            )
        for wrong, message in self.mistakes():
            if _is_number(wrong) and _close(answer, wrong, max(q.tolerance, abs(float(wrong)) * 1e-3)):
                return False, message
        return False, self.hint

    def _aliases(self) -> dict:
        if self.q.aliases == "sources":
            from sdlib.data.catalog import read_sources

            return {s["short_title"].casefold(): sid for sid, s in read_sources().items()}
        return self.q.aliases

    def _matches(self, answer, exp) -> bool:
        given = _norm_text(answer).replace("doelstelling ", "").replace(",", ".").removesuffix(".pdf")
        given = self._aliases().get(given, given)
        return given == _norm_text(exp)

    def text_answer(self, answer) -> tuple[bool, str]:
        exp = self.exp
        typed = _comma_number(answer)
        if typed:
            right = self._matches(typed[1], exp)
            return False, (
                f"je schreef {typed[0]} zonder aanhalingstekens: in Python is dat geen tekst. Schrijf "
                f'"{typed[1]}" (tussen aanhalingstekens).' + ("" if right else f" Verder: {self.hint}")
            )
        if not isinstance(answer, str):
            if _is_number(answer) and self._matches(_plain(answer), exp):
                return (
                    False,
                    f'de waarde klopt, maar het antwoord is tekst: schrijf "{_plain(answer)}" (tussen aanhalingstekens).',
                )
            return (
                False,
                f"het antwoord is tekst: zet het tussen aanhalingstekens. Ook de waarde klopt nog niet: {self.hint}",
            )
        if self._matches(answer, exp):
            return True, ""
        for wrong, message in self.mistakes():
            if wrong is not None and self._matches(answer, wrong):
                return False, message
        return False, self.hint

    def bool_answer(self, answer) -> tuple[bool, str]:
        if isinstance(answer, str):
            said = _norm_text(answer)
            if said in {"ja", "true", "gehaald", "doel gehaald"}:
                answer = True
            elif said in {"nee", "false", "niet gehaald", "doel niet gehaald"}:
                answer = False
            elif said in _NO_VERDICT:
                answer = _NO_VERDICT_ANSWER
        if type(answer).__name__ == "bool_":  # numpy bool
            answer = bool(answer)
        if not (isinstance(answer, bool) or answer == _NO_VERDICT_ANSWER):
            return (
                False,
                'antwoord met True of False (of "Ja"/"Nee"), of met "geen oordeel" als er geen oordeel mogelijk is.',
            )
        if (self.exp is None and answer == _NO_VERDICT_ANSWER) or (isinstance(answer, bool) and answer is self.exp):
            return True, ""
        for wrong, message in self.mistakes():
            if isinstance(answer, bool) and wrong is answer:
                return False, message
        return False, self.hint

    def set_answer(self, answer) -> tuple[bool, str]:
        if isinstance(answer, str):
            parts = [p.strip(" '\"[]") for p in re.split(r"[,;\s]+", answer.strip()) if p.strip(" '\"[]")]
            if len(parts) > 1:
                example = ", ".join(f'"{p}"' for p in parts)
                return False, f'je gaf tekst ("{answer}"), geen lijst. Geef een lijst, zoals [{example}].'
            answer = parts
        if isinstance(answer, dict) or not hasattr(answer, "__iter__"):
            return False, "geef het antwoord als lijst tussen [ en ], met elk element tussen aanhalingstekens."
        aliases = self._aliases()
        given = set()
        for x in answer:
            key = str(x).strip().casefold()
            given.add(aliases.get(key, key))
        exp = self.exp
        if given == exp:
            return True, ""
        missing, extra = len(exp - given), len(given - exp)
        parts = []
        if missing:
            parts.append(f"er {'ontbreekt' if missing == 1 else 'ontbreken'} {missing}")
        if extra:
            parts.append(f"{extra} {'hoort' if extra == 1 else 'horen'} er niet bij")
        return False, f"{' en '.join(parts)}; {self.hint}"

    def command(self, answer) -> tuple[bool, str]:
        if not isinstance(answer, str):
            return False, f"geef het commando als tekst, tussen aanhalingstekens. Verder: {self.hint}"
        return _norm_command(answer) == _norm_command(self.exp), self.hint


_NO_VERDICT = {"geen oordeel", "geen oordeel mogelijk", "geen doel", "geen", "none", "onbekend"}
_NO_VERDICT_ANSWER = "geen oordeel"
_COMPARE = {
    "number": _Check.number,
    "text": _Check.text_answer,
    "bool": _Check.bool_answer,
    "set": _Check.set_answer,
    "command": _Check.command,
}


def _norm_text(x) -> str:
    return re.sub(r"\s+", " ", str(x)).strip().strip("'\"").casefold()


def _norm_command(text: str) -> str:
    text = _norm_text(text).lstrip("!$ ")
    for prefix in (".venv/bin/", "python -m ", ".venv/bin/python -m "):
        text = text.removeprefix(prefix)
    return re.sub(r"-p\s+", "-p ", text).replace(" = ", "=")


# ---------------------------------------------------------------------------------------------------------
# A question bank and the results of one learner


class QuestionBank:
    """The questions of one file and the last result per question (``goed``, ``fout``, ``leeg``, ``overgeslagen``)."""

    def __init__(self, questions: list[Question], path: Path | None = None):
        self.path = path
        self._questions = {q.id: q for q in questions}
        self._results: dict[str, str] = {}
        self._resolved: dict[str, tuple] = {}
        self._resolver = _Resolver()

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

    # --- resolving

    def _resolve(self, q: Question) -> tuple[dict, dict, Any]:
        """Return (values, kinds, right answer) of a question; raise Skipped when the data has nothing for it."""
        if q.id not in self._resolved:
            try:
                env, kinds = {}, {}
                for name, spec in q.values.items():
                    env[name], kinds[name] = self._resolver.resolve(spec, f"{q.id}, values.{name}", env, kinds)
                exp, kinds["expected"] = self._resolver.resolve(q.expected, f"{q.id}, expected", env, kinds)
                self._resolved[q.id] = ("ok", env, kinds, exp)
            except Skipped as exc:
                self._resolved[q.id] = ("skip", str(exc))
            except MissingDataError as exc:  # the library's Dutch message: nothing for this question in the data
                self._resolved[q.id] = ("skip", str(exc).rstrip("."))
        found = self._resolved[q.id]
        if found[0] == "skip":
            raise Skipped(found[1])
        return found[1], found[2], found[3]

    def skip_reason(self, question_id: str) -> str | None:
        """Return why a question is skipped for these data (Dutch), or None when it can be asked."""
        try:
            self._resolve(self.question(question_id))
        except Skipped as exc:
            return str(exc)
        return None

    def expected(self, question_id: str):
        """Return the right answer of a question, resolved from the data; raise Skipped when there is none."""
        return self._resolve(self.question(question_id))[2]

    def ask_text(self, question_id: str, **given) -> str:
        """Return the question as the learner reads it, with the years and names of the data filled in."""
        q = self.question(question_id)
        missing = [g for g in q.given if g not in given]
        if missing:
            raise TypeError(f"ask({question_id!r}) heeft ook {', '.join(f'{g}=...' for g in missing)} nodig")
        try:
            env, kinds, _ = self._resolve(q)
        except Skipped as exc:
            return f"{SKIPPED}: {exc}."
        return _fill(q.ask or q.title, {**env, **given}, {**kinds, **dict.fromkeys(given, ("given",))})

    def evaluate(self, question_id: str, answer) -> Feedback:
        """Compare an answer with the right one and return the Dutch feedback, without showing it."""
        q = self.question(question_id)
        try:
            env, kinds, exp = self._resolve(q)
        except Skipped as exc:
            return Feedback(question_id, "overgeslagen", f"{SKIPPED}: {exc}.")
        if answer is None or answer is Ellipsis:
            return Feedback(
                question_id,
                "leeg",
                f"{NO_ANSWER}: vul je antwoord in op de plaats van None en voer de cel opnieuw uit.",
            )
        judge = _Check(self, q, env, kinds, exp)
        ok, hint = _COMPARE[q.kind](judge, _as_scalar(answer))
        if ok:
            return Feedback(question_id, "goed", f"Goed! {judge.text(q.explain)}".strip())
        return Feedback(question_id, "fout", f"Nog niet goed: {hint}")

    def ask(self, question_id: str, *, show: bool = True, **given) -> str:
        """Show the question (or why it is skipped) and return its text."""
        text = self.ask_text(question_id, **given)
        if show:
            _show_question(question_id, text)
        return text

    def check(self, question_id: str, answer, *, show: bool = True) -> bool:
        """Check an answer, keep the result, show the feedback and return whether it is right."""
        fb = self.evaluate(question_id, answer)
        self._results[question_id] = fb.status
        if show:
            _show(fb, {"question": question_id, "status": fb.status})
        return fb.ok

    def results(self) -> dict[str, str]:
        """Return the last result per question id: ``goed``, ``fout``, ``leeg`` or ``overgeslagen``."""
        return dict(self._results)

    def reset(self) -> None:
        """Forget all results and every resolved answer (the data may have changed)."""
        self._results.clear()
        self._resolved.clear()
        self._resolver.clear()

    def summary(self, notebook: str, *, show: bool = True) -> dict:
        """Show and return how far a notebook's self-checks are.

        Returns ``{"notebook", "total", "goed", "fout", "leeg", "overgeslagen"}``; a question not checked yet
        counts as ``leeg`` (or ``overgeslagen`` when the data has nothing for it).
        """
        ids = self.questions(notebook)
        out = {"notebook": notebook, "total": len(ids), "goed": [], "fout": [], "leeg": [], "overgeslagen": []}
        for qid in ids:
            status = self._results.get(qid) or ("overgeslagen" if self.skip_reason(qid) else "leeg")
            out[status].append(qid)
        if show:
            n, asked = len(out["goed"]), len(ids) - len(out["overgeslagen"])
            skipped = len(out["overgeslagen"])
            tail = (
                f" {skipped} {'opdracht is' if skipped == 1 else 'opdrachten zijn'} overgeslagen: de gegevens van "
                "deze gemeente hebben er geen cijfers voor."
                if skipped
                else ""
            )
            if n == asked:
                text = f"Alle {n} zelftoetsen van notebook {notebook} zijn goed. Goed gedaan!{tail}"
                status = "goed"
            else:
                open_ = [f"{self._questions[q].title} ({q})" for q in out["fout"] + out["leeg"]]
                text = f"{n} van {asked} zelftoetsen van notebook {notebook} goed. Nog open: " + "; ".join(open_) + "."
                text += tail
                status = "fout" if out["fout"] else "leeg"
            _show(Feedback(f"samenvatting {notebook}", status, text), {"summary": out})
        return out


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return False
    return get_ipython() is not None


def _show(feedback: Feedback, record: dict) -> None:
    if not _in_notebook():
        print(feedback.message)
        return
    from IPython.display import display

    display(feedback, metadata={"sdlib_training": record})


def _show_question(question_id: str, text: str) -> None:
    if not _in_notebook():
        print(f"Vraag: {text}")
        return
    from IPython.display import Markdown, display

    display(Markdown(f"**Vraag:** {text}"), metadata={"sdlib_training": {"ask": question_id}})


# ---------------------------------------------------------------------------------------------------------
# The question file in use (what the notebooks call)

_BANK: QuestionBank | None = None


def load(path: str | Path | None = None) -> QuestionBank:
    """Read a question file (default ``vragen.yml`` beside this module) and use it for :func:`check`."""
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
    """Return the right answer of a question (raises :class:`Skipped` when the data has nothing for it)."""
    return bank().expected(question_id)


def skip_reason(question_id: str) -> str | None:
    """Return why a question is skipped for these data (Dutch), or None."""
    return bank().skip_reason(question_id)


def evaluate(question_id: str, answer) -> Feedback:
    """Compare an answer with the right one and return the Dutch feedback, without showing it."""
    return bank().evaluate(question_id, answer)


def ask(question_id: str, **given) -> None:
    """Show a question with the years and names of the data filled in (or why it is skipped).

    ``given`` are values the notebook itself chose (the question file lists them under ``given``), such as the
    years of notebook 02's invented extract. Returns nothing, so a notebook cell shows the question once.
    """
    bank().ask(question_id, **given)


def ask_text(question_id: str, **given) -> str:
    """Return the question as the learner reads it (what :func:`ask` shows), without showing it."""
    return bank().ask_text(question_id, **given)


def check(question_id: str, answer, *, show: bool = True) -> bool:
    """Check an answer, show Dutch feedback and return whether it is right.

    Parameters
    ----------
    question_id : str
        For example ``"03.kosten_per_jeugdige"``.
    answer : object
        The learner's answer; ``None`` means not answered yet (a friendly message, no error).
    show : bool, default True
        Display the feedback (in a notebook) or print it (elsewhere).

    Returns
    -------
    bool
        True when the answer is right. The result is also kept for :func:`summary`. A question whose data the
        municipality lacks says so and counts as ``overgeslagen``.
    """
    return bank().check(question_id, answer, show=show)


def results() -> dict[str, str]:
    """Return the last result per question id: ``goed``, ``fout``, ``leeg`` or ``overgeslagen``."""
    return bank().results()


def reset() -> None:
    """Forget all results (for example at the top of a notebook)."""
    bank().reset()


def start(notebook: str) -> None:
    """Begin a notebook: forget earlier results, and say so when the learner works in the shared folder.

    The shared notebooks in ``notebooks/training/`` are tracked by git; ``make training`` copies them into a
    personal folder that git ignores, so answers never end up in a tracked file.
    """
    reset()
    if HERE.name == "training" and (HERE.parent / "reports").is_dir():
        print(
            f"Let op: je werkt in de gedeelde map {HERE.parent.name}/{HERE.name}/. Maak je eigen kopie met "
            "'make training' en open notebook " + notebook + " in notebooks/mijn_training/: daar blijven je "
            "antwoorden buiten git."
        )


def summary(notebook: str, *, show: bool = True) -> dict:
    """Show and return how far a notebook's self-checks are (see :meth:`QuestionBank.summary`)."""
    return bank().summary(notebook, show=show)
