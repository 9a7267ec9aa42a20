"""indicatoren (newest year, as scheduled): the verdicts of the Jaarstukken 2024, read back from the report.

Jaarstukken 2024 prints per indicator 'Begroting', 'Realisatie' (2023 and 2024) and 'Doel gehaald'. 'Doel gehaald:
Ja.' stands at four indicators: leeftijd bij instroom (seed line 175), adviezen Veilig Thuis (235), mantelzorgers
ondersteund door de eigen omgeving (464) and goede gezondheid (576); the other twelve say 'Nee'.
"""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "indicatoren"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_key_messages_on_the_first_page(report):
    report_packs.assert_key_messages_up_front(*report, page=1)


def test_four_of_sixteen_met_and_the_computed_verdict_agrees_with_the_published(report):
    _, messages = report
    first = messages[0]
    # four 'Ja' in the Jaarstukken 2024; 2023 (5 met) is this report's own computation: no document judged 2023
    assert first.startswith("In 2024 werd het doel gehaald bij 4 van de 16 indicatoren met een doel (in 2023 bij 5")
    assert "Zo oordelen ook de Jaarstukken 2024." in first


def test_the_met_targets_are_named(report):
    _, messages = report
    line = report_packs.bullet(messages, "Gehaald:")
    for subject in ("leeftijd bij instroom", "adviezen bij Veilig Thuis", "eigen omgeving", "gezondheid"):
        assert subject in line


def test_largest_shortfalls_are_named_with_their_figures(report):
    # budget per cliënt: Begroting 3.500, Realisatie 2.790 (-20%); mantelzorgers door gemeente of inZet: 20,0% and
    # 17,0% (-15%); eenzaamheidsscore: 2,3 and 2,6 (+13%, lower is better)
    _, messages = report
    line = report_packs.bullet(messages, "Het verst van het doel bleven")
    assert "(€ 2.790, doel € 3.500)" in line and "(17,0%, doel 20,0%)" in line and "(2,6, doel 2,3)" in line


def test_the_wmo_satisfaction_sentence_against_its_target(report):
    # "% Klanten dat tevreden is over de kwaliteit van het ondersteuningsaanbod": Begroting 80% 80%, Realisatie 74% 71%
    content = " ".join(report[0])
    assert "was 71% in 2024, 9 procentpunt onder het doel van 80%: doel niet gehaald, zoals ook de Jaarstukken 2024" in content


def test_tables_hold_both_years_and_both_verdicts(report):
    content = " ".join(report[0])
    # Verwijsindex: "Begroting 950 850" "Realisatie 758 822"; Veilig Thuis adviezen: "Realisatie 1.147 1.146"
    assert "950 758 850 822" in content
    assert "1.147 1.100 1.146" in content
    # budget per cliënt: "Begroting 2.850 3.500" "Realisatie 3.396 2.790" -> a difference of € 710 below
    assert "€ 2.850 € 3.396 € 3.500 € 2.790 −€ 710 Nee" in content


def test_the_2022_inzet_case_is_settled_once(report):
    # Jaarverslag 2022: "Begroting 0,0 %" "Realisatie 87,3 %" "Doel gehaald: Ja": a printed 0,0% is no target; the
    # report says so and does not compute a verdict for it (indicator table of 2023 shows 2022 only as the year before)
    content = " ".join(report[0])
    assert "geen doel" in content


def test_municipality_explanations_belong_to_their_year(report):
    # Jaarstukken 2024, Toelichting 'Matches in de Verwijsindex': "Hoewel het aantal matches in 2024 weer iets hoger
    # ligt dan in 2023 het geval was"
    content = " ".join(report[0])
    assert "Hoewel het aantal matches in 2024 weer iets hoger ligt dan in 2023 het geval was" in content
