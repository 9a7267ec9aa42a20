"""jeugdhulp_drie_jaar (newest year, as scheduled): the figures of the documents, read back from the report.

The expected figures are typed here from the seed documents (the words are quoted above each), not read from the
data files: a wrong figure in data/, a wrong computation or a lost sentence fails the test.
"""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "jeugdhulp_drie_jaar"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_question_and_key_messages_on_the_first_page(report):
    pages, messages = report
    report_packs.assert_key_messages_up_front(pages, messages, page=1)
    assert "Hoeveel jeugdigen krijgen al drie jaar of langer aaneengesloten specialistische jeugdhulp?" in pages[0]


def test_share_against_the_target_with_the_published_verdict_and_provisional(report):
    # Jaarstukken 2024: "Begroting 46,0% 45,0%" / "Realisatie 46,1% 48,0%" / "Doel gehaald: Nee." and
    # "NB. Het betreft een voorlopig percentage."
    _, messages = report
    assert (
        "In 2024 was het aandeel jeugdigen dat drie jaar of langer jeugdhulp kreeg 48,0% tegen een begroting van "
        "45,0%: 3,0 procentpunt hoger, terwijl lager beter is; doel niet gehaald, zoals ook de Jaarstukken 2024 "
        "oordelen. Het cijfer over 2024 is voorlopig."
    ) in messages


def test_numerator_and_denominator_are_said_provisional(report):
    # Jaarstukken 2024: "In 2024 kregen 2.279 jeugdigen drie jaar of langer aaneengesloten hulp. Op een totaal aantal
    # jeugdigen met jeugdhulp van 4.747 is dit 48,0%." (voorlopig)
    _, messages = report
    assert "Dat waren 2.279 van de 4.747 jeugdigen met specialistische jeugdhulp (voorlopige cijfers)." in messages


def test_change_and_revision(report):
    # Jaarstukken 2024 "Realisatie 46,1% 48,0%" (1,9 procentpunt); Programmabegroting 2025 "percentage 45,9%"
    pages, messages = report
    assert "Het aandeel steeg van 46,1% in 2023 naar 48,0% in 2024, 1,9 procentpunt hoger." in messages
    assert "Voor 2023 publiceerde de Programmabegroting 2025 eerst 45,9%; de Jaarstukken 2024 geven 46,1%." in messages
    content = " ".join(pages)
    assert "2023 (Programmabegroting 2025) 45,9% 2.261 4.923" in content  # "2.261" and "(N= 4.923)"


def test_national_comparison_in_relative_terms(report):
    # PB 2025 "(N= 4.923)" (2023), JS 2024 "4.747" (2024); reference README: 2023 489,895, 2024 481,355 (provisional)
    _, messages = report
    zm = f"{abs((4747 - 4923) / 4923 * 100):.1f}".replace(".", ",")
    nl = f"{abs((481355 - 489895) / 489895 * 100):.1f}".replace(".", ",")
    assert (
        f"Van 2023 op 2024 daalde het aantal jeugdigen met specialistische jeugdhulp met {zm}%; het aantal jeugdigen "
        f"met jeugdhulp in Nederland daalde met {nl}%. De cijfers over 2024 zijn voorlopig."
    ) in messages


def test_municipality_speaks(report):
    # Jaarstukken 2024, Contractmanagement jeugd: "In het afgelopen jaar is de nadruk gelegd op de effectiviteit van
    # jeugdzorgtrajecten."
    content = " ".join(report[0])
    assert "Wat de gemeente eraan doet" in content
    assert "de nadruk gelegd op de effectiviteit van jeugdzorgtrajecten" in content
