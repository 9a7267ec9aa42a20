"""Every HTML twin of the council pack passes axe-core (WCAG 2.0/2.1 A and AA) in headless Chromium.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright; axe-core comes from npm
(``npm ci --prefix tests/accessibility``; .ci/run installs both). The twin must load without any request
outside the file itself, and must not scroll sideways on a phone (375 px wide).
"""

import shutil
from pathlib import Path

import pytest
import report_packs

pytestmark = [pytest.mark.pdf, pytest.mark.notebooks]

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPORTS = report_packs.outputs(report_packs.COUNCIL)


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extra)")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci --prefix tests/accessibility; .ci/run does it)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def audit(browser, path: Path, width: int = 1280) -> dict:
    """Open ``path`` (no request may leave the file), run axe-core; return violations, requests and widths."""
    # the twin's Content-Security-Policy forbids every script, axe-core's too: the audit lifts it, the page not
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
    outside = []

    def route(r):
        url = r.request.url
        if url.startswith(("data:", "file:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
        " return r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}));"
        " }",
        TAGS,
    )
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    unlabelled = page.evaluate(
        "() => [...document.querySelectorAll('td')].filter(td => {"
        " const before = getComputedStyle(td, '::before').content;"
        " return getComputedStyle(td).display === 'block' && (!td.dataset.label || before === 'none'"
        " || before === '\"\"'); }).map(td => td.closest('table').caption?.innerText + ': ' + td.innerText)"
    )
    too_wide = page.evaluate(
        "() => [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right >"
        " t.parentElement.getBoundingClientRect().right + 1).map(t => t.caption?.innerText || t.innerText.slice(0, 40))"
    )
    page.close()
    return {"violations": result, "outside": outside, "widths": widths, "unlabelled": unlabelled, "too_wide": too_wide}


@pytest.mark.parametrize("report", REPORTS)
def test_html_twin_has_no_axe_violations(browser, council, report):
    found = audit(browser, council / f"{report}.html")
    assert found["violations"] == [], found["violations"]
    assert found["outside"] == [], "the HTML twin must be self-contained"
    assert found["too_wide"] == [], f"{report}: tables wider than the text column at 1280 px"


@pytest.mark.parametrize("report", REPORTS)
def test_html_twin_fits_a_phone(browser, council, report):
    found = audit(browser, council / f"{report}.html", width=375)
    scroll, inner = found["widths"]
    assert scroll <= inner, f"{report}: the page scrolls sideways on a phone ({scroll} > {inner} px)"
    assert found["violations"] == [], found["violations"]
    # a table becomes one card per row on a phone: every value must carry its column's name
    assert found["unlabelled"] == [], f"{report}: values without their column name on a phone"
    assert found["too_wide"] == [], f"{report}: tables wider than the phone"
