"""jeugdhulp_stromen: the flows of the Bestuurlijke monitor jeugdhulp (2e Rapportage Sociaal Domein 2019, tabel 1,
4, 5) and the average ages (tabel 2; Jaarstukken 2024), read back from the report."""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "jeugdhulp_stromen"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_key_messages_on_the_first_page(report):
    report_packs.assert_key_messages_up_front(*report, page=1)


def test_flows_between_the_first_and_last_whole_year(report):
    # tabel 1: "2016 1.816 ... 2018 1.151"; tabel 4: doorstroom "2.545 ... 3.101"; tabel 5: uitstroom "1.250 ... 1.413"
    _, messages = report
    assert (
        f"De instroom in de jeugdhulp daalde van 1.816 in 2016 naar 1.151 in 2018 {report_packs.pct(1816, 1151)}."
        in messages
    )
    assert report_packs.bullet(messages, "De doorstroom in de jeugdhulp steeg van 2.545 in 2016 naar 3.101 in 2018")
    assert "De uitstroom uit de jeugdhulp steeg van 1.250 in 2016 naar 1.413 in 2018" in " ".join(messages)


def test_up_front_that_nothing_newer_is_published(report):
    # the flows are only in the 2019 rapportage ("peildatum 9-9-2019"); later documents give none
    _, messages = report
    message = report_packs.bullet(messages, "De stromen staan in de documenten tot en met 2019")
    assert "2019 alleen tot 9 september 2019" in message and "Jaarstukken 2024" in message


def test_ages_against_their_targets(report):
    # Jaarstukken 2024: leeftijd bij instroom "Begroting 9,0 9,3" "Realisatie 9,1 8,9" Doel gehaald: Ja;
    # bij uitstroom "Begroting 13,0 12,5" "Realisatie 13,2 13,2" Doel gehaald: Nee; both "voorlopig"
    _, messages = report
    assert report_packs.bullet(
        messages,
        "In 2024 was de gemiddelde leeftijd bij instroom in de jeugdhulp 8,9 jaar tegen een begroting van 9,3 jaar",
    )
    assert report_packs.bullet(
        messages,
        "In 2024 was de gemiddelde leeftijd bij uitstroom uit de jeugdhulp 13,2 jaar tegen een begroting van 12,5 jaar",
    )


def test_the_2019_reports_own_explanation_is_quoted(report):
    # 2e Rapportage 2019: "Vanaf 2017 is de gemeente op basis van het eerste actieplan nadrukkelijk gaan sturen op het
    # beperken van de instroom" and "De uitstroom over 2019 is nog niet betrouwbaar"
    content = " ".join(report[0])
    assert "op basis van het eerste actieplan nadrukkelijk gaan sturen op het beperken van de instroom" in content
    assert "De uitstroom over 2019 is nog niet betrouwbaar" in content
    assert "beïnvloedt [sic]" in content


def test_tables_hold_the_published_figures(report):
    content = " ".join(report[0])
    # tabel 1/4/5 rows: 2017 instroom 1.339, doorstroom 3.058, uitstroom 1.304; 2019 uitstroom "1.701 (voorlopig)"
    assert "2017 1.339 3.058 1.304" in content
    assert "2019 627* 2.756* 1.701*" in content
