"""The report document: title page, contents, headings, Verantwoording and images without text alternative.

Small fixture notebooks (tests/fixtures/notebooks) run through the runner; the rest is the renderer on HTML.
"""

import itertools
import json
import re
from pathlib import Path

import pytest
import report_packs

from sdlib.cli import REPORT_CLOSING
from sdlib.report import Job, run_jobs
from sdlib.report.render import MissingAltError, images_without_alt, report_html

NOTEBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"


pages = report_packs.pdf_pages


@pytest.mark.notebooks
@pytest.mark.pdf
def test_a_report_using_only_2019_figures_names_only_that_document(tmp_path):
    (result,) = run_jobs(
        [Job("alleen_2019")], out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False, closing_code=REPORT_CLOSING
    )
    assert result.status == "ok", result.error
    text = pages(tmp_path / "alleen_2019.pdf")
    title = text[0]
    assert "Testrapport alleen 2019" in title and "2015-2019" in title  # the period verantwoording() gave
    assert "Bronnen: 2e Rapportage Sociaal Domein 2019" in title
    assert "Jaarstukken 2024" not in " ".join(text) and "nieuwste" not in title
    assert "Inhoud" not in " ".join(text)  # three sections: no table of contents
    body = " ".join(text[1:])
    assert "Kernboodschappen In 2019 stroomden 627 jeugdigen in." in body
    tail = body[body.index("Verantwoording") :]
    assert "Instroom in de specialistische jeugdhulp" in tail  # the definition from the catalog
    assert "2e Rapportage Sociaal Domein 2019: Tabel 1, peildatum 9 september 2019" in tail
    assert "Technische gegevens" in tail and "Instellingen: verslagjaar: 2019." in tail
    assert tail.count("Verantwoording") == 1  # the closing cell adds none when the notebook showed it


@pytest.mark.notebooks
@pytest.mark.pdf
def test_a_chart_without_text_alternative_fails_the_report_or_is_marked_as_draft(tmp_path):
    (result,) = run_jobs([Job("grafiek_zonder_alt")], out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False)
    assert result.status == "failed"
    assert "zonder tekstalternatief" in result.error
    error = (tmp_path / "failed" / "grafiek_zonder_alt.error.txt").read_text()
    assert "1 afbeelding(en) zonder tekstalternatief" in error and "plot.show" in error
    assert "Traceback" not in error
    assert not (tmp_path / "grafiek_zonder_alt.pdf").exists() and not (tmp_path / "grafiek_zonder_alt.html").exists()
    (draft,) = run_jobs(
        [Job("grafiek_zonder_alt")], out_dir=tmp_path, notebooks_dir=NOTEBOOKS, progress=False, allow_missing_alt=True
    )
    assert draft.status == "ok"
    manifest = json.loads((tmp_path / "grafiek_zonder_alt.manifest.json").read_text())
    assert manifest["images_without_alt"] == 1
    assert "Concept" in pages(tmp_path / "grafiek_zonder_alt.pdf")[0]


def _doc(body, **kw):
    return report_html(body, title="Proef", period="2024", data_version="0123456789ab", organisation="Gemeente X", **kw)


CHART = '<figure class="sd-chart"><img alt="Lijn stijgt" src="data:image/png;base64,iVBORw0KGgo="></figure>'


def test_headings_form_one_outline_without_skipped_levels():
    document = _doc(
        [
            ("markdown", "<h1>Notebooktitel</h1><p>Inleiding</p><h4>Diep</h4><p>a</p><h2>Twee</h2>"),
            ("block", "<div><h5>In een uitvoer</h5></div>"),
        ]
    )
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", document)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert "Notebooktitel" not in document  # the notebook's own title is on the title page


def test_a_heading_is_kept_with_the_chart_after_it():
    document = _doc([("markdown", "<h2>Groei</h2><p>Uitleg</p>"), ("block", CHART), ("block", "<p>Daarna</p>")])
    keep = re.search(r'<div class="sd-keep">(.*?)</div>\s*<p>Daarna', document, re.S)
    assert keep and "Groei" in keep.group(1) and "Lijn stijgt" in keep.group(1)


def test_contents_only_from_five_sections_on_and_then_on_the_title_page():
    four = _doc([("markdown", "".join(f"<h2>S{i}</h2><p>t</p>" for i in range(3)))])  # + Verantwoording = 4
    assert 'class="toc"' not in four
    five = _doc([("markdown", "".join(f"<h2>S{i}</h2><p>t</p>" for i in range(4)))])
    header = five[five.index('<header class="title-page">') : five.index("</header>")]
    assert 'class="toc"' in header and header.count("<li>") == 5


def test_title_page_has_no_sources_line_when_none_are_known():
    document = _doc([("markdown", "<h2>A</h2>")])
    assert "Bronnen:" not in document
    assert "Bronnen: Jaarverslag 2022" in _doc([("markdown", "<h2>A</h2>")], sources=["Jaarverslag 2022"])


def test_an_image_without_alt_is_refused_or_marked():
    bare = '<img src="data:image/png;base64,iVBORw0KGgo=" data-sd-cell="4">'
    assert images_without_alt(bare + CHART + '<img alt=" " src="x.png">') == [bare, '<img alt=" " src="x.png">']
    with pytest.raises(MissingAltError, match="cel 4"):
        _doc([("block", bare)])
    marked = _doc([("block", bare)], allow_missing_alt=True)
    assert images_without_alt(marked) == [] and "sd-no-alt" in marked and "Concept" in marked


def test_tables_scroll_in_a_labelled_focusable_region():
    table = (
        '<figure class="sd-table"><figcaption>Kosten per jaar</figcaption><table><thead><tr><th>jaar</th>'
        "</tr></thead><tbody><tr><td>1</td></tr></tbody></table></figure>"
    )
    document = _doc([("block", table)])
    assert re.search(r'<div class="sd-scroll" role="region" tabindex="0" aria-label="Kosten per jaar">', document)
