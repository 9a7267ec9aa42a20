"""Benchmark of ``sdlib data add`` on big input files (issue 23, item 5), and on a normal small publication.

Each case runs ``python -m sdlib --data-dir <copy> data add ...`` as a child process on a private copy of the
project (``data/``, ``notebooks/``, ``reports/schedule*.yml`` and ``reports/templates/`` in a temporary folder),
so the benchmark never touches the checkout's data. For every case it records the wall time, the peak resident
memory of the child (``os.wait4``), the exit code and the first lines of the message. Cases:

``dubbele_sleutels``
    2.000.000 rows (``--rows``) of one series with one key: every row after the first repeats the key of line 2.
``onbekende_reeksen``
    2.000.000 rows whose series ids are not in the catalog.
``dubbele_sleutels_onder_grens``, ``onbekende_reeksen_onder_grens``
    The same two mistakes in a file just under the size limit of a publication (so it is read, not refused by
    its size): the reading stops after the first 50 problems.
``rijgrens``
    One row more than the row limit of a publication: first every figure the catalog allows for the new source
    (about 46.600 rows, each correct), then the same figures for the sources already in ``data/``, which repeat
    figures that are stored. A publication cannot hold more correct rows than the catalog allows, so a file at the
    row limit always holds problems; the reading stops after the first 50 of them.
``grootste_geldige``
    The largest publication the catalog allows: every series x dimension value x year x measure once (about
    46.600 rows), added for real (checked, written, glossary and summary).
``klein``
    A normal small publication (``tests/fixtures/publication/test_js2025``: 9 figures, explanations, verdicts
    and passages), added for real.

``--sdlib-root`` runs the cases against another tree holding an ``sdlib`` package (e.g. ``git archive HEAD``
unpacked in /tmp), to measure before and after; ``--timeout`` stops a case that runs longer (it is then reported
as stopped, with the memory it had reached). Prints a table and writes ``reports/benchmarks/data_add_big.{json,md}``
(``--label`` names the run; runs with another label in the JSON file are kept, so before and after stand side by
side).

    .venv/bin/python benchmarks/data_add_big.py                  # all cases, against this checkout
    .venv/bin/python benchmarks/data_add_big.py --cases klein --repeat 3
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "reports" / "benchmarks"
FIXTURE = ROOT / "tests" / "fixtures" / "publication" / "test_js2025"
HEADER = "series,year,care_type,measure,value,table,reference_date,provisional,note\n"
NEW_SOURCE = ["--source-id", "bench2099", "--short-title", "Benchmark 2099", "--year", "2026"]
SMALL_SOURCE = [
    "--source-id",
    "test_js2025",
    "--short-title",
    "Jaarstukken 2025 (test)",
    "--title",
    "Jaarstukken 2025 (testpublicatie)",
    "--year",
    "2026",
    "--toelichtingen",
    str(FIXTURE / "toelichtingen.csv"),
    "--oordelen",
    str(FIXTURE / "oordelen.csv"),
    "--passages",
    str(FIXTURE / "passages.csv"),
]
CASES = [
    "dubbele_sleutels",
    "onbekende_reeksen",
    "dubbele_sleutels_onder_grens",
    "onbekende_reeksen_onder_grens",
    "rijgrens",
    "grootste_geldige",
    "klein",
]


# --- the input files ------------------------------------------------------------------------------------------------


def write_duplicates(path: Path, rows: int) -> None:
    """``rows`` rows of jeugdhulp_jeugdigen 2025 realisatie: the same key on every line, another value."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        for i in range(rows):
            fh.write(f"jeugdhulp_jeugdigen,2025,,realisatie,{4000 + i % 1000},Tabel 1,2025-12-31,false,\n")


def write_unknown(path: Path, rows: int) -> None:
    """``rows`` rows whose series ids (onbekende_reeks_<n>) are not in the catalog."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        for i in range(rows):
            fh.write(f"onbekende_reeks_{i},2025,,realisatie,{i % 1000},Tabel 1,2025-12-31,false,\n")


def rows_under(limit_bytes: int, writer, path: Path) -> int:
    """Write the largest file of ``writer``'s rows that stays under ``limit_bytes``; return its row count."""
    writer(path, 1000)
    per_row = (path.stat().st_size - len(HEADER)) / 1000
    rows = int((limit_bytes - len(HEADER)) / per_row * 0.98)
    writer(path, rows)
    while path.stat().st_size > limit_bytes:
        rows = int(rows * 0.99)
        writer(path, rows)
    return rows


def every_figure(data: Path, sources: list[str]):
    """Yield one correct row (as a dict) per series x dimension value x year x measure, for each source."""
    import itertools

    import yaml

    cat = yaml.safe_load((data / "catalog.yml").read_text(encoding="utf-8"))
    first, last = 1990, datetime.now().year + 5
    dims_all = list(cat["dimensions"])
    for source in sources:
        for sid, meta in cat["series"].items():
            if meta.get("records_only"):
                continue
            unit = cat["units"][meta["unit"]]
            lo, hi = meta.get("min", unit.get("min")), meta.get("max", unit.get("max"))
            value = 1.0
            if hi is not None and value > hi:
                value = hi
            if lo is not None and value < lo:
                value = lo
            value = str(int(value)) if unit.get("integer") or float(value).is_integer() else str(value)
            dims = meta.get("dimensions") or []
            spaces = [[str(v) for v in cat["dimensions"][d]["values"]] for d in dims]
            for year in range(first, last + 1):
                for combo in itertools.product(*spaces):
                    for measure in cat["measures"]:
                        row = dict.fromkeys(dims_all, "")
                        row.update(zip(dims, combo))
                        row.update(
                            series=sid,
                            year=str(year),
                            measure=measure,
                            value=value,
                            table="Tabel 1",
                            reference_date="",
                            provisional="false",
                            note="",
                            source=source,
                        )
                        yield row


def write_rows(path: Path, rows, columns: list[str], limit: int | None = None) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            if limit is not None and n >= limit:
                break
            writer.writerow(row)
            n += 1
    return n


def figure_columns(data: Path, with_source: bool) -> list[str]:
    import yaml

    cat = yaml.safe_load((data / "catalog.yml").read_text(encoding="utf-8"))
    cols = ["series", "year", *cat["dimensions"], "measure", "value", "table", "reference_date", "provisional", "note"]
    return cols + (["source"] if with_source else [])


def existing_sources(data: Path) -> list[str]:
    with open(data / "sources.csv", encoding="utf-8", newline="") as fh:
        return [r["id"] for r in csv.DictReader(fh)]


# --- running one case -----------------------------------------------------------------------------------------------


def project_copy(work: Path) -> Path:
    """A private copy of the project's data, notebooks, schedules and templates; return its folder."""
    root = work / "project"
    root.mkdir()
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (root / "reports").mkdir()
    for name in ("schedule.yml", "schedule_analisten.yml"):
        if (ROOT / "reports" / name).is_file():
            shutil.copy(ROOT / "reports" / name, root / "reports" / name)
    if (ROOT / "reports" / "templates").is_dir():
        shutil.copytree(ROOT / "reports" / "templates", root / "reports" / "templates")
    return root


def run_add(root: Path, sdlib_root: Path, args: list[str], timeout: float) -> dict:
    """Run ``sdlib data add`` on the copy at ``root``; return time, peak memory, exit code and message."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(sdlib_root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["SDLIB_ROOT"] = str(root)
    env.pop("SDLIB_DATA_DIR", None)
    env.pop("SDLIB_REPORTS_DIR", None)
    out_path, err_path = root / "stdout.txt", root / "stderr.txt"
    cmd = [sys.executable, "-m", "sdlib", "--data-dir", str(root / "data"), "data", "add", *args]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        stopped = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.kill(proc.pid, signal.SIGKILL)  # only the child this benchmark started
                pid, status, usage = os.wait4(proc.pid, 0)
                stopped = True
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = err_path.read_text(encoding="utf-8", errors="replace") + out_path.read_text(
        encoding="utf-8", errors="replace"
    )
    lines = [line for line in text.splitlines() if line.strip()]
    return {
        "seconds": round(wall, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: kilobytes
        "exit_code": None if stopped else proc.returncode,
        "stopped_after_timeout": stopped,
        "first_line": lines[0] if lines else "",
        "message_head": lines[:4],
        "message_lines": len(lines),
        "message_chars": len(text),
    }


def prepare_case(name: str, work: Path, data: Path, rows: int) -> tuple[list[str], dict]:
    """Write the input of case ``name`` in ``work``; return the add's arguments and what the input is."""
    path = work / f"{name}.csv"
    limits = _limits()
    if name == "dubbele_sleutels":
        write_duplicates(path, rows)
        info = {"rows": rows}
    elif name == "onbekende_reeksen":
        write_unknown(path, rows)
        info = {"rows": rows}
    elif name == "dubbele_sleutels_onder_grens":
        info = {"rows": rows_under(limits["bytes"], write_duplicates, path)}
    elif name == "onbekende_reeksen_onder_grens":
        info = {"rows": rows_under(limits["bytes"], write_unknown, path)}
    elif name == "rijgrens":
        if limits["rows"] is None:
            return [], {"skipped": "deze versie van sdlib heeft geen rijgrens"}
        sources = ["bench2099", *existing_sources(data)]
        n = write_rows(path, every_figure(data, sources), figure_columns(data, True), limits["rows"] + 1)
        info = {"rows": n}
    elif name == "grootste_geldige":
        n = write_rows(path, every_figure(data, ["bench2099"]), figure_columns(data, False))
        info = {"rows": n}
    elif name == "klein":
        return [str(FIXTURE / "cijfers.csv"), *SMALL_SOURCE], {"rows": 9}
    else:
        raise SystemExit(f"unknown case {name!r}; choose from {', '.join(CASES)}")
    info["megabytes"] = round(path.stat().st_size / 1e6, 1)
    return [str(path), *NEW_SOURCE], info


def _limits() -> dict:
    """The limits of a publication in the sdlib being measured (this checkout's when it has them)."""
    try:
        from sdlib.data.update import MAX_PUBLICATION_BYTES, MAX_PUBLICATION_ROWS

        return {"rows": MAX_PUBLICATION_ROWS, "bytes": MAX_PUBLICATION_BYTES}
    except ImportError:
        from sdlib.data.catalog import MAX_DATA_BYTES

        return {"rows": None, "bytes": MAX_DATA_BYTES}


# --- report ---------------------------------------------------------------------------------------------------------


def _nl(x, decimals: int = 0) -> str:
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def markdown(doc: dict) -> str:
    lines = [
        "# `sdlib data add` on big input files",
        "",
        "Written by `benchmarks/data_add_big.py`. Wall time and peak resident memory of the `sdlib data add` "
        "process; the first line of what it printed.",
        "",
    ]
    for label, run in doc["runs"].items():
        lines += [
            f"## {label}",
            "",
            f"{run['when']}, {run['machine']}, sdlib from `{run['sdlib_root']}`; limits: {run['limits']}",
            "",
            "| case | rows | MB | seconds | peak MB | exit | first line |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for name, r in run["cases"].items():
            if "skipped" in r:
                lines.append(f"| {name} | | | | | | {r['skipped']} |")
                continue
            exit_code = "gestopt" if r["stopped_after_timeout"] else r["exit_code"]
            first = r["first_line"].replace("|", "\\|")
            lines.append(
                f"| {name} | {_nl(r['rows'])} | {_nl(r.get('megabytes', 0), 1)} | {_nl(r['seconds'], 2)} | "
                f"{_nl(r['peak_rss_mb'])} | {exit_code} | {first} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of: {', '.join(CASES)}")
    parser.add_argument("--rows", type=int, default=2_000_000, help="rows of the two big cases (default 2.000.000)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a case is stopped (default 900)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the fastest is kept (default 1)")
    parser.add_argument("--sdlib-root", type=Path, default=ROOT, help="tree holding the sdlib package to measure")
    parser.add_argument("--label", default=None, help="name of this run in the report (default: the sdlib root)")
    parser.add_argument("--out", type=Path, default=OUT / "data_add_big.json")
    args = parser.parse_args(argv)
    sdlib_root = args.sdlib_root.resolve()
    sys.path.insert(0, str(sdlib_root))
    label = args.label or ("this checkout" if sdlib_root == ROOT else str(sdlib_root))
    limits = _limits()
    run = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "sdlib_root": str(sdlib_root),
        "limits": f"{limits['rows'] or 'geen'} rijen, {limits['bytes'] / 1e6:.0f} MB",
        "cases": {},
    }
    for name in [c.strip() for c in args.cases.split(",") if c.strip()]:
        best = None
        for _ in range(max(1, args.repeat)):
            with tempfile.TemporaryDirectory(prefix="sdlib-bench-add-") as tmp:
                work = Path(tmp)
                root = project_copy(work)
                add_args, info = prepare_case(name, work, root / "data", args.rows)
                if "skipped" in info:
                    best = info
                    break
                result = info | run_add(root, sdlib_root, add_args, args.timeout)
            if best is None or result["seconds"] < best["seconds"]:
                best = result
        run["cases"][name] = best
        if "skipped" in best:
            print(f"{name}: {best['skipped']}", flush=True)
            continue
        state = "gestopt na de tijdslimiet" if best["stopped_after_timeout"] else f"exitcode {best['exit_code']}"
        print(
            f"{name}: {_nl(best['rows'])} regels, {_nl(best.get('megabytes', 0), 1)} MB -> {_nl(best['seconds'], 2)} s, "
            f"piek {_nl(best['peak_rss_mb'])} MB, {state}\n    {best['first_line'][:200]}",
            flush=True,
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    doc = {"runs": {}}
    if args.out.is_file():
        try:
            doc = json.loads(args.out.read_text(encoding="utf-8"))
        except ValueError:
            pass
    previous = doc.setdefault("runs", {}).get(label, {}).get("cases", {})
    run["cases"] = previous | run["cases"]  # a run of some cases keeps the others of the same label
    doc["runs"][label] = run
    args.out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(doc), encoding="utf-8")
    print(f"geschreven: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
