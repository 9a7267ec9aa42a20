"""Programme indicators: begroting against realisatie, the computed verdict and the published one."""

from __future__ import annotations

from sdlib.data.catalog import read_catalog, series_meta
from sdlib.data.load import load

__all__ = ["verdict", "indicator_ids", "indicator_table", "indicator_years"]


def verdict(realisatie: float, begroting: float, direction: str | None, *, tolerance_pct: float = 5.0):
    """Return whether a target is met, from the direction of a good outcome.

    Parameters
    ----------
    realisatie, begroting : float
        Realised and budgeted (target) value.
    direction : {"higher", "lower", "on_target"} or None
        ``higher``: met when realisatie >= begroting; ``lower``: met when realisatie <= begroting;
        ``on_target``: met when realisatie is within ``tolerance_pct`` percent of the begroting.

    Returns
    -------
    bool or None
        None when there is no direction or one of the values is missing.
    """
    if direction is None or realisatie != realisatie or begroting != begroting:
        return None
    if direction == "higher":
        return bool(realisatie >= begroting)
    if direction == "lower":
        return bool(realisatie <= begroting)
    if direction == "on_target":
        return bool(abs(realisatie - begroting) <= abs(begroting) * tolerance_pct / 100)
    raise ValueError(f"unknown direction {direction!r}; expected higher, lower or on_target")


def indicator_ids(data_dir=None) -> list[str]:
    """Return the ids of the programme indicators (catalog entries with ``indicator: true``)."""
    return [sid for sid, m in read_catalog(data_dir)["series"].items() if m.get("indicator")]


def indicator_years(data_dir=None) -> list[int]:
    """Return the years in which at least one indicator has both a begroting and a realisatie."""
    years = set()
    for sid in indicator_ids(data_dir):
        df = load(sid, data_dir=data_dir)
        both = df.groupby("year")["measure"].agg(lambda m: {"begroting", "realisatie"} <= set(m))
        years |= set(both[both].index)
    return sorted(years)


def indicator_table(year: int, *, vintage: str = "latest", data_dir=None):
    """Return one row per programme indicator for a year: targets, results and both verdicts.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, objective, title, unit, direction, begroting, realisatie, provisional, source,
        verdict_computed, verdict_published, agree`` (``agree`` is None where either verdict is missing).
    """
    import pandas as pd

    if not isinstance(year, int):
        raise TypeError(f"year must be an int, got {type(year).__name__}: {year!r}")
    rows = []
    for sid in indicator_ids(data_dir):
        meta = series_meta(sid, data_dir)
        df = load(sid, vintage=vintage, data_dir=data_dir)
        df = df[df["year"] == year].set_index("measure")
        real = df["value"].get("realisatie", float("nan"))
        target = df["value"].get("begroting", float("nan"))
        computed = verdict(real, target, meta["direction"], tolerance_pct=meta.get("tolerance_pct", 5.0))
        published = next((v["achieved"] for v in meta["verdicts"] if v["year"] == year), None)
        rows.append(
            {
                "id": sid,
                "objective": meta.get("objective"),
                "title": meta["title"],
                "unit": meta["unit"],
                "direction": meta["direction"],
                "begroting": target,
                "realisatie": real,
                "provisional": bool(df["provisional"].get("realisatie", False)),
                "source": df["source"].get("realisatie", df["source"].get("begroting")),
                "verdict_computed": computed,
                "verdict_published": published,
                "agree": None if computed is None or published is None else computed == published,
            }
        )
    return pd.DataFrame(rows)
