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
    # four 'Ja' in the Jaarstukken 2024 (lines 175, 235, 464, 576); 2023 (5 met: inZet 81,0 >= 80,0, mantelzorgers
    # over het geheel 72 >= 70, door gemeente 22,0 >= 20,0, eigen omgeving 80,0 >= 70,0, gezondheid 71 >= 70) is this
    # report's own computation: no document judged 2023; the budget per cliënt has no better side and no verdict
    # for 2023, so it is out of that own count (round 25, a fact-checker): 5 of 15
    # round 40: the targets met named in the same message; both years on one basis (the 15 with a better side)
    assert first == (
        "Doel gehaald bij 4 van de 16 indicatoren met een doel in 2024. Gehaald: de gemiddelde leeftijd bij instroom "
        "in de jeugdhulp (voorlopig), het aantal adviezen bij Veilig Thuis, het aandeel mantelzorgers dat zich "
        "voldoende ondersteund voelt door de eigen omgeving en het aandeel inwoners dat de eigen gezondheid als goed "
        "ervaart. Van de cijfers over 2024 zijn er 3 voorlopig (* in de tabellen). In 2023 haalden er 5 hun doel."
    )  # round 41: the number met in 2023 without a second denominator; round 51: the Jaarstukken 2024 judge 2024
    # the same (lines 175, 235, 464, 576), which page 1 no longer says; own work is said once under the messages
    assert "uit de gepubliceerde cijfers (eigen berekening)." in report[0][0]


def test_the_met_targets_are_named(report):
    _, messages = report
    line = messages[0]
    for subject in ("leeftijd bij instroom", "adviezen bij Veilig Thuis", "eigen omgeving", "gezondheid"):
        assert subject in line
    # round 18: every target made easier for 2024, also where it was missed anyway (JS 2024, Begroting 2023 and
    # 2024: leeftijd bij instroom 9,0 and 9,3 (lower is better); Verwijsindex 950 and 850, meldingen Veilig Thuis
    # 1.100 and 1.000, vrijwilligers 28% and 24% (higher is better)); the adviezen (1.300 -> 1.100) said before
    # round 52: on page 1 the count and the one met verdict that rests on the easier target (adviezen 1.146, doel
    # 1.100, in 2023 1.300: JS 2024); the five with their old and new targets under the chart on page 2
    assert (
        "Makkelijker doel in 2024. Bij 5 indicatoren was het doel voor 2024 makkelijker dan voor 2023. Het aantal "
        "adviezen bij Veilig Thuis haalde alleen daardoor het doel (1.146; doel 1.100; het doel van 2023 was 1.300)."
    ) in messages
    assert (
        "Makkelijker dan in 2023 was het doel bij de gemiddelde leeftijd bij instroom in de jeugdhulp (9,0 → 9,3), "
        "het aantal matches in de Verwijsindex (950 → 850), het aantal adviezen bij Veilig Thuis (1.300 → 1.100), "
        "het aantal meldingen bij Veilig Thuis (1.100 → 1.000) en het percentage vrijwilligers (28% → 24%) (eigen "
        "berekening)."
    ) in " ".join(" ".join(report[0][1:3]).split())
    # with the targets met in the first message there is room for what the municipality does (JS 2024, inZet)
    # round 41: two topics of the missed targets (the Wmo: inZet's budget; the youth care: its effectiveness, JS 2024)
    doing = report_packs.bullet(messages, "Wat de gemeente doet.", start=True)
    # round 49: for the Wmo its reported result first (JS 2024, inleiding: the waiting lists cleared), not the
    # inZet budget model, which a council reader found no answer to the falling satisfaction
    assert "‘Afgelopen jaar zijn de wachtlijsten voor Wmo-aanvragen volledig weggewerkt.’" in doing
    assert "‘In het afgelopen jaar is de nadruk gelegd op de effectiviteit van jeugdzorgtrajecten." in doing


def test_largest_shortfalls_are_named_with_their_figures(report):
    # The percentages furthest from their target, in procentpunten (as the chart on page 2), the two largest and any
    # tie with the second. Seed 000: Wmo satisfaction (lines 365-373) Begroting 80%, Realisatie 71%: 9; inZet (lines
    # 410-411) 80,0% and 75,0%: 5,0; next are three at 3 (drie jaar 48,0 against 45,0; past bij de hulpvraag 77
    # against 80; mantelzorgers door gemeente of inZet 17,0 against 20,0), not named.
    _, messages = report
    assert (
        "Verst van het doel. Van de indicatoren in procenten: het aandeel Wmo-cliënten dat tevreden is over de "
        "kwaliteit van de ondersteuning (71%, doel 80%) en het aandeel cliënten van inZet dat tevreden is over de "
        "ondersteuning (75,0%, doel 80,0%): respectievelijk 9 en 5,0 procentpunt onder het doel. De gemeente schreef in de Jaarstukken 2024: ‘Tegelijk zien we dat inwoners over het "
        "algeheel iets minder tevreden zijn over de Wmo-ondersteuning. Een belangrijke oorzaak daarvoor lijkt "
        "het personeelstekort bij aanbieders en wisselingen waarbij passende vervanging niet meteen beschikbaar is.’"
    ) in messages  # JS 2024 lines 13-15, word for word: the municipality's explanation of the furthest one


def test_the_other_indicators_against_their_target_in_percent_of_it(report):
    # round 22: the indicators that are not percentages get a chart of their own. Seed 000 (JS 2024), realisatie
    # against begroting: leeftijd instroom 8,9 / 9,3 (met), uitstroom 13,2 / 12,5, matches 822 / 850, adviezen
    # 1.146 / 1.100 (met), meldingen 990 / 1.000, budget per cliënt 2.790 / 3.500 (2.790 / 3.500 - 1 = -20,3%),
    # eenzaamheid 2,6 / 2,3 (+13,0%, the next furthest): 2 met, 5 not
    content = " ".join(" ".join(report[0]).split())
    # round 23: the budget per cliënt (2.790 / 3.500 - 1 = -20,3%) has no better side in the documents: said under
    # the chart, not drawn on the 'slechter' side; eenzaamheid 2,6 / 2,3 - 1 = +13,0% is the furthest of the rest
    assert (
        "Van de 6 andere indicatoren met een gewenste richting (aantallen, jaren en scores) haalden er 2 hun doel in 2024 en 4 niet; naar "
        "verhouding het verst van het doel bleef de eenzaamheidsscore van inwoners van 18 jaar en ouder (2,6, doel "
        "2,3): 0,3 punt boven het doel, naar verhouding 13% (eigen berekening). Bij het gemiddelde budget maatwerkondersteuning per cliënt (€ 2.790, doel "
        "€ 3.500) zeggen de documenten niet of hoger of lager beter is; de gemeente noemt het doel niet gehaald."
    ) in content.replace("\xa0", " ")  # round 43: its published verdict (JS 2024 'Nee'), so 9 + 6 + 1 make the 16
    # round 40: in a table in their own units ('0,4 jaar onder'), not in '% van het doel' (a council reviewer)
    assert "0,4 jaar onder" in content and "0,7 jaar boven" in content and "in % van het doel" not in content


def test_indicators_that_did_worse_than_the_year_before(report):
    # Seed 000, realisatie 2023 -> 2024 with a direction (the budget per cliënt has none: 15 left). Worse: drie jaar
    # 46,1 -> 48,0 (lower is better), Wmo tevreden 74 -> 71, past bij hulpvraag 78 -> 77, inZet 81,0 -> 75,0, over het
    # algemeen 72 -> 69, gemeente of inZet 22,0 -> 17,0 (-22,7%), eigen omgeving 80,0 -> 76,0 (-5,0%), vrijwilligers
    # 23 -> 22, eenzaamheid 2,5 -> 2,6: 9. Adviezen 1.147 -> 1.146 (-0,1%) is under the 1% of a count and not counted.
    # Not worse: instroom 9,1 -> 8,9, uitstroom 13,2 -> 13,2, Verwijsindex 758 -> 822, meldingen 909 -> 990,
    # gezondheid 71 -> 75. The two largest: 22,7%, 7,4% (inZet); the 1% rule is said in the Verantwoording.
    _, messages = report
    assert (
        "Slechter dan in 2023. Bij 9 van de 15 indicatoren met een gewenste richting was de uitkomst in 2024 slechter dan in 2023, naar "
        "verhouding het meest bij het aandeel mantelzorgers dat zich voldoende ondersteund voelt door gemeente of inZet "
        "(22,0% → 17,0%) en het aandeel cliënten van inZet dat tevreden is over de ondersteuning (81,0% → 75,0%)."
    ) in messages  # round 24: the rule behind the 9 (10 without it) said where the count is (a fact-checker)
    # round 45: the rule in the reading guide ("Zo leest u de tabellen", round 46: just before the tables)
    assert (
        "Een aantal dat minder dan 1% veranderde, telt in de kernboodschappen niet als slechter of beter (eigen keuze)."
        in " ".join(" ".join(report[0]).split())
    )
    content = " ".join(report[0])
    assert (
        "Bij aantallen en bedragen telt een verandering van minder dan 1% niet als beter of slechter (eigen keuze)."
        in content
    )


def test_the_wmo_satisfaction_row_against_its_target_without_a_sentence_that_repeats_it(report):
    # seed 000 lines 358-373, "% Klanten dat tevreden is over de kwaliteit van het ondersteuningsaanbod": Begroting
    # 80% 80%, Realisatie 74% 71%, "Doel gehaald: Nee."; 80 - 71 = 9
    content = " ".join(report[0])
    assert "ondersteuning (hoger is beter) 80% 71% 9 %\u2011punt onder Nee 80% 74%" in content
    # round 44: the row was said again in a sentence under the table, for each of the 16 indicators (12 pages)
    assert "was 71% in 2024, 9 procentpunt onder het doel van 80%" not in content
    # the budget per cliënt (lines 334-342) has no better side in the documents: its sentence stays and says so
    assert (
        "Het gemiddelde budget maatwerkondersteuning per cliënt was € 2.790 in 2024, € 710 onder het doel van "
        "€ 3.500: volgens de Jaarstukken 2024 doel niet gehaald; of hoger of lager beter is, zeggen de documenten niet."
    ) in content.replace("\u00a0", " ")


def test_tables_hold_both_years_and_both_verdicts(report):
    content = " ".join(report[0])
    pp = "%\u2011punt"  # '%-punt' with a non-breaking hyphen, so that it stays on one line in the narrow column
    # one verdict column, for the newest year; the newest year first (round 19: on a phone it came last)
    assert "doel 2024 realisatie 2024 verschil met doel 2024 doel gehaald 2024 doel 2023 realisatie 2023" in content
    # Verwijsindex (seed 000 lines 207-215): "Begroting 950 850" "Realisatie 758 822" "Doel gehaald: Nee.";
    # 822 - 850 = 28 below; the difference in words, so no sign clashes with the chart's 'right is better'
    assert "850 822 28 onder Nee 950 758" in content
    # Veilig Thuis adviezen (lines 232-235): "Begroting 1.300 1.100" "Realisatie 1.147 1.146" "Doel gehaald: Ja.";
    # 1.146 - 1.100 = 46 above
    assert "1.100 1.146 46 boven Ja 1.300 1.147" in content
    # budget per cliënt (lines 334-342): "Begroting 2.850 3.500" "Realisatie 3.396 2.790" -> a difference of € 710
    # below, "Doel gehaald: Nee."
    assert "€ 3.500 € 2.790 € 710 onder Nee € 2.850 € 3.396" in content
    # Wmo satisfaction (lines 365-373): "Begroting 80% 80%" "Realisatie 74% 71%" "Doel gehaald: Nee."; 71 - 80 = −9
    assert f"80% 71% 9 {pp} onder Nee 80% 74%" in content
    # three years of care (lines 267-270): "Begroting 46,0% 45,0%" "Realisatie 46,1% 48,0%" (2024 voorlopig, line
    # 274) "Doel gehaald: Nee."; 48,0 - 45,0 = 3,0 above (the chart draws it left of the target: worse)
    assert f"45,0% 48,0%* 3,0 {pp} boven Nee 46,0% 46,1%" in content


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
