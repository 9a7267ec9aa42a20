"""Bad inputs: each fixture in tests/fixtures/bad/ gives its own clear message naming file, line and column."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sdlib
from sdlib.validate import validate_all

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"


def break_with(data_dir: Path, fixture: str, series: str):
    shutil.copy(BAD / fixture, data_dir / "series" / f"{series}.csv")
    return validate_all(data_dir)


def test_mini_data_is_valid(mini_data):
    assert validate_all(mini_data) == []


@pytest.mark.parametrize(
    "fixture, series, line, column, words",
    [
        ("missing_column.csv", "demo_pct", 1, "source", "missing column"),
        ("misspelled_measure.csv", "demo_pct", 2, "measure", "expected one of: realisatie, begroting, prognose; found 'realisaite'"),
        ("dutch_thousands.csv", "demo_count", 2, "value", "Dutch thousands separator: write 4747, not 4.747"),
        ("dutch_decimal.csv", "demo_pct", 2, "value", "decimal comma"),
        ("percentage_145.csv", "demo_pct", 3, "value", "procent must be at most 100"),
        ("negative_count.csv", "demo_count", 2, "value", "aantal must be at least 0"),
        ("duplicate_key.csv", "demo_pct", 4, None, "duplicate key year, measure, source within one source; same as line 2"),
        ("unknown_source.csv", "demo_pct", 2, "source", "unknown source"),
        ("empty.csv", "demo_pct", None, None, "file is empty"),
        ("not_utf8.csv", "demo_pct", 2, None, "not UTF-8"),
        ("year_not_integer.csv", "demo_pct", 3, "year", "expected a whole year such as 2024; found '2023.5'"),
        ("unknown_care_type.csv", "demo_count", 3, "care_type", "found 'pleegzorg'"),
        ("unquoted_comma.csv", "demo_pct", 2, None, "has 9 fields where the header has 8"),
        ("bad_date.csv", "demo_pct", 2, "reference_date", "expected an ISO date"),
        ("fraction_count.csv", "demo_count", 2, "value", "a count must be a whole number"),
    ],
)
def test_bad_file_is_reported_precisely(mini_data, fixture, series, line, column, words):
    problems = break_with(mini_data, fixture, series)
    assert len(problems) == 1, problems
    (p,) = problems
    assert p.file == f"data/series/{series}.csv"
    assert (p.row, p.column) == (line, column)
    assert words in p.message
    assert f"data/series/{series}.csv" in str(p)


def test_series_in_catalog_without_data(mini_data):
    (mini_data / "series" / "demo_pct.csv").unlink()
    (p,) = validate_all(mini_data)
    assert p.file == "data/series/demo_pct.csv" and "file not found" in p.message


def test_data_file_without_catalog_entry(mini_data):
    shutil.copy(mini_data / "series" / "demo_pct.csv", mini_data / "series" / "demo_orphan.csv")
    (p,) = validate_all(mini_data)
    assert p.file == "data/series/demo_orphan.csv" and "no entry in data/catalog.yml" in p.message


def test_unknown_series_id_lists_closest_ids():
    with pytest.raises(sdlib.UnknownSeriesError) as err:
        sdlib.load("jeugdhulp_instroon")
    assert "jeugdhulp_instroom" in str(err.value)


def test_wrong_parameter_types_are_named():
    with pytest.raises(TypeError, match="series_id must be a string"):
        sdlib.load(2017)
    with pytest.raises(ValueError, match="vintage must be 'latest', 'all' or a source id"):
        sdlib.load("jeugdhulp_instroom", vintage="2023")


def test_load_refuses_a_bad_file(mini_data):
    shutil.copy(BAD / "percentage_145.csv", mini_data / "series" / "demo_pct.csv")
    with pytest.raises(sdlib.DataValidationError, match=r"demo_pct.csv, regel 3, kolom 'value'"):
        sdlib.load("demo_pct", data_dir=mini_data)


def test_validation_never_modifies_data(mini_data):
    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(mini_data.rglob("*")) if p.is_file()}

    shutil.copy(BAD / "dutch_decimal.csv", mini_data / "series" / "demo_pct.csv")
    before = digest()
    validate_all(mini_data)
    assert digest() == before


def test_cli_exit_codes(mini_data):
    ok = subprocess.run([sys.executable, "-m", "sdlib", "--data-dir", str(mini_data), "validate"], capture_output=True, text=True)
    assert ok.returncode == 0 and "Validation OK: 2 series" in ok.stdout
    shutil.copy(BAD / "negative_count.csv", mini_data / "series" / "demo_count.csv")
    bad = subprocess.run([sys.executable, "-m", "sdlib", "--data-dir", str(mini_data), "validate"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "data/series/demo_count.csv, regel 2, kolom 'value': aantal must be at least 0" in bad.stderr


def test_project_data_is_valid():
    assert validate_all() == []
