"""Benchmark of the record engine: ``python benchmarks/records.py [--sizes 1M,10M,100M]`` (``make bench-records``;
``make bench-records SIZES=100M`` adds 100M).

On synthetic extracts (default 1M and 10M rows, generated into ``reports/synthetic/`` when missing) it runs,
each in a fresh subprocess that reports its wall time and peak resident memory (``ru_maxrss``, which includes
DuckDB's native memory; for Spark the JVM is sampled too):

``engine``  DuckDB: open + validate the extract, then every definition for every year, total + care type +
            district (default disclosure control of the breakdowns included)
``spark``   the same definitions through ibis on a local[2] SparkSession; JVM/session start reported apart
            (``start_seconds``) and not in ``seconds``. At sizes above 10M it gets ``SPARK_TIMEOUT`` seconds
``polars``  an idiomatic lazy polars implementation of the same definitions (exact figures, no disclosure
            control; checked against the engine in ``tests/records/test_records_bench.py``)
``pandas``  a straightforward vectorised pandas implementation (baseline only; only up to 10M rows)
``scan``    the floor: per breakdown one DuckDB pass reading every needed column and grouping per youth
            (and group), with nothing else computed
``scan1``   a single pass: count(DISTINCT client_id) and sum(cost_eur)

Targets (2-core machine): 100M rows, all definitions, three breakdowns on DuckDB under 60 s and 4 GB peak; at
10M the engine at most 2x ``scan`` and faster than polars. The DuckDB profile of the per-youth histograms and the
costs on the largest extract (:func:`explain`, ``--explain PATH``) goes into the report ("Waar de tijd zit"), with
the profile from before issue 13 beside it. Results go to ``reports/benchmarks/records.json`` and ``records.md``
(written atomically).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from sdlib.data import paths
from sdlib.data.fileio import atomic_write

__all__ = ["explain", "main", "polars_definitions", "run_variant"]

SIZES = [1_000_000, 10_000_000]
VARIANTS = ["engine", "spark", "polars", "pandas", "scan", "scan1"]
PANDAS_MAX = 10_000_000  # pandas holds the whole extract in memory: not beyond this
POLARS_MAX = 10_000_000  # polars' peak grows with the extract (about 3 GB at 10M rows): 100M would not fit in 24 GB
SPARK_TIMEOUT = 300  # seconds for Spark above 10M rows (a 2-core machine); over it: "not run"
TARGET_100M = (60.0, 4096)  # seconds, peak MB
BREAKDOWNS = [[], ["care_type"], ["district"]]
BEFORE = [  # the profile before issue 13 (per-breakdown passes), kept for the comparison
    (
        "Before (issue 13): every breakdown (total, care type, district, district x care type) grouped all records per "
        "youth and group on its own (four HASH_GROUP_BY passes over the records), each followed by a PROJECTION of "
        "the bitmasks and five ages per youth with `date + INTERVAL 6 MONTH` (a timestamp per youth and year); the "
        "costs were a fifth pass and the release wrote every protected cell with `DataFrame.loc` in a Python loop. "
        "Profile of one of the four passes (by care type) on 100M rows: 33.2 s, of which HASH_GROUP_BY 7.7 s "
        "(10.0M groups per thread partition) plus about 3.2-3.5 s per merged partition, and PROJECTION 7.5 s. "
        "At 10M rows (CPU seconds of the engine process): open and validate 1.6, costs 1.2, the four passes "
        "about 16, release about 2 (of 21 in all)."
    ),
]
AFTER_NOTE = [
    (
        "Now, at every size: two groupings of the records, per youth, district and care type (districts and care "
        "types as whole-number codes) and per youth, each followed by a histogram of a few thousand rows. Per group "
        "ten aggregates: the three year bitmasks (care, care going on past 31 December, starts) and, per youth, the "
        "set of districts in one `bit_or`; per year the day number of the last end and of the first start in the "
        "next year (int32; the calendar only for gaps of 182 to 184 days); the lowest birth date. The care-type and district breakdowns are summed from these two; "
        "youths in more than one district are regrouped apart. No temporary table, no per-breakdown pass. The costs "
        "are three sums per district, care type, start year and end year instead of a day count per year. In the "
        "profile, operator seconds are CPU seconds summed over both threads; statement seconds are wall time. "
        "HASH_GROUP_BY is most of it, and its time follows the number of aggregates per group: the scan floor has "
        "four, the definitions need two per year boundary for the six-month uitstroom alone."
    ),
]


def _engine(path: str) -> None:
    from sdlib.records import indicators, open_extract

    ext = open_extract(path)
    for by in BREAKDOWNS:
        indicators(ext, by=by)


def _spark(path: str) -> float:
    """Run the definitions on a local[2] Spark session; return the session start time (JVM included)."""
    import warnings

    from pyspark.sql import SparkSession

    from sdlib.records import indicators, open_extract

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = (
            SparkSession.builder.master("local[2]")
            .appName("sdlib-records-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.memory", "4g")
            .getOrCreate()
        )
    session.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    ext = open_extract(path, spark=session)
    for by in BREAKDOWNS:
        indicators(ext, by=by)
    return started


def _polars(path: str) -> None:
    for by in BREAKDOWNS:
        polars_definitions(path, by)


def _period(path: str):
    import datetime as dt
    import json as js

    import pyarrow.parquet as pq

    from sdlib.records.read import METADATA_KEY

    period = js.loads(pq.read_schema(path).metadata[METADATA_KEY.encode()])["period"]
    return tuple(dt.date.fromisoformat(d) for d in period)


def polars_definitions(path: str, by, period=None):
    """Every definition in idiomatic lazy polars (benchmark comparison; the library uses the engine).

    Returns a tidy pandas frame ``series, year, [by...], value`` with the exact figures (no disclosure control),
    the same as :func:`sdlib.records.indicators` with ``disclosure=False`` (series without ``_per_type``).
    """
    import datetime as dt

    import polars as pl

    first, seen = period or _period(path)
    years = list(range(first.year, seen.year + 1))
    by = list(by)
    keys = ["client_id", *by]
    lf = pl.scan_parquet(path).select(*keys, "birth_date", "start_date", "end_date", "cost_eur")
    end = pl.col("end_date").fill_null(pl.lit(seen))
    start = pl.col("start_date")
    jan1 = {y: pl.lit(dt.date(y, 1, 1)) for y in years}
    dec31 = {y: pl.lit(dt.date(y, 12, 31)) for y in years}

    # per youth (and group): last end date of the care overlapping each year (null: no care), next start after it
    aggs = [pl.col("birth_date").min().alias("birth")]
    for k, y in enumerate(years):
        aggs.append(end.filter((start <= dec31[y]) & (end >= jan1[y])).max().alias(f"last{y}"))
        if k + 1 < len(years):
            aggs.append(start.filter(start > dec31[y]).min().alias(f"next{y}"))
    youth = lf.group_by(keys).agg(aggs)

    care = {y: pl.col(f"last{y}").is_not_null() for y in years}
    birth = pl.col("birth")
    age = {
        y: (y - birth.dt.year() - ((birth.dt.month().cast(pl.Int32) * 100 + birth.dt.day()) > 701).cast(pl.Int32))
        for y in years
    }
    flags, sums = [], []
    for k, y in enumerate(years):
        ever = pl.any_horizontal([care[x] for x in years[:k]]) if k else pl.lit(False)
        instroom = care[y] & ~ever
        flags += [care[y].alias(f"jeugdhulp_jeugdigen|{y}"), instroom.alias(f"jeugdhulp_instroom|{y}")]
        sums.append(pl.when(instroom).then(age[y]).otherwise(0).alias(f"_age_in|{y}"))
        if k:
            p = years[k - 1]
            earlier = pl.any_horizontal([care[x] for x in years[: k - 1]]) if k > 1 else pl.lit(False)
            last, after = pl.col(f"last{p}"), pl.col(f"next{p}")
            six = last.dt.offset_by("6mo")
            gone = (after.is_null() & (six <= pl.lit(seen))) | (after > six)
            flags += [
                (care[y] & care[p]).alias(f"jeugdhulp_doorstroom|{y}"),
                (care[y] & ~care[p] & earlier).alias(f"jeugdhulp_herintreder|{y}"),
                (care[p] & ~care[y]).alias(f"jeugdhulp_uitstroom|{y}"),
                ((last <= dec31[p]) & gone).fill_null(False).alias(f"jeugdhulp_uitstroom_6m|{y}"),
            ]
            sums.append(pl.when(care[p] & ~care[y]).then(age[p]).otherwise(0).alias(f"_age_out|{y}"))
        if k > 1:
            flags.append((care[y] & care[years[k - 1]] & care[years[k - 2]]).alias(f"jeugdhulp_3jaar_aantal|{y}"))
    counts = youth.select(*by, *[f.cast(pl.Int64) for f in flags], *[s.cast(pl.Int64) for s in sums])
    counts = counts.group_by(by).agg(pl.all().sum()) if by else counts.select(pl.all().sum())

    # costs: each row's cost spread pro rata over the days of its years; no grouping per youth
    days = (end - start).dt.total_days() + 1
    cost = [
        (
            pl.col("cost_eur")
            * ((pl.min_horizontal(end, dec31[y]) - pl.max_horizontal(start, jan1[y])).dt.total_days() + 1).clip(
                lower_bound=0
            )
            / days
        ).alias(f"jeugdhulp_kosten|{y}")
        for y in years
    ]
    cost = [c.sum() for c in cost]
    costs = lf.group_by(by).agg(cost) if by else lf.select(cost)

    counts, costs = pl.collect_all([counts, costs], engine="streaming")
    wide = counts.join(costs, on=by, how="left") if by else pl.concat([counts, costs], how="horizontal")
    long = (
        wide.unpivot(index=by, variable_name="key", value_name="value")
        .with_columns(pl.col("key").str.split_exact("|", 1).struct.rename_fields(["series", "year"]))
        .unnest("key")
        .with_columns(pl.col("year").cast(pl.Int64), pl.col("value").cast(pl.Float64))
    )
    table = long.pivot("series", index=["year", *by], values="value")
    ratio = {
        "jeugdhulp_leeftijd_instroom": ("_age_in", "jeugdhulp_instroom", 1),
        "jeugdhulp_leeftijd_uitstroom": ("_age_out", "jeugdhulp_uitstroom", 1),
        "jeugdhulp_3jaar_aandeel": ("jeugdhulp_3jaar_aantal", "jeugdhulp_jeugdigen", 100),
        "jeugdhulp_kosten_per_jeugdige": ("jeugdhulp_kosten", "jeugdhulp_jeugdigen", 1),
    }
    table = table.with_columns(
        [
            (pl.col(n) / pl.when(pl.col(d) > 0).then(pl.col(d)) * s).alias(name)
            for name, (n, d, s) in ratio.items()
            if n in table.columns
        ]
    )
    out = (
        table.drop("_age_in", "_age_out")
        .unpivot(index=["year", *by], variable_name="series")
        .drop_nulls("value")
        .filter(pl.col("value").is_not_nan())
    )
    return out.select("series", "year", *by, "value").to_pandas()


def _scan(path: str) -> None:
    import duckdb

    con = duckdb.connect()
    for by in BREAKDOWNS:
        keys = ", ".join(["client_id", *by])
        con.execute(
            f"SELECT count(*), sum(c), min(s), max(e), min(b) FROM (SELECT {keys}, sum(cost_eur) c, "
            f"min(start_date) s, max(end_date) e, min(birth_date) b FROM read_parquet(?) GROUP BY ALL)",
            [path],
        ).fetchall()


def _scan1(path: str) -> None:
    import duckdb

    duckdb.connect().execute("SELECT count(DISTINCT client_id), sum(cost_eur) FROM read_parquet(?)", [path]).fetchall()


def _pandas(path: str) -> None:
    import datetime as dt
    import json as js

    import pyarrow.parquet as pq

    from sdlib.records.read import METADATA_KEY

    period = js.loads(pq.read_schema(path).metadata[METADATA_KEY.encode()])["period"]
    df = pq.read_table(path).to_pandas(date_as_object=False)
    for by in BREAKDOWNS:
        _pandas_definitions(df, by, dt.date.fromisoformat(period[1]))


def _pandas_definitions(df, by, seen):
    """Every definition in plain vectorised pandas (benchmark baseline; the library uses the engine)."""
    import numpy as np
    import pandas as pd

    end = df["end_date"].fillna(pd.Timestamp(seen))
    sy, ey = df["start_date"].dt.year.to_numpy(), end.dt.year.to_numpy()
    reps = ey - sy + 1
    idx = np.repeat(np.arange(len(df)), reps)
    year = sy[idx] + (np.arange(len(idx)) - np.repeat(np.cumsum(reps) - reps, reps))
    keys = ["client_id", *by]
    rows = df.iloc[idx][[*keys, "start_date", "birth_date", "cost_eur"]].assign(year=year, end=end.to_numpy()[idx])
    jan1 = pd.to_datetime(pd.Series(year).astype(str) + "-01-01").to_numpy()
    dec31 = pd.to_datetime(pd.Series(year).astype(str) + "-12-31").to_numpy()
    inside = (np.minimum(rows["end"].to_numpy(), dec31) - np.maximum(rows["start_date"].to_numpy(), jan1)).astype(
        "timedelta64[D]"
    ).astype(int) + 1
    days = (rows["end"] - rows["start_date"]).dt.days.to_numpy() + 1
    rows["cost"] = rows["cost_eur"].to_numpy() * inside / days
    costs = rows.groupby([*by, "year"])["cost"].sum()
    per_year = rows.groupby([*keys, "year"]).agg(last=("end", "max"), birth=("birth_date", "min"))
    care = per_year["last"].unstack("year").notna()
    years = list(care.columns)
    flows = {}
    for k, y in enumerate(years):
        cur, before = care[y], care[years[:k]].any(axis=1) if k else False
        flows[("jeugdigen", y)] = cur
        flows[("instroom", y)] = cur & ~before
        if k:
            prev = care[years[k - 1]]
            flows[("doorstroom", y)] = cur & prev
            flows[("herintreder", y)] = cur & ~prev & (care[years[: k - 1]].any(axis=1) if k > 1 else False)
            flows[("uitstroom", y)] = prev & ~cur
        if k > 1:
            flows[("3jaar", y)] = cur & care[years[k - 1]] & care[years[k - 2]]
    flags = pd.DataFrame(flows)
    group = flags.groupby(level=list(range(1, len(keys)))) if by else flags
    counts = group.sum()
    birth = per_year["birth"].groupby(level=keys).min()
    ages = {y: y - birth.dt.year - ((birth.dt.month * 100 + birth.dt.day) > 701) for y in years}
    mean_in = {y: ages[y][flags[("instroom", y)]].mean() for y in years}
    nxt = {y: rows[rows["start_date"] > pd.Timestamp(y, 12, 31)].groupby(keys)["start_date"].min() for y in years}
    ends = per_year["last"].unstack("year")
    gone = {}
    for y in years[:-1]:
        after = nxt[y].reindex(ends.index)
        six = ends[y] + pd.DateOffset(months=6)
        ended = (ends[y] <= pd.Timestamp(y, 12, 31)) & ((after.isna() & (six <= pd.Timestamp(seen))) | (after > six))
        gone[y] = ended.groupby(level=list(range(1, len(keys)))).sum() if by else ended.sum()
    return counts, costs, mean_in, gone


class _TreePeak:
    """Sample the resident memory of this process and its children (the Spark JVM) in a thread."""

    def __init__(self, every: float = 0.2):
        import threading

        self.peak, self.every, self.stop = 0, every, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil

        me = psutil.Process()
        while not self.stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self.stop.wait(self.every)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def run_variant(variant: str, path: str) -> dict:
    """Run one variant in this process and return its wall time and peak memory."""
    if variant == "spark":
        with _TreePeak() as peak:
            start = time.perf_counter()
            started = _spark(path)
            seconds = time.perf_counter() - start - started
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        return {
            "seconds": round(seconds, 2),
            "start_seconds": round(started, 2),
            "peak_mb": max(own, peak.peak // 2**20),
        }
    start = time.perf_counter()
    {"engine": _engine, "polars": _polars, "pandas": _pandas, "scan": _scan, "scan1": _scan1}[variant](path)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def _child(variant: str, path: Path, timeout=None) -> dict:
    cmd = [sys.executable, "-W", "ignore", str(Path(__file__).resolve()), "--variant", variant, str(path)]
    # a session of its own, so that a timeout ends the whole tree (the Spark JVM too)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        import os
        import signal

        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"seconds": None, "peak_mb": None, "not_run": f"stopped after {timeout} s (limit on this machine)"}
    if proc.returncode:
        raise RuntimeError(f"benchmark variant {variant} failed:\n{err}")
    return json.loads(out.strip().splitlines()[-1])


def _skip(variant: str, rows: int, only) -> str | None:
    """Return why a variant is not run at this size (None: run it)."""
    if only and variant not in only:
        return "not selected (--variants)"
    if variant == "pandas" and rows > PANDAS_MAX:
        return f"pandas only up to {PANDAS_MAX:,} rows (whole extract in memory)"
    if variant == "spark":
        try:
            import pyspark  # noqa: F401
        except ImportError:
            return "pyspark not installed (pip install -e .[spark])"
    if variant == "polars" and rows > POLARS_MAX:
        return (
            f"polars only up to {POLARS_MAX:,} rows (its peak, about 3 GB at 10M rows, grows with the extract: "
            "about 30 GB at 100M, more than this machine's 24 GB)"
        )
    if variant == "polars":
        try:
            import polars  # noqa: F401
        except ImportError:
            return "polars not installed (pip install -e .[bench])"
    return None


class _Profiled:
    """A DuckDB connection that writes the profile of every statement to its own JSON file."""

    def __init__(self, con, folder: Path):
        self._con, self._folder, self.statements = con, folder, []

    def _next(self, sql: str):
        out = self._folder / f"profile{len(self.statements)}.json"
        self._con.execute(f"PRAGMA profiling_output = '{out}'")
        self.statements.append({"sql": sql, "file": out, "start": time.perf_counter()})

    def sql(self, query, *args, **kwargs):
        self._next(query)
        return self._con.sql(query, *args, **kwargs)

    def execute(self, query, *args, **kwargs):
        self._next(query)
        return self._con.execute(query, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._con, name)


def _operators(profile: dict) -> list[dict]:
    ops = []

    def walk(node):
        name = node.get("operator_name") or node.get("name")  # DuckDB 1.x and 2.x profile formats
        if name:
            extra = node.get("extra_info") or {}
            timing = node.get("operator_timing", node.get("timing", 0))
            ops.append(
                {
                    "operator": name.strip(),
                    "seconds": round(float(timing), 3),
                    "rows": node.get("operator_cardinality", node.get("intermediate_rows")),
                    "info": " ".join(
                        f"{k}: {v}" for k, v in extra.items() if k in ("Aggregates", "Groups", "Function", "Table")
                    )[:120],
                }
            )
        for child in node.get("children", []):
            walk(child)

    for root in profile.get("operator", [profile]) if isinstance(profile.get("operator"), list) else [profile]:
        walk(root)
    return ops


_KINDS = ("HASH_GROUP_BY", "PROJECTION", "READ_PARQUET")  # the operator types shown apart in the profile


def explain(path: str) -> dict:
    """Profile (as EXPLAIN ANALYZE) every DuckDB statement of the per-youth histograms and the costs.

    Returns per statement (its words name it) the wall seconds, and the CPU seconds of its operators (summed over
    the threads) in all and per operator type (:data:`_KINDS`, the rest as ``other``).
    """
    import tempfile

    from sdlib.records import definitions, open_extract

    ext = open_extract(path, validate=False)
    with tempfile.TemporaryDirectory() as tmp:
        con = ext.runner.con
        con.execute("PRAGMA enable_profiling = 'json'")
        prof = _Profiled(con, Path(tmp))
        ext.runner.con = prof
        run = ext.runner.execute

        def timed(expr):  # the wall time of a statement, fetching included
            begin = time.perf_counter()
            try:
                return run(expr)
            finally:
                prof.statements[-1]["wall"] = time.perf_counter() - begin

        ext.runner.execute = timed
        start = time.perf_counter()
        for by in ((), ("care_type",), ("district",), ("district", "care_type")):
            definitions._histogram(ext, list(by))
        definitions._costs(ext)
        seconds = time.perf_counter() - start
        ext.runner.con, ext.runner.execute = con, run
        con.execute("PRAGMA disable_profiling")
        statements = []
        for st in prof.statements:
            if not st["file"].exists() or "wall" not in st:
                continue
            ops = _operators(json.loads(st["file"].read_text()))
            words = " ".join(st["sql"].split())
            name = (
                "costs: three sums per district, care type, start year and end year"
                if '"whole"' in words
                else "grouping per youth (with its districts), with its histogram"
                if '"dset"' in words or '"d_lo"' in words
                else "grouping per youth, district and care type, with its histogram"
                if '"dc"' in words
                else words[:60]
            )
            cpu = {kind: sum(o["seconds"] for o in ops if o["operator"] == kind) for kind in _KINDS}
            total = sum(o["seconds"] for o in ops)
            cpu["other"] = max(total - sum(cpu.values()), 0.0)
            statements.append(
                {
                    "statement": name,
                    "seconds": round(st["wall"], 2),
                    "cpu": round(total, 2),
                    **{k: round(v, 2) for k, v in cpu.items()},
                }
            )
    return {"seconds": round(seconds, 2), "statements": statements}


def _extract(rows: int) -> Path:
    from sdlib.records.synthetic import default_path, generate

    path = default_path(youths=0, seed=1, rows=rows)
    if not path.exists():
        print(f"generating {path.name} ...", flush=True)
        start = time.perf_counter()
        generate(rows=rows, seed=1, out=path)
        print(f"  generated in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def _ratio(t: dict, a: str, b: str) -> str:
    return f"{t[a] / t[b]:.2f}" if t.get(a) and t.get(b) else "n/a"


def _targets(results: list[dict]) -> tuple[list[str], bool]:
    """Lines judging the targets, and whether any measured target is missed."""
    get = {(r["rows"], r["variant"]): r for r in results}
    lines, missed = [], False
    big = get.get((100_000_000, "engine"))
    if big and big.get("seconds") is not None:
        ok = big["seconds"] < TARGET_100M[0] and big["peak_mb"] < TARGET_100M[1]
        missed |= not ok
        lines.append(
            f"- 100M rows on DuckDB under {TARGET_100M[0]:.0f} s and {TARGET_100M[1]:,} MB: "
            f"{big['seconds']} s, {big['peak_mb']:,} MB: **{'gehaald' if ok else 'niet gehaald'}**"
        )
    else:
        lines.append("- 100M rows on DuckDB: not measured in this run (make bench-records SIZES=1M,10M,100M)")
    engine, scan, pol = (get.get((10_000_000, v)) for v in ("engine", "scan", "polars"))
    if engine and scan:
        ok = engine["seconds"] <= 2 * scan["seconds"]
        missed |= not ok
        lines.append(
            f"- 10M: engine at most 2x scan: {engine['seconds'] / scan['seconds']:.2f}x: "
            f"**{'gehaald' if ok else 'niet gehaald'}**"
        )
    if engine and pol and pol.get("seconds"):
        ok = engine["seconds"] < pol["seconds"]
        missed |= not ok
        lines.append(
            f"- 10M: engine faster than polars: {engine['seconds']} s vs {pol['seconds']} s: "
            f"**{'gehaald' if ok else 'niet gehaald'}**"
        )
    return lines, missed


def _markdown(results: list[dict], profile: dict | None = None) -> str:
    lines = [
        "# Record engine benchmark (synthetic extracts)",
        "",
        (
            "Every definition for every year, total + care type + district; one subprocess per variant; 2 cores. "
            "`engine` = DuckDB (memory_limit from `sdlib.records.read.MEMORY_LIMIT`, spilling to disk), with "
            "the default disclosure control of the breakdowns; `polars` and `pandas` compute the exact figures "
            "only. Spark: `seconds` excludes the JVM/session start (`start s`); its peak includes the JVM."
        ),
        "",
        "| rows | variant | seconds | start s | peak MB | note |",
        "| ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        secs = "not run" if r.get("seconds") is None else r["seconds"]
        peak = "" if r.get("peak_mb") is None else f"{r['peak_mb']:,}"
        lines.append(
            f"| {r['rows']:,} | {r['variant']} | {secs} | {r.get('start_seconds', '')} | {peak} | "
            f"{r.get('not_run', '')} |"
        )
    lines += [
        "",
        "Ratios of seconds (below 1: the engine is faster):",
        "",
        "| rows | engine / scan | engine / scan1 | engine / polars | engine / pandas | spark / engine |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for rows in sorted({r["rows"] for r in results}):
        t = {r["variant"]: r.get("seconds") for r in results if r["rows"] == rows}
        lines.append(
            f"| {rows:,} | {_ratio(t, 'engine', 'scan')} | {_ratio(t, 'engine', 'scan1')} | "
            f"{_ratio(t, 'engine', 'polars')} | {_ratio(t, 'engine', 'pandas')} | "
            f"{_ratio(t, 'spark', 'engine')} |"
        )
    target_lines, _ = _targets(results)
    lines += ["", "## Targets", "", *target_lines]
    lines += ["", "## Waar de tijd zit", "", *BEFORE]
    if profile:
        lines += [
            "",
            (
                f"Now (DuckDB profile, `PRAGMA enable_profiling` as EXPLAIN ANALYZE, of the per-youth histograms "
                f"of all four breakdowns and the costs on the {profile['rows']:,}-row extract: "
                f"{profile['seconds']} s in all, with profiling). Wall seconds per statement; CPU seconds "
                "of its operators, summed over both threads:"
            ),
            "",
            "| statement | wall s | CPU s | HASH_GROUP_BY | PROJECTION | READ_PARQUET | other |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for st in profile["statements"]:
            lines.append(
                f"| {st['statement']} | {st['seconds']} | {st.get('cpu', '')} | "
                + " | ".join(str(st.get(k, "")) for k in (*_KINDS, "other"))
                + " |"
            )
    lines += ["", *AFTER_NOTE]
    return "\n".join(lines) + "\n"


def _sizes(text: str) -> list[int]:
    scale = {"K": 1_000, "M": 1_000_000, "G": 1_000_000_000}
    out = []
    for part in filter(None, (p.strip().upper() for p in text.replace(",", " ").split())):
        out.append(int(float(part[:-1]) * scale[part[-1]]) if part[-1] in scale else int(part))
    return sorted(set(out))


def main(argv=None) -> int:
    """Run the benchmark (or, with ``--variant NAME PATH``, one variant in this process)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--variant"]:
        print(json.dumps(run_variant(argv[1], argv[2])))
        return 0
    if argv[:1] == ["--explain"]:
        print(json.dumps(explain(argv[1])))
        return 0
    import argparse

    parser = argparse.ArgumentParser(description="Benchmark the record engine on synthetic extracts.")
    parser.add_argument("--sizes", default="1M,10M", help="row counts, comma- or space-separated, e.g. 1M,10M,100M")
    parser.add_argument("--variants", default="", help=f"comma-separated subset of {','.join(VARIANTS)}")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the rows of records.json for sizes and variants not run now (runs in parts)",
    )
    parser.add_argument(
        "--no-profile",
        action="store_true",
        help="keep the profile of records.json instead of profiling the largest extract again",
    )
    args = parser.parse_args(argv)
    only = [v for v in args.variants.split(",") if v]
    results = []
    for rows in _sizes(args.sizes):
        path = _extract(rows)
        for variant in VARIANTS:
            why = _skip(variant, rows, only)
            if why:
                if not (only and variant not in only):
                    results.append({"rows": rows, "variant": variant, "seconds": None, "peak_mb": None, "not_run": why})
                continue
            timeout = SPARK_TIMEOUT if variant == "spark" and rows > 10_000_000 else None
            done = [r for r in results if r["variant"] == "spark" and r.get("seconds") and r["rows"] < rows]
            if timeout and done and done[-1]["seconds"] * rows / done[-1]["rows"] > 2 * timeout:
                guess = done[-1]["seconds"] * rows / done[-1]["rows"]
                results.append(
                    {
                        "rows": rows,
                        "variant": variant,
                        "seconds": None,
                        "peak_mb": None,
                        "not_run": f"{done[-1]['seconds']} s at {done[-1]['rows']:,} rows extrapolates to "
                        f"about {guess:.0f} s, over the {timeout} s limit on this machine",
                    }
                )
                continue
            result = {"rows": rows, "variant": variant, **_child(variant, path, timeout)}
            if result["seconds"] is None:
                print(f"{rows:>11,} rows  {variant:<7} not run: {result['not_run']}", flush=True)
            else:
                print(
                    f"{rows:>11,} rows  {variant:<7} {result['seconds']:7.2f} s  {result['peak_mb']:6,} MB", flush=True
                )
            results.append(result)
    out = paths.reports_dir() / "benchmarks"
    largest = max((r["rows"] for r in results), default=None)  # profiled below: the largest size run now
    before = json.loads((out / "records.json").read_text()) if (out / "records.json").exists() else {}
    if args.keep and before:
        now = {(r["rows"], r["variant"]) for r in results}
        old = before["results"]
        results = sorted(
            [r for r in old if (r["rows"], r["variant"]) not in now] + results,
            key=lambda r: (r["rows"], VARIANTS.index(r["variant"])),
        )
    profile = before.get("profile") if args.no_profile else None
    if largest and not args.no_profile:  # where does the time go (largest extract run now)
        rows = largest
        cmd = [sys.executable, "-W", "ignore", str(Path(__file__).resolve()), "--explain", str(_extract(rows))]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        profile = {"rows": rows, **json.loads(done.stdout.strip().splitlines()[-1])}
    summary = json.dumps({"synthetic": True, "results": results, "profile": profile}, indent=2) + "\n"
    atomic_write(out / "records.json", summary.encode())
    atomic_write(out / "records.md", _markdown(results, profile).encode())
    print(_markdown(results, profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
