"""Internal consistency of the transcribed figures (identities the documents satisfy)."""

import sdlib


def _v(series, year, vintage="latest", **dims):
    df = sdlib.load(series, vintage=vintage)
    sel = (df["year"] == year) & (df["measure"] == dims.pop("measure", "realisatie"))
    for col, val in dims.items():
        sel &= df[col] == val
    (value,) = df.loc[sel, "value"]
    return value


def test_three_year_share_2024_equals_count_over_youths():
    share = _v("jeugdhulp_3jaar_aantal", 2024) / _v("jeugdhulp_jeugdigen", 2024) * 100  # 2.279 / 4.747
    assert round(share, 1) == _v("jeugdhulp_3jaar_aandeel", 2024) == 48.0


def test_three_year_share_2023_of_pb2025_equals_count_over_youths():
    share = _v("jeugdhulp_3jaar_aantal", 2023) / _v("jeugdhulp_jeugdigen", 2023) * 100  # 2.261 / 4.923
    assert round(share, 1) == _v("jeugdhulp_3jaar_aandeel", 2023, vintage="pb2025") == 45.9


def test_programme_totals_equal_sum_of_objectives_within_rounding():
    df = sdlib.load("programma_financien")
    for (year, component), grp in df.groupby(["year", "component"]):
        parts = grp.loc[grp["objective"] != "totaal", "value"].sum()
        total = grp.loc[grp["objective"] == "totaal", "value"]
        if len(total):
            # amounts are printed rounded to thousands: the parts may differ from the total by one unit
            assert abs(total.iloc[0] - parts) <= 1_000, (year, component)


def test_saldo_is_lasten_plus_baten_plus_reserve_mutations():
    df = sdlib.load("programma_financien").pivot_table(index=["year", "objective"], columns="component", values="value")
    df = df.fillna(0)
    implied = df["lasten"] + df["baten"] - df["toevoegingen"] + df["onttrekkingen"]
    assert ((implied - df["saldo"]).abs() <= 1_000).all()


def test_youths_2015_equal_doorstroom_plus_uitstroom_2016():
    # In 2015 every youth counted as instroom, so 3.795 youths = 2.545 doorstroom 2016 + 1.250 uitstroom 2016.
    assert _v("jeugdhulp_instroom", 2015) == _v("jeugdhulp_doorstroom", 2016) + _v("jeugdhulp_uitstroom", 2016)


def test_cost_per_youth_zonder_verblijf_2018():
    cost = _v("jeugdhulp_kosten_per_type", 2018, care_type="jeugdhulp zonder verblijf")
    youths = _v("jeugdhulp_jeugdigen_per_type", 2018, care_type="jeugdhulp zonder verblijf")
    assert sdlib.fmt_eur(cost / youths) == "€\xa05.565"  # 2e Rapportage 2019, Tabel 7/6; € and amount stay together


def test_poh_and_smw_outcomes_add_up_to_their_totals():
    for series in ("poh_jeugd_trajecten", "smw_po_trajecten"):
        df = sdlib.load(series, vintage="rsd2019_2")
        for _, grp in df.groupby("period"):
            assert (
                grp.loc[grp["outcome"] != "totaal", "value"].sum()
                == grp.loc[grp["outcome"] == "totaal", "value"].iloc[0]
            )


def test_every_verdict_year_has_its_source():
    for sid in sdlib.series_ids():
        for verdict in sdlib.series_meta(sid)["verdicts"]:
            assert verdict["source"] in {"jv2022", "js2024"}
