"""Every report notebook runs with its defaults; key figures are read back from the PDFs.

The council pack is ``reports/schedule.yml``; the records report is the analysts' pack
(``reports/schedule_analisten.yml``, written to ``reports/analisten/``). Both are made once per session
(``report_packs``, shared with tests/accessibility).

The expected values are the printed figures of the source documents, in Dutch notation. A figure that the
report also prints elsewhere (in prose, or in a column of published figures) is read from its table row, in
order, so that the test fails when the report computes it wrongly.
"""

import re
from pathlib import Path

import pytest
import report_packs
from pypdf import PdfReader

from sdlib.report import load_schedule
from sdlib.report.schedule import schedule_folder

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]  # runs the whole schedule and reads the PDFs back


@pytest.fixture(scope="session")
def suite(tmp_path_factory):
    return report_packs.council(tmp_path_factory)


@pytest.fixture(scope="session")
def analysts(tmp_path_factory):
    return report_packs.analysts(tmp_path_factory)


def text(out: Path, name: str) -> str:
    reader = PdfReader(out / f"{name}.pdf")
    return " ".join(" ".join(page.extract_text().replace("\xa0", " ").split()) for page in reader.pages)


def table_row(content: str, caption: str, label: str, n: int) -> list[str]:
    """Return the first ``n`` cells of the row ``label`` of the table under ``caption``, as the PDF prints them."""
    assert caption in content, f"table {caption!r} not in the PDF"
    after = content[content.index(caption) + len(caption) :]
    found = re.search(rf"(?:^| ){re.escape(label)} ", after)
    assert found, f"row {label!r} not in the table {caption!r}"
    return after[found.end() :].split()[:n]


def number(cell: str) -> int:
    """1.339 -> 1339; a trailing * (voorlopig) is dropped."""
    return int(cell.rstrip("*").replace(".", ""))


def test_every_scheduled_report_succeeds(suite, analysts):
    _out, results = suite
    assert [(r.report, r.status) for r in results if r.status != "ok"] == []
    assert len(results) >= 9
    assert [(r.report, r.status) for r in analysts[1]] == [("jeugdhulp_records", "ok")]


def test_the_council_pack_has_no_records_report_and_the_analysts_pack_has_its_own_folder():
    council = load_schedule(ROOT / "reports" / "schedule.yml")
    assert "jeugdhulp_records" not in [j.notebook for j in council] and council.folder is None
    analysts = load_schedule(ROOT / "reports" / "schedule_analisten.yml")
    assert [j.notebook for j in analysts] == ["jeugdhulp_records"]
    assert schedule_folder(analysts) == ROOT / "reports" / "analisten"


@pytest.mark.parametrize(
    "report, figures",
    [
        (
            "jeugdhulp_stromen",
            ["1.339", "3.795", "2.545", "1.701*", "11,1", "Bron: 2e Rapportage Sociaal Domein 2019, Tabel 1"],
        ),
        ("jeugdhulp_drie_jaar", ["45,9%", "46,1%", "48,0%", "2.279", "4.747", "2.261", "4.923"]),
        ("jeugdhulp_kosten", ["€ 5.565", "€ 23.307.274", "€ 15.484.508*", "4.188"]),
        (
            "indicatoren_2024",
            [
                "€ 2.790",
                "€ 3.500",
                "822",
                "1.146",
                "48,0%*",
                "komt overeen met het oordeel 'Doel gehaald' dat de gemeente publiceerde",
            ],
        ),
        ("indicatoren_2023", ["46,1%", "758", "geen oordeel 'Doel gehaald'"]),
        ("wmo_mantelzorg_gezondheid", ["87,3%", "75,2%", "2,6", "€ 3.396"]),
        ("financien", ["-92.186", "-135.874", "8.688", "9.631"]),  # x € 1.000, as the documents print them
        (
            "werk_en_inkomen",
            ["573", "576", "2.559", "2.731", "209", "21,5%"],
        ),  # 875 (POH-jeugd) moved to the youth report
        ("jeugd_wijk_en_school", ["875", "45%", "900", "33%", "1.143", "473", "27 Preventie+-trajecten"]),
        # the figures computed from the records are read from their table rows (tests below)
        (
            "jeugdhulp_records",
            [
                "Jeugdhulp uit registraties (synthetische gegevens)",
                "Bron: synthetische gegevens",
                "Aantallen van 0 tot en met 7 zijn geheim",
            ],
        ),
    ],
)
def test_pdf_shows_the_documented_figures(suite, analysts, report, figures):
    out = (analysts if report == "jeugdhulp_records" else suite)[0]
    content = text(out, report)
    for figure in figures:
        assert figure in content, f"{report}: {figure!r} not in the PDF"


PER_PUBLICATION = "Aandeel per publicatie, met teller en noemer"
COMPARISON = "Registraties naast de gepubliceerde tabellen"


@pytest.mark.parametrize(
    "report, caption, label, cells",
    [
        # the share recomputed from numerator and denominator (herberekend aandeel) is printed only in this table
        (
            "jeugdhulp_drie_jaar",
            PER_PUBLICATION,
            "2023 (Programmabegroting 2025)",
            ["45,9%", "2.261", "4.923", "45,9%"],
        ),
        ("jeugdhulp_drie_jaar", PER_PUBLICATION, "2024 (Jaarstukken 2024)", ["48,0%*", "2.279", "4.747", "48,0%"]),
        # registraties (the engine on the synthetic extract, calibrated on tabel 1, 4 and 5), gepubliceerd, verschil
        ("jeugdhulp_records", COMPARISON, "instroom 2017", ["1.339", "1.339", "0"]),  # tabel 1
        ("jeugdhulp_records", COMPARISON, "doorstroom 2016", ["2.545", "2.545", "0"]),  # tabel 4
        ("jeugdhulp_records", COMPARISON, "doorstroom 2017", ["3.058", "3.058", "0"]),  # tabel 4
        ("jeugdhulp_records", COMPARISON, "uitstroom 2016", ["1.250", "1.250", "0"]),  # tabel 5
    ],
)
def test_table_rows_show_the_computed_figures_in_order(suite, analysts, report, caption, label, cells):
    out = (analysts if report == "jeugdhulp_records" else suite)[0]
    assert table_row(text(out, report), caption, label, len(cells)) == cells


def test_records_report_flows_table_is_the_engine_s(analysts):
    """The flows table holds only the engine's figures: 2017 instroom (tabel 1: 1.339) and doorstroom (tabel 4:
    3.058) come back, and jeugdigen = instroom + doorstroom + herintreders."""
    out, _ = analysts
    cells = table_row(text(out, "jeugdhulp_records"), "Unieke jeugdigen per stroom, uit de registraties", "2017", 5)
    jeugdigen, instroom, doorstroom, herintreders, _uitstroom = map(number, cells)
    assert (instroom, doorstroom) == (1339, 3058)
    assert jeugdigen == instroom + doorstroom + herintreders


def test_title_page_is_plain_dutch_and_contents_only_for_long_reports(suite, analysts):
    """Title page: organisation, title, period, 'Gemaakt op', sources; no data hash, parameters or 'nieuwste
    bron'. The contents are on the title page when there are at least 5 sections, and absent otherwise."""
    for out, results in (suite, analysts):
        for r in results:
            reader = PdfReader(out / f"{r.report}.pdf")
            first = " ".join(reader.pages[0].extract_text().split())
            assert "Gemeente Zoetermeer" in first and re.search(r"Gemaakt op \d{1,2} [a-z]+ 20\d\d", first), r.report
            for gone in ("Datum van de run", "Parameters", "versie", "nieuwste bron", "vintage", "controlegetal"):
                assert gone not in first, f"{r.report}: {gone!r} on the title page"
            sections = re.findall(r"<h2 id=\"sec-\d+\"", (out / f"{r.report}.html").read_text())
            assert ("Inhoud" in first) == (len(sections) >= 5), f"{r.report}: {len(sections)} sections"
            assert "Inhoud" not in reader.pages[1].extract_text()  # never a contents page of its own


def test_title_page_names_only_the_documents_the_report_cites(suite):
    out, _ = suite
    first = " ".join(PdfReader(out / "jeugdhulp_kosten.pdf").pages[0].extract_text().split())
    assert "Bronnen: 2e Rapportage Sociaal Domein 2019" in first  # the report uses only the 2019 figures
    assert "Jaarstukken 2024" not in first
    first = " ".join(PdfReader(out / "indicatoren_2024.pdf").pages[0].extract_text().split())
    assert "Bronnen: Jaarstukken 2024" in first


def test_every_report_ends_with_the_verantwoording_and_its_technical_details(suite, analysts):
    for out, results in (suite, analysts):
        for r in results:
            content = text(out, r.report)
            tail = content[content.rindex("Verantwoording") :]
            assert "Voorlopige en onvolledige cijfers" in tail and "Technische gegevens" in tail, r.report
            assert re.search(r"Gegevensversie: controlegetal [0-9a-f]{12} over alle bestanden met cijfers", tail)
            assert "Instellingen:" in tail and "Gemaakt op" in tail
    tail = text(suite[0], "indicatoren_2024").split("Technische gegevens")[-1]
    assert "verslagjaar: 2024; publicatie: nieuwste" in tail


def _page_lines(page) -> list[str]:
    lines = [" ".join(line.split()) for line in page.extract_text().splitlines()]
    return [line for line in lines if line and not re.match(r"Pagina \d+ van \d+", line)]


def test_no_page_ends_with_a_section_heading(suite):
    """A heading stays with the chart or table after it: no page's last line (above the footer) is a heading."""
    out, results = suite
    for r in results:
        document = (out / f"{r.report}.html").read_text()
        headings = {
            " ".join(re.sub(r"<[^>]+>", "", h).split())
            for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", document, re.S)
        }
        reader = PdfReader(out / f"{r.report}.pdf")
        for number, page in enumerate(reader.pages[1:-1], start=2):
            lines = [line for line in _page_lines(page) if line != " ".join(reader.metadata.title.split())]
            assert lines and lines[-1] not in headings, f"{r.report}, pagina {number} eindigt met {lines[-1]!r}"


def test_every_pdf_has_an_html_twin_that_is_self_contained(suite, analysts):
    for out, results in (suite, analysts):
        for r in results:
            twin = out / f"{r.report}.html"
            assert r.html == str(twin) and twin.is_file(), r.report
            document = twin.read_text()
            assert '<html lang="nl-NL">' in document and 'name="viewport"' in document
            assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|<link\b|@import""", document), r.report
            manifest = (out / f"{r.report}.manifest.json").read_text()
            assert str(twin) in manifest


def test_pdfs_have_page_numbers_but_no_code_or_warnings(suite, analysts):
    for out, results in (suite, analysts):
        for r in results:
            reader = PdfReader(out / f"{r.report}.pdf")
            content = text(out, r.report)
            assert f"Pagina 2 van {len(reader.pages)}" in content
            for leak in (
                "Traceback",
                "Warning",
                "import sdlib",
                "sdlib.present.notebook",
                "setup()",
                "sdlib.load(",
                "close_report",
            ):
                assert leak not in content, f"{r.report}: {leak!r} leaked into the PDF"


def test_no_council_chart_lacks_a_text_alternative(suite):
    """Every chart of the council pack has a description (alt). Fails, naming the reports, while a notebook still
    shows a bare matplotlib image instead of plot.show: the pack is then only a draft (marked 'Concept')."""
    import json

    out, results = suite
    missing = {
        r.report: json.loads((out / f"{r.report}.manifest.json").read_text())["images_without_alt"] for r in results
    }
    assert {k: v for k, v in missing.items() if v} == {}, "grafieken zonder tekstalternatief per rapport"
