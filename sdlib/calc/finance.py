"""The programme's money: lasten, baten and saldo per doelstelling, as the documents print them and as readers
read them.

The documents print lasten and a nadelig saldo as negative amounts (x € 1.000). Sentences and charts speak of
costs as positive amounts; :func:`amounts` gives them so, and says which components it turned round.
"""

from __future__ import annotations

from sdlib.data.load import load

__all__ = [
    "SERIES",
    "NEGATIVE",
    "RESERVE_COMPONENTS",
    "amounts",
    "years",
    "labelled",
    "budget",
    "offset_by_income",
    "comparison",
    "reserve_mutations",
]

SERIES = "programma_financien"
NEGATIVE = ("lasten", "saldo")  # printed as negative amounts; shown as positive costs
RESERVE_COMPONENTS = ("toevoegingen", "onttrekkingen")  # reserve mutations, where a document shows them apart


def amounts(component: str, *, objective: str | None = None, vintage: str = "latest", data_dir=None):
    """Tidy rows of one component (``lasten``, ``baten``, ``saldo``, ...) per year, costs as positive amounts.

    ``objective`` keeps one doelstelling (``"2.1"``, ``"totaal"``); by default every one.
    """
    rows = load(SERIES, vintage=vintage, data_dir=data_dir)
    rows = rows[rows["component"] == component]
    if objective is not None:
        rows = rows[rows["objective"] == objective]
    if component in NEGATIVE:
        rows = rows.assign(value=-rows["value"])
    return rows.reset_index(drop=True)


def years(*, vintage: str = "latest", data_dir=None) -> list[int]:
    """The years with a jaarrekening in the documents."""
    return sorted(int(y) for y in set(load(SERIES, vintage=vintage, data_dir=data_dir)["year"]))


def labelled(rows, data_dir=None):
    """The rows with the catalog labels of their doelstelling and onderdeel (``doelstelling``, ``onderdeel``)."""
    from sdlib.data.catalog import model

    dims = model(data_dir).dimensions
    return rows.assign(
        doelstelling=rows["objective"].map(dims["objective"].label),
        onderdeel=rows["component"].map(dims["component"].label),
    )


def budget(component: str = "lasten", *, objective: str, year: int, data_dir=None) -> float | None:
    """The begroting of a component for a doelstelling and year (costs positive), or None when no document
    gives one (the realisation then cannot be set against a budget)."""
    rows = load(SERIES, data_dir=data_dir)
    rows = rows[
        (rows["component"] == component)
        & (rows["objective"] == objective)
        & (rows["year"] == year)
        & (rows["measure"] == "begroting")
    ]
    if rows.empty:
        return None
    value = float(rows["value"].iloc[0])
    return -value if component in NEGATIVE else value


def comparison(start: int, end: int, *, data_dir=None):
    """Per doelstelling: lasten, baten and netto lasten (saldo) of two years and their differences, costs
    positive, in euros: columns ``objective``, ``lasten_<start>``, ``lasten_<end>``, ``lasten_verschil``, and the
    same for ``baten`` and ``saldo``."""
    import pandas as pd

    out = None
    for component in ("lasten", "baten", "saldo"):
        rows = amounts(component, data_dir=data_dir)
        wide = rows[rows["year"].isin([start, end])].pivot_table(index="objective", columns="year", values="value")
        wide = wide.rename(columns={start: f"{component}_{start}", end: f"{component}_{end}"})
        wide[f"{component}_verschil"] = wide[f"{component}_{end}"] - wide[f"{component}_{start}"]
        out = wide if out is None else out.join(wide, how="outer")
    return pd.DataFrame(out).reset_index()


def offset_by_income(start: int, end: int, *, share: float = 0.5, data_dir=None) -> list[dict]:
    """The doelstellingen whose rise in lasten was for at least ``share`` met by a rise in baten (so the netto
    lasten barely moved): one dict per doelstelling with the lasten, baten and saldo of both years."""
    table = comparison(start, end, data_dir=data_dir)
    found = []
    for row in table.to_dict("records"):
        if row["objective"] == "totaal":
            continue
        more_costs = row.get(f"lasten_{end}", 0) - row.get(f"lasten_{start}", 0)
        more_income = row.get(f"baten_{end}", 0) - row.get(f"baten_{start}", 0)
        if more_costs > 0 and more_income >= share * more_costs:
            found.append(row)
    return found


def reserve_mutations(year: int, *, objective: str = "totaal", data_dir=None) -> dict[str, float] | None:
    """The reserve mutations a document shows apart for a year (``{"toevoegingen": 0.0, "onttrekkingen": 886000.0}``),
    or None when it shows none apart (they are then inside the other amounts, or absent)."""
    found = {}
    for component in RESERVE_COMPONENTS:
        rows = amounts(component, objective=objective, data_dir=data_dir)
        rows = rows[rows["year"] == year]
        if "measure" in rows:
            rows = rows[rows["measure"] == "realisatie"]
        if not rows.empty:
            found[component] = float(rows["value"].iloc[0])
    return found or None
