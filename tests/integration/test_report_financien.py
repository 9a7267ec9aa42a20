"""The finance report (notebooks/reports/financien.ipynb) read back: amounts as the documents print them.

The report comes from the council pack (``report_packs``, made once per session). Figures are checked against
the printed tables of the Jaarstukken 2024 ("Totalen per doelstelling", bedragen x €1.000) and the Jaarverslag
2022 ("Gerealiseerde baten, lasten en saldo per doelstelling", bedragen x €1.000), quoted in the comments.
"""

import pytest
import report_packs
from test_report_indicatoren import key_messages, pdf_text, table

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]  # runs the council pack and reads the PDFs back


@pytest.fixture(scope="session")
def pack(tmp_path_factory):
    return report_packs.council(tmp_path_factory)[0]


def test_key_messages_carry_the_printed_totals(pack):
    key = key_messages(pack, "financien")
    assert 3 <= len(key) <= 5
    # Jaarverslag 2022: "Uitgaven € -115.681 x €1.000"; Jaarstukken 2024: "TOTAAL PROGRAMMA -156.729 ..."
    assert key[0] == (
        "De lasten van het hele programma stegen van € 115,7 mln in 2022 naar € 156,7 mln in 2024, "
        "€ 41,0 mln meer (+35%)."
    )
    # Jaarstukken 2024: 2.1 lasten -92.186 of -92.186 - 54.607 - 9.937 = -156.730 (the parts; printed total -156.729)
    assert "58,8% van de lasten in 2024 (€ 92,2 mln van € 156,7 mln)" in key[1]
    # 2.3: Jaarverslag 2022 "-1.796 30 -1.766"; Jaarstukken 2024 "-9.937 7.947 0 0 -1.990"
    assert "De lasten van doelstelling 2.3 (gezondheid) stegen van € 1,8 mln in 2022 naar € 9,9 mln in 2024" in key[2]
    # the baten of 2.3 rose with the lasten ("30" -> "7.947"), so the saldo hardly moved ("-1.766" -> "-1.990");
    # every amount of the bullet in millions (no "€ 30.000" next to "€ 1,8 mln")
    assert "De baten van 2.3 stegen in dezelfde jaren met € 7,9 mln" in key[2]
    assert (
        "het nadelige saldo van 2.3 steeg daardoor maar € 0,2 mln: van € 1,8 mln in 2022 naar € 2,0 mln in 2024."
        in key[2]
    )
    assert "€ 30.000" not in key[2] and "€ 7.947.000" not in key[2]
    # Jaarstukken 2024 name extra rijksmiddelen (GALA, SPUK IZA) without amounts, and no explanation of the rise
    assert (
        "De documenten noemen extra middelen van het Rijk voor het Gezond en Actief Leven Akkoord en het "
        "Integraal Zorgakkoord, maar geven geen verklaring van de stijging."
    ) in key[2]
    # Saldo: Jaarverslag 2022 "Saldo € -106.049 x €1.000"; Jaarstukken 2024 TOTAAL saldo -135.874
    assert "€ 106,0 mln in 2022 naar € 135,9 mln in 2024" in key[3]
    assert any("geen begroting per doelstelling" in k for k in key)
    content = pdf_text(pack, "financien")
    for message in key:
        assert message in content
    assert "'vintage'" not in content  # no code output before the key messages


def test_both_years_have_the_same_columns_in_thousands_as_printed(pack):
    head22, rows22 = table(pack, "financien", "Jaarrekening 2022")
    head24, rows24 = table(pack, "financien", "Jaarrekening 2024")
    assert head22 == head24 and head22[0] == "x € 1.000"
    # Jaarverslag 2022: "Bevorderen vroegtijdige, ... jeugdhulp (2.1) -67.887 914 -66.973" (no reserve columns)
    assert rows22["2.1 Jeugdhulp"] == ["-67.887", "914", "–", "–", "-66.973"]
    # Jaarverslag 2022 header: Uitgaven -115.681, Inkomsten 9.631, Saldo -106.049
    assert rows22["Totaal programma"] == ["-115.681", "9.631", "–", "–", "-106.049"]
    # Jaarstukken 2024: "... jeugdhulp (2.1) -92.186 931 0 263 -90.992"; "TOTAAL PROGRAMMA -156.729 19.970 0 886
    # -135.874"; "(2.3) -9.937 7.947 0 0 -1.990"
    assert rows24["2.1 Jeugdhulp"] == ["-92.186", "931", "0", "263", "-90.992"]
    assert rows24["2.3 Gezondheid"] == ["-9.937", "7.947", "0", "0", "-1.990"]
    assert rows24["Totaal programma"] == ["-156.729", "19.970", "0", "886", "-135.874"]
    content = pdf_text(pack, "financien")
    assert "€ -67.887.000" not in content and "€ -92.186.000" not in content  # no full euros in the tables
    # the full names of the objectives, once, as printed
    assert content.count("Bevorderen vroegtijdige, toegankelijke, passende en effectieve jeugdhulp") == 1


def test_the_report_says_what_the_documents_do_not_give(pack):
    content = pdf_text(pack, "financien")
    assert "Geen begroting per doelstelling." in content
    assert "Een verklaring van de stijging van de lasten en baten geven de documenten niet." in content
