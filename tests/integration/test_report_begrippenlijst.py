"""The glossary appendix of the council pack (begrippenlijst), read back from its PDF and HTML twin.

A glossary has no Kernboodschappen; it has a title page that says the years of the figures it explains, a plain
introduction, the glossary itself without developer words, and a short Verantwoording. The figures the
glossary quotes are checked against the documents in /work/shared/seeds (the line is quoted with each). The
council pack is made once per session by ``report_packs`` (shared with test_report_suite).
"""

import html
import re

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]  # runs the council pack and reads the PDF back

NAME = "begrippenlijst"


@pytest.fixture(scope="session")
def suite(tmp_path_factory):
    return report_packs.council(tmp_path_factory)


@pytest.fixture(scope="module")
def report(suite):
    """(pages of PDF text, HTML document) of the glossary."""
    out, results = suite
    assert [r.status for r in results if r.report == NAME] == ["ok"]
    return report_packs.pdf_pages(out / f"{NAME}.pdf"), (out / f"{NAME}.html").read_text()


def test_title_page_says_what_it_is_and_the_years_of_the_figures(report):
    pages, _ = report
    first = pages[0]
    assert "Begrippenlijst sociaal domein" in first
    # realisaties from 2015 (003: "2015 3.795", tabel 1) to 1 January 2025 (004: "op 1 januari 2025 hadden 2.559
    # inwoners een uitkering Participatiewet"); targets up to 2028 (002: the begroting columns "2025 ... 2028")
    assert "Bijlage bij de rapporten; cijfers over 2015-2025, begrotingen tot en met 2028" in first
    assert "Kernboodschappen" not in " ".join(pages)  # a list of terms has no findings of its own


def test_the_introduction_says_what_the_list_is_for_in_plain_dutch(report):
    pages, _ = report
    assert pages[1].startswith(
        "Bijlage bij de rapporten over het sociaal domein. Zoek hier op wat een woord of "
        "cijfer in een rapport precies betekent"
    )


def test_no_developer_words_in_the_glossary(report):
    pages, document = report
    content = " ".join(pages)
    reader = content[: content.rindex("Technische gegevens")]  # the runner's technical details name the notebook
    for word in ("data/catalog.yml", "catalog", "make glossary", "vintage", "notebook", "parameter", "module"):
        assert word not in reader, word
    assert not re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", reader), re.findall(r"\b[a-z0-9]+_[a-z0-9_]+\b", reader)
    assert "<code" not in document and "<pre" not in document
    # the catalog's term for a figure as one publication printed it has its plain name here
    assert "herzien cijfer: De versie van een cijfer volgens één publicatie" in content


def test_terms_are_in_alphabetical_order(report):
    _, document = report
    start = document.index(">Begrippen</h2>")
    end = document.index("<h2", start + 1)
    terms = [html.unescape(t) for t in re.findall(r"<p><strong>(.*?)</strong>:", document[start:end])]
    assert len(terms) >= 15 and terms == sorted(terms, key=str.lower), terms


def test_quoted_figures_are_the_documents(report):
    pages, _ = report
    content = " ".join(pages)
    # 000 (Jaarstukken 2024): "Toelichting: In 2024 kregen 2.279 jeugdigen drie jaar of langer aaneengesloten hulp.
    # Op een totaal aantal jeugdigen met jeugdhulp van 4.747 is dit 48,0%."
    assert "'In 2024 kregen 2.279 jeugdigen drie jaar of langer aaneengesloten hulp'" in content
    assert "'een totaal aantal jeugdigen met jeugdhulp van 4.747'" in content
    # 002 (Programmabegroting 2025): "Het aantal jeugdigen dat in 2023 3 jaar of langer onafgebroken zorg ontving was
    # 2.261. Afgezet tegen het totaal aantal jeugdigen met specialistische jeugdhulp (N= 4.923) ... 45,9%";
    # 000: "Realisatie 46,1% 48,0%" (2023 and 2024)
    assert "'Het aantal jeugdigen dat in 2023 3 jaar of langer onafgebroken zorg ontving was 2.261.'" in content
    assert "Voor 2023 geeft de Programmabegroting 2025 45,9% en de Jaarstukken 2024 46,1%" in content


def test_short_verantwoording_at_the_end(report):
    pages, _ = report
    content = " ".join(pages)
    tail = content[content.rindex("Verantwoording") :]
    assert "Opmerkingen" in tail and "eigen keuzes heten 'uitwerking van sdlib'" in tail
    assert "Wat de cijfers betekenen" not in tail  # the definitions are the glossary itself, not repeated
    assert "Verantwoording" in pages[-1] or "Verantwoording" in pages[-2]
