"""The national reference series (CBS, as reported by NJi), their series break and the printed precision."""

import pytest

import sdlib
from sdlib.data.catalog import read_catalog, read_sources, series_breaks


def test_national_youths_with_jeugdhulp():
    df = sdlib.load("jeugdhulp_nederland_jeugdigen").set_index("year")
    assert df.loc[2015, "value"] == 380_100  # reported 380.100
    assert df.loc[2019, "value"] == 443_585
    assert df.loc[2023, "value"] == 489_895
    assert df.loc[2024, "value"] == 481_355 and df.loc[2024, "provisional"]
    assert not df.loc[[2015, 2019, 2023], "provisional"].any()
    assert set(df["source"]) == {"cbs_nji_jeugdhulp"}


def test_national_share():
    df = sdlib.load("jeugdhulp_nederland_aandeel").set_index("year")
    assert df["value"].to_dict() == {2015: 8.5, 2019: 10.0, 2023: 11.0}


def test_the_break_of_2021_is_data():
    for sid in ("jeugdhulp_nederland_jeugdigen", "jeugdhulp_nederland_aandeel"):
        (brk,) = series_breaks(sid)
        # ../shared/reference: "StatLine table 84134NED was succeeded by 85099NED" (the note says so in plain words)
        assert brk["year"] == 2021 and "CBS verving in 2021 zijn landelijke tabel" in brk["note"]
    # the instroom has its own break: in 2015 everyone came in new (2e Rapportage 2019: "In 2015 stroomden alle
    # jeugdigen 'nieuw' in vanwege de decentralisatie")
    assert [b["year"] for b in series_breaks("jeugdhulp_instroom")] == [2016]
    with pytest.raises(sdlib.UnknownSeriesError):
        series_breaks("jeugdhulp_nederland")


def test_a_reference_is_no_municipal_target():
    for sid in ("jeugdhulp_nederland_jeugdigen", "jeugdhulp_nederland_aandeel"):
        m = sdlib.series_meta(sid)
        assert m["theme"] == "jeugd" and m["direction"] is None and not m["indicator"] and m["objective"] is None


def test_the_outside_source_has_no_seed_file_and_the_documents_do():
    sources = read_sources()
    assert sources["cbs_nji_jeugdhulp"]["outside"] == "true" and sources["cbs_nji_jeugdhulp"]["seed_file"] == ""
    assert sources["cbs_nji_jeugdhulp"]["publisher"] == "CBS/NJi"
    for sid in ("rsd2019_2", "jv2022", "pb2025", "js2024", "rsd2024_h2"):
        assert sources[sid]["outside"] == "false" and sources[sid]["seed_file"].endswith(".txt")


def test_every_series_has_its_printed_decimals():
    for sid, meta in read_catalog()["series"].items():
        assert isinstance(meta.get("decimals"), int) and 0 <= meta["decimals"] <= 3, sid
    assert sdlib.series_meta("jeugdhulp_3jaar_aandeel")["decimals"] == 1  # 45,9%
    assert sdlib.series_meta("wmo_tevreden_kwaliteit")["decimals"] == 0  # 80%, not 80,0%
    assert sdlib.series_meta("mantelzorg_ondersteund_gemeente")["decimals"] == 1  # 20,2 %
    assert sdlib.series_meta("eenzaamheid_score")["decimals"] == 1  # 2,5
    assert sdlib.series_meta("jeugdhulp_jeugdigen")["decimals"] == 0
