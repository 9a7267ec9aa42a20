"""Benchmark of the report schedule (``make bench`` / ``python benchmarks/report_suite.py``).

(a) the naive chain a user would write: ``papermill`` CLI, then ``jupyter nbconvert --to html --no-input``,
    one notebook after the other;
(b) the execute-only floor: every notebook executed (same parallelism as c), nothing converted;
(c) ``sdlib report run --all``, a full run: executed, rendered to a tagged PDF (PDF/UA-1) and its HTML twin, in
    parallel, archived, with run.json and the change summary. It runs on a copy of the project in a temporary
    folder (data, notebooks, schedule, templates, the sdlib package, and the manifests of ``reports/`` so that
    the longest reports start first), so the benchmark never touches ``reports/`` or its archive;
(d) the same command again with nothing changed: every report is "ongewijzigd", nothing is executed;
(e) the same command after one series file changed (a note in ``data/series/jeugdhulp_3jaar_aandeel.csv`` of the
    copy): only the reports that read that series are rebuilt.

``--allow-missing-alt`` is passed, so that a notebook still showing a chart without text alternative is rendered
(marked as draft) instead of failing before its PDF is made; marking costs the same.

Prints the timings and ratios and writes them to ``reports/benchmarks/report_suite.{json,md}``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sdlib.cli import choice_providers
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


CHANGED_SERIES = "series/jeugdhulp_3jaar_aandeel.csv"


def sandbox(folder: Path, outputs: list[str]) -> Path:
    """A copy of the project to run the pack in: data, report notebooks, schedule, templates, earlier manifests."""
    root = Path(folder) / "checkout"
    shutil.copytree(paths.data_dir(), root / "data")
    shutil.copytree(
        paths.notebooks_dir() / "reports", root / "notebooks" / "reports", ignore=shutil.ignore_patterns(".ipynb_*")
    )
    (root / "reports").mkdir(parents=True)
    shutil.copy(paths.reports_dir() / "schedule.yml", root / "reports" / "schedule.yml")
    shutil.copytree(paths.project_root() / "reports" / "templates", root / "reports" / "templates")
    # a frozen copy of the package, first on PYTHONPATH: a colleague's commit during the benchmark would be a new
    # version of sdlib and rebuild every report
    shutil.copytree(
        Path(__file__).resolve().parents[1] / "sdlib", root / "sdlib", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in outputs:  # the durations earlier runs recorded: the longest reports start first
        manifest = paths.reports_dir() / f"{name}.manifest.json"
        if manifest.is_file():
            shutil.copy(manifest, root / "reports" / manifest.name)
    return root


def report_run(root: Path, jobs: int) -> tuple[float, dict]:
    """Time ``sdlib report run --all`` as the scheduler runs it, in the project copy ``root``; return run.json."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    env.update(SDLIB_ROOT=str(root), PYTHONPATH=str(root))
    start = time.perf_counter()
    subprocess.run(
        [
            _bin("sdlib"),
            "report",
            "run",
            "--all",
            "--jobs",
            str(jobs),
            "--no-progress",
            "--allow-missing-alt",
        ],
        check=True,
        capture_output=True,
        cwd=root,
        env=env,
    )
    took = time.perf_counter() - start
    return took, json.loads((root / "reports" / "run.json").read_text(encoding="utf-8"))


def validate_time(root: Path) -> float:
    """Time ``sdlib validate`` (the first half of ``make reports``) in the project copy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    env.update(SDLIB_ROOT=str(root), PYTHONPATH=str(root))
    start = time.perf_counter()
    subprocess.run([_bin("sdlib"), "validate"], check=True, capture_output=True, cwd=root, env=env)
    return time.perf_counter() - start


def change_one_series(root: Path) -> None:
    """Change one series file of the copy without changing a figure: a note of its last row gets a word more."""
    path = root / "data" / CHANGED_SERIES
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    rows[-1][header.index("note")] = (rows[-1][header.index("note")] + " (benchmark)").strip()
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")


def rebuilt(run: dict) -> list[str]:
    return [r["report"] for r in run["reports"] if r["status"] == "ok"]


def _breakdown(out: Path, outputs: list[str]) -> dict:
    """Sum the execute and render seconds recorded in the manifests of run (c)."""
    totals = {"execute": 0.0, "render": 0.0}
    for manifest in (out / f"{name}.manifest.json" for name in outputs):
        durations = json.loads(manifest.read_text())["durations_s"]
        for key in totals:
            totals[key] += durations[key]
    return {k: round(v, 2) for k, v in totals.items()}


def main(argv=None) -> int:
    """Run the variants and write the figures."""
    parser = argparse.ArgumentParser(prog="python benchmarks/report_suite.py", description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="parallel processes for (b) to (e)")
    parser.add_argument(
        "--incremental-only", action="store_true", help="only (c), (d) and (e): the full, unchanged and changed runs"
    )
    args = parser.parse_args(argv)
    tasks, refused = prepare(
        load_schedule(paths.reports_dir() / "schedule.yml"),
        paths.notebooks_dir() / "reports",
        providers=choice_providers(),  # the choices the notebooks name, as `sdlib report run` passes them
    )
    if refused:
        print("\n".join(r.error for r in refused), file=sys.stderr)
        return 1
    a = b = None
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not args.incremental_only:
            print(f"{len(tasks)} reports, {args.jobs} processes; (a) naive chain ...", flush=True)
            a = naive_chain(tasks, tmp)
            print(f"(a) {a:.1f} s; (b) execute only ...", flush=True)
            b = execute_only(tasks, args.jobs)
            print(f"(b) {b:.1f} s; (c) sdlib report run --all, full run ...", flush=True)
        names = [t["output"] for t in tasks]
        root = sandbox(tmp, names)
        c, full = report_run(root, args.jobs)
        breakdown = _breakdown(root / "reports", names)
        print(f"(c) {c:.1f} s; (d) the same, nothing changed ...", flush=True)
        d, unchanged = report_run(root, args.jobs)
        v = validate_time(root)
        print(f"(d) {d:.1f} s (sdlib validate {v:.1f} s); (e) one series changed ...", flush=True)
        change_one_series(root)
        e, changed = report_run(root, args.jobs)
        outputs = {
            "pdf": len(list((root / "reports").glob("*.pdf"))),
            "html": len(list((root / "reports").glob("*.html"))),
        }
    n = len(tasks)
    seconds = {"c_full_run": round(c, 2), "d_unchanged_run": round(d, 2), "e_one_series_changed": round(e, 2)}
    if a is not None:
        seconds = {"a_naive_chain": round(a, 2), "b_execute_only": round(b, 2), **seconds}
    result = {
        "reports": n,
        "jobs": args.jobs,
        "cpu_count": os.cpu_count(),
        "seconds": seconds,
        "validate_seconds": round(v, 2),
        "rebuilt": {
            "c_full_run": rebuilt(full),
            "d_unchanged_run": rebuilt(unchanged),
            "e_one_series_changed": rebuilt(changed),
        },
        "changed_series": f"data/{CHANGED_SERIES}",
        "c_worker_seconds": breakdown,
        "c_outputs": outputs,
    }
    rows = []
    if a is not None:
        result["ratios"] = {"a_over_c": round(a / c, 2), "c_over_b": round(c / b, 2)}
        result["targets"] = {"a_over_c": ">= 2.0", "c_over_b": "<= 1.3"}
        rows += [
            f"| (a) papermill CLI + nbconvert CLI, sequential | {a:.1f} | {n} |",
            f"| (b) execute only, {args.jobs} processes | {b:.1f} | {n} |",
        ]
    rows += [
        f"| (c) sdlib report run --all, full run (PDF/UA + HTML twin, archive), {args.jobs} processes | {c:.1f} | "
        f"{len(rebuilt(full))} |",
        f"| (d) the same again, nothing changed | {d:.1f} | {len(rebuilt(unchanged))} |",
        f"| (e) the same after one series file changed (data/{CHANGED_SERIES}) | {e:.1f} | "
        f"{len(rebuilt(changed))} ({', '.join(rebuilt(changed)) or 'none'}) |",
    ]
    table = "| variant | seconds | reports rebuilt |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n\n"
    if a is not None:
        table += f"(a)/(c) = {a / c:.2f} (target >= 2), (c)/(b) = {c / b:.2f} (target <= 1.3). "
    table += (
        f"In (c) the workers spent {breakdown['execute']} s executing and {breakdown['render']} s rendering PDFs "
        f"and HTML twins. `make reports` also runs `sdlib validate` first: {v:.1f} s.\n"
    )
    out = paths.reports_dir() / "benchmarks"
    atomic_write(out / "report_suite.json", json.dumps(result, indent=2).encode())
    atomic_write(out / "report_suite.md", ("# Report suite benchmark\n\n" + table).encode())
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
