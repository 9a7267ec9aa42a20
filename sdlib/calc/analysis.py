"""Small derived figures shared by notebooks: cost per youth, instroom per doorstroom, growth index, shares."""

from __future__ import annotations

__all__ = ["per_unit", "growth_index", "share_of_total", "largest_fall"]


def _keys(data, by):
    return ["year", *([by] if isinstance(by, str) else list(by or []))]


def per_unit(numerator, denominator, *, by=None, value="value"):
    """Divide two tidy series year by year (and per ``by``), e.g. costs per youth per care type.

    A result is provisional when either input is, and keeps the later peildatum of the two, so a partial
    year stays marked.
    """
    keys = _keys(numerator, by)
    cols = [*keys, value, "provisional", "reference_date"]
    merged = numerator[cols].merge(denominator[cols], on=keys, suffixes=("_num", "_den"), validate="one_to_one")
    merged[value] = merged[f"{value}_num"] / merged[f"{value}_den"]
    merged["provisional"] = merged["provisional_num"] | merged["provisional_den"]
    merged["reference_date"] = merged[["reference_date_num", "reference_date_den"]].max(axis=1)
    return merged[[*keys, value, "provisional", "reference_date"]]


def growth_index(data, *, base_year: int, by=None, value="value"):
    """Return ``value`` as an index with ``base_year`` = 100 (per ``by`` group), in a column ``index``."""
    keys = _keys(data, by)[1:]
    base = (
        data[data["year"] == base_year].set_index(keys)[value]
        if keys
        else data.loc[data["year"] == base_year, value].iloc[0]
    )
    out = data.copy()
    if keys:
        out["index"] = out[value] / out.set_index(keys).index.map(base).to_numpy() * 100
    else:
        out["index"] = out[value] / base * 100
    return out


def share_of_total(data, *, by, value="value"):
    """Return each ``by`` level's share of the yearly total in percent points, in a column ``share_pct``."""
    out = data.copy()
    out["share_pct"] = out[value] / out.groupby("year")[value].transform("sum") * 100
    return out


def combined_share(data, *, levels, by: str = "outcome", total: str = "totaal", value: str = "value"):
    """The percent of each year's total (and period's, where the rows have one) that several levels of ``by`` make
    together, from the counts: one row per year with ``value`` in percent.

    E.g. the trajectories helped further by the school social worker ('lichte begeleiding' and 'verwijzing naar vrij
    toegankelijk aanbod': 311 + 334 of 1.143 in 2018 = 56,4%), so a share printed by a later document ('de
    overige leerlingen, 67%') can be set beside the earlier ones. Years without a ``total`` row are left out."""
    keys = [c for c in ("series", "year", "period") if c in data.columns]
    part = data[data[by].isin(list(levels))].groupby(keys)[value].sum()
    whole = data[data[by] == total].set_index(keys)[value]
    out = (part / whole * 100).dropna()
    return out.rename(value).reset_index()


def largest_fall(data, *, start: int, end: int, measure: str | None = "realisatie") -> str | None:
    """The series of ``data`` that fell most between two years, relatively, on the values as printed (catalog
    decimals), or None when none fell: the figure a reader should see first among several of one topic."""
    from sdlib.calc.values import half_up
    from sdlib.data.catalog import model

    cat = model()
    best, worst = None, 0.0
    for sid, rows in data.groupby("series", sort=False):
        if measure is not None and "measure" in rows:
            rows = rows[rows["measure"] == measure]
        values = rows.drop_duplicates("year", keep="last").set_index("year")["value"]
        if start not in values or end not in values or not values[start]:
            continue
        places = cat.decimals(sid)
        a, b = half_up(values[start], places), half_up(values[end], places)
        rel = (b - a) / abs(a)
        if rel < worst:
            best, worst = sid, rel
    return best
