"""One council report as an object the notebook holds: what it shows, in order, and what it cites.

A report notebook makes one :class:`Document` and shows everything through it::

    doc = Document()
    doc.key_messages([...], question="Hoeveel jeugdigen ...?")
    doc.heading("Aandeel per jaar en het doel")
    doc.chart(ax, sentence, kind="staafdiagram", source=rows)
    doc.table(view, source=rows, caption="...")
    doc.quote("jeugdhulp_3jaar_aandeel", year=jaar)   # the municipality's own explanation, as printed
    doc.verantwoording(period="2023-2024")

Every chart, table and quotation adds what it cites to ``doc.citations`` (no module state): the Verantwoording
at the end lists exactly those documents, tables and peildata, with the definitions of the series; the title
page names the documents and how current the figures are. A "Bron:" line already printed under the same
heading is not printed again.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from sdlib.data.contract import CSS, title_page_metadata
from sdlib.present import provenance

__all__ = [
    "Document",
    "PROVISIONAL_TEXT",
    "kernboodschappen_html",
    "verantwoording_html",
    "toelichting_html",
    "passage_html",
    "status_text",
]

PROVISIONAL_TEXT = (
    "Een voorlopig cijfer is gemarkeerd: met een * in een tabel, een open punt of een gearceerde staaf in een "
    "grafiek. Een latere publicatie kan het nog herzien."
)
# the mark of a provisional figure in each kind of chart (Document.chart's ``kind``)
_CHART_MARKS = {  # the kind of a chart (its text alternative) and how it marks a provisional figure
    "lijngrafiek": "een open punt",
    "staafdiagram": "een gearceerde staaf",
    "afwijkingsdiagram": "een gearceerde staaf",  # round 41: its hatched bar went unexplained
}


def provisional_text(kinds=None) -> str:
    """:data:`PROVISIONAL_TEXT`, naming only the marks of the kinds of chart the report shows (``None``: all)."""
    if kinds is None:
        return PROVISIONAL_TEXT
    drawn = list(dict.fromkeys(mark for word, mark in _CHART_MARKS.items() if any(word in k for k in kinds)))
    said = "een * in een tabel" + (f", {' of '.join(drawn)} in een grafiek" if drawn else "")
    return f"Een voorlopig cijfer is gemarkeerd: met {said}. Een latere publicatie kan het nog herzien."


INCOMPLETE_TEXT = (
    "Een jaar waarvan de cijfers maar een deel van het jaar beslaan (bijvoorbeeld tot en met september), staat "
    "apart en wordt niet met de hele jaren vergeleken."
)
OWN_WORK = (
    "Verschillen en percentages in de tekst rekent dit rapport uit de cijfers van de documenten. Waar dit rapport "
    "zelf iets berekent of een oordeel geeft dat niet in de documenten staat, staat 'eigen berekening'; bij een "
    "keuze die niet in de documenten staat 'eigen keuze'; waar het een tabel of tekst van een document op één "
    "manier leest terwijl die ook anders te lezen is, staat 'eigen lezing'."
)
_OWN_FIRST = "Verschillen en percentages in de tekst rekent dit rapport uit de cijfers van de documenten."
_OWN_MARKS = {  # each mark of own work, said only when the report uses it
    "eigen berekening": "een berekening of oordeel dat niet in de documenten staat",
    "eigen keuze": "een keuze die niet in de documenten staat",
    "eigen lezing": "een tabel of tekst van een document die ook anders te lezen is",
}


def own_work_text(said: str | None = None) -> str:
    """:data:`OWN_WORK`, or, given the text the report showed, only the marks it uses: 'Verschillen en percentages
    ... 'eigen lezing' staat bij een tabel of tekst van een document die ook anders te lezen is.'"""
    if said is None:
        return OWN_WORK
    used = [(mark, what) for mark, what in _OWN_MARKS.items() if mark in said.lower()]
    if not used:
        return _OWN_FIRST
    from sdlib.present.sentences import join

    return f"{_OWN_FIRST} Dit rapport zet " + join([f"'{m}' bij {w}" for m, w in used]) + "."


GLOSSARY_NAME = "Begrippenlijst sociaal domein"
GLOSSARY_TEXT = (  # the glossary of the council pack; the HTML twin links its name when the pack holds it
    f"Moeilijke woorden en afkortingen staan uitgelegd in de {GLOSSARY_NAME} bij deze rapporten."
)
QUOTES_TEXT = (
    "De woorden van de gemeente staan er letterlijk, zoals zij ze publiceerde; [sic] betekent: zo staat het in "
    "het document."
)
_QUOTES_PLAIN = "De woorden van de gemeente staan er letterlijk, zoals zij ze publiceerde."
# the text a report has shown so far (one report per kernel): the Verantwoording explains only the marks it used
_SHOWN: list[str] = []


def _legend_says(fig_or_ax, word: str) -> bool:
    """Whether a legend of the chart (of any of its axes, or of the figure) has an entry with ``word``."""
    fig = getattr(fig_or_ax, "figure", None) or fig_or_ax
    legends = [ax.get_legend() for ax in getattr(fig, "axes", [])] + list(getattr(fig, "legends", []))
    return any(word in t.get_text() for lg in legends if lg is not None for t in lg.get_texts())


def _display(markup: str, metadata: dict | None = None) -> None:
    from IPython.display import HTML, display

    _SHOWN.append(markup)
    display(HTML(markup), metadata=metadata or {})


def kernboodschappen_html(sentences: list, *, question: str | None = None) -> str:
    """Return the HTML of the key messages (3 to 5), with the question they answer above them.

    A message is a sentence, or a pair ``(head, text)``: a short head a reader can scan ('Aandeel drie jaar of
    langer: doel niet gehaald', see :func:`sdlib.present.sentences.headline`) printed bold before its text. A
    message whose text is empty is left out (a quote the documents do not have).
    """
    if isinstance(sentences, str) or not isinstance(sentences, (list, tuple)):
        raise TypeError("kernboodschappen verwacht een lijst met zinnen, niet één tekst")
    pairs = []
    for s in sentences:
        head, text = (s[0], s[1]) if isinstance(s, (list, tuple)) and len(s) == 2 else ("", s)
        if str(text).strip():
            pairs.append((str(head).strip(), str(text).strip()))
    if not 1 <= len(pairs) <= 6:
        raise ValueError(f"kernboodschappen: geef 1 tot 6 zinnen (liefst 3 tot 5), niet {len(pairs)}")
    from sdlib.present.sentences import own_work_noted, shorten_quotes

    texts, marked = own_work_noted(shorten_quotes([t for _, t in pairs]))
    heads = [
        f"<strong>{html.escape(h if h.endswith(('?', '!')) else h.rstrip('.:') + '.')}</strong> " if h else ""
        for h, _ in pairs
    ]
    items = "".join(f"<li>{head}{html.escape(t)}</li>" for head, t in zip(heads, texts))
    asked = f'<p class="{CSS["question"]}">{html.escape(question)}</p>' if question else ""
    note = f'<p class="{CSS["source"]}">{html.escape(marked)}</p>' if marked else ""
    return f'<section class="{CSS["key"]}"><h2>Kernboodschappen</h2>{asked}<ul>{items}</ul>{note}</section>'


def _date(iso: str | None) -> str:
    from sdlib.present.fmt import fmt_long_date

    return f"peildatum {fmt_long_date(dt.date.fromisoformat(iso))}" if iso else ""


TOELICHTING = " (toelichting)"  # the suffix of a cited Toelichting of a table or indicator


def _sources(citations) -> list[tuple[str, list[str]]]:
    """Group the citations per document and peildatum: [(short title, ["Tabel 1 en Tabel 4, peildatum ..."])]."""
    from sdlib.present.sentences import join

    grouped: dict[str, dict[str | None, dict[str, None]]] = {}
    for c in citations:
        grouped.setdefault(c.short_title, {}).setdefault(c.reference_date, {})[c.table] = None
    out = []
    for title, dates in grouped.items():
        parts = []
        dated = {t for ref, tables in dates.items() if ref is not None for t in tables}
        every = {t for tables in dates.values() for t in tables}
        for ref, tables in dates.items():
            # a part named with its peildatum is not named again without it; 'X (toelichting)' is part of X
            names = [
                t
                for t in tables
                if t
                and not (ref is None and t in dated)
                and not (t.endswith(TOELICHTING) and t[: -len(TOELICHTING)] in every)
            ]
            if ref is None:  # 'Inburgering, Integratieversneller' beside 'Inburgering, peildatum ...': the part alone
                names = [n.partition(", ")[2] if n.partition(", ")[0] in dated and ", " in n else n for n in names]
            names = _compress(list(dict.fromkeys(names)))
            # names that hold a comma themselves are set apart by semicolons: 'Simpel Switchen, Snelle Aanvraag'
            listed = "; ".join(names) if any(", " in n for n in names) else join(names) if names else ""
            text = ", ".join(t for t in (listed, _date(ref)) if t)
            if text:
                parts.append(text)
        out.append((title, parts))
    return out


def _named_documents(texts, cited_titles, data_dir=None) -> list[str]:
    """The short titles of documents that ``texts`` (definitions and notes shown) name but no figure or quotation
    cites, so that the list of sources holds every document the report names."""
    import re

    from sdlib.data.catalog import read_sources

    joined = " ".join(t for t in texts if t)
    out = []
    for row in read_sources(data_dir).values():
        title = row.get("short_title") or ""
        if title and title not in cited_titles and re.search(rf"(?<!\w){re.escape(title)}(?!\w)", joined):
            out.append(title)
    return out


def _compress(names: list[str]) -> list[str]:
    """Name a part of a document once, by its heading, where several parts share it: ['Werkbedrijf, Uitstroom',
    'Werkbedrijf, Herinstroom'] becomes ['Werkbedrijf']; a name whose first part no other name shares stays whole
    (a heading may hold a comma itself)."""
    heads = [name.partition(", ")[0] for name in names]
    shared = {h for h in heads if heads.count(h) > 1}
    out = list(dict.fromkeys(h if h in shared else name for h, name in zip(heads, names)))
    # a part already named inside another ('Inburgering, Integratieversneller' holds 'Integratieversneller') or
    # with a note after it ('X (Realisatie 2024)' is X) is named once
    return [n for n in out if not any(o != n and (o.endswith(", " + n) or n.startswith(o + " (")) for o in out)]


def status_text(citations, data_dir=None, *, today: dt.date | None = None) -> str:
    """How current the figures of a report are: the newest year of a realised figure, and what is not there yet.

    E.g. "De nieuwste cijfers in dit rapport gaan over 2024 (Jaarstukken 2024). Cijfers over 2025 staan er nog
    niet in: de Jaarstukken 2025 en latere documenten zijn nog niet in dit rapport opgenomen." Empty when nothing
    was cited.
    """
    from sdlib.data.catalog import read_sources

    today = today or dt.date.today()
    sources = read_sources(data_dir)  # only published documents: registraties have no publication to wait for
    found = [c for c in citations if c.source in sources and c.realised and min(c.realised) <= today.year]
    if not found:
        return ""
    from sdlib.present.fmt import fmt_long_date

    newest = max(max(y for y in c.realised if y <= today.year) for c in found)
    latest = [c for c in found if newest in c.realised and c.source in sources]
    docs = list(dict.fromkeys(c.short_title for c in latest))
    stands = sorted(
        {c.reference_date for c in latest if c.reference_date and c.reference_date[:4] == str(newest)}
        - {f"{newest}-12-31"}
    )
    if stands and stands[-1].endswith("-01-01"):  # a count on 1 January describes the year before it
        text = f"De nieuwste cijfers in dit rapport zijn de stand op {fmt_long_date(dt.date.fromisoformat(stands[-1]))}"
        done = newest - 1
    else:
        text = f"De nieuwste cijfers in dit rapport gaan over {newest}"
        done = newest
    text += f" ({', '.join(docs)})." if docs else "."
    missing = range(done + 1, today.year)
    if not missing:
        return text
    # why there are none, in the same sentence (round 48: three sentences of status before the message)
    published = [int(r["publication_year"]) for r in sources.values() if r.get("publication_year")]
    # round 51: three reviewers read 'latere documenten zijn nog niet verwerkt' as a pack behind its date; the
    # reason comes first and plainly: the documents that give these years have not been added yet
    # (round 52: 'documenten die na 2025 verschenen' read as a riddle; the newest document of the municipality
    # that this report used is named instead)
    from sdlib.data.config import municipality
    from sdlib.present.sentences import _document, join

    name = municipality(data_dir).name
    own = [c.short_title for c in latest if name in str(sources[c.source].get("publisher", ""))]
    # round 53: 'documenten van na de Jaarstukken 2024' still left the reader guessing; a yearly document whose
    # title ends in the newest year is named by its next edition ('de Jaarstukken 2025'), the one a reader expects
    own = list(dict.fromkeys(own))
    nexts = [re.sub(rf"{newest}$", str(newest + 1), t) for t in own if t.endswith(str(newest))]
    later = bool(published) and max(published) < today.year  # a newer document could have appeared since
    if later and nexts:
        why = f": {join(_document(t)[0] for t in nexts)} en latere documenten zijn nog niet in dit rapport opgenomen."
    elif later and own:
        why = f": documenten van na {join(_document(t)[0] for t in own)} zijn nog niet in dit rapport opgenomen."
    else:
        why = ": de documenten zeggen er nog niets over."
    if len(missing) == 1:  # 'heel' only beside a stand of that year (1 January 2025 is no figure over 2025)
        whole = "heel " if done < newest else ""
        text += f" Cijfers over {whole}{missing[0]} staan er nog niet in{why}"
    else:
        text += f" Cijfers over {missing[0]} tot en met {missing[-1]} staan er niet in{why}"
    return text


def _known(sid: str, data_dir=None) -> bool:
    from sdlib.data.catalog import entry

    try:
        entry(sid, data_dir)
    except Exception:
        return False
    return True


def verantwoording_html(
    series: list[str],
    *,
    notes: list[str] | None = None,
    citations=(),
    status: str = "",
    data_dir=None,
    provisional: bool = True,
    incomplete: bool = True,
    quotes: bool = False,
    figures: bool = True,
    charts=None,
    said: str | None = None,
) -> str:
    """Return the HTML of the Verantwoording: definitions, documents, provisional figures, notes.

    ``figures``, ``provisional``, ``incomplete`` and ``quotes`` say whether the report showed figures, such
    figures or quotations: their explanation appears only then. ``said`` is the text the report showed: the
    marks of own work ('eigen lezing') and '[sic]' are explained only when it (or this part) uses them."""
    from sdlib.data.catalog import entry

    parts = [f'<section class="{CSS["verantwoording"]}"><h2>Verantwoording</h2>']
    ids = list(dict.fromkeys([*series, *(c.series for c in citations if c.series)]))
    items = []
    for sid in ids:
        try:
            meta = entry(sid, data_dir)
        except Exception:
            if sid in series:  # named by the notebook: a typo must show
                raise
            continue  # cited by a frame but not in the catalog (e.g. a record-level figure)
        items.append(f"<dt>{html.escape(meta.title)}</dt><dd>{html.escape(meta.definition)}</dd>")
    if items:
        parts.append(f'<h3>Wat de cijfers betekenen</h3><dl class="sd-definitions">{"".join(items)}</dl>')
    sources = _sources(citations)
    # every document the report names counts: in a definition, a note, or a quotation among the key messages
    shown_texts = [
        *(entry(sid, data_dir).definition for sid in ids if _known(sid, data_dir)),
        *(notes or []),
        said or "",
    ]
    sources += [(title, []) for title in _named_documents(shown_texts, {t for t, _ in sources}, data_dir)]
    if sources:
        lis = "".join(
            f"<li><strong>{html.escape(title)}</strong>" + (f": {html.escape('; '.join(t))}" if t else "") + "</li>"
            for title, t in sources
        )
        parts.append(f"<h3>Bronnen</h3><ul>{lis}</ul>")
    if status:
        parts.append(f'<h3>Stand van de cijfers</h3><p class="{CSS["status"]}">{html.escape(status)}</p>')
    marks = [t for t, shown in ((provisional_text(charts), provisional), (INCOMPLETE_TEXT, incomplete)) if shown]
    if marks:
        heading = {
            2: "Voorlopige en onvolledige cijfers",
            1: "Voorlopige cijfers" if provisional else "Onvolledige jaren",
        }
        parts.append(f"<h3>{heading[len(marks)]}</h3><p>{' '.join(marks)}</p>")
    if said is not None:  # this part's own words count too (a definition may say 'eigen lezing')
        said = " ".join([said, *parts, *(notes or [])])
    own = own_work_text(said)
    quoted = QUOTES_TEXT if said is None or "[sic]" in said else _QUOTES_PLAIN
    notes = [*(notes or []), *([own] if figures else []), *([quoted] if quotes else [])]
    if notes:
        lis = "".join(f"<li>{html.escape(str(n))}</li>" for n in notes)
        parts.append(f"<h3>Opmerkingen</h3><ul>{lis}</ul>")
    if figures:  # the glossary's name marked, so the HTML twin can link it when the pack holds the glossary
        name = GLOSSARY_NAME
        parts.append(
            "<p>" + html.escape(GLOSSARY_TEXT).replace(name, f'<span class="sd-glossary-link">{name}</span>') + "</p>"
        )
    parts.append("</section>")
    return "".join(parts)


def toelichting_html(
    series,
    *,
    year: int | None = None,
    about: int | None = None,
    source: str | None = None,
    titles: dict | None = None,
    data_dir=None,
    seen: dict | None = None,
) -> tuple[str, list]:
    """Return the municipality's own explanations (Toelichting) of these series as quotations, and the rows.

    The texts come from ``data/toelichtingen.csv`` exactly as printed. A text printed under several of the given
    series is quoted once, naming them all. Returns ``("", empty rows)`` when the documents print none.
    """
    import pandas as pd

    from sdlib.data.catalog import entry
    from sdlib.data.texts import toelichtingen, with_sic

    ids = [series] if isinstance(series, str) else list(series)
    found = pd.concat(
        [toelichtingen(s, year=year, about=about, source=source, data_dir=data_dir) for s in ids], ignore_index=True
    )
    if found.empty:
        return "", found
    parts = []
    for text, group in found.sort_values("year", ascending=False, kind="stable").groupby("text", sort=False):
        document = provenance.source_title(group["source"].iloc[0], data_dir)
        # the document's own heading in quotation marks; our title, unquoted, where the document printed none
        names = []
        for sid, table in dict.fromkeys(zip(group["series"], group["table"])):
            own = (titles or {}).get(sid) or entry(sid, data_dir).title
            names.append(f"‘{table}’" if provenance.printed_heading(table) else own)
        names = list(dict.fromkeys(names))
        named = ", ".join(names[:-1]) + (" en " if len(names) > 1 else "") + names[-1]
        if seen is not None and text in seen:  # the document printed the same text under an earlier indicator
            parts.append(
                f'<p class="{CSS["note"]}">De gemeente geeft hier dezelfde toelichting als bij {html.escape(seen[text])} '
                f"(hierboven).</p>"
            )
            continue
        if seen is not None:
            seen[text] = named
        shown = with_sic(text, group["sic"].iloc[0] or "")  # the document's own slip marked [sic]
        about = int(group["about"].iloc[0])
        from sdlib.data.catalog import read_sources

        published = read_sources(data_dir).get(group["source"].iloc[0], {}).get("publication_year")
        # a budget's Toelichting stands beside the year it budgets, but speaks of the years before it
        when = f"bij de begroting voor {about}" if published and about > int(published) else f"over {about}"
        parts.append(
            f'<figure class="{CSS["quote"]}"><blockquote lang="nl-NL"><p>{html.escape(shown)}</p></blockquote>'
            f"<figcaption>Toelichting van de gemeente bij {html.escape(named)}, {html.escape(document)} "
            f"({when})</figcaption></figure>"
        )
    return "".join(parts), found


def passage_html(row, data_dir=None) -> str:
    """One passage of a document, quoted as printed, with its document, section and year."""
    from sdlib.data.texts import with_sic

    document = provenance.source_title(row["source"], data_dir)
    text = with_sic(row["text"], row.get("sic", "") or "")
    return (
        f'<figure class="{CSS["quote"]}"><blockquote lang="nl-NL"><p>{html.escape(text)}</p>'
        f"</blockquote><figcaption>{html.escape(document)}, {html.escape(row['section'])}</figcaption></figure>"
    )


class Document:
    """One report: shows its parts in order and keeps what they cite.

    Parameters
    ----------
    data_dir : path, optional
        The data folder (default: the configured one).
    """

    def __init__(self, *, data_dir=None):
        self.data_dir = data_dir
        self.citations = provenance.Citations()
        self.series: list[str] = []
        self._lines_here: set[str] = set()
        self._quoted: dict[str, str] = {}  # text of a Toelichting -> the indicators it was first quoted under
        self._key_text = ""  # the key messages as printed: a passage quoted there whole is not quoted again
        # what the Verantwoording explains: only what the report showed
        self.shown = {"figures": False, "provisional": False, "incomplete": False, "quotes": False, "charts": []}
        _SHOWN.clear()  # a new report: nothing shown yet

    # --- citing -------------------------------------------------------------------------------------------

    def cite(self, rows) -> str:
        """Record what ``rows`` cite and return their "Bron:" line (short; the full tables go to the end)."""
        self.citations.add(provenance.citations(rows, self.data_dir))
        self._marks(rows)
        if "series" in rows:
            self.series += [s for s in dict.fromkeys(rows["series"].dropna()) if s not in self.series]
        return provenance.source_text(rows, self.data_dir)

    def _marks(self, rows) -> None:
        """Remember whether shown rows hold provisional figures or incomplete years."""
        from sdlib.calc.periods import incomplete, provisional

        if "value" in rows:
            self.shown["figures"] = True
        if "provisional" in rows and bool(provisional(rows).any()):
            self.shown["provisional"] = True
        if "reference_date" in rows and "year" in rows and bool(incomplete(rows).any()):
            self.shown["incomplete"] = True

    def uses(self, *frames) -> None:
        """Cite rows whose figures appear only in sentences (a key message), so the Verantwoording names them."""
        for rows in frames:
            self.cite(rows)

    def _source_line(self, source) -> str | None:
        """The line to print for ``source`` (rows, a list of frames, or text), or None when this heading printed it
        already."""
        if source is None:
            return None
        if isinstance(source, (list, tuple)):  # a figure computed from several tables: all of them
            import pandas as pd

            source = pd.concat(list(source), ignore_index=True)
        line = source if isinstance(source, str) else self.cite(source)
        if line in self._lines_here:
            return None
        self._lines_here.add(line)
        return line

    # --- text -----------------------------------------------------------------------------------------------

    def title(self, title: str, *, period: str | None = None) -> None:
        """Set the title (and period) of the first page while the report runs, e.g. to say the figures are
        synthetic. Shows nothing."""
        _display("", title_page_metadata(title=title, period=period))

    def key_messages(self, messages: list, *, question: str | None = None) -> None:
        """Show the key messages (3 to 5 computed sentences, each alone or as ``(head, text)``), with the question
        they answer."""
        markup = kernboodschappen_html(messages, question=question)
        self._key_text = html.unescape(markup)
        _display(markup)

    def heading(self, text: str, *, level: int = 2) -> None:
        """Start a part of the report (a "Bron:" line may be printed again under a new heading)."""
        from IPython.display import Markdown, display

        if level <= 2:
            self._lines_here = set()
        display(Markdown(f"{'#' * level} {text}"))

    def text(self, markdown: str) -> None:
        """Show a paragraph (Markdown; raw HTML is shown as text in the report); an empty text shows nothing."""
        from IPython.display import Markdown, display

        if not markdown.strip():
            return
        _SHOWN.append(markdown)  # its marks of own work count for the Verantwoording
        display(Markdown(markdown))

    def definitions(self, series: list[str]) -> None:
        """Show what the series mean, as the catalog defines them (their label and definition), as a list."""
        from sdlib.data.catalog import entry

        items = "".join(
            f"<li><strong>{html.escape(entry(s, self.data_dir).short)}</strong>: "
            f"{html.escape(entry(s, self.data_dir).definition)}</li>"
            for s in series
        )
        _display(f'<ul class="sd-definitions">{items}</ul>')

    def note(self, text: str, *, kind: str = "note") -> None:
        """Show a highlighted remark (``kind`` note or warning); nothing for an empty text."""
        if not str(text).strip():
            return
        _display(f'<div class="{CSS[kind]}">{html.escape(text)}</div>')

    def sentence(self, text: str, *, source=None) -> None:
        """Show one sentence with a figure and its "Bron:" line (a single figure needs no table)."""
        line = self._source_line(source)
        tail = f'<p class="{CSS["source"]}">{html.escape(line)}</p>' if line else ""
        _display(f"<p>{html.escape(text)}</p>{tail}")

    # --- figures --------------------------------------------------------------------------------------------

    def chart(self, fig_or_ax, text: str, *, kind: str, source=None) -> None:
        """Show a chart: the image with its text alternative, the sentence it shows and its source line."""
        from sdlib.present.plot import chart_html

        # the Verantwoording names only the marks the charts show: a chart whose legend has no 'voorlopig' entry
        # draws no provisional figure (its rows may hold one it leaves out, as a part of a year)
        if _legend_says(fig_or_ax, "voorlopig"):
            self.shown["charts"].append(kind)
        _display(chart_html(fig_or_ax, text, kind=kind, source=self._source_line(source)))

    def table(self, frame, *, source=None, **kwargs) -> None:
        """Show a table (see :func:`sdlib.present.tables.table`) with its source line."""
        from sdlib.present import tables

        self._marks(frame)
        _display(tables.table_html(frame, source=self._source_line(source), **kwargs))

    def wide_table(self, data, *, source=None, **kwargs) -> None:
        """Pivot tidy rows and show them as a table (see :func:`sdlib.present.tables.wide_table`)."""
        from sdlib.present import tables

        rows = data if source is None else source
        self._marks(data)
        _display(tables.wide_table_html(data, source=self._source_line(rows if "source" in rows else None), **kwargs))

    def quote(self, series, *, about: int | None = None, year: int | None = None, source: str | None = None) -> None:
        """Quote the municipality's own explanation of these series (as printed, with its document).

        Shows nothing when the documents print none. A quotation is cited (its document and heading), but the
        year it is about does not count as a year of figures.
        """
        markup, rows = toelichting_html(
            series, year=year, about=about, source=source, data_dir=self.data_dir, seen=self._quoted
        )
        if markup:
            self.shown["quotes"] = True
            cited = rows.drop(columns=["year", "about"]).assign(reference_date=None)
            self.citations.add(provenance.citations(cited, self.data_dir))
            _display(markup)

    def voice(
        self, topic: str, *, kinds=None, years=None, heading: str | None = None, limit: int | None = None
    ) -> None:
        """Quote the municipality's own words about a topic (``data/passages.csv``): its explanation, what it does,
        its conclusions and comparisons, newest first, each with its document (nothing when there are none).

        Parameters
        ----------
        kinds : list of str, optional
            Only these kinds (``uitleg``, ``aanpak``, ``conclusie``, ``vergelijking``).
        years : iterable of int, optional
            Only passages about these years.
        heading : str, optional
            A heading (h3) above the quotations, shown only when there are any.
        """
        from sdlib.data.texts import passages

        found = passages(topic, data_dir=self.data_dir)
        if kinds is not None:
            found = found[found["kind"].isin(list(kinds))]
        if years is not None:
            found = found[found["year"].isin([int(y) for y in years])]
        found = found.sort_values("year", ascending=False, kind="stable")
        if limit is not None:
            found = found.head(limit)
        if found.empty:
            return
        cited = found.drop(columns="year").assign(table=found["section"], reference_date=None)
        self.citations.add(provenance.citations(cited, self.data_dir))
        self.shown["quotes"] = True
        # under a heading of its own ('Wat de gemeente doet'), a passage the key messages quote whole is not quoted
        # again (round 51: the same words twice made the report long); the Verantwoording still names its document
        # and section. A part quoted on page 1 is quoted whole here, so the reader finds its context; without a
        # heading the passage is what its part shows (the herinstroom figures), so it stays.
        from sdlib.data.texts import with_sic

        if heading:
            whole = [with_sic(r["text"], r.get("sic", "") or "") in self._key_text for _, r in found.iterrows()]
            found = found[[not w for w in whole]]
        if found.empty:
            return
        if heading:
            self.heading(heading, level=3)
        _display("".join(passage_html(row, self.data_dir) for _, row in found.iterrows()))

    # --- the end --------------------------------------------------------------------------------------------

    def verantwoording(
        self, *, period: str | None = None, notes: list[str] | None = None, series: list[str] | None = None
    ) -> None:
        """Show the Verantwoording (the last part): definitions of the series shown, the documents and tables
        cited, how current the figures are, provisional figures and notes; and set the title page."""
        from sdlib.data.catalog import entry

        cited = list(self.citations)
        status = status_text(cited, self.data_dir)
        titles = [t for t, _ in _sources(cited)]
        ids = dict.fromkeys([*(series or []), *self.series, *(c.series for c in cited if c.series)])
        texts = [entry(sid, self.data_dir).definition for sid in ids if _known(sid, self.data_dir)]
        titles += _named_documents([*texts, *(notes or []), " ".join(_SHOWN)], set(titles), self.data_dir)
        meta = title_page_metadata(period=period, sources=titles, status=status)
        _display(
            verantwoording_html(
                [*(series or []), *self.series],
                notes=notes,
                citations=cited,
                status=status,
                data_dir=self.data_dir,
                said=html.unescape(" ".join(_SHOWN)),
                **self.shown,
            ),
            meta,
        )
