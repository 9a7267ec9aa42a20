"""Library behaviour: light import, catalog, describe, vintages, Dutch formatting."""

import subprocess
import sys

import pytest

import sdlib


def test_import_is_light():
    code = "import sdlib, sys; print(sorted(m for m in ('matplotlib', 'seaborn', 'papermill', 'nbconvert', 'pandas', 'pandera') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_catalog_lists_every_series_with_metadata():
    # Waterveen (tests/fixtures/waterveen/make_data.py): 21 series, each with a file in series/
    cat = sdlib.catalog()
    assert len(cat) == len(sdlib.series_ids()) == 21
    row = cat.set_index("id").loc["jeugdhulp_3jaar_aandeel"]
    assert (row["unit"], row["theme"], row["objective"], row["direction"]) == ("percent", "jeugd", "4.1", "lower")
    assert set(sdlib.catalog(theme="mantelzorg")["id"]) == {
        "mantelzorg_ondersteund_eigen_omgeving",
        "mantelzorg_ondersteund_algemeen",
    }


def test_describe_names_definition_unit_sources_peildatum_and_direction():
    text = sdlib.describe("jeugdhulp_uitstroom")
    assert "Eenheid: aantal" in text
    assert "Jaarrekening Waterveen 2024, programma Zorg en welzijn (wv_jaarstukken_2024): Tabel 3" in text
    assert "peildatum niet vermeld" in text
    assert "Gewenste richting: hoger is beter" in text
    assert "Jaren: 2021-2024" in text
    # the costs per type: 2024 only up to 30 June (make_data sets reference_date 2024-06-30), no direction
    costs = sdlib.describe("jeugdhulp_kosten_per_type")
    assert "Tabel 7, peildatum 30-06-2024" in costs
    assert "Gewenste richting: geen oordeel (beschrijvend)" in costs


def test_load_many_stacks_series():
    assert list(sdlib.load("jeugdhulp_instroom").columns[:2]) == ["series", "year"]
    df = sdlib.load_many(["jeugdhulp_instroom", "jeugdhulp_jeugdigen_per_type"])
    assert list(df.columns[:2]) == ["series", "year"]
    # instroom 2021-2024 (4 rows); jeugdigen per type 2021-2024 for four care types (16 rows)
    assert df["series"].value_counts().to_dict() == {"jeugdhulp_jeugdigen_per_type": 16, "jeugdhulp_instroom": 4}
    assert set(df["series"]) == {"jeugdhulp_instroom", "jeugdhulp_jeugdigen_per_type"}
    assert df.loc[df["series"] == "jeugdhulp_instroom", "care_type"].isna().all()


def test_vintage_by_source_id(mini_data):
    df = sdlib.load("demo_pct", vintage="doc_a", data_dir=mini_data)
    assert df["value"].tolist() == [45.9]
    latest = sdlib.load("demo_pct", data_dir=mini_data)
    assert latest.loc[latest["measure"] == "realisatie", "value"].tolist() == [46.1]


@pytest.mark.parametrize(
    "func, value, expected",
    [
        (sdlib.fmt_number, 4747, "4.747"),
        (sdlib.fmt_number, 1234.5, "1.235"),
        (sdlib.fmt_pct, 45.9, "45,9%"),
        (sdlib.fmt_eur, 5565.4, "€\xa05.565"),  # a non-breaking space: € and amount stay on one line
        (sdlib.fmt_eur, -92_186_000, "-€\xa092.186.000"),
        (sdlib.fmt_eur, 2.5, "€\xa03"),  # half up, as the documents print
        (sdlib.fmt_eur, -0.4, "€\xa00"),  # a value that rounds to zero has no sign
        (sdlib.fmt_pct, -0.04, "0,0%"),
    ],
)
def test_dutch_formatting(func, value, expected):
    assert func(value) == expected


def test_fmt_value_by_unit():
    assert sdlib.fmt_value(1234.5, "count", decimals=1) == "1.234,5"
    assert sdlib.fmt_value(9.1, "years") == "9,1"
    assert sdlib.fmt_value(float("nan"), "count") == ""
