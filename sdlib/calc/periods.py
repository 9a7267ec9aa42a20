"""Which years a figure covers: incomplete years, provisional figures, the latest year, the span of a frame.

One definition of each, used by every report, chart and sentence:

* **incomplete**: the peildatum lies inside the year the figure is about, before 31 December (2019 with
  peildatum 9-9-2019). Such a year is not compared with whole years. A peildatum of 31 December closes the
  year; one of 1 January is a stand at the start of the year; a row of one month (a ``month`` column) is a
  stand of that month: none of these is incomplete.
* **provisional** (voorlopig): the document calls the figure provisional. A provisional figure covers a whole
  year but may still be revised.
* **unsure**: the document itself is not sure of a realisation ("lijkt gehaald"); its ``note`` starts with
  ``Onzeker:`` (data/README.md). Where it stands against its target is then not said as a fact.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "incomplete",
    "provisional",
    "not_final",
    "unsure",
    "Span",
    "span",
    "latest_year",
    "years_with",
    "complete_years",
    "previous_stand",
    "MissingDataError",
]

from sdlib.data.errors import MissingDataError

UNSURE_MARK = "Onzeker:"


def unsure(data):
    """Return a boolean Series: the document is not sure of the row's figure (its note starts with ``Onzeker:``)."""
    import pandas as pd

    if "note" not in data:
        return pd.Series(False, index=data.index)
    return data["note"].fillna("").astype(str).str.strip().str.startswith(UNSURE_MARK)


def incomplete(data):
    """Return a boolean Series: the row covers only part of its year (see the module docstring)."""
    import pandas as pd

    if "reference_date" not in data or "year" not in data:
        return pd.Series(False, index=data.index)
    ref = pd.to_datetime(data["reference_date"])
    inside = ref.notna() & (ref.dt.year == data["year"])
    closes = (ref.dt.month == 12) & (ref.dt.day == 31)
    opens = (ref.dt.month == 1) & (ref.dt.day == 1)
    out = inside & ~closes & ~opens
    if "month" in data:
        out &= data["month"].isna()
    return out.fillna(False).astype(bool)


def provisional(data):
    """Return a boolean Series: the document calls the figure provisional (voorlopig)."""
    import pandas as pd

    if "provisional" not in data:
        return pd.Series(False, index=data.index)
    return data["provisional"].fillna(False).astype(bool)


def not_final(data):
    """Return a boolean Series: incomplete or provisional (drawn and printed as not final)."""
    return incomplete(data) | provisional(data)


def complete_years(data) -> list[int]:
    """The years of a frame whose rows all cover the whole year."""
    part = incomplete(data)
    bad = set(data.loc[part, "year"])
    return sorted(int(y) for y in set(data["year"]) - bad)


@dataclass(frozen=True)
class Span:
    """The years a frame covers: ``first`` and ``last`` year, the last whole year, and an incomplete year.

    ``incomplete_year`` and ``reference_date`` are None when every year is whole; ``gaps`` lists the missing
    years between ``first`` and ``last`` (2020-2023 when the figures are of 2019 and 2024).
    """

    first: int
    last: int
    last_complete: int | None
    incomplete_year: int | None
    reference_date: object | None
    gaps: tuple[int, ...]

    @property
    def years(self) -> list[int]:
        return [y for y in range(self.first, self.last + 1) if y not in self.gaps]


def span(data) -> Span:
    """Return the :class:`Span` of a frame of tidy rows (raises MissingDataError for an empty frame)."""
    if data is None or len(data) == 0:
        raise MissingDataError("er zijn geen cijfers om een periode van te bepalen")
    years = sorted(int(y) for y in set(data["year"]))
    part = incomplete(data)
    partial_years = sorted(int(y) for y in set(data.loc[part, "year"]))
    whole = [y for y in years if y not in partial_years]
    ref = data.loc[part, "reference_date"].max() if partial_years else None
    gaps = tuple(y for y in range(years[0], years[-1] + 1) if y not in years)
    return Span(
        years[0], years[-1], whole[-1] if whole else None, partial_years[-1] if partial_years else None, ref, gaps
    )


def years_with(data, *, measure: str | None = "realisatie", complete: bool = False) -> list[int]:
    """The years with a figure of ``measure`` (all measures with None); only whole years with ``complete``."""
    rows = data if measure is None or "measure" not in data else data[data["measure"] == measure]
    if complete:
        rows = rows[~incomplete(rows)]
    return sorted(int(y) for y in set(rows["year"]))


def latest_year(data, *, measure: str | None = "realisatie", complete: bool = False) -> int:
    """The newest year with a figure of ``measure`` (raises MissingDataError when there is none)."""
    years = years_with(data, measure=measure, complete=complete)
    if not years:
        raise MissingDataError("er is geen jaar met een " + (measure or "cijfer") + " in deze cijfers")
    return years[-1]


def comparable(data, *, series: str | None = None):
    """Return the rows from the last series break on (catalog ``breaks``): the years that can be compared.

    A frame of several series is cut per series. Rows without a known series are returned as they are.
    """
    import pandas as pd

    from sdlib.data.catalog import model

    known = model().series
    if series is not None:
        data = data.assign(series=series)
    if "series" not in data:
        return data
    parts = []
    for sid, rows in data.groupby("series", sort=False):
        breaks = [b.year for b in known[sid].breaks] if sid in known else []
        parts.append(rows[rows["year"] >= max(breaks)] if breaks else rows)
    return pd.concat(parts).loc[lambda f: f.index.isin(data.index)].sort_index() if parts else data


def previous_stand(data, *, series: str | None = None):
    """The stand to compare the newest monthly stand with, as ``(before, latest)`` rows, or None.

    ``data`` holds one row per ``year`` and ``month`` (one scheme). The newest stand is compared with the same
    month a year earlier when there is one, otherwise with the stand just before it; never across a series
    break (catalog ``breaks``): 1 juli 2025 is compared with 1 januari 2025, not with juli 2019.
    """
    rows = comparable(data, series=series).sort_values(["year", "month"])
    if len(rows) < 2:
        return None
    latest = rows.iloc[-1]
    year_before = rows[(rows["year"] == latest["year"] - 1) & (rows["month"] == latest["month"])]
    before = year_before.iloc[-1] if len(year_before) else rows.iloc[-2]
    return before, latest


def breaks_in(data, *, until: int | None = None) -> list[tuple[str, int, str]]:
    """The series breaks (series, year, note) of the series in a frame, up to ``until``."""
    from sdlib.data.catalog import model

    known = model().series
    ids = list(dict.fromkeys(data["series"])) if "series" in data else []
    return [
        (sid, b.year, b.note)
        for sid in ids
        if sid in known
        for b in known[sid].breaks
        if until is None or b.year <= until
    ]
