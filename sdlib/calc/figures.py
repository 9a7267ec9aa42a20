"""One figure at a time: its value as printed, whether it is final, where it comes from, and its revisions.

A notebook that needs one number in a sentence asks for it here instead of filtering frames::

    share = figure(rows, year=jaar)               # the realisatie of that year (one row, else an error)
    share.printed, share.provisional, share.source
    revised_years(sdlib.load(sid, vintage="all"))  # years published twice with different printed values
"""

from __future__ import annotations

from dataclasses import dataclass

from sdlib.calc.periods import incomplete, provisional
from sdlib.calc.values import half_up
from sdlib.data.errors import MissingDataError

__all__ = ["Figure", "figure", "figures", "revised_years", "publications", "has_figure", "revision_table"]


@dataclass(frozen=True)
class Figure:
    """One published figure."""

    series: str | None
    year: int
    measure: str | None
    value: float
    printed: float  # rounded half up to the decimals the documents print
    decimals: int
    unit: str | None
    provisional: bool
    incomplete: bool
    source: str | None
    reference_date: object | None

    @property
    def final(self) -> bool:
        return not (self.provisional or self.incomplete)


def _series_of(rows) -> str | None:
    if "series" in rows and rows["series"].nunique() == 1:
        return str(rows["series"].iloc[0])
    return None


def _select(rows, year, measure, dims):
    sel = rows[rows["year"] == year]
    if measure is not None and "measure" in sel:
        sel = sel[sel["measure"] == measure]
    for column, value in dims.items():
        sel = sel[sel[column] == value]
    return sel


def has_figure(rows, *, year: int, measure: str | None = "realisatie", **dims) -> bool:
    """True when the rows hold a figure for this year (and measure and dimension values)."""
    return len(_select(rows, year, measure, dims)) > 0


def figure(rows, *, year: int, measure: str | None = "realisatie", series: str | None = None, **dims) -> Figure:
    """Return the one figure of ``year`` (and ``measure`` and dimension values) in tidy rows.

    Raises
    ------
    MissingDataError
        When there is none (the message names the year).
    ValueError
        When there are several (filter a dimension, or load with ``vintage="latest"``).
    """
    from sdlib.data.catalog import decimals as catalog_decimals
    from sdlib.data.catalog import entry

    sel = _select(rows, year, measure, dims)
    if sel.empty:
        what = f" ({measure})" if measure else ""
        raise MissingDataError(f"geen cijfer over {year}{what} in deze gegevens")
    if len(sel) > 1:
        raise ValueError(f"{len(sel)} rows for {year}: filter a dimension or load one publication per year")
    row = sel.iloc[0]
    sid = series or (str(row["series"]) if "series" in sel else _series_of(rows))
    places = catalog_decimals(sid) if sid else 0
    unit = entry(sid).unit if sid else None
    return Figure(
        series=sid,
        year=int(year),
        measure=measure,
        value=float(row["value"]),
        printed=half_up(float(row["value"]), places),
        decimals=places,
        unit=unit,
        provisional=bool(provisional(sel).iloc[0]),
        incomplete=bool(incomplete(sel).iloc[0]),
        source=row.get("source"),
        reference_date=row.get("reference_date"),
    )


def figures(rows, *, measure: str | None = "realisatie", series: str | None = None, **dims) -> list[Figure]:
    """Every figure of the rows (one per year), oldest first."""
    sel = rows if measure is None or "measure" not in rows else rows[rows["measure"] == measure]
    for column, value in dims.items():
        sel = sel[sel[column] == value]
    return [figure(sel, year=int(y), measure=measure, series=series) for y in sorted(set(sel["year"]))]


def publications(rows_all, *, year: int, measure: str | None = "realisatie", series: str | None = None) -> list[Figure]:
    """Every publication's figure of one year (rows loaded with ``vintage="all"``), oldest publication first."""
    sel = _select(rows_all, year, measure, {})
    order = ["published", "source"] if "published" in sel else ["source"]
    out = []
    for _, row in sel.sort_values(order, kind="stable").iterrows():
        one = sel.loc[[row.name]]
        out.append(figure(one, year=year, measure=measure, series=series or _series_of(rows_all)))
    return out


def revised_years(rows_all, *, measure: str | None = "realisatie") -> list[int]:
    """The years for which a later publication printed a different value (rows with ``vintage="all"``)."""
    out = []
    for year in sorted(set(rows_all["year"])):
        printed = {f.printed for f in publications(rows_all, year=int(year), measure=measure)}
        if len(printed) > 1:
            out.append(int(year))
    return out


def revision_table(share_all, numerator, denominator, *, years, measure: str | None = "realisatie"):
    """A table of a revised share: per year and publication the share, its numerator and its denominator.

    ``numerator`` and ``denominator`` are tidy rows of every publication (``vintage="all"``); a publication that
    printed no count gets an empty cell. The index reads "2023 (Programmabegroting 2025)".
    """
    import pandas as pd

    from sdlib.data.catalog import read_sources

    sources = read_sources()
    rows = []
    for year in years:
        for f in publications(share_all, year=year, measure=measure):
            n = numerator[(numerator["year"] == year) & (numerator["source"] == f.source)]
            d = denominator[(denominator["year"] == year) & (denominator["source"] == f.source)]
            rows.append(
                {
                    "": f"{year} ({sources[f.source]['short_title']})",
                    "aandeel": f.value,
                    "drie jaar of langer": float(n["value"].iloc[0]) if len(n) else None,
                    "alle jeugdigen": float(d["value"].iloc[0]) if len(d) else None,
                }
            )
    return pd.DataFrame(rows).set_index("")
