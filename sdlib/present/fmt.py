"""Dutch number formatting for reports, via babel's nl_NL locale: 1.234; 45,9%; € 5.565."""

from __future__ import annotations

import decimal

__all__ = ["fmt_number", "fmt_pct", "fmt_eur", "fmt_value", "fmt_date", "fmt_long_date", "month_name", "NBSP"]

LOCALE = "nl_NL"
NBSP = "\u00a0"  # between € and its amount: a line never breaks there


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _half_up(value):
    """Return a Decimal of the value's shortest repr, so 1234.5 rounds half up the way statistics offices do."""
    return decimal.Decimal(repr(float(value)))


def fmt_number(value, decimals: int = 0) -> str:
    """Format a number the Dutch way: ``fmt_number(4747)`` -> ``'4.747'``, ``fmt_number(9.25, 1)`` -> ``'9,3'``."""
    from babel.numbers import format_decimal

    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP
        text = format_decimal(_half_up(value), format=_pattern(decimals), locale=LOCALE)
    return _no_negative_zero(text)


def _no_negative_zero(text: str) -> str:
    """``-0,0`` -> ``0,0``: a value that rounds to zero has no sign."""
    return (
        text.replace("-", "", 1)
        if text.lstrip("€ ").startswith("-") and not any(c in "123456789" for c in text)
        else text
    )


def fmt_pct(value, decimals: int = 1) -> str:
    """Format a value in percent points: ``fmt_pct(45.9)`` -> ``'45,9%'`` (not a fraction)."""
    return fmt_number(value, decimals) + "%"


def fmt_eur(value, decimals: int = 0) -> str:
    """Format an amount in euros: ``fmt_eur(5565.4)`` -> ``'€ 5.565'``, negative as ``'-€ 92.186'``.

    The space after € is a non-breaking space, so the sign never stands at the end of a line without its amount.
    """
    from babel.numbers import format_currency

    pattern = f"¤{NBSP}{_pattern(decimals)};-¤{NBSP}{_pattern(decimals)}"
    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP
        text = format_currency(_half_up(value), "EUR", format=pattern, currency_digits=False, locale=LOCALE)
    return _no_negative_zero(text)


def fmt_value(value, unit: str, decimals: int | None = None) -> str:
    """Format a value by catalog unit (count, percent, eur, years, score); NaN becomes an empty string."""
    if value is None or value != value:
        return ""
    if unit == "percent":
        return fmt_pct(value, 1 if decimals is None else decimals)
    if unit == "eur":
        return fmt_eur(value, 0 if decimals is None else decimals)
    if unit in ("years", "score"):
        return fmt_number(value, 1 if decimals is None else decimals)
    return fmt_number(value, 0 if decimals is None else decimals)


def fmt_date(value) -> str:
    """Format a date as ``d-m-jjjj`` (``9-9-2019``), the way the documents print a peildatum."""
    return f"{value.day}-{value.month}-{value.year}"


def fmt_long_date(value) -> str:
    """Format a date in words: ``9 september 2019`` (babel, Dutch); day and month never part at a line end."""
    from babel.dates import format_date

    return format_date(value, format="d MMMM y", locale=LOCALE).replace(" ", "\u00a0", 1)


def month_name(month: int, *, short: bool = False) -> str:
    """The Dutch name of a month (1-12): ``januari``; ``short``: ``jan``."""
    from babel.dates import get_month_names

    if not 1 <= int(month) <= 12:
        raise ValueError(f"month must be 1-12, got {month!r}")
    names = get_month_names("abbreviated" if short else "wide", locale=LOCALE)
    return names[int(month)].rstrip(".")
