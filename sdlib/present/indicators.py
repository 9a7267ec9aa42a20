"""The programme indicators in words, tables and one chart: the presentation of :mod:`sdlib.calc.indicators`.

Nothing here decides a verdict: :func:`sdlib.calc.indicators.table` does, once. This module phrases it
("haalden 4 van de 16 indicatoren met een doel hun doel"), lays out the table per doelstelling as the
Jaarstukken print it (begroting and realisatie of two years, the difference, both verdicts), and draws the
differences of the percentage indicators.
"""

from __future__ import annotations

import math

from sdlib.calc.indicators import table as indicator_table
from sdlib.calc.values import half_up
from sdlib.data.catalog import model
from sdlib.present.fmt import fmt_number, fmt_value
from sdlib.present.sentences import join, printed

__all__ = [
    "reached",
    "signed",
    "in_words",
    "summary",
    "view",
    "sentence",
    "revision_sentence",
    "deviation_chart",
    "YES_NO",
]

YES_NO = {True: "Ja", False: "Nee", None: "–"}
UNIT_WORD = {"percent": "procentpunt", "years": "jaar"}


def _is(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def reached(k: int, n: int, which: str) -> str:
    """What follows 'In 2024': 'haalden 4 van de 16 indicatoren {which} hun doel' (singular and edge cases)."""
    if n == 1:
        return f"haalde de enige indicator {which} zijn doel" + ("" if k else " niet")
    if k == 0:
        return f"haalde geen van de {n} indicatoren {which} zijn doel"
    if k == n:
        return f"haalden alle {n} indicatoren {which} hun doel"
    return f"{'haalde' if k == 1 else 'haalden'} {k} van de {n} indicatoren {which} {'zijn' if k == 1 else 'hun'} doel"


def signed(diff: float, series: str, *, unit_word: bool = True) -> str:
    """A difference as a table prints it: '+3,0 procentpunt', '−0,4 jaar', '−€ 710', '+28' (without the unit's
    word where an axis names it: '+3,0')."""
    unit = model().series[series].unit
    size = printed(abs(diff), series=series)
    if unit == "percent":
        size = size.rstrip("%")
    word = UNIT_WORD.get(unit)
    sign = "" if half_up(diff, model().decimals(series)) == 0 else ("+" if diff > 0 else "−")
    return f"{sign}{size}" + (f" {word}" if word and unit_word else "")


def in_words(diff: float, series: str, up: str = "hoger", down: str = "lager") -> str:
    """A difference for a sentence, in words: '3,0 procentpunt hoger', '€ 710 lager', 'gelijk'."""
    unit = model().series[series].unit
    size = printed(abs(diff), series=series)
    if unit == "percent":
        size = size.rstrip("%") + " procentpunt"
    elif unit == "years":
        size += " jaar"
    return "gelijk" if half_up(diff, model().decimals(series)) == 0 else f"{size} {up if diff > 0 else down}"


def _count(tab, column: str):
    judged = tab[tab[column].map(_is)]
    return int((judged[column] == True).sum()), len(judged)  # noqa: E712 (a column of True/False/None)


def summary(tab, year: int, before=None) -> list[str]:
    """The key messages of an indicator table: how many met their target (computed), against what the
    municipality published, the largest shortfall among the percentages, and what is provisional."""
    k, n = _count(tab, "computed")
    out = []
    text = f"In {year} {reached(k, n, 'met een doel en een realisatie')} (eigen berekening uit realisatie, doel en gewenste richting)."
    pk, pn = _count(tab, "published")
    if pn:
        agree = tab[tab["agree"].map(_is)]
        differ = agree[agree["agree"] == False]  # noqa: E712
        text += f" De gemeente publiceerde over {year} bij {pk} van de {pn} indicatoren 'Doel gehaald: Ja'" + (
            "; dat komt overeen met de berekening."
            if differ.empty
            else f"; bij {len(differ)} {'indicator' if len(differ) == 1 else 'indicatoren'} wijkt de berekening af."
        )
    else:
        text += f" Een oordeel 'Doel gehaald' over {year} staat niet in de documenten."
    out.append(text)
    if before is not None:
        kb, nb = _count(before, "computed")
        if nb:
            out.append(f"In {year - 1} {reached(kb, nb, 'met een doel en een realisatie')} (eigen berekening).")
    pct = tab[(tab["unit"] == "percent") & (tab["computed"] == False) & tab["difference"].map(_is)]  # noqa: E712
    if len(pct):
        worst = pct.assign(gap=pct["difference"].abs()).sort_values("gap").iloc[-1]
        out.append(f"Het verst van het doel, bij de percentages: {sentence(worst, year, short=True)}")
    provisional = tab[tab["provisional"]]
    if len(provisional):
        out.append(
            f"Voorlopig zijn de cijfers over {year} van {join(provisional['subject'])}: een latere "
            "publicatie kan ze nog wijzigen."
        )
    return out


def _value(value, series: str) -> str:
    return printed(value, series=series) if _is(value) else "–"


def sentence(row, year: int, *, short: bool = False) -> str:
    """One indicator against its target in one sentence (from a row of :func:`sdlib.calc.indicators.table`)."""
    sid = row["id"]
    subject = row["subject"]
    if not _is(row["realisatie"]):
        return f"Over {year} staat van {subject} geen realisatie in de documenten."
    text = f"{subject[:1].upper()}{subject[1:]} was in {year} {_value(row['realisatie'], sid)}"
    if row["no_target"]:
        return text + f"; de begroting is gedrukt als {_value(row['begroting'], sid)}: dat is geen doel."
    if not _is(row["begroting"]):
        return text + f"; voor {year} staat geen doel in de documenten."
    text += f", het doel {_value(row['begroting'], sid)}: {in_words(row['difference'], sid)}"
    direction = row["direction"]
    if direction in ("higher", "lower"):
        good = {"higher": "hoger", "lower": "lager"}[direction]
        text += f" ({good} is beter)"
    elif direction == "on_target":
        text += f" (gehaald binnen {fmt_number(row['tolerance_pct'])}% van het doel, eigen keuze)"
    if short:
        return text + "."
    said = "gehaald" if row["computed"] else "niet gehaald"
    if _is(row["published"]):
        text += (
            f"; doel {said}, zoals ook de gemeente oordeelde."
            if row["agree"]
            else f"; volgens deze berekening doel {said}, maar de gemeente oordeelde 'Doel gehaald: "
            f"{YES_NO[bool(row['published'])]}'."
        )
    else:
        text += f"; doel {said} (eigen berekening)."
    if row["provisional"]:
        text += f" Het cijfer over {year} is voorlopig."
    return text


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
    parts, verdicts = [], set()
    for f in found:
        rows = every[(every["year"] == year) & ((every["source"] == f.source) & (every["measure"] == "realisatie"))]
        one = assess(pd.concat([rows, goal]), series, year)
        verdicts.add(one.computed)
        parts.append(f"{source_title(f.source)}: {fmt_value(f.value, f.unit, f.decimals)}")
    text = f"Over {year} gaven de documenten verschillende cijfers ({'; '.join(parts)})."
    if len(verdicts) > 1:
        text += " Met het eerste cijfer is het doel gehaald, met het latere niet of omgekeerd: het oordeel hangt af van de publicatie."
    return text


def view(part, year: int, previous: int):
    """The table of one doelstelling: doel and realisatie of both years, the difference, both verdicts."""
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
    columns[f"verschil {year}"] = [signed(d, s) if _is(d) else "–" for d, s in zip(part["difference"], part["id"])]
    columns["Doel gehaald (gemeente)"] = [YES_NO[bool(p)] if _is(p) else "–" for p in part["published"]]
    columns["Doel gehaald (berekend)"] = [YES_NO[bool(c)] if _is(c) else "–" for c in part["computed"]]
    return pd.DataFrame(columns, index=part["title"].to_numpy())


def deviation_chart(tab, year: int):
    """The difference with the target of every percentage indicator, provisional bars hatched; returns
    (Axes, sentence) or (None, "") when there are none."""
    from sdlib.present import plot

    chart = tab[(tab["unit"] == "percent") & tab["difference"].map(_is)].copy()
    if chart.empty:
        return None, ""
    chart = chart.sort_values("difference", ascending=False)
    chart["label"] = chart["title"]
    chart["gehaald"] = chart["computed"].astype(bool)
    ax = plot.deviation(
        chart,
        x="difference",
        y="label",
        good="gehaald",
        provisional="provisional",
        labels=[signed(d, s, unit_word=False) for d, s in zip(chart["difference"], chart["id"])],
        xlabel=f"verschil met het doel in {year}, in procentpunten",
    )
    below, above = int((chart["difference"] < 0).sum()), int((chart["difference"] > 0).sum())
    far = chart.loc[chart["difference"].abs().idxmax()]
    text = (
        f"Van de {len(chart)} indicatoren in procenten lagen er in {year} {below} onder en {above} boven het "
        f"doel; het grootste verschil is {in_words(far['difference'], far['id'], 'boven', 'onder')} het doel, "
        f"bij {far['subject']}."
    )
    return ax, text


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
