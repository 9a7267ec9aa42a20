"""Correct Dutch sentences computed from tidy frames: key messages, chart conclusions and alt texts.

No figure in the text of a report is typed by hand: every number a reader sees in a sentence comes from the
rows of :func:`sdlib.load` through one of these functions, rounded the way the tables and charts print it.

=============================  ============================================================================
:func:`change`                 "De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%)."
:func:`against_target`         "In 2024 was het aandeel 48,0% tegen een begroting van 45,0%: 3,0 procentpunt
                               hoger, terwijl lager beter is; doel niet gehaald."
:func:`revision`               "Voor 2023 publiceerde de Programmabegroting 2025 eerst 45,9%; de Jaarstukken
                               2024 geven 46,1%."
:func:`provisional`            "2019 is geen volledig jaar (peildatum 9-9-2019)." / "Het cijfer over 2024 is
                               voorlopig."
:func:`largest`,               "Jeugdhulp zonder verblijf is met 4.188 jeugdigen de grootste vorm."
:func:`smallest`
:func:`share`                  "Jeugdhulp zonder verblijf is 81,0% van het totaal (4.188 van 5.170 jeugdigen)."
:func:`agreement`              "Van de 12 gepubliceerde cijfers voor instroom, doorstroom en uitstroom over
                               2016-2019 komen er 11 precies terug uit de registraties; ..."
:func:`labelled`               "Synthetisch: de instroom daalde ..." (a label before a sentence)
:func:`alt_text`               "Lijngrafiek. De instroom daalde ..."
:func:`printed`                a value as tables and chart labels print it: ``"45,9%"``
:func:`join`                   "a, b en c"
:func:`month_name`, ...        "januari", "jan", "januari 2019"
:func:`partial_years`          which rows cover only part of their year (peildatum inside the year)
=============================  ============================================================================

Conventions
-----------
* The unit and the printed decimals come from the catalog when ``series=`` is given (or when the frame has a
  ``series`` column with one id): ``unit`` and ``decimals`` (``meta.get("decimals")``); ``unit=`` and
  ``decimals=`` override them. Without a catalog decimals the defaults of :func:`sdlib.present.fmt.fmt_value`
  apply (percent, years and score 1, counts and euros 0).
* Differences and relative changes are computed from the exact values and then rounded as printed (the
  practice of statistics offices: € 135.874 and € 106.049 thousand differ by € 29,8 mln, not 135,9 − 106,0).
  Two values that print the same are "gelijk" (:mod:`sdlib.calc.changes`).
* Euro amounts of a million or more are written as ``€ 23,3 mln`` (``short=None``, the default; ``short=False``
  writes every euro).
* Negative numbers use the minus of :mod:`sdlib.present.fmt` (``-37``, ``€ -92.186``); a relative change
  carries its sign: ``(+12%)``, ``(-37%)``.
* A year that is not complete (peildatum inside the year, e.g. 2019 with peildatum 9-9-2019) is not compared as
  if it were: :func:`change` raises unless ``partial="note"``. A provisional figure (``provisional``) is named
  in a second sentence unless ``notes=False``.
* Errors are for developers and in English; the sentences are for readers and in Dutch.
"""

from __future__ import annotations

import itertools
import re

from sdlib.calc.changes import MILLION as _MILLION
from sdlib.calc.changes import change as _change
from sdlib.calc.changes import nearly_same, one_row, printed_amount, steady
from sdlib.calc.periods import incomplete
from sdlib.calc.periods import provisional as _voorlopig
from sdlib.calc.values import UNIT_DECIMALS as _DEFAULT_DECIMALS
from sdlib.calc.values import half_up
from sdlib.present.fmt import fmt_date, fmt_eur, fmt_long_date, fmt_number, fmt_value, month_name

__all__ = [
    "count_word",
    "lower_first",
    "change",
    "against_target",
    "revision",
    "provisional",
    "alt_text",
    "largest",
    "smallest",
    "share",
    "portion",
    "by_year",
    "part_count",
    "agreement",
    "labelled",
    "printed",
    "join",
    "month_name",
    "month_abbr",
    "month_label",
    "partial_years",
    "partial_label",
    "CHART_KINDS",
]

CHART_KINDS = (
    "lijngrafiek",
    "staafdiagram",
    "liggend staafdiagram",
    "gestapeld staafdiagram",
    "indexgrafiek",
    "afwijkingsdiagram",
    "kleine lijngrafieken",
    "puntgrafiek",
    "tabel",
)


# --- small text helpers -------------------------------------------------------------------------------------


def join(items, *, conj: str = "en") -> str:
    """Join words the Dutch way: ``join(["a", "b", "c"])`` -> ``"a, b en c"`` (no comma before *en*)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def month_abbr(month: int) -> str:
    """Return the Dutch abbreviation of a month for axes: ``month_abbr(3)`` -> ``"mrt"`` (babel)."""
    return month_name(month, short=True)


def month_label(year: int, month: int, *, short: bool = False) -> str:
    """Return ``"januari 2019"`` (or ``"jan 2019"`` with ``short=True``)."""
    return f"{month_abbr(month) if short else month_name(month)} {int(year)}"


def capital(text: str) -> str:
    """The text with its first letter in capitals ('de 2e Rapportage' -> 'De 2e Rapportage'); the rest unchanged."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The text with its first letter small, inside a sentence ('Aandeel van de jeugdigen die de POH-jeugd zag' ->
    'aandeel van de jeugdigen die de POH-jeugd zag'); the rest unchanged, and a word in capitals ('POH-jeugd',
    'SMW') stays as it is."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def alt_text(kind: str, sentence: str) -> str:
    """Return the alternative text of a chart: its kind, then the conclusion it shows.

    Parameters
    ----------
    kind : str
        A Dutch chart type from :data:`CHART_KINDS` (lijngrafiek, staafdiagram, liggend staafdiagram, ...).
    sentence : str
        The conclusion the chart shows, e.g. from :func:`change`.

    Examples
    --------
    >>> alt_text("lijngrafiek", "De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%).")
    'Lijngrafiek. De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%).'
    """
    if kind.lower() not in CHART_KINDS:
        raise ValueError(f"unknown chart kind {kind!r}; expected one of: {', '.join(CHART_KINDS)}")
    if not sentence or not sentence.strip():
        raise ValueError("alt_text needs the sentence the chart shows; an empty alt text says nothing to a reader")
    return f"{_capital(kind.lower())}. {_sentence(_capital(sentence.strip()))}"


# --- units, decimals and rounding as printed ---------------------------------------------------------------


def _resolve(data, series, unit, decimals):
    """Return (unit, decimals) from the arguments, else the catalog entry of ``series``."""
    if series is None and data is not None and "series" in getattr(data, "columns", ()):
        ids = list(dict.fromkeys(data["series"].dropna()))
        if len(ids) == 1:
            series = ids[0]
    meta = {}
    if series is not None:
        from sdlib.data.catalog import decimals as catalog_decimals
        from sdlib.data.catalog import entry, series_meta

        meta = series_meta(series) | {"decimals": catalog_decimals(series), "phrase": entry(series).phrase}
    unit = unit or meta.get("unit")
    if unit is None:
        raise ValueError("give unit= (count, percent, eur, years, score) or series= (a catalog id) to format values")
    if unit not in _DEFAULT_DECIMALS:
        raise ValueError(f"unknown unit {unit!r}; expected one of: {', '.join(_DEFAULT_DECIMALS)}")
    if decimals is None:
        decimals = meta.get("decimals")
    if decimals is None:
        decimals = _DEFAULT_DECIMALS[unit]
    return unit, int(decimals), meta


_round = half_up  # the rounding of every printed figure (sdlib.calc.values)


def _short_eur(values, short) -> bool:
    if short is not None:
        return bool(short)
    return any(abs(v) >= _MILLION for v in values if v == v)


def _fmt(value, unit, decimals, *, short=False) -> str:
    """Format a value for a sentence; euros of a million or more as ``€ 23,3 mln`` when ``short``."""
    if unit == "eur" and short:
        return fmt_eur(_round(value / _MILLION, 1), 1) + "\u00a0mln"  # '€ 91,0 mln' stays on one line
    text = fmt_value(value, unit, decimals)
    return text + " jaar" if unit == "years" else text


_printed_value = printed_amount  # the number a reader sees (sdlib.calc.changes)


def printed(value, *, unit: str | None = None, decimals: int | None = None, series: str | None = None) -> str:
    """Return a value as the tables and the chart labels print it (same unit, same decimals).

    Examples
    --------
    >>> printed(45.94, unit="percent")
    '45,9%'
    """
    unit, decimals, _ = _resolve(None, series, unit, decimals)
    return fmt_value(value, unit, decimals)


def _difference(diff: float, unit: str, decimals: int, *, short=False) -> str:
    """The size of a difference, without sign: '2,1 procentpunt', '€ 7,8 mln', '0,3 jaar', '46'."""
    size = abs(diff)
    if unit == "percent":
        return f"{fmt_number(size, decimals)} procentpunt"
    if unit == "eur":
        return _fmt(size, unit, decimals, short=short)
    if unit == "years":
        return f"{fmt_number(size, decimals)} jaar"
    return fmt_number(size, decimals)


def _unrounded(start: str, end: str, diff: str) -> str:
    """'uit de onafgeronde bedragen' when a printed difference of amounts is not the difference of the printed
    amounts ('€ 106,0 mln' to '€ 135,9 mln' is '€ 29,8 mln' more: 135.874 - 106.049 thousand), else ``""``
    (round 55: readers subtracted the rounded amounts and took 29,8 for a slip)."""

    def number(text: str):
        unit = "mln" if text.endswith("mln") else ""
        digits = text.replace("€", "").replace("mln", "").replace("\xa0", " ").strip().replace(".", "")
        try:
            return float(digits.replace(",", ".")), unit, len(digits.partition(",")[2])
        except ValueError:
            return None

    parts = [number(t) for t in (start, end, diff)]
    if any(p is None for p in parts) or len({p[1] for p in parts}) != 1:
        return ""
    (a, _, _), (b, _, _), (d, _, places) = parts
    return "" if round(abs(b - a), places) == round(d, places) else "uit de onafgeronde bedragen"


def _bracket(*parts: str) -> str:
    """' (+28%; uit de onafgeronde bedragen).' of the parts that are not empty, else '.'."""
    said = "; ".join(p for p in parts if p)
    return f" ({said})." if said else "."


def _relative(start: float, end: float) -> str:
    """A relative change with its sign: '+0,8%', '−3,6%', '+36%' (decimals: :func:`relative_decimals`)."""
    from sdlib.calc.changes import relative_decimals

    rel = (end - start) / abs(start) * 100
    decimals = relative_decimals(rel)
    text = fmt_number(abs(rel), decimals)
    sign = "+" if _round(rel, decimals) > 0 else ("−" if _round(rel, decimals) < 0 else "")
    return f"{sign}{text}%"


# --- rows ------------------------------------------------------------------------------------------------


def partial_years(data):
    """Return a boolean Series: the row covers only part of its year (:func:`sdlib.calc.periods.incomplete`)."""
    return incomplete(data)


def partial_label(year: int, reference_date) -> str:
    """Return the axis label of a partial year: ``partial_label(2019, 9-9-2019)`` -> ``"2019 (t/m 9-9)"``."""
    return f"{int(year)} (t/m {reference_date.day}-{reference_date.month})"


def _rows(data, year, measure, y):
    if "year" not in data:
        raise ValueError("the frame has no 'year' column; pass tidy rows as returned by sdlib.load")
    if y not in data:
        raise ValueError(f"the frame has no column {y!r}")
    rows = data[data["year"] == year]
    if measure is not None and "measure" in data:
        rows = rows[rows["measure"] == measure]
    return rows


def _one(data, year, *, measure="realisatie", y="value"):
    return one_row(data, year, measure=measure, y=y)


def _peildatum(row) -> str:
    return fmt_date(row["reference_date"])


# --- sentences -------------------------------------------------------------------------------------------


def provisional(data, *, year: int | None = None) -> str:
    """Say which figures are not final: a partial year, or a voorlopig figure; ``""`` when all are final.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy rows with ``provisional`` and ``reference_date`` (as :func:`sdlib.load` returns them).
    year : int, optional
        Only this year; by default every year of the frame.

    Returns
    -------
    str
        E.g. ``"2019 is geen volledig jaar (peildatum 9-9-2019)."`` or ``"Het cijfer over 2024 is
        voorlopig."``; several rows of one year give ``"De cijfers over 2019 zijn voorlopig."``.

    Examples
    --------
    >>> provisional(sdlib.load("jeugdhulp_instroom"))
    '2019 is geen volledig jaar (peildatum 9-9-2019).'
    """
    rows = data if year is None else data[data["year"] == year]
    if year is not None and rows.empty:
        raise ValueError(f"no rows for year {year} in the data")
    part, voorl = partial_years(rows), _voorlopig(rows)
    out = []
    partial_years_ = sorted(set(rows.loc[part, "year"]))
    for y in partial_years_:
        sel = rows[(rows["year"] == y) & part]
        dates = join(dict.fromkeys(fmt_date(d) for d in sel["reference_date"]))
        text = f"{y} is geen volledig jaar (peildatum {dates})"
        if _voorlopig(sel).any():
            text += (
                " en de cijfers zijn voorlopig" if len(rows[rows["year"] == y]) > 1 else " en het cijfer is voorlopig"
            )
        out.append(text + ".")
    only = rows[voorl & ~rows["year"].isin(partial_years_)]
    if not only.empty:
        years = sorted(set(only["year"]))
        if len(only) == 1:
            out.append(f"Het cijfer over {years[0]} is voorlopig.")
        else:
            out.append(f"De cijfers over {join(years)} zijn voorlopig.")
    return " ".join(out)


def change(
    data,
    *,
    start: int,
    end: int,
    subject: str | None = None,
    unit: str | None = None,
    decimals: int | None = None,
    series: str | None = None,
    measure: str | None = "realisatie",
    y: str = "value",
    plural: bool = False,
    short: bool | None = None,
    partial: str = "error",
    notes: bool = True,
    sources: bool = False,
) -> str:
    """Say how a figure changed between two years, absolutely and relatively, as printed.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy rows with one row per year (after ``measure``): filter dimensions first.
    start, end : int
        The two years.
    subject : str, optional
        Subject of the sentence, e.g. ``"De instroom"``; by default the catalog title of ``series``.
    unit, decimals, series
        Unit and printed decimals, or the catalog id that gives them.
    measure : str or None, default "realisatie"
        Rows of this ``measure`` (ignored when the frame has no ``measure`` column).
    y : str, default "value"
        Column with the values (e.g. ``"index"``).
    plural : bool, default False
        The subject is plural (``"De kosten stegen"``).
    short : bool, optional
        Euros in millions (``€ 23,3 mln``); by default when an amount is a million or more.
    partial : {"error", "note"}, default "error"
        A partial year is not comparable with a whole one: raise a ValueError, or (``"note"``) compare anyway
        and add the sentence of :func:`provisional`.
    notes : bool, default True
        Add the sentence of :func:`provisional` for a voorlopig figure.
    sources : bool, default False
        When the two years come from two documents, name them (e.g. when a later document revised other figures
        of the first year).

    Returns
    -------
    str
        * counts: ``"De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%)."``
        * percentages: ``"Het aandeel steeg van 46,1% in 2023 naar 48,0% in 2024, 1,9 procentpunt hoger."``
        * euros: ``"De kosten stegen van € 15,5 mln in 2015 naar € 23,3 mln in 2018, € 7,8 mln meer (+51%)."``
        * years, scores: ``"... van 9,8 jaar in 2016 naar 10,1 jaar in 2018, 0,3 jaar hoger."``
        * equal as printed: ``"De instroom bleef gelijk op 1.339 in 2017 en 2018."``
    """
    unit, decimals, meta = _resolve(data, series, unit, decimals)
    if subject is None:
        if not meta:
            raise ValueError("give subject= (e.g. 'De instroom') or series= for the catalog title")
        subject = meta.get("phrase") or meta["title"]
    a, b = _one(data, start, measure=measure, y=y), _one(data, end, measure=measure, y=y)
    pair = data.loc[[a.name, b.name]]
    if partial_years(pair).any() and partial != "note":
        which = join(str(v) for v in pair.loc[partial_years(pair), "year"])
        raise ValueError(
            f"{which} is not a complete year (peildatum inside the year): comparing it with a whole "
            "year reads as a fall that did not happen; pick whole years or pass partial='note'"
        )
    c = _change(data, start=start, end=end, unit=unit, decimals=decimals, measure=measure, y=y, short=short)
    va, vb, short_ = c.start_value, c.end_value, c.short
    ta, tb = _fmt(va, unit, decimals, short=short_), _fmt(vb, unit, decimals, short=short_)
    subject = _capital(subject)
    if c.same:
        text = f"{subject} {'bleven' if plural else 'bleef'} gelijk op {ta} in {start} en {end}."
    elif unit in ("count", "eur") and nearly_same(c.relative):  # +0,3%: no news, the sign says the direction
        text = (
            f"{subject} {'bleven' if plural else 'bleef'} nagenoeg gelijk: {ta} in {start} en {tb} in {end} "
            f"({_relative(va, vb)})."
        )
    elif unit in ("count", "eur") and steady(c.relative):  # +0,8%: a slight rise
        verb = ("stegen" if plural else "steeg") if c.up else ("daalden" if plural else "daalde")
        text = f"{subject} {verb} licht, van {ta} in {start} naar {tb} in {end} ({_relative(va, vb)})."
    else:
        up = c.up
        verb = ("stegen" if plural else "steeg") if up else ("daalden" if plural else "daalde")
        text = f"{subject} {verb} van {ta} in {start} naar {tb} in {end}"
        diff = _difference(c.difference, unit, decimals, short=short_)
        if unit == "count":
            text += f" ({_relative(va, vb)})." if va != 0 else "."
        elif unit == "eur":
            text += f", {diff} {'meer' if up else 'minder'}"
            text += _bracket(_relative(va, vb) if va != 0 else "", _unrounded(ta, tb, diff))
        else:
            text += f", {diff} {'hoger' if up else 'lager'}."
    if sources and "source" in pair and pair["source"].nunique() == 2:  # say which year comes from which document
        docs = [_document(_source_title(src))[0] for src in pair["source"]]
        said = f"{start} volgens {docs[0]}, {end} volgens {docs[1]}"
        text = text[:-2] + f"; {said})." if text.endswith(").") else text[:-1] + f" ({said})."
    if notes or partial == "note":
        extra = provisional(pair)
        if not notes:  # only the partial-year sentence
            extra = provisional(pair[partial_years(pair)]) if partial_years(pair).any() else ""
        if extra:
            text += " " + extra
    return text


_DIRECTION_WORDS = {"higher": "hoger", "lower": "lager"}


def against_target(
    data,
    *,
    year: int,
    direction: str | None = None,
    subject: str | None = None,
    unit: str | None = None,
    decimals: int | None = None,
    series: str | None = None,
    target: str = "begroting",
    y: str = "value",
    short: bool | None = None,
    notes: bool = True,
) -> str:
    """Say a result against its target (begroting), given which direction is good.

    The difference is in procentpunten for percentages and in the unit otherwise; whether the target is met
    follows :func:`sdlib.calc.indicators.verdict` on the values as printed.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy rows of one series with a ``measure`` column holding ``realisatie`` and ``target``.
    year : int
    direction : {"higher", "lower", "on_target"}, optional
        Which outcome is good; by default the catalog ``direction`` of ``series``.
    subject : str, optional
        What is measured, written in the middle of the sentence (``"het aandeel"``).
    target : str, default "begroting"
        The ``measure`` of the target rows.

    The rules are those of :mod:`sdlib.calc.indicators`: values as printed, a begroting of 0 where higher is
    better is no target, and ``on_target`` uses the catalog's ``tolerance_pct``.

    Returns
    -------
    str
        ``"Het aandeel ... was 48,0% in 2024, 3,0 procentpunt boven het doel van 45,0% (lager is beter): doel
        niet gehaald (ook volgens de Jaarstukken 2024)."`` (plus ``"Het cijfer over 2024 is voorlopig."``
        when it is); see :func:`verdict_sentence`.
    """
    from sdlib.calc.indicators import no_target, verdict

    unit, decimals, meta = _resolve(data, series, unit, decimals)
    subject = subject or meta.get("phrase") or "de realisatie"
    direction = direction or meta.get("direction")
    tolerance_pct = meta.get("tolerance_pct")
    if direction not in ("higher", "lower", "on_target"):
        raise ValueError(f"direction must be 'higher', 'lower' or 'on_target' (or series= with one); got {direction!r}")
    real, goal = _one(data, year, measure="realisatie", y=y), _one(data, year, measure=target, y=y)
    vr, vg = float(real[y]), float(goal[y])
    short_ = unit == "eur" and _short_eur([vr, vg], short)
    pr, pg = _printed_value(vr, unit, decimals, short=short_), _printed_value(vg, unit, decimals, short=short_)
    if no_target(pg, direction):
        text = (
            f"{_capital(subject)} was {_fmt(vr, unit, decimals, short=short_)} in {year}; voor dat jaar is geen "
            f"doel gesteld (de begroting noemt {_fmt(vg, unit, decimals, short=short_)})."
        )
        extra = provisional(data.loc[[real.name]]) if notes else ""
        return f"{text} {extra}".strip()
    met = verdict(pr, pg, direction, tolerance_pct=tolerance_pct)
    published = None
    if meta.get("id"):
        from sdlib.calc.indicators import published_verdict

        published = published_verdict(meta["id"], year)
    if pr == pg:
        difference = "gelijk aan"
    else:
        difference = f"{_difference(pr - pg, unit, decimals, short=short_)} {'boven' if pr > pg else 'onder'}"
    text = verdict_sentence(
        subject=subject,
        year=year,
        value=_fmt(vr, unit, decimals, short=short_),
        target=_fmt(vg, unit, decimals, short=short_),
        difference=difference,
        direction=direction,
        tolerance_pct=tolerance_pct,
        tolerance_own=meta.get("tolerance_source") == "eigen berekening",
        met=met,
        published=None if published is None else published.achieved,
        published_source=None if published is None else published.source,
        target_word="het doel" if target == "begroting" else f"de {target}",
    )
    if notes:
        extra = provisional(data.loc[[real.name]])
        if extra:
            text += " " + extra
    return text


def caveat(series: str) -> str:
    """What a reader must know before comparing the years of a series (catalog ``caveat``); ``""`` without one."""
    from sdlib.data.catalog import entry

    return (entry(series).caveat or "").strip()


def _in_period_order(rows):
    """Rows in the order of the catalog's ``period`` dimension (as given when the catalog has none)."""
    from sdlib.data.catalog import model

    dim = model().dimensions.get("period")
    if dim is None:
        return rows
    return rows.sort_values("period", key=lambda p: p.map(lambda v: dim.values.index(v) if v in dim.values else 99))


def periods_change(data, *, subject: str, year: int) -> str:
    """Say how a figure moved between the periods of one year, in the order of the catalog's ``period`` dimension:
    'De herinstroom ... daalde in 2024 van 21,5% over de eerste helft van het jaar naar 11% over de periode t/m
    november.' A value the document printed without decimals (11%) is written so (the figure as printed)."""
    from sdlib.data.catalog import model

    dim = model().dimensions.get("period")  # without the dimension: the periods as named, in the given order
    rows = _in_period_order(data[data["year"] == year])
    unit, decimals, _ = _resolve(data, None, None, None)
    said = [
        f"{_fmt(r.value, unit, decimals if r.value % 1 else 0)} over {dim.label(r.period) if dim else r.period}"
        for r in rows.itertuples()
    ]
    if len(said) < 2:
        return ""
    first, last = float(rows["value"].iloc[0]), float(rows["value"].iloc[-1])
    verb = "steeg" if last > first else "daalde" if last < first else "bleef gelijk,"
    return f"{_capital(subject)} {verb} in {year} van {' naar '.join(said)}."


def periods_head(data, *, year: int, subject: str) -> str:
    """The head over :func:`periods_change`: 'Herinstroom in de uitkering na uitstroom: gedaald in 2024' (from the
    first to the last period of the year, in the catalog's order); ``""`` with fewer than two periods."""
    rows = _in_period_order(data[data["year"] == year])
    if len(rows) < 2:
        return ""
    return moved_head(
        subject, float(rows["value"].iloc[0]), float(rows["value"].iloc[-1]), when=f"in {year}", relative=False
    )


def no_target(*frames) -> str:
    """'De documenten noemen voor deze cijfers geen doel.' ('noemen': a chart the extracts lost may hold one) when
    none of these rows holds a target (begroting), so a
    reader stops looking for one; ``""`` otherwise."""
    if any("measure" in f and (f["measure"] == "begroting").any() for f in frames):
        return ""
    return "De documenten noemen voor deze cijfers geen doel."


def funnel(data, *, by: str) -> str:
    """Steps that people pass one after another, the first as the base: 'van de 75 die zijn uitgenodigd, hebben er 28
    voorlichting bijgewoond en 8 (11% van de 75; eigen berekening) training afgerond' (rows in step order; ``""``
    under two). The steps are
    the catalog's labels, past participles, not the document's words: no quotation marks."""
    if len(data) < 2:
        return ""
    rows = list(data.itertuples())
    base = float(rows[0].value)
    last = float(rows[-1].value)
    # the share of the first step is the report's own sum: said as such (a fact-checker, round 40)
    pct = f" ({fmt_number(last / base * 100, 0)}% van de {fmt_number(base)}; eigen berekening)" if base else ""
    steps = [f"{fmt_number(r.value)} {getattr(r, by)}" for r in rows[1:-1]]
    steps.append(f"{fmt_number(last)}{pct} {getattr(rows[-1], by)}")
    return f"van de {fmt_number(base)} die zijn {getattr(rows[0], by)}, hebben er {join(steps)}"


def _turned(a, sid: str):
    """(printed value, document) of another publication of the same year whose figure gives the other verdict
    against the same target; None when every publication agrees."""
    from sdlib.calc.figures import publications
    from sdlib.calc.indicators import verdict as _verdict
    from sdlib.data.load import load
    from sdlib.present.provenance import source_title

    for f in publications(load(sid, vintage="all"), year=a.year):
        if f.printed != a.realisatie and bool(_verdict(f.printed, a.begroting, a.direction)) != bool(a.computed):
            return f.printed, _document(source_title(f.source))[0]
    return None


def targets_by_year(data, *, years, subject: str | None = None) -> str:
    """One indicator against its target in two or more years, newest first, as plain sentences, so a moved target
    and what it means show: 'De gemiddelde leeftijd bij instroom in de jeugdhulp was 8,9 jaar in 2024, onder het
    doel van 9,3 jaar: gehaald (voorlopig cijfer). In 2023 was het 9,1 jaar, bij een doel van 9,0 jaar: niet
    gehaald (eigen berekening). Lager is beter; het doel werd verruimd van 9,0 naar 9,3 jaar.'

    The verdicts are those of :func:`sdlib.calc.indicators.assess` (values as printed, the catalog direction). A
    verdict no document gives is marked 'eigen berekening'; one a document gives otherwise is named. A target moved
    the easy way is 'verruimd', the hard way 'aangescherpt'. Years without a result or a target are left out.
    """
    from sdlib.calc.indicators import assess
    from sdlib.present.provenance import source_title

    unit, decimals, meta = _resolve(data, None, None, None)
    sid = meta.get("id") or _series_id(data)
    subject = _capital(subject or meta.get("phrase") or "de realisatie")
    found = [a for a in (assess(data, sid, int(y)) for y in sorted(years, reverse=True)) if a.computed is not None]
    if not found:
        return ""

    def verdict(a) -> str:
        said = "gehaald" if a.computed else "niet gehaald"
        if a.published is None:
            return f"{said} (eigen berekening)"
        if not a.agree:
            doc, plural = _document(source_title(a.published_source))
            return f"volgens deze berekening {said}, maar {doc} {'oordelen' if plural else 'oordeelt'} anders"
        return said + (" (voorlopig cijfer)" if a.provisional else "")

    def side(a) -> str:
        return "gelijk aan" if a.realisatie == a.begroting else "boven" if a.realisatie > a.begroting else "onder"

    def earlier(a) -> str:  # an earlier publication whose figure gives the other verdict: said beside it
        turned = _turned(a, sid)
        if turned is None:
            return ""
        other = "wel" if not a.computed else "niet"
        # that verdict is the report's own sum too (the earlier document gives the figure, not a verdict): marked
        # where it stands (a fact-checker, round 44); a sentence of its own that names the earlier figure first
        # (round 52: 'met 45,9% uit de Programmabegroting 2025 was het wel gehaald' was hard to follow)
        return (
            f". {_capital(turned[1])} gaf eerder {_fmt(turned[0], unit, decimals)}: daarmee was het doel {other} "
            "gehaald (eigen berekening)"
        )

    first, rest = found[0], found[1:]
    text = (
        f"{subject} was {_fmt(first.realisatie, unit, decimals)} in {first.year}, {side(first)} het doel van "
        f"{_fmt(first.begroting, unit, decimals)}: {verdict(first)}{earlier(first)}."
    )
    for a in rest:
        text += (
            f" In {a.year} was het {_fmt(a.realisatie, unit, decimals)}, bij een doel van "
            f"{_fmt(a.begroting, unit, decimals)}: {verdict(a)}{earlier(a)}."
        )
    direction = first.direction
    better = {"lower": "Lager is beter", "higher": "Hoger is beter"}.get(direction)
    old, new = found[-1].begroting, first.begroting
    moved = ""
    if len(found) > 1 and old != new and direction in ("lower", "higher"):
        easier = (new > old) if direction == "lower" else (new < old)
        moved = (
            f"het doel werd {'verruimd' if easier else 'aangescherpt'} van {_fmt(old, unit, decimals)} naar "
            f"{_fmt(new, unit, decimals)}"
        )
    if better and moved:
        text += f" {better}; {moved}."
    elif better:
        text += f" {better}."
    return text


def aims(series: list[str]) -> str:
    """Which way the documents want these figures to go, where a document says so (the catalog's direction and
    its source): 'Het streven in de Programmabegroting 2025: de instroom in de jeugdhulp laten dalen en de uitstroom
    uit de jeugdhulp laten stijgen.' A direction that is an own choice or the name of an indicator is left out; ``""`` when
    no document states one."""
    from sdlib.data.catalog import model, read_sources

    titles = [row["short_title"] for row in read_sources().values()]
    by_doc: dict[str, list[str]] = {}
    for sid in series:
        meta = model().series[sid]
        said = " ".join((meta.direction_source or "").split())
        doc = next((t for t in titles if said.startswith(f"{t}:")), None)
        if doc is None or meta.direction not in ("lower", "higher"):
            continue
        by_doc.setdefault(doc, []).append(f"{meta.phrase} laten {'dalen' if meta.direction == 'lower' else 'stijgen'}")
    # an aim, not a duty: the documents write 'Het streven is om ...', 'wordt beoogd', 'wordt getracht'
    return " ".join(f"Het streven in {_document(doc)[0]}: {join(wants)}." for doc, wants in by_doc.items())


def target_moved(data, *, start: int, end: int, subject: str | None = None) -> str:
    """Whether a target moved between two years, the easy way ('verruimd') or the hard way ('aangescherpt'), by the
    catalog direction: 'Bij instroom: doel verruimd van 9,0 jaar (2023) naar 9,3 jaar (2024).' (``subject`` by
    default the catalog label; ``""``: 'Het doel werd verruimd ...'); ``""`` when it stayed, a year has no target or the direction is not higher or lower. A met
    verdict that rests on an easier target is debate material: say it beside the verdict."""
    from sdlib.calc.indicators import assess
    from sdlib.data.catalog import model

    unit, decimals, meta = _resolve(data, None, None, None)
    sid = meta.get("id") or _series_id(data)
    old, new = assess(data, sid, int(start)), assess(data, sid, int(end))
    if old.begroting is None or new.begroting is None or new.direction not in ("lower", "higher"):
        return ""
    if old.begroting != old.begroting or new.begroting != new.begroting or old.begroting == new.begroting:
        return ""
    easier = (new.begroting > old.begroting) if new.direction == "lower" else (new.begroting < old.begroting)
    moved = (
        f"{'verruimd' if easier else 'aangescherpt'} van {_fmt(old.begroting, unit, decimals)} ({start}) naar "
        f"{_fmt(new.begroting, unit, decimals)} ({end})"
    )
    # easier or harder by the direction of the series: a judgement of ours where no document names the better side
    # (round 21); where one does ('Afname gemiddelde leeftijd ...'), it follows from the document (round 41: a
    # council reader found '(eigen berekening)' after a change of target confusing)
    source = (model().series[sid].direction_source or "").strip().lower()
    mark = " (eigen berekening)" if not source or source.startswith("eigen ") else ""
    # a target met after it was made easier: whether the old one was met too (round 45: a reader suspected the
    # verdict rested on the easier target)
    also = ""
    if easier and new.computed and new.realisatie is not None:
        from sdlib.calc.indicators import verdict

        old_met = verdict(new.realisatie, old.begroting, new.direction)
        # the figure of the new year against the old target, said so (round 46: 'het doel van 2023 was met 8,9
        # gehaald' read as a verdict on 2023, whose own 9,1 missed it)
        also = (
            f" {_fmt(new.realisatie, unit, decimals)} in {end} haalt {'ook ' if old_met else ''}het oude doel van "
            f"{_fmt(old.begroting, unit, decimals)}{'' if old_met else ' niet'} (eigen berekening)."
        )
    if subject == "":  # after the figures of the series: 'Het doel werd verruimd ...'
        return f"Het doel werd {moved}{mark}.{also}"
    name = subject or model().series[sid].short or model().series[sid].title
    return f"{_capital(name)}: doel {moved}{mark}.{also}"


def targets_met(data, *, year: int, by: str, subject: str, target: str = "begroting") -> str:
    """Say where the results of one year stand against their targets, on the values as printed: 'Het werkbedrijf
    kwam in 2024 boven het doel bij loonkostensubsidie (240; doel 229) en uitstroom naar werk (209; doel 200), en
    precies op het doel bij beschut werk (77; doel 77).' Levels of ``by`` without a target are left out; ``""``
    when no level has one. It compares printed figures only: whether a target counts as met is the document's word
    (quote it beside this sentence), so no count of 'doelen gehaald' is made here.
    """
    from sdlib.calc.periods import unsure

    unit, decimals, _ = _resolve(data, None, None, None)
    rows = data[data["year"] == year]
    groups: dict[str, list[str]] = {"boven het doel": [], "precies op het doel": [], "onder het doel": []}
    doubtful: list[str] = []
    for level, part in rows.groupby(by, sort=False):
        goal = part[part["measure"] == target]["value"]
        results = part[part["measure"] != target]
        if goal.empty or results.empty:
            continue
        r, g = _round(float(results["value"].iloc[0]), decimals), _round(float(goal.iloc[0]), decimals)
        figures = f"{level} ({_fmt(r, unit, decimals)}; doel {_fmt(g, unit, decimals)})"
        if bool(unsure(results).iloc[0]):  # the document itself is not sure: no position as a fact
            doubtful.append(figures)
            continue
        where = "precies op het doel" if r == g else "boven het doel" if r > g else "onder het doel"
        groups[where].append(figures)
    parts = [f"{where} bij {join(items)}" for where, items in groups.items() if items]
    if not parts and not doubtful:
        return ""
    said = ""
    if parts:
        said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", en " + parts[-1]
        said = f"{_capital(subject)} kwam in {year} {said}."
    if doubtful:
        said += f" Bij {join(doubtful)} is de uitkomst volgens de gemeente nog niet zeker."  # its words follow
    return said.strip()


def verdict_sentence(
    *,
    subject: str,
    year: int,
    value: str,
    target: str,
    difference: str,
    direction: str,
    met: bool,
    published: bool | None = None,
    published_source: str | None = None,
    tolerance_pct: float | None = None,
    tolerance_own: bool = True,
    target_word: str = "het doel",
) -> str:
    """One result against its target, the one wording of every report.

    ``'Het aandeel ... was 71% in 2024, 9 procentpunt onder het doel van 80%: doel niet gehaald (ook volgens de
    Jaarstukken 2024).'`` Where lower is better it says so; an ``on_target`` indicator names its margin;
    a verdict no document gives is marked 'eigen berekening'; a document that judged otherwise is named.

    Parameters
    ----------
    value, target : str
        The realisation and the target as printed ('71%', '€ 3.500').
    difference : str
        'gelijk aan', or the size and side: '9 procentpunt onder', '€ 710 onder', '0,4 jaar boven'.
    met : bool
        The verdict of :func:`sdlib.calc.indicators.verdict`.
    published, published_source : optional
        The verdict a document printed ('Doel gehaald: Ja' is True) and the source id of that document.
    """
    text = f"{_capital(subject)} was {value} in {year}, {difference} {target_word} van {target}"
    if direction == "lower":  # 'onder het doel: niet gehaald' says itself that higher is better
        text += " (lager is beter)"
    elif direction == "on_target" and tolerance_pct is not None and published is None:  # our rule only without theirs
        margin = fmt_number(tolerance_pct, 0 if float(tolerance_pct).is_integer() else 1)
        text += f" (binnen {margin}% van het doel geldt als gehaald{'; eigen keuze' if tolerance_own else ''})"
    said = "gehaald" if met else "niet gehaald"
    if published is None:
        return f"{text}: doel {said} (eigen berekening)."
    from sdlib.present.provenance import source_title

    doc, plural = _document(source_title(published_source))
    verb = "oordelen" if plural else "oordeelt"
    if direction not in ("lower", "higher"):  # the document judged, without saying which way is better
        which = "gehaald" if published else "niet gehaald"
        return f"{text}: volgens {doc} doel {which}; of hoger of lager beter is, zeggen de documenten niet."
    if bool(published) == bool(met):
        return f"{text}: doel {said} (ook volgens {doc})."
    return f"{text}: volgens deze berekening doel {said}, maar {doc} {verb} 'Doel gehaald: {'Ja' if published else 'Nee'}'."


# article and grammatical number of a document title, from a word in it
_DOCUMENTS = (
    ("jaarstukken", "de", True),
    ("jaarverslag", "het", False),
    ("jaarrekening", "de", False),
    ("verslag", "het", False),
    ("begroting", "de", False),
    ("rapportage", "de", False),
    ("monitor", "de", False),
    ("rapport", "het", False),
    ("onderzoek", "het", False),
    ("brief", "de", False),
    ("nota", "de", False),
)


def _source_title(source: str) -> str:
    from sdlib.present.provenance import source_title

    return source_title(source)


def _document(title: str) -> tuple[str, bool]:
    """Return ('de Jaarstukken 2024', plural) for a source title."""
    low = title.lower()
    for word, article, plural in _DOCUMENTS:
        if word in low:
            return f"{article} {title}", plural
    return title, False


def revision(
    data,
    *,
    year: int,
    unit: str | None = None,
    decimals: int | None = None,
    series: str | None = None,
    measure: str | None = "realisatie",
    y: str = "value",
) -> str:
    """Say how one figure was published twice (or more): first in one document, then changed in the next.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows loaded with ``vintage="all"`` (columns ``source`` and ``published``).
    year : int

    Returns
    -------
    str
        ``"Voor 2023 publiceerde de Programmabegroting 2025 eerst 45,9%; de Jaarstukken 2024 geven 46,1%."``;
        when every publication prints the same value: ``"Voor 2023 geven de A en de B hetzelfde cijfer: 46,1%."``
    """
    from sdlib.present.provenance import source_title

    unit, decimals, _ = _resolve(data, series, unit, decimals)
    rows = _rows(data, year, measure, y)
    if "source" not in rows:
        raise ValueError("the frame has no 'source' column; load it with sdlib.load(..., vintage='all')")
    order = ["published", "source"] if "published" in rows else ["source"]
    rows = rows.sort_values(order, kind="stable").drop_duplicates("source", keep="last")
    if len(rows) < 2:
        raise ValueError(
            f"year {year} has {len(rows)} publication(s) in the data; load the series with "
            "vintage='all' to compare publications"
        )
    docs = [_document(source_title(s)) for s in rows["source"]]
    texts = [fmt_value(v, unit, decimals) for v in rows[y]]
    if len(set(texts)) == 1:
        return f"Voor {year} geven {join(d for d, _ in docs)} hetzelfde cijfer: {texts[0]}."
    first = f"Voor {year} publiceerde {docs[0][0]} eerst {texts[0]}"
    later = [f"{doc} {'geven' if plural else 'geeft'} {text}" for (doc, plural), text in zip(docs[1:], texts[1:])]
    if len(later) > 1:
        later = [f"daarna {'gaven' if p else 'gaf'} {d} {t}" for (d, p), t in zip(docs[1:-1], texts[1:-1])] + [
            later[-1]
        ]
    return first + "; " + "; ".join(later) + "."


def _extreme(data, *, year, by, largest_, unit, decimals, series, noun, what, measure, y, short):
    unit, decimals, _ = _resolve(data, series, unit, decimals)
    rows = _rows(data, year, measure, y)
    rows = rows[rows[by] != "totaal"].dropna(subset=[y])
    if rows.empty:
        raise ValueError(f"no rows for year {year} with a value in the data")
    if rows[by].duplicated().any():
        raise ValueError(f"several rows per {by} for year {year}: filter the other dimensions first")
    short_ = unit == "eur" and _short_eur(rows[y], short)
    shown = rows[y].map(lambda v: _printed_value(v, unit, decimals, short=short_))
    best = shown.max() if largest_ else shown.min()
    names = list(rows.loc[shown == best, by].astype(str))
    value = _fmt(rows.loc[shown == best, y].iloc[0], unit, decimals, short=short_)
    if noun:
        value += f" {noun}"
    verb = "zijn" if len(names) > 1 else "is"
    return f"{_capital(join(names))} {verb} met {value} {what}."


def largest(
    data,
    *,
    year: int,
    by: str,
    noun: str | None = None,
    what: str = "de grootste",
    unit: str | None = None,
    decimals: int | None = None,
    series: str | None = None,
    measure: str | None = "realisatie",
    y: str = "value",
    short: bool | None = None,
) -> str:
    """Name the largest category in a year (a level ``totaal`` is left out; ties are named together).

    Examples
    --------
    >>> largest(sdlib.load("jeugdhulp_jeugdigen_per_type"), year=2018, by="care_type", noun="jeugdigen",
    ...         what="de grootste vorm", unit="count")
    'Jeugdhulp zonder verblijf is met 4.188 jeugdigen de grootste vorm.'
    """
    return _extreme(
        data,
        year=year,
        by=by,
        largest_=True,
        unit=unit,
        decimals=decimals,
        series=series,
        noun=noun,
        what=what,
        measure=measure,
        y=y,
        short=short,
    )


def smallest(
    data,
    *,
    year: int,
    by: str,
    noun: str | None = None,
    what: str = "de kleinste",
    unit: str | None = None,
    decimals: int | None = None,
    series: str | None = None,
    measure: str | None = "realisatie",
    y: str = "value",
    short: bool | None = None,
) -> str:
    """Name the smallest category in a year, like :func:`largest`.

    Examples
    --------
    >>> smallest(youths, year=2018, by="care_type", noun="jeugdigen", what="de kleinste vorm", unit="count")
    'Jeugdreclassering is met 135 jeugdigen de kleinste vorm.'
    """
    return _extreme(
        data,
        year=year,
        by=by,
        largest_=False,
        unit=unit,
        decimals=decimals,
        series=series,
        noun=noun,
        what=what,
        measure=measure,
        y=y,
        short=short,
    )


_FRACTIONS = (
    (25.0, "een kwart"),
    (100 / 3, "een derde"),
    (50.0, "de helft"),
    (200 / 3, "twee derde"),
    (75.0, "driekwart"),
)


def portion(pct: float, *, decimals: int = 0) -> str:
    """A printed percentage in the words a reader uses: 'een derde' (33%), 'bijna de helft' (45%), 'ruim de
    helft' (55%); the percentage itself ('40%') when no plain fraction is near.

    Within 1,5 point of a quarter, third, half, two thirds or three quarters is that fraction; up to 5 points
    below is 'bijna', up to 5 above 'ruim'.

    >>> portion(33), portion(45), portion(55), portion(40)
    ('een derde', 'bijna de helft', 'ruim de helft', '40%')
    """
    for at, words in _FRACTIONS:
        off = float(pct) - at
        if abs(off) <= 1.5:
            return words
        if -5 <= off < -1.5:
            return "bijna " + words
        if 1.5 < off <= 5:
            return "ruim " + words
    return fmt_number(pct, decimals) + "%"


def by_year(data, *, periods: bool = True, **dims) -> str:
    """The printed values of some years in one phrase, oldest first, a part of a year named: '37% (2018) en 30%
    (2019, 1e halfjaar)' (``periods=False``: '37% (2018) en 30% (2019)'). ``dims`` select one row per year
    (``outcome=...``)."""
    rows = data
    for col, level in dims.items():
        rows = rows[rows[col] == level]
    parts = []
    for _, row in rows.sort_values("year").iterrows():
        when = str(int(row["year"]))
        period = str(row.get("period") or "")
        if periods and period and period != "jaar":
            when += f", {period}"
        parts.append(f"{printed(row['value'], series=row.get('series'))} ({when})")
    return join(parts)


def value_range(data, *, unit: str | None = None, decimals: int | None = None) -> str:
    """The lowest and highest value of some rows as printed: '29% tot 41%' (one value: '29%'; ``""`` without rows).
    ``unit``/``decimals`` for computed rows whose series is another unit (a share from counts)."""
    if data.empty:
        return ""
    unit, decimals, _ = _resolve(data, None, unit, 0 if unit == "percent" and decimals is None else decimals)
    low, high = (_fmt(float(v), unit, decimals) for v in (data["value"].min(), data["value"].max()))
    return low if low == high else f"{low} tot {high}"


def earlier_counts(data, *, subject: str) -> str:
    """The range of older counts of another series, with its document and the catalog caveat on how it compares:
    'Eerdere aantallen staan alleen in de 2e Rapportage Sociaal Domein 2019: tussen 2.652 en 2.731 uitkeringen
    Participatiewet in vier maanden van 2019. <caveat>' (``""`` without rows). The range needs no reading of which
    month each figure belongs to."""
    rows = data[data["measure"] == "realisatie"] if "measure" in data else data
    if rows.empty:
        return ""
    unit, decimals, meta = _resolve(rows, None, None, None)
    years = sorted({int(y) for y in rows["year"]})
    low, high = float(rows["value"].min()), float(rows["value"].max())
    when = (
        f"in {count_word(len(rows))} maanden van {years[0]}"
        if len(years) == 1 and "month" in rows
        else (f"in {join(map(str, years))}")
    )
    amount = (
        _fmt(low, unit, decimals)
        if low == high
        else f"tussen {_fmt(low, unit, decimals)} en {_fmt(high, unit, decimals)}"
    )
    sid = meta.get("id") or _series_id(rows)
    text = f"Eerdere aantallen staan alleen in {documents(rows)}: {amount} {subject} {when}"
    return f"{text}. {caveat(sid)}".strip() if sid else f"{text}."


def part_count(total: float, pct: float, *, noun: str | None = None) -> str:
    """How many of a printed total a printed percentage is, marked as the report's own sum: 'ongeveer 300 van
    de 900 leerlingen (eigen berekening)', or without ``noun`` (the total said just before) 'ongeveer 300 (eigen
    berekening)' (see :func:`sdlib.calc.values.approx_part`)."""
    from sdlib.calc.values import approx_part

    of = f" van de {fmt_number(total)} {noun}" if noun else ""
    return f"ongeveer {fmt_number(approx_part(total, pct))}{of} (eigen berekening)"


def share(
    data,
    *,
    year: int,
    by: str,
    level,
    of: str = "het totaal",
    noun: str | None = None,
    unit: str | None = None,
    decimals: int | None = None,
    series: str | None = None,
    pct_decimals: int = 1,
    measure: str | None = "realisatie",
    y: str = "value",
    short: bool | None = None,
    name: str | None = None,
    before: int | None = None,
) -> str:
    """Say one category's share of the total of a year (the sum of the levels other than ``totaal``).

    ``name`` is how the sentence names the level (default: the level); ``before`` adds the share of an
    earlier year: '(in 2022: 58,7%)'.

    Only for counts and euros: percentages and averages do not add up.

    Examples
    --------
    >>> share(youths, year=2018, by="care_type", level="jeugdhulp zonder verblijf", noun="jeugdigen",
    ...       unit="count")
    'Jeugdhulp zonder verblijf is 81,0% van het totaal (4.188 van 5.170 jeugdigen).'
    """
    unit, decimals, _ = _resolve(data, series, unit, decimals)
    if unit not in ("count", "eur"):
        raise ValueError(f"a share of the total needs values that add up (count or eur), not {unit!r}")
    rows = _rows(data, year, measure, y)
    rows = rows[rows[by] != "totaal"]
    if rows[by].duplicated().any():
        raise ValueError(f"several rows per {by} for year {year}: filter the other dimensions first")
    part = rows[rows[by] == level]
    if part.empty:
        levels = ", ".join(map(str, rows[by]))
        raise ValueError(f"no row for {by} == {level!r} in {year} (levels: {levels or 'none'})")
    total, value = float(rows[y].sum()), float(part[y].iloc[0])
    short_ = unit == "eur" and _short_eur([total], short)
    pct = fmt_number(value / total * 100, pct_decimals) + "%"
    tail = f" {noun}" if noun else ""
    text = (
        f"{_capital(str(name or level))} was {pct} van {of} ({_fmt(value, unit, decimals, short=short_)} van "
        f"{_fmt(total, unit, decimals, short=short_)}{tail})"
    )
    if before is not None:
        earlier = _rows(data, before, measure, y)
        earlier = earlier[earlier[by] != "totaal"]
        then = earlier[earlier[by] == level]
        if len(then) and float(earlier[y].sum()):
            text += f"; in {before} was dat {fmt_number(float(then[y].iloc[0]) / float(earlier[y].sum()) * 100, pct_decimals)}%"
    return text + "."


def agreement(data, *, source: str, computed: str = "computed", published: str = "published") -> str:
    """Say how many published figures a recomputation gives back as printed, and where it differs most.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per figure: ``series`` (a catalog id, whose ``short`` name and printed decimals are used),
        ``year``, the recomputed value (column ``computed``) and the published one (column ``published``).
    source : str
        What the figures were recomputed from, e.g. ``"de registraties"``.

    Examples
    --------
    >>> agreement(table, source="de registraties")
    'Van de 12 gepubliceerde cijfers voor instroom, doorstroom en uitstroom over 2016-2019 komen er 11 precies
    terug uit de registraties; het grootste verschil is 1 (uitstroom 2017: 1.303 tegen 1.304 gepubliceerd).'
    """
    from sdlib.data.catalog import model

    if data.empty:
        return f"De gepubliceerde tabellen hebben geen cijfers over dezelfde jaren als {source}."
    known = model().series
    worst, exact, size = None, 0, -1.0
    for row in data.itertuples(index=False):
        sid = row.series
        unit, decimals, _ = _resolve(None, sid, None, None)
        mine, theirs = getattr(row, computed), getattr(row, published)
        if _round(mine, decimals) == _round(theirs, decimals):
            exact += 1
        elif abs(mine - theirs) > size:
            size, worst = abs(mine - theirs), (known[sid].short, row.year, mine, theirs, unit, decimals)
    years = sorted({int(y) for y in data["year"]})
    span_ = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    what = join(known[s].short if s in known else str(s) for s in dict.fromkeys(data["series"]))
    total = len(data)
    if worst is None:
        if total == 1:
            return f"Het gepubliceerde cijfer voor {what} over {span_} komt precies terug uit {source}."
        return f"Alle {total} gepubliceerde cijfers voor {what} over {span_} komen precies terug uit {source}."
    name, year, mine, theirs, unit, decimals = worst
    differs = (
        f"{_difference(mine - theirs, unit, decimals)} ({name} {year}: {_fmt(mine, unit, decimals)} tegen "
        f"{_fmt(theirs, unit, decimals)} gepubliceerd)."
    )
    if total == 1:
        return (
            f"Het gepubliceerde cijfer voor {what} over {span_} komt niet precies terug uit {source}: het verschil "
            f"is {differs}"
        )
    return (
        f"Van de {total} gepubliceerde cijfers voor {what} over {span_} "
        + ("komt er geen" if exact == 0 else "komt er 1" if exact == 1 else f"komen er {exact}")
        + f" precies terug uit {source}; het grootste verschil is {differs}"
    )


_SMALL_FIRST = frozenset(
    {"de", "het", "een"}  # articles
    | {"in", "op", "van", "voor", "bij", "met", "na", "tot", "uit", "over", "per", "sinds"}  # prepositions
    | {"elk", "elke", "ieder", "iedere", "alle", "er", "dat", "dit", "deze", "die", "geen", "wie", "wat", "hoeveel"}
    | {"zo", "ook", "ruim", "bijna", "meer", "minder"}
)


def labelled(label: str | None, text: str) -> str:
    """Put a label before a sentence, for a sentence that must carry it on its own (a key message, an alt text).

    After the colon the first word is written small when it is an ordinary word (an article, preposition or
    pronoun such as *de*, *in*, *van*); a name keeps its capital. No label (None or ``""``) or no text returns
    the text as it is.

    Examples
    --------
    >>> labelled("Synthetisch", "De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%).")
    'Synthetisch: de instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%).'
    >>> labelled("Synthetisch", "Oosterheem is met 650 jeugdigen de grootste wijk.")
    'Synthetisch: Oosterheem is met 650 jeugdigen de grootste wijk.'
    """
    text = (text or "").strip()
    if not label or not text:
        return text
    first = text.split(maxsplit=1)[0]
    if first.lower() in _SMALL_FIRST:
        text = text[:1].lower() + text[1:]
    return f"{label}: {text}"


def _series_id(data) -> str | None:
    if "series" in data and data["series"].nunique() == 1:
        return str(data["series"].iloc[0])
    return None


def breaks(series: str, *, until: int | None = None, since: int | None = None) -> str:
    """Say the series breaks of a series (catalog ``breaks``) up to ``until``: "In 2021 ... (trendbreuk)."."""
    from sdlib.data.catalog import entry

    found = [
        b for b in entry(series).breaks if (until is None or b.year <= until) and (since is None or b.year > since)
    ]
    return " ".join(_sentence(b.note) for b in found)


def compare_change(
    a, b, *, start: int, end: int, measure: str | None = "realisatie", subjects: tuple | None = None
) -> str:
    """Compare how two series changed between the same two years, relatively (for different scales).

    Both frames need one row per year and a ``series`` column (its catalog ``subject`` names it, or
    ``subjects``: per frame ``None`` or ``(words, plural)``, e.g. ``("de lasten van doelstelling 2.1", True)``
    for a part of a series). A series break between the years makes the comparison impossible: the sentence
    says so instead.

    >>> compare_change(youths, nl, start=2023, end=2024)
    'Van 2023 op 2024 daalde het aantal jeugdigen met specialistische jeugdhulp met 3,6%; het aantal jeugdigen
    met jeugdhulp in Nederland daalde met 1,7%. De cijfers over 2024 zijn voorlopig.'
    """
    from sdlib.calc.changes import relative_decimals
    from sdlib.data.catalog import entry

    parts, rows = [], []
    for data, own in zip((a, b), subjects or (None, None)):
        sid = _series_id(data)
        meta = entry(sid)
        phrase, plural = own if own is not None else (meta.phrase, False)
        if any(start < br.year <= end for br in meta.breaks):
            return f"{_capital(phrase)} is tussen {start} en {end} niet te vergelijken: {breaks(sid, until=end, since=start)}"
        unit, decimals, _ = _resolve(data, sid, None, None)
        c = _change(data, start=start, end=end, unit=unit, decimals=decimals, measure=measure)
        rel = c.relative
        if rel is None or half_up(rel, 1) == 0:
            parts.append((phrase, "bleven gelijk" if plural else "bleef gelijk", ""))
        else:
            verb = ("stegen" if plural else "steeg") if rel > 0 else ("daalden" if plural else "daalde")
            parts.append((phrase, verb, f"met {fmt_number(abs(rel), relative_decimals(rel))}%"))
        rows.append(data[data["year"].isin([start, end])])
    (s1, v1, m1), (s2, v2, m2) = parts
    text = f"Van {start} op {end} {v1} {s1} {m1}".rstrip() + f"; {s2} {v2} {m2}".rstrip() + "."
    import pandas as pd

    extra = provisional(pd.concat(rows))
    return f"{text} {extra}".strip()


def published_until(data, *, subject: str, plural: bool = True) -> str:
    """Say up to which year figures are published, and which later documents do not give them.

    >>> published_until(flows, subject="De stromen")
    'De stromen staan in de documenten tot en met 2019 (2019 geen volledig jaar: peildatum 9 september 2019); in de
    latere documenten die dit rapport gebruikt (Jaarverslag 2022, ...), staan ze niet in tekst of tabel.'
    """
    from sdlib.calc.periods import span
    from sdlib.data.catalog import read_sources

    sp = span(data)
    sources = read_sources()
    used = [s for s in dict.fromkeys(data["source"]) if s in sources]
    newest = max((sources[s]["publication_year"] for s in used), default=None)
    verb = "staan" if plural else "staat"
    text = f"{_capital(subject)} {verb} in de documenten tot en met {sp.last}"
    if sp.incomplete_year == sp.last and sp.reference_date is not None:
        # the peildatum is when the figures were drawn, not the end of what they cover (late declarations)
        text += f" ({sp.last} geen volledig jaar: peildatum {fmt_long_date(sp.reference_date)})"
    later = [
        r["short_title"]
        for sid, r in sources.items()
        if newest is not None and r["publication_year"] > newest and str(r.get("outside", "false")) != "true"
    ]
    if later:
        # a figure drawn only in a chart of a document is not transcribed: say 'in tekst of tabel', not 'niet'
        text += (
            f"; in de latere documenten die dit rapport gebruikt, {verb} {'ze' if plural else 'het'} niet in tekst "
            "of tabel"
        )
        # a later document that still sets the direction of these figures names them as its indicators
        from sdlib.data.catalog import model

        naming = [
            t
            for t in later
            if any(
                t in (model().series[s].direction_source or "")
                for s in dict.fromkeys(data.get("series", []))
                if s in model().series
            )
        ]
        if naming:
            ids = [s for s in dict.fromkeys(data.get("series", [])) if s in model().series]
            named = [s for s in ids if any(t in (model().series[s].direction_source or "") for t in naming)]
            # only the series a document names: 'de instroom en de uitstroom', not all of them
            what = "ze" if len(named) == len(ids) else join(f"de {model().series[s].label or s}" for s in named)
            text += (
                f", hoewel {join(_document(t)[0] for t in naming)} {what if plural else 'het'} als indicator "
                f"{'noemen' if len(naming) > 1 or _document(naming[0])[1] else 'noemt'}"
            )
    elif sp.incomplete_year != sp.last:
        return ""  # the newest documents give them, up to a whole year: nothing to say
    # 'in tekst of tabel' says it: a sentence on what was not transcribed from charts read as process (round 45)
    return text + "."


def left_out(data, shown, *, where: str = "de grafiek") -> str:
    """Say which years of ``data`` a chart (or ``where``) leaves out because they are not whole years:
    '2019 (peildatum 9 september 2019) staat niet in de grafiek: geen volledig jaar.' (``""`` when none is left out). The
    place is named: 'staat er niet in' read as if the year was missing from the report, whose table shows it."""
    gone = data[~data["year"].isin(set(shown["year"]))]
    gone = gone[gone["year"].isin(set(gone.loc[incomplete(gone), "year"]))]  # left out for another reason: unsaid
    if gone.empty:
        return ""
    parts = []
    for year, rows in gone.groupby("year"):
        refs = [r for r in rows.get("reference_date", []) if r is not None and r == r]
        parts.append(f"{year} (peildatum {fmt_long_date(max(refs))})" if refs else str(year))
    many = len(parts) > 1
    whole = f"geen volledig{'e jaren' if many else ' jaar'}"
    return f"{_capital(join(parts))} {'staan' if many else 'staat'} niet in {where}: {whole}."


def years_shown(data) -> str:
    """The years of a chart for its title, a gap between them said: '2022 en 2024 (2023: geen cijfers)'."""
    years = sorted({int(y) for y in data["year"]})
    missing = [y for y in range(years[0], years[-1] + 1) if y not in years]
    text = join(map(str, years))
    return text + (f" ({join(map(str, missing))}: geen cijfers)" if missing else "")


def gap_years(data) -> str:
    """Say which years between the first and the last are missing: "Over 2023 staan geen cijfers in de documenten.\""""
    from sdlib.calc.periods import span

    gaps = list(span(data).gaps)
    if not gaps:
        return ""
    years = (
        f"{gaps[0]}"
        if len(gaps) == 1
        else f"{gaps[0]} tot en met {gaps[-1]}"
        if gaps == list(range(gaps[0], gaps[-1] + 1))
        else join(map(str, gaps))
    )
    return f"Over {years} staan geen cijfers in de documenten."


def trend(data, *, subject: str | None = None, measure: str | None = "realisatie", years=None) -> str:
    """Say a whole series in one sentence, every year as printed, turning where the figures turn.

    >>> trend(satisfaction)  # 79, 74, 72, 71: one direction
    'Het aandeel ... daalde van 79% in 2021 via 74% in 2022 en 72% in 2023 naar 71% in 2024.'
    >>> trend(satisfaction)  # 76, 79, 74, 71: up, then down
    'Het aandeel ... was 76% in 2021, steeg naar 79% in 2022 en daalde daarna via 74% in 2023 naar 71% in 2024.'

    A figure that first rose and then fell is never summed up as 'daalde'. Years before a series break (catalog
    ``breaks``) are left out and the break is named.
    """
    from sdlib.calc.periods import comparable

    unit, decimals, meta = _resolve(data, None, None, None)
    subject = _capital(subject or meta.get("phrase") or "het cijfer")
    rows = data if measure is None or "measure" not in data else data[data["measure"] == measure]
    kept = comparable(rows)
    if years is not None:
        kept = kept[kept["year"].isin(list(years))]
    kept = kept.sort_values("year")
    if kept.empty:
        return ""
    groups: list[tuple[float, str, list[int]]] = []  # runs of years with the same printed value
    for r in kept.itertuples():
        value = half_up(r.value, decimals)
        if groups and groups[-1][0] == value:
            groups[-1][2].append(int(r.year))
        else:
            groups.append((value, _fmt(r.value, unit, decimals), [int(r.year)]))

    def said(group) -> str:
        return f"{group[1]} in {join(map(str, group[2]))}"

    if len(groups) == 1:
        ys = groups[0][2]
        when = join(map(str, ys)) if len(ys) <= 2 else f"elk jaar van {ys[0]} tot en met {ys[-1]}"
        text = f"{subject} was {groups[0][1]} in {when}."
    else:
        runs: list[list] = []  # consecutive groups moving the same way
        for before, after in itertools.pairwise(groups):
            up = after[0] > before[0]
            if runs and runs[-1][0] == up:
                runs[-1][1].append(after)
            else:
                runs.append([up, [after]])

        def run_text(up: bool, steps: list, *, then: bool = False) -> str:
            via = join(said(g) for g in steps[:-1])
            verb = ("steeg" if up else "daalde") + (" daarna" if then else "")
            return verb + (f" via {via}" if via else "") + f" naar {said(steps[-1])}"

        if len(runs) == 1:  # one direction: from the first year, via the years between, to the last
            up, steps = runs[0]
            via = join(said(g) for g in steps[:-1])
            text = (
                f"{subject} {'steeg' if up else 'daalde'} van {said(groups[0])}"
                + (f" via {via}" if via else "")
                + f" naar {said(steps[-1])}."
            )
        else:  # the figures turn: say every turn
            phrases = [run_text(up, steps, then=i == len(runs) - 1) for i, (up, steps) in enumerate(runs)]
            text = f"{subject} was {said(groups[0])}, " + ", ".join(phrases[:-1]) + f" en {phrases[-1]}."
    left = len(rows) - len(comparable(rows))
    if left:
        sid = _series_id(data)
        text += " " + (breaks(sid) if sid else "")
    return text.strip()


def _when(row) -> str:
    """'op 1 januari 2025' (a row with a peildatum) or 'in januari 2024' (a month)."""

    ref = row.get("reference_date")
    if ref is not None and ref == ref:
        return f"op {fmt_long_date(ref)}"
    return f"in {month_name(int(row['month']))} {int(row['year'])}"


def stand_change(data, *, start: tuple[int, int], end: tuple[int, int], subject: str | None = None) -> str:
    """Say how a monthly stand changed, e.g. 'steeg van 2.551 in januari 2024 naar 2.559 op 1 januari 2025 (+0,3%)'.

    ``start`` and ``end`` are (year, month); rows need ``year``, ``month`` and one row per month.
    """
    unit, decimals, meta = _resolve(data, None, None, None)
    subject = _capital(subject or meta.get("phrase") or "het aantal")
    rows = []
    for year, month in (start, end):
        sel = data[(data["year"] == year) & (data["month"] == month)]
        if len(sel) != 1:
            raise ValueError(f"expected one row for {month}-{year}, found {len(sel)}")
        rows.append(sel.iloc[0])
    a, b = rows
    pa, pb = half_up(a["value"], decimals), half_up(b["value"], decimals)
    if pa == pb:
        return f"{subject} bleef gelijk: {_fmt(a['value'], unit, decimals)} {_when(a)} en {_when(b)}."
    from sdlib.calc.changes import steady

    if a["value"] and nearly_same((b["value"] - a["value"]) / abs(a["value"]) * 100):
        return (
            f"{subject} bleef nagenoeg gelijk: {_fmt(a['value'], unit, decimals)} {_when(a)} en "
            f"{_fmt(b['value'], unit, decimals)} {_when(b)} ({_relative(a['value'], b['value'])})."
        )
    if a["value"] and steady((b["value"] - a["value"]) / abs(a["value"]) * 100):
        return (
            f"{subject} {'steeg' if pb > pa else 'daalde'} licht, van {_fmt(a['value'], unit, decimals)} {_when(a)} "
            f"naar {_fmt(b['value'], unit, decimals)} {_when(b)} ({_relative(a['value'], b['value'])})."
        )
    verb = "steeg" if pb > pa else "daalde"
    rel = f" ({_relative(a['value'], b['value'])})" if a["value"] else ""
    return (
        f"{subject} {verb} van {_fmt(a['value'], unit, decimals)} {_when(a)} naar "
        f"{_fmt(b['value'], unit, decimals)} {_when(b)}{rel}."
    )


def inconsistent_total(data, *, by: str, total: str = "totaal") -> str:
    """Say when the printed total differs from the sum of its parts (both stay as printed)."""
    unit, decimals, _ = _resolve(data, None, None, None)
    tot = data[data[by] == total]
    parts = data[data[by] != total]
    if len(tot) != 1 or parts.empty:
        return ""
    printed_total, summed = float(tot["value"].iloc[0]), float(parts["value"].sum())
    if half_up(printed_total, decimals) == half_up(summed, decimals):
        return ""
    return (
        f"Let op: het document noemt als totaal {_fmt(printed_total, unit, decimals)}, maar de onderdelen tellen op "
        f"tot {_fmt(summed, unit, decimals)}. Beide staan hier zoals gedrukt; het document geeft geen verklaring."
    )


def documents(data, *, article: bool = True) -> str:
    """The documents the rows come from, as a reader names them: 'de 2e Rapportage Sociaal Domein 2019 en de
    Jaarstukken 2024' (oldest publication first)."""
    from sdlib.data.catalog import read_sources

    sources = read_sources()
    ids = [s for s in dict.fromkeys(data["source"]) if s in sources]
    ids.sort(key=lambda s: sources[s]["publication_year"])
    titles = [sources[s]["short_title"] for s in ids]
    return join(_document(t)[0] if article else t for t in titles)


def said(
    topic: str,
    *,
    kinds=("conclusie",),
    year: int | None = None,
    about: str | None = None,
    short: bool = False,
    count: int = 1,
    data_dir=None,
) -> str:
    """The municipality's own words about a topic as a key message: 'De gemeente schreef in de Jaarstukken 2024:
    ‘...’' (the newest passage of these kinds, or of ``year``; ``""`` when there is none).

    The words are quoted exactly as printed (``data/passages.csv``); the notebook cites them with
    ``Document.voice`` further on, so the Verantwoording names the document. ``short`` quotes one sentence
    only: the one that holds ``about`` (else the first), so a key message stays the analyst's own sentence
    with one short quote beside it.
    """
    from sdlib.data.texts import passages

    found = passages(topic, data_dir=data_dir)
    found = found[found["kind"].isin(list(kinds))]
    if year is not None:
        found = found[found["year"] == int(year)]
    if about is not None:  # a passage that is about this (a word in it): 'herinstroom'
        found = found[found["text"].str.contains(about, case=False, regex=False)]
    if found.empty:
        return ""
    from sdlib.data.texts import with_sic

    row = found.sort_values("year", ascending=False, kind="stable").iloc[0]
    doc, _ = _document(_source_title(row["source"]))
    text = with_sic(row["text"], row.get("sic", "") or "")
    if short:
        text = one_sentence(text, about, count=count)
    return _said_in(doc, text)


def explained(series: str, *, about: int, word: str | None = None, count: int = 1, data_dir=None) -> str:
    """One sentence of the municipality's own explanation (Toelichting) of a series' figures of year ``about``, as a
    key message: 'De gemeente schreef in de Jaarstukken 2024: ‘Hoewel het totaal ... nog toe.’' (the sentence that
    holds ``word``, else the first; the newest publication; ``""`` when there is none)."""
    from sdlib.data.texts import toelichtingen, with_sic
    from sdlib.present.provenance import source_title

    found = toelichtingen(series, about=about, data_dir=data_dir)
    if word is not None:
        found = found[found["text"].str.contains(word, case=False, regex=False)]
    if found.empty:
        return ""
    row = found.sort_values("year", ascending=False, kind="stable").iloc[0]
    doc = _document(source_title(row["source"], data_dir))[0]
    quoted = one_sentence(with_sic(row["text"], row["sic"] or ""), word, count=count)
    return _said_in(doc, quoted)


def headline(data, *, year: int, start: int | None = None, subject: str | None = None) -> str:
    """The bold head of a key message, computed from the figures, so a reader can scan the messages: where the
    year has a target, the verdict of :func:`sdlib.calc.indicators.assess` ('Aandeel jeugdigen drie jaar of
    langer in jeugdhulp: doel niet gehaald in 2024 (voorlopig)'); else, with ``start``, which way the figure moved by the
    rules of :func:`change` ('Jeugdigen met specialistische jeugdhulp: gedaald in 2024' against the year before,
    'licht gestegen van 2022 tot 2024', 'nagenoeg gelijk'; '(voorlopig)' after it when the last figure is). ``subject``
    replaces the catalog title. ``""`` when neither can be said."""
    from sdlib.calc.indicators import assess

    unit, decimals, meta = _resolve(data, None, None, None)
    sid = meta.get("id") or _series_id(data)
    title = _capital(subject or meta.get("title") or "")
    if sid and meta.get("direction") and "measure" in data and (data["measure"] == "begroting").any():
        a = assess(data, sid, int(year))
        if a.computed is not None:
            said = "doel gehaald" if a.computed else "doel niet gehaald"
            if a.published is not None and bool(a.published) != bool(a.computed):
                said = "oordeel van de gemeente wijkt af"
            head = f"{title}: {said} in {year}" + (" (voorlopig)" if a.provisional else "")
            if _turned(a, sid) is not None:  # another publication of the year gives the other verdict
                head += "; met een ander gepubliceerd cijfer " + ("niet" if a.computed else "wel")
            return head
    if start is None:
        return ""
    c = _change(data, start=start, end=year, unit=unit, decimals=decimals, measure="realisatie", y="value")
    when = f"in {year}" if start == year - 1 else f"van {start} tot {year}"
    relative = c.relative if unit in ("count", "eur") else None  # percentages, scores: only the direction
    end = data[(data["year"] == year) & (data["measure"] == "realisatie" if "measure" in data else True)]
    unsure = bool(len(end)) and bool(_voorlopig(end).any())  # a move to a provisional figure may still change
    # and the catalog's caveat in a few words (round 45: 'daarna gedaald' read as certain; the doubt came after)
    notes = [n for n in ("voorlopig" if unsure else "", (meta.get("caveat_head") or "").strip()) if n]
    tail = f" ({'; '.join(notes)})" if notes else ""
    turn = _turning_year(data, start, year)
    if turn is not None:  # 4.783, 4.923, 4.747: 'licht gedaald van 2022 tot 2024' hid the peak (round 40)
        peak, year_of = turn
        return f"{title}: {'gestegen' if peak else 'gedaald'} tot {year_of}, daarna {'gedaald' if peak else 'gestegen'}{tail}"
    return f"{title}: {_way(c.same, c.up, relative)} {when}{tail}"


def _turning_year(data, start: int, end: int):
    """(True, year) where the realised figures of ``start``..``end`` rise to a peak in a year between and fall after
    it, (False, year) for a dip; None otherwise (a straight move, or under three years)."""
    rows = data[(data["year"] >= start) & (data["year"] <= end)]
    if "measure" in rows:
        rows = rows[rows["measure"] == "realisatie"]
    values = rows.groupby("year")["value"].sum(min_count=1).dropna()
    if len(values) < 3 or values.index[0] != start or values.index[-1] != end:
        return None
    inner = values.iloc[1:-1]
    ends = values.iloc[[0, -1]]
    if inner.max() > ends.max():
        return True, int(inner.idxmax())
    if inner.min() < ends.min():
        return False, int(inner.idxmin())
    return None


def _way(same: bool, up: bool, relative: float | None) -> str:
    """Which way a figure moved, the one wording of the heads: 'gelijk', 'nagenoeg gelijk' (under 0,5%), 'licht
    gestegen' (under 1%), 'gedaald'; without ``relative`` only the direction counts."""
    if same:
        return "gelijk"
    if nearly_same(relative):
        return "nagenoeg gelijk"
    return f"{'licht ' if steady(relative) else ''}{'gestegen' if up else 'gedaald'}"


def moved_head(subject: str, first: float, last: float, *, when: str, relative: bool = True) -> str:
    """A head that says which way a figure moved, by the rules of :func:`change`: 'Bijstand: nagenoeg gelijk in
    2024' (under 0,5%), 'licht gestegen' (under 1%), 'gedaald'. ``relative`` False (percentages, scores): only the
    direction counts, not its size."""
    rel = (last - first) / abs(first) * 100 if first and relative else None
    return f"{_capital(subject)}: {_way(first == last, last > first, rel)} {when}"


_NUMBER_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien"}


def count_word(n: int) -> str:
    """A small count in words, as Dutch prose writes it ('vier typen'); 1 and above ten as digits."""
    return _NUMBER_WORDS.get(int(n), str(int(n)))


def targets_met_head(data, *, year: int, by: str, subject: str, target: str = "begroting") -> str:
    """The head over :func:`targets_met`. Up to three parts with a target are named where they stand: 'Werkbedrijf
    De Binnenbaan in 2024: boven het doel bij loonkostensubsidie en uitstroom naar werk, op het doel bij beschut
    werk' (positions of printed figures, no verdict: whether a target counts as met is the document's word); more
    parts are counted: 'op of boven het doel bij alle vijf onderdelen met een doel in 2024' ('achter op het doel
    bij 1 van de 5 ...' where some fell short)."""
    _, decimals, meta = _resolve(data, None, None, None)
    lower = meta.get("direction") == "lower"
    rows = data[data["year"] == year]
    from sdlib.calc.periods import unsure

    where: dict[str, list[str]] = {"boven het doel": [], "op het doel": [], "onder het doel": [], "nog niet zeker": []}
    short, n = 0, 0
    for level, part in rows.groupby(by, sort=False):
        goal = part[part["measure"] == target]["value"]
        results = part[part["measure"] != target]
        if goal.empty or results.empty:
            continue
        n += 1
        r, g = _round(float(results["value"].iloc[0]), decimals), _round(float(goal.iloc[0]), decimals)
        if bool(unsure(results).iloc[0]):  # the document itself is not sure of this one
            where["nog niet zeker"].append(str(level))
            continue
        short += (r > g) if lower else (r < g)
        where["op het doel" if r == g else "boven het doel" if r > g else "onder het doel"].append(str(level))
    if not n:
        return ""
    if n <= 3:
        said = ", ".join(
            f"{w} bij {join(levels)}" if w != "nog niet zeker" else f"{join(levels)} {w}"
            for w, levels in where.items()
            if levels
        )
        return f"{_capital(subject)} in {year}: {said}"
    if not short:
        side = "op of onder het doel" if lower else "op of boven het doel"
        return f"{_capital(subject)}: {side} bij alle {_NUMBER_WORDS.get(n, str(n))} onderdelen met een doel in {year}"
    return f"{_capital(subject)}: achter op het doel bij {short} van de {n} onderdelen met een doel in {year}"


def verdicts_head(frames, *, year: int, subject: str) -> str:
    """One head over the verdicts of several indicators of one year, by their catalog labels: 'Leeftijd bij instroom
    en uitstroom in 2024: doel gehaald bij instroom; niet gehaald bij uitstroom (voorlopig)'; a label without 'bij'
    gets it ('doel gehaald bij steun door de eigen omgeving', not 'doel gehaald door de eigen omgeving', which reads
    as if the surroundings met the target). Indicators without a verdict that year are left out; ``""`` when none
    has one."""
    from sdlib.calc.indicators import assess
    from sdlib.data.catalog import model

    met, missed, provisional_ = [], [], False
    for rows in frames:
        sid = _series_id(rows)
        a = assess(rows, sid, int(year))
        if a.computed is None:
            continue
        name = model().series[sid].short or model().series[sid].title
        (met if a.computed else missed).append(name if name.startswith("bij ") else f"bij {name}")
        provisional_ |= a.provisional
    if not met and not missed:
        return ""
    parts = []
    if met and len(missed) > 1 and len(met) + len(missed) > 2:  # a head, not a list: the others by their number
        parts.append(f"doel gehaald {join(met)}, niet bij de andere {_NUMBER_WORDS.get(len(missed), len(missed))}")
    elif missed and len(met) > 1 and len(met) + len(missed) > 2:
        parts.append(f"doel niet gehaald {join(missed)}, wel bij de andere {_NUMBER_WORDS.get(len(met), len(met))}")
    else:
        if met:
            parts.append(f"doel gehaald {join(met)}")
        if missed:
            parts.append(f"{'niet gehaald' if met else 'doel niet gehaald'} {join(missed)}")
    return f"{_capital(subject)} in {year}: {'; '.join(parts)}" + (" (voorlopig)" if provisional_ else "")


def brief(data, *, year: int, start: int | None = None, notes: bool = True, better: bool = True) -> str:
    """The figures under a :func:`headline`, without repeating its subject or verdict: against the target where
    the year has one ('48,0% in 2024, doel 45,0% (lager is beter).'; a verdict no document gives adds 'oordeel:
    eigen berekening'; another publication of the year that turns the verdict is named), else the change since
    ``start`` by the rules of :func:`change` ('Van 4.923 in 2023 naar 4.747 in 2024 (−3,6%).'), naming the
    document of the first year when a count comes from two ('(−3,6%; 2023 uit de Programmabegroting 2025)': a
    later document may have revised the first year's other figures). A provisional end year of a change is said
    by the head over it (:func:`headline` adds '(voorlopig)'); ``notes`` is kept for callers;
    ``better`` False leaves out which way is better (said once for several figures). With a target, ``start``
    adds that year's figure and target, so the direction shows beside the verdict ('...(lager is beter); in 2023
    46,1% (doel 46,0%).')."""
    from sdlib.calc.indicators import assess

    unit, decimals, meta = _resolve(data, None, None, None)
    sid = meta.get("id") or _series_id(data)
    if sid and meta.get("direction") and "measure" in data and (data["measure"] == "begroting").any():
        a = assess(data, sid, int(year))
        if a.computed is not None:
            notes = [{"lower": "lager is beter", "higher": "hoger is beter"}.get(a.direction, "") if better else ""]
            if a.published is None:
                notes.append("oordeel: eigen berekening")
            text = f"{_fmt(a.realisatie, unit, decimals)} in {year}, doel {_fmt(a.begroting, unit, decimals)}"
            text += f" ({'; '.join(n for n in notes if n)})" if any(notes) else ""
            turned = _turned(a, sid)
            if turned is not None:
                text += f"; {turned[1]} gaf {_fmt(turned[0], unit, decimals)}"
            before = assess(data, sid, int(start)) if start is not None else None
            if before is not None and before.realisatie is not None:  # the direction shows beside the verdict
                text += f"; in {start} {_fmt(before.realisatie, unit, decimals)}"
                if before.begroting is not None and before.computed is not None:  # and whether it was met then
                    text += f" (doel {_fmt(before.begroting, unit, decimals)})"
            return text + "."
    if start is None:
        raise ValueError("give start= for a figure without a target in this year")
    c = _change(data, start=start, end=year, unit=unit, decimals=decimals, measure="realisatie", y="value")
    ta, tb = _fmt(c.start_value, unit, decimals, short=c.short), _fmt(c.end_value, unit, decimals, short=c.short)
    if c.same:
        text = f"{ta} in {start} en in {year}."
    else:
        text = f"Van {ta} in {start} naar {tb} in {year}"
        if unit == "count":
            text += f" ({_relative(c.start_value, c.end_value)})." if c.start_value else "."
        elif unit == "eur":
            size = _difference(c.difference, unit, decimals, short=c.short)
            text += f", {size} {'meer' if c.up else 'minder'}"
            text += _bracket(_relative(c.start_value, c.end_value) if c.start_value else "", _unrounded(ta, tb, size))
        else:
            text += f", {_difference(c.difference, unit, decimals, short=c.short)} {'hoger' if c.up else 'lager'}."
    pair = data[data["year"].isin([start, year])]
    if "measure" in pair:
        pair = pair[pair["measure"] == "realisatie"]
    # a count from two documents: say where the earlier year comes from (a count such as the youths in care is
    # revised by later documents as declarations come in; amounts of the annual accounts are final)
    if unit == "count" and "source" in pair and pair["source"].nunique() == 2:
        docs = {int(r.year): _document(_source_title(r.source))[0] for r in pair.itertuples()}
        said = f"{start} uit {docs[start]}"
        text = text[:-2] + f"; {said})." if text.endswith(").") else text[:-1] + f" ({said})."
    return text  # a provisional end year is said by the head over it (:func:`headline`: '(voorlopig)')


# the head of a key message that quotes the municipality, by the kind of passage (data/passages.csv)
VOICE_HEADS = {
    "uitleg": "Uitleg van de gemeente",
    "aanpak": "Wat de gemeente doet",
    "conclusie": "Wat de gemeente meldt",
    "vergelijking": "Vergelijking van de gemeente",
}


def voice(topic: str, *, kind: str = "conclusie", **kwargs) -> tuple[str, str]:
    """A key message in the municipality's own words, with its head: ('Wat de gemeente doet', 'De gemeente
    schreef in ...: ‘...’'); see :func:`said` for the keywords. The text is ``""`` when no passage is found."""
    return VOICE_HEADS[kind], said(topic, kinds=[kind], **kwargs)


def why(series: str, *, about: int, **kwargs) -> tuple[str, str]:
    """The municipality's Toelichting of a series' figures as a key message with its head ('Toelichting van de
    gemeente', ...); see :func:`explained`. (A Toelichting may explain, qualify or state an aim: the head names the
    kind of text, not what it does.)"""
    return "Toelichting van de gemeente", explained(series, about=about, **kwargs)


def _said_in(doc: str, text: str) -> str:
    """The one wording of the municipality's words in a key message (``shorten_quotes`` reads it back)."""
    return f"De gemeente schreef in {doc}: ‘{text}’"


_QUOTE_LEAD = re.compile(r"De gemeente schreef in ([^:‘]+): ‘")


def shorten_quotes(messages: list[str]) -> list[str]:
    """Name the document of the municipality's words once: a quote right after one from the same document in the
    same message says 'De gemeente schreef ook: ‘...’'. Each message names its first document, unless every quote
    of these messages comes from one document and an earlier message named it: then 'De gemeente schreef: ‘...’'
    (one message read alone still reads right; four times the same title made page 1 wordy)."""
    docs = {m.group(1) for text in messages for m in _QUOTE_LEAD.finditer(text)}
    named = False
    out = []
    for text in messages:
        last = None

        def lead(m):
            nonlocal last, named
            same, last = m.group(1) == last, m.group(1)
            if same:
                return "De gemeente schreef ook: ‘"
            if named and len(docs) == 1:
                return "De gemeente schreef: ‘"
            named = True
            return m.group(0)

        out.append(_QUOTE_LEAD.sub(lead, text))
    return out


# the marks of the analyst's own work inside a sentence: ' (eigen berekening)', '; eigen lezing)', 'eigen
# berekening, ' or 'eigen lezing; ' at the start of a bracket
_OWN_MARK = re.compile(
    r" \((eigen (?:berekening|lezing))\)|; (eigen (?:berekening|lezing))(?=\))|(?<=\()(eigen (?:berekening|lezing))[,;] "
)


def own_work_noted(messages: list[str]) -> tuple[list[str], str]:
    """The key messages without their marks of own work, and the one note that says it for all of them.

    Round 51: three council readers found '(eigen berekening)' after every other figure of page 1 a method note,
    not a message. The key messages say it once, under the messages; the rest of the report keeps the mark at each
    figure. ``("", "")`` note when no message had a mark.
    """
    kinds: set[str] = set()

    def drop(m):
        kinds.add(next(g for g in m.groups() if g))
        return ""

    out = [_OWN_MARK.sub(drop, text) for text in messages]
    if not kinds:
        return out, ""
    if kinds == {"eigen berekening"}:
        said = "Verschillen, aandelen en oordelen die niet zo in een document staan, zijn voor dit rapport berekend "
        said += "uit de gepubliceerde cijfers (eigen berekening)"
    else:
        said = "Cijfers, oordelen en uitleg die niet zo in een document staan, zijn voor dit rapport afgeleid uit de "
        said += "gepubliceerde documenten (" + " of ".join(sorted(kinds)) + ")"
    return out, said + "."


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘'(])")


def one_sentence(text: str, about: str | None = None, *, count: int = 1) -> str:
    """The sentence of ``text`` that holds ``about`` (case-insensitive), else its first sentence, and the ``count``
    - 1 sentences after it; a sentence ends at '.', '!' or '?' before a capital or a digit, so 'o.a. bij UWV' and
    't/m november' stay inside their sentence."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p]
    if not parts:
        return text
    start = 0
    if about:
        start = next((i for i, part in enumerate(parts) if about.lower() in part.lower()), 0)
    return " ".join(parts[start : start + count])


def budget_gap(*, objective: str, year: int, data_dir=None) -> str:
    """Whether the lasten of a doelstelling can be set against a budget: when no document gives a begroting,
    say so (a council member's first question is 'binnen het budget?')."""
    from sdlib.calc.finance import budget

    if budget("lasten", objective=objective, year=year, data_dir=data_dir) is not None:
        return ""
    return (
        f"De gebruikte documenten geven voor {year} geen begroting per doelstelling: of deze lasten binnen het "
        "budget bleven, staat er niet in."
    )


def largest_increase(data, *, by: str, start: int, end: int) -> str:
    """Which part of a total rose most, in euros: 'Het grootste deel van de stijging, € 24,3 mln, kwam van 2.1
    jeugdhulp.' (``""`` when nothing rose)."""
    changes = []
    for level, rows in data.groupby(by, sort=False):
        c = _change(rows, start=start, end=end, unit="eur", decimals=0, measure=None)
        changes.append((c.end_value - c.start_value, level))
    rise, level = max(changes)
    if rise <= 0:
        return ""
    return f"Het grootste deel van de stijging, {_fmt(rise, 'eur', 0, short=True)}, kwam van {level}."


def offset_by_income(*, start: int, end: int, data_dir=None) -> str:
    """Where higher lasten were met by higher baten, so the netto lasten barely moved: 'Bij doelstelling 2.3
    gezondheid stegen de lasten van € 1,8 mln naar € 9,9 mln, maar stonden daar ook hogere baten tegenover (van
    € 30.000 naar € 7,9 mln): de netto lasten gingen van € 1,8 mln naar € 2,0 mln.' (``""`` when there is none)."""
    from sdlib.calc import finance
    from sdlib.data.catalog import model

    label = model(data_dir).dimensions["objective"].label

    def m(row, key, pair) -> str:  # each amount in millions from a million on: 'van € 30.000 naar € 7,9 mln'
        return _fmt(row[key], "eur", 0, short=abs(row[key]) >= _MILLION)

    lasten = (f"lasten_{start}", f"lasten_{end}")
    baten, saldo = (f"baten_{start}", f"baten_{end}"), (f"saldo_{start}", f"saldo_{end}")
    parts = []
    for row in finance.offset_by_income(start, end, data_dir=data_dir):
        parts.append(  # the lasten themselves first: the largest relative rise of the programme may be this one
            f"Bij doelstelling {label(row['objective'])} stegen de lasten van {m(row, lasten[0], lasten)} naar "
            f"{m(row, lasten[1], lasten)}, maar stonden daar ook hogere baten tegenover (van "
            f"{m(row, f'baten_{start}', baten)} naar {m(row, f'baten_{end}', baten)}): de netto lasten gingen van "
            f"{m(row, f'saldo_{start}', saldo)} naar {m(row, f'saldo_{end}', saldo)}."
        )
    return " ".join(parts)


def reserves_size(*, start: int, end: int, objective: str = "totaal", data_dir=None) -> str:
    """How large the reserve mutations are where a document shows them apart, against the lasten of that year:
    'In 2024 waren de onttrekkingen aan reserves € 886.000 (0,6% van de lasten); toevoegingen aan reserves waren er
    niet. Voor 2022 noemt het Jaarverslag 2022 ze niet apart.' (``""`` when no year shows them apart)."""
    from sdlib.calc import finance
    from sdlib.data.catalog import model
    from sdlib.present.provenance import source_title

    label = model(data_dir).dimensions["component"].label
    said = []
    for year in (end, start):  # the year that shows them first: 'ze' in the other then refers to them
        found = finance.reserve_mutations(year, objective=objective, data_dir=data_dir)
        lasten = finance.amounts("lasten", objective=objective, data_dir=data_dir)
        lasten = lasten[lasten["year"] == year]
        if found is None:
            if not lasten.empty:
                doc = _document(source_title(lasten["source"].iloc[0], data_dir))[0]
                said.append(f"Voor {year} noemt {doc} ze niet apart.")
            continue
        parts = [f"de {label(c)} {_fmt(v, 'eur', 0, short=abs(v) >= _MILLION)}" for c, v in found.items() if v]
        none = [label(c) for c, v in found.items() if not v]
        total = sum(found.values())
        share = (
            f" ({fmt_number(total / float(lasten['value'].iloc[0]) * 100, 1)}% van de lasten)" if len(lasten) else ""
        )
        text = f"In {year} waren {join(parts) if parts else 'er geen mutaties in de reserves'}{share}"
        text += f"; {join(none)} waren er niet." if parts and none else "."
        said.append(text)
    return " ".join(said) if any(not t.startswith("Voor") for t in said) else ""


def notes(data) -> str:
    """The notes the data gives with these figures (column ``note``), each once, in order: what a reader should know
    when reading them (for example that a month is the report's own reading of the document)."""
    if "note" not in data:
        return ""
    found = [str(n).strip() for n in data["note"] if isinstance(n, str) and n.strip()]
    return " ".join(dict.fromkeys(found))
