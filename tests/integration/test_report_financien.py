"""financien: the jaarrekening per doelstelling (Jaarverslag 2022, Jaarstukken 2024), read back from the report."""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "financien"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_key_messages_on_the_first_page(report):
    report_packs.assert_key_messages_up_front(*report, page=1)


def test_total_and_youth_lasten(report):
    # Jaarverslag 2022 (seed 001) line 4 "€ -115.681", line 346 "(2.1) -67.887"; Jaarstukken 2024 (seed 000) line 597
    # "TOTAAL PROGRAMMA -156.729", line 589 "-92.186". 41.048 more, +35,5% -> +35%; 24.299 more, +35,8% -> +36%
    _, messages = report
    assert report_packs.bullet(
        messages,
        "De lasten van het hele programma stegen van € 115,7 mln in 2022 naar "
        f"€ 156,7 mln in 2024, € 41,0 mln meer {report_packs.pct(115681, 156729)}",
    )
    assert report_packs.bullet(
        messages,
        "De lasten van doelstelling 2.1 jeugdhulp stegen van € 67,9 mln in 2022 naar "
        f"€ 92,2 mln in 2024, € 24,3 mln meer {report_packs.pct(67887, 92186)}",
    )


def test_differences_are_taken_from_the_exact_figures(report):
    # saldo: Jaarverslag 2022 -106.049 (seed 001 line 18), Jaarstukken 2024 -135.874 (seed 000 line 597): 29.825
    # thousand, so € 29,8 mln (issue 20, slip 1), not 135,9 - 106,0 = 29,9; 29.825 / 106.049 = +28,1% -> +28%
    pages, messages = report
    content = " ".join(pages)
    assert "€ 29,9 mln" not in content
    assert (
        "De netto lasten (lasten min baten, met de reserves) stegen van € 106,0 mln in 2022 naar € 135,9 mln in 2024, "
        f"€ 29,8 mln meer {report_packs.pct(106049, 135874)}."
    ) in report_packs.bullet(messages, "De lasten van het hele programma", start=True)


def test_the_tables_print_as_the_documents_do(report):
    content = " ".join(report[0])
    assert "-92.186" in content and "-135.874" in content and "9.631" in content


def test_a_gap_between_the_years_is_said(report):
    content = " ".join(report[0])
    assert "Over 2023 staan geen cijfers in de documenten." in content
