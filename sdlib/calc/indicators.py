"""Programme indicators: a result against its target, the verdict computed beside the published one.

Every rule about 'Doel gehaald' lives here, once:

* **Printed values.** A result and its target are compared as the documents print them (half up, decimals from
  the catalog): 46,05% and 46,0% are both 46,1% and 46,0%, not 46,05 > 46,0.
* **No target.** A begroting printed as 0 for an indicator where higher is better is no target (the Jaarverslag
  2022 prints 'Begroting 0,0 %' for the satisfaction of inZet's clients): no difference and no computed verdict.
* **Computed verdict** (eigen berekening): ``higher``: met when the result is at least the target; ``lower``:
  at most the target; ``on_target``: within the catalog's ``tolerance_pct`` of the target. None without a
  direction, a target or a result.
* **Published verdict**: the 'Doel gehaald: Ja/Nee' a document printed for that year (catalog ``verdicts``).
* **Another measure**: a series break (catalog ``breaks``) between the year before and this year: the two years
  are not compared.

:func:`table` returns one row per indicator for a year; reports, sentences and the training material read the
verdict from it and never decide it themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from sdlib.calc.values import half_up
from sdlib.data.catalog import model
from sdlib.data.load import load

__all__ = [
    "verdict",
    "no_target",
    "Assessment",
    "assess",
    "indicator_ids",
    "indicator_years",
    "table",
    "published_verdict",
    "indicator_table",
]


def verdict(realisatie: float, begroting: float, direction: str | None, *, tolerance_pct: float | None = None):
    """Return whether a target is met (True/False), or None without a direction or a value.

    Parameters
    ----------
    realisatie, begroting : float
        Result and target, as printed.
    direction : {"higher", "lower", "on_target"} or None
    tolerance_pct : float, optional
        For ``on_target``: the margin in percent of the target (from the catalog).
    """
    if direction is None or realisatie != realisatie or begroting != begroting:
        return None
    if direction == "higher":
        return bool(realisatie >= begroting)
    if direction == "lower":
        return bool(realisatie <= begroting)
    if direction == "on_target":
        if tolerance_pct is None:
            raise ValueError("direction 'on_target' needs tolerance_pct (catalog field tolerance_pct)")
        return bool(abs(realisatie - begroting) <= abs(begroting) * tolerance_pct / 100)
    raise ValueError(f"unknown direction {direction!r}; expected higher, lower or on_target")


def no_target(begroting: float, direction: str | None) -> bool:
    """True when a printed begroting is no target: 0 for an indicator where higher is better."""
    return direction == "higher" and begroting == begroting and begroting == 0


@dataclass(frozen=True)
class Assessment:
    """One indicator in one year: printed values, flags and both verdicts.

    ``computed`` is None when there is no result, no target, no direction, or the target is no target.
    ``difference`` is realisatie minus begroting as printed (None when not computed).
    """

    series: str
    year: int
    realisatie: float | None
    begroting: float | None
    provisional: bool
    incomplete: bool
    no_target: bool
    computed: bool | None
    published: bool | None
    published_source: str | None
    difference: float | None
    relative: float | None  # difference in percent of the target
    direction: str | None
    tolerance_pct: float | None
    source: str | None

    @property
    def agree(self) -> bool | None:
        return None if self.computed is None or self.published is None else self.computed == self.published


def published_verdict(series: str, year: int, data_dir=None):
    """Return the published verdict of a year (catalog ``verdicts``), or None."""
    entry = model(data_dir).series[series]
    return next((v for v in entry.verdicts if v.year == year), None)


def assess(rows, series: str, year: int, *, data_dir=None) -> Assessment:
    """Assess one indicator in one year from its tidy rows (one publication per year and measure)."""
    from sdlib.calc.periods import incomplete, provisional

    cat = model(data_dir)
    entry = cat.series[series]
    places = cat.decimals(series)
    rows = rows[rows["year"] == year]
    real = rows[rows["measure"] == "realisatie"]
    goal = rows[rows["measure"] == "begroting"]
    r = half_up(real["value"].iloc[0], places) if len(real) else None
    g = half_up(goal["value"].iloc[0], places) if len(goal) else None
    nt = g is not None and no_target(g, entry.direction)
    computed = None
    if r is not None and g is not None and not nt:
        computed = verdict(r, g, entry.direction, tolerance_pct=entry.tolerance_pct)
    diff = half_up(r - g, places) if computed is not None else None
    rel = (r - g) / abs(g) * 100 if computed is not None and g else None
    pub = published_verdict(series, year, data_dir)
    return Assessment(
        series=series,
        year=int(year),
        realisatie=r,
        begroting=g,
        provisional=bool(provisional(real).any()) if len(real) else False,
        incomplete=bool(incomplete(real).any()) if len(real) else False,
        no_target=nt,
        computed=computed,
        published=pub.achieved if pub else None,
        published_source=pub.source if pub else None,
        difference=diff,
        relative=rel,
        direction=entry.direction,
        tolerance_pct=entry.tolerance_pct,
        source=(real["source"].iloc[0] if len(real) else goal["source"].iloc[0] if len(goal) else None),
    )


def indicator_ids(data_dir=None) -> list[str]:
    """The ids of the programme indicators (catalog ``indicator: true``), in catalog order."""
    return [sid for sid, s in model(data_dir).series.items() if s.indicator and not s.records_only]


def indicator_years(data_dir=None) -> list[int]:
    """The years in which at least one indicator has both a begroting and a realisatie."""
    years = set()
    for sid in indicator_ids(data_dir):
        df = load(sid, data_dir=data_dir)
        both = df.groupby("year")["measure"].agg(lambda m: {"begroting", "realisatie"} <= set(m))
        years |= {int(y) for y in both[both].index}
    return sorted(years)


def table(year: int, *, vintage: str = "latest", data_dir=None):
    """Return one row per programme indicator for ``year``: printed values, flags and both verdicts.

    Columns: ``id, objective, title, subject, unit, direction, begroting, realisatie, difference, relative,
    provisional, incomplete, no_target, other_measure, computed, published, published_source, agree,
    source, previous_realisatie, previous_begroting``. ``other_measure`` is True when a series break lies
    between the year before and ``year`` (the previous year's values then stay apart). Values are as printed.
    """
    import pandas as pd

    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, got {type(year).__name__}: {year!r}")
    cat = model(data_dir)
    rows = []
    for sid in indicator_ids(data_dir):
        entry = cat.series[sid]
        df = load(sid, vintage=vintage, data_dir=data_dir)
        now, before = assess(df, sid, year, data_dir=data_dir), assess(df, sid, year - 1, data_dir=data_dir)
        rows.append(
            {
                "id": sid,
                "objective": entry.objective,
                "title": entry.title,
                "subject": entry.phrase,
                "unit": entry.unit,
                "direction": entry.direction,
                "tolerance_pct": entry.tolerance_pct,
                "begroting": now.begroting,
                "realisatie": now.realisatie,
                "difference": now.difference,
                "relative": now.relative,
                "provisional": now.provisional,
                "incomplete": now.incomplete,
                "no_target": now.no_target,
                "other_measure": any(b.year == year for b in entry.breaks),
                "computed": now.computed,
                "published": now.published,
                "published_source": now.published_source,
                "agree": now.agree,
                "source": now.source,
                "previous_realisatie": before.realisatie,
                "previous_begroting": before.begroting,
                "previous_no_target": before.no_target,
                "previous_computed": before.computed,
                "previous_published": before.published,
            }
        )
    return pd.DataFrame(rows)


def indicator_table(year: int, *, vintage: str = "latest", data_dir=None):
    """The indicator table in the shape of earlier versions (``verdict_computed``, ``verdict_published``)."""
    out = table(year, vintage=vintage, data_dir=data_dir)
    return out.rename(columns={"computed": "verdict_computed", "published": "verdict_published"})
