"""Where figures come from: the "Bron:" line under a chart or table, and the citations a report collects.

Everything here is a plain function of the rows it is given: :func:`source_text` returns the line, and
:func:`citations` what the rows cite (document, table, peildatum, series, years). A report keeps its citations
in its own :class:`Citations` (held by :class:`sdlib.present.document.Document`); nothing is remembered here.

The line under a chart is short (the document, a short table name, the peildatum when the document gives one);
the Verantwoording at the end of a report lists every table in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sdlib.data.catalog import RECORDS_PREFIX, SYNTHETIC_PREFIX, read_sources
from sdlib.present.fmt import fmt_date

__all__ = ["source_text", "source_title", "citations", "Citation", "Citations", "SHORT_TABLE"]

SYNTHETIC_SOURCE = "synthetische gegevens (gegenereerd, geen echte cijfers)"
SHORT_TABLE = 24  # a table name up to this length ('Tabel 1', 'Tabel 6 en 7') is named in the line under a chart


@dataclass(frozen=True)
class Citation:
    """One cited part of a document: source id, its short title, the table, the peildatum and the series."""

    source: str
    short_title: str
    table: str
    reference_date: str | None  # ISO date, or None when the rows name none
    series: str | None = None
    years: tuple = ()
    realised: tuple = ()  # the years of realised figures (not a begroting or prognose)


class Citations:
    """The citations of one report, in the order first cited, without duplicates (years merged)."""

    def __init__(self):
        self._items: dict[tuple, Citation] = {}

    def add(self, found) -> None:
        for c in found:
            key = (c.source, c.table, c.reference_date, c.series)
            if key in self._items:
                old = self._items[key]
                c = replace(
                    old,
                    years=tuple(sorted(set(old.years) | set(c.years))),
                    realised=tuple(sorted(set(old.realised) | set(c.realised))),
                )
            self._items[key] = c

    def __iter__(self):
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)


_TRANSCRIPTION_NOTE = re.compile(r"\s*\((?:tabel|kop) niet overgenomen\)$")


def printed_heading(name) -> bool:
    """True when ``name`` is the document's own heading (not a note that its heading was not transcribed)."""
    return bool(str(name or "").strip()) and not _TRANSCRIPTION_NOTE.search(str(name))


def reader_table(name: str) -> str:
    """A table or heading as a reader sees it: without the note that the heading was not transcribed."""
    return _TRANSCRIPTION_NOTE.sub("", str(name))


def _ts(value):
    import pandas as pd

    return pd.Timestamp(value)


def _title_of(src: str, sources: dict) -> str:
    if src.startswith(SYNTHETIC_PREFIX):
        return "synthetische gegevens"
    if src.startswith(RECORDS_PREFIX):
        return "registraties van de gemeente"
    return sources[src]["short_title"]


def citations(data, data_dir=None) -> list[Citation]:
    """Return what the rows cite: one :class:`Citation` per document, table, peildatum (and series)."""
    sources = read_sources(data_dir)
    out = []
    for src, grp in data.groupby("source", sort=False):
        title = _title_of(src, sources)
        has_series = "series" in grp
        keys = ["table", "reference_date"] + (["series"] if has_series else [])
        part = grp.assign(table=grp["table"].fillna("").astype(str)) if "table" in grp else grp.assign(table="")
        if "reference_date" not in part:
            part = part.assign(reference_date=None)
        for key, rows in part.groupby(keys, sort=False, dropna=False):
            table, ref = key[0], key[1]
            ser = key[2] if has_series else None
            ref = None if ref is None or ref != ref else _ts(ref).date().isoformat()  # NaT != NaT
            years = tuple(sorted({int(y) for y in rows["year"].dropna()})) if "year" in rows else ()
            done = (
                rows if "measure" not in rows else rows[rows["measure"].isin(["realisatie"]) | rows["measure"].isna()]
            )
            realised = tuple(sorted({int(y) for y in done["year"].dropna()})) if "year" in done else ()
            out.append(
                Citation(
                    src,
                    title,
                    reader_table(table),
                    ref,
                    None if ser is None or ser != ser else str(ser),
                    years,
                    realised,
                )
            )
    return out


def source_text(data, data_dir=None, *, full: bool = False) -> str:
    """Return the Dutch source line for the rows of a loaded frame.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows as returned by :func:`sdlib.load` (columns ``source``, ``table``, ``reference_date``), or by
        :mod:`sdlib.records` (source ``records:<file>``, or ``synthetic:<file>`` for a synthetic extract).
    full : bool, default False
        Name every table; by default only short table names ('Tabel 1'), the rest is in the Verantwoording.

    Returns
    -------
    str
        E.g. ``"Bron: 2e Rapportage Sociaal Domein 2019, Tabel 1, peildatum 9-9-2019"`` or ``"Bron: Jaarstukken
        2024"``; several documents are separated by ``"; "``.
    """
    sources = read_sources(data_dir)
    parts = []
    for src, grp in data.groupby("source", sort=False):
        dates = sorted(grp["reference_date"].dropna().unique()) if "reference_date" in grp else []
        peil = f", peildatum {', '.join(fmt_date(d) for d in map(_ts, dates))}" if dates else ""
        if src.startswith(SYNTHETIC_PREFIX):
            parts.append(f"{SYNTHETIC_SOURCE}{peil}")
            continue
        if src.startswith(RECORDS_PREFIX):
            parts.append(f"registraties van de gemeente{peil}")
            continue
        names = [str(t) for t in dict.fromkeys(grp["table"]) if str(t)] if "table" in grp else []
        if not full:
            names = names if names and all(len(t) <= SHORT_TABLE for t in names) else []
        tables = f", {', '.join(names)}" if names else ""
        parts.append(f"{sources[src]['short_title']}{tables}{peil}")
    return "Bron: " + "; ".join(parts)


def source_title(source_id: str, data_dir=None) -> str:
    """Return the short Dutch title of a publication, e.g. ``"Jaarstukken 2024"`` for ``"js2024"``."""
    sources = read_sources(data_dir)
    if source_id not in sources:
        raise ValueError(f"unknown source {source_id!r}; expected one of: {', '.join(sources)}")
    return sources[source_id]["short_title"]
