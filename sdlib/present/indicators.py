"""The programme indicators in words, tables and one chart: the presentation of :mod:`sdlib.calc.indicators`.

Nothing here decides a verdict: :func:`sdlib.calc.indicators.table` does, once. This module phrases it
("haalden 4 van de 16 indicatoren met een doel hun doel"), lays out the table per doelstelling as the
Jaarstukken print it (begroting and realisatie of two years, the difference, both verdicts), and draws the
differences of the percentage indicators.
"""

from __future__ import annotations

import math

from sdlib.calc.changes import STEADY_PCT, steady
from sdlib.calc.indicators import table as indicator_table
from sdlib.calc.values import half_up
from sdlib.data.catalog import model
from sdlib.present.fmt import fmt_value
from sdlib.present.sentences import capital, join, printed

__all__ = [
    "chart_title",
    "reached",
    "signed",
    "in_words",
    "summary",
    "scorecard",
    "listing",
    "worse_than_before",
    "reading_notes",
    "verdict_cell",
    "view",
    "sentence",
    "revision_sentence",
    "deviation_chart",
    "relative_chart",
    "YES_NO",
]

YES_NO = {True: "Ja", False: "Nee", None: "–"}
UNIT_WORD = {"percent": "procentpunt", "years": "jaar"}


def _is(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def chart_title(series: str, *, every_side: bool = False) -> str:
    """The title of a series above a chart or in a chart's legend, with '(lager is beter)' where lower is better
    (a reader assumes higher is better), and the scale of a score from the catalog: 'Eenzaamheidsscore inwoners van
    18 jaar en ouder (schaal 0 tot 11, lager is beter)'. ``every_side``: '(hoger is beter)' too, for a table of
    verdicts (round 41: '990, 10 onder, Nee' did not say why below is worse)."""
    from sdlib.present.fmt import fmt_number

    meta = model().series[series]
    notes = []
    if meta.unit == "score" and getattr(meta, "min", None) is not None and getattr(meta, "max", None) is not None:
        notes.append(f"schaal {fmt_number(meta.min)} tot {fmt_number(meta.max)}")  # a score means nothing without it
    if meta.direction == "lower":
        notes.append("lager is beter")
    elif meta.direction == "higher" and every_side:
        notes.append("hoger is beter")
    return meta.title + (f" ({', '.join(notes)})" if notes else "")


def reached(k: int, n: int) -> str:
    """'bij 4 van de 16 indicatoren' (with 'alle' and 'geen van de' at the edges), for 'haalde de gemeente ...'."""
    if n == 1:
        return "bij de enige indicator" if k else "niet bij de enige indicator"
    if k == 0:
        return f"bij geen van de {n} indicatoren"
    if k == n:
        return f"bij alle {n} indicatoren"
    return f"bij {k} van de {n} indicatoren"


def signed(diff: float, series: str, *, unit_word: bool = True, decimals: int | None = None) -> str:
    """A difference as a table prints it: '+3,0 procentpunt', '−0,4 jaar', '−€ 710', '+28' (without the unit's
    word where an axis names it: '+3,0'); ``decimals`` gives several differences one notation (a difference of
    printed figures is exact to the larger of their decimals: 80% − 71% is 9,0)."""
    unit = model().series[series].unit
    places = model().decimals(series) if decimals is None else decimals
    size = printed(abs(diff), unit=unit, decimals=places)
    if unit == "percent":
        size = size.rstrip("%")
    word = UNIT_WORD.get(unit)
    sign = "" if half_up(diff, places) == 0 else ("+" if diff > 0 else "−")
    return f"{sign}{size}" + (f" {word}" if word and unit_word else "")


def in_words(diff: float, series: str, up: str = "hoger", down: str = "lager") -> str:
    """A difference for a sentence, in words: '3,0 procentpunt hoger', '€ 710 lager', 'gelijk'."""
    unit = model().series[series].unit
    size = printed(abs(diff), series=series)
    if unit == "percent":
        size = size.rstrip("%") + " procentpunt"
    elif unit == "years":
        size += " jaar"
    elif unit == "score":
        size += " punt"
    return "gelijk" if half_up(diff, model().decimals(series)) == 0 else f"{size} {up if diff > 0 else down}"


def _count(tab, column: str):
    judged = tab[tab[column].map(_is)]
    return int((judged[column] == True).sum()), len(judged)  # noqa: E712 (a column of True/False/None)


def summary(tab, year: int, before=None, *, shortfalls: int = 2) -> list[tuple[str, str]]:
    """The key messages of an indicator table, meaning first, each as (head, text): how many targets were met (and
    the year before), whether a document judged the same, which were met, which fell furthest short, what is
    provisional."""
    from sdlib.present.provenance import source_title
    from sdlib.present.sentences import _document

    k, n = _count(tab, "computed")
    if not n:
        return [
            (
                "Geen doelen",
                f"Over {year} staan geen indicatoren met zowel een doel als een realisatie in de documenten.",
            )
        ]
    head = f"Doel gehaald {reached(k, n)} met een doel in {year}"
    met = tab[tab["computed"] == True]  # noqa: E712
    # which were met, in the same message as their count (round 40: a message of their own left no room for what
    # the municipality does); a provisional figure says so beside its name: a met target on it may still change
    text = (
        f"Gehaald: {join(s + (' (voorlopig)' if p else '') for s, p in zip(met['subject'], met['provisional']))}."
        if 0 < len(met) < n
        else ""
    )
    pk, pn = _count(tab, "published")
    if pn:
        agree = tab[tab["agree"].map(_is)]
        differ = agree[agree["agree"] == False]  # noqa: E712
        docs = list(dict.fromkeys(tab["published_source"].dropna()))
        named = [_document(source_title(d)) for d in docs]
        doc = join(d for d, _ in named) if named else "de documenten"
        plural = len(named) != 1 or named[0][1]
        # where the documents judge the same, page 1 does not say so (round 51: a reader took it for how the report
        # checked itself); the reading guide says whose verdict the tables print
        if not differ.empty:
            text += (
                f" {_capital(doc)} {'noemen' if plural else 'noemt'} bij {pk} van de {pn} indicatoren 'Doel "
                f"gehaald: Ja'; bij {join(differ['subject'])} komt deze berekening tot een ander oordeel."
            )
    else:
        text += " Of een doel gehaald is, is een eigen berekening: de documenten geven over dit jaar geen oordeel."
    provisional = tab[tab["provisional"]]
    if len(provisional):  # said with the count it belongs to, not as a message of its own
        few = len(provisional)
        text += f" Van de cijfers over {year} {'zijn er' if few > 1 else 'is er'} {few} voorlopig (* in de tabellen)."
    if before is not None:
        # the year before on one basis with this year (round 40: '4 van de 16' beside '5 van de 15' read as two
        # counts that cannot be compared): the indicators with a better side, each year; a figure that should be
        # near its target (on_target) has no own verdict, and no document judged the year before
        now_sided = tab[tab["direction"].isin(["higher", "lower"])]
        then_sided = before[before["direction"].isin(["higher", "lower"])]
        _, ns = _count(now_sided, "computed")
        kb, nb = _count(then_sided, "computed")
        if nb and ns:
            # round 41: a second denominator beside the first read as two counts; the number met says it
            own = "" if _count(then_sided, "published")[1] else " (eigen berekening)"
            text += f" In {year - 1} {'haalde er' if kb == 1 else 'haalden er'} {kb} hun doel{own}."
    out = [(head, text.strip())]
    missed = tab[(tab["computed"] == False) & (tab["unit"] == "percent") & tab["difference"].map(_is)]  # noqa: E712
    if len(missed):
        ranked = missed.assign(gap=missed["difference"].abs().round(1)).sort_values("gap", ascending=False)
        # an indicator as far from its target as the last one named is named too (3,0 and 3 procentpunt tie)
        cut = ranked["gap"].iloc[min(shortfalls, len(ranked)) - 1]
        far = ranked[ranked["gap"] >= cut]
        items = [
            f"{row['subject']} ({_value(row['realisatie'], row['id'])}, doel {_value(row['begroting'], row['id'])})"
            for _, row in far.iterrows()
        ]
        # the ranking is ours, in procentpunten among the percentages (round 47, a fact-checker); the gaps said
        # (round 48: 'in procentpunten' without them read as method)
        gaps = [printed(abs(d), series=i).rstrip("%") for d, i in zip(far["difference"], far["id"])]
        each = "respectievelijk " if len(gaps) > 1 else ""
        text = f"Van de indicatoren in procenten: {join(items)}: {each}{join(gaps)} procentpunt onder het doel (eigen berekening)."
        # the municipality's own explanation of the furthest one, where a document of that year gives one
        from sdlib.present.sentences import said

        topic = model().series[far.iloc[0]["id"]].topic
        why = said(topic, kinds=["uitleg"], year=year) if topic else ""
        out.append(("Verst van het doel", f"{text} {why}".strip()))  # round 46: no method in the head
    worse = worse_than_before(tab, year)
    if worse:
        out.append((f"Slechter dan in {year - 1}", worse))
    # a target made easier: a message of its own (buried among the targets met, the reviewers missed it)
    # round 52: on page 1 how many, and the one a met verdict rests on; the list itself under the chart
    # (:func:`easier_targets`): five items with their old and new targets made page 1 a table in prose
    eased = _easier(tab)
    if len(eased):
        many = f"Bij {len(eased)} indicatoren was" if len(eased) > 1 else "Bij 1 indicator was"
        text = f"{many} het doel voor {year} makkelijker dan voor {year - 1} (eigen berekening)."
        out.append((f"Makkelijker doel in {year}", f"{text} {_met_only_by_easier(met, year)}".strip()))
    # what the municipality does, only where a key message is left (a passage about another matter read as its
    # answer to the shortfalls: round 19)
    doing = _doing(tab, year) if len(out) < 5 else None
    if doing:
        out.append(doing)
    return out


def _met_only_by_easier(met, year: int) -> str:
    """'Het aantal adviezen bij Veilig Thuis haalde alleen het nieuwe doel; tegen het doel van 2023 was het niet
    gehaald (eigen berekening).' for a met target that was made easier and would have been missed ("" if none)."""
    from sdlib.calc.indicators import verdict

    def rescued(row) -> bool:
        old, new = row["previous_begroting"], row["begroting"]
        if not (_is(old) and _is(new)) or old == new or row["direction"] not in ("higher", "lower"):
            return False
        return not verdict(row["realisatie"], old, row["direction"])

    moved = met[met.apply(rescued, axis=1)] if len(met) else met
    return " ".join(
        f"{capital(row['subject'])} haalde alleen daardoor het doel ({_value(row['realisatie'], row['id'])}; doel "
        f"{_value(row['begroting'], row['id'])}; het doel van {year - 1} was "
        f"{_value(row['previous_begroting'], row['id'])}; eigen berekening)."
        for _, row in moved.iterrows()
    )


def easier_targets(tab, year: int, *, skip=()) -> str:
    """The targets made easier than the year before, by the direction of each indicator: 'Makkelijker dan in 2023
    was het doel bij de matches in de Verwijsindex (950 → 850) en het aandeel vrijwilligers (28% → 24%).' (``""``
    when none; indicators in ``skip`` are said elsewhere). A target made easier is debate material even where the
    result missed it."""
    eased = _easier(tab)
    items = [
        f"{row['subject']} ({_value(row['previous_begroting'], row['id'])} → {_value(row['begroting'], row['id'])})"
        for _, row in eased.iterrows()
        if row["id"] not in skip
    ]
    # easier by the direction of each indicator, a reading of ours where no document says which way is better
    return f"Makkelijker dan in {year - 1} was het doel bij {join(items)} (eigen berekening)." if items else ""


def _easier(tab):
    """The rows whose target was made easier than the year before, by the direction of each indicator."""

    def easier(row) -> bool:
        old, new = row.get("previous_begroting"), row.get("begroting")
        if not (_is(old) and _is(new)) or old == new or row.get("no_target") or row.get("previous_no_target"):
            return False
        return (row["direction"] == "higher" and new < old) or (row["direction"] == "lower" and new > old)

    return tab[tab.apply(easier, axis=1)] if len(tab) else tab


def _doing(tab, year: int, *, topics: int = 2):
    """('Wat de gemeente doet', quotes): what the municipality does in ``year`` about the indicators furthest from
    their target, one sentence each from up to ``topics`` topics that have such a passage (``data/passages.csv``,
    kind 'conclusie' or 'aanpak'); None when none has. (Round 41: one passage, about the inZet budget, read as no answer to the
    other missed targets.)"""
    from sdlib.present.sentences import VOICE_HEADS, said

    # in the order of 'Verst van het doel': the percentages by their gap in procentpunten, then the others
    missed = tab[(tab["computed"] == False) & tab["difference"].map(_is)]  # noqa: E712
    ranked = missed.assign(
        first=(missed["unit"] != "percent").astype(int),
        gap=[
            abs(d) if u == "percent" else abs(r or 0)
            for d, u, r in zip(missed["difference"], missed["unit"], missed["relative"])
        ],
    ).sort_values(["first", "gap"], ascending=[True, False])
    found = []
    for topic in dict.fromkeys(model().series[sid].topic for sid in ranked["id"]):
        # what it reports done or doing about that topic, one sentence (round 47); its conclusions first (round 49:
        # the inZet budget model read as no answer to the falling Wmo satisfaction; the cleared waiting lists do)
        text = said(topic, kinds=["conclusie", "aanpak"], year=year, short=True) if topic else ""
        if text:
            found.append(text)
        if len(found) == topics:
            break
    return (VOICE_HEADS["aanpak"], " ".join(found)) if found else None


def _pct(value: float) -> str:
    from sdlib.present.fmt import fmt_number

    return f"{fmt_number(value, 0 if float(value).is_integer() else 1)}%"


def worse_than_before(tab, year: int, *, limit: int = 2) -> str:
    """How many indicators moved the wrong way since the year before, naming the largest moves (relative to the
    year before): 'Bij 10 van de 14 indicatoren was de uitkomst in 2024 slechter dan in 2023, naar verhouding het
    meest bij ... (22,0% → 17,0%), ... (eigen berekening).' (``""`` when none). Only indicators with a direction
    and a realisation in both years count; values as printed."""
    rows, compared = [], 0
    for _, row in tab.iterrows():
        if row["direction"] not in ("higher", "lower") or not (
            _is(row["realisatie"]) and _is(row["previous_realisatie"])
        ):
            continue
        compared += 1
        places = model().decimals(row["id"])
        now, then = half_up(row["realisatie"], places), half_up(row["previous_realisatie"], places)
        if row["unit"] != "percent" and then and steady((now - then) / abs(then) * 100):
            continue  # 1.147 -> 1.146 is no change to report
        if (now < then) if row["direction"] == "higher" else (now > then):
            rows.append((abs(now - then) / abs(then) if then else 0, row))
    if not rows:
        return ""
    rows.sort(key=lambda pair: -pair[0])
    named = join(
        f"{row['subject']} ({_value(row['previous_realisatie'], row['id'])} → {_value(row['realisatie'], row['id'])})"
        for _, row in rows[:limit]
    )
    return (
        f"Bij {len(rows)} van de {compared} indicatoren met een gewenste richting was de uitkomst in {year} "
        f"slechter dan in {year - 1}, naar verhouding het meest bij {named} (eigen berekening)."
    )


def _judged(series, year: int, *, sided: bool = False):
    """The rows of the indicator table of ``year`` for these series that have a verdict; ``sided``: only those whose
    documents name a better side (higher or lower), not a figure that should be near its target (``on_target``)."""
    tab = indicator_table(year)
    tab = tab[tab["id"].isin(list(series)) & tab["computed"].map(_is)]
    return tab[tab["direction"].isin(["higher", "lower"])] if sided else tab


def _whose_verdict(row) -> str:
    """'; de gemeente noemt het doel niet gehaald' where a document judged the row, else ``""``."""
    verdict = {True: "gehaald", False: "niet gehaald"}.get(row["published"]) if _is(row["published"]) else None
    return f"; de gemeente noemt het doel {verdict}" if verdict else ""


def _apart(series, year: int) -> str:
    """A scorecard's sentence on the figures it leaves out of its count: no better side in the documents."""
    tab = _judged(series, year)
    aside = tab[~tab["direction"].isin(["higher", "lower"])]
    said = []
    for _, row in aside.iterrows():
        whose = _whose_verdict(row)
        said.append(
            f"{capital(row['subject'])} ({_value(row['realisatie'], row['id'])}, doel "
            f"{_value(row['begroting'], row['id'])}) telt niet mee: de documenten zeggen niet of hoger of lager beter "
            f"is{whose}."
        )
    return " ".join(said)


def scorecard(series, year: int, *, under_head: bool = False, sided: bool = True) -> str:
    """Which of these indicators met their target in ``year``, in one sentence, the met ones named with their
    figures: 'Van de 8 cijfers met een doel in 2024 haalden er 2 hun doel: ... (75%, doel 73%); de andere 6 niet.'
    ('Geen van de 3 cijfers met een doel in 2024 haalde dat doel.'; ``""`` when none has a target and a
    realisation). ``under_head``: below :func:`scorecard_head`, which gave the count: 'Gehaald: ... (75%, doel
    73%).' (round 42: the count said twice in a row). ``sided=False``: a figure without a better side counts too,
    by its verdict (as the indicator report counts it; round 47: left out unsaid, the count differed from that
    report's), and no sentence sets it apart."""
    tab = _judged(series, year, sided=sided)
    if tab.empty:
        return ""
    met = tab[tab["computed"] == True]  # noqa: E712
    n, k = len(tab), len(met)
    apart = _apart(series, year) if sided else ""
    named = join(
        f"{row['subject']} ({_value(row['realisatie'], row['id'], unit_word=True)}, doel "
        f"{_value(row['begroting'], row['id'], unit_word=True)})"
        for _, row in met.iterrows()
    )
    if under_head and 0 < k < n:
        text = f"Gehaald: {named}."
    elif n == 1:
        text = f"Het enige cijfer met een doel in {year} haalde dat doel{'' if k else ' niet'}" + (
            f": {named}." if k else "."
        )
    elif k == 0:
        text = f"Geen van de {n} cijfers met een doel in {year} haalde dat doel."
    elif k == n:
        text = f"Alle {n} cijfers met een doel in {year} haalden dat doel: {named}."
    else:
        rest = "het andere niet" if n - k == 1 else f"de andere {n - k} niet"
        verb = "haalde er 1 zijn doel" if k == 1 else f"haalden er {k} hun doel"
        text = f"Van de {n} cijfers met een doel in {year} {verb}: {named}; {rest}."
    return f"{text} {apart}".strip()


def listing(series, year: int) -> str:
    """The figures of one year beside their targets, in one sentence by their short catalog names: 'In 2024: steun
    door de eigen omgeving 76,0% (doel 71,0%), steun over het geheel 69% (doel 71%) en vrijwilligers 22% (doel
    24%).' Series without a realisation that year are left out; ``""`` when none has one."""
    order = list(series)
    tab = indicator_table(year)
    tab = tab[tab["id"].isin(order) & tab["realisatie"].map(_is)]
    tab = tab.sort_values("id", key=lambda ids: ids.map(order.index))
    if tab.empty:
        return ""
    parts = []
    for _, row in tab.iterrows():
        goal = (
            f" (doel {_value(row['begroting'], row['id'])})" if _is(row["begroting"]) and not row["no_target"] else ""
        )
        name = model().series[row["id"]].short
        parts.append(f"{name[:1].lower() + name[1:]} {_value(row['realisatie'], row['id'])}{goal}")
    return f"In {year}: {join(parts)}."


def scorecard_head(series, year: int, *, sided: bool = True) -> str:
    """The head over :func:`scorecard`: 'Doelen in 2024: 2 van de 10 gehaald' (``""`` when none can be judged)."""
    tab = _judged(series, year, sided=sided)
    if tab.empty:
        return ""
    k = int((tab["computed"] == True).sum())  # noqa: E712
    return f"Doelen in {year}: {k} van de {len(tab)} gehaald"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _value(value, series: str, *, unit_word: bool = False) -> str:
    """A value as a table prints it ('8,9'), or for a sentence with its unit word ('8,9 jaar')."""
    if not _is(value):
        return "–"
    text = printed(value, series=series)
    return f"{text} jaar" if unit_word and model().series[series].unit == "years" else text


def sentence(row, year: int) -> str:
    """One indicator against its target in one sentence (from a row of :func:`sdlib.calc.indicators.table`),
    worded by :func:`sdlib.present.sentences.verdict_sentence` like every other verdict."""
    from sdlib.present.sentences import verdict_sentence

    sid = row["id"]
    subject = row["subject"]
    if not _is(row["realisatie"]):
        return f"Over {year} staat van {subject} geen realisatie in de documenten."
    value = _value(row["realisatie"], sid, unit_word=True)
    if row["no_target"]:
        return (
            f"{subject[:1].upper()}{subject[1:]} was {value} in {year}; voor dat jaar is geen doel gesteld "
            f"(de begroting noemt {_value(row['begroting'], sid)})."
        )
    if not _is(row["begroting"]):
        return (
            f"{subject[:1].upper()}{subject[1:]} was in {year} {value}; voor {year} staat geen doel in de documenten."
        )
    words = in_words(row["difference"], sid, "boven", "onder")
    text = verdict_sentence(
        subject=subject,
        year=year,
        value=value,
        target=_value(row["begroting"], sid, unit_word=True),
        difference="gelijk aan" if words == "gelijk" else words,
        direction=row["direction"],
        met=bool(row["computed"]),
        published=bool(row["published"]) if _is(row["published"]) else None,
        published_source=row.get("published_source"),
        tolerance_pct=row["tolerance_pct"] if _is(row["tolerance_pct"]) else None,
        tolerance_own=model().series[sid].tolerance_source in (None, "eigen berekening", "eigen keuze"),
    )
    if row["provisional"]:
        text += f" Het cijfer over {year} is voorlopig."
    return text


def _table_says_it(row) -> bool:
    """True when the row of :func:`view` says all :func:`sentence` would: a value and a target, a better side, no
    band around the target, and a published verdict that is the computed one."""
    return (
        _is(row["realisatie"])
        and _is(row["begroting"])
        and not row["no_target"]
        and row["direction"] in ("higher", "lower")
        and not _is(row["tolerance_pct"])
        and _is(row["published"])
        and bool(row["published"]) == bool(row["computed"])
    )


def note(row, year: int) -> str:
    """What a report prints under an indicator's heading, beneath its doelstelling's table: the verdict sentence only
    where it adds to the table's row (no published verdict, a band, no better side, no target), then what differs
    between publications (:func:`revision_sentence`, :func:`break_sentence`). A row the table already says
    whole gets its figures in one short line instead: sixteen sentences repeating the rows made the report twelve
    pages (round 44)."""
    parts = (
        _figures_line(row, year) if _table_says_it(row) else sentence(row, year),
        revision_sentence(row["id"], year),
        break_sentence(row["id"], year),
    )
    return " ".join(t for t in parts if t)


def _figures_line(row, year: int) -> str:
    """'In 2024 22%, doel 24%; in 2023 23%.': the figures beside the municipality's explanation under them, so that
    a reader sees where its words and its figures part (round 45: 'herstelt geleidelijk' beside 23% -> 22%)."""
    sid = row["id"]
    text = f"In {year} {_value(row['realisatie'], sid, unit_word=True)}{' (voorlopig)' if row['provisional'] else ''}"
    text += f", doel {_value(row['begroting'], sid, unit_word=True)}"
    if _is(row["previous_realisatie"]):
        text += f"; in {year - 1} {_value(row['previous_realisatie'], sid, unit_word=True)}"
    return text + "."


def revision_sentence(series: str, year: int) -> str:
    """When publications gave different values for a year and the computed verdict depends on which one."""
    import pandas as pd

    import sdlib
    from sdlib.calc.figures import publications
    from sdlib.calc.indicators import assess
    from sdlib.present.provenance import source_title

    every = sdlib.load(series, vintage="all")
    found = publications(every, year=year)
    if len({f.printed for f in found}) < 2:
        return ""
    goal = every[(every["year"] == year) & (every["measure"] == "begroting")]
    parts, verdicts = [], []
    for f in found:
        rows = every[(every["year"] == year) & ((every["source"] == f.source) & (every["measure"] == "realisatie"))]
        one = assess(pd.concat([rows, goal]), series, year)
        verdicts.append((fmt_value(f.value, f.unit, f.decimals), source_title(f.source), one.computed))
        parts.append(f"{source_title(f.source)}: {fmt_value(f.value, f.unit, f.decimals)}")
    if len({v for _, _, v in verdicts}) > 1:  # the verdict turns on the publication: say it in one sentence
        goal_text = fmt_value(goal["value"].iloc[0], found[0].unit, found[0].decimals) if len(goal) else ""
        said = (
            f"eerst {verdicts[0][0]} ({verdicts[0][1]}), later {verdicts[-1][0]} ({verdicts[-1][1]})"
            if len(verdicts) == 2
            else join(f"{value} ({doc})" for value, doc, _ in verdicts)
        )
        outcome = join(f"met {value} {'wel' if met else 'niet'}" for value, _, met in verdicts)
        return (
            f"Over {year} gaven de documenten {said}; het doel van {goal_text} werd daarmee {outcome} gehaald "
            "(eigen berekening)."
        )
    return f"Over {year} gaven de documenten verschillende cijfers ({'; '.join(parts)})."


def view(part, year: int, previous: int):
    """The table of one doelstelling: doel and realisatie of the newest year, the difference in words ('3,0 %-punt
    boven') and the verdict, then doel and realisatie of the year before; a row's name says '(lager is beter)'
    where it is (:func:`chart_title`)."""
    import pandas as pd

    columns = {}
    for y, prefix in ((previous, "previous_"), (year, "")):
        goal = part[f"{prefix}begroting"]
        real = part[f"{prefix}realisatie"]
        no = part[f"{prefix}no_target"]
        columns[f"doel {y}"] = ["geen doel" if n else _value(g, s) for g, n, s in zip(goal, no, part["id"])]
        columns[f"realisatie {y}"] = [
            _value(r, s) + ("*" if p and y == year else "") for r, s, p in zip(real, part["id"], part["provisional"])
        ]
    # in words, above or below: the chart of the percentages signs by better or worse, so no sign here can clash
    columns[f"verschil met doel {year}"] = [
        in_words(d, s, up="boven", down="onder").replace(" procentpunt", "\u00a0%\u2011punt") if _is(d) else "–"
        for d, s in zip(part["difference"], part["id"])
    ]
    columns[f"doel gehaald {year}"] = [verdict_cell(c, p) for c, p in zip(part["computed"], part["published"])]
    # the newest year first, its difference and verdict beside it, the year before after them (on a phone each row
    # is a card read from the top: 2024 came last)
    order = [f"doel {year}", f"realisatie {year}", f"verschil met doel {year}", f"doel gehaald {year}"]
    order += [f"doel {previous}", f"realisatie {previous}"]
    # each name says where lower is better, as above the charts (a reader assumes higher is better)
    return pd.DataFrame(columns, index=[chart_title(s, every_side=True) for s in part["id"]])[order]


def reading_guide(tab, year: int, previous: int) -> str:
    """'Zo leest u de tabellen': what the tables of :func:`view` hold, naming only the marks they use (the rules
    behind an own verdict are in the Verantwoording, :func:`reading_notes`)."""
    table = view(tab, year, previous)
    cells = set(table.to_numpy().ravel())
    text = (
        f"De tabellen zetten per indicator het doel en de realisatie van {previous} en {year} naast elkaar, met "
        "hoeveel de realisatie boven of onder het doel lag (bij percentages in procentpunten, %-punt)."
    )  # the chart says itself which side is better (its axis: 'beter dan het doel →')
    marks = []
    if any(str(c).endswith("*") for c in cells):
        marks.append("een * betekent: voorlopig cijfer")
    if "–" in cells:
        marks.append("een – betekent: geen cijfer in de documenten")
    if marks:
        text += " " + capital("; ".join(marks)) + "."
    text += " **Doel gehaald** is het oordeel van de documenten"
    if any("berekend" in str(c) for c in cells):
        text += "; '(berekend)' staat erbij waar zij geen oordeel geven (een eigen berekening)"
    # the rule behind 'slechter dan het jaar ervoor' of the key messages, on the same page (round 45: in the message
    # itself it read as a counting rule; round 24: a fact-checker wanted it where the count is)
    return (
        text + f". Een aantal dat minder dan {_pct(STEADY_PCT)} veranderde, telt in de kernboodschappen niet als "
        "slechter of beter (eigen keuze)."
    )


def verdict_cell(computed, published) -> str:
    """One cell for both verdicts: the document's ('Ja'), or this report's own where no document judged
    ('Ja (berekend)'), or both where they differ ('Nee (berekend: Ja)')."""
    if not _is(published):
        return f"{YES_NO[bool(computed)]} (berekend)" if _is(computed) else "–"
    cell = YES_NO[bool(published)]
    if _is(computed) and bool(computed) != bool(published):
        cell += f" (berekend: {YES_NO[bool(computed)]})"
    return cell


def deviation_chart(tab, year: int):
    """The difference with the target of every percentage indicator, provisional bars hatched; returns
    (Axes, sentence) or (None, "") when there are none."""
    from sdlib.present import plot

    chart = tab[(tab["unit"] == "percent") & tab["difference"].map(_is)].copy()
    if chart.empty:
        return None, ""
    # oriented so that right is better: a share where lower is better counts its excess as a shortfall
    chart["better"] = [
        d if direction != "lower" else -d for d, direction in zip(chart["difference"], chart["direction"])
    ]
    chart = chart.sort_values("better", ascending=False)
    chart["label"] = [chart_title(sid) for sid in chart["id"]]
    chart["gehaald"] = chart["computed"].astype(bool)
    # one notation on one axis, with no more decimals than the differences need: 80% − 71% is 9 and 80,0% − 75,0%
    # is 5, so '−9' and '−5', not '−9,0' (precision the documents do not print) nor '−9' beside '−5,0'
    most = max(model().decimals(sid) for sid in chart["id"])
    places = next(d for d in range(most + 1) if all(abs(round(b, d) - round(b, most)) < 1e-9 for b in chart["better"]))
    ax = plot.deviation(
        chart,
        x="better",
        y="label",
        good="gehaald",
        provisional="provisional",
        # the label as the bar points: minus on the 'slechter' side, also where lower is better (48,0% against a
        # doel of 45,0% is −3,0 there; the table gives the plain difference, +3,0, beside '(lager is beter)')
        # one notation on one axis: '+2' beside '+5,0' read as a slip
        labels=[signed(b, s, unit_word=False, decimals=places) for b, s in zip(chart["better"], chart["id"])],
        xlabel=f"afstand tot het doel in {year}, in procentpunten",
        better=True,
    )
    met = int(chart["gehaald"].sum())
    missed = chart[~chart["gehaald"]]
    reached_ = f"haalde er 1 zijn doel in {year}" if met == 1 else f"haalden er {met} hun doel in {year}"
    text = f"Van de {len(chart)} indicatoren in procenten {reached_}"
    if len(missed):
        far = missed.loc[missed["difference"].abs().idxmax()]
        text += (
            f" en {len(missed)} niet; in procentpunten het verst van het doel bleef {far['subject']}: "
            f"{in_words(far['difference'], far['id'], 'boven', 'onder')} het doel."
        )
    else:
        text += "."
    return ax, text


_UNIT_PLURAL = {"count": "aantallen", "years": "jaren", "score": "scores", "eur": "bedragen"}


def _relative_rows(tab):
    """The indicators that are no percentages with a difference to their target: (with a better side, sorted from
    best to worst with ``better`` in % of the target; those that should be near their target, said apart)."""
    chart = tab[(tab["unit"] != "percent") & tab["relative"].map(_is) & tab["difference"].map(_is)].copy()
    # a figure whose documents name no better side (on_target) has no place on an axis of 'slechter' and 'beter'
    aside = chart[chart["direction"] == "on_target"]
    chart = chart[chart["direction"].isin(["higher", "lower"])]
    chart["better"] = [-r if direction == "lower" else r for r, direction in zip(chart["relative"], chart["direction"])]
    chart = chart.sort_values("better", ascending=False)
    chart["gehaald"] = chart["computed"].astype(bool)
    return chart, aside


def _relative_text(chart, aside, year: int, *, drawn: bool) -> str:
    """'Van de 6 andere indicatoren (...) haalden er 2 hun doel in 2024 en 4 niet; naar verhouding het verst van het
    doel bleef ...: 13% boven het doel (eigen berekening).' and the figures without a better side."""
    from sdlib.present.fmt import fmt_number

    met = int(chart["gehaald"].sum())
    missed = chart[~chart["gehaald"]]
    kinds = join(w for u, w in _UNIT_PLURAL.items() if u in set(chart["unit"]))
    # 'met een gewenste richting' when a figure without one is said apart: a reader counted 7 rows against 6
    # (round 45)
    sided = " met een gewenste richting" if len(aside) else ""
    text = f"Van de {len(chart)} andere indicatoren{sided} ({kinds}) " + (
        f"haalde er 1 zijn doel in {year}" if met == 1 else f"haalden er {met} hun doel in {year}"
    )
    if len(missed):
        far = missed.loc[missed["better"].idxmin()]
        rel = float(far["relative"])
        text += (
            # the figure and its target first, then the gap in its own unit and in % of the target (round 51: '13%
            # boven het doel' of a score read as a percentage of people)
            f" en {len(missed)} niet; naar verhouding het verst van het doel bleef {far['subject']} "
            f"({_value(far['realisatie'], far['id'])}, doel {_value(far['begroting'], far['id'])}): "
            f"{in_words(far['difference'], far['id'], 'boven', 'onder')} het doel, naar verhouding "
            f"{fmt_number(abs(rel), 0)}% (eigen berekening)."
        )
    else:
        text += "."
    for _, row in aside.iterrows():
        figure = (
            f"{row['subject']} ({_value(row['realisatie'], row['id'])}, doel {_value(row['begroting'], row['id'])})"
        )
        # the municipality's verdict where it gave one, so the counts of the report add up (round 43: 9 + 6 read
        # against '4 van de 16')
        whose = _whose_verdict(row)
        text += (
            f" Niet in de grafiek: {figure}; de documenten zeggen niet of hoger of lager beter is{whose}."
            if drawn
            else f" Bij {figure} zeggen de documenten niet of hoger of lager beter is{whose}."
        )
    return text


def others_table(tab, year: int):
    """The indicators that are no percentages (counts, ages, scores, amounts) against their target in their own
    unit: (table of doel, realisatie, difference in words and verdict of ``year``; its sentence), or (None, "").

    A council reviewer found a chart in '% van het doel' unusable for ages and scores (round 40): a table says
    '0,4 jaar onder' where the chart said '+4%'."""
    chart, aside = _relative_rows(tab)
    if chart.empty and aside.empty:
        return None, ""
    rows = tab.loc[[*chart.index, *aside.index]]
    columns = [f"doel {year}", f"realisatie {year}", f"verschil met doel {year}", f"doel gehaald {year}"]
    frame = view(rows, year, year - 1)[columns]
    frame.columns = ["doel", "uitkomst", "verschil met het doel", "doel gehaald"]
    return frame, _relative_text(chart, aside, year, drawn=False) if len(chart) else ""


def relative_chart(tab, year: int):
    """A deviation chart of the indicators that are no percentages (counts, ages, scores, amounts): the distance to
    their target in percent of the target, right is better; returns (Axes, sentence) or (None, "").

    The percentage is the report's own sum (eigen berekening), so the x label says so. A figure whose documents
    name no better side (``on_target``) has no place on an axis of 'slechter' and 'beter': it is said, not drawn.
    See :func:`others_table` for the same figures in their own units.
    """
    from sdlib.present import plot
    from sdlib.present.fmt import fmt_number

    chart, aside = _relative_rows(tab)
    if chart.empty:
        return None, ""
    chart["label"] = [chart_title(sid) for sid in chart["id"]]

    def pct(value: float) -> str:
        sign = "" if half_up(value, 0) == 0 else ("+" if value > 0 else "−")
        return f"{sign}{fmt_number(abs(value), 0)}%"

    ax = plot.deviation(
        chart,
        x="better",
        y="label",
        good="gehaald",
        provisional="provisional",
        labels=[pct(b) for b in chart["better"]],
        unit="count",
        xlabel=f"afstand tot het doel in {year}, in % van het doel (eigen berekening)",
        better=True,
    )
    return ax, _relative_text(chart, aside, year, drawn=True)


def reading_notes(tab) -> list[str]:
    """The notes on how this report judges the indicators, only those that apply to the table."""
    notes = [
        "Of een doel gehaald is, staat zoals de documenten het oordeel geven. Waar zij geen oordeel geven, is het "
        "een eigen berekening: gehaald als de realisatie aan de goede kant van het doel ligt (hoger of lager, zoals "
        "de naam van de indicator zegt)."
    ]
    if tab["no_target"].any() or tab.get("previous_no_target", tab["no_target"]).any():
        notes.append(
            "Waar de begroting 0 noemt bij een indicator die zo hoog mogelijk moet zijn, geldt dat als 'geen doel'."
        )
    notes.append(
        f"Bij aantallen en bedragen telt een verandering van minder dan {_pct(STEADY_PCT)} niet als beter of slechter "
        "(eigen keuze)."
    )
    unjudged = ~tab["published"].map(_is) | ~tab.get("previous_published", tab["published"]).map(_is)
    for _, row in tab[(tab["direction"] == "on_target") & unjudged & tab["tolerance_pct"].map(_is)].iterrows():
        margin = f"{row['tolerance_pct']:g}".replace(".", ",")
        source = model().series[row["id"]].tolerance_source or "eigen keuze"
        whose = "eigen keuze" if source.lower().startswith("eigen") else source
        notes.append(
            f"Bij {row['subject']} noemen de documenten geen gewenste richting; waar zij geen oordeel geven, telt "
            f"een uitkomst binnen {margin}% van het doel als gehaald ({whose})."
        )
    return notes


def table(year: int, **kwargs):
    """The indicator table of :mod:`sdlib.calc.indicators` (re-exported for notebooks)."""
    return indicator_table(year, **kwargs)


def source_rows(part, *years: int):
    """The published rows behind an indicator table (its series, these years, begroting and realisatie),
    for its "Bron:" line and the Verantwoording."""
    import sdlib

    rows = sdlib.load_many(list(part["id"]))
    return rows[rows["year"].isin(years) & rows["measure"].isin(["begroting", "realisatie"])]


def break_sentence(series: str, year: int) -> str:
    """The series break between the year before and ``year``, when there is one (another measure)."""
    found = [b for b in model().series[series].breaks if b.year == year]
    return " ".join(f"Het cijfer over {year - 1} is een andere maat: {b.note}" for b in found)
