"""Every fact once, read by code: the municipality (gemeente.yml), the catalog's labels, record-only series."""

import csv
import shutil
from pathlib import Path

import pytest

import sdlib
from sdlib.data.catalog import dimension_values, objective_labels, programme, series_ids, theme_labels
from sdlib.data.config import municipality, municipality_problems
from sdlib.data.errors import DataValidationError
from sdlib.data.validate import catalog_problems, validate_all

ROOT = Path(__file__).resolve().parents[2]


def _set(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- gemeente.yml ----------------------------------------------------------------------------------------------


def test_the_municipality_of_the_data(fixture_data):
    # tests/fixtures/waterveen/make_data.py: name Waterveen, CBS code GM9901, six districts
    m = municipality()
    assert (m.name, m.cbs_code, m.organisation) == ("Waterveen", "GM9901", "Gemeente Waterveen")
    assert m.districts == fixture_data / "reference" / "wijken.csv" and m.districts.is_file()


def test_the_districts_of_the_municipality():
    from sdlib.records.schema import districts

    assert districts() == ["Centrum", "Haven", "Noord", "Oost", "Polder", "Zuid"]


def test_the_municipality_of_another_data_folder(mini_data):
    m = municipality(mini_data)
    assert (m.name, m.cbs_code) == ("Testgemeente", "GM9999")
    assert m.districts == mini_data / "reference" / "wijken.csv"


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("name: Testgemeente\n", "", None, "sleutel 'name' ontbreekt"),
        ("name: Testgemeente", "name: ''", 2, "sleutel 'name' is leeg"),
        ("name: Testgemeente", "name:", 2, "sleutel 'name' is leeg"),
        ("cbs_code: GM9999", "cbs_code: 637", 3, "sleutel 'cbs_code'"),
        ("cbs_code: GM9999", "cbs_code: WK063701", 3, "geen CBS-gemeentecode"),
        (
            "districts: reference/wijken.csv",
            "districts: reference/buurten.csv",
            4,
            "het bestand data/reference/buurten.csv bestaat niet",
        ),
        ("districts: reference/wijken.csv", "districts: ../wijken.csv", 4, "binnen de datamap"),
        ("name: Testgemeente", "naam: Testgemeente", 2, "onbekende sleutel 'naam'"),
        ("name: Testgemeente", "name: [Test", None, "geen geldige YAML"),
        ("name: Testgemeente", "name: [Test]", 2, "sleutel 'name' is leeg of geen tekst"),
        ("name: Testgemeente", "name: A\nname: B", 3, "staat twee keer"),
    ],
)
def test_a_wrong_gemeente_yml_names_file_key_and_line(mini_data, old, new, line, words):
    _set(mini_data / "gemeente.yml", old, new)
    with pytest.raises(DataValidationError) as info:
        municipality(mini_data)
    problems = info.value.problems
    assert all(p.file == "data/gemeente.yml" for p in problems)
    assert any(words in p.message for p in problems), problems
    if line is not None:
        assert line in [p.row for p in problems]


def test_the_examples_in_messages_name_no_real_municipality(mini_data):
    (mini_data / "gemeente.yml").write_text("naam: Zoetermeer\n", encoding="utf-8")
    messages = [p.message for p in municipality_problems(mini_data)]
    assert any("bijvoorbeeld 'name: Voorbeeldstad'" in m for m in messages), messages
    assert any("onbekende sleutel 'naam'" in m for m in messages), messages
    assert not any("Zoetermeer" in m for m in messages if "'naam'" not in m), messages


def test_validate_checks_gemeente_yml(mini_data):
    (mini_data / "gemeente.yml").unlink()
    (p,) = validate_all(mini_data)
    assert p.file == "data/gemeente.yml" and "bestand niet gevonden" in p.message
    assert municipality_problems(mini_data) == [p]


def test_validate_sees_a_districts_file_removed_after_reading(mini_data):
    assert validate_all(mini_data) == []
    (mini_data / "reference" / "wijken.csv").unlink()
    (p,) = validate_all(mini_data)
    assert p.file == "data/gemeente.yml" and "wijken.csv bestaat niet" in p.message


def test_districts_come_from_the_file_gemeente_yml_names(mini_data, monkeypatch):
    from sdlib.records.schema import districts

    assert districts(mini_data) == ["Noord", "Zuid"]
    monkeypatch.setenv("SDLIB_DATA_DIR", str(mini_data))
    assert districts() == ["Noord", "Zuid"]
    (mini_data / "reference" / "wijken.csv").rename(mini_data / "reference" / "stadsdelen.csv")
    _set(mini_data / "gemeente.yml", "reference/wijken.csv", "reference/stadsdelen.csv")
    assert districts() == ["Noord", "Zuid"]


def test_the_title_page_names_the_municipality(mini_data, monkeypatch):
    from sdlib.report.render import report_html

    args = {"title": "T", "period": "2024", "run_date": "1-1-2025"}
    assert "Gemeente Waterveen &middot; Sociaal domein" in report_html("", **args)
    monkeypatch.setenv("SDLIB_DATA_DIR", str(mini_data))
    assert "Gemeente Testgemeente &middot; Sociaal domein" in report_html("", **args)
    assert "Waterveen" not in report_html("", **args)


def test_data_add_takes_the_publisher_from_gemeente_yml(mini_data, tmp_path):
    from sdlib.cli import main

    new = tmp_path / "new.csv"
    new.write_text(
        "series,year,measure,value,table,reference_date,provisional,note\n"
        "demo_pct,2025,realisatie,44.0,Tabel 2,,false,\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--data-dir",
                str(mini_data),
                "data",
                "add",
                str(new),
                "--source-id",
                "doc_c",
                "--short-title",
                "Document C",
                "--year",
                "2026",
            ]
        )
        == 0
    )
    with open(mini_data / "sources.csv", encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert rows["doc_c"]["publisher"] == "Gemeente Testgemeente"


# --- the catalog's labels ----------------------------------------------------------------------------------------


def test_theme_objective_and_programme_labels():
    # Waterveen's catalog (make_data.CATALOG_HEAD): programme 4 with objectives 4.1-4.3
    assert theme_labels()["participatie"] == "Werk en inkomen"
    assert list(theme_labels()) == ["jeugd", "wmo", "mantelzorg", "gezondheid", "participatie", "financien"]
    labels = objective_labels()
    assert list(labels) == ["4.1", "4.2", "4.3", "totaal"]
    assert labels["4.2"] == "Zelfstandig wonen en meedoen"
    assert programme() == {"id": "4", "title": "Zorg en welzijn"}
    assert dimension_values("care_type")[0] == "jeugdhulp zonder verblijf"
    assert dimension_values("month") == list(range(1, 13))


def test_every_theme_of_a_series_has_a_label():
    labels = theme_labels()
    for sid in series_ids(include_records=True):
        assert sdlib.series_meta(sid)["theme"] in labels, sid


@pytest.mark.parametrize(
    ("func", "key"),
    [
        (objective_labels, "objectives"),
        (programme, "programme"),
        (lambda d: dimension_values("step", d), "dimensions.step"),
    ],
)
def test_a_missing_label_names_file_and_key(mini_data, func, key):
    with pytest.raises(DataValidationError) as info:
        func(mini_data)
    (p,) = info.value.problems
    assert p.file == "data/catalog.yml" and f"sleutel '{key}'" in p.message


def test_themes_without_labels_are_refused(mini_data):
    _set(mini_data / "catalog.yml", "themes: {jeugd: Jeugd}", "themes: [jeugd]")
    with pytest.raises(DataValidationError, match="sleutel 'themes' ontbreekt of is geen lijst van id: label"):
        theme_labels(mini_data)
    assert any("sleutel 'themes'" in p.message and p.row == 5 for p in validate_all(mini_data))


def test_objectives_must_match_the_objective_dimension(mini_data):
    _set(
        mini_data / "catalog.yml",
        "dimensions:\n",
        'objectives: {"2.1": Jeugd, "2.2": Wmo}\n'
        'dimensions:\n  objective:\n    title: Doelstelling\n    values: ["2.1", "2.3"]\n',
    )
    (p,) = catalog_problems(mini_data)
    assert p.file == "data/catalog.yml" and "dimensie 'objective'" in p.message
    _set(mini_data / "catalog.yml", '"2.3"]', '"2.2"]')
    assert catalog_problems(mini_data) == []
    _set(mini_data / "catalog.yml", "    direction: higher\n", '    direction: higher\n    objective: "2.4"\n')
    (p,) = validate_all(mini_data)
    assert p.column == "demo_pct" and "onbekende doelstelling '2.4'" in p.message


# --- record-only series ------------------------------------------------------------------------------------------

RECORD_ONLY = """  demo_records:
    title: Alleen uit registraties
    definition: Testreeks (uitwerking van sdlib).
    unit: count
    theme: jeugd
    records_only: true
"""


def test_a_record_only_series_needs_no_data_file(mini_data):
    _set(mini_data / "catalog.yml", "series:\n", "series:\n" + RECORD_ONLY)
    assert validate_all(mini_data) == []
    assert series_ids(mini_data) == ["demo_count", "demo_pct"]
    assert series_ids(mini_data, include_records=True) == ["demo_count", "demo_pct", "demo_records"]
    assert sdlib.catalog(data_dir=mini_data)["id"].tolist() == ["demo_count", "demo_pct"]
    assert sdlib.catalog(data_dir=mini_data, include_records=True)["records_only"].tolist() == [False, False, True]
    with pytest.raises(DataValidationError, match="records_only: true"):
        sdlib.load("demo_records", data_dir=mini_data)


def test_a_record_only_series_with_a_data_file_or_a_bad_flag_is_refused(mini_data):
    _set(mini_data / "catalog.yml", "series:\n", "series:\n" + RECORD_ONLY)
    shutil.copy(mini_data / "series" / "demo_pct.csv", mini_data / "series" / "demo_records.csv")
    (p,) = validate_all(mini_data)
    assert p.file == "data/series/demo_records.csv" and "records_only: true" in p.message
    (mini_data / "series" / "demo_records.csv").unlink()
    _set(mini_data / "catalog.yml", "records_only: true", "records_only: ja")
    problems = validate_all(mini_data)
    assert any("'records_only' moet true of false zijn" in p.message for p in problems), problems


def test_every_record_series_is_in_the_live_catalog():
    # the record engine's series against the catalog of data/ (the one the records report reads): a contract of
    # the live data folder, not a figure; Waterveen has no record-level series
    from sdlib.records.definitions import SERIES

    catalog = sdlib.data.catalog.read_catalog(ROOT / "data")["series"]
    record_only = {
        "jeugdhulp_herintreder",
        "jeugdhulp_uitstroom_6m",
        "jeugdhulp_kosten",
        "jeugdhulp_kosten_per_jeugdige",
    }
    for names in SERIES.values():
        for sid in names:
            assert sid in catalog, sid
            assert bool(catalog[sid].get("records_only")) == (sid in record_only), sid
    for sid in record_only:  # readers learn that no document publishes it, in words without tool names
        assert "eigen uitwerking" in catalog[sid]["definition"] and "sdlib" not in catalog[sid]["definition"], sid
    assert {"jeugdhulp_jeugdigen_per_type", "jeugdhulp_kosten_per_type"} <= set(catalog)


# --- facts the record engine reads ----------------------------------------------------------------------------


def test_care_types_are_the_catalog_dimension():
    from sdlib.records.schema import CARE_TYPES, care_types

    assert care_types() == tuple(dimension_values("care_type"))
    assert care_types() == CARE_TYPES and list(CARE_TYPES) == list(care_types()) and len(CARE_TYPES) == 4
    assert CARE_TYPES.index("jeugdbescherming") == 2 and "jeugdreclassering" in CARE_TYPES


def test_ratios_are_defined_once():
    from sdlib.records import definitions, disclosure

    assert definitions.RATIOS["jeugdhulp_3jaar_aandeel"] == ("jeugdhulp_3jaar_aantal", "jeugdhulp_jeugdigen", 100)
    for name, (num, den, scale) in definitions.RATIOS.items():
        nums, dens, dscale = disclosure.RATIOS[name]
        assert (nums[0], dens[0], dscale) == (num, den, scale)
        assert den in disclosure.DERIVED[name] and f"{den}_per_type" in disclosure.DERIVED[name]
