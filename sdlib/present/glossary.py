"""The Dutch glossary (begrippenlijst), generated from one source of truth.

Every term (the record-level definitions instroom, doorstroom, herintreder, ... included) and every series
come from ``data/catalog.yml``. ``sdlib glossary`` writes
``data/BEGRIPPENLIJST.md``; the report notebook ``begrippenlijst`` turns it into the appendix PDF.
"""

from __future__ import annotations

from sdlib.data.catalog import DIRECTIONS, read_catalog, read_sources

__all__ = ["glossary_markdown"]

THEMES = {"jeugd": "Jeugd", "wmo": "Wmo en sociale basis", "mantelzorg": "Mantelzorg", "gezondheid": "Gezondheid",
          "participatie": "Werk, inkomen en participatie", "financien": "Financiën"}


def _series_sources(sid: str, data_dir) -> str:
    from sdlib.data.load import load

    sources = read_sources(data_dir)
    df = load(sid, vintage="all", data_dir=data_dir)
    parts = []
    for src, grp in df.groupby("source", sort=False):
        years = f"{grp['year'].min()}-{grp['year'].max()}" if grp["year"].nunique() > 1 else str(grp["year"].iloc[0])
        parts.append(f"{sources[src]['short_title']} ({years})")
    return "; ".join(parts)


def glossary_markdown(*, theme: str | None = None, data_dir=None) -> str:
    """Return the whole glossary as Markdown (Dutch); ``theme`` limits the series section to one theme."""
    cat = read_catalog(data_dir)
    if theme is not None and theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; expected one of: {', '.join(THEMES)}")
    units = {k: v.get("title", k) for k, v in cat["units"].items()}
    out = ["# Begrippenlijst sociaal domein", "",
           "Gegenereerd uit `data/catalog.yml` en de definities van de registratiemodule `sdlib.records`; "
           "niet met de hand bewerken, maar `make glossary` draaien.", "", "## Begrippen", ""]
    terms = cat["terms"]
    for term in sorted(terms, key=str.lower):
        out.append(f"**{term}**: {' '.join(str(terms[term]).split())}")
        out.append("")
    out += ["## Reeksen", "", "Elke reeks in `data/` met haar definitie, eenheid, gewenste richting en bronnen.", ""]
    for key, label in THEMES.items():
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
            out.append(f"**{m['title']}** (`{sid}`): {' '.join(m['definition'].split())}")
            out.append(f"Eenheid: {units.get(m['unit'], m['unit'])}; gewenste richting: {direction}{objective}. "
                       f"Bronnen: {_series_sources(sid, data_dir)}.")
            out.append("")
    out += ["## Bronnen", ""]
    for src in read_sources(data_dir).values():
        out.append(f"- **{src['short_title']}** (`{src['id']}`): {src['title']}, {src['publisher']}, "
                   f"{src['publication_year']}.")
    return "\n".join(out).rstrip() + "\n"
