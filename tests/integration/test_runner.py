"""The report runner: failure isolation, atomic outputs, concurrent runs, manifests, CLI."""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pypdf import PdfReader

from sdlib.report import Job, run_jobs

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "sdlib", "report", *args], capture_output=True, text=True, **kw)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_one_failure_does_not_stop_the_others(tmp_path):
    results = run_jobs([Job("failing"), Job("ok")], n_jobs=2, out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False)
    status = {r.report: r.status for r in results}
    assert status == {"failing": "failed", "ok": "ok"}
    assert "opzettelijke fout in de testnotebook" in next(r.error for r in results if r.report == "failing")
    assert (tmp_path / "failed" / "failing.ipynb").exists()
    assert "RuntimeError" in (tmp_path / "failed" / "failing.error.txt").read_text()
    text = pdf_text(tmp_path / "ok.pdf")
    assert "Testrapport 2024" in text and "Aandeel 2024: 48,0% (test)" in text  # Jaarstukken 2024: 48,0%
    assert "Pagina 2 van" in text and "Inhoud" in text and "Sectie een" in text


def test_a_failing_run_never_replaces_a_good_pdf(tmp_path):
    good = b"%PDF-1.7 earlier good report"
    (tmp_path / "failing.pdf").write_bytes(good)
    (result,) = run_jobs([Job("failing")], out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False)
    assert result.status == "failed"
    assert (tmp_path / "failing.pdf").read_bytes() == good
    assert not list(tmp_path.glob(".*.tmp"))


def test_invalid_parameters_stop_the_report_before_it_runs(tmp_path):
    results = run_jobs([Job("ok", {"jaar": 2031}), Job("ok", {"year": 2024}), Job("ok", {"jaar": 2023}, "ok_{jaar}")],
                       out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False)
    assert [r.status for r in results] == ["ok", "invalid", "invalid"]
    assert "valid values: 2023, 2024" in results[1].error
    assert "valid parameters: jaar (int), label (str)" in results[2].error
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["ok_2023.pdf"]


def test_manifest_records_parameters_data_hashes_versions_and_durations(tmp_path):
    run_jobs([Job("ok", {"label": "manifest"})], out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False)
    manifest = json.loads((tmp_path / "ok.manifest.json").read_text())
    assert manifest["parameters"] == {"jaar": 2024, "label": "manifest"}
    assert len(manifest["data_files"]["data/series/jeugdhulp_3jaar_aandeel.csv"]) == 64
    assert manifest["packages"]["pandas"] and manifest["packages"]["weasyprint"]
    assert manifest["durations_s"]["total"] >= manifest["durations_s"]["execute"] > 0


def test_two_runs_at_the_same_time_do_not_corrupt_outputs(tmp_path):
    args = ["run", "ok", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS), "--no-progress"]
    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(lambda label: cli(*args, "-p", f"label={label}"), ["eerste", "tweede"])
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    text = pdf_text(tmp_path / "ok.pdf")  # one of the two complete reports, never a mix or half a file
    assert ("(eerste)" in text) != ("(tweede)" in text)
    manifest = json.loads((tmp_path / "ok.manifest.json").read_text())
    assert manifest["parameters"]["label"] in ("eerste", "tweede")
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_list_and_exit_codes(tmp_path):
    listing = cli("list", "--notebooks", str(NOTEBOOKS))
    assert "jaar: int = 2024  # verslagjaar; jaren uit: jeugdhulp_3jaar_aandeel" in listing.stdout
    failed = cli("run", "failing", "ok", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS), "--no-progress")
    assert failed.returncode == 1 and "failed" in failed.stdout
    bad = cli("run", "ok", "-p", "jaar=2031", "--out", str(tmp_path), "--notebooks", str(NOTEBOOKS), "--no-progress")
    assert bad.returncode == 1 and "outside the data" in bad.stdout
    usage = cli("run", "--out", str(tmp_path))
    assert usage.returncode == 2 and "name one or more reports, or use --all" in usage.stderr
