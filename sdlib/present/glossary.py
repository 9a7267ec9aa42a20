"""The Dutch glossary (begrippenlijst), generated from one source of truth: the catalog.

Every term, every series with figures (with its unit, desired direction and where that direction comes from,
its documents and series breaks), the theme labels, the programme and its objectives come from
``data/catalog.yml``. ``sdlib glossary`` writes ``data/BEGRIPPENLIJST.md``; the report ``begrippenlijst`` turns
it into the appendix of the council pack. The text is for readers: no file names, commands, tool names or ids.
Terms and series are alphabetical; the terms of the record-level figures are added only with ``records=True``.
"""

from __future__ import annotations

from sdlib.data.catalog import DIRECTIONS, model, read_sources
from sdlib.data.load import load

__all__ = ["glossary_markdown", "INTRO"]

INTRO = (
    "Deze lijst legt de woorden en cijfers van de rapporten over het sociaal domein uit. Waar een document een "
    "begrip omschrijft, staat de omschrijving met de naam van het document erbij. Wat niet in de documenten staat "
    "maar voor de rapporten is berekend of gekozen, heet 'eigen berekening', 'eigen lezing' of 'eigen keuze'."
)


def _series_sources(sid: str, data_dir) -> str:
    sources = read_sources(data_dir)
    df = load(sid, vintage="all", data_dir=data_dir)
    parts = []
    for src, grp in df.groupby("source", sort=False):
        years = f"{grp['year'].min()}-{grp['year'].max()}" if grp["year"].nunique() > 1 else str(grp["year"].iloc[0])
        parts.append(f"{sources[src]['short_title']} ({years})")
    return f"Bronnen: {'; '.join(parts)}."


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def glossary_markdown(*, theme: str | None = None, records: bool = False, data_dir=None) -> str:
    """Return the whole glossary as Markdown (Dutch); ``theme`` limits the series section to one theme.

    ``records=True`` adds the terms and series of the record-level figures (for the analysts' report).
    """
    cat = model(data_dir)
    if theme is not None and theme not in cat.themes:
        raise ValueError(f"onbekend thema {theme!r}; kies uit: {', '.join(cat.themes)}")
    out = ["# Begrippenlijst sociaal domein", "", INTRO, "", "## Begrippen", ""]
    terms = dict(cat.terms) | (dict(cat.record_terms) if records else {})
    for term in sorted(terms, key=str.lower):
        out += [f"**{term}**: {_flat(terms[term])}", ""]
    if cat.programme is not None or cat.objectives:
        out += ["## Programma en doelstellingen", ""]
        if cat.programme is not None:
            out += [f"Programma {cat.programme.id} {cat.programme.title}.", ""]
        out += [f"- **{key}**: {label}" for key, label in cat.objectives.items()] + [""]
    out += ["## Reeksen", "", "Elke reeks cijfers met haar omschrijving, eenheid, gewenste richting en documenten.", ""]
    for key, label in cat.themes.items():
        if theme is not None and key != theme:
            continue
        ids = sorted(
            (sid for sid, s in cat.series.items() if s.theme == key and (records or not s.records_only)),
            key=lambda sid: cat.series[sid].title.lower(),
        )
        if not ids:
            continue
        out += [f"### {label}", ""]
        for sid in ids:
            s = cat.series[sid]
            if s.direction:
                why = f" ({_flat(s.direction_source)})" if s.direction_source else ""
                direction = f"gewenste richting: {DIRECTIONS[s.direction]}{why}"
            else:
                direction = "geen gewenste richting (beschrijvend)"
            objective = f"; doelstelling {s.objective}" if s.objective else ""
            found = "Alleen berekend uit registraties." if s.records_only else _series_sources(sid, data_dir)
            breaks = "".join(f" Trendbreuk in {b.year}: {_flat(b.note)}" for b in s.breaks)
            out += [
                f"**{s.title}**: {_flat(s.definition)}",
                f"Eenheid: {cat.units[s.unit].title}; {direction}{objective}. {found}{breaks}",
                "",
            ]
    out += ["## Bronnen", ""]
    for src in read_sources(data_dir).values():
        out.append(f"- **{src['short_title']}**: {src['title']}, {src['publisher']}, {src['publication_year']}.")
    return "\n".join(out).rstrip() + "\n"
