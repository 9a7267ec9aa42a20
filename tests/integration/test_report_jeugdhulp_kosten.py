"""jeugdhulp_kosten: the key messages, read back from the rendered report, hold the figures of the documents.

The expected figures are typed here from the seed documents (the seed line is quoted above each), not read from
the data files: a wrong figure in data/, a wrong computation or a sentence that moved fails the test. The report
is the one of the council pack (``report_packs``, made once per session).
"""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "jeugdhulp_kosten"


pct = report_packs.pct


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_three_to_five_key_messages_on_the_first_two_pages(report):
    report_packs.assert_key_messages_up_front(*report)


# 2e Rapportage Sociaal Domein 2019, Tabel 7 (kosten), 2015 and 2018:
#   "Jeugdhulp zonder verblijf €15.481.766 ... € 23.307.274", "met verblijf €8.451.558 ... € 8.258.443",
#   "Jeugd-bescherming € 2.281.855 ... € 2.390.462", "Jeugd-reclassering € 665.491 ... € 571.151"
COSTS_2015 = {
    "zonder verblijf": 15481766,
    "met verblijf": 8451558,
    "jeugdbescherming": 2281855,
    "jeugdreclassering": 665491,
}
COSTS_2018 = {
    "zonder verblijf": 23307274,
    "met verblijf": 8258443,
    "jeugdbescherming": 2390462,
    "jeugdreclassering": 571151,
}
# Tabel 6: "Jeugdhulp zonder verblijf 3.587 4.156 4.243 4.188 3309"
YOUTHS_ZV = {2015: 3587, 2016: 4156, 2017: 4243, 2018: 4188}


def mln(value: float) -> str:
    return f"€ {value / 1e6:.1f} mln".replace(".", ",")


def test_costs_without_stay_rose(report):
    _, messages = report
    a, b = COSTS_2015["zonder verblijf"], COSTS_2018["zonder verblijf"]
    assert (
        f"De kosten van jeugdhulp zonder verblijf stegen van {mln(a)} in 2015 naar {mln(b)} in 2018, "
        f"{mln(b - a)} meer (+{round((b - a) / a * 100)}%)."
    ) in messages


def test_share_of_all_costs_in_2018(report):
    _, messages = report
    total = sum(COSTS_2018.values())
    share = f"{COSTS_2018['zonder verblijf'] / total * 100:.1f}".replace(".", ",")
    assert (
        f"Jeugdhulp zonder verblijf is {share}% van alle kosten in 2018 ({mln(COSTS_2018['zonder verblijf'])} "
        f"van {mln(total)})."
    ) in messages


def test_youths_without_stay_over_the_same_years_as_the_costs_with_the_fall_after_2017(report):
    # Tabel 6: "3.587 4.156 4.243 4.188": from 2015, the base year of the costs, +17%; the highest year is 2017,
    # and 2017 -> 2018 is a fall that the sentence names (the rapportage gives no reason to start at 2016)
    _, messages = report
    assert (
        f"Het aantal jeugdigen met jeugdhulp zonder verblijf steeg van 3.587 in 2015 naar 4.188 in 2018 "
        f"{pct(YOUTHS_ZV[2015], YOUTHS_ZV[2018])}. In 2017 was het aantal het hoogst; het daalde van 4.243 in 2017 "
        f"naar 4.188 in 2018 {pct(YOUTHS_ZV[2017], YOUTHS_ZV[2018])}."
    ) in messages
    assert not any("van 4.156 in 2016 naar 4.188 in 2018" in m for m in messages)


def test_cost_per_youth(report):
    _, messages = report
    a = round(COSTS_2015["zonder verblijf"] / YOUTHS_ZV[2015])  # 4.316
    b = round(COSTS_2018["zonder verblijf"] / YOUTHS_ZV[2018])  # 5.565
    fmt = lambda v: f"€ {v:,}".replace(",", ".")  # noqa: E731
    assert (
        f"De kosten per jeugdige met jeugdhulp zonder verblijf stegen van {fmt(a)} in 2015 naar {fmt(b)} in 2018, "
        f"{fmt(b - a)} meer (+{round((b - a) / a * 100)}%)."
    ) in messages


def test_2019_is_named_incomplete_and_left_out_of_the_index(report):
    # Tabel 7: "peildatum 9 september 2019"; "Voor 2019 geldt dat de cijfers nog voorlopig zijn"
    pages, messages = report
    assert any(
        m.startswith("2019 is geen volledig jaar (peildatum 9-9-2019) en de cijfers zijn voorlopig.") for m in messages
    ), messages
    content = " ".join(pages)
    caption = "Kostenindex per type (2015 = 100), volledige jaren"
    table = content[content.index(caption) :].split("Bron:")[0]
    index = {k: str(round(COSTS_2018[k] / COSTS_2015[k] * 100)) for k in COSTS_2015}
    assert table.split(" 2018 ")[1].split()[:4] == [
        index["zonder verblijf"],
        index["met verblijf"],
        index["jeugdbescherming"],
        index["jeugdreclassering"],
    ]
    assert " 2019 " not in table  # 2019 (t/m 9-9) would read as a collapse to 38-58


def test_index_chart_names_the_types_that_share_a_point(report):
    # Tabel 7: jeugdbescherming "€ 2.281.855 € 967.329", jeugdreclassering "€ 665.491 € 278.109" (2015, 2016):
    # both index 42 in 2016, one line over the other; the chart labels the point once ('beide 42'), the text names both
    jb, jr = round(967329 / COSTS_2015["jeugdbescherming"] * 100), round(278109 / COSTS_2015["jeugdreclassering"] * 100)
    assert jb == jr == 42
    content = " ".join(report[0])
    assert f"In 2016 stonden jeugdbescherming en jeugdreclassering beide op {jb}." in content
