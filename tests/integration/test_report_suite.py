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
    # one result per report of the schedule (nine today; a report added with 'sdlib report new --in-pakket' counts)
    assert len(results) == len(list(load_schedule(ROOT / "reports" / "schedule.yml"))) >= 9
    assert [(r.report, r.status) for r in analysts[1]] == [("jeugdhulp_records", "ok")]


def test_the_council_pack_has_no_records_report_and_the_analysts_pack_has_its_own_folder():
    council = load_schedule(ROOT / "reports" / "schedule.yml")
    assert "jeugdhulp_records" not in [j.notebook for j in council] and council.folder is None
    analysts = load_schedule(ROOT / "reports" / "schedule_analisten.yml")
    assert [j.notebook for j in analysts] == ["jeugdhulp_records"]
    assert schedule_folder(analysts) == ROOT / "reports" / "analisten"


MACHINERY = (
    "sdlib",
    "notebook",
    "controlegetal",
    "extractie",
    "Instellingen:",
    "registratie-extract",
    "Technische gegevens",
    "uitwerking van",
    "StatLine-tabel",
    "data/",
    ".csv",
    "vintage",
)


def test_no_page_names_the_machinery(suite, analysts):
    """A council member does not know the tool, its notebooks, hashes, folders or settings (issue 20)."""
    for out, results in (suite, analysts):
        for r in results:
            content = text(out, r.report)
            for word in MACHINERY:
                assert word not in content, f"{r.report}: {word!r} on the page"


def test_first_page_is_title_question_and_key_messages(suite):
    """Page 1: organisation, title, period and date, sources, how current the figures are, then the key messages."""
    out, results = suite
    for r in results:
        first = " ".join(PdfReader(out / f"{r.report}.pdf").pages[0].extract_text().split())
        assert "Gemeente Zoetermeer" in first and re.search(r"Gemaakt op \d{1,2} [a-z]+ 20\d\d", first), r.report
        if r.report != "begrippenlijst":
            assert "Kernboodschappen" in first, r.report
            assert re.search(r"De nieuwste cijfers in dit rapport (gaan over 20\d\d|zijn de stand op)", first), r.report


def test_title_page_names_only_the_documents_the_report_cites(suite):
    out, _ = suite
    first = " ".join(PdfReader(out / "financien.pdf").pages[0].extract_text().split())
    assert "Bronnen: Jaarverslag 2022, Jaarstukken 2024" in first
    assert "Programmabegroting 2025" not in first


def test_euro_signs_never_stand_apart_from_their_amount(suite):
    """Every '€' is followed by a non-breaking space in the HTML, so no line ends with it (issue 20)."""
    out, results = suite
    for r in results:
        document = (out / f"{r.report}.html").read_text()
        assert not re.search(r"€ [0-9]", document), r.report
        for page in PdfReader(out / f"{r.report}.pdf").pages:
            for line in page.extract_text().splitlines():
                assert not line.rstrip().endswith("€"), f"{r.report}: {line!r}"


def test_a_source_line_is_printed_once_per_heading(suite):
    out, results = suite
    for r in results:
        document = (out / f"{r.report}.html").read_text()
        for section in re.split(r"<h2", document):
            lines = re.findall(r'<p class="sd-source">(.*?)</p>', section, re.S)
            assert len(lines) == len(set(lines)), f"{r.report}: a Bron line repeated under one heading"


def test_every_report_ends_with_the_verantwoording(suite, analysts):
    for out, results in (suite, analysts):
        for r in results:
            content = text(out, r.report)
            if r.report == "begrippenlijst":  # the glossary ends with its sources: it shows no figures to account for
                assert "Bronnen" in content[-3000:], r.report
                continue
            tail = content[content.rindex("Verantwoording") :]
            assert "Bronnen" in tail, r.report
            assert "Stand van de cijfers" in tail or r.report == "begrippenlijst", r.report
    # a report with provisional figures explains the mark; one without does not explain what it never shows
    out, _ = suite
    assert "Voorlopige" in text(out, "indicatoren").split("Verantwoording")[-1]
    assert "Voorlopige" not in text(out, "financien").split("Verantwoording")[-1]


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
            assert "Content-Security-Policy" in document
            assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|<link\b|@import""", document), r.report
            manifest = (out / f"{r.report}.manifest.json").read_text()
            assert str(twin) in manifest


def test_the_html_twins_of_the_council_pack_link_the_glossary_beside_them(suite, analysts):
    # the reviewers (rounds 16 and 17): 'Begrippenlijst sociaal domein bij deze rapporten' was no link on a phone
    out, results = suite
    for r in results:
        document = (out / f"{r.report}.html").read_text()
        if r.report == "begrippenlijst":
            assert "sd-glossary-link" not in document
            continue
        assert '<a href="begrippenlijst.html">Begrippenlijst sociaal domein</a>' in document, r.report
        assert (out / "begrippenlijst.html").is_file()
        # the PDF keeps the plain words: no link annotation to a file
        assert b"begrippenlijst.html" not in (out / f"{r.report}.pdf").read_bytes()
    # the analysts' pack in its own folder holds no glossary: its twins keep the plain words
    out, results = analysts
    for r in results:
        assert 'href="begrippenlijst.html"' not in (out / f"{r.report}.html").read_text()


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
                "Document(",
                "plot.setup",
                "sdlib.load(",
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
