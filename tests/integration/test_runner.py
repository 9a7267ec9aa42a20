"""The report runner: failure isolation, atomic outputs, concurrent runs, manifests, CLI."""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdlib.cli import choice_providers
from sdlib.data.fileio import default_mode
from sdlib.report import Job, ParameterError, ReportRunError, run_jobs

PROVIDERS = choice_providers()

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "sdlib", "report", *args], capture_output=True, text=True, **kw)


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
    assert "Pagina 2 van" in text and "Sectie een" in text
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


@pytest.mark.notebooks
@pytest.mark.pdf
def test_two_runs_at_the_same_time_do_not_corrupt_outputs(tmp_path):
    args = ["run", "ok", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS), "--no-progress"]
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
    assert (
        'jaar: int = 2024  # verslagjaar; keuze uit: sdlib.calc.choices.realisation_years("jeugdhulp_3jaar_aandeel")'
        in listing.stdout
    )
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
