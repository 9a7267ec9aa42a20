"""The catalog: what each series means, its unit, theme, direction and published verdicts.

The metadata lives in ``data/catalog.yml`` and the publications in ``data/sources.csv``.
"""

from __future__ import annotations

import csv
import difflib
from functools import lru_cache
from pathlib import Path

from . import paths
from .errors import DataValidationError, Problem, UnknownSeriesError

__all__ = ["catalog", "describe", "series_meta", "series_ids", "read_catalog", "read_sources"]

DIRECTIONS = {"higher": "hoger is beter", "lower": "lager is beter", "on_target": "zo dicht mogelijk bij de begroting"}


def _dir(data_dir) -> Path:
    return Path(data_dir) if data_dir is not None else paths.data_dir()


def read_catalog(data_dir=None) -> dict:
    """Return the parsed ``catalog.yml`` as a dict (cached until the file changes).

    Raises
    ------
    DataValidationError
        If the file is missing or is not valid YAML with a ``series`` mapping.
    """
    path = _dir(data_dir) / "catalog.yml"
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DataValidationError([Problem(str(path), None, None, "catalog file not found")]) from None
    return _read_catalog_cached(str(path), mtime)


@lru_cache(maxsize=8)
def _read_catalog_cached(path: str, mtime: int) -> dict:
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            cat = yaml.safe_load(fh)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataValidationError([Problem(path, None, None, f"not valid UTF-8 YAML: {exc}")]) from None
    if not isinstance(cat, dict) or not isinstance(cat.get("series"), dict):
        raise DataValidationError([Problem(path, None, None, "expected a mapping with a 'series' section")])
    for key in ("units", "dimensions", "measures", "terms"):
        cat.setdefault(key, {})
    cat.setdefault("themes", [])
    return cat


def read_sources(data_dir=None) -> dict[str, dict]:
    """Return ``sources.csv`` as a dict of source id to its row (strings, ``publication_year`` as int)."""
    path = _dir(data_dir) / "sources.csv"
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise DataValidationError([Problem(str(path), None, None, "sources file not found")]) from None
    out = {}
    for line, row in enumerate(rows, start=2):
        try:
            row["publication_year"] = int(row.get("publication_year") or "")
        except ValueError:
            raise DataValidationError(
                [Problem(str(path), line, "publication_year", f"expected an integer year, found {row.get('publication_year')!r}")]
            ) from None
        out[row["id"]] = row
    return out


def series_ids(data_dir=None) -> list[str]:
    """Return the ids of all series in the catalog, sorted."""
    return sorted(read_catalog(data_dir)["series"])


def series_meta(series_id: str, data_dir=None) -> dict:
    """Return the catalog entry of one series, with its ``id``.

    Raises
    ------
    UnknownSeriesError
        If the id is not in the catalog; the message names the closest known ids.
    """
    series = read_catalog(data_dir)["series"]
    if not isinstance(series_id, str):
        raise TypeError(f"series_id must be a string, got {type(series_id).__name__}: {series_id!r}")
    if series_id not in series:
        close = difflib.get_close_matches(series_id, series, n=5, cutoff=0.5)
        hint = f" Did you mean: {', '.join(close)}?" if close else " See sdlib.catalog() for the list."
        raise UnknownSeriesError(f"Unknown series {series_id!r}.{hint}")
    meta = {"dimensions": [], "verdicts": [], "indicator": False, "direction": None, "objective": None}
    meta.update(series[series_id])
    meta["id"] = series_id
    return meta


def catalog(*, theme: str | None = None, data_dir=None):
    """Return every series with its metadata as a DataFrame, one row per series.

    Parameters
    ----------
    theme : str, optional
        Keep only the series of this theme (jeugd, wmo, mantelzorg, gezondheid, participatie, financien).

    Returns
    -------
    pandas.DataFrame
        Columns ``id, title, theme, objective, unit, direction, indicator, dimensions, definition``.
    """
    import pandas as pd

    cat = read_catalog(data_dir)
    if theme is not None and theme not in cat["themes"]:
        raise ValueError(f"Unknown theme {theme!r}; expected one of {', '.join(cat['themes'])}")
    rows = []
    for sid in sorted(cat["series"]):
        m = series_meta(sid, data_dir)
        rows.append(
            {
                "id": sid,
                "title": m.get("title"),
                "theme": m.get("theme"),
                "objective": m.get("objective"),
                "unit": m.get("unit"),
                "direction": m.get("direction"),
                "indicator": bool(m.get("indicator")),
                "dimensions": ", ".join(m["dimensions"]),
                "definition": m.get("definition"),
            }
        )
    df = pd.DataFrame(rows)
    return df if theme is None else df[df["theme"] == theme].reset_index(drop=True)


def describe(series_id: str, data_dir=None) -> str:
    """Return a readable Dutch description: definition, unit, sources with peildatum, direction, verdicts."""
    from .load import load

    m = series_meta(series_id, data_dir)
    cat = read_catalog(data_dir)
    sources = read_sources(data_dir)
    data = load(series_id, vintage="all", data_dir=data_dir)
    unit = cat["units"].get(m.get("unit"), {}).get("title", m.get("unit"))
    lines = [f"{m['title']} ({series_id})", "", m.get("definition", "").strip(), ""]
    lines.append(f"Eenheid: {unit}")
    lines.append(f"Thema: {m.get('theme')}" + (f", doelstelling {m['objective']}" if m.get("objective") else ""))
    direction = DIRECTIONS.get(m.get("direction"), "geen oordeel (beschrijvend)")
    lines.append(f"Gewenste richting: {direction}")
    lines.append(f"Jaren: {data['year'].min()}-{data['year'].max()}")
    lines.append("Bronnen:")
    for src, grp in data.groupby("source", sort=False):
        dates = sorted({d.strftime("%d-%m-%Y") for d in grp["reference_date"].dropna()})
        peil = f", peildatum {', '.join(dates)}" if dates else ", peildatum niet vermeld"
        tables = "; ".join(sorted(set(grp["table"])))
        lines.append(f"  - {sources[src]['title']} ({src}): {tables}{peil}")
    if m["verdicts"]:
        lines.append("Gepubliceerd 'Doel gehaald':")
        for v in m["verdicts"]:
            lines.append(f"  - {v['year']}: {'Ja' if v['achieved'] else 'Nee'} ({v['source']})")
    return "\n".join(lines)
