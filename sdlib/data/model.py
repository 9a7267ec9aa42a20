"""The catalog as typed metadata: every field of ``data/catalog.yml`` defined once, here (in the spirit of PUDL).

``sdlib.data.catalog`` reads the YAML file and checks it (file, line and column in Dutch); this module says what
each field is. The models forbid unknown fields, so a typo such as ``decimal: 1`` is an error, not a silent
default. Code reads the catalog through :func:`sdlib.data.catalog.entry` (one series) and
:func:`sdlib.data.catalog.model` (the whole catalog), which return these objects.

======================  ==================================================================================
``Series``              one series: what it means, its unit, printed decimals, direction, verdicts, breaks,
                        and how reports name it (``label`` in a legend, ``subject`` in a sentence)
``Unit``                a unit: its Dutch name, its allowed range and the decimals a value is printed with
``Dimension``           a breakdown (care type, month, ...): its allowed values, their labels and colours
``Topic``               a group of series that a report shows together, with the question it answers
``Catalog``             everything above, plus themes, the programme and its objectives, measures and terms
======================  ==================================================================================
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

__all__ = [
    "Series",
    "Unit",
    "Dimension",
    "Topic",
    "Verdict",
    "Break",
    "Programme",
    "Catalog",
    "ValidationError",
    "DIRECTIONS",
    "HEX_COLOUR",
    "dutch_errors",
]

DIRECTIONS = ("higher", "lower", "on_target")
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # YAML gives types; no "2021" for 2021


class Unit(_Strict):
    """A unit of measurement (``count``, ``percent``, ``eur``, ``years``, ``score``)."""

    title: str  # the Dutch name: "aantal", "procent"
    min: float | None = None
    max: float | None = None
    integer: bool = False  # values must be whole numbers
    decimals: int = Field(0, ge=0, le=3)  # printed decimals of a series of this unit that names none


class Verdict(_Strict):
    """A 'Doel gehaald' verdict as a document printed it."""

    year: int
    achieved: bool
    source: str
    table: str | None = None


class Break(_Strict):
    """A series break: from ``year`` on the figures are not comparable with the years before."""

    year: int
    note: str = Field(min_length=1)


class Dimension(_Strict):
    """A breakdown of a series: its allowed values, in order, and how readers see them."""

    title: str
    values: list[str | int] = Field(min_length=1)
    labels: dict[str, str] = {}  # value -> label shown to readers (default: the value itself)
    colours: dict[str, str] = {}  # value -> house colour (#RRGGBB), the same in every chart

    @field_validator("labels", "colours", mode="before")
    @classmethod
    def _keys_as_text(cls, value):
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value

    @model_validator(mode="after")
    def _known_values(self):
        known = {str(v) for v in self.values}
        for field in ("labels", "colours"):
            unknown = [k for k in getattr(self, field) if k not in known]
            if unknown:
                raise ValueError(f"'{field}' noemt {unknown[0]!r}, geen waarde van deze dimensie")
        bad = [c for c in self.colours.values() if not HEX_COLOUR.match(c)]
        if bad:
            raise ValueError(f"kleur {bad[0]!r} is geen kleur als #0072B2")
        return self

    def label(self, value) -> str:
        return self.labels.get(str(value), str(value))


class Topic(_Strict):
    """A group of series that a report shows together (its series name it in their ``topic`` field)."""

    title: str  # as a heading: "Instroom, doorstroom en uitstroom"
    question: str | None = None  # the question a council member asks, opening the report or section
    objective: str | None = None  # the doelstelling of the programme whose money belongs to this topic


class Programme(_Strict):
    id: str
    title: str


class Series(_Strict):
    """One series of figures (or, with ``records_only``, one that only the record engine computes)."""

    title: str
    definition: str
    unit: str
    decimals: int | None = Field(None, ge=0, le=3)  # as the documents print the values; None: the unit's
    theme: str
    objective: str | None = None
    direction: Literal["higher", "lower", "on_target"] | None = None
    direction_source: str | None = None  # where the direction comes from: a document's words, or "eigen keuze"
    tolerance_pct: float | None = Field(None, gt=0, le=50)  # 'on_target': met within this percentage
    tolerance_source: str | None = None  # who set the tolerance: a document, or "eigen berekening"
    indicator: bool = False
    dimensions: list[str] = []
    verdicts: list[Verdict] = []
    breaks: list[Break] = []
    caveat: str | None = None  # what a reader must know before comparing its years (said beside a comparison)
    caveat_head: str | None = None  # the caveat in a few words, for the bold head of a move ("2024 mogelijk anders
    # geteld"): a reader who scans the heads must not take a move for certain that the caveat doubts
    period_note: str | None = None  # what the years of its figures are when the document does not say it plainly
    printed_title: str | None = None
    records_only: bool = False
    in_reports: bool = True  # False: transcribed, but shown in no report of the pack (left out of the glossary)
    min: float | None = None
    max: float | None = None
    label: str | None = None  # short name in a legend or table column: "instroom"
    subject: str | None = None  # noun phrase in a sentence: "de instroom in de jeugdhulp"
    topic: str | None = None
    colour: str | None = None

    @field_validator("colour")
    @classmethod
    def _colour(cls, value):
        if value is not None and not HEX_COLOUR.match(value):
            raise ValueError(f"kleur {value!r} is geen kleur als #0072B2")
        return value

    @model_validator(mode="after")
    def _tolerance(self):
        if self.direction == "on_target" and self.tolerance_pct is None:
            raise ValueError(
                "richting 'on_target' heeft 'tolerance_pct' nodig: binnen hoeveel procent van de "
                "begroting het doel gehaald is"
            )
        if self.tolerance_pct is not None and self.direction != "on_target":
            raise ValueError("'tolerance_pct' hoort alleen bij richting 'on_target'")
        return self

    @property
    def short(self) -> str:
        """How a legend or a table column names the series."""
        return self.label or self.title

    @property
    def phrase(self) -> str:
        """How a sentence names the series (lower case, with article): 'de instroom in de jeugdhulp'."""
        return self.subject or f"het cijfer '{self.title}'"


class Catalog(_Strict):
    """The whole catalog."""

    units: dict[str, Unit]
    themes: dict[str, str]
    programme: Programme | None = None
    objectives: dict[str, str] = {}
    measures: dict[str, str]
    dimensions: dict[str, Dimension] = {}
    topics: dict[str, Topic] = {}
    series: dict[str, Series]
    terms: dict[str, str] = {}  # the glossary of the council pack
    reading_terms: dict[str, str] = {}  # how to read the reports (own work, [sic]): above the terms, not among them
    record_terms: dict[str, str] = {}  # the terms of the record-level figures (the analysts' report)

    def reference_problems(self) -> list[tuple[str, str]]:
        """(series id, Dutch message) for every name a series uses that the catalog does not define."""
        out = []
        for sid, s in self.series.items():
            if s.unit not in self.units:
                out.append((sid, f"onbekende eenheid {s.unit!r}"))
            if s.theme not in self.themes:
                out.append((sid, f"onbekend thema {s.theme!r}"))
            if s.topic is not None and s.topic not in self.topics:
                out.append((sid, f"onderwerp {s.topic!r} staat niet onder 'topics:'"))
            if s.objective is not None and s.objective not in self.objectives:
                out.append((sid, f"doelstelling {s.objective!r} staat niet onder 'objectives:'"))
            out += [
                (sid, f"dimensie {d!r} staat niet onder 'dimensions:'")
                for d in s.dimensions
                if d not in self.dimensions
            ]
        return out

    def decimals(self, series_id: str) -> int:
        """The decimals values of a series are printed with: its own, else its unit's."""
        s = self.series[series_id]
        return s.decimals if s.decimals is not None else self.units[s.unit].decimals


_DUTCH = {
    "missing": "veld '{field}' ontbreekt",
    "extra_forbidden": "onbekend veld '{field}'",
    "int_type": "verwacht een heel getal",
    "int_parsing": "verwacht een heel getal",
    "int_from_float": "verwacht een heel getal",
    "float_type": "verwacht een getal",
    "float_parsing": "verwacht een getal",
    "bool_type": "verwacht true of false",
    "bool_parsing": "verwacht true of false",
    "string_type": "verwacht tekst",
    "list_type": "verwacht een lijst",
    "dict_type": "verwacht een mapping (sleutel: waarde)",
    "model_type": "verwacht een mapping (sleutel: waarde)",
    "literal_error": "verwacht een van: {expected}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "too_short": "mag niet leeg zijn",
    "string_too_short": "mag niet leeg zijn",
}


def dutch_errors(error: ValidationError) -> list[tuple[tuple, str]]:
    """Return (location, Dutch message) for every error of a pydantic validation."""
    out = []
    for e in error.errors(include_url=False):
        loc = tuple(e.get("loc", ()))
        field = str(loc[-1]) if loc else ""
        ctx = {k: str(v) for k, v in (e.get("ctx") or {}).items()}
        if e["type"] == "value_error":
            text = str(ctx.get("error", e["msg"])).removeprefix("Value error, ")
        elif e["type"] in _DUTCH:
            text = _DUTCH[e["type"]].format(field=field, **ctx)
            if e["type"] not in ("missing", "extra_forbidden"):
                text = f"'{field}' {text}" if field and not field.isdigit() else text
                if "input" in e and not isinstance(e["input"], (dict, list)):
                    text += f", niet {e['input']!r}"
        else:
            text = f"ongeldige waarde bij '{field}' ({e['type']})"
        out.append((loc, text))
    return out
