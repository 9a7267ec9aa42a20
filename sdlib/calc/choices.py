"""Valid values of report parameters, named in the parameters cell of a report notebook.

The report runner knows no domain. A parameter's comment names one of these functions, and the runner calls it
before the report runs and refuses a value that is not in the returned list::

    jaar: int = 2024  # verslagjaar; keuze uit: sdlib.calc.choices.indicator_years()
    jaar: int = 2024  # verslagjaar; keuze uit: sdlib.calc.choices.realisation_years("jeugdhulp_3jaar_aandeel")
    vintage: str = "latest"  # publicatie; keuze uit: sdlib.calc.choices.vintages()

Every function listed in ``__all__`` is a provider: it returns a plain list (Python ints or strings, sorted as a
reader expects) and takes only literal arguments and ``data_dir``.
"""

from __future__ import annotations

from sdlib.calc.indicators import indicator_years as years
from sdlib.data.catalog import read_sources
from sdlib.data.catalog import series_ids as known_ids
from sdlib.data.errors import SdlibError, UnknownSeriesError
from sdlib.data.load import load

__all__ = ["indicator_years", "realisation_years", "vintages"]


def indicator_years(data_dir=None) -> list[int]:
    """Return the years in which at least one programme indicator has both a begroting and a realisatie.

    Parameters
    ----------
    data_dir : path, optional
        The data folder (default: ``sdlib.data.paths.data_dir()``).

    Returns
    -------
    list of int
        Ascending years.
    """

    return [int(y) for y in years(data_dir)]


def realisation_years(*series_ids: str, data_dir=None) -> list[int]:
    """Return the years with a realisatie in at least one of the given series (latest vintage).

    Parameters
    ----------
    *series_ids : str
        Catalog ids, e.g. ``"jeugdhulp_3jaar_aandeel"``.
    data_dir : path, optional
        The data folder (default: ``sdlib.data.paths.data_dir()``).

    Returns
    -------
    list of int
        Ascending years.

    Raises
    ------
    UnknownSeriesError
        For an id that is not in the catalog (the Dutch message suggests the closest one).
    SdlibError
        When no series id is given.
    """
    import difflib

    if not series_ids:
        raise SdlibError(
            'realisation_years: noem een of meer reeksen, bijvoorbeeld realisation_years("jeugdhulp_3jaar_aandeel")'
        )
    known = known_ids(data_dir)
    for sid in series_ids:
        if sid not in known:
            close = difflib.get_close_matches(str(sid), known, n=1)
            hint = f" (bedoelt u {close[0]!r}?)" if close else "; zie sdlib.catalog()"
            raise UnknownSeriesError(f"realisation_years: onbekende reeks {sid!r}{hint}")
    years = set()
    for sid in series_ids:
        df = load(sid, data_dir=data_dir)
        years |= set(df.loc[df["measure"] == "realisatie", "year"])
    return sorted(int(y) for y in years)


def vintages(data_dir=None) -> list[str]:
    """Return the values of a ``vintage`` argument of :func:`sdlib.load`: ``latest``, ``all`` and every source id.

    Parameters
    ----------
    data_dir : path, optional
        The data folder (default: ``sdlib.data.paths.data_dir()``).

    Returns
    -------
    list of str
        ``["latest", "all", *source ids in the order of sources.csv]``.
    """
    return ["latest", "all", *read_sources(data_dir)]
