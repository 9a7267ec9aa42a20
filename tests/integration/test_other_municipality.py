"""Another municipality uses the project by replacing data/ alone (issue: one home for every rule).

Waterveen (tests/fixtures/waterveen, invented) has another name and CBS code, six districts, its own two
documents, the years 2021-2024, a programme with another number, and lacks some series of the first municipality.
With only the data folder changed, the council pack runs: the reports whose series Waterveen lacks are skipped
with a line that names the series, the rest are made, and nothing in them names the first municipality, its
documents or its organisations.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

ROOT = Path(__file__).resolve().parents[2]
WATERVEEN = ROOT / "tests" / "fixtures" / "waterveen" / "data"
SKIPPED = {"jeugd_wijk_en_school": "poh_jeugd_trajecten", "werk_en_inkomen": "binnenbaan_resultaten"}


def first_municipality_words() -> list[str]:
    """The name, document titles and organisations of the municipality of data/ (none may reach Waterveen)."""
    words = ["Zoetermeer", "inZet", "Binnenbaan", "GGD Haaglanden", "Samen leven en ondersteunen"]
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8") as fh:
        words += [row["short_title"] for row in csv.DictReader(fh) if row["outside"] == "false"]
    return words


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("waterveen")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    env["SDLIB_DATA_DIR"] = str(WATERVEEN)
    done = subprocess.run(
        [sys.executable, "-m", "sdlib", "report", "run", "--all", "--out", str(out), "--no-progress"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
    )
    return out, done


def test_the_pack_runs_and_skips_only_the_reports_without_their_series(pack):
    out, done = pack
    assert done.returncode == 0, done.stdout + done.stderr
    for name, series in SKIPPED.items():
        assert not (out / f"{name}.pdf").exists()
        assert series in done.stdout  # the line names the series that is missing
    made = sorted(p.stem for p in out.glob("*.pdf"))
    assert len(made) == 7 and "indicatoren" in made and "jeugdhulp_stromen" in made
    assert "overgeslagen" in done.stdout and "mislukt" not in done.stdout


def test_nothing_names_the_first_municipality(pack):
    out, _ = pack
    words = first_municipality_words()
    for pdf in out.glob("*.pdf"):
        content = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
        twin = pdf.with_suffix(".html").read_text(encoding="utf-8")
        for word in words:
            assert word not in content and word not in twin, f"{pdf.name}: {word!r}"
        assert "Gemeente Waterveen" in content


def test_the_figures_are_waterveens(pack):
    out, _ = pack
    content = " ".join(page.extract_text() for page in PdfReader(out / "jeugdhulp_stromen.pdf").pages)
    # tests/fixtures/waterveen/make_data.py: instroom 2021 610, 2024 548
    assert "De instroom in de jeugdhulp daalde van 610 in 2021 naar 548 in 2024" in " ".join(content.split())
    content = " ".join(page.extract_text() for page in PdfReader(out / "jeugdhulp_kosten.pdf").pages)
    assert "doelstelling 4.1" in content  # the objective of youth care is Waterveen's own


def test_the_analysts_pack_runs_on_waterveen_and_names_nothing_of_the_first(tmp_path):
    # the records report on Waterveen's own synthetic extract (calibrated from its Jaarrekening 2024, six districts)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    env["SDLIB_DATA_DIR"] = str(WATERVEEN)
    schedule = ROOT / "reports" / "schedule_analisten.yml"
    done = subprocess.run(
        [sys.executable, "-m", "sdlib", "report", "run", "--schedule", str(schedule), "--out", str(tmp_path)]
        + ["--no-progress"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = tmp_path / "jeugdhulp_records.pdf"
    content = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    twin = pdf.with_suffix(".html").read_text(encoding="utf-8")
    for word in first_municipality_words():
        assert word not in content and word not in twin, word
    assert "Gemeente Waterveen" in content and "synthetisch" in content.lower()
