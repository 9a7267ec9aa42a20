"""The parts of a council report that every report has: the key messages and the Verantwoording.

In a report notebook::

    from sdlib.present.document import kernboodschappen, verantwoording

    kernboodschappen([
        f"In {jaar} ontving {fmt_pct(aandeel)} van de jeugdigen drie jaar of langer jeugdhulp.",
        f"Dat is {fmt_pct(verschil)} meer dan in {jaar - 1}.",
    ])
    ...
    verantwoording(["jeugdhulp_3jaar_aandeel", "jeugdhulp_jeugdigen"], period=f"verslagjaar {jaar}")

:func:`kernboodschappen` shows a section "Kernboodschappen" (3 to 5 computed sentences). :func:`verantwoording`
(the last cell) shows the section "Verantwoording": the definitions of the series (from the catalog), the
documents, tables and peildata that this kernel cited (every ``Bron:`` line, see
:func:`sdlib.present.provenance.cited`), how voorlopige and onvolledige cijfers are treated, and the notes. Its
output metadata ``{"sdlib": {"period": ..., "sources": [...]}}`` tells the report runner what the title page
says; the runner adds the technical details (data version, settings, run time) at the end of the section.
"""

from __future__ import annotations

import html

from sdlib.present import provenance

__all__ = [
    "kernboodschappen",
    "verantwoording",
    "toelichting",
    "toelichting_html",
    "close_report",
    "PROVISIONAL_TEXT",
    "kernboodschappen_html",
    "verantwoording_html",
]

PROVISIONAL_TEXT = (
    "Een voorlopig cijfer is gemarkeerd als voorlopig (met een * of een open punt in een grafiek). Een latere "
    "publicatie kan het nog herzien. Een jaar waarvan de peildatum binnen dat jaar zelf ligt, is nog niet "
    "compleet: het staat apart en wordt niet met de hele jaren vergeleken."
)
TECHNICAL_PLACEHOLDER = '<div class="sd-technical"></div>'  # the report runner puts the technical details here

_shown = {"verantwoording": False}
_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _display(markup: str, metadata: dict | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(markup), metadata=metadata or {})


def kernboodschappen_html(sentences: list[str]) -> str:
    """Return the HTML of the key-messages section (see :func:`kernboodschappen`)."""
    if isinstance(sentences, str) or not isinstance(sentences, (list, tuple)):
        raise TypeError("kernboodschappen verwacht een lijst met zinnen, niet één tekst")
    sentences = [str(s).strip() for s in sentences if str(s).strip()]
    if not 1 <= len(sentences) <= 6:
        raise ValueError(f"kernboodschappen: geef 1 tot 6 zinnen (liefst 3 tot 5), niet {len(sentences)}")
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return f'<section class="sd-key"><h2>Kernboodschappen</h2><ul>{items}</ul></section>'


def kernboodschappen(sentences: list[str]) -> None:
    """Show the section "Kernboodschappen": 3 to 5 sentences, each a computed finding with its figures.

    Raises ValueError for fewer than 1 or more than 6 sentences.
    """
    _display(kernboodschappen_html(sentences))


def _date(iso: str | None) -> str:
    if not iso:
        return "peildatum niet vermeld"
    y, m, d = (int(p) for p in iso.split("-"))
    return f"peildatum {d} {_MONTHS[m - 1]} {y}"


def _sources(citations) -> list[tuple[str, list[str]]]:
    """Group the citations per document and peildatum: [(short title, ["Tabel 1 en Tabel 4, peildatum ..."])]."""
    grouped: dict[str, dict[str | None, dict[str, None]]] = {}
    for c in citations:
        grouped.setdefault(c.short_title, {}).setdefault(c.reference_date, {})[c.table] = None
    out = []
    for title, dates in grouped.items():
        parts = []
        for ref, tables in dates.items():
            names = [t for t in tables if t]
            listed = (", ".join(names[:-1]) + " en " + names[-1]) if len(names) > 1 else "".join(names)
            parts.append(f"{listed}, {_date(ref)}" if listed else _date(ref))
        out.append((title, parts))
    return out


def verantwoording_html(series: list[str], *, notes: list[str] | None = None, citations=None) -> str:
    """Return the HTML of the Verantwoording section (see :func:`verantwoording`)."""
    from sdlib.data.catalog import series_meta

    if isinstance(series, str):
        series = [series]
    citations = provenance.cited() if citations is None else citations
    parts = ['<section class="sd-verantwoording"><h2>Verantwoording</h2>']
    ids = list(dict.fromkeys([*series, *(c.series for c in citations if c.series)]))
    if ids:
        items = []
        for sid in ids:
            try:
                meta = series_meta(sid)
            except Exception:
                if sid in series:  # named by the notebook: a typo must show
                    raise
                continue  # cited by a frame but not in the catalog (e.g. a record-level figure)
            items.append(
                f"<dt>{html.escape(str(meta['title']))}</dt>"
                f"<dd>{html.escape(str(meta.get('definition') or 'geen definitie in de catalogus'))}</dd>"
            )
        parts.append(f'<h3>Wat de cijfers betekenen</h3><dl class="sd-definitions">{"".join(items)}</dl>')
    sources = _sources(citations)
    if sources:
        items = "".join(
            f"<li><strong>{html.escape(title)}</strong>: {html.escape('; '.join(tables))}</li>"
            for title, tables in sources
        )
        parts.append(f"<h3>Bronnen</h3><ul>{items}</ul>")
    parts.append(f"<h3>Voorlopige en onvolledige cijfers</h3><p>{PROVISIONAL_TEXT}</p>")
    if notes:
        items = "".join(f"<li>{html.escape(str(n))}</li>" for n in notes)
        parts.append(f"<h3>Opmerkingen</h3><ul>{items}</ul>")
    parts.append(TECHNICAL_PLACEHOLDER + "</section>")
    return "".join(parts)


def verantwoording(series: list[str], *, notes: list[str] | None = None, period: str | None = None) -> None:
    """Show the section "Verantwoording" (the last cell of a report).

    Parameters
    ----------
    series : list of str
        Catalog ids of the series the report uses; their title and definition are listed. Series that a cited
        frame names in a ``series`` column (:func:`sdlib.load_many`) are added.
    notes : list of str, optional
        Extra remarks, e.g. about a break in a series.
    period : str, optional
        The period the figures cover, e.g. ``"2015-2019"``; it replaces the period on the title page.

    The sources are those cited in this kernel by ``Bron:`` lines (charts, tables, :func:`source_text`); their
    short titles go to the title page through the output metadata.
    """
    citations = provenance.cited()
    meta = {"sources": [title for title, _ in _sources(citations)]}
    if period:
        meta["period"] = str(period)
    _display(verantwoording_html(series, notes=notes, citations=citations), {"sdlib": meta})
    _shown["verantwoording"] = True


def close_report() -> None:
    """Show the Verantwoording of what was cited, unless the notebook showed one (the runner's last cell)."""
    if not _shown["verantwoording"]:
        verantwoording([])


def toelichting_html(
    series, *, year: int | None = None, source: str | None = None, titles: dict | None = None, data_dir=None
) -> str:
    """Return the municipality's own explanations (Toelichting) of these series as quotations, or ``""``.

    The texts come from ``data/toelichtingen.csv`` (:func:`sdlib.data.texts.toelichtingen`), exactly as printed.
    A text printed under several of the given series is quoted once, naming them all. Each quotation names its
    document and is cited, so the Verantwoording lists it.

    Parameters
    ----------
    series : str or list of str
        Catalog ids of the indicators.
    year, source : optional
        Only the explanations of this verslagjaar or this document (a source id such as ``"js2024"``).
    titles : dict, optional
        How to name each series in the heading of the quotation (default: its catalog title).
    """
    import pandas as pd

    from sdlib.data.catalog import series_meta
    from sdlib.data.texts import toelichtingen

    ids = [series] if isinstance(series, str) else list(series)
    found = pd.concat([toelichtingen(s, year=year, source=source, data_dir=data_dir) for s in ids], ignore_index=True)
    if found.empty:
        return ""
    parts = []
    for text, group in found.groupby("text", sort=False):
        provenance.source_text(group.assign(reference_date=pd.NaT), data_dir)  # cited in the Verantwoording
        document = provenance.source_title(group["source"].iloc[0], data_dir)
        names = [(titles or {}).get(s) or series_meta(s, data_dir)["title"] for s in dict.fromkeys(group["series"])]
        named = ", ".join(f"‘{n}’" for n in names[:-1]) + (" en " if len(names) > 1 else "") + f"‘{names[-1]}’"
        parts.append(
            '<div class="sd-quote">'
            f'<p class="sd-quote-by">Toelichting van de gemeente bij {html.escape(named)} '
            f"({html.escape(document)}):</p>"
            f'<blockquote lang="nl-NL"><p>{html.escape(text)}</p></blockquote></div>'
        )
    return "".join(parts)


def toelichting(series, *, year: int | None = None, source: str | None = None, titles: dict | None = None) -> None:
    """Show the municipality's own explanations of these series, quoted with their document.

    Shows nothing where the documents print no Toelichting (not every indicator and year has one)::

        toelichting("jeugdhulp_3jaar_aandeel", year=2024, source="js2024")
    """
    markup = toelichting_html(series, year=year, source=source, titles=titles)
    if markup:
        _display(markup)
