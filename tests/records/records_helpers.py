"""Helpers of the record-engine tests (import from here, not from conftest): paths and a value lookup."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PERIOD = ("2015-01-01", "2018-12-31")


def values(frame, series, by=None):
    """Return {year: value} (or {(by value, year): value}) of one series of a result frame."""
    part = frame[frame["series"] == series]
    if by is None:
        return {int(y): v for y, v in zip(part["year"], part["value"])}
    return {(k, int(y)): v for k, y, v in zip(part[by], part["year"], part["value"])}
