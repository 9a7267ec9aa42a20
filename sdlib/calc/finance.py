"""The programme's money: lasten, baten and saldo per doelstelling, as the documents print them and as readers
read them.

The documents print lasten and a nadelig saldo as negative amounts (x € 1.000). Sentences and charts speak of
costs as positive amounts; :func:`amounts` gives them so, and says which components it turned round.
"""

from __future__ import annotations

from sdlib.data.load import load

__all__ = ["SERIES", "NEGATIVE", "amounts", "years", "labelled"]

SERIES = "programma_financien"
NEGATIVE = ("lasten", "saldo")  # printed as negative amounts; shown as positive costs


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
