"""Bad input to ``sdlib report run``: refused before anything runs, with a Dutch message, nothing changed.

Every refused case runs the real command in a sandbox copy of the project (see conftest.py) and asserts the
exit code, words of the message (the parameter, file or line it is about), no traceback, and that not one file
inside or around the sandbox changed. Refused cases start no kernel, so each takes about a second. Two tests
really run a notebook: one checks that a run writes only its own outputs, one kills a run and checks that no
worker or kernel outlives it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from harness import assert_clean_error

from sdlib.data.fileio import default_mode

pytestmark = pytest.mark.slow  # each case runs a command on a copy of the project


ROOT_TOKEN, OUTER_TOKEN = "@ROOT@", "@OUTER@"
FIXTURE_NBS = "tests/fixtures/notebooks"


def failed_folder(sb):
    (sb.root / "reports" / "failed").mkdir(parents=True, exist_ok=True)


def evil_link(sb):
    (sb.root / "notebooks" / "reports" / "evil.ipynb").symlink_to("../../tests/fixtures/notebooks/ok.ipynb")


def failed_is_a_link(sb):
    (sb.outer / "elsewhere").mkdir()
    (sb.root / "reports" / "failed").symlink_to("../../elsewhere")


def pdf_link_leads_out(sb):
    (sb.root / "reports" / "begrippenlijst.pdf").symlink_to("../../victim.pdf")


def schedule(text: str):
    def write(sb):
        failed_folder(sb)
        (sb.root / "reports" / "schedule.yml").write_text(text, encoding="utf-8")

    return write


BROKEN_YAML = "reports:\n  - notebook: begrippenlijst\n  - notebook: indicatoren\n    parameters: {jaar: 2023\n"
NO_NOTEBOOK = "reports:\n  - notebook: begrippenlijst\n  - parameters: {jaar: 2023}\n    output: '{name}_x'\n"
CLIMBS_OUT = "reports:\n  - notebook: begrippenlijst\n    output: '../{name}'\n"
EMPTY_FIELD = "defaults:\n  output: '{name}'\nreports:\n  - notebook: begrippenlijst\n    output: '{}'\n"
ONE_OF_TWO = "reports:\n  - notebook: begrippenlijst\n  - notebook: indicatoren\n    parameters: {jaar: 1999}\n"
NOT_A_MAPPING = "- notebook: begrippenlijst\n"
PARAMS_NOT_MAPPING = "reports:\n  - notebook: indicatoren\n    parameters: [jaar, 2023]\n"

# (id, setup, arguments after `sdlib report run`, exit code, words the message must hold)
CASES = [
    (
        "output-climbs-out",
        failed_folder,
        ["begrippenlijst", "--output", "../../notebooks/reports/{name}"],
        2,
        ["uitvoernaam '../../notebooks/reports/{name}'", "zonder '/'", "niets uitgevoerd"],
    ),
    (
        "name-climbs-out-ok",
        failed_folder,
        ["../../tests/fixtures/notebooks/ok"],
        2,
        ["'../../tests/fixtures/notebooks/ok' is geen rapportnaam", "Beschikbaar: begrippenlijst"],
    ),
    (
        "name-climbs-out-failing",
        failed_folder,
        ["../../tests/fixtures/notebooks/failing"],
        2,
        ["'../../tests/fixtures/notebooks/failing' is geen rapportnaam"],
    ),
    (
        "output-absolute-tmp",
        failed_folder,
        ["begrippenlijst", "--output", "/tmp/x_{name}"],
        2,
        ["uitvoernaam '/tmp/x_{name}'"],
    ),
    (
        "output-absolute-beside-checkout",
        failed_folder,
        ["begrippenlijst", "--output", OUTER_TOKEN + "/x_{name}"],
        2,
        ["uitvoernaam '", "/x_{name}'", "zonder '/'"],
    ),
    ("output-empty-field", failed_folder, ["begrippenlijst", "--output", "{}"], 2, ["uitvoernaam '{}'", "lege {}"]),
    (
        "output-positional-field",
        None,
        ["begrippenlijst", "--output", "{0}"],
        2,
        ["uitvoernaam '{0}'", "niet toegestaan"],
    ),
    (
        "output-conversion",
        None,
        ["begrippenlijst", "--output", "{name!r}"],
        2,
        ["uitvoernaam '{name!r}'", "opmaak is niet toegestaan"],
    ),
    (
        "output-attribute",
        None,
        ["begrippenlijst", "--output", "{name.__class__}"],
        2,
        ["uitvoernaam '{name.__class__}'", "niet toegestaan"],
    ),
    ("output-index", None, ["begrippenlijst", "--output", "{name[0]}"], 2, ["uitvoernaam '{name[0]}'"]),
    (
        "output-format-spec",
        None,
        ["begrippenlijst", "--output", "{name:>300}"],
        2,
        ["uitvoernaam '{name:>300}'", "opmaak"],
    ),
    ("output-hidden", None, ["begrippenlijst", "--output", ".hidden"], 2, ["uitvoernaam '.hidden'", "punt"]),
    (
        "output-unknown-placeholder",
        None,
        ["indicatoren", "--output", "{name}_{year}"],
        2,
        ["uitvoernaam '{name}_{year}'", "year", "jaar"],
    ),
    (
        "positional-assignment",
        failed_folder,
        ["indicatoren", "jaar=2023"],
        2,
        ["'jaar=2023' is geen rapportnaam", "bedoelt u -p jaar=2023?"],
    ),
    ("jobs-zero", None, ["begrippenlijst", "--jobs", "0"], 2, ["--jobs", "1 of meer", "niet 0"]),
    ("jobs-negative", None, ["begrippenlijst", "--jobs", "-1"], 2, ["--jobs", "1 of meer", "niet -1"]),
    ("jobs-not-a-number", None, ["begrippenlijst", "--jobs", "twee"], 2, ["'twee' is geen geheel getal"]),
    (
        "unknown-report-typo",
        None,
        ["indicatorn"],
        2,
        ["onbekend rapport 'indicatorn'", "bedoelt u 'indicatoren'?", "Beschikbaar:"],
    ),
    (
        "unknown-parameter-typo",
        None,
        ["indicatoren", "-p", "jar=2023"],
        2,
        ["onbekende parameter 'jar'", "bedoelt u 'jaar'?", "jaar (int)"],
    ),
    (
        "parameter-wrong-type",
        None,
        ["indicatoren", "-p", "jaar=twintig"],
        2,
        ["parameter 'jaar'", "geheel getal", "'twintig'"],
    ),
    (
        "parameter-outside-data",
        None,
        ["indicatoren", "-p", "jaar=1999"],
        2,
        ["parameter 'jaar' = 1999", "buiten de gegevens", "2021, 2022, 2023, 2024"],
    ),
    ("parameter-malformed", None, ["indicatoren", "-p", "jaar"], 2, ["-p verwacht naam=waarde", "'jaar'"]),
    (
        "name-absolute",
        None,
        [ROOT_TOKEN + "/notebooks/reports/indicatoren"],
        2,
        ["notebooks/reports/indicatoren' is geen rapportnaam", "bedoelt u 'indicatoren'?"],
    ),
    ("name-with-extension", None, ["indicatoren.ipynb"], 2, ["'indicatoren.ipynb' is geen rapportnaam"]),
    ("symlink-leads-out", evil_link, ["evil"], 2, ["rapport 'evil'", "notebooks/reports/evil.ipynb", "buiten"]),
    (
        "multi-name-one-unknown",
        failed_folder,
        ["begrippenlijst", "indicatorn"],
        2,
        ["onbekend rapport 'indicatorn'", "niets uitgevoerd"],
    ),
    (
        "out-is-a-file",
        None,
        ["begrippenlijst", "--out", "reports/schedule.yml"],
        2,
        ["reports/schedule.yml is geen map"],
    ),
    ("failed-is-a-link", failed_is_a_link, ["begrippenlijst"], 2, ["reports/failed is geen gewone map"]),
    ("pdf-link-leads-out", pdf_link_leads_out, ["begrippenlijst"], 2, ["reports/begrippenlijst.pdf", "buiten"]),
    (
        "notebooks-folder-missing",
        None,
        ["ok", "--notebooks", "tests/fixtures/geen"],
        2,
        ["tests/fixtures/geen", "niet gevonden"],
    ),
    (
        "schedule-invalid-yaml",
        schedule(BROKEN_YAML),
        ["--all"],
        2,
        ["reports/schedule.yml, regel 5", "geen geldige YAML"],
    ),
    (
        "schedule-entry-without-notebook",
        schedule(NO_NOTEBOOK),
        ["--all"],
        2,
        ["reports/schedule.yml, regel 3", "'notebook:' ontbreekt"],
    ),
    (
        "schedule-output-climbs-out",
        schedule(CLIMBS_OUT),
        ["--all"],
        2,
        ["reports/schedule.yml, regel 3", "uitvoernaam '../{name}'"],
    ),
    (
        "schedule-output-empty-field",
        schedule(EMPTY_FIELD),
        ["--all"],
        2,
        ["reports/schedule.yml, regel 5", "uitvoernaam '{}'"],
    ),
    ("schedule-missing", None, ["--all", "--schedule", "reports/geen.yml"], 2, ["reports/geen.yml", "niet gevonden"]),
    (
        "schedule-one-of-two-invalid",
        schedule(ONE_OF_TWO),
        ["--all"],
        2,
        ["reports/schedule.yml, regel 3 (indicatoren)", "1999", "niets uitgevoerd"],
    ),
    (
        "schedule-not-a-mapping",
        schedule(NOT_A_MAPPING),
        ["--all"],
        2,
        ["reports/schedule.yml, regel 1", "verwacht een mapping"],
    ),
    (
        "schedule-parameters-not-a-mapping",
        schedule(PARAMS_NOT_MAPPING),
        ["--all"],
        2,
        ["reports/schedule.yml, regel 3", "'parameters' moet een mapping"],
    ),
    ("all-with-output", None, ["--all", "--output", "{name}_x"], 2, ["--output", "--all"]),
]


@pytest.mark.parametrize("setup, args, code, names", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_refused_report_run_changes_nothing(sandbox, setup, args, code, names):
    if setup is not None:
        setup(sandbox)
    args = [a.replace(ROOT_TOKEN, str(sandbox.root)).replace(OUTER_TOKEN, str(sandbox.outer)) for a in args]
    before = sandbox.snapshot()
    start = time.monotonic()
    proc = sandbox.sdlib("report", "run", *args, "--no-progress", timeout=60)
    took = time.monotonic() - start
    assert_clean_error(proc, code=code, names=names)
    assert sandbox.snapshot() == before
    assert took < 20, f"a refused run took {took:.1f} s: did it start something?"


@pytest.mark.notebooks
@pytest.mark.pdf
def test_a_run_writes_only_its_own_outputs_and_removes_only_its_own_leftovers(sandbox):
    """The one case that runs a notebook: what changes is the PDF and manifest, the earlier failure of the
    same report, and temporary files of a dead process; files get the usual mode."""
    failed = sandbox.root / "reports" / "failed"
    failed.mkdir()
    for name in ("ok.ipynb", "ok.error.txt", "ok.notes.txt", "begrippenlijst.ipynb"):
        (failed / name).write_text("earlier")
    (failed / "ok.error.txt.link").symlink_to("../../../victim.txt")
    (sandbox.outer / "victim.txt").write_text("not the runner's")
    dead = 2**22 + 4242  # above pid_max on common systems: never a running process
    stale = {f"reports/.ok.pdf.{dead}.abc123.sdlib-tmp", f"reports/failed/.ok.ipynb.{dead}.def456.sdlib-tmp"}
    live = f"reports/.ok.pdf.{os.getpid()}.abc123.sdlib-tmp"
    for rel in (*stale, live):
        (sandbox.root / rel).write_text("half")
    before = sandbox.snapshot()
    proc = sandbox.sdlib("report", "run", "ok", "--notebooks", FIXTURE_NBS, "--no-progress")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "reports/ok.pdf" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr
    after = sandbox.snapshot()
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    gone = {"checkout/reports/failed/ok.ipynb", "checkout/reports/failed/ok.error.txt"} | {
        f"checkout/{s}" for s in stale
    }
    assert (
        changed == {"checkout/reports/ok.pdf", "checkout/reports/ok.html", "checkout/reports/ok.manifest.json"} | gone
    )
    assert not any(k in after for k in gone)
    for name in ("ok.pdf", "ok.html", "ok.manifest.json"):
        assert after[f"checkout/reports/{name}"][1] == default_mode()


def _slow_notebooks(folder: Path, names: list[str], seconds: int = 120) -> None:
    nb = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "notebooks" / "ok.ipynb").read_text())
    nb["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": f"import time\ntime.sleep({seconds})",
        }
    )
    folder.mkdir(parents=True)
    for name in names:
        (folder / f"{name}.ipynb").write_text(json.dumps(nb))


def _gone(proc) -> bool:
    import psutil

    try:
        return not proc.is_running() or proc.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _of_sandbox(root: Path) -> list:
    """Running processes (not zombies) whose environment points at the sandbox."""
    import psutil

    found = []
    for p in psutil.process_iter(["pid"]):
        try:
            if p.environ().get("SDLIB_ROOT") == str(root) and not _gone(p):
                found.append(p)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


@pytest.mark.notebooks
@pytest.mark.pdf
def test_killing_the_runner_leaves_no_worker_or_kernel_and_the_next_run_cleans_up(sandbox):
    """kill -9 of ``sdlib report run`` while two kernels are busy: workers and kernels end within seconds,
    and the next run removes the kernel connection files the killed ones left in the temp folder."""
    psutil = pytest.importorskip("psutil")
    _slow_notebooks(sandbox.root / "slow", ["traag_een", "traag_twee"])
    tmp = Path(tempfile.mkdtemp(prefix="sdk-"))  # short: IPC socket paths have a length limit
    try:
        runner = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sdlib",
                "report",
                "run",
                "traag_een",
                "traag_twee",
                "--notebooks",
                "slow",
                "--jobs",
                "2",
                "--no-progress",
            ],
            cwd=sandbox.root,
            env=sandbox.env(TMPDIR=str(tmp)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        main = psutil.Process(runner.pid)
        deadline = time.monotonic() + 120
        kernels = []
        while time.monotonic() < deadline and len(kernels) < 2:
            assert runner.poll() is None, runner.stderr.read().decode()
            kernels = [p for p in main.children(recursive=True) if "sdlib report kernel" in " ".join(_cmdline(p))]
            time.sleep(0.2)
        assert len(kernels) == 2, "the kernels did not start"
        time.sleep(1)  # the cells are running now
        family = main.children(recursive=True)
        workers = [p for p in family if "spawn_main" in " ".join(_cmdline(p))]
        assert len(workers) == 2 and all(p.ppid() == runner.pid for p in workers)
        kernel_files = sorted(f.name for f in tmp.iterdir() if f.name.startswith("sdlib-kernel-"))
        assert kernel_files and all(any(f"-{w.pid}-" in f for w in workers) for f in kernel_files)

        runner.kill()  # kill -9
        killed = time.monotonic()
        runner.wait()
        while time.monotonic() - killed < 10 and not all(_gone(p) for p in family):
            time.sleep(0.05)
        took = time.monotonic() - killed
        left = [p for p in family if not _gone(p)]
        assert not left, f"still running {took:.1f} s after kill -9: {[_cmdline(p) for p in left]}"
        assert took < 5
        assert _of_sandbox(sandbox.root) == []
        print(
            f"\n{len(family)} processes of the killed run ({len(workers)} workers, {len(kernels)} kernels, "
            f"{len(family) - len(workers) - len(kernels)} other) ended {took:.2f} s after kill -9"
        )
        assert all((tmp / f).exists() for f in kernel_files)  # what the killed kernels left

        proc = sandbox.sdlib("report", "run", "ok", "--notebooks", FIXTURE_NBS, "--no-progress", TMPDIR=str(tmp))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert not [f.name for f in tmp.iterdir() if f.name.startswith("sdlib-kernel-")]
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def _cmdline(p) -> list[str]:
    import psutil

    try:
        return p.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return []
