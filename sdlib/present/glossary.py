"""The Dutch glossary (begrippenlijst), generated from one source of truth.

Every term (the record-level definitions instroom, doorstroom, herintreder, ... included), every series (those
that only :mod:`sdlib.records` computes included, with their series breaks), the theme labels, the programme and
its objectives come from ``data/catalog.yml``. ``sdlib glossary`` writes ``data/BEGRIPPENLIJST.md``; the report
notebook ``begrippenlijst`` turns it into the appendix PDF. The text is for readers: no file names, commands,
module names or series ids.
"""

from __future__ import annotations

from sdlib.data.catalog import (
    DIRECTIONS,
    is_records_only,
    objective_labels,
    programme,
    read_catalog,
    read_sources,
    theme_labels,
)
from sdlib.data.load import load

__all__ = ["glossary_markdown"]

RECORDS_ONLY = "Bron: alleen berekend uit registraties; geen document publiceert cijfers."
INTRO = (
    "Deze lijst komt uit de beschrijving van de reeksen en begrippen die bij de cijfers hoort; hij wordt daaruit "
    "opnieuw opgemaakt zodra daar iets verandert. Waar een document een begrip omschrijft, staat de omschrijving "
    "met de naam van het document erbij; eigen keuzes van sdlib heten 'uitwerking van sdlib'."
)


def _series_sources(sid: str, data_dir) -> str:

    if is_records_only(read_catalog(data_dir)["series"][sid]):
        return RECORDS_ONLY
    sources = read_sources(data_dir)
    df = load(sid, vintage="all", data_dir=data_dir)
    parts = []
    for src, grp in df.groupby("source", sort=False):
        years = f"{grp['year'].min()}-{grp['year'].max()}" if grp["year"].nunique() > 1 else str(grp["year"].iloc[0])
        parts.append(f"{sources[src]['short_title']} ({years})")
    return f"Bronnen: {'; '.join(parts)}."


def _breaks_text(meta: dict) -> str:
    """' Trendbreuk in 2021: ...' for each series break of the catalog entry (empty when there is none)."""
    return "".join(
        f" Trendbreuk in {b['year']}: {' '.join(str(b['note']).split())}"
        for b in sorted(meta.get("breaks") or [], key=lambda b: b["year"])
    )


def glossary_markdown(*, theme: str | None = None, data_dir=None) -> str:
    """Return the whole glossary as Markdown (Dutch); ``theme`` limits the series section to one theme."""
    cat = read_catalog(data_dir)
    themes = theme_labels(data_dir)
    if theme is not None and theme not in themes:
        raise ValueError(f"unknown theme {theme!r}; expected one of: {', '.join(themes)}")
    units = {k: v.get("title", k) for k, v in cat["units"].items()}
    out = ["# Begrippenlijst sociaal domein", "", INTRO, "", "## Begrippen", ""]
    terms = cat["terms"]
    for term in sorted(terms, key=str.lower):
        out.append(f"**{term}**: {' '.join(str(terms[term]).split())}")
        out.append("")
    if "programme" in cat or "objectives" in cat:
        out += ["## Programma en doelstellingen", ""]
        if "programme" in cat:
            prog = programme(data_dir)
            out += [f"Programma {prog['id']} {prog['title']}.", ""]
        if "objectives" in cat:
            out += [f"- **{key}**: {label}" for key, label in objective_labels(data_dir).items()] + [""]
    out += [
        "## Reeksen",
        "",
        (
            "Elke reeks met haar definitie, eenheid, gewenste richting en bronnen; ook de reeksen "
            "die alleen uit registraties worden berekend."
        ),
        "",
    ]
    for key, label in themes.items():
        if theme is not None and key != theme:
            continue
        ids = sorted(sid for sid, m in cat["series"].items() if m.get("theme") == key)
        if not ids:
            continue
        out += [f"### {label}", ""]
        for sid in ids:
            m = cat["series"][sid]
            direction = DIRECTIONS.get(m.get("direction"), "geen oordeel (beschrijvend)")
            objective = f"; doelstelling {m['objective']}" if m.get("objective") else ""
            out.append(f"**{m['title']}**: {' '.join(m['definition'].split())}")
            out.append(
                f"Eenheid: {units.get(m['unit'], m['unit'])}; gewenste richting: {direction}{objective}. "
                f"{_series_sources(sid, data_dir)}{_breaks_text(m)}"
            )
            out.append("")
    out += ["## Bronnen", ""]
    for src in read_sources(data_dir).values():
        out.append(f"- **{src['short_title']}**: {src['title']}, {src['publisher']}, {src['publication_year']}.")
    return "\n".join(out).rstrip() + "\n"
