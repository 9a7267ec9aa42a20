"""A figure as the documents print it: rounded half up to the decimals the catalog gives for its series.

Every rule that compares figures (a verdict, "gelijk", a difference in a sentence) works on printed values, so a
reader who checks two printed figures finds the same answer. Half up, as statistics offices round (2,45 -> 2,5),
never Python's round-half-to-even.
"""

from __future__ import annotations

import decimal

__all__ = ["half_up", "decimals_of", "printed_value", "approx_part", "UNIT_DECIMALS"]

UNIT_DECIMALS = {"percent": 1, "eur": 0, "years": 1, "score": 1, "count": 0}  # a unit the catalog does not know


def half_up(value: float, decimals: int = 0) -> float:
    """Round half up to ``decimals`` and return a float (``-0.0`` becomes ``0.0``).

    >>> half_up(2.45, 1), half_up(0.125, 2), half_up(-2.5)
    (2.5, 0.13, -3.0)
    """
    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP
        out = float(decimal.Decimal(repr(float(value))).quantize(decimal.Decimal(1).scaleb(-int(decimals))))
    return out + 0.0


def decimals_of(series: str | None = None, *, unit: str | None = None, data_dir=None) -> int:
    """The decimals a value is printed with: the series' own (catalog), else its unit's, else ``UNIT_DECIMALS``."""
    if series is not None:
        from sdlib.data.catalog import decimals

        return decimals(series, data_dir)
    if unit is None:
        raise ValueError("give series= (a catalog id) or unit=")
    return UNIT_DECIMALS[unit]


def printed_value(
    value: float, series: str | None = None, *, unit: str | None = None, decimals: int | None = None, data_dir=None
) -> float:
    """Return ``value`` as printed: rounded half up to the decimals of its series (or ``decimals``)."""
    if value is None or value != value:
        return float("nan")
    places = decimals if decimals is not None else decimals_of(series, unit=unit, data_dir=data_dir)
    return half_up(value, places)


def approx_part(total: float, pct: float) -> int:
    """How many of ``total`` a printed percentage is, roughly: to tens from a hundred up, else whole.

    A percentage printed without decimals is up to half a point off, so the count it gives is only about right
    (33% of 900 is 292 to 301): the result is rounded to tens so it does not look exact.

    >>> approx_part(900, 33), approx_part(120, 45), approx_part(40, 30)
    (300, 54, 12)
    """
    value = float(total) * float(pct) / 100
    step = 10 if value >= 100 else 1
    return int(half_up(value / step) * step)
