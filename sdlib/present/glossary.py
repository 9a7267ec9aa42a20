"""The Dutch glossary (begrippenlijst), generated from one source of truth: the data folder.

Every term (``terms:``), the programme and its objectives (``programme:``, ``objectives:``), every series with
figures (its desired direction and where that direction comes from, its objective, the documents and years it is
published in, own readings of its periods, its series breaks; what it counts is said in the Verantwoording of each
report that shows it) and the documents (``sources.csv``) come from the data. Nothing
in here names a municipality, a document or a year, so another municipality's data give its own glossary.

The glossary has four parts: the terms (alphabetical, capitals ignored), the programme and its objectives, the
appendix "Cijfers in de rapporten" (per theme, the series alphabetical by title) and the documents. The objective
id ``totaal`` (the programme as a whole in the financial figures) is not a doelstelling and is said separately.

Attribution is said once, in :data:`INTRO`: a document's words are quoted with its name; a description without a
document is an own description and a direction without a document an own choice. So no entry carries "eigen
omschrijving" or "eigen keuze" for that; a direction names its document only where a document states it
(``direction_source``). The years of a figure come from the data: a figure whose peildatum is 1 January of its
year is a stand on that day ("stand 1 januari 2025"), a figure of one month is named by its month.

``sdlib glossary`` writes :func:`glossary_markdown` to ``data/BEGRIPPENLIJST.md``; the report ``begrippenlijst``
shows the same content through :func:`show`, in HTML with an anchor per term (``begrip-...``) and per series
(``cijfer-...``), a jump list by first letter and links for cross references written ``zie 'term'`` (to a term,
or else to a figure of the appendix by its title). The text is for readers: no file names, commands, tool names or
series ids. The terms and series of the record-level figures are added only with ``records=True`` (the analysts'
report).

A catalog text that says 'dit rapport' means the report that shows it; the glossary is no report, so it says 'de
rapporten' there, with the verb in the plural (:func:`_all_reports`). The catalog keeps 'dit rapport' for the
reports.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from sdlib.data.catalog import model, read_sources
from sdlib.data.load import load

__all__ = ["glossary_markdown", "glossary_blocks", "show", "INTRO", "READING", "TOTAL"]

INTRO = (
    "Deze lijst legt de woorden en cijfers van de rapporten over het sociaal domein uit. Woorden uit een document "
    "staan tussen aanhalingstekens, met de naam van het document erbij; de documenten staan achteraan onder Bronnen. "
    "Een omschrijving zonder document erachter is een eigen omschrijving; een richting zonder document erachter is "
    "een eigen keuze. Achterin staat per cijfer uit welke documenten het komt."
)
READING = "Zo leest u de rapporten"
APPENDIX = "Bijlage: cijfers in de rapporten"
APPENDIX_INTRO = (
    "Per cijfer: of hoger of lager beter is en welk document dat zegt ('eigen keuze': geen document zegt het), bij "
    "welke doelstelling het hoort en in welke documenten het staat, over welke jaren. Een 'indicator' is een cijfer "
    "dat de gemeente zelf bij die doelstelling volgt, meestal met een doel. Wat een cijfer precies telt, met de "
    "woorden van de documenten, en wat een trendbreuk betekent, staat in de Verantwoording van het rapport met het "
    "cijfer."
)
SOURCES_INTRO = "De documenten waar de cijfers en omschrijvingen uit komen, met hun volledige titel."
TOTAL = "totaal"  # the objective id of the programme as a whole (financial figures), not a doelstelling

_DIRECTION = {
    "higher": "Hoger is beter",
    "lower": "Lager is beter",
    "on_target": "Het beste is een uitkomst zo dicht mogelijk bij het doel",
}
_NUMBERS = dict(enumerate(["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"]))

# A catalog text says 'dit rapport': the report that shows it. The glossary is no report, so there it is every
# report that shows the figure: 'de rapporten', and a verb of which 'dit rapport' is the subject goes to the plural
# ('dit rapport leest' -> 'de rapporten lezen', also inverted: 'daarom leest dit rapport' -> 'daarom lezen de
# rapporten'). After a preposition ('in dit rapport zijn de maanden') the verb belongs to another subject.
_PLURAL = {
    "behandelt": "behandelen",
    "berekent": "berekenen",
    "gaat": "gaan",
    "gebruikt": "gebruiken",
    "geeft": "geven",
    "heeft": "hebben",
    "houdt": "houden",
    "is": "zijn",
    "kan": "kunnen",
    "kiest": "kiezen",
    "laat": "laten",
    "leest": "lezen",
    "mag": "mogen",
    "moet": "moeten",
    "neemt": "nemen",
    "noemt": "noemen",
    "rekent": "rekenen",
    "rondt": "ronden",
    "schrijft": "schrijven",
    "telt": "tellen",
    "toont": "tonen",
    "vergelijkt": "vergelijken",
    "volgt": "volgen",
    "wil": "willen",
    "zegt": "zeggen",
    "zet": "zetten",
    "zal": "zullen",
}
_PREPOSITIONS = frozenset(
    ["aan", "bij", "door", "in", "met", "naar", "om", "op", "over", "tot", "uit", "van", "volgens", "voor", "zonder"]
)
_THIS_REPORT = re.compile(r"\b(?:(\w+) )?([Dd])it rapport\b(?: (\w+)\b)?")
# a quotation of a document ('...'): its words stay as the document wrote them; an apostrophe inside a word
# ("zo'n") neither opens nor closes one
_QUOTATION = re.compile(r"((?<!\w)'.*?'(?!\w))")


@dataclass(frozen=True)
class Entry:
    """One defined word or figure: its name (bold), its explanation and its anchor in the HTML glossary."""

    name: str
    text: str
    anchor: str
    cells: tuple = ()  # a figure of the appendix: (beter is, hoort bij, staat in), its row in the HTML table


def _flat(text) -> str:
    return " ".join(str(text).split())


def _fold(text: str) -> str:
    """Without accents: 'één' -> 'een' (for sorting, anchors and first letters)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _sort_key(name: str) -> str:
    return _fold(name).lower()


def _anchors(names: list[str], prefix: str) -> dict[str, str]:
    """A unique id per name: 'POH-jeugd' -> 'begrip-poh-jeugd' (a second 'x' gets 'begrip-x-2')."""
    out, used = {}, set()
    for name in names:
        base = f"{prefix}-{re.sub(r'[^a-z0-9]+', '-', _sort_key(name)).strip('-') or 'x'}"
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        out[name] = anchor
    return out


def _runs(years: list[int]) -> str:
    """'2015 tot en met 2019', '2023 en 2024', '2023 en 2025 tot en met 2028'."""
    ys = sorted({int(y) for y in years})
    runs, start = [], 0
    for i in range(1, len(ys) + 1):
        if i == len(ys) or ys[i] != ys[i - 1] + 1:
            part = ys[start:i]
            runs += [f"{part[0]} tot en met {part[-1]}"] if len(part) > 2 else [str(y) for y in part]
            start = i
    return _join(runs)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _capital_like(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _all_reports(text: str) -> str:
    """The words of a catalog text for the glossary: 'dit rapport' (the report that shows the text) becomes 'de
    rapporten', with the verb in the plural; 'Dit rapport kiest zelf' -> 'De rapporten kiezen zelf', 'de maanden in
    dit rapport zijn' -> 'de maanden in de rapporten zijn'. A document's words between quotation marks stay."""

    def plural(match: re.Match) -> str:
        before, d, after = match.group(1), match.group(2), match.group(3)
        reports = f"{d}e rapporten"
        if before and before.lower() in _PLURAL:  # inverted: 'daarom leest dit rapport'
            return f"{_capital_like(_PLURAL[before.lower()], before)} {reports}" + (f" {after}" if after else "")
        head = f"{before} " if before else ""
        if after and after in _PLURAL and (before or "").lower() not in _PREPOSITIONS:
            return f"{head}{reports} {_PLURAL[after]}"
        return f"{head}{reports}" + (f" {after}" if after else "")

    parts = _QUOTATION.split(text)  # odd items are quotations
    return "".join(part if i % 2 else _THIS_REPORT.sub(plural, part) for i, part in enumerate(parts))


# --- the parts ----------------------------------------------------------------------------------------------


def _terms(cat, records: bool) -> list[Entry]:
    terms = {k: _all_reports(_flat(v)) for k, v in cat.terms.items()} | (
        {k: _all_reports(_flat(v)) for k, v in cat.record_terms.items()} if records else {}
    )
    names = sorted(terms, key=_sort_key)
    anchors = _anchors(names, "begrip")
    return [Entry(name, terms[name], anchors[name]) for name in names]


def _reading(data_dir=None) -> list[Entry]:
    """The words that say how to read the reports (own work, [sic]), in the catalog's order, above the terms."""
    from sdlib.data.catalog import model

    cat = model(data_dir)
    anchors = _anchors(list(cat.reading_terms), "lezen")
    return [Entry(name, _all_reports(_flat(text)), anchors[name]) for name, text in cat.reading_terms.items()]


def _programme(cat) -> tuple[list[str], list[tuple[str, str]], str]:
    """(paragraphs before the list, (id, label) of each doelstelling, the sentence after it)."""
    objectives = [(k, v) for k, v in cat.objectives.items() if k != TOTAL]
    before = []
    if cat.programme is not None:
        before.append(f"De rapporten gaan over programma {cat.programme.id} '{cat.programme.title}' van de begroting.")
    if objectives:
        count = _NUMBERS.get(len(objectives), str(len(objectives)))
        noun = "doelstelling" if len(objectives) == 1 else "doelstellingen"
        before.append(f"Het programma heeft {count} {noun}:" if cat.programme is not None else "De doelstellingen:")
    after = (
        "In de financiële cijfers staat daarnaast het totaal van het programma: alle doelstellingen samen."
        if TOTAL in cat.objectives
        else ""
    )
    return before, objectives, after


def _stand(rows):
    """Boolean Series: the row is a stand on 1 January of its year (a count on that day, not a figure over the
    year): its peildatum is 1 January of the year it is about."""
    import pandas as pd

    if "reference_date" not in rows:
        return pd.Series(False, index=rows.index)
    ref = pd.to_datetime(rows["reference_date"])
    return (ref.dt.year == rows["year"]) & (ref.dt.month == 1) & (ref.dt.day == 1)


def _periods(rows, data_dir=None) -> str:
    """What the realised figures of one document cover, from the data: 'over 2023 en 2024', 'januari, april,
    juli en augustus 2019' (rows of a month), 'stand 1 januari 2025' (a peildatum of 1 January of its year)."""
    from sdlib.present.fmt import month_name

    stand = _stand(rows).fillna(False).astype(bool)
    monthly = ~stand & rows["month"].notna() if "month" in rows else stand & False
    # a part of a year ('1e halfjaar'): the catalog's first period value is the whole year
    part = stand & False
    if "period" in rows:
        period = model(data_dir).dimensions.get("period")
        first = period.values[0] if period is not None and period.values else None
        part = ~stand & ~monthly & rows["period"].notna() & (rows["period"].astype(str) != str(first))
    whole = rows[~stand & ~monthly & ~part]
    parts = [f"over {_runs(whole['year'].tolist())}"] if len(whole) else []
    for (year, value), _grp in rows[part].groupby(["year", "period"], sort=True) if part.any() else []:
        parts.append(f"over {model(data_dir).dimensions['period'].label(value)} {int(year)}")
    for year, grp in rows[monthly].groupby("year"):
        months = [month_name(int(m)) for m in sorted(set(grp["month"]))]
        parts.append(f"{_join(months)} {int(year)}")
    stands = sorted(set(rows.loc[stand, "year"]))
    if stands:
        parts.append("stand " + _join([f"1 januari {int(y)}" for y in stands]))
    return _join(parts) if parts else ""


def _documents(sid: str, data_dir, parts: list[str] | None = None) -> str:
    """'De cijfers staan in: Jaarstukken 2024 (over 2023 en 2024, met de doelen) en ...' (``parts``: those of
    :func:`_document_parts`, when already read)."""
    parts = _document_parts(sid, data_dir) if parts is None else parts
    note = model(data_dir).series[sid].period_note
    return f"De cijfers staan in: {_join(parts)}." + (f" {note[0].upper()}{note[1:]}" if note else "")


def _document_parts(sid: str, data_dir) -> list[str]:
    """Per document, oldest first: 'Jaarstukken 2024 (over 2023 en 2024, met de doelen)'."""
    from sdlib.calc.indicators import no_target

    sources = read_sources(data_dir)
    df = load(sid, vintage="all", data_dir=data_dir)
    df = df.assign(_pub=df["source"].map(lambda s: sources[s]["publication_year"]))
    parts = []
    for src, grp in df.sort_values("_pub", kind="stable").groupby("source", sort=False):
        real = grp[grp["measure"] == "realisatie"]
        goals = grp[grp["measure"] == "begroting"]
        # a target printed as 0 where higher is better is no target (as the reports read it)
        goal = [
            y for y, v in zip(goals["year"], goals["value"]) if not no_target(v, model(data_dir).series[sid].direction)
        ]
        forecast = grp.loc[grp["measure"] == "prognose", "year"].tolist()
        says = [_periods(real, data_dir)] if len(real) else []
        if goal:
            beyond = sorted(set(goal) - set(real["year"]))
            says.append(f"doelen voor {_runs(beyond)}" if beyond else "met de doelen")
        if forecast:
            says.append(f"verwachting voor {_runs(forecast)}")
        parts.append(f"{sources[src]['short_title']} ({', '.join(says)})" if says else sources[src]["short_title"])
    return parts


def _direction(s) -> str:
    """'Lager is beter (Programmabegroting 2025: '...').' with the document that says so; a direction without a
    document ('eigen keuze', or no source given) is marked '(eigen keuze)'."""
    if not s.direction:
        return ""
    text = _DIRECTION[s.direction]
    if s.direction == "on_target" and s.tolerance_pct is not None:
        tolerance = f"{s.tolerance_pct:g}".replace(".", ",")
        # only where no document judged: the reports print the document's verdict where there is one (an own
        # margin is not marked here: the glossary's intro says once that a choice without a document is our own)
        text += (
            f"; waar geen document oordeelt, rekenen de rapporten een uitkomst binnen {tolerance}% ervan als gehaald"
        )
    why = _flat(s.direction_source or "")
    # round 22: 'eigen keuze' beside each direction no document states, not only once in the intro
    return f"{text} ({why})." if why and not _own(why) else f"{text} (eigen keuze)."


def _short_direction(s) -> str:
    """The appendix table's 'beter is': 'lager (Programmabegroting 2025)', 'hoger (eigen keuze)', 'rond het doel
    (…)'; the document's words stay in the text version (:func:`_direction`)."""
    if not s.direction:
        return "–"
    word = {"higher": "hoger", "lower": "lager", "on_target": "dicht bij het doel"}[s.direction]
    why = _flat(s.direction_source or "")
    if not why or _own(why):
        return f"{word} (eigen keuze)"
    # an indicator's own name says the better side in a few words: quoted ('Afname ...'); a document's longer
    # sentence is named by its document only (round 43: '(naam van de indicator in de Jaarstukken 2024)' read as
    # cryptic without the name)
    named = re.match(r"naam van de indicator in de (.+?): ('.+')$", why)
    if named:
        return f"{word} ({named.group(1)}: {named.group(2)})"
    document = why.split(": '")[0]
    return f"{word} ({document})"


def _own(source: str) -> bool:
    """A source that is our own work ('eigen keuze', 'eigen berekening'), not a document."""
    return source.lower().startswith("eigen ")


def _series(cat, key: str, records: bool, data_dir) -> list[Entry]:
    ids = sorted(
        (
            sid
            for sid, s in cat.series.items()
            if s.theme == key and (records or not s.records_only) and s.in_reports  # only figures a reader meets
        ),
        key=lambda sid: _sort_key(cat.series[sid].title),
    )
    anchors = _anchors([cat.series[sid].title for sid in ids], "cijfer")
    out = []
    for sid in ids:
        s = cat.series[sid]
        # what a figure counts is its report's Verantwoording (and its title): here only where it comes from
        direction = _direction(s)
        objective = (
            f"{'Een indicator van' if s.indicator else 'Hoort bij'} doelstelling {s.objective}." if s.objective else ""
        )
        parts = [] if s.records_only else _document_parts(sid, data_dir)
        where = [
            "Dit cijfer staat in geen document: het wordt berekend uit de registraties van de gemeente."
            if s.records_only
            else _documents(sid, data_dir, parts)
        ]
        where += [f"Trendbreuk in {b.year}: {_flat(b.note)}" for b in s.breaks]  # whose reading it is, said
        text = _all_reports(" ".join(x for x in [direction, objective, *where] if x))
        cells = (
            _short_direction(s),
            f"{s.objective}{' (indicator)' if s.indicator else ''}" if s.objective else "–",
            "berekend uit de registraties van de gemeente"
            if s.records_only
            else "; ".join(parts) + (f"; trendbreuk in {_join([str(b.year) for b in s.breaks])}" if s.breaks else ""),
        )
        out.append(Entry(s.title, text, anchors[s.title], cells))
    return out


def _sources(data_dir) -> list[tuple[str, str]]:
    """(bold part, the rest) per document: the full title, preceded by the short title (by which the appendix
    names the document) only where the full title does not contain it."""
    out = []
    for src in read_sources(data_dir).values():
        short, title = _flat(src["short_title"]), _flat(src["title"])
        rest = f"{_flat(src['publisher'])}, {src['publication_year']}."
        out.append((title, f". {rest}") if short in title else (short, f": {title}. {rest}"))
    return out


def _parts(theme, records, data_dir):
    cat = model(data_dir)
    if theme is not None and theme not in cat.themes:
        raise ValueError(f"onbekend thema {theme!r}; kies uit: {', '.join(cat.themes)}")
    themes = [
        (label, _series(cat, key, records, data_dir))
        for key, label in cat.themes.items()
        if theme is None or key == theme
    ]
    return _terms(cat, records), _programme(cat), [(label, e) for label, e in themes if e], _sources(data_dir)


# --- Markdown -----------------------------------------------------------------------------------------------


def glossary_markdown(*, theme: str | None = None, records: bool = False, data_dir=None) -> str:
    """Return the whole glossary as Markdown (Dutch); ``theme`` limits the appendix of figures to one theme.

    ``records=True`` adds the terms and series of the record-level figures (for the analysts' report).
    """
    terms, (before, objectives, after), themes, sources = _parts(theme, records, data_dir)
    out = ["# Begrippenlijst sociaal domein", "", INTRO, ""]
    reading = _reading(data_dir)
    if reading:
        out += [f"## {READING}", ""] + [line for e in reading for line in (f"**{e.name}**: {e.text}", "")]
    out += ["## Begrippen", ""]
    for e in terms:
        out += [f"**{e.name}**: {e.text}", ""]
    if before or objectives:
        out += ["## Programma en doelstellingen", ""]
        out += [line for p in before for line in (p, "")]
        out += [f"- **{k}** {label}" for k, label in objectives] + [""]
        out += [after, ""] if after else []
    out += [f"## {APPENDIX}", "", APPENDIX_INTRO, ""]
    for label, entries in themes:
        out += [f"### {label}", ""]
        for e in entries:
            out += [f"**{e.name}**: {e.text}", ""]
    out += ["## Bronnen", "", SOURCES_INTRO, ""]
    out += [f"- **{bold}**{rest}" for bold, rest in sources]
    return "\n".join(out).rstrip() + "\n"


# --- HTML ---------------------------------------------------------------------------------------------------


def _linked(text: str, anchors: dict[str, str]) -> str:
    """Escape ``text`` and link every cross reference ``zie 'term'`` (also 'zie ook 'a' en 'b'') to its term or
    figure."""
    escaped = html.escape(text, quote=False)

    def link(quoted: re.Match) -> str:
        name = html.unescape(quoted.group(1))
        return f"'<a href=\"#{anchors[name]}\">{quoted.group(1)}</a>'" if name in anchors else quoted.group(0)

    def refs(match: re.Match) -> str:
        return re.sub(r"'([^']+)'", link, match.group(0))

    return re.sub(r"\b[Zz]ie (?:ook )?'[^']+'(?:(?:, | en )'[^']+')*", refs, escaped)


def _entry_html(e: Entry, anchors: dict[str, str]) -> str:
    return f'<p id="{e.anchor}"><strong>{html.escape(e.name, quote=False)}</strong>: {_linked(e.text, anchors)}</p>'


_APPENDIX_COLUMNS = ("cijfer", "beter is", "doelstelling", "staat in")


def _appendix_table(label: str, entries: list[Entry], anchors: dict[str, str]) -> str:
    """The figures of one theme as a table: name, which side is better, objective, documents and years."""
    head = "".join(f'<th scope="col">{c}</th>' for c in _APPENDIX_COLUMNS)
    rows = []
    for e in entries:
        cells = "".join(
            f'<td class="text" data-label="{column}">{_linked(text, anchors)}</td>'
            for column, text in zip(_APPENDIX_COLUMNS[1:], e.cells)
        )
        rows.append(f'<tr id="{e.anchor}"><th scope="row">{html.escape(e.name, quote=False)}</th>{cells}</tr>')
    name = html.escape(f"Cijfers: {label}", quote=True)
    return (
        f'<figure class="sd-table sd-long"><table aria-label="{name}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></figure>"
    )


def _jump_list(terms: list[Entry]) -> str:
    """Links to the first term of every first letter: 'A B D E ...'."""
    first: dict[str, str] = {}
    for e in terms:
        letter = (_fold(e.name)[:1] or "#").upper()
        first.setdefault(letter if letter.isalpha() else "#", e.anchor)
    # one plain space between the letters; the style sheet makes each letter a target big enough for a finger
    links = " ".join(f'<a href="#{anchor}">{letter}</a>' for letter, anchor in first.items())
    label = '<span class="sd-jump-label">Naar de letter:</span>'
    return f'<p class="sd-jump" role="navigation" aria-label="Begrippen op beginletter">{label} {links}</p>'


def glossary_blocks(*, theme: str | None = None, records: bool = False, data_dir=None) -> list[tuple]:
    """The glossary as the report shows it, in order: ``("heading", text, level)`` or ``("html", markup)``.

    One block per term and per series, so that a page may break between any two of them.
    """
    terms, (before, objectives, after), themes, sources = _parts(theme, records, data_dir)
    # a cross reference lands on its term, or else on a figure of the appendix ('zie 'Uitkeringen ...'')
    reading = _reading(data_dir)
    anchors = (
        {e.name: e.anchor for _, entries in themes for e in entries}
        | {e.name: e.anchor for e in reading}
        | {e.name: e.anchor for e in terms}
    )
    blocks: list[tuple] = [("html", f"<p>{html.escape(INTRO, quote=False)}</p>")]
    if reading:  # how to read the reports, once, above the terms (not among them)
        blocks += [("heading", READING, 2)] + [("html", _entry_html(e, anchors)) for e in reading]
    blocks += [("heading", "Begrippen", 2), ("html", _jump_list(terms))]
    blocks += [("html", _entry_html(e, anchors)) for e in terms]
    if before or objectives:
        blocks.append(("heading", "Programma en doelstellingen", 2))
        items = "".join(
            f"<li><strong>{html.escape(k, quote=False)}</strong> {html.escape(label, quote=False)}</li>"
            for k, label in objectives
        )
        blocks.append(
            (
                "html",
                "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in before)
                + (f"<ul>{items}</ul>" if items else "")
                + (f"<p>{html.escape(after, quote=False)}</p>" if after else ""),
            )
        )
    blocks += [("heading", APPENDIX, 2), ("html", f"<p>{html.escape(APPENDIX_INTRO, quote=False)}</p>")]
    for label, entries in themes:
        # a table per theme, a row per figure (a council reviewer found the appendix as paragraphs long to scan);
        # the theme heading opens the block of its table, whose rows may break over pages
        blocks.append(("html", f"<h3>{html.escape(label, quote=False)}</h3>{_appendix_table(label, entries, anchors)}"))
    items = "".join(
        f"<li><strong>{html.escape(bold, quote=False)}</strong>{html.escape(rest, quote=False)}</li>"
        for bold, rest in sources
    )
    blocks += [("heading", "Bronnen", 2), ("html", f"<p>{html.escape(SOURCES_INTRO, quote=False)}</p><ul>{items}</ul>")]
    return blocks


def show(doc, *, theme: str | None = None, records: bool = False) -> None:
    """Show the glossary in a report: headings through ``doc``, the terms and series as HTML with anchors."""
    from IPython.display import HTML, display

    for block in glossary_blocks(theme=theme, records=records, data_dir=doc.data_dir):
        if block[0] == "heading":
            doc.heading(block[1], level=block[2])
        else:
            display(HTML(block[1]))
