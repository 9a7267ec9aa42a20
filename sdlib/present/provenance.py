"""Provenance lines under charts and tables: "Bron: <document>, <tabel>, peildatum <datum>".

Every call of :func:`source_text` also records what it cites (document, table, peildatum and, when the frame
says so, the series) in a small registry of this process (the notebook's kernel): :func:`cited` returns it and
:func:`reset_cited` empties it. :func:`sdlib.present.document.verantwoording` lists those sources at the end of a
report, so the Verantwoording names exactly the documents the report cites.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sdlib.data.catalog import RECORDS_PREFIX, SYNTHETIC_PREFIX, read_sources
from sdlib.present.fmt import fmt_date

__all__ = ["source_text", "source_title", "flag_provisional", "cited", "reset_cited", "Citation"]

SYNTHETIC_SOURCE = "synthetische gegevens (gegenereerd, geen echte cijfers)"


@dataclass(frozen=True)
class Citation:
    """One cited part of a document: source id, its short title, the table, the peildatum and the series."""

    source: str
    short_title: str
    table: str
    reference_date: str | None  # ISO date, or None when the rows name none
    series: str | None = None
    years: tuple = ()


_CITED: dict[tuple, Citation] = {}


def cited() -> list[Citation]:
    """Return what :func:`source_text` cited in this process, in the order first cited (no duplicates)."""
    return list(_CITED.values())


def reset_cited() -> None:
    """Forget what was cited (a new report in the same kernel, or a test)."""
    _CITED.clear()


def _record(source: str, short_title: str, grp) -> None:
    series = grp.get("series", None)
    keys = ["table", "reference_date"] + (["series"] if series is not None else [])
    part = grp.assign(table=grp["table"].fillna("").astype(str)) if "table" in grp else grp.assign(table="")
    for key, rows in part.groupby(keys, sort=False, dropna=False):
        table, ref = key[0], key[1]
        ser = key[2] if series is not None else None
        ref = None if ref is None or ref != ref else _ts(ref).date().isoformat()  # NaT != NaT
        years = tuple(sorted({int(y) for y in rows["year"].dropna()})) if "year" in rows else ()
        c = Citation(source, short_title, table, ref, None if ser is None or ser != ser else str(ser), years)
        key = (c.source, c.table, c.reference_date, c.series)
        if key in _CITED:
            c = replace(_CITED[key], years=tuple(sorted(set(_CITED[key].years) | set(years))))
        _CITED[key] = c


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
            _record(src, "synthetische gegevens", grp)
            parts.append(f"{SYNTHETIC_SOURCE}, extract {src.removeprefix(SYNTHETIC_PREFIX)}{peil}")
            continue
        if src.startswith(RECORDS_PREFIX):
            _record(src, f"registratie-extract {src.removeprefix(RECORDS_PREFIX)}", grp)
            parts.append(f"registratie-extract {src.removeprefix(RECORDS_PREFIX)}{peil}")
            continue
        _record(src, sources[src]["short_title"], grp)
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
