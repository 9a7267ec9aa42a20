"""In JupyterLab in Chromium, as an analyst uses it: the verkenner after Run All and quick dropdown changes, a
training notebook's self-check, saving that leaves the notebooks without outputs, and a report with a bad
``jaar`` typed into its parameters cell that stops in its first cells with a Dutch message, not a traceback.

The verkenner once showed a blank chart on the first change after Run All and kept an old single chart above a
new two-panel chart after quick changes (the widget and the comm thread's post_execute drew the same pyplot
figure). Here every change comes less than 0.5 s after the previous one; at the end the widget must show one
non-blank chart image per chosen series, of the last choice, and nothing else.

Screenshots: /tmp/browser/ (SDLIB_SCREENSHOTS).
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("SDLIB_SCREENSHOTS", "/tmp/browser"))

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]


NB = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"  # the notebook in the visible tab


def _last(page):
    """The last code cell: the one with the widget."""
    return page.locator(f"{NB} .jp-CodeCell").last


def _open(page, lab, path: str):
    base, token, _ = lab
    page.goto(f"{base}/lab/tree/{path}?reset&token={token}")  # reset: only this notebook open
    page.wait_for_selector(f"{NB} .jp-Cell", state="attached")
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)  # the status bar: kernel ready


def _run_all(page):
    """Run > Run All Cells; again if the kernel was not ready and nothing started."""
    for _ in range(5):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        prompts = page.locator(f"{NB} .jp-CodeCell .jp-InputPrompt")  # only the cells in view are drawn
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if any(re.search(r"[0-9*]", p) for p in prompts.all_inner_texts()):  # [*]: or [1]:
                return
            time.sleep(0.2)
    prompts = page.locator(f"{NB} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
    pytest.fail(f"Run All Cells startte niets: {prompts}")


def _dropdown(page, label: str):
    return (
        _last(page).locator(".widget-dropdown").filter(has=page.locator(f"label:text-is('{label}')")).locator("select")
    )


def _charts(page) -> list[dict]:
    """The images in the output of the widget cell, with the series they claim to show."""
    return page.evaluate(
        """(nb) => {
        const cells = [...document.querySelectorAll(nb + ' .jp-CodeCell')];
        const last = cells[cells.length - 1];
        return [...last.querySelectorAll('.jp-OutputArea img')].map(i => ({
            series: i.closest('.sdlib-chart') ? i.closest('.sdlib-chart').dataset.series : null,
            alt: i.alt, src: i.src, complete: i.complete, width: i.naturalWidth, height: i.naturalHeight}));
    }""",
        NB,
    )


def _busy(page) -> bool:
    return "bezig met tekenen" in _last(page).inner_text()


def _settle(page, expected: list[str], timeout: float = 90) -> list[dict]:
    """Wait until the widget shows charts of ``expected`` and stays so for 2 s; return the charts."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        charts = _charts(page)
        if [c["series"] for c in charts] == expected and all(c["complete"] for c in charts) and not _busy(page):
            time.sleep(2)  # a stale redraw arriving late would show up now
            again = _charts(page)
            if [c["series"] for c in again] == expected and not _busy(page):
                return again
        time.sleep(0.25)
    pytest.fail(f"de verkenner toont {[c['series'] for c in _charts(page)]}, verwacht {expected}")


def _ink(png: bytes) -> float:
    """Share of pixels that are not (nearly) white."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("L")
    hist = img.histogram()
    return 1 - sum(hist[240:]) / (img.width * img.height)


def _check_charts(page, charts, expected, shot: str):
    assert [c["series"] for c in charts] == expected
    for i, (c, sid) in enumerate(zip(charts, expected)):
        assert sid in c["alt"], c["alt"]  # the alt text names the chosen series
        png = base64.b64decode(c["src"].split(",", 1)[1])
        assert _ink(png) > 0.03, f"grafiek {sid} is (bijna) leeg"
        assert c["height"] > 250 and c["width"] > 500, (c["width"], c["height"])
        element = _last(page).locator(".sdlib-chart img").nth(i)
        element.scroll_into_view_if_needed()
        shown = element.screenshot(path=str(SCREENSHOTS / f"{shot}_{i + 1}_{sid}.png"))
        assert _ink(shown) > 0.03, f"grafiek {sid} staat leeg op het scherm"
    # no other picture in the widget cell: no old single chart above the new ones
    imgs = _last(page).locator(".jp-OutputArea img").count()
    assert imgs == len(expected)


def _options(select) -> list[str]:
    return select.evaluate("s => [...s.options].map(o => o.textContent)")


def test_verkenner_quick_changes_end_with_the_charts_of_the_last_choice(page, lab):
    _open(page, lab, "explore/verkenner.ipynb")
    _run_all(page)
    _last(page).locator(".sdlib-chart img").first.wait_for(timeout=120_000)
    first = _settle(page, ["jeugdhulp_3jaar_aandeel"])  # the notebook's parameter reeks, as the chart above it
    _check_charts(page, first, ["jeugdhulp_3jaar_aandeel"], "verkenner_0_start")
    page.screenshot(path=str(SCREENSHOTS / "verkenner_1_na_run_all.png"), full_page=True)
    vintage = _last(page).locator(".widget-toggle-buttons button.mod-active").inner_text()
    assert vintage == "alle publicaties"  # parameter vintage = "all"

    series, compare = _dropdown(page, "Reeks"), _dropdown(page, "Vergelijk met")
    _dropdown(page, "Thema").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "verkenner_1b_keuzelijsten.png"))
    # the dropdown is wide enough for the longest title it offers
    assert series.evaluate("s => s.scrollWidth <= s.clientWidth + 1")
    titles = _options(series)
    assert any("Jeugdigen met specialistische jeugdhulp" in t.replace("\xa0", " ") for t in titles), titles

    # round 1: five changes less than 0.5 s apart, the first right after Run All, ending with two series
    steps = [
        (series, "jeugdhulp_jeugdigen"),
        (compare, "jeugdhulp_3jaar_aantal"),
        (series, "jeugdhulp_3jaar_aandeel"),
        (series, "jeugdhulp_jeugdigen"),
        (compare, "jeugdhulp_3jaar_aandeel"),
    ]
    last = time.monotonic()
    for select, sid in steps:
        label = next(t for t in _options(select) if t.endswith(f"({sid})"))
        select.select_option(label=label)
        now = time.monotonic()
        assert now - last < 0.5
        last = now
    charts = _settle(page, ["jeugdhulp_jeugdigen", "jeugdhulp_3jaar_aandeel"])
    _check_charts(page, charts, ["jeugdhulp_jeugdigen", "jeugdhulp_3jaar_aandeel"], "verkenner_2_vergelijk")
    _last(page).locator(".sdlib-chart img").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "verkenner_3_na_snelle_keuzes.png"))

    # round 2: a series change, "Vergelijk" 3 s later, then quickly back to one series
    series.select_option(label=next(t for t in titles if t.endswith("(jeugdhulp_3jaar_aantal)")))
    time.sleep(3)
    compare.select_option(label=next(t for t in _options(compare) if t.endswith("(jeugdhulp_jeugdigen)")))
    time.sleep(0.3)
    compare.select_option(label="(geen)")
    charts = _settle(page, ["jeugdhulp_3jaar_aantal"])
    _check_charts(page, charts, ["jeugdhulp_3jaar_aantal"], "verkenner_4_een_reeks")
    text = _last(page).inner_text()
    assert "Eenheid: aantal" in text and "gewenste richting: lager is beter" in text and "Eenheid: count" not in text

    # export: into the project's export/verkenner; the message names the absolute folder
    export_dir = lab[2].parent / "export" / "verkenner"
    _last(page).locator("button", has_text="Exporteer").click()
    _last(page).get_by_text("Geëxporteerd naar de map").wait_for(timeout=60_000)
    message = _last(page).inner_text()
    assert str(export_dir) in message
    assert sorted(p.suffix for p in export_dir.iterdir()) == [".csv", ".png", ".xlsx"]
    page.screenshot(path=str(SCREENSHOTS / "verkenner_5_export.png"))


def test_saving_the_verkenner_keeps_it_without_outputs(page, lab):
    _open(page, lab, "explore/verkenner.ipynb")
    _run_all(page)
    _last(page).locator(".sdlib-chart img").first.wait_for(timeout=120_000)
    page.keyboard.press("Control+s")
    page.wait_for_selector(".jp-mod-dirty", state="detached", timeout=30_000)
    time.sleep(1)
    saved = json.loads((lab[2] / "explore" / "verkenner.ipynb").read_text(encoding="utf-8"))
    stored = json.loads((ROOT / "notebooks" / "explore" / "verkenner.ipynb").read_text(encoding="utf-8"))
    assert saved == stored  # what git sees after a save: the tracked notebook, unchanged


def _cell_with(page, text: str):
    return page.locator(f"{NB} .jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text=text)).first


def _answer(page, cell, first_line: str) -> str:
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Shift+End")
    page.keyboard.type(first_line)
    page.keyboard.press("Shift+Enter")
    out = cell.locator(".jp-OutputArea")
    page.wait_for_function(
        """(el) => /Goed|Nog niet goed/.test(el.innerText)""", arg=out.element_handle(), timeout=60_000
    )
    return out.inner_text()


def test_training_notebook_says_goed_or_gives_a_hint(page, lab):
    name = next(p.name for p in (ROOT / "notebooks" / "training").glob("01_*.ipynb"))
    _open(page, lab, f"training/{name}")
    _run_all(page)
    cell = _cell_with(page, "de doelstelling als tekst")
    page.wait_for_function("(el) => /Nog geen antwoord/.test(el.innerText)", arg=cell.element_handle(), timeout=120_000)
    right = _answer(page, cell, 'antwoord = "2.1"  # de doelstelling als tekst')
    assert "Goed" in right and "Nog niet goed" not in right
    cell.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "training_1_goed.png"))
    wrong = _answer(page, cell, 'antwoord = "2.3"  # de doelstelling als tekst')
    assert "Nog niet goed" in wrong and "sdlib.describe" in wrong  # the hint of vragen.yml
    page.screenshot(path=str(SCREENSHOTS / "training_2_hint.png"))


def _edit_parameters(page, old: str, new: str) -> str:
    """As an analyst: click into the parameters cell, select all, type the cell with ``old`` replaced by ``new``."""
    cell = page.locator(f"{NB} .jp-CodeCell").first  # the parameters cell comes first
    editor = cell.locator(".cm-content")
    text = "\n".join(editor.locator(".cm-line").all_inner_texts())
    assert old in text, text
    wanted = text.replace(old, new)
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(wanted)
    typed = "\n".join(editor.locator(".cm-line").all_inner_texts())
    assert typed == wanted, typed  # no auto-closed quote or bracket left behind
    page.keyboard.press("Control+Home")  # back to the start of the cell: the new value is in view
    return typed


def _cells(page) -> list[dict]:
    """Every code cell in the DOM: its source, prompt and output text (textContent: also cells out of view)."""
    return page.evaluate(
        """(nb) => [...document.querySelectorAll(nb + ' .jp-CodeCell')].map(c => ({
        source: [...c.querySelectorAll('.jp-InputArea .cm-line')].map(l => l.textContent).join('\\n'),
        prompt: (c.querySelector('.jp-InputArea .jp-InputPrompt') || {}).textContent || '',
        output: [...c.querySelectorAll('.jp-OutputArea-output')].map(o => o.textContent).join('\\n')}))""",
        NB,
    )


@pytest.mark.parametrize(
    "name, bad, message",
    [
        (
            "indicatoren",
            2019,
            (
                "Dit rapport stopt: indicatoren: parameter 'jaar' = 2019 valt buiten de gegevens; "
                "geldige waarden: 2021, 2022, 2023, 2024"
            ),
        ),
        (
            "jeugdhulp_drie_jaar",
            1999,
            "Dit rapport stopt: jeugdhulp_drie_jaar: parameter 'jaar' = 1999 valt buiten de gegevens",
        ),
    ],
    ids=["indicatoren-2019", "jeugdhulp_drie_jaar-1999"],
)
def test_report_with_a_bad_jaar_stops_in_its_first_cells_with_a_dutch_message(page, lab, name, bad, message):
    path = f"reports/{name}.ipynb"
    stored = json.loads((lab[2] / path).read_text(encoding="utf-8"))
    code = [c for c in stored["cells"] if c["cell_type"] == "code"]
    check = next(i for i, c in enumerate(code) if "check_parameters(" in "".join(c["source"]))
    assert "parameters" in code[0]["metadata"].get("tags", []) and check <= 2  # parameters, setup (and check)

    _open(page, lab, path)
    _edit_parameters(page, "jaar: int = 2024", f"jaar: int = {bad}")
    _run_all(page)
    stop = _cell_with(page, "check_parameters(")
    stop.locator(".jp-OutputArea-output", has_text="Dit rapport stopt").wait_for(timeout=180_000)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=120_000)
    time.sleep(1)  # a later cell that (wrongly) ran would show its output now
    page.locator(f"{NB} .jp-Cell").first.scroll_into_view_if_needed()  # the top: parameters, setup, the stop
    stop.evaluate("el => el.scrollIntoView({block: 'end'})")
    time.sleep(1)  # let the cells in view be drawn
    page.screenshot(path=str(SCREENSHOTS / f"report_bad_jaar_{name}.png"))
    if name == "indicatoren":
        page.screenshot(path=str(SCREENSHOTS / "report_bad_jaar.png"))

    shown = stop.locator(".jp-OutputArea").inner_text()
    assert message in shown, shown
    assert "Pas de parametercel bovenaan aan" in shown, shown
    cells = _cells(page)
    assert len(cells) == len(code)  # every cell is in the page, also those out of view
    assert f"jaar: int = {bad}" in cells[0]["source"]
    assert "Dit rapport stopt" in cells[check]["output"]  # the stop is the check_parameters cell
    for i, cell in enumerate(cells):
        for word in ("Traceback", "NotebookParameterError", 'File "'):
            assert word not in cell["output"], (i, cell["output"])
        if i < check:
            assert re.search(r"\[\d+\]", cell["prompt"]), (i, cell["prompt"])  # ran, without an error
            assert "Dit rapport stopt" not in cell["output"] and "Error" not in cell["output"], (i, cell["output"])
        elif i > check:
            assert not re.search(r"[\d*]", cell["prompt"]), (i, cell["prompt"])  # never ran
            assert cell["output"] == "", (i, cell["output"])
    everything = page.locator(NB).evaluate("el => el.textContent")
    assert "Kernboodschappen" not in "\n".join(c["output"] for c in cells)
    assert "Traceback" not in everything and "NotebookParameterError" not in everything
    # nothing saved: the copy on disk still holds the notebook's own parameters
    on_disk = json.loads((lab[2] / path).read_text(encoding="utf-8"))
    assert next(c for c in on_disk["cells"] if c["cell_type"] == "code")["source"] == code[0]["source"]
