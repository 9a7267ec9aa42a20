"""werk_en_inkomen: bijstand, the werkbedrijf and inburgering (Rapportage Sociaal Domein 2e helft 2024; 2019)."""

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
    # "In januari 2024 hadden 2.551 inwoners een uitkering Participatiewet en op 1 januari 2025 hadden 2.559" and
    # "nagenoeg gelijk gebleven ten opzichte van 1,5% groei landelijk"
    _, messages = report
    line = report_packs.bullet(
        messages, "Het aantal uitkeringen Participatiewet steeg van 2.551 in januari 2024 naar 2.559 op 1 januari 2025"
    )
    assert "Landelijk groeide het aantal in 2024 met 1,5%" in line


def test_werkbedrijf_targets_as_printed_including_beschut_werk(report):
    # "Beschut werk 77 77" (Doel, Realisatie); "209 ... de doelstelling van 200"; "240. De doelstelling hiervoor is 229"
    _, messages = report
    line = report_packs.bullet(messages, "Het werkbedrijf haalde in 2024")
    assert "77 beschut werk (doel 77)" in line and "209 uitstroom naar werk (doel 200)" in line
    assert "240 loonkostensubsidie (doel 229)" in line
    assert "noemt geen gerealiseerd aantal" not in " ".join(report[0])


def test_herinstroom_in_the_documents_words(report):
    # "gedaald van 21,5% in de eerste helft van 2024 naar 11% in de periode t/m november"
    _, messages = report
    line = report_packs.bullet(messages, "De herinstroom in de uitkering binnen 12 maanden")
    assert "21,5%" in line and "11% over de periode t/m november" in line
    assert "januari tot en met november" not in " ".join(report[0])


def test_inburgering_total_as_printed_and_the_routes(report):
    # "Op 1 januari 2025 volgen in Zoetermeer 573 mensen een inburgeringstraject"; routes 302 + 241 + 33 = 576
    pages, messages = report
    assert "Op 1 januari 2025 volgden 573 mensen een inburgeringstraject." in messages
    assert "de onderdelen tellen op tot 576" in " ".join(pages)
