"""jeugdhulp_kosten: today's lasten of doelstelling 2.1 (Jaarverslag 2022, Jaarstukken 2024) and the costs per
type of care of 2015-2019 (2e Rapportage Sociaal Domein 2019, tabel 6 and 7) as history.

Seeds: Jaarverslag 2022 = /work/shared/seeds/001_05ceb8d39531ee11.txt (JV 2022); Jaarstukken 2024 =
000_32d5fdac7dc774f4.txt (JS 2024); Programmabegroting 2025 = 002_36b8a180079c74d7.txt (PB 2025); 2e Rapportage
Sociaal Domein 2019 = 003_994fa22a1274fd9b.txt (2019).
"""

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
    # JV 2022 line 346 "(2.1) -67.887"; JS 2024 line 589 "-92.186" (x € 1.000): 24.299 more, +35,8% -> +36%
    _, messages = report
    first = messages[0]
    assert first.startswith(
        "Lasten van doelstelling 2.1 jeugdhulp: gestegen van 2022 tot 2024. Van € 67,9 mln in 2022 naar € 92,2 mln in 2024, "
        "€ 24,3 mln meer"
    )
    assert report_packs.pct(67887, 92186) in first


def test_costs_per_type_are_history_said_as_such(report):
    # The key message 'De kosten per type jeugdhulp staan in de documenten tot en met 2019' moved, on purpose, to the
    # text above the costs per type; the key messages now let the municipality speak about today's costs instead.
    # 2019 tabel 7 (line 2095): "in de periode 2015-2019, peildatum 9 september 2019"; no later seed has costs per type.
    pages, messages = report
    content = " ".join(pages)
    assert (
        # round 19's fact-check: the extracts lost the documents' charts, so 'not in text or table', not 'not there'
        "Deze cijfers staan in de documenten tot en met 2019 (2019 geen volledig jaar: peildatum 9 september 2019); in de latere "
        "documenten die dit rapport gebruikt, staan ze niet in tekst of tabel."
        # round 45: no sentence on what was not transcribed from charts (read as process)
    ) in content
    # JS 2024 line 107, word for word
    assert messages[1] == (
        "Wat de gemeente meldt. De gemeente schreef in de Jaarstukken 2024: ‘In 2023 was er een forse stijging van de kosten en het gebruik "
        "van de specialistische jeugdhulp. Ook in 2024 zette deze kostenstijging door.’"
    )
    assert "In 2023 was er een forse stijging van de kosten en het gebruik van de specialistische jeugdhulp." in content
    # JV 2022 line 90 (2022: 4.783), PB 2025 line 25 (2023: 4.923) and JS 2024 line 271 (2024: 4.747, voorlopig):
    # the youths beside the costs, the 2023 peak included (the ninth fact-check: 2022 -> 2024 alone hid it)
    # and what the two mean together (the reviewers' 'wat betekent dit', rounds 16-18): JV 2022 line 346 lasten 2.1
    # 67.887, JS 2024 line 589 92.186: +35,8% -> 36%; youths 4.783 -> 4.747: -0,75% -> 0,8%; with the scope said
    assert messages[2] == (
        "Jeugdigen met specialistische jeugdhulp: gestegen tot 2023, daarna gedaald (voorlopig). Het aantal jeugdigen met "
        "specialistische jeugdhulp was 4.783 in 2022, steeg naar 4.923 in 2023 en daalde "
        "daarna naar 4.747 in 2024. Van 2022 op 2024 stegen de lasten van doelstelling 2.1 jeugdhulp met 36%; het aantal "
        "jeugdigen met specialistische jeugdhulp daalde met 0,8%. Het cijfer over 2024 is voorlopig. Het aantal "
        "jeugdigen alleen verklaart de stijging van de lasten dus niet (de lasten gaan over heel doelstelling 2.1, het "
        "aantal alleen over de specialistische jeugdhulp)."  # round 52: what the two mean together, our reading
        # (round 54, a fact-checker: 'alleen', no cause the documents do not give)
        # round 51: the doubt (JS 2024 line 271 'totaal aantal jeugdigen met jeugdhulp van 4.747') under the counts only
    )  # round 40: the head names the 2023 peak
    # round 24: JS 2024 line 271 'Op een totaal aantal jeugdigen met jeugdhulp van 4.747', said where the counts are
    # shown (round 40: under their table, not on page 1)
    assert "De Jaarstukken 2024 spreken van 'jeugdigen met jeugdhulp'" in " ".join(" ".join(pages[1:]).split())
    # the 2015-2019 costs per type are said not to be comparable with the lasten of 2.1 (2019 tabel 7: 'excl.
    # vervoer, landelijk ingekochte hulp en PGB')
    assert "zijn niet te vergelijken met de lasten van doelstelling 2.1" in " ".join(pages)
    # what the municipality wants (PB 2025 line 27) and does (JS 2024 lines 112-114), one sentence each, word for word
    assert messages[3] == (
        "Wat de gemeente doet. De gemeente schreef in de Programmabegroting 2025: ‘Het streven is om, onder meer door de inzet van "
        "maatregelen, de trend van kostenstijging te doorbreken en een kostendaling in te zetten.’ De gemeente schreef "
        "in de Jaarstukken 2024: ‘Vanwege de zorgen over de stijging van het gebruik en de kosten, is in 2024 ook de "
        "Crisisorganisatie Sociaal Domein Zoetermeer opgezet.’"
    )
    assert "Samen met de regiogemeenten in Haaglanden is daarnaast een start gemaakt" in content
    # PB 2025 line 27 (a key message in the first rework, now under 'Wat de gemeente erover schrijft')
    assert (
        "De kosten voor de specialistische jeugdhulp zijn in de afgelopen jaren sterk gestegen. Het streven is om, "
        "onder meer door de inzet van maatregelen, de trend van kostenstijging te doorbreken en een kostendaling in "
        "te zetten."
    ) in content
    # JS 2024 'Totalen per doelstelling' (lines 581-597) has no begroting column
    assert (
        "De gebruikte documenten geven voor 2024 geen begroting per doelstelling: of deze lasten binnen het budget "
        "bleven, staat er niet in."
    ) in messages[-1]


def test_costs_of_care_without_stay(report):
    # No longer a key message (on purpose: the key messages are about today's lasten and what the municipality does);
    # it stands under the chart of the costs per type.
    # 2019 tabel 7 (line 2078): jeugdhulp zonder verblijf 2015 € 15.481.766, 2018 € 23.307.274: 7.825.508 more,
    # +50,5% -> +51%
    content = " ".join(report[0])
    assert (
        "De kosten van jeugdhulp zonder verblijf stegen van € 15,5 mln in 2015 naar "
        f"€ 23,3 mln in 2018, € 7,8 mln meer {report_packs.pct(15481766, 23307274)}."
    ) in content
    # tabel 7, 2018 (lines 2078-2093): 23.307.274 + 8.258.443 + 2.390.462 + 571.151 = 34.527.330;
    # 23.307.274 / 34.527.330 = 67,50% -> 67,5%
    assert (
        "Jeugdhulp zonder verblijf was 67,5% van de kosten van de vier typen samen in 2018 (€ 23,3 mln van € 34,5 mln)."
    ) in content


def test_tables_and_the_2016_dip_explained(report):
    content = " ".join(report[0])
    # tabel 7, 2018 (lines 2078-2093) € 23.307.274, € 8.258.443, € 2.390.462, € 571.151, in thousands (round 51)
    assert "Kosten per type jeugdhulp, in duizenden euro's" in content
    assert "2018 23.307 8.258 2.390 571" in content
    # tabel 7, 2019 (same lines) € 15.484.508, € 4.586.522, € 1.318.357, € 249.722, provisional: "De cijfers over
    # 2019 zijn voorlopig" (line 2012)
    assert "2019 (t/m 9-9) 15.485* 4.587* 1.318* 250*" in content  # a part of a year says so
    # lines 2008-2011: "De uitschieter naar beneden in 2016 bij de jeugdbescherming en jeugdreclassering heeft te
    # maken met achterstanden in het indienen van declaraties."
    assert "achterstanden in het indienen van declaraties" in content


def test_municipality_speaks_about_the_cost_rise(report):
    # JS 2024 line 107: "In 2023 was er een forse stijging van de kosten en het gebruik van de specialistische
    # jeugdhulp. Ook in 2024 zette deze kostenstijging door."; line 112 "Crisisorganisatie Sociaal Domein Zoetermeer"
    content = " ".join(report[0])
    assert "In 2023 was er een forse stijging van de kosten" in content
    assert "Crisisorganisatie Sociaal Domein" in content
