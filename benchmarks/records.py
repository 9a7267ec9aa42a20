"""Benchmark of the record engine: ``python benchmarks/records.py`` (``make bench-records``).

On synthetic extracts of 1M and 10M rows (generated into ``reports/synthetic/`` when missing) it runs, each in
a fresh subprocess that reports its wall time and peak resident memory (``ru_maxrss``, which includes DuckDB's
native memory):

``engine``  open + validate the extract, then every definition for every year, total + care type + district
``pandas``  a straightforward vectorised pandas implementation of the same definitions (baseline only)
``scan``    the floor: per breakdown one DuckDB pass reading every needed column and grouping per youth
            (and group), with nothing else computed
``scan1``   a single pass: count(DISTINCT client_id) and sum(cost_eur)

Targets (2-core machine): engine at 10M rows under 10 s and 3 GB, at least 2x faster than pandas and within 3x
of ``scan``. Results go to ``reports/benchmarks/records.json`` and ``records.md`` (written atomically).
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

__all__ = ["main", "run_variant"]

SIZES = [1_000_000, 10_000_000]
VARIANTS = ["engine", "pandas", "scan", "scan1"]
BREAKDOWNS = [[], ["care_type"], ["district"]]


def _engine(path: str) -> None:
    from sdlib.records import indicators, open_extract

    ext = open_extract(path)
    for by in BREAKDOWNS:
        indicators(ext, by=by)


def _scan(path: str) -> None:
    import duckdb

    con = duckdb.connect()
    for by in BREAKDOWNS:
        keys = ", ".join(["client_id", *by])
        con.execute(f"SELECT count(*), sum(c), min(s), max(e), min(b) FROM (SELECT {keys}, sum(cost_eur) c, "
                    f"min(start_date) s, max(end_date) e, min(birth_date) b FROM read_parquet(?) GROUP BY ALL)",
                    [path]).fetchall()


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
        "timedelta64[D]").astype(int) + 1
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


def run_variant(variant: str, path: str) -> dict:
    """Run one variant in this process and return its wall time and peak memory."""
    start = time.perf_counter()
    {"engine": _engine, "pandas": _pandas, "scan": _scan, "scan1": _scan1}[variant](path)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def _child(variant: str, path: Path) -> dict:
    cmd = [sys.executable, "-W", "ignore", str(Path(__file__).resolve()), "--variant", variant, str(path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"benchmark variant {variant} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _extract(rows: int) -> Path:
    from sdlib.records.synthetic import default_path, generate

    path = default_path(youths=0, seed=1, rows=rows)
    if not path.exists():
        print(f"generating {path.name} ...", flush=True)
        start = time.perf_counter()
        generate(rows=rows, seed=1, out=path)
        print(f"  generated in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def _markdown(results: list[dict]) -> str:
    lines = ["# Record engine benchmark (synthetic extracts)", "",
             "Every definition for every year, total + care type + district; one subprocess per variant.", "",
             "| rows | variant | seconds | peak MB |", "| ---: | --- | ---: | ---: |"]
    for r in results:
        lines.append(f"| {r['rows']:,} | {r['variant']} | {r['seconds']} | {r['peak_mb']} |")
    lines += ["", "| rows | engine vs pandas (x faster) | engine / scan | engine / scan1 |", "| ---: | ---: | ---: | ---: |"]
    for rows in sorted({r["rows"] for r in results}):
        t = {r["variant"]: r["seconds"] for r in results if r["rows"] == rows}
        lines.append(f"| {rows:,} | {t['pandas'] / t['engine']:.1f} | {t['engine'] / t['scan']:.1f} | "
                     f"{t['engine'] / t['scan1']:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    """Run the benchmark (or, with ``--variant NAME PATH``, one variant in this process)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--variant"]:
        print(json.dumps(run_variant(argv[1], argv[2])))
        return 0
    results = []
    for rows in SIZES:
        path = _extract(rows)
        for variant in VARIANTS:
            result = {"rows": rows, "variant": variant, **_child(variant, path)}
            print(f"{rows:>11,} rows  {variant:<7} {result['seconds']:7.2f} s  {result['peak_mb']:6,} MB", flush=True)
            results.append(result)
    out = paths.reports_dir() / "benchmarks"
    summary = json.dumps({"synthetic": True, "results": results}, indent=2) + "\n"
    atomic_write(out / "records.json", summary.encode())
    atomic_write(out / "records.md", _markdown(results).encode())
    print(_markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
