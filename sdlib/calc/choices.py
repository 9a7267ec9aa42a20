"""Valid values of report parameters: the providers a notebook's metadata names (``"choices": "<name>"``).

The report runner knows no domain: the command line hands it :data:`PROVIDERS`, and a notebook's check cell
passes it too (``check_parameters(..., providers=choices.PROVIDERS)``). Each provider returns a plain sorted
list and takes only plain arguments and ``data_dir``; when the data holds nothing for the report it raises
:class:`sdlib.data.errors.MissingDataError` and the report is skipped, not failed.
"""

from __future__ import annotations

from sdlib.calc.indicators import indicator_years as _indicator_years
from sdlib.data.catalog import model, read_sources, series_ids, topic_series
from sdlib.data.errors import MissingDataError, SdlibError
from sdlib.data.load import load

__all__ = ["indicator_years", "realisation_years", "topic_years", "vintages", "themes", "PROVIDERS"]


def indicator_years(data_dir=None) -> list[int]:
    """The years in which at least one programme indicator has both a begroting and a realisatie."""
    years = [int(y) for y in _indicator_years(data_dir)]
    if not years:
        raise MissingDataError("geen indicator met een begroting en een realisatie in hetzelfde jaar")
    return years


def realisation_years(*series: str, data_dir=None) -> list[int]:
    """The years with a realisatie in at least one of the given series (latest publication).

    Raises MissingDataError when none of the series is in the data (another municipality may lack them).
    """
    if not series:
        raise SdlibError("realisation_years heeft minstens één reeks nodig: zet ze bij 'args' in de metadata")
    known = set(series_ids(data_dir))
    present = [s for s in series if s in known]
    if not present:
        raise MissingDataError(f"de reeks(en) {', '.join(series)} staan niet in de gegevens")
    years = set()
    for sid in present:
        df = load(sid, data_dir=data_dir)
        years |= {int(y) for y in df.loc[df["measure"] == "realisatie", "year"]}
    return sorted(years)


def topic_years(topic: str, data_dir=None) -> list[int]:
    """The years with a realisatie in any series of a topic (catalog ``topics:``)."""
    ids = topic_series(topic, data_dir)
    if not ids:
        raise MissingDataError(f"geen reeksen bij het onderwerp {topic!r}")
    return realisation_years(*ids, data_dir=data_dir)


def vintages(data_dir=None) -> list[str]:
    """The values of a ``vintage`` argument of :func:`sdlib.load`: ``latest``, ``all`` and every source id."""
    return ["latest", "all", *read_sources(data_dir)]


def themes(data_dir=None) -> list[str]:
    """The theme ids of the catalog, in catalog order."""
    return list(model(data_dir).themes)


PROVIDERS = {
    "indicator_years": indicator_years,
    "realisation_years": realisation_years,
    "topic_years": topic_years,
    "vintages": vintages,
    "themes": themes,
}
