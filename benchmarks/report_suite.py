"""Benchmark of the report schedule, three ways in one go (``make bench`` / ``python benchmarks/report_suite.py``).

(a) the naive chain a user would write: ``papermill`` CLI, then ``jupyter nbconvert --to html --no-input``,
    one notebook after the other;
(b) the execute-only floor: every notebook executed (same parallelism as c), nothing converted;
(c) ``sdlib report run --all``: executed, rendered to a tagged PDF (PDF/UA-1) and its HTML twin, in parallel,
    into ``reports/`` (so it also uses the durations that earlier runs recorded to start the longest reports
    first). ``--allow-missing-alt`` is passed, so that a notebook still showing a chart without text
    alternative is rendered (marked as draft) instead of failing before its PDF is made; marking costs the same.

Prints the timings and ratios and writes them to ``reports/benchmarks/report_suite.{json,md}``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sdlib.data import paths
from sdlib.data.fileio import atomic_write
from sdlib.report.run import prepare
from sdlib.report.schedule import load_schedule

__all__ = ["main"]


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def naive_chain(tasks: list[dict], work: Path) -> float:
    """Time papermill CLI + nbconvert CLI per notebook, sequentially."""
    start = time.perf_counter()
    for t in tasks:
        executed = work / f"{t['output']}.ipynb"
        cmd = [
            _bin("papermill"),
            t["notebook"],
            str(executed),
            "--log-level",
            "ERROR",
            "--cwd",
            str(Path(t["notebook"]).parent),
        ]
        for name, value in t["parameters"].items():
            cmd += ["-p", name, str(value)]
        subprocess.run(cmd, check=True, capture_output=True)
        subprocess.run(
            [_bin("jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)], check=True, capture_output=True
        )
    return time.perf_counter() - start


def _execute(task: dict) -> None:
    from sdlib.report.execute import execute_notebook

    execute_notebook(Path(task["notebook"]), task["parameters"])


def execute_only(tasks: list[dict], jobs: int) -> float:
    """Time executing every notebook in ``jobs`` processes, without conversion."""
    import multiprocessing

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_execute, tasks))
    return time.perf_counter() - start


def report_run(out: Path, jobs: int) -> float:
    """Time ``sdlib report run --all`` as a user runs it (into reports/, where earlier runs left manifests)."""
    start = time.perf_counter()
    subprocess.run(
        [
            _bin("sdlib"),
            "report",
            "run",
            "--all",
            "--jobs",
            str(jobs),
            "--out",
            str(out),
            "--no-progress",
            "--allow-missing-alt",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def _breakdown(out: Path) -> dict:
    """Sum the execute and render seconds recorded in the manifests of run (c)."""
    totals = {"execute": 0.0, "render": 0.0}
    for manifest in out.glob("*.manifest.json"):
        durations = json.loads(manifest.read_text())["durations_s"]
        for key in totals:
            totals[key] += durations[key]
    return {k: round(v, 2) for k, v in totals.items()}


def main(argv=None) -> int:
    """Run the three variants and write the figures."""
    parser = argparse.ArgumentParser(prog="python benchmarks/report_suite.py", description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="parallel processes for (b) and (c)")
    args = parser.parse_args(argv)
    tasks, refused = prepare(load_schedule(paths.reports_dir() / "schedule.yml"), paths.notebooks_dir() / "reports")
    if refused:
        print("\n".join(r.error for r in refused), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"{len(tasks)} reports, {args.jobs} processes; (a) naive chain ...", flush=True)
        a = naive_chain(tasks, tmp)
        print(f"(a) {a:.1f} s; (b) execute only ...", flush=True)
        b = execute_only(tasks, args.jobs)
        print(f"(b) {b:.1f} s; (c) sdlib report run --all ...", flush=True)
    c = report_run(paths.reports_dir(), args.jobs)
    breakdown = _breakdown(paths.reports_dir())
    result = {
        "reports": len(tasks),
        "jobs": args.jobs,
        "cpu_count": os.cpu_count(),
        "seconds": {"a_naive_chain": round(a, 2), "b_execute_only": round(b, 2), "c_sdlib_report": round(c, 2)},
        "ratios": {"a_over_c": round(a / c, 2), "c_over_b": round(c / b, 2)},
        "targets": {"a_over_c": ">= 2.0", "c_over_b": "<= 1.3"},
        "c_worker_seconds": breakdown,
        "c_outputs": {
            "pdf": len(list(paths.reports_dir().glob("*.pdf"))),
            "html": len(list(paths.reports_dir().glob("*.html"))),
        },
    }
    table = (
        "| variant | seconds |\n| --- | --- |\n"
        f"| (a) papermill CLI + nbconvert CLI, sequential | {a:.1f} |\n"
        f"| (b) execute only, {args.jobs} processes | {b:.1f} |\n"
        f"| (c) sdlib report run --all (PDF/UA + HTML twin), {args.jobs} processes | {c:.1f} |\n\n"
        f"(a)/(c) = {a / c:.2f} (target >= 2), (c)/(b) = {c / b:.2f} (target <= 1.3). "
        f"In (c) the workers spent {breakdown['execute']} s executing and {breakdown['render']} s rendering PDFs "
        "and HTML twins.\n"
    )
    out = paths.reports_dir() / "benchmarks"
    atomic_write(out / "report_suite.json", json.dumps(result, indent=2).encode())
    atomic_write(out / "report_suite.md", ("# Report suite benchmark\n\n" + table).encode())
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
