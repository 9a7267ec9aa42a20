"""werk_en_inkomen: bijstand, the werkbedrijf and inburgering (Rapportage Sociaal Domein 2e helft 2024; 2019).

Seed: Rapportage Sociaal Domein 2e helft 2024 = /work/shared/seeds/004_14f5eea1608e441b.txt (RSD 2024).
"""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "werk_en_inkomen"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_key_messages_on_the_first_page(report):
    report_packs.assert_key_messages_up_front(*report, page=1)


def test_bijstand_with_the_documents_national_comparison(report):
    # RSD 2024 line 127: "In januari 2024 hadden 2.551 inwoners een uitkering Participatiewet en op 1 januari 2025
    # hadden 2.559" (+8, 8 / 2.551 = +0,31% -> +0,3%), "De omvang van het uitkeringsbestand is in 2024 nagenoeg gelijk
    # gebleven ten opzichte van 1,5% groei landelijk" ('steeg licht' does not make news of +8)
    pages, messages = report
    line = report_packs.bullet(messages, "Het aantal inwoners met een uitkering Participatiewet", start=True)
    assert line.startswith(
        "Het aantal inwoners met een uitkering Participatiewet steeg licht, van 2.551 in januari 2024 naar 2.559 op 1 "
        f"januari 2025 {report_packs.pct(2551, 2559)}. Landelijk groeide het aantal in 2024 met 1,5%, volgens de "
        "rapportage."
    )
    # RSD 2024 line 123, word for word: the municipality's own comparison
    assert line.endswith(
        "De gemeente schreef in de Rapportage Sociaal Domein 2e helft 2024: ‘Het bijstandsvolume ontwikkelde zich in "
        "2024 relatief gunstig in vergelijking met het landelijk gemiddelde.’"
    )
    # RSD 2024 lines 123-127 under 'Wat de gemeente erover schrijft'
    assert "Opvallend is dat in het tweede deel van het jaar zowel de instroom als de uitstroom" in " ".join(pages)


def test_werkbedrijf_targets_as_printed_including_beschut_werk(report):
    # RSD 2024 lines 174-180 (Doel, Realisatie): "Uitstroom naar werk 200 209", "Beschut werk 77 77",
    # "Loonkostensubsidie 229 240"; line 182: "209 ... de doelstelling van 200", "240. De doelstelling hiervoor is 229".
    # All three at or above their target: 3 of 3 (the report's own reading of the printed figures); the document's own
    # caution follows in its words: beschut werk "lijkt gehaald te zijn".
    pages, messages = report
    line = report_packs.bullet(
        messages, "Volgens de gedrukte cijfers haalde het werkbedrijf in 2024 alle 3 doelen:", start=True
    )
    assert (
        "beschut werk 77 (doel 77), loonkostensubsidie 240 (doel 229) en uitstroom naar werk 209 (doel 200) (eigen "
        "berekening)."
    ) in line
    # RSD 2024 line 182, word for word
    assert line.endswith(
        "De gemeente schreef in de Rapportage Sociaal Domein 2e helft 2024: ‘De inzet van het instrument beschut werk "
        "is intensief geweest, mede door de kwetsbaarheid van de doelgroep en soms lange procedures (o.a. bij UWV). De "
        "doelstelling van 77 plekken lijkt gehaald te zijn.’"
    )
    # RSD 2024 line 202, word for word: what is done next
    assert (
        "De gemeente schreef in de Rapportage Sociaal Domein 2e helft 2024: ‘In 2025 wordt breder gekeken naar de "
        "verbetering van ontwikkeltrajecten van De Binnenbaan. De veranderingen in de doelgroep, die steeds vaker een "
        "grote afstand tot de arbeidsmarkt heeft, zijn hiervoor mede de aanleiding.’"
    ) in messages
    content = " ".join(pages)
    # the table as printed (lines 174-180; 'Kengetal' = no target, shown as '–')
    assert (
        "NUG 37 – Oekraïners 49 – beschut werk 77 77 loonkostensubsidie 240 229 parttime baan 120 – "
        "uitstroom naar werk 209 200"
    ) in content
    assert "noemt geen gerealiseerd aantal" not in content


def test_herinstroom_in_the_documents_words(report):
    # RSD 2024 line 186: "De herinstroom is overigens gedaald van 21,5% in de eerste helft van 2024 naar 11% in de
    # periode t/m november. Dit is onder het landelijk gemiddelde." Quoted in these words (no longer a key message:
    # the second review gave that place to what the municipality does), not rephrased as 'januari tot en met november'.
    content = " ".join(report[0])
    assert (
        "De herinstroom is overigens gedaald van 21,5% in de eerste helft van 2024 naar 11% in de periode t/m "
        "november. Dit is onder het landelijk gemiddelde."
    ) in content
    assert "januari tot en met november" not in content


def test_inburgering_total_as_printed_and_the_routes(report):
    # RSD 2024 line 234: "Op 1 januari 2025 volgen in Zoetermeer 573 mensen een inburgeringstraject"; routes
    # (lines 238-240) 302 + 241 + 33 = 576. No longer a key message (second review); the table gives both.
    content = " ".join(report[0])
    assert "totaal 573 B1-route 302 Z-route 241 onderwijsroute 33" in content
    assert "de onderdelen tellen op tot 576" in content
