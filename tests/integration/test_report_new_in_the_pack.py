"""``sdlib report new`` makes a report that runs as it is and passes the checks of the council pack (issue 21).

The command writes into a copy of the project's notebooks folder (and a copy of the schedule); the runner makes
the new report from there, on the live data. Its PDF is read back with the checks of test_report_suite.py: a
Dutch title and the key messages on page 1, the Verantwoording at the end, no words about the machinery.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import report_packs
from test_report_suite import MACHINERY

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

ROOT = Path(__file__).resolve().parents[2]
NAME = "proef_drie_jaar"


def sdlib(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    return subprocess.run(
        [sys.executable, "-m", "sdlib", *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=900
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    base = tmp_path_factory.mktemp("nieuw_rapport")
    notebooks = base / "reports"
    shutil.copytree(ROOT / "notebooks" / "reports", notebooks, ignore=shutil.ignore_patterns(".*"))
    schedule = base / "schedule.yml"
    shutil.copy(ROOT / "reports" / "schedule.yml", schedule)
    new = sdlib("report", "new", NAME, "--onderwerp", "drie_jaar", "--notebooks", notebooks, "--schedule", schedule)
    out = base / "uit"
    run = sdlib("report", "run", NAME, "--notebooks", notebooks, "--out", out, "--no-progress")
    return SimpleNamespace(new=new, run=run, notebooks=notebooks, schedule=schedule, out=out)


def test_the_command_writes_the_notebook_and_the_schedule_entry(made):
    assert made.new.returncode == 0, made.new.stdout + made.new.stderr
    assert made.new.stdout.startswith(f"Rapport gemaakt: {made.notebooks / NAME}.ipynb\n")
    assert made.schedule.read_text(encoding="utf-8").endswith(f"  - notebook: {NAME}\n")
    nb = json.loads((made.notebooks / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    assert all(c.get("outputs", []) == [] for c in nb["cells"])


def test_the_new_report_runs_and_passes_the_checks_of_the_pack(made):
    assert made.run.returncode == 0, made.run.stdout + made.run.stderr
    pages = report_packs.pdf_pages(made.out / f"{NAME}.pdf")
    messages = report_packs.key_messages((made.out / f"{NAME}.html").read_text(encoding="utf-8"))
    first, content = pages[0], " ".join(pages)
    # a Dutch title (the topic's, from the catalog) with its period, then the key messages on page 1
    assert "Gemeente Zoetermeer · Sociaal domein Drie jaar of langer in jeugdhulp" in first
    assert re.search(r"De nieuwste cijfers in dit rapport gaan over 20\d\d", first)
    assert "Kernboodschappen" in first
    report_packs.assert_key_messages_up_front(pages, messages, page=1)
    # the Verantwoording at the end
    tail = content[content.rindex("Verantwoording") :]
    assert "Bronnen" in tail and "Stand van de cijfers" in tail
    for word in MACHINERY:
        assert word not in content, f"{word!r} on the page"
