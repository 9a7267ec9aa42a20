"""jeugdhulp_stromen: the key messages, read back from the rendered report, hold the figures of the documents.

The expected figures are typed here from the seed documents (the seed line is quoted above each), not read from
the data files: a wrong figure in data/, a wrong computation or a sentence that moved fails the test. The report
is the one of the council pack (``report_packs``, made once per session).
"""

import re

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "jeugdhulp_stromen"


pct = report_packs.pct


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_three_to_five_key_messages_on_the_first_two_pages(report):
    report_packs.assert_key_messages_up_front(*report)


def test_instroom_fell_from_2016_to_2018(report):
    # 2e Rapportage Sociaal Domein 2019, Tabel 1: "2016 1.816" and "2018 1.151"
    _, messages = report
    assert f"De instroom in de jeugdhulp daalde van 1.816 in 2016 naar 1.151 in 2018 {pct(1816, 1151)}." in messages


def test_doorstroom_and_uitstroom_rose(report):
    # Tabel 4: "2016 2.545", "2018 3.101"; Tabel 5: "2016 1.250", "2018 1.413"
    _, messages = report
    assert (
        f"De doorstroom steeg van 2.545 in 2016 naar 3.101 in 2018 {pct(2545, 3101)}. De uitstroom steeg van "
        f"1.250 in 2016 naar 1.413 in 2018 {pct(1250, 1413)}."
    ) in messages


def test_instroom_per_100_doorstromers_is_computed_from_tabel_1_and_4(report):
    # Tabel 1 "2016 1.816", "2018 1.151"; Tabel 4 "2016 2.545", "2018 3.101"
    _, messages = report
    a, b = round(1816 / 2545 * 100), round(1151 / 3101 * 100)
    assert any(f"daalde van {a} in 2016 naar {b} in 2018" in m for m in messages), messages


def test_ages_against_the_begroting_of_the_jaarstukken(report):
    # Jaarstukken 2024, leeftijd bij instroom: "Begroting 9,0 9,3" / "Realisatie 9,1 8,9" / "Doel gehaald: Ja."
    # leeftijd bij uitstroom: "Begroting 13,0 12,5" / "Realisatie 13,2 13,2" / "Doel gehaald: Nee."
    _, messages = report
    assert (
        "In 2024 was de gemiddelde leeftijd bij instroom 8,9 jaar tegen een begroting van 9,3 jaar: 0,4 jaar "
        "lager, en lager is beter; doel gehaald. Het cijfer over 2024 is voorlopig."
    ) in messages
    assert (
        "In 2024 was de gemiddelde leeftijd bij uitstroom 13,2 jaar tegen een begroting van 12,5 jaar: 0,7 jaar "
        "hoger, terwijl lager beter is; doel niet gehaald. Het cijfer over 2024 is voorlopig."
    ) in messages


def test_title_page_says_which_years_the_flows_and_the_ages_cover(report):
    # Tabel 1-5: "in de periode 2015-2019 (peildatum 9-9- 2019)"; Jaarstukken 2024: realisatie 2023 and 2024
    pages, _ = report
    assert "stromen 2015-2019 (van 2019 alleen tot 9 september); gemiddelde leeftijd 2015-2024" in pages[0]


def test_the_municipality_s_own_explanation_is_quoted_with_its_document(report):
    # Jaarstukken 2024: "De gemiddelde leeftijd bij instroom is gedaald tot iets onder de negen jaar."
    content = " ".join(report[0])
    assert re.search(
        r"Toelichting van de gemeente bij ‘[^’]+’ \(Jaarstukken 2024\): De gemiddelde leeftijd bij instroom "
        r"is gedaald tot iets onder de negen jaar\.",
        content,
    )


def test_ratio_table_prints_the_same_whole_numbers_as_the_chart_and_the_sentence(report):
    content = " ".join(report[0])
    caption = "Instroom per 100 doorstromers jaar instromers per 100 doorstromers"
    assert caption in content
    rows = content[content.index(caption) + len(caption) :].split()[:8]
    # 1.339 / 3.058 (Tabel 1 and 4, 2017) = 43,8 per 100: printed 44, as the chart labels it
    assert rows == [
        "2016",
        str(round(1816 / 2545 * 100)),
        "2017",
        str(round(1339 / 3058 * 100)),
        "2018",
        str(round(1151 / 3101 * 100)),
        "2019",
        f"{round(627 / 2756 * 100)}*",
    ]


def test_age_at_instroom_is_compared_from_2016_not_from_2015(report):
    # Tabel 2 (gemiddelde leeftijd bij instroom): "2015 11,1", "2016 10,2", "2018 9,3"; Tabel 1: in 2015 every youth
    # counted as new, so 11,1 is the average age of all youths in care and not comparable with later years
    content = " ".join(report[0])
    assert (
        "De gemiddelde leeftijd bij instroom daalde van 10,2 jaar in 2016 naar 9,3 jaar in 2018, 0,9 jaar lager. "
        "De vergelijking begint in 2016, het eerste jaar met gewone instroom. In 2015 telde elke jeugdige in zorg "
        "als nieuw; de 11,1 jaar bij instroom van dat jaar is dus de gemiddelde leeftijd van alle jeugdigen in "
        "zorg en niet te vergelijken met latere jaren."
    ) in content
    assert "daalde van 11,1 jaar in 2015" not in content
