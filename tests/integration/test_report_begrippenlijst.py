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
    # the running footer ('Begrippenlijst sociaal domein Pagina 7 van 12') is left out: an entry may go on
    # over a page break
    text = " ".join(" ".join(pages).split())
    return re.sub(r" ?Begrippenlijst sociaal domein Pagina \d+ van \d+ ?", " ", text)


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
        # asked for in the second review: abbreviations and words of the finance, work and health reports
        "CBS",
        "PGB",
        "JGZ",
        "TSD",
        "gemeenschappelijke regeling",
        "Divosa/BMC-benchmark",
        "netto lasten",
        "B1",
        "NUG",
        "ALV",
        "VNG",
        "IZA",
        "SPUK",
        "GALA",
        "PB",
        "Binnenbaan",
        "doel",
        "geen doel",
    ):
        assert term in found, term


def test_new_terms_take_the_documents_wording(content):
    # Jaarstukken 2024, Financiën op hoofdlijnen 2.2: TSD
    assert "onder de naam Toekomst Sociaal Domein (TSD)" in content
    # Jaarverslag 2022, Financiën op hoofdlijnen 2.1: JGZ
    assert "subsidies voor de Stichting Jeugdgezondheidszorg (JGZ)" in content
    # Rapportage Sociaal Domein 2e helft 2024, Integraal Zorgakkoord (IZA)
    assert "Het IZA heeft als doel om de zorg voor de toekomst goed, toegankelijk en betaalbaar te houden." in content
    # Jaarstukken 2024, Integraal Zorgakkoord: SPUK, ALV and VNG
    assert "tijdelijke middelen (SPUK) van de rijksoverheid" in content
    assert "Tijdens de ALV van de VNG op 29 november 2024 is besloten" in content
    # 2e Rapportage Sociaal Domein 2019, tabel 6 and 7: PGB
    assert "excl. vervoer, landelijk ingekochte hulp en PGB" in content
    # Binnenbaan is a pointer to the full name
    assert "Binnenbaan: Zie 'Werkbedrijf De Binnenbaan'." in content


def test_doel_is_a_target_and_begroting_is_money(document):
    found = {name: anchor for anchor, name in terms(document)}
    part = document[document.index(f'id="{found["begroting"]}"') :]
    begroting = part[: part.index("</p>")]
    assert "alleen over geld" in begroting and "Bij een indicator is de begroting" not in begroting
    part = document[document.index(f'id="{found["doel"]}"') :]
    doel = part[: part.index("</p>")]
    assert "in de rij 'Begroting'" in doel and "In de documenten heet het 'begroting'" not in doel
    assert "bijvoorbeeld 0,0% tevreden cliënten" not in document


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
    # the appendix gives the first sentence of a definition; the rest, with the Programmabegroting 2025 listing
    # instroom and uitstroom under 'Indicatoren, trendgrafieken en financiën', is in the stromen report
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
    # how to read the reports (own work, [sic]) once above the terms, not among them (round 12 of the reviews)
    assert main[:5] == [
        "Zo leest u de rapporten",
        "Begrippen",
        "Programma en doelstellingen",
        "Bijlage: cijfers in de rapporten",
        "Bronnen",
    ]
    # a table row per figure (round 28: the paragraphs were long to scan): the document that states the direction
    # (PB 2025: 'Het streven is om de instroom in de jeugdhulp te laten dalen'; the eenzaamheidsscore: 'Het college
    # werkt toe naar een verlaging'), the objective, the documents with their years
    rows = dict(re.findall(r'<tr id="cijfer-[^"]+"><th scope="row">(.*?)</th>(.*?)</tr>', document))
    cells = {k: [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", v)] for k, v in rows.items()}
    assert cells["Instroom in de specialistische jeugdhulp"][:2] == ["lager (Programmabegroting 2025)", "2.1"]
    assert cells["Eenzaamheidsscore inwoners van 18 jaar en ouder"][:2] == [
        "lager (Programmabegroting 2025)",
        "2.2 (indicator)",
    ]
    # an own choice of direction is said once, at the top, not after every figure
    assert "een richting zonder document erachter is een eigen keuze" in content
    assert "eigen keuze: de documenten noemen geen richting" not in content


def test_counts_on_1_january_are_a_stand(content):
    # Rapportage Sociaal Domein 2e helft 2024: 'Op 1 januari 2025 volgen in Zoetermeer 573 mensen een
    # inburgeringstraject' and 'op 1 januari 2025 hadden 2.559 inwoners een uitkering Participatiewet'
    assert "(stand 1 januari 2025)" in content and "(januari 2024 en stand 1 januari 2025)" in content
    assert "(over 2025)" not in content and "(over 2024 en 2025)" not in content


def test_own_descriptions_are_not_tagged_one_by_one(content):
    # one sentence at the top says what an entry without a document is
    assert content.count("Een omschrijving zonder document erachter is een eigen omschrijving") == 1
    assert "Eigen omschrijving." not in content and "(eigen omschrijving" not in content


def test_the_glossary_ends_with_its_documents_not_with_a_page_of_its_own(content, document):
    # the closing note 'Deze lijst heeft geen grafieken of tabellen' took a page of its own: it is gone, and the
    # intro says where the documents are
    assert "Deze lijst heeft geen grafieken of tabellen" not in content
    assert "de documenten staan achteraan onder Bronnen" in content
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", document)]
    assert headings[-1] == "Bronnen"


def test_the_letters_are_big_enough_to_tap_on_a_phone(tmp_path_factory):
    """Every letter of the jump list is at least 44 by 44 CSS pixels on a phone 375 px wide (WCAG 2.5.5)."""
    import itertools
    import shutil
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extra)")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("chromium is not installed")
    out, _ = report_packs.council(tmp_path_factory)

    def measure():
        with api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 375, "height": 800})
            page.goto((out / f"{NAME}.html").as_uri())
            boxes = page.evaluate(
                "() => [...document.querySelectorAll('p.sd-jump a')].map(a => {"
                " const r = a.getBoundingClientRect(); return [a.innerText, r.left, r.top, r.width, r.height]; })"
            )
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            browser.close()
        return boxes, widths

    # in a thread of its own: a test run earlier in this process may leave an asyncio loop on the main thread
    with ThreadPoolExecutor(1) as pool:
        boxes, widths = pool.submit(measure).result()
    assert len(boxes) >= 15
    for letter, _, _, width, height in boxes:
        assert width >= 44 and height >= 44, (letter, width, height)
    for (a, ax, ay, aw, ah), (b, bx, by, _, _) in itertools.pairwise(boxes):  # targets do not touch
        assert bx >= ax + aw + 4 or by >= ay + ah + 4, (a, b)
    assert widths[0] <= widths[1]  # nothing scrolls sideways


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
