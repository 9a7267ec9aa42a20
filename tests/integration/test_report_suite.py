"""Every report notebook runs with its defaults; key figures are read back from the PDFs.

The expected values are the printed figures of the source documents, in Dutch notation. A figure that the
report also prints elsewhere (in prose, or in a column of published figures) is read from its table row, in
order, so that the test fails when the report computes it wrongly.
"""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdlib.report import load_schedule, run_jobs

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]  # runs the whole schedule and reads the PDFs back


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    results = run_jobs(load_schedule(ROOT / "reports" / "schedule.yml"), out_dir=out, progress=False)
    return out, results


def text(out: Path, name: str) -> str:
    reader = PdfReader(out / f"{name}.pdf")
    return " ".join(" ".join(page.extract_text().replace("\xa0", " ").split()) for page in reader.pages)


def table_row(content: str, caption: str, label: str, n: int) -> list[str]:
    """Return the first ``n`` cells of the row ``label`` of the table under ``caption``, as the PDF prints them."""
    assert caption in content, f"table {caption!r} not in the PDF"
    after = content[content.index(caption) + len(caption):]
    found = re.search(rf"(?:^| ){re.escape(label)} ", after)
    assert found, f"row {label!r} not in the table {caption!r}"
    return after[found.end():].split()[:n]


def number(cell: str) -> int:
    """1.339 -> 1339; a trailing * (voorlopig) is dropped."""
    return int(cell.rstrip("*").replace(".", ""))


def test_every_scheduled_report_succeeds(suite):
    out, results = suite
    assert [(r.report, r.status) for r in results if r.status != "ok"] == []
    assert len(results) >= 10


@pytest.mark.parametrize(
    "report, figures",
    [
        ("jeugdhulp_stromen", ["1.339", "3.795", "2.545", "1.701*", "11,1", "Bron: 2e Rapportage Sociaal Domein 2019, Tabel 1"]),
        ("jeugdhulp_drie_jaar", ["45,9%", "46,1%", "48,0%", "2.279", "4.747", "2.261", "4.923"]),
        ("jeugdhulp_kosten", ["€ 5.565", "€ 23.307.274", "€ 15.484.508*", "4.188"]),
        ("indicatoren_2024", ["€ 2.790", "€ 3.500", "822", "1.146", "48,0%*", "komt het berekende oordeel overeen"]),
        ("indicatoren_2023", ["46,1%", "758", "geen 'Doel gehaald'"]),
        ("wmo_mantelzorg_gezondheid", ["87,3%", "75,2%", "2,6", "€ 3.396"]),
        ("financien", ["€ -92.186.000", "€ -135.874.000", "€ 8.688.000", "€ 9.631.000"]),
        ("werk_en_inkomen", ["573", "576", "2.559", "2.731", "209", "875", "21,5%"]),
        # the figures computed from the records are read from their table rows (tests below)
        ("jeugdhulp_records", ["Jeugdhulp uit registraties (synthetische gegevens)", "Bron: synthetische gegevens",
                               "Aantallen van 0 tot en met 7 zijn geheim"]),
    ],
)
def test_pdf_shows_the_documented_figures(suite, report, figures):
    out, _ = suite
    content = text(out, report)
    for figure in figures:
        assert figure in content, f"{report}: {figure!r} not in the PDF"


PER_PUBLICATION = "Aandeel per publicatie, met teller en noemer"
COMPARISON = "Registraties naast de gepubliceerde tabellen"


@pytest.mark.parametrize(
    "report, caption, label, cells",
    [
        # the share recomputed from numerator and denominator (herberekend aandeel) is printed only in this table
        ("jeugdhulp_drie_jaar", PER_PUBLICATION, "2023 (Programmabegroting 2025)",
         ["45,9%", "2.261", "4.923", "45,9%"]),
        ("jeugdhulp_drie_jaar", PER_PUBLICATION, "2024 (Jaarstukken 2024)", ["48,0%*", "2.279", "4.747", "48,0%"]),
        # registraties (the engine on the synthetic extract, calibrated on tabel 1, 4 and 5), gepubliceerd, verschil
        ("jeugdhulp_records", COMPARISON, "instroom 2017", ["1.339", "1.339", "0"]),  # tabel 1
        ("jeugdhulp_records", COMPARISON, "doorstroom 2016", ["2.545", "2.545", "0"]),  # tabel 4
        ("jeugdhulp_records", COMPARISON, "doorstroom 2017", ["3.058", "3.058", "0"]),  # tabel 4
        ("jeugdhulp_records", COMPARISON, "uitstroom 2016", ["1.250", "1.250", "0"]),  # tabel 5
    ],
)
def test_table_rows_show_the_computed_figures_in_order(suite, report, caption, label, cells):
    out, _ = suite
    assert table_row(text(out, report), caption, label, len(cells)) == cells


def test_records_report_flows_table_is_the_engine_s(suite):
    """The flows table holds only the engine's figures: 2017 instroom (tabel 1: 1.339) and doorstroom (tabel 4:
    3.058) come back, and jeugdigen = instroom + doorstroom + herintreders."""
    out, _ = suite
    cells = table_row(text(out, "jeugdhulp_records"), "Unieke jeugdigen per stroom, uit de registraties", "2017", 5)
    jeugdigen, instroom, doorstroom, herintreders, _uitstroom = map(number, cells)
    assert (instroom, doorstroom) == (1339, 3058)
    assert jeugdigen == instroom + doorstroom + herintreders


def test_pdfs_have_title_page_contents_and_page_numbers_but_no_code_or_warnings(suite):
    out, results = suite
    for r in results:
        reader = PdfReader(out / f"{r.report}.pdf")
        first = reader.pages[0].extract_text()
        assert "Gemeente Zoetermeer" in first and "Datum van de run" in first and "Parameters" in first
        assert "Inhoud" in reader.pages[1].extract_text()
        content = text(out, r.report)
        assert f"Pagina 2 van {len(reader.pages)}" in content
        for leak in ("Traceback", "Warning", "import sdlib", "sdlib.present.notebook", "setup()", "sdlib.load("):
            assert leak not in content, f"{r.report}: {leak!r} leaked into the PDF"
