"""Running report jobs: validate parameters, execute in parallel processes, write PDFs and HTML twins atomically.

Every job is checked before anything runs (report name, parameters, output name, that every file stays inside
the output folder); if one is refused, nothing runs. A job that fails never replaces an earlier good PDF: its
executed notebook and error go to ``<out>/failed/`` and the run's exit code is non-zero. Every output is written to a temporary file in the
same folder and renamed into place, so a reader (or a second run at the same time) never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from sdlib.data import paths
from sdlib.data.contract import read_title_page
from sdlib.data.fileio import atomic_write, atomic_write_together, remove_stale_temps
from sdlib.report.execute import die_with_parent, execute_notebook, remove_stale_kernel_files
from sdlib.report.params import ParameterError, ReportSkipped, read_parameters, validate_parameters
from sdlib.report.render import MissingAltError, html_to_pdf, notebook_blocks, report_html
from sdlib.report.schedule import Job, check_file_name, notebook_path, shown

__all__ = ["Result", "ReportRunError", "prepare", "output_folder", "run_jobs", "run_task", "warm_up"]

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colour codes in a kernel's traceback
SKIP_ERRORS = {"MissingDataError", "ReportSkipped", "UnknownSeriesError"}  # the data has nothing for the report
PACKAGES = [
    "sdlib",
    "pandas",
    "matplotlib",
    "seaborn",
    "pandera",
    "babel",
    "papermill",
    "nbclient",
    "nbconvert",
    "ipykernel",
    "weasyprint",
    "duckdb",
    "ibis-framework",
]


@dataclass
class Result:
    """Outcome of one job: status is ``ok``, ``failed`` (while running) or ``invalid`` (refused before)."""

    report: str
    status: str
    seconds: float
    output: str
    error: str = ""
    html: str = ""  # the HTML twin beside the PDF


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def _data_files() -> dict:
    root = paths.data_dir()
    return {
        str(p.relative_to(root.parent)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _data_version(files: dict) -> str:
    """Return the data version: the first 12 characters of a digest of every data file's hash."""
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:12]


class ReportRunError(ParameterError):
    """One or more requested reports were refused before anything ran; ``problems`` lists every one."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        if len(self.problems) == 1:
            text = f"{self.problems[0]}\nEr is niets uitgevoerd."
        else:
            text = f"{len(self.problems)} problemen; er is niets uitgevoerd:\n" + "\n".join(
                f"  - {p}" for p in self.problems
            )
        super().__init__(text)


def output_folder(out_dir: Path | None = None) -> Path:
    """Return the resolved output folder (default ``reports/``); refuse a file or a ``failed/`` that is no folder.

    The folder is not created here: that happens only when every job has been accepted.
    """
    out = Path(out_dir) if out_dir is not None else paths.reports_dir()
    if out.exists() and not out.is_dir():
        raise ParameterError(f"uitvoermap (--out) {shown(out)} is geen map")
    resolved = out.resolve()
    failed = resolved / "failed"
    if failed.is_symlink() or (failed.exists() and not failed.is_dir()):
        raise ParameterError(
            f"{shown(out / 'failed')} is geen gewone map (een link of een bestand); de runner "
            "schrijft daar mislukte rapporten en gebruikt hem daarom niet"
        )
    return resolved


def _output_problem(out: Path, name: str) -> str | None:
    """Return why the files of output ``name`` would not lie inside ``out`` (resolved), or None."""
    failed = out / "failed"
    targets = [
        (out / f"{name}.pdf", out),
        (out / f"{name}.html", out),
        (out / f"{name}.manifest.json", out),
        (failed / f"{name}.ipynb", failed),
        (failed / f"{name}.error.txt", failed),
    ]
    for target, folder in targets:
        if not target.resolve().is_relative_to(folder):
            return f"{shown(target)} leidt naar {target.resolve()}, buiten {shown(folder)}; er wordt niets geschreven"
    return None


def prepare(
    jobs: list[Job], notebooks_dir: Path, out_dir: Path | None = None, *, providers: dict | None = None
) -> tuple[list[dict], list[Result]]:
    """Check every job before anything runs; return runnable tasks and refused results.

    Checked: the report name (a notebook in ``notebooks_dir``), the parameters, the output name (a plain file
    name from ``{name}`` and parameters) and that every file the job writes lies inside the output folder.
    """
    out = output_folder(out_dir)
    tasks, refused, seen = [], [], {}
    for job in jobs:
        try:
            try:
                path = notebook_path(job.notebook, notebooks_dir)
            except ParameterError as exc:  # the message names the report already
                raise ParameterError(f"{job.origin}: {exc}" if job.origin else str(exc)) from None
            values = validate_parameters(read_parameters(path), job.parameters, notebook=job.label, providers=providers)
            try:
                output = job.output_name(values)
            except ParameterError as exc:
                raise ParameterError(f"{job.label}: {exc}") from None
            problem = _output_problem(out, output)
            if problem:
                raise ParameterError(f"{job.label}: {problem}")
            if output in seen:
                raise ParameterError(
                    f"{job.label}: schrijft naar {output}.pdf, net als {seen[output]}; geef een "
                    "eigen uitvoernaam, bijvoorbeeld '{name}_{jaar}'"
                )
            seen[output] = job.label
            tasks.append({"notebook": str(path), "name": job.notebook, "parameters": values, "output": output})
        except ReportSkipped as exc:
            refused.append(Result(job.notebook, "skipped", 0.0, "", str(exc)))
        except ParameterError as exc:
            refused.append(Result(job.notebook, "invalid", 0.0, "", str(exc)))
    return tasks, refused


def _longest_first(tasks: list[dict], out: Path) -> list[dict]:
    """Order tasks by the duration their previous run recorded, longest first (unknown ones first of all).

    Starting the long reports first keeps all workers busy until the end of the run.
    """

    def last_duration(task):
        try:
            return json.loads((out / f"{task['output']}.manifest.json").read_text())["durations_s"]["total"]
        except (OSError, ValueError, KeyError):
            return float("inf")

    return sorted(tasks, key=last_duration, reverse=True)


def warm_up() -> None:
    """Import the execution and rendering libraries and render a tiny page, so fonts are loaded once."""
    import nbclient  # noqa: F401
    import papermill.parameterize  # noqa: F401

    html_to_pdf(
        '<html lang="nl-NL"><head><title>opwarmen</title></head><body><h1>Aa</h1><p>Aa 1.234,5 € '
        "<b>vet</b> <i>schuin</i></p></body></html>"
    )


def run_task(task: dict, out_dir: str, run_id: str) -> dict:
    """Execute one notebook and render its PDF and HTML twin (in a worker process); return a Result as a dict."""
    from nbclient.exceptions import CellExecutionError

    out = Path(out_dir)
    check_file_name(task["output"])  # prepare() checked it; a plain file name never leaves ``out``
    start = time.perf_counter()
    pdf_path, html_path = out / f"{task['output']}.pdf", out / f"{task['output']}.html"
    nb = None
    try:
        nb = execute_notebook(Path(task["notebook"]), task["parameters"], closing=task.get("closing"))
        executed = time.perf_counter()
        page = read_title_page(nb, task["name"], task["parameters"])
        files = _data_files()
        made = dt.datetime.now()
        document = report_html(
            notebook_blocks(nb),
            title=page.title,
            period=page.period,
            sources=page.sources,
            status=page.status,
            run_date=made,
            allow_missing_alt=task.get("allow_missing_alt", False),
        )
        pdf = html_to_pdf(document)
        done = time.perf_counter()
        manifest = {
            "report": task["name"],
            "run_id": run_id,
            "notebook": task["notebook"],
            "output": str(pdf_path),
            "html": str(html_path),
            "parameters": task["parameters"],
            "created": made.isoformat(timespec="seconds"),
            "title_page": asdict(page),
            "data_version": _data_version(files),
            "images_without_alt": document.count('class="sd-chart sd-no-alt"'),
            "durations_s": {
                "execute": round(executed - start, 2),
                "render": round(done - executed, 2),
                "total": round(done - start, 2),
            },
            "data_files": files,
            "packages": _versions(),
        }
        # the PDF, its HTML twin and the manifest change together, or not at all (a full disk, a size limit)
        atomic_write_together(
            {
                html_path: document.encode("utf-8"),
                pdf_path: pdf,
                out / f"{task['output']}.manifest.json": json.dumps(manifest, indent=2).encode(),
            }
        )
        _remove_earlier_failure(out, task["output"])
        return asdict(Result(task["output"], "ok", round(done - start, 2), str(pdf_path), html=str(html_path)))
    except CellExecutionError as exc:
        if getattr(exc, "ename", "") in SKIP_ERRORS:  # the data has nothing for this report: skipped, not failed
            evalue = _ANSI.sub("", str(getattr(exc, "evalue", ""))).strip()
            return asdict(
                Result(
                    task["output"],
                    "skipped",
                    round(time.perf_counter() - start, 2),
                    "",
                    f"geen gegevens voor dit rapport: {evalue}"[:300],
                )
            )
        return _failure(task, out, exc, nb, start)
    except Exception as exc:  # one failing report must not stop the others
        return _failure(task, out, exc, nb, start)


def _failure(task: dict, out: Path, exc: Exception, nb, start: float) -> dict:
    """Keep the executed notebook and the error in ``out/failed``; return the failed Result as a dict."""
    import nbformat
    from nbclient.exceptions import CellExecutionError

    failed = out / "failed"
    if isinstance(exc, (CellExecutionError, MissingAltError)):
        error = str(exc)
    else:
        error = "".join(traceback.format_exception(exc))
    nb = getattr(exc, "notebook", None) or (nb if isinstance(exc, MissingAltError) else None)
    if nb is not None:
        atomic_write(failed / f"{task['output']}.ipynb", nbformat.writes(nb).encode())
    atomic_write(failed / f"{task['output']}.error.txt", error.encode())
    lines = [line for line in _ANSI.sub("", str(exc)).strip().splitlines() if line.strip()]
    if isinstance(exc, MissingAltError):
        first = str(exc).split(". ")[0] + "."
    else:
        first = lines[-1] if isinstance(exc, CellExecutionError) and lines else f"{type(exc).__name__}: {exc}"
    return asdict(
        Result(
            task["output"],
            "failed",
            round(time.perf_counter() - start, 2),
            str(failed / f"{task['output']}.error.txt"),
            first[:300],
        )
    )


def _remove_earlier_failure(out: Path, output: str) -> None:
    """Remove the files an earlier failure of this output left in ``out/failed`` (only the two the runner writes).

    Never follows a link: a link, a folder or any other file is left alone.
    """
    failed = out / "failed"
    if failed.is_symlink() or not failed.is_dir():
        return
    for stale in (failed / f"{output}.ipynb", failed / f"{output}.error.txt"):
        if not stale.is_symlink() and stale.is_file() and stale.parent == failed:
            stale.unlink(missing_ok=True)


def _clean_leftovers(out: Path) -> None:
    """Remove what a killed run left behind: temporary files in ``out`` and ``out/failed``, kernel files."""

    remove_stale_temps(out)
    failed = out / "failed"
    if failed.is_dir() and not failed.is_symlink():
        remove_stale_temps(failed)
    remove_stale_kernel_files()


def _worker_init(parent: int) -> None:
    """Initializer of a report worker: end together with the main process, even when it is killed."""

    die_with_parent(parent)


def run_jobs(
    jobs: list[Job],
    *,
    n_jobs: int | None = None,
    out_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    progress: bool = True,
    data_note: str | Callable[[], str] | None = None,
    closing_code: str | None = None,
    allow_missing_alt: bool = False,
    providers: dict | None = None,
) -> list[Result]:
    """Run report jobs in parallel processes and return one Result per job.

    Parameters
    ----------
    jobs : list of Job
        The reports to produce.
    n_jobs : int, optional
        Number of worker processes (default: the number of cores).
    out_dir : Path, optional
        Where the PDFs and manifests go (default ``reports/``).
    notebooks_dir : Path, optional
        Where the report notebooks are (default ``notebooks/reports``).
    progress : bool, default True
        Show a progress bar.
    data_note : str or callable, optional
        A sentence added to the technical details at the end of every report, or a function returning it,
        called once in this process when the jobs have been accepted. The runner itself only hashes the
        files of the data folder and knows nothing of their meaning.
    closing_code : str, optional
        Code run in every notebook's kernel as an extra last cell; its outputs end the report (the command
        line passes the one that adds the Verantwoording when a notebook did not show it).
    allow_missing_alt : bool, default False
        Mark an image without text alternative as a draft instead of failing the job.

    Raises
    ------
    ReportRunError
        When any job is refused (unknown report, bad parameter or output name): then nothing runs, no process
        starts and no file is written or removed; the error lists every problem.
    """
    import multiprocessing

    if n_jobs is not None and (isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1):
        raise ParameterError(f"--jobs moet een geheel getal van 1 of meer zijn, niet {n_jobs!r}")
    out = output_folder(out_dir)
    nbdir = Path(notebooks_dir) if notebooks_dir is not None else paths.notebooks_dir() / "reports"
    # everything is checked before a process starts or a file changes
    tasks, refused = prepare(jobs, nbdir, out, providers=providers)
    invalid = [r for r in refused if r.status == "invalid"]
    if invalid:
        raise ReportRunError([r.error for r in invalid])
    skipped = [r for r in refused if r.status == "skipped"]
    if not tasks:
        return skipped
    note = data_note() if callable(data_note) else (data_note or "")
    for task in tasks:
        task.update(data_note=note, closing=closing_code, allow_missing_alt=allow_missing_alt)
    out.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(out)
    run_id = f"{dt.datetime.now():%Y%m%dT%H%M%S}-{os.getpid()}"
    workers = max(1, min(n_jobs or os.cpu_count() or 1, len(tasks)))
    results = []
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    ) as pool:
        for _ in range(workers):  # workers load their libraries and fonts once
            pool.submit(warm_up)
        with _progress(progress, len(tasks)) as advance:
            futures = [pool.submit(run_task, t, str(out), run_id) for t in _longest_first(tasks, out)]
            for fut in as_completed(futures):
                result = Result(**fut.result())
                results.append(result)
                advance(result)
    order = {t["output"]: i for i, t in enumerate(tasks)}
    return sorted(results, key=lambda r: order.get(r.report, 0)) + skipped


class _progress:
    """A rich progress bar over the reports, naming the last one finished."""

    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total, self.bar = enabled, total, None

    def __enter__(self):
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("rapporten"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
            )
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self.advance

    def advance(self, result: Result) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"{result.report}: {result.status}")

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
