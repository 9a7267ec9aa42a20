"""What a report shows of a record extract: the flows, the registrations beside the publications, one year per
district.

Plain frames and dataclasses, no phrasing: :mod:`sdlib.present` words and draws them (it does not import this
package; the frames follow the tidy shape of ``sdlib.load``). Which years are whole is the rule of
:mod:`sdlib.calc.periods` (``span``, ``complete_years``) applied to these rows::

    from sdlib.records import summary

    flows = summary.flows(ext)                          # jeugdigen, instroom, doorstroom, herintreder, uitstroom
    compared = summary.compare_published(flows)         # the same figures in the published tables
    wijken = summary.district_rows(ext, year=2018, series=summary.FLOWS)   # protected, one year
    summary.secret(wijken)                              # how many of those cells are secret
"""

from __future__ import annotations

from dataclasses import dataclass

from sdlib.calc.periods import not_final
from sdlib.records.definitions import flows as _flows
from sdlib.records.definitions import indicators
from sdlib.records.disclosure import PUBLIC
from sdlib.records.schema import BY_COLUMNS

__all__ = ["FLOWS", "Comparison", "flows", "real", "compare_published", "district_rows", "secret"]

FLOWS = (
    "jeugdhulp_jeugdigen",
    "jeugdhulp_instroom",
    "jeugdhulp_doorstroom",
    "jeugdhulp_herintreder",
    "jeugdhulp_uitstroom",
)
"""The flows a report shows, in the order of the identity jeugdigen = instroom + doorstroom + herintreders
(and uitstroom last); the six-month uitstroom is for analysis."""


def real(rows):
    """Drop the left-censored rows: the instroom of the first year of the extract (everyone looks new) and the
    herintreders of the second (nobody can be one). They are no figures, and are neither shown nor compared."""
    return rows[~rows["left_censored"]] if "left_censored" in rows else rows


def _ordered(rows, series, by=()):
    """The rows of ``series`` in that order, then by breakdown and year (stable: the engine's order within)."""
    order = {s: i for i, s in enumerate(series)}
    rows = rows[rows["series"].isin(order)]
    keys = rows["series"].map(order)
    return rows.assign(_order=keys).sort_values(["_order", "year"], kind="stable").drop(columns="_order")


def flows(extract, *, by=(), disclosure=None):
    """The flows of :data:`FLOWS` without the left-censored rows, in that order and by year.

    Parameters and disclosure control as :func:`sdlib.records.flows` (by default the municipal totals are
    exact and every breakdown is protected).

    Returns
    -------
    pandas.DataFrame
        Tidy rows like :func:`sdlib.records.flows`; a table pivoted on ``series`` lists the columns in the
        order of :data:`FLOWS`.
    """
    return _ordered(real(_flows(extract, by=by, disclosure=disclosure)), FLOWS).reset_index(drop=True)


@dataclass(frozen=True)
class Comparison:
    """Figures computed from the registrations beside the same figures in the published tables.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per figure found in both: ``series``, ``year`` (and a breakdown column both have), ``computed``
        (from the registrations), ``published``, ``difference`` (computed - published), in the order of the
        registrations.
    not_final : pandas.DataFrame
        Booleans with the index of ``table`` and the columns ``computed``, ``published``, ``difference``: the
        figure covers part of its year or is provisional (:func:`sdlib.calc.periods.not_final`).
    rows : pandas.DataFrame
        The compared rows of both sides in their tidy form, to cite (the registrations and only the published
        tables that were compared).
    """

    table: object
    not_final: object
    rows: object


def compare_published(rows, *, data_dir=None) -> Comparison:
    """Put figures from the registrations beside the published realisations of the same series and years.

    Parameters
    ----------
    rows : pandas.DataFrame
        Tidy rows of :mod:`sdlib.records` (municipal totals, or a breakdown the publications also give, such as
        ``care_type``). Left-censored rows are left out; so are series no document publishes (catalog
        ``records_only``).
    data_dir : path, optional
        The data folder of the publications.

    Returns
    -------
    Comparison
        Empty tables when no published figure shares a series and year with the rows.
    """
    import pandas as pd

    from sdlib.data.catalog import model
    from sdlib.data.load import load_many

    rows = real(rows)
    known = model(data_dir).series
    ids = [s for s in dict.fromkeys(rows["series"]) if s in known and not known[s].records_only]
    published = load_many(ids, data_dir=data_dir) if ids else rows.iloc[0:0]
    published = published[published["measure"] == "realisatie"] if "measure" in published else published
    keys = ["series", "year", *[c for c in BY_COLUMNS if c in rows and c in published]]
    mine = rows.assign(_row=range(len(rows)), _nf=not_final(rows).to_numpy())
    theirs = published.assign(_pub=range(len(published)), _nf=not_final(published).to_numpy())
    both = mine[[*keys, "value", "_nf", "_row"]].merge(
        theirs[[*keys, "value", "_nf", "_pub"]], on=keys, suffixes=("_computed", "_published")
    )
    both = both.sort_values("_row", kind="stable").reset_index(drop=True)
    table = both[keys].assign(
        computed=both["value_computed"],
        published=both["value_published"],
        difference=both["value_computed"] - both["value_published"],
    )
    marks = pd.DataFrame(
        {"computed": both["_nf_computed"], "published": both["_nf_published"], "difference": False}, index=table.index
    ).astype(bool)
    cited = pd.concat([rows.iloc[both["_row"].to_numpy()], published.iloc[both["_pub"].to_numpy()]], ignore_index=True)
    return Comparison(table=table, not_final=marks, rows=cited)


def district_rows(extract, *, year: int, series, disclosure=None):
    """The protected figures of one year per district (stadswijk), in the order of ``series``.

    Parameters
    ----------
    extract : str, pathlib.Path or Extract
        The record extract.
    year : int
        The year.
    series : sequence of str
        Series ids of :func:`sdlib.records.indicators` (counts, shares, costs), in the order to show them.
    disclosure : Disclosure, optional
        The rule (default :class:`sdlib.records.Disclosure`); the breakdown is always protected, with every
        other breakdown of the extract (:func:`sdlib.records.disclosure.protect_release`).

    Returns
    -------
    pandas.DataFrame
        Tidy rows ``series, year, district, ..., value, status``: a cell whose ``status`` is not ``openbaar`` is
        secret (its value is empty). Left-censored figures are left out.
    """
    rows = indicators(extract, by=["district"], disclosure=disclosure)
    rows = real(rows[rows["year"] == year])
    return _ordered(rows, list(series)).reset_index(drop=True)


def secret(rows) -> int:
    """How many of the protected rows are secret (status other than ``openbaar``)."""
    return int((rows["status"].fillna(PUBLIC) != PUBLIC).sum()) if "status" in rows else 0
