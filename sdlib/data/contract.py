"""The contract between a report notebook and the report runner, in one place both import.

A report notebook (with :class:`sdlib.present.document.Document`) and the runner (:mod:`sdlib.report`) meet in
three ways, all defined here:

* **Notebook metadata** ``metadata.sdlib``: ``title`` and ``period`` (with ``{parameter}`` placeholders), and
  per parameter its valid choices (:class:`ParameterSpec`): the name of a provider (a function the command line
  hands the runner, see :data:`sdlib.calc.choices.PROVIDERS`) and its arguments.
* **Output metadata** ``{"sdlib": {...}}`` on a display output: what the title page says (:class:`TitlePage`),
  set by the notebook while it runs (the Verantwoording gives the period and the documents cited).
* **Class names** of the HTML blocks a notebook shows (:data:`CSS`), which the style sheet and the renderer use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = [
    "OUTPUT_KEY",
    "TitlePage",
    "ParameterSpec",
    "CSS",
    "title_page_metadata",
    "read_title_page",
    "parameter_specs",
    "LATEST",
]

OUTPUT_KEY = "sdlib"
LATEST = "laatste"  # the value of a year parameter that means: the newest year with figures

CSS = {
    "key": "sd-key",  # the key messages (Kernboodschappen)
    "question": "sd-question",  # the question the report answers
    "chart": "sd-chart",
    "table": "sd-table",
    "quote": "sd-quote",  # the municipality's own words
    "source": "sd-source",  # a "Bron:" line
    "conclusion": "sd-conclusion",  # the sentence a chart or table shows
    "note": "sd-note",
    "warning": "sd-warning",
    "verantwoording": "sd-verantwoording",
    "status": "sd-status",  # how current the figures are
}


@dataclass
class TitlePage:
    """What the first page of a report says besides the key messages."""

    title: str
    period: str = ""
    sources: list[str] = field(default_factory=list)  # short titles of the documents the report cites
    status: str = ""  # how current the figures are ("De nieuwste cijfers gaan over 2024 ...")


@dataclass(frozen=True)
class ParameterSpec:
    """The valid choices of a report parameter, from the notebook metadata.

    ``provider`` names a function of the choices registry (e.g. ``"realisation_years"``) called with ``args``;
    ``latest`` allows the value :data:`LATEST` ("laatste"), which the runner replaces by the last choice, or (when
    it names another provider, called with the same ``args``) by the last value of that one, e.g. the last whole
    year of a record extract.
    """

    name: str
    provider: str | None = None
    args: tuple = ()
    latest: bool | str = False
    values: tuple = ()  # fixed choices, before those of the provider (e.g. "alle")
    path: bool = False  # a file path: made absolute, because the notebook runs in its own folder


def title_page_metadata(**fields) -> dict:
    """The output metadata that sets fields of the title page (``period``, ``sources``, ``status``, ``title``)."""
    unknown = set(fields) - set(TitlePage.__dataclass_fields__)
    if unknown:
        raise ValueError(f"unknown title-page fields: {', '.join(sorted(unknown))}")
    return {OUTPUT_KEY: {k: v for k, v in fields.items() if v not in (None, "", [])}}


def read_title_page(nb, name: str, values: dict) -> TitlePage:
    """Return the title page of an executed notebook: its metadata filled with the parameters, then every
    output's ``{"sdlib": {...}}`` in order (a later one wins)."""
    meta = nb.metadata.get(OUTPUT_KEY, {})
    page = TitlePage(
        title=str(meta.get("title", name)).format(**values), period=str(meta.get("period", "")).format(**values)
    )
    found = asdict(page)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            given = out.get("metadata", {}).get(OUTPUT_KEY, {})
            if isinstance(given, dict):
                found.update({k: v for k, v in given.items() if k in found and v not in (None, "", [])})
    return TitlePage(**found)


def parameter_specs(metadata: dict) -> dict[str, ParameterSpec]:
    """Read the ``parameters`` of a notebook's ``metadata.sdlib`` into specs (name -> :class:`ParameterSpec`)."""
    raw = (metadata or {}).get(OUTPUT_KEY, {}).get("parameters", {}) or {}
    out = {}
    for name, spec in raw.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise ValueError(f"de keuzes van parameter '{name}' moeten een mapping zijn, niet {spec!r}")
        for key in ("args", "values"):
            if not isinstance(spec.get(key, []), list):
                raise ValueError(f"'{key}' van parameter '{name}' moet een lijst zijn, niet {spec[key]!r}")
        for arg in spec.get("args", []):
            if not (isinstance(arg, (str, int, float, bool)) or (isinstance(arg, dict) and set(arg) == {"param"})):
                raise ValueError(
                    f"argument {arg!r} van parameter '{name}' moet een tekst, een getal of "
                    '{"param": "<naam van een parameter erboven>"} zijn'
                )
        out[name] = ParameterSpec(
            name,
            spec.get("choices"),
            tuple(spec.get("args", ())),
            spec["latest"] if isinstance(spec.get("latest"), str) else bool(spec.get("latest")),
            tuple(spec.get("values", ())),
            bool(spec.get("path")),
        )
    return out
