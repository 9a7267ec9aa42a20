"""The published youth-care definitions computed from records.

Every figure is about a calendar year ``t`` and counts unique youths (``client_id``) with care declared in
that year; a care period counts in every calendar year it overlaps (a period from 2016-12-31 to 2017-01-01
counts in 2016 and in 2017). A running period (empty ``end_date``) lasts until the reference date.

=====================================  ===============================================================
series                                 definition
=====================================  ===============================================================
``jeugdhulp_jeugdigen``                youths with care in ``t`` (per care type: ``..._per_type``; a youth
                                       with two care types counts in both; 2e Rapportage Sociaal Domein
                                       2019, tabel 6)
``jeugdhulp_instroom``                 care in ``t`` and in no earlier year of the extract (tabel 1). In
                                       the first year of the extract everyone looks new: that row has
                                       ``left_censored`` True and is no real instroom
``jeugdhulp_doorstroom``               care in ``t`` and in ``t-1`` (tabel 4)
``jeugdhulp_herintreder``              care in ``t``, not in ``t-1``, but in some earlier year (described
                                       with tabel 4, which leaves them out of the doorstroom and gives no
                                       count). In the second year of the extract nobody can be one
                                       (``left_censored``): a youth back after care before the extract
                                       counts as instroom, so the instroom of the first years after the
                                       start is a little high
``jeugdhulp_uitstroom``                care in ``t-1``, not in ``t`` (tabel 5)
``jeugdhulp_uitstroom_6m``             youths whose care of ``t-1`` ended in ``t-1`` (the end date of the
                                       last care period of that year) and who got no new care within six
                                       months of that end date (the wording of tabel 5). It contains the
                                       uitstroom of ``t`` plus youths who came back in ``t`` after more than
                                       six months; unknown (not counted) while the six months reach past
                                       the reference date, ``provisional`` in such years
``jeugdhulp_3jaar_aantal``             care in ``t``, ``t-1`` and ``t-2`` (Jaarstukken 2024: 2.279)
``jeugdhulp_3jaar_aandeel``            3jaar_aantal / jeugdigen in percent (Jaarstukken 2024: 48,0%;
                                       :data:`RATIOS`)
``jeugdhulp_leeftijd_instroom``        mean age of the instroom of ``t`` on 1 July of ``t``, in completed
                                       years (tabel 2); a birthday on 1 July counts
``jeugdhulp_leeftijd_uitstroom``       mean age of the uitstroom of ``t`` on 1 July of ``t-1``, the last
                                       year with care (Jaarstukken 2024 gives no definition; this is ours)
``jeugdhulp_kosten``                   cost in euro (per care type: ``..._per_type``, tabel 7). The cost of
                                       a row is spread over the calendar years pro rata to its days in
                                       each year (start and end day included)
``jeugdhulp_kosten_per_jeugdige``      kosten / jeugdigen (:data:`RATIOS`; no document gives it: ours)
=====================================  ===============================================================

The catalog (``data/catalog.yml``) holds every series above with its Dutch definition; the four that no
document publishes (herintreder, uitstroom_6m, kosten, kosten_per_jeugdige) are marked ``records_only``.

Identities (tested): ``jeugdigen(t) = instroom(t) + doorstroom(t) + herintreder(t)`` and
``jeugdigen(t-1) = doorstroom(t) + uitstroom(t)``.

Breakdowns (``by``, any of ``care_type`` and ``district``) apply each definition to the records of that
group: a youth's history per care type is the years with care of that type, so the identities hold in every
group, and a youth who moves from one district to another leaves the first (uitstroom) and enters the second.

Result shape: one tidy frame like ``sdlib.load_many`` gives for published series, so a notebook can plot
records and publications with the same code: ``series, year, [by...], measure ("realisatie"), value,
source, reference_date, provisional, note, left_censored, synthetic`` plus ``status`` when disclosure control
ran (see :mod:`sdlib.records.disclosure`). ``frame.attrs`` holds ``extract``, ``period`` and ``synthetic``.

Engine: the definitions are ibis expressions compiled to SQL for DuckDB or Spark, the same queries on both. Two
groupings of the records do all the work, whatever the size (:func:`_histograms`): per youth, district and care
type, and per youth. Each group gets a handful of aggregates: the years with care, the years whose care goes on
past 31 December and the years in which care starts, as bitmasks in one ``bit_or``; per year the day number of
the last end in that year and of the first start in the next (they decide the six-month uitstroom; only a gap of
182 to 184 days needs the calendar); the lowest birth date. A small aggregation then counts groups per breakdown and bitmask (a histogram
of a few thousand rows); the flows follow from it in a few numpy lines. The care-type breakdown is the finest
histogram summed over the districts; youths who move between districts are regrouped apart. The number of
aggregates per group, not the arithmetic, sets the time of a grouping, hence the packing. Costs need no grouping
per youth: one pass sums three weights per district, care type, start year and end year (:func:`_costs`).
"""

from __future__ import annotations

from sdlib.data.catalog import RECORDS_PREFIX, SYNTHETIC_PREFIX
from sdlib.records.disclosure import LEVELS, Disclosure, apply_default, protect_release
from sdlib.records.read import open_extract
from sdlib.records.schema import BY_COLUMNS, care_types, districts
from sdlib.records.series import RATIOS, SERIES

__all__ = ["RATIOS", "SERIES", "ages", "costs", "flows", "indicators", "three_year"]

_MEANS = {  # mean ages: sum of the ages / number of youths (internal sums, never published)
    "jeugdhulp_leeftijd_instroom": ("_age_in", "jeugdhulp_instroom", 1),
    "jeugdhulp_leeftijd_uitstroom": ("_age_out", "jeugdhulp_uitstroom", 1),
}
_PER_TYPE = {"jeugdhulp_jeugdigen", "jeugdhulp_kosten"}
_MAX_YEARS = 60


def _end(ext):
    import ibis

    last = ext.period[1]
    return ext.table.end_date.fill_null(ibis.date(last.year, last.month, last.day))


def _check_by(by) -> list[str]:
    by = [by] if isinstance(by, str) else list(by or [])
    bad = [b for b in by if b not in BY_COLUMNS]
    if bad or len(set(by)) != len(by):
        raise ValueError(f"by: expected distinct names from {', '.join(BY_COLUMNS)}; got {by}")
    return by


def _costs(ext):
    """Cost per care type, district and year, each row spread pro rata over the days of its years (one pass).

    Costs need no grouping per youth, so every breakdown sums this small table instead of the records. The
    records are summed per district, care type and the years of their start and end, with the weight
    ``w = cost / days`` of each row: a year in between gets ``w`` x its days, the first year ``w`` x (its days -
    day of the year of the start + 1), the last year ``w`` x the day of the year of the end, and a period within
    one year its whole cost. Three sums per group, whatever the number of years.
    """
    import calendar

    import numpy as np
    import pandas as pd

    cache = ext.results
    if "costs" not in cache:
        t, end = ext.table, _end(ext)
        w = t.cost_eur / (end.delta(t.start_date, unit="day") + 1)
        parts = ext.execute(
            t.group_by([*BY_COLUMNS, t.start_date.year().name("sy"), end.year().name("ey")]).aggregate(
                w=w.sum(),
                ws=(w * t.start_date.day_of_year()).sum(),
                we=(w * end.day_of_year()).sum(),
                whole=t.cost_eur.sum(),
            )
        )
        # one order whatever order the engine returned the groups in, so the sums below add up alike every run
        parts = parts.sort_values([*BY_COLUMNS, "sy", "ey"], kind="stable", na_position="first", ignore_index=True)
        sy, ey = parts["sy"].to_numpy("float64"), parts["ey"].to_numpy("float64")  # NaN: no start date
        one = {c: parts[c].fillna(0).to_numpy("float64") for c in ("w", "ws", "we", "whole")}
        out = parts[list(BY_COLUMNS)].copy()
        for y in ext.years:
            days = 366 if calendar.isleap(y) else 365
            out[f"k{y}"] = np.select(
                [(sy == y) & (ey == y), (sy == y) & (ey > y), (ey == y) & (sy < y), (sy < y) & (ey > y)],
                [one["whole"], (days + 1) * one["w"] - one["ws"], one["we"], days * one["w"]],
                0.0,
            )
        cache["costs"] = out.groupby(list(BY_COLUMNS), dropna=False, sort=False, as_index=False).sum()
        cache["domain"] = {c: sorted(pd.unique(parts[c].dropna())) for c in BY_COLUMNS}
    return cache["costs"]


_ONE = 1  # the literal 1 as int64 in the shifts (an int32 1 overflows beyond 31 years on Spark)
_NONE = 1 << 30  # "no start in that year": above every day number (:func:`_day`), within an int32


def _bit_or(x):
    """``bit_or`` of a whole-number column: the aggregate of DuckDB and of Spark SQL (3.0+), which ibis 12 maps
    for DuckDB only; a builtin aggregate compiles to the function call on both."""
    import ibis
    import ibis.expr.datatypes as dt

    global _BIT_OR
    if _BIT_OR is None:

        def bit_or(x):
            """Bitwise OR of the values of a group."""

        bit_or.__annotations__ = {"x": dt.int64, "return": dt.int64}  # types, not strings (future annotations)
        _BIT_OR = ibis.udf.agg.builtin(bit_or, name="bit_or")
    return _BIT_OR(x)


_BIT_OR = None


def _bits(lo, hi):
    """The whole number with bits ``lo`` to ``hi`` set, 0 when ``hi < lo`` (int64 columns, ``0 <= lo <= 61``):
    arithmetic only, no CASE (a branch per record costs more than two shifts)."""
    import ibis

    one = ibis.literal(_ONE).cast("int64")
    return (one << (ibis.greatest(hi, lo - 1) + 1)) - (one << lo)


def _domain(ext) -> dict:
    """The districts and care types in the extract, each sorted (from the cost pass, which groups by them)."""
    _costs(ext)
    return ext.results["domain"]


def _code(column, values):
    """A text column as the whole number of its value in ``values`` (-1: empty or not in ``values``)."""
    return column.cases(*[(v, i) for i, v in enumerate(values)], else_=-1).cast("int64")


def _decode(hist, domain, *, di=None, ci=None, dc=None):
    """Replace the codes of :func:`_record_parts` in a histogram by the names (``district``, ``care_type``)."""
    import numpy as np

    names = {c: np.array([*domain[c], None], dtype=object) for c in BY_COLUMNS}  # code -1: the last, None
    width = len(domain["care_type"]) + 1
    if dc is not None:
        code = hist.pop(dc).to_numpy("int64")
        hist.insert(0, "district", names["district"][code // width - 1])
        hist.insert(1, "care_type", names["care_type"][code % width - 1])
    for col, name in ((di, "district"), (ci, "care_type")):
        if col is not None:
            hist[name] = names[name][hist.pop(col).to_numpy("int64")]
    return hist


def _record_parts(ext):
    """The records with their years as bit positions, their dates as day numbers and their district and care type
    as whole numbers (one projection; whole numbers group faster and in less memory than text).

    ``lo``/``hi``: the first and last year of the period that the care period overlaps (0 = first year of the
    period; ``hi < lo``: none), ``sy``/``ey``: the years of its start and (filled) end, clamped to the period,
    ``ds``/``de``: :func:`_day` of its start and end; ``di``/``ci``: district and care type as their place
    in :func:`_domain` (-1: empty), ``dc``: the two in one number (see :func:`_decode`).
    """
    import ibis

    t, end, first, n = ext.table, _end(ext), ext.period[0].year, len(ext.years)
    domain = _domain(ext)
    sy, ey = t.start_date.year().cast("int64") - first, end.year().cast("int64") - first
    lo, hi = ibis.least(ibis.greatest(sy, 0), n), ibis.least(ey, n - 1)  # lo = n: starts after the period
    di, ci = _code(t.district, domain["district"]), _code(t.care_type, domain["care_type"])
    return t.mutate(
        lo=lo,
        hi=hi,
        sy=ibis.least(lo, n - 1),
        ey=ibis.ifelse(hi >= lo, ey, -1),
        ds=_day(t.start_date, first),
        de=_day(end, first),
        di=di,
        ci=ci,
        dc=(di + 1) * (len(domain["care_type"]) + 1) + ci + 1,
    )


_MASKS = ("care", "cont", "starts")


def _layout(n: int, districts: int = 0) -> dict:
    """Where each bitmask of :func:`_youth_aggregates` lives, as (column, shift): all in one whole number
    ``masks`` while they fit in 63 bits (one aggregate instead of three or four), else one column each.

    ``districts``: the width of the district set (number of districts + 1; 0: no district set).
    """
    widths = {"care": n, "cont": n, "starts": n, **({"districts": districts} if districts else {})}
    if sum(widths.values()) > 63:
        return {m: (m, 0) for m in widths}
    shifts = [sum(list(widths.values())[:i]) for i in range(len(widths))]
    return {m: ("masks", shift) for m, shift in zip(widths, shifts)}


def _mask(youth, name: str, n: int, districts: int = 0):
    """The bitmask ``name`` (see :func:`_youth_aggregates`) of a table of groups, as a whole number."""
    column, shift = _layout(n, districts)[name]
    width = districts if name == "districts" else n
    return (youth[column] >> shift) & ((1 << width) - 1) if column == "masks" else youth[column]


def _youth_aggregates(rows, n: int, districts: int = 0):
    """Per youth (or youth and group) from :func:`_record_parts`: the year bitmasks and the dates that decide the
    six-month uitstroom, with as few aggregates as possible (the bitmasks in one ``bit_or``, see :func:`_layout`;
    per year two whole numbers; the number of aggregates sets the time of this grouping more than the arithmetic).

    ``care``: years with care; ``cont``: years whose care goes on past 31 December (the care of year ``k`` ended
    in ``k`` exactly when bit ``k`` is in ``care`` and not in ``cont``); ``starts``: years in which care starts.
    ``l<k>``: the day number (:func:`_day`) of the last end in year ``k`` (0: none; when the care of ``k`` ended
    in ``k`` it is the end of that care); ``n<k>``: that of the first start in year ``k + 1`` (:data:`_NONE`: none), which
    is the next start after year ``k`` whenever there is one in ``k + 1``. With ``districts``: ``districts``, the
    set of districts of the group's records (bit ``di + 1``; bit 0: no district), when it fits in the masks.
    """
    import ibis

    one = ibis.literal(_ONE).cast("int64")
    row = {
        "care": _bits(rows.lo, rows.hi),
        "cont": _bits(rows.lo, rows.hi - 1),
        "starts": one << rows.sy,
        "districts": one << (rows.di + 1),
    }
    columns = {}
    for name, (column, shift) in _layout(n, districts).items():
        part = row[name] << shift if shift else row[name]
        columns[column] = columns[column] | part if column in columns else part
    aggs = {"birth": rows.birth_date.min(), **{c: _bit_or(v) for c, v in columns.items()}}
    for k in range(n - 1):
        aggs[f"l{k}"] = (rows.de * (rows.ey == k).cast("int32")).max()
        aggs[f"n{k}"] = (rows.ds + (rows.sy != k + 1).cast("int32") * _NONE).min()
    return aggs


def _rollup(groups, by, n: int, **extra):
    """Regroup groups of :func:`_youth_aggregates` per youth and ``by``: the same aggregates as from the records."""
    aggs = {
        "birth": groups.birth.min(),
        **{c: _bit_or(groups[c]) for c in dict.fromkeys(column for column, _ in _layout(n).values())},
    }
    for k in range(n - 1):
        aggs[f"l{k}"] = groups[f"l{k}"].max()
        aggs[f"n{k}"] = groups[f"n{k}"].min()
    return groups.group_by(["client_id", *by]).aggregate(**aggs, **extra)


def _six_months_before(seen):
    """The last day ``d`` with ``d`` + six months on or before ``seen`` (the day clamped to the end of the month,
    as ``date + INTERVAL 6 MONTH`` on DuckDB and Spark): ``d + 6 months <= seen`` exactly when ``d <= this day``."""
    import calendar
    import datetime as dt

    def plus_six(d):
        month = d.year * 12 + d.month - 1 + 6
        year, month = divmod(month, 12)
        return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))

    day = seen - dt.timedelta(days=190)  # six months are at most 184 days: this day still qualifies
    while plus_six(day) > seen:
        day -= dt.timedelta(days=1)
    while plus_six(day + dt.timedelta(days=1)) <= seen:  # plus_six never decreases: walk to the last such day
        day += dt.timedelta(days=1)
    return day


def _day(d, first: int):
    """A date as its day number from 31 December before ``first`` (1 January of ``first`` is 1), an int32:
    small numbers make small aggregate states, and no calendar arithmetic per record."""
    import ibis

    return (d.delta(ibis.date(first, 1, 1), unit="day") + 1).cast("int32")


def _month_key(day, first: int):
    """A day number of :func:`_day` as ((year - first) * 12 + month) * 32 + day, ordered like the dates."""
    import ibis

    d = ibis.date(first, 1, 1) + (day - 1).as_interval("D")
    return (d.year() - first) * 384 + d.month() * 32 + d.day()


_SIX_MONTHS = (181, 184)  # the fewest and the most days from a date to the same date six months later (clamped)


def _left_for_six_months(youth, k: int, years, last_gone: int):
    """The care of year ``k`` ended in ``k`` and no new care started within six months of that end (0 or 1).

    A start ``s`` lies more than six months after the end ``e`` when it lies more than 184 days after it, and not
    when it lies 181 days or less after it; in between (the day of the month decides) ``key(s) > key(e) + 6 * 32``
    in :func:`_month_key` (the clamped day of a short month changes nothing there), computed for those few only.
    ``e`` + six months is on or before the reference date exactly when ``e <= last_gone``
    (:func:`_six_months_before`). The next start after year ``k`` is ``n<k>`` when care starts in ``k + 1``; a
    start only in a later year lies more than six months after any end in ``k``; with no later start at all
    only the reference date decides.
    """
    import ibis

    n, first = len(years), years[0]
    ended = ((_mask(youth, "care", n) & ~_mask(youth, "cont", n)) >> k) & 1
    last, after = youth[f"l{k}"], youth[f"n{k}"]
    gap = after - last
    later = ibis.cases(
        (gap > _SIX_MONTHS[1], True),
        (gap <= _SIX_MONTHS[0], False),
        else_=_month_key(after, first) > _month_key(last, first) + 6 * 32,
    )
    none_later = (_mask(youth, "starts", n) >> (k + 1)) == 0
    gone = later & ~(none_later & (last > last_gone))
    return ended * gone.cast("int64")


def _level_histogram(youth, by, years, last):
    """Youths per group, year bitmask and six-month-uitstroom bitmask, with the sum of ``_birth_base``.

    ``youth`` has one row per youth and group with the aggregates of :func:`_youth_aggregates`. The age on
    1 July of ``y`` is ``y - base`` with ``base = year of birth + (born after 1 July)``, so the sum of the ages of
    ``n`` youths is ``n * y - sum(base)``: one sum per group instead of one per year.
    """
    import datetime as dt

    import ibis

    gone = (_six_months_before(last) - dt.date(years[0], 1, 1)).days + 1  # as _day
    mask6 = sum(_left_for_six_months(youth, k, years, gone) * (1 << k) for k in range(len(years) - 1))
    birth = youth.birth
    base = birth.year().cast("int64") + ibis.ifelse(birth.month() * 100 + birth.day() > 701, 1, 0)
    mask6 = mask6 if len(years) > 1 else ibis.literal(0, "int64")
    youth = youth.select(*by, mask=_mask(youth, "care", len(years)), mask6=mask6, base=base)
    return youth.group_by([*by, "mask", "mask6"]).aggregate(
        n=youth.count(), born=youth.base.count(), base=youth.base.sum()
    )


def _ages(hist, years):
    """Add the sums of the ages on 1 July of every year (``a<year>``) to a histogram of :func:`_level_histogram`."""
    born, base = hist.pop("born").to_numpy("int64"), hist.pop("base").fillna(0).to_numpy("int64")
    for y in years:
        hist[f"a{y}"] = born * y - base  # youths without a birth date (validate=False) add no age, as before
    return hist


def _add(by, *hists):
    """Sum histograms of :func:`_level_histogram` (before :func:`_ages`) over equal group and bitmasks."""
    import pandas as pd

    keys = [*by, "mask", "mask6"]
    both = pd.concat([h[[*keys, "n", "born", "base"]] for h in hists], ignore_index=True)
    return both.groupby(keys, dropna=False, sort=False, as_index=False)[["n", "born", "base"]].sum()


def _histograms(ext):
    """The histograms of all four breakdowns (see :func:`_split`) from two groupings of the records: per youth,
    district and care type, and per youth (with its set of districts, or its lowest and highest district)."""
    import numpy as np

    rows, years, last, domain = _record_parts(ext), ext.years, ext.period[1], _domain(ext)
    n = len(years)
    fine = ext.execute(
        _level_histogram(
            rows.group_by(["client_id", "dc"]).aggregate(**_youth_aggregates(rows, n)), ["dc"], years, last
        )
    )
    width = len(domain["district"]) + 1
    if _layout(n, width)["districts"][0] == "masks":  # the set of districts in the masks: one aggregate fewer
        youth = rows.group_by("client_id").aggregate(**_youth_aggregates(rows, n, width))
        youth = ext.execute(
            _level_histogram(youth.mutate(dset=_mask(youth, "districts", n, width)), ["dset"], years, last)
        )
        dset = youth.pop("dset").to_numpy("int64")
        youth.insert(0, "di", np.log2(dset & -dset).astype("int64") - 1)  # the lowest district (-1: none)
        youth.insert(1, "moved", (dset & (dset - 1)) != 0)  # more than one (an empty one counts as one)
    else:
        youth = rows.group_by("client_id").aggregate(
            **_youth_aggregates(rows, n), d_lo=rows.di.min(), d_hi=rows.di.max()
        )
        youth = youth.mutate(di=youth.d_lo, moved=youth.d_lo != youth.d_hi)
        youth = ext.execute(_level_histogram(youth, ["di", "moved"], years, last))
    return _split(ext, rows, _decode(fine, domain, dc="dc"), _decode(youth, domain, di="di"))


def _split(ext, rows, fine, youth):
    """The four histograms from the finest one (per district, care type and bitmasks: ``fine``) and the one
    per youth (``youth``: per lowest district of the youth, ``moved`` and bitmasks).

    A youth who stays in one district (its lowest and highest district are the same: most youths, in the
    synthetic extracts all) is in that district's breakdown with its row per youth, and in each care type's
    breakdown with its row per youth, district and care type (one district: one such row per care type), so
    the care-type histogram is the finest one summed over the districts. Youths in more than one district
    (movers) are regrouped apart, from their own records only, and their rows of the finest histogram are
    subtracted before that sum.
    """
    years, last = ext.years, ext.period[1]
    n = len(years)
    dims = ["district", "care_type"]
    moved = youth["moved"].astype(bool)
    out = {(): _add([], youth), ("district", "care_type"): _add(dims, fine)}
    if not moved.any():
        out[("care_type",)] = _add(["care_type"], fine)
        out[("district",)] = _add(["district"], youth)
    else:  # movers: their records grouped apart (on DuckDB a temporary table of their youths only)
        domain = _domain(ext)
        movers = rows.group_by("client_id").aggregate(lo=rows.di.min(), hi=rows.di.max())
        movers, drop_movers = ext.materialize(movers.filter(movers.lo != movers.hi).select("client_id"))
        try:
            mine = rows.semi_join(movers, "client_id")
            groups, drop = ext.materialize(
                mine.group_by(["client_id", "di", "ci"]).aggregate(**_youth_aggregates(mine, n))
            )
            try:
                fine_m = _decode(
                    ext.execute(_level_histogram(groups, ["di", "ci"], years, last)), domain, di="di", ci="ci"
                )
                ct_m = _decode(
                    ext.execute(_level_histogram(_rollup(groups, ["ci"], n), ["ci"], years, last)), domain, ci="ci"
                )
                d_m = _decode(
                    ext.execute(_level_histogram(_rollup(groups, ["di"], n), ["di"], years, last)), domain, di="di"
                )
            finally:
                drop()
        finally:
            drop_movers()
        minus = fine_m.assign(**{c: -fine_m[c] for c in ("n", "born", "base")})
        stay = _add(["care_type"], fine, minus)
        out[("care_type",)] = _add(["care_type"], stay[stay["n"] != 0], ct_m)
        out[("district",)] = _add(["district"], youth[~moved], d_m)
    return {level: _ages(hist, years) for level, hist in out.items()}


def _histogram(ext, by):
    """Youths per group, year bitmask and six-month-uitstroom bitmask, with sums of the ages on 1 July.

    Every breakdown is computed at the first call (:func:`_histograms`: two passes over the records, whatever
    the size, on DuckDB and on Spark alike).
    """
    if len(ext.years) > _MAX_YEARS:
        raise ValueError(f"period: at most {_MAX_YEARS} years, got {len(ext.years)}")
    key = tuple(sorted(by, key=lambda d: d != "district"))
    cache = ext.results
    if "histograms" not in cache:
        cache["histograms"] = _histograms(ext)
    return cache["histograms"][key].copy()


def _hist_series(hist, costs, years, by):
    import numpy as np
    import pandas as pd

    m, m6, n = (hist[c].to_numpy("int64") for c in ("mask", "mask6", "n"))
    bit = [((m >> k) & 1).astype(bool) for k in range(len(years))]
    cols = {}
    for k, y in enumerate(years):
        cur, first = bit[k], (m & ((1 << k) - 1)) == 0
        cols[("jeugdhulp_jeugdigen", y)] = n * cur
        cols[("jeugdhulp_instroom", y)] = n * (cur & first)
        cols[("_age_in", y)] = hist[f"a{y}"].to_numpy("float64") * (cur & first)
        if k >= 1:
            prev, earlier = bit[k - 1], (m & ((1 << (k - 1)) - 1)) != 0
            cols[("jeugdhulp_doorstroom", y)] = n * (cur & prev)
            cols[("jeugdhulp_herintreder", y)] = n * (cur & ~prev & earlier)
            cols[("jeugdhulp_uitstroom", y)] = n * (prev & ~cur)
            cols[("jeugdhulp_uitstroom_6m", y)] = n * ((m6 >> (k - 1)) & 1)
            cols[("_age_out", y)] = hist[f"a{years[k - 1]}"].to_numpy("float64") * (prev & ~cur)
        if k >= 2:
            cols[("jeugdhulp_3jaar_aantal", y)] = n * (cur & bit[k - 1] & bit[k - 2])
    wide = pd.DataFrame(cols, index=pd.MultiIndex.from_frame(hist[by]) if by else np.zeros(len(hist), int))
    wide = wide.groupby(level=list(range(len(by))) if by else 0).sum()
    k = [f"k{y}" for y in years]
    cost = costs.groupby(by)[k].sum() if by else costs[k].sum().to_frame().T
    cost.columns = pd.MultiIndex.from_tuples([("jeugdhulp_kosten", y) for y in years])
    wide = wide.join(cost)
    long = wide.T.stack(list(range(wide.index.nlevels)) if by else 0, future_stack=True).rename("value").reset_index()
    long.columns = ["series", "year", *(by or ["_all"]), "value"]
    return _ratios(long.drop(columns=["_all"], errors="ignore"), by)


def _ratios(long, by):
    keys = ["year", *by]
    wide = long.pivot_table(index=keys, columns="series", values="value", aggfunc="sum")
    for name, (num, den, scale) in (_MEANS | RATIOS).items():
        if num in wide:
            ratio = wide[num] / wide[den].where(wide[den] > 0)
            wide[name] = ratio * scale if scale != 1 else ratio
    wide = wide.drop(columns=["_age_in", "_age_out"])
    return wide.stack(future_stack=True).rename("value").dropna().reset_index()[["series", *keys, "value"]]


def _annotate(frame, ext, by):
    import pandas as pd

    first, last = ext.period
    partial = last < pd.Timestamp(last.year, 12, 31).date()
    out = frame.assign(measure="realisatie")
    out["year"] = out["year"].astype("int64")
    first_instroom = (out["year"] == first.year) & out["series"].isin(
        ["jeugdhulp_instroom", "jeugdhulp_leeftijd_instroom"]
    )
    second_herintreder = (out["year"] == first.year + 1) & out["series"].eq("jeugdhulp_herintreder")
    out["left_censored"] = first_instroom | second_herintreder
    late = out["series"].eq("jeugdhulp_uitstroom_6m") & (
        pd.to_datetime((out["year"] - 1).astype(str) + "-12-31") + pd.DateOffset(months=6) > pd.Timestamp(last)
    )
    in_last = out["year"].eq(last.year) & partial
    out["provisional"] = in_last | late
    out["note"] = _notes(out, first_instroom, second_herintreder, in_last, late, last, ext.synthetic)
    out["source"] = (SYNTHETIC_PREFIX if ext.synthetic else RECORDS_PREFIX) + ext.name
    out["reference_date"] = pd.Timestamp(last)
    out["synthetic"] = ext.synthetic
    if "care_type" in by:
        out["series"] = out["series"].where(~out["series"].isin(_PER_TYPE), out["series"] + "_per_type")
    cols = [
        "series",
        "year",
        *by,
        "measure",
        "value",
        "source",
        "reference_date",
        "provisional",
        "note",
        "left_censored",
        "synthetic",
    ]
    order = {"care_type": care_types().index, "district": districts().index}  # as the catalog and wijken.csv list them
    return (
        out[cols]
        .sort_values(
            ["series", *by, "year"], kind="stable", key=lambda c: c.map(order[c.name]) if c.name in order else c
        )
        .reset_index(drop=True)
    )


def _notes(out, first_instroom, second_herintreder, in_last, late, last, synthetic):
    import numpy as np

    parts = [
        np.where(
            first_instroom,
            "Links gecensureerd: eerste jaar van het extract, iedereen lijkt nieuw; geen echte instroom.",
            "",
        ),
        np.where(
            second_herintreder,
            "Links gecensureerd: in het tweede jaar van het extract kan niemand "
            "herintreder zijn; wie voor het extract zorg had, telt als instroom.",
            "",
        ),
        np.where(in_last, f"Geen volledig jaar (peildatum {last.day}-{last.month}-{last.year}).", ""),
        np.where(late, "Voorlopig: de zes maanden na het einde van de zorg lopen tot na de peildatum.", ""),
        np.full(len(out), "Synthetische gegevens, geen echte cliënten." if synthetic else ""),
    ]
    joined = [" ".join(p for p in row if p) for row in zip(*parts)]
    return [j or None for j in joined]


def _exact(ext, by):
    """The unprotected result frame of one breakdown (computed once per extract)."""
    by = list(by)
    cache = ext.results
    if tuple(by) not in cache:
        cache[tuple(by)] = _hist_series(_histogram(ext, by), _costs(ext), ext.years, by)
    return _annotate(cache[tuple(by)].copy(), ext, by)


def _protected(ext, by, rule):
    """The protected frame of a breakdown, taken from the release of every breakdown protected together."""

    cache = ext.results
    key = ("release", rule)
    if key not in cache:
        exact = {(): _exact(ext, ())} | {level: _exact(ext, level) for level in LEVELS}
        cache[key] = protect_release(exact, rule=rule)
    return cache[key][tuple(sorted(by, key=lambda d: d != "district"))].copy()


def _compute(extract, by, disclosure, wanted):

    ext, by = open_extract(extract), _check_by(by)
    if disclosure is False or not by:
        out = apply_default(_exact(ext, by), by, disclosure)
    else:
        rule = disclosure if isinstance(disclosure, Disclosure) else Disclosure()
        out = _protected(ext, by, rule)
        order = ["series", *[c for c in out.columns if c != "series"]]
        out = out[order]
    keep = [s for s in out["series"].unique() if s.removesuffix("_per_type") in wanted]
    out = out[out["series"].isin(keep)].reset_index(drop=True)
    out.attrs.update(extract=ext.name, period=ext.period, synthetic=ext.synthetic)
    return out


def flows(extract, *, by=(), disclosure=None):
    """Youths in care and their flows per year: jeugdigen, instroom, doorstroom, herintreder, uitstroom.

    Definitions: 2e Rapportage Sociaal Domein 2019, tabel 1 (instroom), 4 (doorstroom), 5 (uitstroom),
    6 (jeugdigen per type); see the module docstring for each, including ``jeugdhulp_uitstroom_6m``.

    Parameters
    ----------
    extract : str, pathlib.Path, Extract or ibis.Table
        The record extract (see :func:`sdlib.records.open_extract`).
    by : sequence of str, default ()
        Breakdown columns, any of ``care_type`` and ``district``.
    disclosure : Disclosure, bool or None, default None
        Disclosure control of the counts. None protects every breakdown (per care type and per district)
        with the CBS rule, all breakdowns of the extract together (see
        :func:`sdlib.records.disclosure.protect_release`), and leaves the municipal totals exact (the
        municipality publishes them); True or a :class:`sdlib.records.Disclosure` (its own rule) also rounds
        the totals; False gives exact figures, for analysis only, never for publication.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``series, year, [by...], measure, value, source, reference_date, provisional, note,
        left_censored, synthetic`` (+ ``status`` under disclosure control). The first year has only
        jeugdigen and instroom, with ``left_censored`` True on instroom (and on herintreder of the second year).

    Examples
    --------
    >>> flows("reports/synthetic/jeugdhulp_synthetic_youths9000_seed1.parquet")  # doctest: +SKIP
                       series  year     measure   value  ... left_censored  synthetic
    0  jeugdhulp_doorstroom  2016  realisatie  2546.0  ...         False       True
    """
    return _compute(extract, by, disclosure, SERIES["flows"])


def three_year(extract, *, by=(), disclosure=None):
    """Youths with care three or more years in a row: count and share of all youths in care (percent).

    Definition: Jaarstukken 2024, 'Efficiënte doorlooptijd' (2.279 of 4.747 = 48,0% in 2024): care in
    ``t``, ``t-1`` and ``t-2``. First possible year: the third of the extract. Parameters and result as
    :func:`flows`.
    """
    return _compute(extract, by, disclosure, SERIES["three_year"])


def ages(extract, *, by=(), disclosure=None):
    """Mean age at instroom (on 1 July of the year) and at uitstroom (on 1 July of the last year with care).

    Definition: 2e Rapportage Sociaal Domein 2019, tabel 2 (instroom); Jaarstukken 2024 (uitstroom, without
    a definition; ours is in the module docstring). Parameters and result as :func:`flows`.
    """
    return _compute(extract, by, disclosure, SERIES["ages"])


def costs(extract, *, by=(), disclosure=None):
    """Costs per year (per care type: tabel 7 of the 2e Rapportage Sociaal Domein 2019) and cost per youth.

    A row's cost is spread over calendar years pro rata to its days in each year. Parameters and result as
    :func:`flows`.
    """
    return _compute(extract, by, disclosure, SERIES["costs"])


def indicators(extract, *, by=(), disclosure=None):
    """Every definition of this module in one frame (one pass per part); parameters as :func:`flows`."""
    wanted = [s for names in SERIES.values() for s in names]
    return _compute(extract, by, disclosure, wanted)
