"""Running report jobs: validate parameters, execute in parallel processes, write PDFs and HTML twins atomically.

Every job is checked before anything runs (report name, parameters, output name, that every file stays inside
the output folder); if one is refused, nothing runs. A job that fails never replaces an earlier good PDF: its
executed notebook and error go to ``<out>/failed/`` and the run's exit code is non-zero. Every output is written to a temporary file in the
same folder and renamed into place, so a reader (or a second run at the same time) never sees half a file.

Only what changed is rebuilt: a report whose notebook, parameters, templates, software and the data files it
read (recorded while it ran, see :mod:`sdlib.report.inputs`) are as its manifest says, and whose outputs are
there, is kept ("unchanged"). One run at a time holds the output folder (:mod:`sdlib.report.lock`). A *pack*
run (a schedule: ``pack=`` given) also keeps every new version in the archive (:mod:`sdlib.report.archive`),
writes ``run.json`` for schedulers and, through the caller's ``describe_changes``, ``wijzigingen.html``.
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
from sdlib.data.fileio import (
    UnreadableFileError,
    atomic_write,
    atomic_write_together,
    read_bounded,
    remove_stale_temps,
)
from sdlib.report.archive import Archive, ArchiveError, ReportVersions, Version
from sdlib.report.execute import die_with_parent, execute_notebook, remove_stale_kernel_files
from sdlib.report.inputs import (
    PACKAGES,
    READ_LOG,
    Freshness,
    new_read_log,
    package_versions,
    read_log,
    remove_stale_read_logs,
)
from sdlib.report.lock import RunLockedError, run_lock
from sdlib.report.params import ParameterError, ReportSkipped, read_parameters, validate_parameters
from sdlib.report.render import MissingAltError, html_to_pdf, link_glossary, notebook_blocks, report_html
from sdlib.report.schedule import Job, check_file_name, notebook_path, shown

__all__ = [
    "Result",
    "RunResults",
    "ReportRunError",
    "RunLockedError",
    "prepare",
    "output_folder",
    "run_jobs",
    "run_task",
    "warm_up",
    "STATUS_WORDS",
    "PACKAGES",
]

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colour codes in a kernel's traceback
SKIP_ERRORS = {"MissingDataError", "ReportSkipped", "UnknownSeriesError"}  # the data has nothing for the report
# the status of a report in run.json and in the summary
STATUS_WORDS = {"ok": "ok", "unchanged": "ongewijzigd", "failed": "mislukt", "skipped": "overgeslagen"}
RUN_FILE = "run.json"
CHANGES_FILE = "wijzigingen"  # .html and .txt in the output folder, .html in the archive


@dataclass
class Result:
    """Outcome of one job.

    ``status`` is ``ok`` (made), ``unchanged`` (current: its files are kept), ``skipped`` (the data has nothing
    for it), ``failed`` (while running) or ``invalid`` (refused before). ``reason`` says why it was (re)made or
    kept; ``archived`` is the archived PDF of a pack run (empty when none was archived).
    """

    report: str
    status: str
    seconds: float
    output: str
    error: str = ""
    html: str = ""  # the HTML twin beside the PDF
    reason: str = ""
    archived: str = ""


class RunResults(list):
    """The Results of a run (a list), with what a pack run adds: the archive and the change summary.

    ``versions``: one :class:`~sdlib.report.archive.ReportVersions` per report of a pack run (and per report
    dropped from the pack); ``changes_text``: the change summary the caller's ``describe_changes`` gave;
    ``changes_error``: why it could not be made; ``pack_error``: why the archive or run.json could not be
    written (the reports themselves are made); ``run_file``: the run.json written.
    """

    pack: str | None = None
    versions: list
    changes_text: str = ""
    changes_error: str = ""
    pack_error: str = ""
    run_file: Path | None = None

    def __init__(self, items=()):
        super().__init__(items)
        self.versions = []


def _versions() -> dict:
    return package_versions()


def _data_files() -> dict:
    """Every file of the data folder (relative to the folder above it, as ``data/...``) and its sha256.

    Kept for readers of earlier manifests (the training material counts them); what a report read is ``inputs``.
    """
    root = paths.data_dir()
    return {
        str(p.relative_to(root.parent)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _data_version(files: dict) -> str:
    """Return the data version: the first 12 characters of a digest of the hashes of the files read."""
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


GLOSSARY_REPORT = "begrippenlijst"  # the report whose HTML twin the other reports of a pack link to


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
            specs = read_parameters(path)
            values = validate_parameters(specs, job.parameters, notebook=job.label, providers=providers)
            path_parameters = [spec.name for spec in specs if spec.choice is not None and spec.choice.path]
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
            tasks.append(
                {
                    "notebook": str(path),
                    "name": job.notebook,
                    "parameters": values,
                    "output": output,
                    "path_parameters": path_parameters,
                    # as the manifest shows them: a file inside the checkout relative to it
                    "shown_parameters": {
                        k: shown(v) if k in path_parameters and isinstance(v, str) and os.path.isabs(v) else v
                        for k, v in values.items()
                    },
                }
            )
        except ReportSkipped as exc:
            refused.append(Result(job.notebook, "skipped", 0.0, "", str(exc)))
        except ParameterError as exc:
            refused.append(Result(job.notebook, "invalid", 0.0, "", str(exc)))
    # the HTML twins link the glossary when it is made in this run or already lies in the same folder
    glossary = next((t["output"] for t in tasks if t["name"] == GLOSSARY_REPORT), None)
    if glossary is None and (out / f"{GLOSSARY_REPORT}.html").is_file():
        glossary = GLOSSARY_REPORT
    for task in tasks:
        if glossary is not None and task["name"] != GLOSSARY_REPORT:
            task["glossary"] = f"{glossary}.html"
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
    """Execute one notebook and render its PDF and HTML twin (in a worker process); return a Result as a dict.

    The kernel records every data file it reads (``SDLIB_READ_LOG``); the manifest names them as ``inputs``
    with their sha256, beside the recipe (notebook, parameters, templates, software) and the sha256 of the PDF
    and the HTML twin. Paths in the manifest are relative to the checkout (as :func:`shown` names them).
    """
    from nbclient.exceptions import CellExecutionError

    out = Path(out_dir)
    check_file_name(task["output"])  # prepare() checked it; a plain file name never leaves ``out``
    start = time.perf_counter()
    pdf_path, html_path = out / f"{task['output']}.pdf", out / f"{task['output']}.html"
    nb = None
    log = None
    try:
        _worker_log()
        log = new_read_log()
        env = {**os.environ, READ_LOG: str(log)}
        nb = execute_notebook(Path(task["notebook"]), task["parameters"], closing=task.get("closing"), env=env)
        executed = time.perf_counter()
        kernel_inputs, kernel_complete = read_log(log, paths.data_dir())
        page = read_title_page(nb, task["name"], task["parameters"])
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
        inputs, complete = _with_worker_reads(kernel_inputs, kernel_complete)
        html_bytes = link_glossary(document, task.get("glossary")).encode("utf-8")
        manifest = {
            "report": task["name"],
            "output_name": task["output"],
            "run_id": run_id,
            "notebook": shown(task["notebook"]),
            "output": shown(pdf_path),
            "html": shown(html_path),
            "parameters": task.get("shown_parameters", task["parameters"]),
            "created": made.isoformat(timespec="seconds"),
            "reason": task.get("reason", ""),
            "title_page": asdict(page),
            "data_version": _data_version(inputs),
            "images_without_alt": document.count('class="sd-chart sd-no-alt"'),
            "durations_s": {
                "execute": round(executed - start, 2),
                "render": round(done - executed, 2),
                "total": round(done - start, 2),
            },
            "outputs": {
                "pdf": {"file": pdf_path.name, "sha256": hashlib.sha256(pdf).hexdigest()},
                "html": {"file": html_path.name, "sha256": hashlib.sha256(html_bytes).hexdigest()},
            },
            "inputs": inputs,  # the data files the notebook read (relative to the data folder) and their sha256
            "inputs_complete": complete,
            "recipe": task.get("recipe", {}),
            "data_files": _data_files(),
            "packages": _versions(),
        }
        # the PDF, its HTML twin and the manifest change together, or not at all (a full disk, a size limit)
        atomic_write_together(
            {
                html_path: html_bytes,
                pdf_path: pdf,
                out / f"{task['output']}.manifest.json": json.dumps(manifest, indent=2, ensure_ascii=False).encode(),
            }
        )
        _remove_earlier_failure(out, task["output"])
        return asdict(
            Result(
                task["output"],
                "ok",
                round(done - start, 2),
                str(pdf_path),
                html=str(html_path),
                reason=task.get("reason", ""),
            )
        )
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
    finally:
        if log is not None:
            log.unlink(missing_ok=True)


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
            reason=task.get("reason", ""),
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
    remove_stale_read_logs()


def _worker_init(parent: int) -> None:
    """Initializer of a report worker: end together with the main process, even when it is killed; log its reads."""

    die_with_parent(parent)
    _worker_log()


_WORKER_LOG: list = []  # the read log of this worker process (at most one)


def _worker_log() -> Path | None:
    """The read log of this worker process itself, created once (``SDLIB_READ_LOG`` of the worker).

    The worker reads data too while it renders (the organisation on the title page, from the data folder) and keeps
    what it read cached for the next report, so every report of the worker counts those reads among its inputs.
    """
    if not _WORKER_LOG:
        import atexit

        try:
            log = new_read_log()
        except OSError:
            return None
        os.environ[READ_LOG] = str(log)
        atexit.register(log.unlink, missing_ok=True)
        _WORKER_LOG.append(log)
    return _WORKER_LOG[0]


def _with_worker_reads(inputs: dict, complete: bool) -> tuple[dict, bool]:
    """Add the data files this worker process read itself (while rendering) to a report's inputs."""
    log = _WORKER_LOG[0] if _WORKER_LOG else None
    if log is None:
        return inputs, False  # the worker's own reads are unknown
    extra, _ = read_log(log, paths.data_dir())
    if not extra:
        return inputs, complete
    merged = dict(inputs)
    for rel, sha in extra.items():
        if merged.setdefault(rel, sha) != sha:
            complete = False  # the kernel and the worker read two versions of one file
    return dict(sorted(merged.items())), complete


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
    force: bool = False,
    wait: float = 0.0,
    pack: str | None = None,
    describe_changes: Callable | None = None,
) -> RunResults:
    """Run report jobs in parallel processes and return one Result per job (a :class:`RunResults`).

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
    force : bool, default False
        Rebuild every report, also those whose files are current (``--opnieuw``).
    wait : float, default 0
        Seconds to wait for another run that holds the output folder (then :class:`RunLockedError`).
    pack : str, optional
        The name of the pack (the schedule file, as shown to users). With it the run keeps every new version in
        ``<out>/archief/``, writes ``<out>/run.json`` and notes the reports dropped since the previous run of
        the same pack.
    describe_changes : callable, optional
        For a pack run: ``describe_changes(versions, archive)`` with a list of
        :class:`~sdlib.report.archive.ReportVersions` and the :class:`~sdlib.report.archive.Archive`; returns
        ``(text, page)`` where ``page(links)`` gives the HTML of the change summary for ``{output: href}``.
        Written as ``<out>/wijzigingen.html`` (and ``.txt``) and, when a version was archived, in the archive.
        An error in it never fails the run (it is reported in ``changes_error`` and run.json).

    Raises
    ------
    ReportRunError
        When any job is refused (unknown report, bad parameter or output name): then nothing runs, no process
        starts and no file is written or removed; the error lists every problem.
    RunLockedError
        When another run holds the output folder (after ``wait`` seconds); nothing was written.
    """
    if n_jobs is not None and (isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1):
        raise ParameterError(f"--jobs moet een geheel getal van 1 of meer zijn, niet {n_jobs!r}")
    if isinstance(wait, bool) or not isinstance(wait, (int, float)) or not wait >= 0:
        raise ParameterError(f"--wacht moet 0 of meer seconden zijn, niet {wait!r}")
    out = output_folder(out_dir)
    nbdir = Path(notebooks_dir) if notebooks_dir is not None else paths.notebooks_dir() / "reports"
    # everything is checked before a process starts or a file changes
    tasks, refused = prepare(jobs, nbdir, out, providers=providers)
    invalid = [r for r in refused if r.status == "invalid"]
    if invalid:
        raise ReportRunError([r.error for r in invalid])
    _check_run_files(out, pack is not None)
    skipped = [r for r in refused if r.status == "skipped"]
    if not tasks and pack is None:
        return RunResults(skipped)
    note = data_note() if callable(data_note) else (data_note or "")
    for task in tasks:
        task.update(data_note=note, closing=closing_code, allow_missing_alt=allow_missing_alt)
    out.mkdir(parents=True, exist_ok=True)
    with run_lock(out, wait=wait, shown=shown(out)):
        started = dt.datetime.now()
        _clean_leftovers(out)
        run_id = f"{started:%Y%m%dT%H%M%S}-{os.getpid()}"
        fresh = Freshness(out, paths.data_dir(), paths.project_root() / "reports" / "templates")
        stale, kept, manifests = [], [], {}
        for task in tasks:
            task["recipe"] = fresh.recipe(task)
            manifests[task["output"]] = fresh.previous_manifest(task["output"])
            reasons = ["--opnieuw"] if force else fresh.stale_reasons(task, manifests[task["output"]])
            if reasons:
                task["reason"] = "; ".join(reasons)
                stale.append(task)
            else:
                made = str(manifests[task["output"]].get("created", ""))
                kept.append(
                    Result(
                        task["output"],
                        "unchanged",
                        0.0,
                        str(out / f"{task['output']}.pdf"),
                        html=str(out / f"{task['output']}.html"),
                        reason=f"niets gewijzigd sinds {made.replace('T', ' ')[:16]}" if made else "niets gewijzigd",
                    )
                )
        results = kept + _execute(stale, out, run_id, n_jobs, progress)
        order = {t["output"]: i for i, t in enumerate(tasks)}
        runs = RunResults(sorted(results, key=lambda r: order.get(r.report, 0)) + skipped)
        if pack is not None:
            try:
                _finish_pack(runs, tasks, out, pack, run_id, started, force, describe_changes)
            except (OSError, ArchiveError) as exc:  # the reports are made; the bookkeeping failed (a full disk)
                runs.pack_error = f"het archief of run.json kon niet worden geschreven: {exc}"
    return runs


def _check_run_files(out: Path, pack: bool) -> None:
    """Refuse (before anything runs) a lock file, run.json or change summary that is a link or no file."""
    names = [".sdlib-run.lock"] + ([RUN_FILE, f"{CHANGES_FILE}.html", f"{CHANGES_FILE}.txt"] if pack else [])
    for name in names:
        path = out / name
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise ParameterError(
                f"{shown(path)} is geen gewoon bestand (een link of een map); er wordt niets geschreven"
            )
    if pack:
        Archive(out).check()


def _execute(tasks: list[dict], out: Path, run_id: str, n_jobs: int | None, progress: bool) -> list[Result]:
    """Run the tasks in worker processes, longest first; return their Results."""
    import multiprocessing

    if not tasks:
        return []
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
    remove_stale_read_logs()  # the workers have ended: their own read logs go
    return results


def _read_json(path: Path, limit: int = 20_000_000):
    try:
        return json.loads(read_bounded(path, limit))
    except (UnreadableFileError, ValueError):
        return None


def _archive_current(
    archive: Archive, out: Path, output: str, date: dt.date, data_dir: Path
) -> tuple[Version | None, str]:
    """Archive the files of ``output`` now in ``out`` (after checking them against their manifest)."""
    manifest = _read_json(out / f"{output}.manifest.json")
    try:
        pdf = read_bounded(out / f"{output}.pdf", 2_000_000_000)
        html_doc = read_bounded(out / f"{output}.html", 2_000_000_000)
    except UnreadableFileError as exc:
        return None, f"niet gearchiveerd: {exc.reason}"
    recorded = (manifest or {}).get("outputs") or {}
    for kind, data in (("pdf", pdf), ("html", html_doc)):
        if (recorded.get(kind) or {}).get("sha256") != hashlib.sha256(data).hexdigest():
            return None, "niet gearchiveerd: de bestanden kloppen niet met hun manifest"
    missing = archive.store_data(manifest.get("inputs") or {}, data_dir)
    version = archive.add_report(date=date, name=output, pdf=pdf, html_doc=html_doc, manifest=manifest)
    note = f"gegevens niet bewaard (intussen gewijzigd): {', '.join(missing[:3])}" if missing else ""
    return version, note


def _finish_pack(runs: RunResults, tasks, out, pack, run_id, started, force, describe_changes) -> None:
    """Archive the new versions, write the change summary, the archive index and run.json (under the lock)."""
    archive = Archive(out)
    archive.clean_leftovers()
    versions, pages = archive.load()
    before = {name: archive.latest(versions, name) for name in {r.report for r in runs}}
    date = started.date()
    previous_run = _read_json(out / RUN_FILE) or {}
    same_pack = isinstance(previous_run, dict) and previous_run.get("pack") == pack
    earlier = {
        item.get("report")
        for item in (previous_run.get("reports") or [] if same_pack else [])
        if isinstance(item, dict) and isinstance(item.get("report"), str)
    }
    for r in runs:
        entry = ReportVersions(
            r.report,
            r.status,
            r.reason,
            previous=before.get(r.report),
            error=r.error,
            in_previous_run=(r.report in earlier) if same_pack else None,
        )
        archive_it = r.status == "ok"
        if r.status == "unchanged":  # kept: archive it when this version is not in the archive yet
            manifest = _read_json(out / f"{r.report}.manifest.json") or {}
            current_sha = ((manifest.get("outputs") or {}).get("pdf") or {}).get("sha256", "")
            archive_it = entry.previous is None or current_sha != entry.previous.pdf_sha256
        if archive_it:
            try:
                version, note = _archive_current(archive, out, r.report, date, paths.data_dir())
            except (OSError, ArchiveError, ParameterError) as exc:
                version, note = None, f"niet gearchiveerd: {exc}"
            if version is not None:
                versions.append(version)
                entry.current = version
                r.archived = str(archive.root / version.files["pdf"]["file"])
            if note:
                r.reason = f"{r.reason}; {note}" if r.reason else note
        runs.versions.append(entry)
    # reports of the previous run of this pack that this run no longer has
    now = {r.report for r in runs}
    for name in sorted(earlier - now):
        runs.versions.append(
            ReportVersions(name, "dropped", previous=archive.latest(versions, name), in_previous_run=True)
        )
    css, organisation = _page_style()
    written = {}
    if describe_changes is not None:
        try:
            text, page = describe_changes(runs.versions, archive)
            links = {v.output: f"{v.output}.html" for v in runs.versions if v.status in ("ok", "unchanged")}
            atomic_write_together(
                {
                    out / f"{CHANGES_FILE}.html": page(links).encode("utf-8"),
                    out / f"{CHANGES_FILE}.txt": (text.rstrip() + "\n").encode("utf-8"),
                }
            )
            written["changes"] = shown(out / f"{CHANGES_FILE}.html")
            runs.changes_text = text
            if any(v.current is not None for v in runs.versions):
                archived_links = {v.output: v.current.stem + ".html" for v in runs.versions if v.current is not None}
                saved = archive.add_page(
                    date=date,
                    stem=CHANGES_FILE,
                    document=page(archived_links).encode("utf-8"),
                    created=started.isoformat(timespec="seconds"),
                )
                pages.append(saved)
                written["changes_archived"] = shown(archive.root / saved.file)
        except Exception as exc:  # the reports are published; a summary that fails must not undo that
            runs.changes_error = f"{type(exc).__name__}: {exc}"[:500]
    archive.write_index(versions, pages, css=css, organisation=organisation)
    runs.pack = pack
    runs.run_file = out / RUN_FILE
    _write_run_file(runs, tasks, out, pack, run_id, started, force, written, archive)


def _page_style() -> tuple[str, str]:
    """The reports' style sheet (for the archive index) and the organisation."""
    try:
        css = (paths.project_root() / "reports" / "templates" / "report.css").read_text(encoding="utf-8")
    except OSError:
        css = ""
    try:
        from sdlib.data.config import municipality

        organisation = municipality().organisation
    except Exception:
        organisation = "Gemeente"
    return css, organisation


def _write_run_file(runs: RunResults, tasks, out: Path, pack, run_id, started, force, written, archive) -> None:
    """Write ``run.json``: per report its status (ok, ongewijzigd, mislukt, overgeslagen) and the reason."""
    finished = dt.datetime.now()
    notebooks = {t["output"]: shown(t["notebook"]) for t in tasks}
    reports = []
    for r in runs:
        item = {
            "report": r.report,
            "status": STATUS_WORDS.get(r.status, r.status),
            "reason": r.error if r.status in ("failed", "skipped") else r.reason,
            "seconds": r.seconds,
        }
        if r.report in notebooks:
            item["notebook"] = notebooks[r.report]
        if r.status in ("ok", "unchanged"):
            item.update(
                pdf=shown(out / f"{r.report}.pdf"),
                html=shown(out / f"{r.report}.html"),
                manifest=shown(out / f"{r.report}.manifest.json"),
            )
        if r.status == "failed":
            item["error_file"] = shown(r.output) if r.output else ""
        if r.archived:
            item["archived"] = shown(r.archived)
        reports.append(item)
    counts = {word: sum(1 for r in runs if STATUS_WORDS.get(r.status) == word) for word in STATUS_WORDS.values()}
    failed = counts["mislukt"] > 0
    doc = {
        "run_id": run_id,
        "pack": pack,
        "output_folder": shown(out),
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 2),
        "forced": bool(force),
        "exit_code": 1 if failed else 0,
        "counts": counts,
        "reports": reports,
        "dropped": [v.output for v in runs.versions if v.status == "dropped"],
        "changes": written.get("changes"),
        "changes_archived": written.get("changes_archived"),
        "changes_error": runs.changes_error or None,
        "archive_index": shown(archive.root / "index.html"),
        "exit_codes": {
            "0": "alles ok, ongewijzigd of overgeslagen",
            "1": "een of meer rapporten mislukt",
            "2": "geweigerd voordat er iets draaide (naam, parameter, schema)",
            "3": "een andere run houdt de uitvoermap bezet",
        },
    }
    atomic_write(out / RUN_FILE, json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8"))


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
