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
    # seed 000 lines 358-373, "% Klanten dat tevreden is over de kwaliteit van het ondersteuningsaanbod": Begroting
    # 80% 80%, Realisatie 74% 71%, "Doel gehaald: Nee."; 80 - 71 = 9
    content = " ".join(report[0])
    assert (
        "Het aandeel Wmo-cliënten dat tevreden is over de kwaliteit van de ondersteuning was 71% in 2024, 9 procentpunt "
        "onder het doel van 80%: doel niet gehaald, zoals ook de Jaarstukken 2024 oordelen."
    ) in content


def test_tables_hold_both_years_and_both_verdicts(report):
    content = " ".join(report[0])
    # one verdict column, for the newest year
    assert "doel 2023 realisatie 2023 doel 2024 realisatie 2024 verschil 2024 doel gehaald 2024" in content
    # Verwijsindex (seed 000 lines 207-215): "Begroting 950 850" "Realisatie 758 822" "Doel gehaald: Nee.";
    # 822 - 850 = −28
    assert "950 758 850 822 −28 Nee" in content
    # Veilig Thuis adviezen (lines 232-235): "Begroting 1.300 1.100" "Realisatie 1.147 1.146" "Doel gehaald: Ja.";
    # 1.146 - 1.100 = +46
    assert "1.300 1.147 1.100 1.146 +46 Ja" in content
    # budget per cliënt (lines 334-342): "Begroting 2.850 3.500" "Realisatie 3.396 2.790" -> a difference of € 710
    # below, "Doel gehaald: Nee."
    assert "€ 2.850 € 3.396 € 3.500 € 2.790 −€ 710 Nee" in content
    # Wmo satisfaction (lines 365-373): "Begroting 80% 80%" "Realisatie 74% 71%" "Doel gehaald: Nee."; 71 - 80 = −9
    # (the narrow 'verschil' column may break '%-punt' after its hyphen: on_page allows that one space)
    assert report_packs.on_page("80% 74% 80% 71% −9 %-punt Nee", content)
    # three years of care (lines 267-270): "Begroting 46,0% 45,0%" "Realisatie 46,1% 48,0%" (2024 voorlopig, line
    # 274) "Doel gehaald: Nee."; 48,0 - 45,0 = +3,0
    assert report_packs.on_page("46,0% 46,1% 45,0% 48,0%* +3,0 %-punt Nee", content)


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
