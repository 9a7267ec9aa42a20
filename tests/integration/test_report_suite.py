"""Every report notebook runs with its defaults; key figures are read back from the PDFs.

The expected values are the printed figures of the source documents, in Dutch notation.
"""

from pathlib import Path

import pytest
from pypdf import PdfReader

from sdlib.report import load_schedule, run_jobs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    results = run_jobs(load_schedule(ROOT / "reports" / "schedule.yml"), out_dir=out, progress=False)
    return out, results


def text(out: Path, name: str) -> str:
    reader = PdfReader(out / f"{name}.pdf")
    return " ".join(" ".join(page.extract_text().replace("\xa0", " ").split()) for page in reader.pages)


def test_every_scheduled_report_succeeds(suite):
    out, results = suite
    assert [(r.report, r.status) for r in results if r.status != "ok"] == []
    assert len(results) >= 10


@pytest.mark.parametrize(
    "report, figures",
    [
        ("jeugdhulp_stromen", ["1.339", "3.795", "2.545", "1.701*", "11,1", "Bron: 2e Rapportage Sociaal Domein 2019, Tabel 1"]),
        ("jeugdhulp_drie_jaar", ["45,9%", "46,1%", "48,0%", "2.279", "4.747", "2.261", "4.923", "380.100"]),
        ("jeugdhulp_kosten", ["€ 5.565", "€ 23.307.274", "€ 15.484.508*", "4.188"]),
        ("indicatoren_2024", ["€ 2.790", "€ 3.500", "822", "1.146", "48,0%*", "komt het berekende oordeel overeen"]),
        ("indicatoren_2023", ["46,1%", "758", "geen 'Doel gehaald'"]),
        ("wmo_mantelzorg_gezondheid", ["87,3%", "75,2%", "2,6", "€ 3.396"]),
        ("financien", ["€ -92.186.000", "€ -135.874.000", "€ 8.688.000", "€ 9.631.000"]),
        ("werk_en_inkomen", ["573", "576", "2.559", "2.731", "209", "875", "21,5%"]),
        # the synthetic extract is calibrated on tabel 1, 4 and 5: the engine gives the published flows back
        ("jeugdhulp_records", ["Jeugdhulp uit registraties (synthetische gegevens)", "1.339", "2.545", "1.250",
                               "3.058", "Bron: synthetische gegevens", "Aantallen van 0 tot en met 7 zijn geheim"]),
    ],
)
def test_pdf_shows_the_documented_figures(suite, report, figures):
    out, _ = suite
    content = text(out, report)
    for figure in figures:
        assert figure in content, f"{report}: {figure!r} not in the PDF"


def test_pdfs_have_title_page_contents_and_page_numbers_but_no_code_or_warnings(suite):
    out, results = suite
    for r in results:
        reader = PdfReader(out / f"{r.report}.pdf")
        first = reader.pages[0].extract_text()
        assert "Gemeente Zoetermeer" in first and "Datum van de run" in first and "Parameters" in first
        assert "Inhoud" in reader.pages[1].extract_text()
        content = text(out, r.report)
        assert f"Pagina 2 van {len(reader.pages)}" in content
        for leak in ("Traceback", "Warning", "import sdlib", "plot.setup()", "sdlib.load("):
            assert leak not in content, f"{r.report}: {leak!r} leaked into the PDF"
