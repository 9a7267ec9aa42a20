"""The werk_en_inkomen report, read back as its reader sees it: the key messages carry the figures of the
Rapportage Sociaal Domein 2e helft 2024 (seed 004_14f5eea1608e441b.txt), the youth figures moved out, no national
figure typed into the text, and 'NUG' explained.

The council pack is made once per session (report_packs, shared with test_report_suite).
"""

import re
from pathlib import Path

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

REPORT = "werk_en_inkomen"


@pytest.fixture(scope="session")
def council(tmp_path_factory):
    return report_packs.council(tmp_path_factory)[0]


def pdf_text(out: Path) -> str:
    return " ".join(report_packs.pdf_pages(out / f"{REPORT}.pdf"))


def key_messages(out: Path) -> list[str]:
    """The Kernboodschappen bullets of the HTML twin, as plain text."""
    return report_packs.key_messages((out / f"{REPORT}.html").read_text())


def bullet(out: Path, word: str) -> str:
    return report_packs.bullet(key_messages(out), word)


def test_three_to_five_key_messages_on_the_second_page(council):
    pages = report_packs.pdf_pages(council / f"{REPORT}.pdf")
    assert "Kernboodschappen" in pages[1]
    report_packs.assert_key_messages_up_front(pages, key_messages(council), page=2)


def test_bijstand_key_message(council):
    # seed: "In januari 2024 hadden 2.551 inwoners een uitkering Participatiewet en op 1 januari 2025 hadden 2.559
    # inwoners een uitkering Participatiewet."
    text = bullet(council, "uitkering Participatiewet")
    assert "Op 1 januari 2025 hadden 2.559 inwoners" in text and "2.551 in januari 2024" in text
    assert "0,3% meer" in text  # (2.559 - 2.551) / 2.551 = 0,31%


def test_binnenbaan_key_message(council):
    # seed: "Uitstroom naar werk 200 209" and "Loonkostensubsidie 229 240" (Doel, Realisatie)
    text = bullet(council, "De Binnenbaan")
    assert "209 mensen uit naar werk (doel 200)" in text
    assert "240 mensen met loonkostensubsidie (doel 229)" in text
    assert "beide doelen gehaald" in text


def test_beschut_werk_is_an_expectation_not_a_realisation(council):
    # seed: "De doelstelling van 77 plekken lijkt gehaald te zijn." (the 77 is the doel; no realised number)
    text = bullet(council, "Beschut werk")
    assert "‘De doelstelling van 77 plekken lijkt gehaald te zijn.’" in text and "verwachting" in text
    content = pdf_text(council)
    # the table gives the doel and the document's words, never 77 as a result
    assert "beschut werk (plekken) 77 ‘lijkt gehaald’ verwachting, geen aantal" in content
    assert "77 77" not in content
    # the chart has no realisation bar for beschut werk, only the doel and the words
    assert "alleen het doel van 77 plekken in de grafiek" in content and "noemt geen gerealiseerd aantal" in content


def test_bijstand_months_of_2019_carry_their_caveat(council):
    # seed: the month headings of the 2019 table are garbled ("juli / juli2019 augustusJanuari april")
    content = pdf_text(council)
    assert (
        "daalde in 2019 van 2.731 in januari naar 2.652 in augustus (2,9% minder; maanden afgeleid: de "
        "maandkoppen van de tabel zijn in de bron onleesbaar)"
    ) in content


def test_herinstroom_key_message_keeps_the_printed_decimals_and_periods(council):
    # seed: "De herinstroom is overigens gedaald van 21,5% in de eerste helft van 2024 naar 11% in de periode t/m
    # november."
    text = bullet(council, "binnen 12 maanden")
    assert "21,5% (eerste helft 2024)" in text and "11% (tot en met november 2024)" in text
    assert "11,0%" not in text


def test_inburgering_key_message_shows_both_printed_total_and_sum(council):
    # seed: "Op 1 januari 2025 volgen in Zoetermeer 573 mensen een inburgeringstraject"; B1-route (302), Z-route (241),
    # Onderwijsroute (33): 576; "25 inburgeraars zijn inmiddels parttime of fulltime aan het werk."
    text = bullet(council, "inburgeringstraject")
    assert "573 mensen" in text and "samen: 576" in text and "25 inburgeraars" in text


def test_nug_is_explained_and_no_national_figure_is_typed_in(council):
    content = pdf_text(council)
    # seed: "Ook 37 niet-uitkeringsgerechtigden (NUG), waaronder o.a. jongeren, zijn geholpen aan een baan."
    assert "niet-uitkeringsgerechtigden (NUG) aan een baan 37" in content
    # seed: "nagenoeg gelijk gebleven ten opzichte van 1,5% groei landelijk": a national figure that no series holds
    assert not re.search(r"(?<![\d,])1,5%", content) and "groei landelijk" not in content


def test_youth_figures_moved_to_the_youth_report(council):
    content = pdf_text(council)
    assert "POH-jeugd" not in content and "schoolmaatschappelijk" not in content.lower()
