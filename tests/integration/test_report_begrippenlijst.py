"""begrippenlijst: plain terms, alphabetical, the words of the reports defined from the documents, no machinery.

The expected wordings are the documents' own (the seed extracts named in data/sources.csv), quoted where the
glossary quotes them; the structure (anchors, jump list, appendix after the terms) is read from the HTML twin.
"""

import re

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "begrippenlijst"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    pages, _ = report_packs.council_report_pages(tmp_path_factory, NAME)
    return " ".join(pages)


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    _, document = report_packs.council_report_pages(tmp_path_factory, NAME)
    return document


def terms(document: str) -> list[tuple[str, str]]:
    """(anchor, term) of every term in the Begrippen part of the HTML twin, in order."""
    part = document[document.index("Begrippen</h2>") : document.index("Programma en doelstellingen</h2>")]
    return re.findall(r'<p id="(begrip-[a-z0-9-]+)"><strong>(.*?)</strong>:', part)


def test_plain_terms_are_there(content):
    for term in (
        "procentpunt",
        "Wmo",
        "Participatiewet",
        "IOAW",
        "IOAZ",
        "NUG",
        "beschut werk",
        "loonkostensubsidie",
        "inburgering",
        "mantelzorger",
        "index",
        "eigen berekening",
    ):
        assert f"{term}:" in content, term


def test_the_words_the_reports_use_are_defined(document):
    # words of the financial, work-and-income, youth and Wmo reports that a council member asked for
    found = {name for _, name in terms(document)}
    for term in (
        "baten",
        "lasten",
        "saldo",
        "reserve",
        "onttrekking aan reserves",
        "toevoeging aan reserves",
        "statushouder",
        "Werkbedrijf De Binnenbaan",
        "herinstroom",
        "bijstandsvolume",
        "kengetal",
        "GGD",
        "inZet",
        "stadspeiling",
        "NJi",
        "Participatiewet",
        "IOAW",
        "IOAZ",
        "Wmo",
        "maatwerkvoorziening",
        "POH-jeugd",
        "schoolmaatschappelijk werk",
        "Veilig Thuis",
        "Verwijsindex",
        "begroting",
        "realisatie",
        "doelstelling",
        "indicator",
        "peildatum",
        "voorlopig cijfer",
        "instroom en uitstroom in de bijstand",
        "instroom, doorstroom en uitstroom in de jeugdhulp",
    ):
        assert term in found, term


def test_definitions_quote_the_documents(content):
    # Jaarstukken 2024, Toelichting bij de Verwijsindex
    assert "Als twee of meer professionals een signaal afgeven over dezelfde jeugdige ontstaat een match." in content
    # Jaarstukken 2024, Aanpak huiselijk geweld en kindermishandeling
    assert "Veilig Thuis Haaglanden geeft advies en pakt meldingen op van huiselijk geweld in de regio Haaglanden." in (
        content
    )
    # Rapportage Sociaal Domein 2e helft 2024, Herinstroom: two measurements, the Binnenbaan's and the gemeente's
    assert "De Binnenbaan meet alleen de terugval in de uitkering na uitstroom naar werk." in content
    assert "De gemeente meet de terugval in de bijstand na uitstroom uit de uitkering in alle gevallen." in content
    # Rapportage Sociaal Domein 2e helft 2024, Werkbedrijf De Binnenbaan: 'Kengetal' instead of a target
    assert "Kengetal" in content and "parttime baan, NUG en Oekraïners" in content
    # Programmabegroting 2025: the Wmo maatwerkvoorzieningen
    assert "begeleiding, huishoudelijke ondersteuning, hulpmiddelen en woningaanpassingen" in content
    # Jaarstukken 2024: a provisional figure
    assert "Afhankelijk van declaraties kan dit getal nog iets wijzigen." in content


def test_the_national_bijstand_comparison_names_its_source_as_the_document_does(content):
    # Rapportage Sociaal Domein 2e helft 2024, Bijstandsvolume, footnote 2
    assert "Divosa/BMC-benchmark – gegevens actueel tot en met november 2024" in content
    assert "zegt zij niet" not in content


def test_later_documents_are_not_said_to_lack_the_flows(content):
    # the Programmabegroting 2025 lists instroom and uitstroom under 'Indicatoren, trendgrafieken en financiën'
    assert "Indicatoren, trendgrafieken en financiën" in content
    assert "in de gebruikte documenten staan na 2019 geen cijfers over de instroom" in content
    assert "zonder cijfers" not in content and "geven ze niet" not in content


def test_no_analysis_in_the_glossary(content):
    # 2e Rapportage Sociaal Domein 2019: instroom 2015 3.795, doorstroom 2016 2.545, uitstroom 2016 1.250
    assert "2.545" not in content and "precies de doorstroom" not in content


def test_no_machinery_or_jargon(content):
    for word in (
        "sdlib",
        "links gecensureerd",
        "registratie-extract",
        "extractie",
        "notebook",
        "overgenomen",
        "overnemen",
        "zoals gedrukt",
        "gelezen als",
        "x €1.000",
        "onleesbaar",
        "toegewezen",
        "verschoven",
        "Eenheid:",
        "beschrijvend",
        "De omschrijvingen komen uit de beschrijving",
        "tussen nul",
    ):
        assert word not in content, word


def test_terms_are_alphabetical_each_with_an_anchor(document):
    found = terms(document)
    names = [name.lower() for _, name in found]
    assert len(names) >= 50 and names == sorted(names), names
    anchors = [anchor for anchor, _ in found]
    assert len(anchors) == len(set(anchors))


def test_a_letter_jumps_to_the_first_term_with_that_letter(document):
    found = terms(document)
    jump = re.search(r'<p class="sd-jump"[^>]*>(.*?)</p>', document, re.S).group(1)
    letters = re.findall(r'<a href="#([^"]+)">(\w)</a>', jump)
    first = {}
    for anchor, name in found:
        first.setdefault(name[0].upper(), anchor)
    assert letters == [(anchor, letter) for letter, anchor in first.items()]
    ids = set(re.findall(r'\bid="([^"]+)"', document))
    assert set(re.findall(r'href="#([^"]+)"', document)) <= ids


def test_the_figures_are_an_appendix_after_the_terms(document, content):
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", document)]
    main = [h for h in headings if h not in ("Inhoud",)]
    assert main[:4] == ["Begrippen", "Programma en doelstellingen", "Bijlage: cijfers in de rapporten", "Bronnen"]
    # one sentence per property, in the municipality's words where the document states the direction
    assert "Lager is beter (Programmabegroting 2025: 'Het streven is om de instroom in de jeugdhulp te laten " in (
        content
    )
    assert "Het college werkt toe naar een verlaging van de eenzaamheidsscore" in content
    assert "eigen keuze: de documenten noemen geen richting" in content


def test_the_programme_total_is_not_a_doelstelling(document):
    part = document[
        document.index("Programma en doelstellingen</h2>") : document.index("Bijlage: cijfers in de rapporten</h2>")
    ]
    items = re.findall(r"<li>(.*?)</li>", part)
    # Jaarstukken 2024: Doelstelling 2.1, 2.2 and 2.3 of Programma 2 Samen leven en ondersteunen
    assert [report_packs.plain(i) for i in items] == [
        "2.1 Bevorderen vroegtijdige, toegankelijke, passende en effectieve jeugdhulp",
        "2.2 Bevorderen meedoen aan de samenleving en zelfstandig wonen",
        "2.3 Bevorderen gezondheid, veiligheid en welbevinden",
    ]
    assert "Totaal programma" not in part


def test_a_document_title_is_not_repeated_as_its_description(content):
    assert "2e Rapportage Sociaal Domein 2019: 2e Rapportage Sociaal Domein 2019" not in content
    assert "2e Rapportage Sociaal Domein 2019. Gemeente Zoetermeer, 2019." in content
