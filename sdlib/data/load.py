"""Loading series as tidy, typed DataFrames, with a choice of publication (vintage)."""

from __future__ import annotations

from functools import lru_cache

from sdlib.data.catalog import read_sources, series_meta
from sdlib.data.errors import DataValidationError
from sdlib.data.paths import file_stamp, given_data_dir
from sdlib.data.validate import key_columns, series_problems

__all__ = ["load", "load_many"]


@lru_cache(maxsize=256)
def _read_checked(series_id: str, data_dir: str, stamps: tuple):
    df, problems = series_problems(series_id, data_dir)
    if problems:
        raise DataValidationError(problems)
    return df


def load(series_id: str, *, vintage: str = "latest", data_dir=None):
    """Load one series as a tidy DataFrame, validated on the way in.

    Parameters
    ----------
    series_id : str
        A catalog id such as ``"jeugdhulp_instroom"``.
    vintage : str, default "latest"
        ``"latest"`` keeps, per year, measure and dimension values, the figure of the most recent publication;
        ``"all"`` keeps every publication (revisions side by side); a source id (e.g. ``"pb2025"``) keeps
        only that publication.

    Returns
    -------
    pandas.DataFrame
        Columns ``series`` (the id), ``year`` (int), the series' dimension columns, ``measure``, ``value`` (float), ``source``,
        ``table``, ``reference_date`` (datetime), ``provisional`` (bool), ``note`` and ``published``
        (publication year of the source).

    Raises
    ------
    UnknownSeriesError
        If the id is not in the catalog (the message lists the closest ids).
    DataValidationError
        If the file breaks the schema, or the series fails any check of ``sdlib validate`` (its catalog entry,
        e.g. an unknown unit; two sources of the same publication year for one figure; a duplicate source id):
        the message names file, line and column.
    """
    ddir = given_data_dir(data_dir)
    meta = series_meta(series_id, ddir)
    sources = read_sources(ddir)
    if not isinstance(vintage, str) or (vintage not in ("latest", "all") and vintage not in sources):
        raise ValueError(f"vintage moet 'latest', 'all' of een bron-id zijn ({', '.join(sources)}); niet {vintage!r}")
    stamps = tuple(
        file_stamp(p) for p in (ddir / "series" / f"{series_id}.csv", ddir / "catalog.yml", ddir / "sources.csv")
    )
    df = _read_checked(series_id, str(ddir), stamps).copy()
    df["published"] = df["source"].map(lambda s: sources[s]["publication_year"]).astype("int64")
    keys = key_columns(meta)
    if vintage == "latest":
        df = df.sort_values("published", kind="stable").drop_duplicates(keys, keep="last")
    elif vintage != "all":
        df = df[df["source"] == vintage]
    df = df.sort_values([*keys, "published"], kind="stable").reset_index(drop=True)
    df.insert(0, "series", series_id)  # every frame knows its series: unit, decimals and subject follow from it
    return df


def load_many(series_ids, *, vintage: str = "latest", data_dir=None):
    """Load several series into one long DataFrame with a ``series`` column first.

    Dimension columns that a series lacks are left empty (NA).
    """
    import pandas as pd

    if isinstance(series_ids, str):
        raise TypeError("load_many expects a list of series ids; use load() for one series")
    frames = [load(sid, vintage=vintage, data_dir=data_dir) for sid in series_ids]
    if not frames:
        raise ValueError("load_many: geef minstens één reeks-id")
    out = pd.concat(frames, ignore_index=True)
    return out[["series", *[c for c in out.columns if c != "series"]]]
