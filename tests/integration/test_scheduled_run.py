"""The weekly run as a scheduler makes it: only what changed, the archive, what changed since last time, run.json.

One scenario on a copy of the project (data/, notebooks/reports/, the templates and a schedule of three reports;
``SDLIB_ROOT`` points at it, as in tests/safety/harness.py), with the command a scheduler runs:

1. the pack is made: three reports, each archived, run.json says ok;
2. the same command again rebuilds nothing: every report ``ongewijzigd``, the files untouched, nothing archived;
3. a new publication revises one figure of ``data/series/jeugdhulp_3jaar_aandeel.csv`` (2024: 48,0% in the
   Jaarstukken 2024, 47,6% in the Jaarstukken 2025): only the two reports that read that series are rebuilt
   (indicatoren, jeugdhulp_drie_jaar; werk_en_inkomen does not read it), the archive holds both versions of
   each, and wijzigingen.html names the figure with both values and both publications.

The Jaarstukken 2025 is registered in ``sources.csv`` before the first run: a changed sources.csv would rebuild
every report (every report reads it), and the point here is one series file. The copy also holds a copy of the
``sdlib`` package (first on ``PYTHONPATH``): a new commit of sdlib rebuilds every report, and colleagues committing
to the checkout during the test must not.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ["indicatoren", "jeugdhulp_drie_jaar", "werk_en_inkomen"]  # the third reads no youth-care series
READ_THE_SERIES = {"indicatoren", "jeugdhulp_drie_jaar"}
SERIES = "series/jeugdhulp_3jaar_aandeel.csv"
OLD_ROW = "2024,realisatie,48.0,js2024,"  # the Jaarstukken 2024's figure for 2024
SOURCE = (
    'test_js2025,Jaarstukken 2025,"Jaarstukken 2025, Programma 2 Samen leven en ondersteunen",'
    "Gemeente Zoetermeer,2026,,,,true,Testpublicatie.\n"
)
NEW_ROW = (
    "2024,realisatie,47.6,test_js2025,"
    "Efficiënte doorlooptijd: Afname gemiddeld aantal jaar dat een jeugdige jeugdhulp ontvangt,,false,\n"
)


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(
        ROOT / "notebooks" / "reports", root / "notebooks" / "reports", ignore=shutil.ignore_patterns(".ipynb_*")
    )
    shutil.copytree(ROOT / "reports" / "templates", root / "reports" / "templates")
    shutil.copytree(ROOT / "sdlib", root / "sdlib", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "reports" / "schedule.yml").write_text(
        "reports:\n" + "".join(f"  - notebook: {name}\n" for name in REPORTS), encoding="utf-8"
    )
    assert OLD_ROW in (root / "data" / SERIES).read_text(encoding="utf-8")
    with open(root / "data" / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write(SOURCE)
    return root


def make_reports(root: Path) -> subprocess.CompletedProcess:
    """What the scheduler runs (`make reports` without the set-up): validate, then the pack."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    env.update(SDLIB_ROOT=str(root), COLUMNS="200", PYTHONPATH=str(root))  # the frozen copy of sdlib
    validate = subprocess.run(
        [sys.executable, "-m", "sdlib", "validate"], cwd=root, env=env, capture_output=True, text=True
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    return subprocess.run(
        [sys.executable, "-m", "sdlib", "report", "run", "--all", "--no-progress"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def run_file(root: Path) -> dict:
    return json.loads((root / "reports" / "run.json").read_text(encoding="utf-8"))


def statuses(root: Path) -> dict:
    return {r["report"]: r["status"] for r in run_file(root)["reports"]}


def outputs(root: Path) -> dict:
    files = [root / "reports" / f"{name}{ext}" for name in REPORTS for ext in (".pdf", ".html", ".manifest.json")]
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def index(root: Path) -> dict:
    return json.loads((root / "reports" / "archief" / "index.json").read_text(encoding="utf-8"))


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().replace("\xa0", " ").split()) for p in PdfReader(path).pages)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_weekly_run_rebuilds_only_what_changed_and_archives_and_describes_it(project):
    root, reports, archive = project, project / "reports", project / "reports" / "archief"

    # 1. the first run makes the pack
    first = make_reports(root)
    assert first.returncode == 0, first.stdout + first.stderr
    assert statuses(root) == dict.fromkeys(REPORTS, "ok")
    assert len(index(root)["versions"]) == 3
    made = outputs(root)

    # 2. nothing changed: nothing is rebuilt, nothing rewritten, nothing archived
    started = time.monotonic()
    second = make_reports(root)
    took = time.monotonic() - started
    assert second.returncode == 0, second.stdout + second.stderr
    assert statuses(root) == dict.fromkeys(REPORTS, "ongewijzigd")
    assert all(r["reason"].startswith("niets gewijzigd sinds") for r in run_file(root)["reports"])
    assert outputs(root) == made
    assert len(index(root)["versions"]) == 3
    assert "3 ongewijzigd" in second.stdout and "Geen wijzigingen" in second.stdout
    print(f"\nsecond run (validate + report run, nothing changed): {took:.1f} s")

    # 3. a new publication revises one figure of one series: only the reports that read it are rebuilt
    with open(root / "data" / SERIES, "a", encoding="utf-8") as fh:
        fh.write(NEW_ROW)
    third = make_reports(root)
    assert third.returncode == 0, third.stdout + third.stderr
    assert statuses(root) == {name: "ok" if name in READ_THE_SERIES else "ongewijzigd" for name in REPORTS}
    for item in run_file(root)["reports"]:
        if item["report"] in READ_THE_SERIES:
            assert item["reason"] == f"gegevens gewijzigd: {SERIES}"
            assert item["archived"].startswith("reports/archief/")
    after = outputs(root)
    for ext in (".pdf", ".html", ".manifest.json"):
        assert after[f"werk_en_inkomen{ext}"] == made[f"werk_en_inkomen{ext}"]

    # the archive holds both versions of each rebuilt report, every file with its sha256, never overwritten
    versions = index(root)["versions"]
    assert sorted(v["name"] for v in versions) == sorted([*REPORTS, *READ_THE_SERIES])
    for name in READ_THE_SERIES:
        old, new = [v for v in versions if v["name"] == name]
        assert old["files"]["pdf"]["file"] != new["files"]["pdf"]["file"]
        for version in (old, new):
            for record in version["files"].values():
                assert sha256(archive / record["file"]) == record["sha256"]
            manifest = json.loads((archive / version["files"]["manifest"]["file"]).read_text(encoding="utf-8"))
            assert manifest["outputs"]["pdf"]["sha256"] == version["files"]["pdf"]["sha256"]
        assert old["inputs"][SERIES] != new["inputs"][SERIES] == sha256(root / "data" / SERIES)
        assert (archive / "gegevens" / old["inputs"][SERIES]).is_file()  # the data each version read
        assert new["files"]["pdf"]["sha256"] == sha256(reports / f"{name}.pdf")  # the newest is the published one
    old_share, new_share = (
        pdf_text(archive / v["files"]["pdf"]["file"]) for v in versions if v["name"] == "jeugdhulp_drie_jaar"
    )
    assert "48,0%" in old_share and "47,6%" not in old_share and "47,6%" in new_share
    page = (archive / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl-NL">' in page and "Content-Security-Policy" in page
    for version in versions:
        assert f'href="{version["files"]["pdf"]["file"]}"' in page and version["files"]["pdf"]["sha256"] in page

    # what changed, for the clerk: the revised figure with both values and both publications
    changes = (reports / "wijzigingen.html").read_text(encoding="utf-8")
    revision = (
        "Herzien: Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024 (was 48,0% volgens de Jaarstukken 2024, "
        "nu 47,6% volgens de Jaarstukken 2025)."
    )
    assert revision in changes and changes.count(revision) == 2  # in both reports that show the series
    assert "Nieuwe publicatie: de Jaarstukken 2025." in changes
    assert '<html lang="nl-NL">' in changes and "default-src 'none'" in changes and "<script" not in changes
    assert "Werk en inkomen" in changes.split('id="r0">Ongewijzigd</h2>')[1]
    text = (reports / "wijzigingen.txt").read_text(encoding="utf-8")
    assert revision in text and revision in third.stdout
    archived_pages = [p for p in index(root)["pages"] if p["kind"] == "wijzigingen"]
    assert len(archived_pages) == 2  # the first and the third run archived a version; the second none
    assert revision in (archive / archived_pages[-1]["file"]).read_text(encoding="utf-8")

    # nothing left behind: no lock, no temporary file
    assert not (reports / ".sdlib-run.lock").exists()
    assert not list(reports.rglob("*.sdlib-tmp"))


AXE = ROOT / "tests" / "accessibility" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_the_change_summary_and_the_archive_index_pass_axe_like_the_twins(tmp_path):
    """Both pages are audited as the HTML twins are (tests/accessibility/test_html_axe.py): axe-core, WCAG 2.1 AA,
    no request outside the file, no sideways scrolling on a phone."""
    import datetime as dt

    from sdlib.present.changes import ReportChange, summary_html
    from sdlib.report.archive import Page, Version, index_html

    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extra)")
    if not Path(CHROMIUM).exists() or not AXE.exists():
        pytest.skip("chromium or axe-core is not installed (see tests/accessibility)")
    made = dt.datetime(2026, 12, 7, 6, 0)
    changes = summary_html(
        [
            ReportChange(
                "a", "Indicatoren van het programma", "bijgewerkt", ["Herzien: x (was 1, nu 2)."], "2026-11-30"
            ),
            ReportChange("b", "Jeugdhulp: kosten", "ongewijzigd"),
        ],
        made=made,
        organisation="Gemeente Zoetermeer",
        links={"a": "a.html", "b": "b.html"},
    )
    files = {
        kind: {"file": f"2026-12-07/indicatoren.{ext}", "sha256": "ab" * 32}
        for kind, ext in (("pdf", "pdf"), ("html", "html"), ("manifest", "manifest.json"))
    }
    version = Version(
        "indicatoren", "2026-12-07", "indicatoren", files, "Indicatoren", "verslagjaar 2024", made.isoformat()
    )
    index = index_html(
        [version],
        [Page("2026-12-07", "2026-12-07/wijzigingen.html", "cd" * 32, made.isoformat())],
        css=(ROOT / "reports" / "templates" / "report.css").read_text(encoding="utf-8"),
        organisation="Gemeente Zoetermeer",
    )
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    results = []

    def audit_all():
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            for name, document in (("wijzigingen.html", changes), ("index.html", index)):
                path = tmp_path / name
                path.write_text(document, encoding="utf-8")
                for width in (1280, 375):
                    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
                    outside = []

                    def route(r, outside=outside):
                        if r.request.url.startswith(("data:", "file:")):
                            r.continue_()
                        else:
                            outside.append(r.request.url)
                            r.abort()

                    page.route("**/*", route)
                    page.goto(path.as_uri())
                    page.add_script_tag(path=str(AXE))
                    violations = page.evaluate(
                        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
                        ".violations.map(v => v.id)",
                        tags,
                    )
                    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                    page.close()
                    results.append((name, width, violations, outside, scroll, inner))
            browser.close()

    # in a thread of its own: a test run earlier in this process may leave an asyncio loop on the main thread,
    # where Playwright's sync API refuses to start
    with ThreadPoolExecutor(1) as pool:
        pool.submit(audit_all).result()
    assert len(results) == 4
    for name, width, violations, outside, scroll, inner in results:
        assert violations == [], (name, width, violations)
        assert outside == [] and scroll <= inner, (name, width, outside, scroll, inner)
