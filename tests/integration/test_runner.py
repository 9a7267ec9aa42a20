"""The report runner: failure isolation, atomic outputs, concurrent runs, manifests, CLI, only what changed,
the run lock and the archive."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdlib.cli import choice_providers
from sdlib.data import paths
from sdlib.data.fileio import default_mode
from sdlib.report import Job, ParameterError, ReportRunError, run_jobs
from sdlib.report.archive import Archive
from sdlib.report.inputs import read_log
from sdlib.report.lock import LOCK_NAME, RunLockedError, run_lock

PROVIDERS = choice_providers()

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
SHARE = "series/jeugdhulp_3jaar_aandeel.csv"


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "sdlib", "report", *args], capture_output=True, text=True, **kw)


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.mark.notebooks
@pytest.mark.pdf
def test_one_failure_does_not_stop_the_others(tmp_path):
    results = run_jobs(
        [Job("failing"), Job("ok")],
        n_jobs=2,
        out_dir=tmp_path,
        notebooks_dir=NOTEBOOKS,
        progress=False,
        providers=PROVIDERS,
    )
    status = {r.report: r.status for r in results}
    assert status == {"failing": "failed", "ok": "ok"}
    assert "opzettelijke fout in de testnotebook" in next(r.error for r in results if r.report == "failing")
    assert (tmp_path / "failed" / "failing.ipynb").exists()
    assert "RuntimeError" in (tmp_path / "failed" / "failing.error.txt").read_text()
    text = pdf_text(tmp_path / "ok.pdf")
    assert "Testrapport 2024" in text and "Aandeel 2024: 48,0% (test)" in text  # Jaarstukken 2024: 48,0%
    # one page now (the Verantwoording no longer starts a page): the page numbers of later pages are checked in
    # test_report_suite on the council pack
    assert "Sectie een" in text
    assert "Inhoud" not in text  # one section: no table of contents
    assert (tmp_path / "ok.html").is_file() and not (tmp_path / "failing.html").exists()


@pytest.mark.notebooks
def test_a_failing_run_never_replaces_a_good_pdf(tmp_path):
    good = b"%PDF-1.7 earlier good report"
    (tmp_path / "failing.pdf").write_bytes(good)
    (result,) = run_jobs(
        [Job("failing")], out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS
    )
    assert result.status == "failed"
    assert (tmp_path / "failing.pdf").read_bytes() == good
    assert not list(tmp_path.rglob("*.sdlib-tmp"))


def test_one_invalid_job_stops_the_whole_run_before_anything_runs(tmp_path):
    jobs = [
        Job("ok", {"jaar": 2023}, "ok_{jaar}"),
        Job("ok", {"jaar": 2031}),
        Job("ok", {"year": 2024}),
        Job("../../ok"),
        Job("ok", {}, "../{name}"),
    ]
    with pytest.raises(ReportRunError) as info:
        run_jobs(jobs, out_dir=tmp_path / "out", notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS)
    problems = info.value.problems
    assert len(problems) == 4 and "er is niets uitgevoerd" in str(info.value)
    assert "geldige waarden: 2023, 2024" in problems[0]
    assert "onbekende parameter 'year'; geldige parameters: jaar (int), label (str)" in problems[1]
    assert "'../../ok' is geen rapportnaam" in problems[2]
    assert "uitvoernaam '../{name}'" in problems[3]
    assert not (tmp_path / "out").exists()  # not even the output folder was made


@pytest.mark.notebooks
@pytest.mark.pdf
def test_manifest_records_parameters_data_hashes_versions_and_durations(tmp_path):
    run_jobs(
        [Job("ok", {"label": "manifest"})],
        out_dir=tmp_path,
        notebooks_dir=NOTEBOOKS,
        progress=False,
        providers=PROVIDERS,
    )
    manifest = json.loads((tmp_path / "ok.manifest.json").read_text())
    assert manifest["parameters"] == {"jaar": 2024, "label": "manifest"}
    assert len(manifest["data_files"]["data/series/jeugdhulp_3jaar_aandeel.csv"]) == 64
    assert manifest["packages"]["pandas"] and manifest["packages"]["weasyprint"]
    assert manifest["durations_s"]["total"] >= manifest["durations_s"]["execute"] > 0
    # the data files the report read, relative to the data folder, with their sha256: the fixture notebook loads
    # one series (which reads the catalog and the sources too), the title page names the municipality (gemeente.yml)
    data = paths.data_dir()
    read = ("catalog.yml", "gemeente.yml", "series/jeugdhulp_3jaar_aandeel.csv", "sources.csv")
    assert manifest["inputs"] == {name: sha256(data / name) for name in read}
    assert manifest["inputs_complete"] is True
    # paths relative to the checkout (the output folder here lies outside it, so its paths stay absolute)
    assert manifest["notebook"] == "tests/fixtures/notebooks/ok.ipynb"
    for kind in ("pdf", "html"):
        assert manifest["outputs"][kind] == {"file": f"ok.{kind}", "sha256": sha256(tmp_path / f"ok.{kind}")}
    assert str(ROOT) not in json.dumps({k: v for k, v in manifest.items() if k not in ("output", "html")})


@pytest.mark.notebooks
@pytest.mark.pdf
def test_two_runs_at_the_same_time_do_not_corrupt_outputs(tmp_path):
    """Two runs into one folder: the second waits for the first (--wacht) and neither sees half a file."""
    args = ["run", "ok", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS), "--no-progress", "--wacht", "300"]
    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(lambda label: cli(*args, "-p", f"label={label}"), ["eerste", "tweede"])
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    text = pdf_text(tmp_path / "ok.pdf")  # one of the two complete reports, never a mix or half a file
    assert ("(eerste)" in text) != ("(tweede)" in text)
    manifest = json.loads((tmp_path / "ok.manifest.json").read_text())
    assert manifest["parameters"]["label"] in ("eerste", "tweede")
    assert not list(tmp_path.rglob("*.sdlib-tmp"))


@pytest.mark.notebooks
@pytest.mark.pdf
def test_cli_list_and_exit_codes(tmp_path):
    listing = cli("list", "--notebooks", str(NOTEBOOKS))
    # the choices come from the notebook's metadata (realisation_years of jeugdhulp_3jaar_aandeel): the Jaarstukken
    # 2024 give the share for 2023 and 2024
    assert "ok\n    jaar: int = 2024  # verslagjaar\n        keuze uit: 2023, 2024\n" in listing.stdout
    failed = cli("run", "failing", "ok", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS), "--no-progress")
    assert failed.returncode == 1 and "mislukt" in failed.stdout
    bad = cli("run", "ok", "-p", "jaar=2031", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS), "--no-progress")
    assert bad.returncode == 2 and "fout: rapport 'ok': parameter 'jaar' = 2031 valt buiten de gegevens" in bad.stderr
    usage = cli("run", "--out", str(tmp_path))
    assert usage.returncode == 2 and "noem een of meer rapporten, of gebruik --all" in usage.stderr
    hint = cli("run", "ok", "jaar=2023", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS))
    assert hint.returncode == 2 and "bedoelt u -p jaar=2023?" in hint.stderr
    jobs = cli("run", "ok", "--jobs", "0", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS))
    assert jobs.returncode == 2 and "--jobs moet 1 of meer zijn" in jobs.stderr
    for result in (bad, usage, hint, jobs):
        assert "Traceback" not in result.stderr


@pytest.mark.notebooks
@pytest.mark.pdf
def test_a_run_cleans_only_its_own_leftovers_and_writes_normal_modes(tmp_path):
    """A success removes the earlier failure of the same output (two named files), nothing else; temporary
    files of a dead process are removed, those of a live one kept; outputs get the usual mode, not 0600."""
    import os

    outside = tmp_path / "outside.txt"
    outside.write_text("not the runner's")
    out = tmp_path / "out"
    failed = out / "failed"
    failed.mkdir(parents=True)
    for name in ("ok.ipynb", "ok.error.txt", "ok.notes.txt", "ok_2023.ipynb", "other.ipynb"):
        (failed / name).write_text("earlier")
    (failed / "ok.ipynb.link").symlink_to(outside)
    dead = 2**22 + 12345  # above pid_max on common systems: never a running process
    stale = [out / f".ok.pdf.{dead}.a1b2c3.sdlib-tmp", failed / f".ok.ipynb.{dead}.d4e5f6.sdlib-tmp"]
    live = out / f".ok.pdf.{os.getpid()}.a1b2c3.sdlib-tmp"
    for path in (*stale, live):
        path.write_text("half")
    kernel_file = Path(__import__("tempfile").gettempdir()) / f"sdlib-kernel-{dead}-0123456789ab.json"
    kernel_file.write_text("{}")
    (result,) = run_jobs([Job("ok")], out_dir=out, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS)
    assert result.status == "ok", result.error
    left = sorted(p.name for p in failed.iterdir())
    assert left == ["ok.ipynb.link", "ok.notes.txt", "ok_2023.ipynb", "other.ipynb"]
    assert outside.read_text() == "not the runner's"
    assert not any(p.exists() for p in stale) and live.exists() and not kernel_file.exists()
    for name in ("ok.pdf", "ok.manifest.json"):
        assert (out / name).stat().st_mode & 0o777 == default_mode()
    (result,) = run_jobs([Job("failing")], out_dir=out, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS)
    for name in ("failing.ipynb", "failing.error.txt"):
        assert (failed / name).stat().st_mode & 0o777 == default_mode()


def test_a_failed_folder_that_is_a_link_or_an_output_link_leading_out_is_refused(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "failed").symlink_to(target)
    with pytest.raises(ParameterError, match="geen gewone map"):
        run_jobs([Job("ok")], out_dir=out, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS)
    (out / "failed").unlink()
    (out / "ok.pdf").symlink_to(target / "ok.pdf")
    with pytest.raises(ReportRunError, match="buiten"):
        run_jobs([Job("ok")], out_dir=out, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS)
    assert list(target.iterdir()) == []


def test_two_jobs_writing_the_same_output_are_refused(tmp_path):
    with pytest.raises(ReportRunError, match="schrijft naar ok.pdf, net als rapport 'ok'"):
        run_jobs(
            [Job("ok"), Job("ok", {"jaar": 2023})],
            out_dir=tmp_path,
            notebooks_dir=NOTEBOOKS,
            progress=False,
            providers=PROVIDERS,
        )
    with pytest.raises(ParameterError, match="--jobs moet"):
        run_jobs([Job("ok")], n_jobs=0, out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS)


def _ok(out: Path, **kw):
    (result,) = run_jobs([Job("ok")], out_dir=out, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS, **kw)
    return result


def _files(out: Path) -> dict:
    return {
        n: ((out / n).read_bytes(), (out / n).stat().st_mtime_ns) for n in ("ok.pdf", "ok.html", "ok.manifest.json")
    }


@pytest.mark.notebooks
@pytest.mark.pdf
def test_a_second_run_keeps_current_reports_and_rebuilds_only_what_changed(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    monkeypatch.setenv("SDLIB_DATA_DIR", str(data))
    # the version of sdlib is its git commit: colleagues committing during the test must not rebuild the report
    monkeypatch.setattr("sdlib.report.inputs.code_version", lambda: "git vast-voor-de-test")
    out = tmp_path / "out"
    assert _ok(out).status == "ok"
    made = _files(out)

    again = _ok(out)
    assert again.status == "unchanged" and again.reason.startswith("niets gewijzigd sinds")
    assert _files(out) == made  # not rewritten: same bytes, same modification time

    other = data / "series" / "jeugdhulp_instroom.csv"  # a data file the report does not read
    other.write_bytes(other.read_bytes() + b"\n")
    assert _ok(out).status == "unchanged"

    share = data / SHARE  # the one it reads: the 2024 figure of the Jaarstukken 2024, 48,0%, corrected to 48,5%
    text = share.read_text(encoding="utf-8")
    assert "2024,realisatie,48.0,js2024," in text
    share.write_text(text.replace("2024,realisatie,48.0,js2024,", "2024,realisatie,48.5,js2024,"), encoding="utf-8")
    rebuilt = _ok(out)
    assert (rebuilt.status, rebuilt.reason) == ("ok", f"gegevens gewijzigd: {SHARE}")
    assert "Aandeel 2024: 48,5% (test)" in pdf_text(out / "ok.pdf")
    assert json.loads((out / "ok.manifest.json").read_text())["inputs"][SHARE] == sha256(share)

    (out / "ok.html").unlink()
    missing = _ok(out)
    assert (missing.status, missing.reason) == ("ok", "uitvoer ontbreekt: ok.html")
    (out / "ok.pdf").write_bytes(b"%PDF-1.7 replaced by hand")
    assert _ok(out).reason == "uitvoer is veranderd na de vorige run: ok.pdf"
    forced = _ok(out, force=True)
    assert (forced.status, forced.reason) == ("ok", "--opnieuw")
    changed = run_jobs(
        [Job("ok", {"label": "anders"})], out_dir=out, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS
    )
    assert (changed[0].status, changed[0].reason) == ("ok", "parameters gewijzigd")
    assert not (out / LOCK_NAME).exists()


@pytest.mark.notebooks
@pytest.mark.pdf
def test_a_second_run_stops_or_waits_while_another_holds_the_output_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    args = ["run", "ok", "--out", str(out), "--notebooks", str(NOTEBOOKS), "--no-progress"]
    with run_lock(out):
        held = cli(*args)
        assert held.returncode == 3, held.stdout + held.stderr
        assert f"proces {os.getpid()}, sinds " in held.stderr and "--wacht SECONDEN" in held.stderr
        assert "Traceback" not in held.stderr
        with pytest.raises(RunLockedError):
            _ok(out)
        assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]  # nothing else was written
    assert not (out / LOCK_NAME).exists()

    lock = run_lock(out)
    lock.__enter__()
    timer = threading.Timer(2.0, lambda: lock.__exit__(None, None, None))
    timer.start()
    try:
        started = time.monotonic()
        waited = cli(*args, "--wacht", "120")
        assert waited.returncode == 0, waited.stdout + waited.stderr
        assert time.monotonic() - started >= 2.0
    finally:
        timer.join()

    # what a killed run leaves is a file, not a lock: the next run goes ahead and removes it
    (out / LOCK_NAME).write_text(json.dumps({"pid": 2**22 + 777, "since": "2026-01-01T06:00:00"}))
    assert cli(*args, "--opnieuw").returncode == 0
    assert not (out / LOCK_NAME).exists()


def test_an_archive_run_file_or_lock_that_is_a_link_is_refused_before_anything_runs(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()

    def pack_run():
        run_jobs([Job("ok")], out_dir=out, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS, pack="test")

    (out / "archief").symlink_to(elsewhere)
    with pytest.raises(ParameterError, match="archief is geen gewone map"):
        pack_run()
    (out / "archief").unlink()
    for name in ("run.json", "wijzigingen.html", LOCK_NAME):
        (out / name).symlink_to(elsewhere / name)
        with pytest.raises(ParameterError, match=f"{name} is geen gewoon bestand"):
            pack_run()
        (out / name).unlink()
    assert list(elsewhere.iterdir()) == [] and list(out.iterdir()) == []
    with pytest.raises(ParameterError, match="--wacht moet 0 of meer"):
        run_jobs([Job("ok")], out_dir=out, notebooks_dir=NOTEBOOKS, progress=False, providers=PROVIDERS, wait=-1)


def test_the_archive_never_overwrites_and_rebuilds_data_only_inside_its_folder(tmp_path):
    archive = Archive(tmp_path)
    folder = archive._folder("2026-12-07")
    assert archive.write_new(folder, "r", {".pdf": b"one", ".html": b"1"}) == "r"
    assert archive.write_new(folder, "r", {".pdf": b"two", ".html": b"2"}) == "r-2"
    (folder / "r-3.html").write_bytes(b"not the runner's")  # one name of a set is taken: the next free set
    assert archive.write_new(folder, "r", {".pdf": b"three", ".html": b"3"}) == "r-4"
    assert [(folder / n).read_bytes() for n in ("r.pdf", "r-2.pdf", "r-3.html", "r-4.pdf")] == [
        b"one",
        b"two",
        b"not the runner's",
        b"three",
    ]
    assert (folder / "r.pdf").stat().st_mode & 0o222 == 0  # archived files are read-only
    assert not list(folder.glob("*.sdlib-tmp"))

    data = tmp_path / "data"
    (data / "series").mkdir(parents=True)
    (data / "series" / "a.csv").write_bytes(b"year,value\n")
    sha = hashlib.sha256(b"year,value\n").hexdigest()
    assert archive.store_data({"series/a.csv": sha, "b.csv": "0" * 64}, data) == ["b.csv"]
    dest = tmp_path / "dest"
    wanted = {"series/a.csv": sha, "../escape.csv": sha, "/tmp/abs.csv": sha, "c.csv": "0" * 64}
    assert sorted(archive.materialise(wanted, dest)) == ["../escape.csv", "/tmp/abs.csv", "c.csv"]
    assert (dest / "series" / "a.csv").read_bytes() == b"year,value\n"
    assert not (tmp_path / "escape.csv").exists()


def test_reads_are_logged_for_the_runner_and_a_failing_log_never_fails_a_read(tmp_path, monkeypatch):
    from sdlib.data.catalog import read_data_bytes

    data = tmp_path / "data"
    (data / "series").mkdir(parents=True)
    (data / "series" / "a.csv").write_bytes(b"x")
    log = tmp_path / "reads.jsonl"
    monkeypatch.setenv("SDLIB_READ_LOG", str(log))
    assert read_data_bytes(data / "series" / "a.csv", data, "a.csv") == (b"x", [])
    assert read_log(log, data) == ({"series/a.csv": hashlib.sha256(b"x").hexdigest()}, True)
    assert read_log(log, tmp_path / "another") == ({}, False)  # read from another data folder: unknown inputs

    monkeypatch.setenv("SDLIB_READ_LOG", str(tmp_path))  # a folder: the log cannot be written
    assert read_data_bytes(data / "series" / "a.csv", data, "a.csv") == (b"x", [])
    with open(log, "a") as fh:
        fh.write("no json\n")
    assert read_log(log, data)[1] is False
    assert read_log(tmp_path / "none.jsonl", data) == ({}, False)


def test_the_help_of_report_run_documents_the_exit_codes_and_the_new_options():
    text = cli("run", "--help").stdout
    for line in (
        "exitcodes:",
        "  0  alle rapporten ok, ongewijzigd of overgeslagen",
        "  1  een of meer rapporten mislukt",
        "  2  geweigerd voordat er iets draaide",
        "  3  een andere run maakt al rapporten in dezelfde uitvoermap",
        "--opnieuw, --force",
        "--wacht SECONDEN",
        "reports/run.json",
        "reports/wijzigingen.html",
        "reports/archief/",
    ):
        assert line in text, line
    bad = cli("run", "ok", "--wacht", "-1")
    assert bad.returncode == 2 and "--wacht moet 0 of meer seconden zijn" in bad.stderr


def test_the_version_of_sdlib_is_the_commit_of_its_checkout(tmp_path):
    """A new commit (git pull) rebuilds the reports; read from .git without the git program."""
    from sdlib.report.inputs import _git_commit

    git, commit, other = tmp_path / ".git", "a" * 40, "b" * 40
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "packed-refs").write_text(f"# pack-refs with: peeled\n{other} refs/heads/main\n")
    assert _git_commit(tmp_path) == other  # only in packed-refs
    (git / "refs" / "heads" / "main").write_text(commit + "\n")
    assert _git_commit(tmp_path) == commit  # the loose ref wins
    (git / "HEAD").write_text(other + "\n")
    assert _git_commit(tmp_path) == other  # a detached HEAD
    assert _git_commit(tmp_path / "elsewhere") is None


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_without_the_death_signal_still_ends_with_its_parent():
    """The fallback of die_with_parent: a watch on the parent process id (prctl made to fail here)."""
    import os
    import signal
    import time

    child = (
        "import ctypes, sys, time\n"
        "def no_prctl(*a, **k):\n    raise OSError('no prctl')\n"
        "ctypes.CDLL = no_prctl\n"
        "from sdlib.report.execute import die_with_parent\n"
        "die_with_parent(int(sys.argv[1]))\nprint('ready', flush=True)\ntime.sleep(60)\n"
    )
    parent = (
        "import os, subprocess, sys, time\n"
        f"c = subprocess.Popen([sys.executable, '-c', {child!r}, str(os.getpid())], stdout=subprocess.PIPE, text=True)\n"
        "assert c.stdout.readline().strip() == 'ready'\nprint(c.pid, flush=True)\ntime.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True)
    try:
        pid = int(proc.stdout.readline())
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    if fh.read().rpartition(")")[2].split()[0] == "Z":
                        break
            except FileNotFoundError:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError("the child outlived its killed parent by 5 s")
    finally:
        if proc.poll() is None:
            proc.kill()
