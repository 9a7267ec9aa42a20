"""A new publication reaches the council pack with no edit outside the data folder (issue 21, 'Done when').

A copy of the live data folder gets the invented publication "Jaarstukken 2025 (testpublicatie)" (id
``test_js2025``, tests/fixtures/publication/test_js2025/): 2025 figures with targets of two indicators (the share
of youths in care for three years or longer, 46,0% against a target of 45,0%, provisional; the advice requests at
Veilig Thuis, 1.234 against 1.150), the 2024 share revised from 48,0% (Jaarstukken 2024) to 47,6%, one
Toelichting, two 'Doel gehaald' verdicts and a passage. Then the council pack's entries of the reports that take
their year from the data run on that folder (``SDLIB_DATA_DIR``), as ``make reports`` would run them: the
notebooks and the schedule are the checkout's, untouched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import report_packs
import yaml

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "publication" / "test_js2025"
REPORTS = ["indicatoren", "jeugdhulp_drie_jaar"]  # the reports whose year follows the new figures


def sdlib(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sdlib", *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=900
    )


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    import shutil

    base = tmp_path_factory.mktemp("nieuwe_publicatie")
    data = base / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".*"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    env["SDLIB_DATA_DIR"] = str(data)
    started = time.perf_counter()
    add = sdlib(
        *["data", "add", FIXTURE / "cijfers.csv", "--toelichtingen", FIXTURE / "toelichtingen.csv"],
        *["--oordelen", FIXTURE / "oordelen.csv", "--passages", FIXTURE / "passages.csv"],
        *["--source-id", "test_js2025", "--short-title", "Jaarstukken 2025 (testpublicatie)"],
        *["--title", "Jaarstukken 2025 (testpublicatie, verzonnen)", "--year", "2026"],
        env=env,
    )
    added_s = time.perf_counter() - started
    # the council pack's own entries of these reports (their parameters, if any, as the schedule gives them)
    pack = yaml.safe_load((ROOT / "reports" / "schedule.yml").read_text(encoding="utf-8"))
    pack["reports"] = [entry for entry in pack["reports"] if entry["notebook"] in REPORTS]
    schedule = base / "schedule.yml"
    schedule.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    out = base / "rapporten"
    run = sdlib("report", "run", "--schedule", schedule, "--out", out, "--no-progress", env=env)
    return SimpleNamespace(
        data=data,
        add=add,
        run=run,
        out=out,
        seconds=(added_s, time.perf_counter() - started - added_s),
    )


def test_the_add_says_what_changed_and_what_the_next_run_shows(added):
    assert added.add.returncode == 0, added.add.stdout + added.add.stderr
    lines = added.add.stdout.splitlines()
    for line in [
        "Nieuwe publicatie: Jaarstukken 2025 (testpublicatie), verschenen in 2026 (bron-id test_js2025).",
        "- Aandeel jeugdigen drie jaar of langer in jeugdhulp: 2025 (realisatie en begroting).",
        "- Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024: was 48,0% volgens de Jaarstukken 2024, nu 47,6% "
        "volgens de Jaarstukken 2025 (testpublicatie).",
        "- Adviezen bij Veilig Thuis 2025: Ja (Jaarstukken 2025 (testpublicatie)).",
        "- Aandeel jeugdigen drie jaar of langer in jeugdhulp (verslagjaar 2025, over 2025).",
        "Begrippenlijst: data/BEGRIPPENLIJST.md bijgewerkt.",
        "- Indicatoren van het programma: verslagjaar 2025 (nu verslagjaar 2024).",
        "- Jeugdhulp: drie jaar of langer in zorg: verslagjaar 2025 (nu verslagjaar 2024).",
    ]:
        assert line in lines, f"{line!r} not in:\n{added.add.stdout}"
    check = sdlib("validate", env={**os.environ, "SDLIB_DATA_DIR": str(added.data)})
    assert check.returncode == 0, check.stdout + check.stderr


def test_only_the_copied_data_folder_changed(added):
    """The checkout's data/ never saw the publication; the pack ran the checkout's own notebooks and schedule entries.

    (Checked by content, not by a digest of the checkout: other work may change its files meanwhile.)
    """
    assert "test_js2025" in (added.data / "sources.csv").read_text(encoding="utf-8")
    written = [p for p in (ROOT / "data").rglob("*") if p.suffix in (".csv", ".yml") or p.name == "BEGRIPPENLIJST.md"]
    for p in written:
        assert b"test_js2025" not in p.read_bytes() and b"(testpublicatie)" not in p.read_bytes(), p
    manifest = json.loads((added.out / "indicatoren.manifest.json").read_text(encoding="utf-8"))
    assert manifest["notebook"] == "notebooks/reports/indicatoren.ipynb"
    assert manifest["parameters"] == {"jaar": 2025}  # "laatste" in the schedule: the newest year of the data


def test_the_indicator_report_shows_2025(added):
    pdf = added.out / "indicatoren.pdf"
    assert pdf.is_file(), added.run.stdout + added.run.stderr
    pages = report_packs.pdf_pages(pdf)
    first, content = pages[0], " ".join(pages)
    assert (
        "Indicatoren van programma 2, Samen leven en ondersteunen Verslagjaar 2025, met 2024 ter vergelijking" in first
    )
    assert "De nieuwste cijfers in dit rapport gaan over 2025 (Jaarstukken 2025 (testpublicatie))" in first
    # doel en realisatie 2024 (the revised 47,6%), doel en realisatie 2025 (provisional: *), verdict as published
    assert (
        "Aandeel jeugdigen drie jaar of langer in jeugdhulp (lager is beter) 45,0% 46,0%* 1,0 %‑punt boven Nee 45,0% "
        "47,6%"
    ) in content
    assert "Adviezen bij Veilig Thuis (hoger is beter) 1.150 1.234 84 boven Ja 1.100 1.146" in content
    # the new publication's year reaches page 1 (its 'Doel gehaald' column is the table's above; where it judges as
    # the report computes, page 1 does not say so since round 51)
    assert "indicatoren met een doel in 2025" in first
    assert "de testgemeente bespreekt lange trajecten elk kwartaal (verzonnen testtekst)" in content


def test_the_three_year_report_shows_2025(added):
    pdf = added.out / "jeugdhulp_drie_jaar.pdf"
    assert pdf.is_file(), added.run.stdout + added.run.stderr
    pages = report_packs.pdf_pages(pdf)
    first, content = pages[0], " ".join(pages)
    assert "Jeugdhulp: drie jaar of langer in zorg Verslagjaar 2025" in first
    assert "Dat waren 2.190 van de 4.760 jeugdigen met jeugdhulp (voorlopige cijfers)." in first
    # the revision of 2024: both publications, side by side
    # (newest first since round 52: the later publication above the earlier)
    assert "2024 (Jaarstukken 2025 (testpublicatie)) 47,6% 2.262 4.751 2024 (Jaarstukken 2024) 48,0% 2.279 4.747" in (
        content
    )
    assert "De testgemeente kijkt elk kwartaal met de aanbieders" in content  # the passage, quoted
