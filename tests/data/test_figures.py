"""Figures in data/ checked against the printed documents (values read from ../shared/seeds/)."""

import pandas as pd
import pytest

import sdlib


def value(series, year, vintage="latest", measure="realisatie", **dims):
    df = sdlib.load(series, vintage=vintage)
    sel = (df["year"] == year) & (df["measure"] == measure)
    for col, val in dims.items():
        sel &= df[col] == val
    row = df[sel]
    assert len(row) == 1, f"{series} {year} {measure} {dims}: {len(row)} rows"
    return row.iloc[0]


# Jaarstukken 2024 (js2024)
def test_js2024_three_year_share_2024_is_provisional_48_0():
    row = value("jeugdhulp_3jaar_aandeel", 2024)
    assert row["value"] == 48.0 and row["provisional"] and row["source"] == "js2024"


def test_js2024_counts_in_dutch_notation():
    assert value("jeugdhulp_3jaar_aantal", 2024)["value"] == 2279  # printed 2.279
    assert value("jeugdhulp_jeugdigen", 2024)["value"] == 4747  # printed 4.747
    assert value("veilig_thuis_adviezen", 2023)["value"] == 1147  # printed 1.147
    assert value("veilig_thuis_adviezen", 2023, measure="begroting")["value"] == 1300


def test_js2024_finances_converted_from_thousands():
    # "Bedragen x €1.000": -92.186 -> -92,186,000 euro
    assert value("programma_financien", 2024, objective="2.1", component="lasten")["value"] == -92_186_000
    assert value("programma_financien", 2024, objective="totaal", component="saldo")["value"] == -135_874_000


def test_js2024_indicators():
    assert value("wmo_budget_per_client", 2024)["value"] == 2790
    assert value("wmo_budget_per_client", 2024, measure="begroting")["value"] == 3500
    assert value("verwijsindex_matches", 2024)["value"] == 822
    assert value("eenzaamheid_score", 2024)["value"] == 2.6  # printed 2,6
    row = value("jeugdhulp_leeftijd_uitstroom", 2024)
    assert row["value"] == 13.2 and row["provisional"]


# Jaarverslag 2022 (jv2022)
def test_jv2022_youths_2020_2022_with_peildatum():
    for year, expected in [(2020, 4431), (2021, 4641), (2022, 4783)]:
        row = value("jeugdhulp_jeugdigen", year)
        assert row["value"] == expected
        assert row["reference_date"] == pd.Timestamp("2023-02-24")


def test_jv2022_survey_and_finances():
    assert value("inzet_tevreden", 2022)["value"] == 87.3
    assert value("mantelzorg_ondersteund_eigen_omgeving", 2022)["value"] == 75.2
    assert value("eenzaamheid_score", 2021)["value"] == 2.6
    assert value("programma_financien", 2022, objective="2.2", component="baten")["value"] == 8_688_000
    assert value("programma_financien", 2022, objective="totaal", component="saldo")["value"] == -106_049_000


# Programmabegroting 2025 (pb2025)
def test_pb2025_three_year_share_2023():
    assert value("jeugdhulp_3jaar_aandeel", 2023, vintage="pb2025")["value"] == 45.9
    assert value("jeugdhulp_3jaar_aantal", 2023)["value"] == 2261
    assert value("jeugdhulp_jeugdigen", 2023)["value"] == 4923


def test_pb2025_targets_2025_2028():
    for year in range(2025, 2029):
        assert value("wmo_past_bij_hulpvraag", year, measure="begroting")["value"] == 80
    assert value("wmo_past_bij_hulpvraag", 2023, vintage="pb2025")["value"] == 78


# 2e Rapportage Sociaal Domein 2019 (rsd2019_2)
def test_rsd2019_flows():
    assert value("jeugdhulp_instroom", 2017)["value"] == 1339
    assert value("jeugdhulp_instroom", 2015)["value"] == 3795
    assert value("jeugdhulp_doorstroom", 2016)["value"] == 2545
    row = value("jeugdhulp_uitstroom", 2019)
    assert row["value"] == 1701 and row["provisional"]  # printed "1.701 (voorlopig)"
    assert row["reference_date"] == pd.Timestamp("2019-09-09")


def test_rsd2019_age_costs_and_counts_per_type():
    row = value("jeugdhulp_leeftijd_instroom", 2015)
    assert row["value"] == 11.1 and row["reference_date"] == pd.Timestamp("2019-09-04")
    assert value("jeugdhulp_kosten_per_type", 2018, care_type="jeugdhulp zonder verblijf")["value"] == 23_307_274
    assert value("jeugdhulp_jeugdigen_per_type", 2017, care_type="jeugdhulp met verblijf")["value"] == 517
    assert value("jeugdhulp_kosten_per_type", 2019, care_type="jeugdreclassering")["provisional"]


def test_rsd2019_participation_and_poh():
    assert value("bijstand_uitkeringen_per_regeling", 2019, month=1, scheme="Participatiewet")["value"] == 2731
    assert value("bijstand_uitstroom", 2019, month=8)["value"] == 75
    assert value("poh_jeugd_trajecten", 2018, period="jaar", outcome="totaal")["value"] == 473


# Rapportage Sociaal Domein 2e helft 2024 (rsd2024_h2)
def test_rsd2024_bijstand_and_binnenbaan():
    assert value("bijstand_uitkeringen", 2024, month=1, scheme="Participatiewet")["value"] == 2551
    row = value("bijstand_uitkeringen", 2025, month=1, scheme="Participatiewet")
    assert row["value"] == 2559 and row["reference_date"] == pd.Timestamp("2025-01-01")
    assert value("binnenbaan_resultaten", 2024, period="jaar", category="uitstroom naar werk")["value"] == 209
    assert (
        value("binnenbaan_resultaten", 2024, measure="begroting", period="jaar", category="uitstroom naar werk")[
            "value"
        ]
        == 200
    )
    assert value("binnenbaan_resultaten", 2024, period="jaar", category="loonkostensubsidie")["value"] == 240
    assert value("binnenbaan_herinstroom", 2024, period="1e halfjaar")["value"] == 21.5


def test_rsd2024_inburgering_recorded_as_printed():
    df = sdlib.load("inburgering_deelnemers").set_index("route")["value"]
    assert df["totaal"] == 573
    assert df.drop("totaal").sum() == 576  # the printed parts; the inconsistency is kept, see data/ISSUES.md


# Vintages
def test_both_vintages_of_the_2023_share_are_kept():
    df = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all")
    real_2023 = df[(df["year"] == 2023) & (df["measure"] == "realisatie")].set_index("source")["value"]
    assert real_2023.to_dict() == {"pb2025": 45.9, "js2024": 46.1}


def test_latest_vintage_takes_the_most_recent_publication():
    assert value("jeugdhulp_3jaar_aandeel", 2023)["value"] == 46.1
    assert value("wmo_past_bij_hulpvraag", 2023)["source"] == "js2024"


@pytest.mark.parametrize(
    "series_id",
    [
        "jeugdhulp_instroom",
        "jeugdhulp_doorstroom",
        "jeugdhulp_uitstroom",
        "jeugdhulp_leeftijd_instroom",
        "jeugdhulp_leeftijd_uitstroom",
        "jeugdhulp_jeugdigen",
        "jeugdhulp_jeugdigen_per_type",
        "jeugdhulp_kosten_per_type",
        "jeugdhulp_3jaar_aandeel",
        "jeugdhulp_3jaar_aantal",
        "verwijsindex_matches",
        "veilig_thuis_adviezen",
        "veilig_thuis_meldingen",
        "wmo_budget_per_client",
        "wmo_tevreden_kwaliteit",
        "wmo_past_bij_hulpvraag",
        "inzet_tevreden",
        "mantelzorg_ondersteund_gemeente",
        "mantelzorg_ondersteund_eigen_omgeving",
        "mantelzorg_ondersteund_algemeen",
        "vrijwilligers",
        "eenzaamheid_score",
        "goede_gezondheid",
        "programma_financien",
    ],
)
def test_required_series_load_typed(series_id):
    df = sdlib.load(series_id)
    assert len(df) > 0
    assert df["year"].dtype == "int64" and df["value"].dtype == "float64" and df["provisional"].dtype == bool
