"""Provenance lines under charts and tables: "Bron: <document>, <tabel>, peildatum <datum>"."""

from __future__ import annotations

from sdlib.data.catalog import RECORDS_PREFIX, SYNTHETIC_PREFIX, read_sources
from sdlib.present.fmt import fmt_date

__all__ = ["source_text", "source_title", "flag_provisional"]

SYNTHETIC_SOURCE = "synthetische gegevens (gegenereerd, geen echte cijfers)"


def source_text(data, data_dir=None) -> str:
    """Return the Dutch source line for the rows of a loaded frame.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows as returned by :func:`sdlib.load` (columns ``source``, ``table``, ``reference_date``), or by
        :mod:`sdlib.records` (source ``records:<file>``, or ``synthetic:<file>`` for a synthetic extract).

    Returns
    -------
    str
        E.g. ``"Bron: 2e Rapportage Sociaal Domein 2019, Tabel 1, peildatum 9-9-2019"``; several documents are
        separated by ``"; "``.
    """
    sources = read_sources(data_dir)
    parts = []
    for src, grp in data.groupby("source", sort=False):
        dates = sorted(grp["reference_date"].dropna().unique())
        peil = f", peildatum {', '.join(fmt_date(d) for d in map(_ts, dates))}" if dates else ", peildatum niet vermeld"
        if src.startswith(SYNTHETIC_PREFIX):
            parts.append(f"{SYNTHETIC_SOURCE}, extract {src.removeprefix(SYNTHETIC_PREFIX)}{peil}")
            continue
        if src.startswith(RECORDS_PREFIX):
            parts.append(f"registratie-extract {src.removeprefix(RECORDS_PREFIX)}{peil}")
            continue
        tables = ", ".join(dict.fromkeys(grp["table"]))
        parts.append(f"{sources[src]['short_title']}, {tables}{peil}")
    return "Bron: " + "; ".join(parts)


def source_title(source_id: str, data_dir=None) -> str:
    """Return the short Dutch title of a publication, e.g. ``"Jaarstukken 2024"`` for ``"js2024"``."""
    sources = read_sources(data_dir)
    if source_id not in sources:
        raise ValueError(f"unknown source {source_id!r}; expected one of: {', '.join(sources)}")
    return sources[source_id]["short_title"]


def _ts(value):
    import pandas as pd

    return pd.Timestamp(value)


def flag_provisional(data):
    """Return a boolean Series: the figure is voorlopig, or covers only part of its year.

    A peildatum inside the year itself (2019 with peildatum 9-9-2019) means the year was not complete; a
    peildatum of 1 January is a stand at the start of the year and does not count as partial.
    """
    if "reference_date" not in data:
        return data["provisional"].astype(bool)
    ref = data["reference_date"]
    partial = ref.notna() & (ref.dt.year == data["year"]) & ~((ref.dt.month == 1) & (ref.dt.day == 1))
    return data["provisional"] | partial
