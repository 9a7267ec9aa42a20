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
    cat = sdlib.catalog()
    assert len(cat) == len(sdlib.series_ids()) >= 40
    row = cat.set_index("id").loc["jeugdhulp_3jaar_aandeel"]
    assert (row["unit"], row["theme"], row["objective"], row["direction"]) == ("percent", "jeugd", "2.1", "lower")
    assert set(sdlib.catalog(theme="mantelzorg")["id"]) == {
        "mantelzorg_ondersteund_gemeente",
        "mantelzorg_ondersteund_eigen_omgeving",
        "mantelzorg_ondersteund_algemeen",
    }


def test_describe_names_definition_unit_sources_peildatum_and_direction():
    text = sdlib.describe("jeugdhulp_uitstroom")
    assert "Eenheid: aantal" in text
    assert "2e Rapportage Sociaal Domein 2019" in text and "Tabel 5" in text
    assert "peildatum 09-09-2019" in text
    assert "Gewenste richting: hoger is beter" in text


def test_load_many_stacks_series():
    df = sdlib.load_many(["jeugdhulp_instroom", "jeugdhulp_jeugdigen_per_type"])
    assert list(df.columns[:2]) == ["series", "year"]
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
        (sdlib.fmt_eur, 5565.4, "€ 5.565"),
        (sdlib.fmt_eur, -92_186_000, "€ -92.186.000"),
    ],
)
def test_dutch_formatting(func, value, expected):
    assert func(value) == expected


def test_fmt_value_by_unit():
    assert sdlib.fmt_value(1234.5, "count", decimals=1) == "1.234,5"
    assert sdlib.fmt_value(9.1, "years") == "9,1"
    assert sdlib.fmt_value(float("nan"), "count") == ""
