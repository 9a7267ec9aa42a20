"""Dutch sentences computed from the data files (which hold the documents' figures), exactly as a reader sees them."""

import pandas as pd
import pytest

import sdlib
from sdlib.present import sentences as s


@pytest.fixture(scope="module")
def inflow():
    return sdlib.load("jeugdhulp_instroom")


@pytest.fixture(scope="module")
def share():
    return sdlib.load("jeugdhulp_3jaar_aandeel")


def test_the_data_hold_the_documents_figures(inflow, share):
    values = inflow.set_index("year")["value"]
    assert values[2016] == 1816 and values[2017] == 1339 and values[2018] == 1151
    real = share[share["measure"] == "realisatie"].set_index("year")["value"]
    assert real[2023] == 46.1 and real[2024] == 48.0  # latest: Jaarstukken 2024


def test_change_of_a_count_gives_the_relative_change(inflow):
    assert (
        s.change(inflow, start=2016, end=2018, unit="count", subject="De instroom")
        == "De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%)."
    )
    assert (
        s.change(inflow, start=2018, end=2016, series="jeugdhulp_instroom", subject="de instroom")
        == "De instroom steeg van 1.151 in 2018 naar 1.816 in 2016 (+58%)."
    )


def test_change_of_a_percentage_is_in_procentpunten_and_names_the_provisional_figure(share):
    assert (
        s.change(share, start=2023, end=2024, series="jeugdhulp_3jaar_aandeel", subject="Het aandeel")
        == "Het aandeel steeg van 46,1% in 2023 naar 48,0% in 2024, 1,9 procentpunt hoger. "
        "Het cijfer over 2024 is voorlopig."
    )
    first = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all")
    both = pd.concat(
        [
            first[(first["year"] == 2023) & (first["source"] == "pb2025")],
            share[(share["year"] == 2024) & (share["measure"] == "realisatie")],
        ]
    )
    assert (
        s.change(both, start=2023, end=2024, unit="percent", subject="Het aandeel", notes=False)
        == "Het aandeel steeg van 45,9% in 2023 naar 48,0% in 2024, 2,1 procentpunt hoger."
    )


def test_change_of_euros_in_millions_with_a_plural_subject():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    rows = costs[costs["care_type"] == "jeugdhulp zonder verblijf"]
    assert (
        s.change(
            rows,
            start=2015,
            end=2018,
            series="jeugdhulp_kosten_per_type",
            plural=True,
            subject="De kosten van jeugdhulp zonder verblijf",
        )
        == "De kosten van jeugdhulp zonder verblijf stegen van € 15,5 mln in 2015 naar € 23,3 mln in 2018, "
        "€ 7,8 mln meer (+51%)."
    )
    assert s.change(rows, start=2015, end=2018, unit="eur", subject="De kosten", plural=True, short=False) == (
        "De kosten stegen van € 15.481.766 in 2015 naar € 23.307.274 in 2018, € 7.825.508 meer (+51%)."
    )


def test_equal_as_printed_is_gelijk_and_the_difference_is_of_the_printed_values():
    rows = pd.DataFrame({"year": [2022, 2023], "value": [45.94, 45.91]})
    assert s.change(rows, start=2022, end=2023, unit="percent", subject="het aandeel") == (
        "Het aandeel bleef gelijk op 45,9% in 2022 en 2023."
    )
    rows = pd.DataFrame({"year": [2022, 2023], "value": [45.94, 48.04]})  # printed 45,9 and 48,0: 2,1 not 2,1 by luck
    assert s.change(rows, start=2022, end=2023, unit="percent", subject="Het aandeel").endswith(
        "2,1 procentpunt hoger."
    )
    rows = pd.DataFrame({"year": [2022, 2023], "value": [-120.0, -150.0]})
    assert s.change(rows, start=2022, end=2023, unit="count", subject="Het saldo") == (
        "Het saldo daalde van -120 in 2022 naar -150 in 2023 (-25%)."
    )


def test_a_partial_year_is_not_compared_unless_asked_and_then_said(inflow):
    with pytest.raises(ValueError, match="2019 is not a complete year"):
        s.change(inflow, start=2018, end=2019, unit="count", subject="De instroom")
    assert s.change(inflow, start=2018, end=2019, unit="count", subject="De instroom", partial="note") == (
        "De instroom daalde van 1.151 in 2018 naar 627 in 2019 (-46%). 2019 is geen volledig jaar (peildatum 9-9-2019)."
    )


def test_a_missing_year_or_an_ambiguous_row_is_a_clear_error_for_developers(inflow):
    with pytest.raises(ValueError, match=r"no realisatie row for year 2020 .*2015, 2016, 2017, 2018, 2019"):
        s.change(inflow, start=2018, end=2020, unit="count", subject="De instroom")
    with pytest.raises(ValueError, match="2 realisatie rows for year 2023"):
        s.change(
            sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all"),
            start=2023,
            end=2024,
            unit="percent",
            subject="Het aandeel",
        )
    with pytest.raises(ValueError, match="give unit="):
        s.change(inflow, start=2016, end=2018, subject="De instroom")


def test_against_target_in_procentpunten_given_the_direction(share):
    assert s.against_target(share, year=2024, series="jeugdhulp_3jaar_aandeel", subject="het aandeel") == (
        "In 2024 was het aandeel 48,0% tegen een begroting van 45,0%: 3,0 procentpunt hoger, terwijl lager beter "
        "is; doel niet gehaald. Het cijfer over 2024 is voorlopig."
    )
    rows = pd.DataFrame({"year": [2024, 2024], "measure": ["realisatie", "begroting"], "value": [8.9, 9.3]})
    assert s.against_target(rows, year=2024, unit="years", direction="lower", subject="de leeftijd") == (
        "In 2024 was de leeftijd 8,9 jaar tegen een begroting van 9,3 jaar: 0,4 jaar lager, en lager is beter; "
        "doel gehaald."
    )
    rows = pd.DataFrame({"year": [2024, 2024], "measure": ["realisatie", "begroting"], "value": [209, 200]})
    assert s.against_target(rows, year=2024, unit="count", direction="higher", subject="de uitstroom naar werk") == (
        "In 2024 was de uitstroom naar werk 209 tegen een begroting van 200: 9 hoger, en hoger is beter; doel gehaald."
    )
    rows = pd.DataFrame({"year": [2024, 2024], "measure": ["realisatie", "begroting"], "value": [77, 77]})
    assert s.against_target(rows, year=2024, unit="count", direction="higher", subject="beschut werk") == (
        "In 2024 was beschut werk 77 tegen een begroting van 77: gelijk aan de begroting; doel gehaald."
    )
    rows = pd.DataFrame({"year": [2024, 2024], "measure": ["realisatie", "begroting"], "value": [2790, 3500]})
    assert s.against_target(rows, year=2024, unit="count", direction="on_target", subject="het aantal") == (
        "In 2024 was het aantal 2.790 tegen een begroting van 3.500: 710 lager, buiten de marge van 5% rond de "
        "begroting; doel niet gehaald."
    )


def test_binnenbaan_against_target_from_the_data():
    rows = sdlib.load("binnenbaan_resultaten")
    rows = rows[(rows["period"] == "jaar") & (rows["category"] == "uitstroom naar werk")]
    assert s.against_target(rows, year=2024, unit="count", direction="higher", subject="de uitstroom naar werk") == (
        "In 2024 was de uitstroom naar werk 209 tegen een begroting van 200: 9 hoger, en hoger is beter; doel gehaald."
    )


def test_revision_names_both_publications():
    rows = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all")
    assert s.revision(rows, year=2023, series="jeugdhulp_3jaar_aandeel") == (
        "Voor 2023 publiceerde de Programmabegroting 2025 eerst 45,9%; de Jaarstukken 2024 geven 46,1%."
    )
    with pytest.raises(ValueError, match="vintage='all'"):
        s.revision(rows, year=2024, unit="percent")


def test_provisional_and_partial_figures_are_said_as_such(inflow, share):
    assert s.provisional(inflow) == "2019 is geen volledig jaar (peildatum 9-9-2019)."
    assert s.provisional(inflow, year=2018) == ""
    assert s.provisional(share) == "Het cijfer over 2024 is voorlopig."
    assert s.provisional(sdlib.load("jeugdhulp_kosten_per_type")) == (
        "2019 is geen volledig jaar (peildatum 9-9-2019) en de cijfers zijn voorlopig."
    )
    bijstand = sdlib.load("bijstand_uitkeringen")
    assert s.provisional(bijstand) == ""  # a stand on 1 januari 2025 is not a partial year


def test_largest_smallest_and_share_of_the_care_types():
    youths = sdlib.load("jeugdhulp_jeugdigen_per_type")
    assert s.largest(
        youths,
        year=2018,
        by="care_type",
        noun="jeugdigen",
        what="de grootste vorm",
        series="jeugdhulp_jeugdigen_per_type",
    ) == ("Jeugdhulp zonder verblijf is met 4.188 jeugdigen de grootste vorm.")
    assert s.smallest(youths, year=2018, by="care_type", noun="jeugdigen", what="de kleinste vorm", unit="count") == (
        "Jeugdreclassering is met 135 jeugdigen de kleinste vorm."
    )
    assert (
        s.share(youths, year=2018, by="care_type", level="jeugdhulp zonder verblijf", noun="jeugdigen", unit="count")
        == "Jeugdhulp zonder verblijf is 81,0% van het totaal (4.188 van 5.170 jeugdigen)."
    )
    tie = pd.DataFrame({"year": [2020] * 3, "kind": ["a", "b", "c"], "value": [5, 5, 1]})
    assert s.largest(tie, year=2020, by="kind", unit="count") == "A en b zijn met 5 de grootste."
    with pytest.raises(ValueError, match="do not add up|count or eur"):
        s.share(sdlib.load("jeugdhulp_3jaar_aandeel"), year=2024, by="measure", level="realisatie", unit="percent")


def test_alt_text_join_and_months():
    assert s.alt_text("lijngrafiek", "De instroom daalde") == "Lijngrafiek. De instroom daalde."
    assert s.alt_text("Liggend staafdiagram", "x.") == "Liggend staafdiagram. X."
    with pytest.raises(ValueError, match="unknown chart kind"):
        s.alt_text("line chart", "x")
    with pytest.raises(ValueError, match="empty alt text"):
        s.alt_text("lijngrafiek", " ")
    assert s.join([]) == "" and s.join(["a"]) == "a" and s.join(["a", "b"]) == "a en b"
    assert s.join(["a", "b", "c"]) == "a, b en c" and s.join(["a", "b"], conj="of") == "a of b"
    assert [s.month_name(m) for m in (1, 4, 7, 8)] == ["januari", "april", "juli", "augustus"]
    assert s.month_abbr(3) == "mrt" and s.month_label(2019, 9) == "september 2019"
    assert s.month_label(2025, 1, short=True) == "jan 2025"
    with pytest.raises(ValueError):
        s.month_name(13)


def test_printed_matches_the_formats_and_no_negative_zero():
    assert s.printed(45.94, unit="percent") == "45,9%"
    assert s.printed(15481766, series="jeugdhulp_kosten_per_type") == "€ 15.481.766"
    assert sdlib.fmt_number(-0.04, 1) == "0,0" and sdlib.fmt_eur(-0.4) == "€ 0" and sdlib.fmt_eur(-5) == "€ -5"
