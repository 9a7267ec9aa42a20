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
    # hadden 2.559" (+8, 8 / 2.551 = +0,31% -> +0,3%) and "nagenoeg gelijk gebleven ten opzichte van 1,5% groei
    # landelijk"
    _, messages = report
    line = report_packs.bullet(
        messages, "Het aantal uitkeringen Participatiewet steeg van 2.551 in januari 2024 naar 2.559 op 1 januari 2025"
    )
    assert f"op 1 januari 2025 {report_packs.pct(2551, 2559)}." in line
    assert "Landelijk groeide het aantal in 2024 met 1,5%" in line
    # RSD 2024 line 123, word for word (without the footnote marker ², which points at the national source)
    assert (
        "De gemeente schreef in de Rapportage Sociaal Domein 2e helft 2024: ‘Het bijstandsvolume ontwikkelde zich in "
        "2024 relatief gunstig in vergelijking met het landelijk gemiddelde.’"
    ) in messages


def test_werkbedrijf_targets_as_printed_including_beschut_werk(report):
    # RSD 2024 lines 174-180 (Doel, Realisatie): "Uitstroom naar werk 200 209", "Beschut werk 77 77",
    # "Loonkostensubsidie 229 240"; line 182: "209 ... de doelstelling van 200", "240. De doelstelling hiervoor is 229".
    # All three at or above their target: 3 of 3 (the document itself says only "lijkt gehaald" for beschut werk, so
    # the count is the report's own: "eigen berekening").
    _, messages = report
    line = report_packs.bullet(
        messages,
        "Volgens de cijfers van de rapportage haalde het werkbedrijf in 2024 3 van zijn 3 doelen (eigen berekening)",
        start=True,
    )
    assert "77 beschut werk (doel 77)" in line and "209 uitstroom naar werk (doel 200)" in line
    assert "240 loonkostensubsidie (doel 229)" in line
    assert "noemt geen gerealiseerd aantal" not in " ".join(report[0])


def test_herinstroom_in_the_documents_words(report):
    # RSD 2024 line 186: "De herinstroom is overigens gedaald van 21,5% in de eerste helft van 2024 naar 11% in de
    # periode t/m november. Dit is onder het landelijk gemiddelde." The key message now quotes these words instead of
    # rephrasing them ('11% over de periode t/m november').
    _, messages = report
    assert (
        "De gemeente schreef in de Rapportage Sociaal Domein 2e helft 2024: ‘De herinstroom is overigens gedaald van "
        "21,5% in de eerste helft van 2024 naar 11% in de periode t/m november. Dit is onder het landelijk "
        "gemiddelde.’"
    ) in messages
    assert "januari tot en met november" not in " ".join(report[0])


def test_inburgering_total_as_printed_and_the_routes(report):
    # RSD 2024 line 234: "Op 1 januari 2025 volgen in Zoetermeer 573 mensen een inburgeringstraject"; routes
    # (lines 238-240) 302 + 241 + 33 = 576
    pages, messages = report
    assert "Op 1 januari 2025 volgden 573 mensen een inburgeringstraject." in messages
    assert "de onderdelen tellen op tot 576" in " ".join(pages)
