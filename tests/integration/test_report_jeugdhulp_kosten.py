"""jeugdhulp_kosten: today's lasten of doelstelling 2.1 (Jaarverslag 2022, Jaarstukken 2024) and the costs per
type of care of 2015-2019 (2e Rapportage Sociaal Domein 2019, tabel 6 and 7) as history."""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "jeugdhulp_kosten"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_key_messages_on_the_first_page(report):
    report_packs.assert_key_messages_up_front(*report, page=1)


def test_anchored_in_todays_lasten(report):
    # Jaarverslag 2022 "(2.1) -67.887"; Jaarstukken 2024 "-92.186" (x € 1.000)
    _, messages = report
    first = messages[0]
    assert "stegen van € 67,9 mln in 2022 naar € 92,2 mln in 2024, € 24,3 mln meer" in first
    assert report_packs.pct(67887, 92186) in first


def test_costs_per_type_are_history_said_as_such(report):
    _, messages = report
    assert report_packs.bullet(messages, "De kosten per type jeugdhulp staan in de documenten tot en met 2019")


def test_costs_of_care_without_stay(report):
    # tabel 7: jeugdhulp zonder verblijf 2015 € 15.481.766, 2018 € 23.307.274
    _, messages = report
    assert report_packs.bullet(
        messages,
        "De kosten van jeugdhulp zonder verblijf stegen van € 15,5 mln in 2015 naar "
        f"€ 23,3 mln in 2018, € 7,8 mln meer {report_packs.pct(15481766, 23307274)}",
    )


def test_tables_and_the_2016_dip_explained(report):
    content = " ".join(report[0])
    assert "2018 € 23.307.274 € 8.258.443 € 2.390.462 € 571.151" in content  # tabel 7, 2018
    assert "2019 € 15.484.508* € 4.586.522* € 1.318.357* € 249.722*" in content
    # "De uitschieter naar beneden in 2016 bij de jeugdbescherming en jeugdreclassering heeft te maken met
    # achterstanden in het indienen van declaraties."
    assert "achterstanden in het indienen van declaraties" in content


def test_municipality_speaks_about_the_cost_rise(report):
    # Jaarstukken 2024: "In 2023 was er een forse stijging van de kosten en het gebruik van de specialistische
    # jeugdhulp. Ook in 2024 zette deze kostenstijging door."
    content = " ".join(report[0])
    assert "In 2023 was er een forse stijging van de kosten" in content
    assert "Crisisorganisatie Sociaal Domein" in content
