"""A seeded generator of synthetic record extracts, calibrated on the published youth-care figures.

SYNTHETIC DATA: no row describes a real youth. The word ``synthetic`` is in every file name, in the Parquet
metadata (key ``sdlib.records``) and, through :class:`sdlib.records.Extract`, in every result.

Calibration: the municipality's own published figures in ``data/series/``, read at generation time
(:func:`calibration`) from the first publication (by publication year, then the order of ``sources.csv``) that
has realisations of the instroom, the doorstroom, the mean age at instroom, the youths per care type and the
costs per care type (:func:`calibration_source`; for the municipality in data/ now, the 2e Rapportage Sociaal Domein 2019, tabel 1,
2, 4, 6 and 7). The extract covers 1 January of the first year of those figures up to their peildatum (the
instroom's, else the latest of the publication's other figures, else 31 December of the last year; for
2015-01-01 to 2019-09-09 for the municipality in data/ now). At municipal size (the sum of the instroom: every youth of the period) the
yearly instroom, doorstroom and uitstroom equal the published ones up to rounding. The first year's youths are
its instroom, plus its doorstroom when the publication gives one (then the instroom of that year is a real one).
Herintreders follow the gap the identities imply, from the publication's doorstroom and uitstroom of the next
year, else its jeugdigen of the year (the municipality in data/ now: 117 in 2017, 205 in 2018); in the second year nobody can be
one, and where no figure implies them :data:`REENTRY_SHARE` (6%) of the youths who could come back do (sdlib's
own assumption). Per-type counts follow the youths per care type in expectation and costs per type and year
follow the costs per type (costs scale with the number of youths). Ages at instroom follow the mean age on
average (entry ages 0-17, beta-distributed); a year the publication has no mean age for takes that of another
publication of the year, else of the nearest year. Districts are drawn with made-up weights over the districts of
the districts file of ``data/gemeente.yml``, any number of them (:func:`district_weights`). A youth-year is one
row per care type: the first type covers the youth's care in that year, the others a random part of it; care
that goes on into the next year ends on 31 December and starts again on 1 January; care running on the
reference date has an empty end date.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from sdlib.data import paths
from sdlib.data.catalog import read_sources
from sdlib.data.fileio import atomic_target
from sdlib.records.read import METADATA_KEY
from sdlib.records.schema import care_types, districts

__all__ = [
    "generate",
    "default_path",
    "municipal_extract",
    "extract_path",
    "calibration",
    "calibration_source",
    "district_weights",
    "Calibration",
    "MUNICIPAL_YOUTHS",  # noqa: F822 (module __getattr__, read on use)
    "PERIOD",  # noqa: F822
    "SOURCE",  # noqa: F822 (MUNICIPAL_YOUTHS, PERIOD and SOURCE: module __getattr__, read on use)
    "BATCH_YOUTHS",
]

CALIBRATION_SERIES = {  # what the generator reads from the calibrating publication: field -> series
    "instroom": "jeugdhulp_instroom",  # e.g. tabel 1; the first year = everyone in care (left-censored)
    "doorstroom": "jeugdhulp_doorstroom",  # tabel 4
    "entry_age": "jeugdhulp_leeftijd_instroom",  # tabel 2, age on 1 July
    "per_type": "jeugdhulp_jeugdigen_per_type",  # tabel 6: youths per care type
    "costs": "jeugdhulp_kosten_per_type",  # tabel 7: euro per care type
}
HERINTREDER_SERIES = {  # read when the publication has them, for the herintreders the identities imply
    "uitstroom": "jeugdhulp_uitstroom",
    "jeugdigen": "jeugdhulp_jeugdigen",
}
# sdlib's own assumption, not a published figure: in a year whose herintreders the figures do not imply (the last
# year: its jeugdigen are doorstroom + uitstroom of the year after), this share of the youths who could come back
# (care earlier, none the year before) comes back.
REENTRY_SHARE = 0.06
REENTRY_2019 = REENTRY_SHARE  # the name it had when the generator only knew 2015-2019
DISTRICT_WEIGHTS = [0.12, 0.05, 0.06, 0.11, 0.10, 0.15, 0.09, 0.12, 0.13, 0.07]  # made up, for ten districts
SYNTHETIC_CHOICE = "synthetisch"  # the value of a report's extract parameter that means the synthetic extract
_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Calibration:
    """The published figures the generator follows (all per year, years in order; per care type in catalog order).

    Attributes
    ----------
    title : str
        Short title of the publication (``sources.csv``).
    years : list of int
        The years of the instroom figures, consecutive.
    period : tuple of datetime.date
        1 January of the first year up to the peildatum of the figures.
    instroom, entry_age : list
        Per year. The first year's instroom is everyone in care that year: the published instroom, plus the
        doorstroom of that year when the publication gives one (else its instroom already counts everyone).
    doorstroom : dict
        Year to count, from the second year on.
    per_type, costs : dict
        Year to a tuple per care type.
    herintreder : dict
        Year to the herintreders the figures imply (None: :data:`REENTRY_SHARE` of those who could come back).
    source : str
        The id of the publication (``sources.csv``).
    tables : str
        The tables of the publication the figures come from, for the metadata of an extract.
    """

    title: str
    years: list
    period: tuple
    instroom: list
    doorstroom: dict
    entry_age: list
    per_type: dict
    costs: dict
    herintreder: dict = field(default_factory=dict)
    source: str = ""
    tables: str = ""

    @property
    def youths(self) -> int:
        """The number of unique youths at municipal size: everyone who entered care in one of the years."""
        return int(sum(self.instroom))


def _realisations(series: str, data_dir):
    """Every published realisation of a series (all publications); None when the catalog has no such series."""
    from sdlib.data.errors import UnknownSeriesError
    from sdlib.data.load import load

    try:
        df = load(series, vintage="all", data_dir=data_dir)
    except UnknownSeriesError:
        return None
    return df[df["measure"] == "realisatie"]


def calibration_source(data_dir=None) -> str:
    """The publication the generator follows: the first (by publication year, then the order of ``sources.csv``)
    with realisations of every series of :data:`CALIBRATION_SERIES`.

    Raises
    ------
    ValueError
        If no publication has them all (the message names the series no publication has, or says none has all).
    """
    sources = read_sources(data_dir)
    have = {}
    for series in CALIBRATION_SERIES.values():
        df = _realisations(series, data_dir)
        have[series] = set() if df is None else set(df["source"])
    missing = [s for s, found in have.items() if not found]
    if missing:
        raise ValueError(
            f"synthetische gegevens: geen publicatie in data/ heeft realisaties van {', '.join(missing)}; de "
            f"generator heeft {', '.join(CALIBRATION_SERIES.values())} nodig"
        )
    order = list(sources)
    candidates = [sid for sid in order if all(sid in found for found in have.values())]
    if not candidates:
        raise ValueError(
            "synthetische gegevens: geen publicatie in data/ heeft realisaties van alle reeksen "
            f"{', '.join(CALIBRATION_SERIES.values())}; de generator volgt één publicatie"
        )
    return min(candidates, key=lambda sid: (sources[sid]["publication_year"], order.index(sid)))


def _tables(labels) -> str:
    """'tabel 1, 2, 4' when every label is 'Tabel <n>', else the labels joined with '; '."""
    import re

    labels = list(dict.fromkeys(str(x) for x in labels if isinstance(x, str) and x))
    numbers = [re.fullmatch(r"tabel\s+(\d+)", x.strip(), flags=re.IGNORECASE) for x in labels]
    if labels and all(numbers):
        return "tabel " + ", ".join(str(n) for n in sorted({int(m.group(1)) for m in numbers}))
    return "; ".join(labels)


def calibration(data_dir=None) -> Calibration:
    """Read the calibration figures from ``data/series/``: those of :func:`calibration_source`.

    A figure of the entry age that the publication lacks for a year is taken from another publication of the
    same year (the latest), else from the nearest year; every other figure must be in the publication.

    Raises
    ------
    DataValidationError
        If a series fails validation; ValueError if a figure the generator needs is missing (the message
        names the series, year and care type).
    """

    source = calibration_source(data_dir)
    kinds = care_types(data_dir)
    frames = {f: _realisations(s, data_dir) for f, s in {**CALIBRATION_SERIES, **HERINTREDER_SERIES}.items()}
    found: dict[tuple, list] = {}
    for fld, df in frames.items():
        if df is None:
            continue
        kind_col = df["care_type"] if "care_type" in df else [None] * len(df)
        for year, kind, value, src, pub, table, ref in zip(
            df["year"], kind_col, df["value"], df["source"], df["published"], df["table"], df["reference_date"]
        ):
            kind = kind if isinstance(kind, str) else None
            found.setdefault((fld, int(year), kind), []).append((src == source, int(pub), float(value), table, ref))

    def mine(fld, year, kind=None):
        return [r for r in found.get((fld, year, kind), []) if r[0]]

    def figure(fld, year, kind=None):
        values = mine(fld, year, kind)
        if len(values) != 1:
            series = CALIBRATION_SERIES[fld]
            what = f"{series} {year}" + (f" ({kind})" if kind is not None else "")
            raise ValueError(
                f"synthetische gegevens: het cijfer {what} van bron {source} ontbreekt of staat er "
                f"{len(values)} keer in; de generator heeft precies één realisatie nodig"
            )
        return values[0][2]

    years = sorted(y for (fld, y, _), rows in found.items() if fld == "instroom" and any(r[0] for r in rows))
    if not years or years != list(range(years[0], years[0] + len(years))):
        raise ValueError(
            f"synthetische gegevens: {CALIBRATION_SERIES['instroom']} van bron {source} moet "
            f"opeenvolgende jaren hebben, gevonden: {years}"
        )
    used = ["instroom", "entry_age", "doorstroom"]
    peil = [r[4] for y in years for r in mine("instroom", y) if r[4] == r[4] and r[4] is not None]
    if not peil:  # no peildatum of the instroom: the latest of the publication's other figures, else 31 December
        peil = [
            r[4]
            for (fld, _, _), rows in found.items()
            if fld in CALIBRATION_SERIES
            for r in rows
            if r[0] and r[4] == r[4] and r[4] is not None
        ]
    end = max(peil).date() if peil else dt.date(years[-1], 12, 31)

    def entry_age(year):
        if len(mine("entry_age", year)) == 1:
            return figure("entry_age", year)
        other = sorted(found.get(("entry_age", year, None), []), key=lambda r: r[1])
        if other:
            return other[-1][2]
        near = sorted((abs(y - year), y) for (fld, y, k) in found if fld == "entry_age" and k is None)
        if not near:
            return figure("entry_age", year)  # raises, naming the figure
        return sorted(found[("entry_age", near[0][1], None)], key=lambda r: (r[0], r[1]))[-1][2]

    count = lambda v: round(v)  # noqa: E731
    doorstroom = {y: count(figure("doorstroom", y)) for y in years[1:]}
    instroom = [count(figure("instroom", y)) for y in years]
    if len(mine("doorstroom", years[0])) == 1:  # the first year has a real instroom: add who was already in care
        instroom[0] += count(figure("doorstroom", years[0]))
    herintreder = {}
    for k, y in enumerate(years[1:], start=1):
        youths = None
        if k == 1:
            herintreder[y] = 0  # the second year: nobody can be one
            continue
        after = (mine("doorstroom", y + 1), mine("uitstroom", y + 1))
        if all(len(a) == 1 for a in after):
            youths, used = after[0][0][2] + after[1][0][2], [*used, "uitstroom"]
        elif len(mine("jeugdigen", y)) == 1:
            youths, used = mine("jeugdigen", y)[0][2], [*used, "jeugdigen"]
        herintreder[y] = None if youths is None else max(0, count(youths - figure("instroom", y) - doorstroom[y]))
    used += ["per_type", "costs"]
    labels = [
        r[3] for fld in dict.fromkeys(used) for (f, _, _), rows in found.items() if f == fld for r in rows if r[0]
    ]
    return Calibration(
        title=read_sources(data_dir)[source]["short_title"],
        years=years,
        period=(dt.date(years[0], 1, 1), end),
        instroom=instroom,
        doorstroom=doorstroom,
        entry_age=[float(entry_age(y)) for y in years],
        per_type={y: tuple(count(figure("per_type", y, k)) for k in kinds) for y in years},
        costs={y: tuple(figure("costs", y, k) for k in kinds) for y in years},
        herintreder=herintreder,
        source=source,
        tables=_tables(labels),
    )


def district_weights(names) -> list[float]:
    """The made-up share of the youths per district: :data:`DISTRICT_WEIGHTS` for ten districts (the weights the
    generator always had), else from the names: 0,5 to 1,5 by a hash of each name, so any number of districts
    gets the same weights every time, whatever their order."""
    import hashlib

    if len(names) == len(DISTRICT_WEIGHTS):
        return list(DISTRICT_WEIGHTS)
    return [0.5 + hashlib.sha256(n.encode("utf-8")).digest()[0] / 255 for n in names]


def __getattr__(name):
    # read from data/series/ on first use, so that importing sdlib.records reads no file
    if name == "MUNICIPAL_YOUTHS":
        return calibration().youths
    if name == "PERIOD":
        return calibration().period
    if name == "SOURCE":
        return calibration_source()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _day(d: dt.date) -> int:
    return (d - _EPOCH).days


def _pick(rng, candidates, k):
    """Return exactly ``k`` of the candidate indices, at random."""
    k = max(0, min(round(k), len(candidates)))
    return candidates[rng.permutation(len(candidates))[:k]]


def _careers(rng, n, cal):
    """Entry year and the 0/1 care matrix (youth x year) following the published flows."""
    import numpy as np

    scale = n / cal.youths
    years = cal.years
    sizes = np.floor(np.cumsum(cal.instroom) * scale + 0.5).astype(int)
    entry = np.searchsorted(sizes, np.arange(n), side="right")
    care = np.zeros((n, len(years)), bool)
    care[:, 0] = entry == 0
    for k in range(1, len(years)):
        prev = np.flatnonzero(care[:, k - 1])
        care[_pick(rng, prev, cal.doorstroom[years[k]] * scale), k] = True
        pool = np.flatnonzero(~care[:, k - 1] & care[:, :k].any(axis=1))
        target = cal.herintreder.get(years[k])
        care[_pick(rng, pool, target * scale if target is not None else REENTRY_SHARE * len(pool)), k] = True
        care[entry == k, k] = True
    return entry, care


def _births(rng, entry, cal):
    import numpy as np

    mean = (np.asarray(cal.entry_age)[entry] + 0.5) / 18
    age = 18 * rng.beta(3 * mean, 3 * (1 - mean))
    july = np.array([_day(dt.date(y, 7, 1)) for y in cal.years])[entry]
    return july - np.floor(age * 365.25).astype("int64")


def _spans(rng, care, cal):
    """First and last day of care of every youth-year (arrays youth x year; -1 where no care)."""
    import numpy as np

    n, m = care.shape
    starts, ends = np.full((n, m), -1, "int64"), np.full((n, m), -1, "int64")
    for k, y in enumerate(cal.years):
        lo, hi = _day(dt.date(y, 1, 1)), min(_day(dt.date(y, 12, 31)), _day(cal.period[1]))
        cont_before = care[:, k - 1] if k else rng.random(n) < 0.6
        cont_after = care[:, k + 1] if k + 1 < m else np.zeros(n, bool)
        start = np.where(cont_before, lo, lo + (rng.random(n) * (hi - lo + 1)).astype("int64"))
        start = np.minimum(start, hi)
        end = np.where(cont_after, hi, start + (rng.random(n) * (hi - start + 1)).astype("int64"))
        starts[:, k] = np.where(care[:, k], start, -1)
        ends[:, k] = np.where(care[:, k], end, -1)
    return starts, ends


def _types(rng, care, cal):
    """Care types per youth-year (youth x year x type), each youth-year at least one type."""
    import numpy as np

    n, m = care.shape
    kinds = len(cal.per_type[cal.years[0]])
    has = np.zeros((n, m, kinds), bool)
    for k, y in enumerate(cal.years):
        share = np.asarray(cal.per_type[y]) / care[:, k].sum() * (care.shape[0] / cal.youths)
        share = np.clip(share, 0, 1)
        rest = np.prod(1 - share[1:])
        first = (share[0] - rest) / (1 - rest)
        draws = rng.random((n, kinds)) < np.r_[first, share[1:]]
        draws[:, 0] |= ~draws[:, 1:].any(axis=1)
        has[:, k, :] = draws & care[:, k, None]
    return has


def _rows(rng, care, cal):
    """Assemble the rows: one per youth-year and care type."""
    import numpy as np

    starts, ends = _spans(rng, care, cal)
    has = _types(rng, care, cal)
    youth, year, kind = np.nonzero(has)
    s, e = starts[youth, year], ends[youth, year]
    primary = kind == np.argmax(has[youth, year, :], axis=1)
    u = np.sort(rng.random((len(youth), 2)), axis=1)
    sub_s = s + np.floor(u[:, 0] * (e - s + 1)).astype("int64")
    sub_e = np.maximum(sub_s, s + np.floor(u[:, 1] * (e - s + 1)).astype("int64"))
    s, e = np.where(primary, s, sub_s), np.where(primary, e, np.minimum(sub_e, e))
    return youth, year, kind, s, e


def _costs(rng, year, kind, days, scale, cal):
    """Cost per row: days times a noisy daily rate, scaled so each year and type sums to tabel 7."""
    import numpy as np

    kinds = len(cal.costs[cal.years[0]])
    raw = days * rng.lognormal(0.0, 0.5, len(days))
    group = year * kinds + kind
    totals = np.bincount(group, weights=raw, minlength=len(cal.years) * kinds)
    target = np.array([cal.costs[y] for y in cal.years], "float64").ravel() * scale
    return np.round(raw * (target / np.where(totals > 0, totals, 1))[group], 2)


def _table(n, seed, progress, cal, first_id=0):
    """The rows of ``n`` youths drawn with ``np.random.default_rng(seed)``, calibrated at scale ``n / cal.youths``;
    client ids number the youths from ``first_id`` on. ``seed`` may be an int or a ``SeedSequence``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rng = np.random.default_rng(seed)
    progress(f"simulating {n:,} synthetic youths")
    entry, care = _careers(rng, n, cal)
    births = _births(rng, entry, cal)
    names = np.asarray(districts())
    weights = np.asarray(district_weights(list(names)))
    district = rng.choice(len(names), n, p=weights / weights.sum())
    youth, year, kind, s, e = _rows(rng, care, cal)
    progress(f"building {len(youth):,} rows")
    first = np.full(n, np.iinfo("int64").max)
    np.minimum.at(first, youth, s)
    births = np.minimum(births, first)
    running = (e == _day(cal.period[1])) & (rng.random(len(e)) < 0.7)
    cost = _costs(rng, year, kind, (e - s + 1).astype("float64"), n / cal.youths, cal)
    ids = pc.binary_join_element_wise("S", pc.utf8_lpad(pa.array(youth + first_id).cast(pa.string()), 9, "0"), "")
    kinds = pa.array(list(care_types()))
    date = pa.date32()
    return pa.table(
        {
            "client_id": ids,
            "birth_date": pa.array(births[youth].astype("int32"), date),
            "care_type": pa.DictionaryArray.from_arrays(pa.array(kind.astype("int8")), kinds).cast(pa.string()),
            "start_date": pa.array(s.astype("int32"), date),
            "end_date": pa.array(np.where(running, 0, e).astype("int32"), date, mask=running),
            "cost_eur": pa.array(cost),
            "district": pa.DictionaryArray.from_arrays(pa.array(district[youth].astype("int8")), pa.array(names)).cast(
                pa.string()
            ),
        }
    )


def _rows_per_youth(seed: int, cal) -> float:
    return _table(20_000, seed, lambda msg: None, cal).num_rows / 20_000


def default_path(*, youths: int, seed: int, rows: int | None = None) -> Path:
    """Return ``reports/synthetic/jeugdhulp_synthetic_<size>_seed<seed>.parquet``."""
    size = f"rows{rows}" if rows is not None else f"youths{youths}"
    return paths.reports_dir() / "synthetic" / f"jeugdhulp_synthetic_{size}_seed{seed}.parquet"


def _positive(name, value):
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValueError(f"{name}: expected a whole number of 1 or more, got {value!r}")


BATCH_YOUTHS = 1_000_000  # youths per batch: up to this size one pass (as before), above it batches of at most this
ROW_GROUP_ROWS = 1_000_000  # rows per Parquet row group


def _batches(youths: int, batch_youths: int) -> list[tuple[int, int]]:
    """Split ``youths`` into nearly equal batches of at most ``batch_youths``: (first youth, size) per batch."""
    count = -(-youths // batch_youths)
    sizes = [youths // count + (b < youths % count) for b in range(count)]
    return list(zip(itertools.accumulate(sizes[:-1], initial=0), sizes))


def _batch_seed(seed: int, index: int):
    """The seed of batch ``index``: the ``index``-th child of ``SeedSequence(seed)`` (as ``.spawn`` gives it)."""
    import numpy as np

    return np.random.SeedSequence(seed, spawn_key=(index,))


def generate(
    *,
    youths: int | None = None,
    rows: int | None = None,
    seed: int = 1,
    out=None,
    progress=None,
    advance=None,
    batch_youths: int = BATCH_YOUTHS,
) -> Path:
    """Write a synthetic record extract (Parquet or CSV, by the suffix of ``out``) and return its path.

    Up to ``batch_youths`` youths the extract is drawn in one pass, as it always was (same seed and size, same
    file). Larger extracts are drawn and written batch by batch, so memory stays bounded (well under 2 GB with
    the default ``batch_youths``) whatever the size: the youths are split into nearly equal batches of at most
    ``batch_youths``, batch ``b`` is drawn with its own seed ``SeedSequence(seed).spawn(...)[b]`` and calibrated
    at its own scale (each batch is a small municipality; the flows and costs hold in expectation, their sum
    over the batches follows the total size); client ids go on from batch to batch, so they stay unique. A
    batched extract therefore depends on ``batch_youths`` too (kept in the metadata).

    Parameters
    ----------
    youths : int, optional
        Number of unique youths over 2015-2019; the default when ``rows`` is not given is municipal size, the
        sum of the published instroom (8728).
    rows : int, optional
        Approximate number of rows instead (within about 1%); exclusive with ``youths``.
    seed : int, default 1
        Seed of the random generator: the same seed and size give the same file.
    out : str or pathlib.Path, optional
        Output file ending in ``.parquet`` or ``.csv``; its name must contain ``synthetic``. Default
        :func:`default_path` under ``reports/synthetic/``. Written atomically (temp file, then rename): a run
        that is stopped leaves no partial file.
    progress : callable, optional
        Called with a message per stage; default silent.
    advance : callable, optional
        Called after each batch is written as ``advance(youths_done, youths_total, rows_written)``; default
        silent (the command line draws a progress bar with it).
    batch_youths : int, default :data:`BATCH_YOUTHS`
        Youths per batch (see above); smaller batches use less memory.

    Returns
    -------
    pathlib.Path
    """
    if youths is not None and rows is not None:
        raise ValueError("give youths or rows, not both")
    _positive("youths", youths)
    _positive("rows", rows)
    _positive("batch_youths", batch_youths)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed: expected a whole number of 0 or more, got {seed!r}")
    progress = progress or (lambda msg: None)
    advance = advance or (lambda done, total, written: None)
    cal = calibration()
    if rows is not None:
        youths = max(1, round(rows / _rows_per_youth(seed, cal)))
    youths = youths or cal.youths
    path = Path(out) if out is not None else default_path(youths=youths, seed=seed, rows=rows)
    _check_out(path)
    meta = {
        "synthetic": True,
        "generator": "sdlib.records.synthetic",
        "seed": seed,
        "youths": youths,
        "period": [d.isoformat() for d in cal.period],
        "calibration": f"{cal.title}, {cal.tables}",
    }
    if youths <= batch_youths:  # one pass, the original algorithm: the same file as before for these sizes
        tables = iter([_table(youths, seed, progress, cal)])
        batches = [(0, youths)]
    else:
        meta["batch_youths"] = batch_youths
        batches = _batches(youths, batch_youths)
        progress(f"simulating {youths:,} synthetic youths in {len(batches):,} batches of at most {batch_youths:,}")

        def quiet(msg):
            return None

        tables = (
            _table(size, _batch_seed(seed, b), quiet, cal, first_id=first) for b, (first, size) in enumerate(batches)
        )
    progress(f"writing to {path}")
    _write(tables, batches, youths, json.dumps(meta), path, progress, advance)
    return path


def municipal_extract(seed: int = 1) -> Path:
    """Return the synthetic extract at municipal size (``youths=8728``), generating it on first use (about 1 s).

    The report notebook ``jeugdhulp_records`` reads it when no real extract is given.
    """
    youths = calibration().youths
    path = default_path(youths=youths, seed=seed)
    return path if path.is_file() else generate(youths=youths, seed=seed, out=path)


def extract_path(extract) -> Path:
    """Return the file a report's ``extract`` parameter names: ``"synthetisch"`` is :func:`municipal_extract`."""
    return municipal_extract() if extract == SYNTHETIC_CHOICE else Path(extract)


def _check_out(path: Path) -> None:
    if path.suffix.lower() not in (".parquet", ".csv"):
        raise ValueError(f"out: expected a file ending in .parquet or .csv, got {path}")
    if "synthetic" not in path.name.lower():
        raise ValueError(f"out: the file name must contain 'synthetic' so nobody takes it for real records: {path}")
    if (paths.data_dir() / "series").resolve() in path.resolve().parents:
        raise ValueError(f"out: never write synthetic records into data/series: {path}")


def _write(tables, batches, youths, meta: str, path: Path, progress, advance) -> None:
    """Write the tables one by one (a Parquet row group or CSV block each) into a temporary file, then rename it."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    csv = path.suffix.lower() == ".csv"
    written = 0
    with atomic_target(path) as tmp:
        writer = schema = None
        try:
            for (first, size), table in zip(batches, tables):
                if writer is None:  # the schema (with the sdlib.records metadata) of the first table
                    schema = table.schema.with_metadata({METADATA_KEY: meta})
                    writer = pcsv.CSVWriter(tmp, schema) if csv else pq.ParquetWriter(tmp, schema)
                table = table.replace_schema_metadata(schema.metadata)
                if csv:
                    writer.write_table(table)
                else:
                    writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
                written += table.num_rows
                del table
                advance(first + size, youths, written)
        finally:
            if writer is not None:
                writer.close()
    progress(f"wrote {written:,} rows of {youths:,} youths to {path}")
