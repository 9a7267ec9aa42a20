"""jeugdhulp_drie_jaar (jaar 2024, as scheduled): the key messages, read back from the rendered report, hold the figures of the documents.

The expected figures are typed here from the seed documents (the seed line is quoted above each), not read from
the data files: a wrong figure in data/, a wrong computation or a sentence that moved fails the test. The report
is the one of the council pack (``report_packs``, made once per session).
"""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "jeugdhulp_drie_jaar"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_three_to_five_key_messages_on_the_first_two_pages(report):
    report_packs.assert_key_messages_up_front(*report)


def test_share_against_the_begroting(report):
    # Jaarstukken 2024: "Begroting 46,0% 45,0%" / "Realisatie 46,1% 48,0%" / "Doel gehaald: Nee."
    _, messages = report
    assert (
        "In 2024 was het aandeel jeugdigen dat drie jaar of langer jeugdhulp kreeg 48,0% tegen een begroting van "
        "45,0%: 3,0 procentpunt hoger, terwijl lager beter is; doel niet gehaald. Het cijfer over 2024 is "
        "voorlopig."
    ) in messages
    # "NB. Het betreft een voorlopig percentage."


def test_numerator_and_denominator_of_2024(report):
    # Jaarstukken 2024: "In 2024 kregen 2.279 jeugdigen drie jaar of langer aaneengesloten hulp. Op een totaal aantal
    # jeugdigen met jeugdhulp van 4.747 is dit 48,0%."
    _, messages = report
    assert (
        "In 2024 kregen 2.279 van de 4.747 jeugdigen met specialistische jeugdhulp drie jaar of langer "
        "aaneengesloten hulp."
    ) in messages


def test_change_from_2023_uses_the_later_publication(report):
    # Jaarstukken 2024: "Realisatie 46,1% 48,0%": 1,9 procentpunt
    _, messages = report
    assert "Het aandeel steeg van 46,1% in 2023 naar 48,0% in 2024, 1,9 procentpunt hoger." in messages


def test_two_publications_of_one_figure(report):
    # Programmabegroting 2025: "leidt dit tot een percentage 45,9%"; Jaarstukken 2024: "Realisatie 46,1% 48,0%"
    _, messages = report
    assert "Voor 2023 publiceerde de Programmabegroting 2025 eerst 45,9%; de Jaarstukken 2024 geven 46,1%." in messages


def test_zoetermeer_and_the_netherlands_both_fell_in_2024(report):
    # Programmabegroting 2025: "(N= 4.923)" for 2023; Jaarstukken 2024: "totaal aantal jeugdigen met jeugdhulp van
    # 4.747". National (../shared/reference/README.md, CBS as reported by NJi): "2023 | 489,895" and
    # "2024 | 481,355 (provisional)": the national number fell, it did not grow.
    pages, messages = report
    zm, nl = round((4747 - 4923) / 4923 * 100), round((481355 - 489895) / 489895 * 100)
    assert (
        f"Het aantal jeugdigen met specialistische jeugdhulp in Zoetermeer daalde van 4.923 in 2023 naar 4.747 in "
        f"2024 ({zm}%). Het aantal jeugdigen met jeugdhulp in Nederland daalde van 489.895 in 2023 naar 481.355 "
        f"in 2024 ({nl}%). De cijfers over 2024 zijn voorlopig."
    ) in messages
    content = " ".join(pages)
    assert "Nederland steeg" not in content and "groeit het gebruik landelijk" not in content


def test_national_figures_have_a_source_line_and_the_break_is_named(report):
    # reference README: "There is a series break in 2021: StatLine table 84134NED was succeeded by 85099NED."
    content = " ".join(report[0])
    assert "CBS, zoals gerapporteerd door NJi, Jeugdigen tot 23 jaar met jeugdhulp (CBS via NJi)" in content
    assert "In 2021 veranderde het CBS de landelijke tabel" in content
    # "2015 | 380,100 | 8.5%" is printed only in the table with its Bron line, with the share as reported
    table = content[content.index("Jeugdigen met jeugdhulp in Zoetermeer en Nederland") :]
    assert table.split("Bron:")[0].count("380.100 8,5%") == 1 and "489.895 11%" in table


def test_index_only_after_the_break_and_the_national_share_as_published(report):
    # reference README: "2015 | 380,100 | 8.5%", "2019 | 443,585 | 10.0%", "2023 | 489,895 | 11%" and a series break
    # in 2021: the index runs over 2023-2024 only (Programmabegroting 2025 "(N= 4.923)", Jaarstukken 2024 "4.747");
    # 2015 and 2019 stand in the table, not indexed across the break
    content = " ".join(report[0])
    zm, nl = round(4747 / 4923 * 100), round(481355 / 489895 * 100)
    assert f"Met 2023 = 100 staat Zoetermeer in 2024 op {zm} en Nederland op {nl}." in content
    assert (
        "De landelijke cijfers van 2015 en 2019 staan alleen in de tabel hieronder, niet als index: ze liggen vóór "
        "de trendbreuk van 2021."
    ) in content
    assert "index (2015 = 100)" not in content
    assert (
        "Het landelijke aandeel staat er zoals gepubliceerd, met of zonder decimaal: 8,5% in 2015, 10,0% in 2019 "
        "en 11% in 2023."
    ) in content
