"""How a figure changed between two years, computed once for every sentence, label and table.

The difference and the relative change are taken from the exact values and then rounded as printed (as
statistics offices do); two values that print the same are "the same". Euro amounts of a million or more are compared
in millions with one decimal when a sentence writes them that way (``short``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sdlib.calc.periods import incomplete
from sdlib.calc.values import half_up

__all__ = [
    "Change",
    "change",
    "one_row",
    "relative_decimals",
    "steady",
    "nearly_same",
    "MILLION",
    "STEADY_PCT",
    "SAME_PCT",
]

MILLION = 1_000_000


STEADY_PCT = 1.0  # a count or amount that moved less than this (and at least SAME_PCT) rose or fell "licht"


SAME_PCT = 0.5  # a count or amount that moved less than this percentage "bleef nagenoeg gelijk" (+8 on 2.551)


def nearly_same(relative: float | None) -> bool:
    """True when a relative change (in percent) is under :data:`SAME_PCT`: said 'bleef nagenoeg gelijk (+0,3%)'."""
    return relative is not None and abs(relative) < SAME_PCT


def steady(relative: float | None) -> bool:
    """True when a relative change (in percent) is slight: under :data:`STEADY_PCT` (said 'steeg licht')."""
    return relative is not None and abs(relative) < STEADY_PCT


def relative_decimals(relative: float) -> int:
    """How many decimals a relative change is printed with: one below 10% (3,6%), none from 10% on (36%)."""
    return 1 if abs(relative) < 10 else 0


@dataclass(frozen=True)
class Change:
    """A change from ``start`` to ``end`` of one figure.

    ``start_value``/``end_value`` are exact; ``start_printed``/``end_printed`` as printed (in euros also when
    ``short``); ``difference`` is the exact difference rounded as printed; ``relative`` the exact change in percent
    (None from zero); ``same`` is True when both print the same.
    """

    start: int
    end: int
    start_value: float
    end_value: float
    start_printed: float
    end_printed: float
    difference: float
    relative: float | None
    unit: str
    decimals: int
    short: bool
    incomplete_years: tuple[int, ...]

    @property
    def same(self) -> bool:
        return self.start_printed == self.end_printed

    @property
    def up(self) -> bool:
        return self.end_printed > self.start_printed


def one_row(data, year: int, *, measure: str | None = "realisatie", y: str = "value"):
    """Return the single row of ``year`` (and ``measure``); raise ValueError when there is none or several."""
    if "year" not in data:
        raise ValueError("the frame has no 'year' column; pass tidy rows as returned by sdlib.load")
    if y not in data:
        raise ValueError(f"the frame has no column {y!r}")
    rows = data[data["year"] == year]
    if measure is not None and "measure" in data:
        rows = rows[rows["measure"] == measure]
    what = f"{measure} row" if measure is not None and "measure" in data else "row"
    if rows.empty:
        years = ", ".join(str(v) for v in sorted(set(data["year"])))
        raise ValueError(f"no {what} for year {year} in the data (years present: {years or 'none'})")
    if len(rows) > 1:
        raise ValueError(
            f"{len(rows)} {what}s for year {year}: filter the frame to one row per year (one level "
            "of each dimension) or load it with vintage='latest'"
        )
    return rows.iloc[0]


def printed_amount(value: float, unit: str, decimals: int, *, short: bool = False) -> float:
    """The number a reader sees, as a float (euros in millions with one decimal when ``short``)."""
    if unit == "eur" and short:
        return half_up(value / MILLION, 1) * MILLION
    return half_up(value, decimals)


def change(
    data,
    *,
    start: int,
    end: int,
    unit: str,
    decimals: int,
    measure: str | None = "realisatie",
    y: str = "value",
    short: bool | None = None,
) -> Change:
    """Compute the :class:`Change` of one figure between two years of tidy rows.

    ``short`` (euros only): compare in millions; by default when either amount is a million or more.
    """
    a, b = one_row(data, start, measure=measure, y=y), one_row(data, end, measure=measure, y=y)
    va, vb = float(a[y]), float(b[y])
    short_ = unit == "eur" and (bool(short) if short is not None else max(abs(va), abs(vb)) >= MILLION)
    pa, pb = printed_amount(va, unit, decimals, short=short_), printed_amount(vb, unit, decimals, short=short_)
    pair = data.loc[[a.name, b.name]]
    partial = tuple(sorted(int(v) for v in pair.loc[incomplete(pair), "year"]))
    diff = printed_amount(vb - va, unit, decimals, short=short_)  # from the exact values, then rounded
    return Change(
        start, end, va, vb, pa, pb, diff, (vb - va) / abs(va) * 100 if va else None, unit, decimals, short_, partial
    )
