"""wmo_mantelzorg_gezondheid: Wmo satisfaction, mantelzorg and health against their targets (Jaarstukken 2024,
Jaarverslag 2022), read back from the report."""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "wmo_mantelzorg_gezondheid"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_key_messages_on_the_first_page(report):
    report_packs.assert_key_messages_up_front(*report, page=1)


def test_the_decline_in_satisfaction_is_a_key_message(report):
    # Jaarstukken 2024 "Realisatie 74% 71%" (2023, 2024); Jaarverslag 2022 gives 2021 and 2022
    _, messages = report
    line = report_packs.bullet(messages, "Het aandeel Wmo-cliënten dat tevreden is over de kwaliteit")
    assert "74% in 2023 naar 71% in 2024" in line
    assert "71% tegen een begroting van 80%: 9 procentpunt lager" in line


def test_inzet_and_mantelzorg_against_target(report):
    # inZet: "Begroting 80,0% 80,0%" "Realisatie 81,0% 75,0%"; mantelzorgers over het geheel "Realisatie 72% 69%"
    _, messages = report
    assert report_packs.bullet(
        messages,
        "In 2024 was het aandeel cliënten van inZet dat tevreden is over de "
        "ondersteuning 75,0% tegen een begroting van 80,0%",
    )
    assert report_packs.bullet(
        messages, "In 2024 was het aandeel mantelzorgers dat zich over het geheel voldoende ondersteund voelt 69%"
    )


def test_the_2022_inzet_figure_is_another_measure_and_its_target_no_target(report):
    # Jaarverslag 2022: "Begroting 0,0 %", "Realisatie 87,3 %"; "87,3% van de respondenten ... gemiddeld met een 8"
    content = " ".join(report[0])
    assert "87,3% (geen doel) andere maat" in content
    assert "vanaf 2023" not in content  # not in the documents (issue 20, slip 8)


def test_loneliness_and_health(report):
    # Jaarstukken 2024 eenzaamheid "Realisatie 2,5 2,6", gezondheid "Realisatie 71% 75%"
    content = " ".join(report[0])
    assert "2,5 in 2022 en 2023 en weer 2,6 in 2024" in content
    assert "75% in 2024" in content


def test_the_budget_and_its_own_margin_is_said_to_be_a_choice(report):
    # Jaarstukken 2024 budget per cliënt "Begroting 2.850 3.500" "Realisatie 3.396 2.790"
    content = " ".join(report[0])
    assert "€ 2.790 tegen een begroting van € 3.500: € 710 lager" in content
    assert "(eigen berekening)" in content
