"""Readable Dutch descriptions of a series: definition, unit, sources with peildatum, direction, verdicts."""

from __future__ import annotations

from sdlib.data.catalog import (
    DIRECTIONS,
    read_catalog,
    read_sources,
    series_breaks,
    series_meta,
)
from sdlib.data.load import load
from sdlib.data.texts import toelichtingen

__all__ = ["describe"]


def describe(series_id: str, data_dir=None) -> str:
    """Return a readable Dutch description: definition, unit, sources with peildatum, direction, series breaks,
    the publications that print a Toelichting (see :func:`sdlib.data.texts.toelichtingen`) and verdicts."""
    m = series_meta(series_id, data_dir)
    cat = read_catalog(data_dir)
    sources = read_sources(data_dir)
    data = load(series_id, vintage="all", data_dir=data_dir)
    unit = cat["units"].get(m.get("unit"), {}).get("title", m.get("unit"))
    lines = [f"{m['title']} ({series_id})", "", m.get("definition", "").strip(), ""]
    lines.append(f"Eenheid: {unit}")
    lines.append(f"Thema: {m.get('theme')}" + (f", doelstelling {m['objective']}" if m.get("objective") else ""))
    direction = DIRECTIONS.get(m.get("direction"), "geen oordeel (beschrijvend)")
    lines.append(f"Gewenste richting: {direction}")
    lines.append(f"Jaren: {data['year'].min()}-{data['year'].max()}")
    lines.append("Bronnen:")
    for src, grp in data.groupby("source", sort=False):
        dates = sorted({d.strftime("%d-%m-%Y") for d in grp["reference_date"].dropna()})
        peil = f", peildatum {', '.join(dates)}" if dates else ", peildatum niet vermeld"
        tables = "; ".join(sorted(set(grp["table"])))
        lines.append(f"  - {sources[src]['title']} ({src}): {tables}{peil}")
    for b in series_breaks(series_id, data_dir):
        lines.append(f"Trendbreuk in {b['year']}: {b['note']}")
    texts = toelichtingen(series_id, data_dir=data_dir)
    if not texts.empty:
        lines.append(
            "Toelichting van de gemeente: "
            + "; ".join(f"{sources[s]['short_title']} ({y})" for s, y in zip(texts["source"], texts["year"]))
        )
    if m["verdicts"]:
        lines.append("Gepubliceerd 'Doel gehaald':")
        for v in m["verdicts"]:
            lines.append(f"  - {v['year']}: {'Ja' if v['achieved'] else 'Nee'} ({v['source']})")
    return "\n".join(lines)
