"""Reading and validating extracts: errors name file, row and column."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import FIXTURES, PERIOD

import sdlib.records as rec
from sdlib.errors import DataValidationError


def _problems(path, **kwargs):
    with pytest.raises(DataValidationError) as info:
        rec.open_extract(path, **kwargs)
    return {(p.file, p.row, p.column) for p in info.value.problems}, str(info.value)


def test_bad_csv_names_file_line_and_column():
    found, message = _problems(FIXTURES / "bad.csv", period=PERIOD)
    assert found == {
        ("bad.csv", 3, "client_id"),  # empty client id
        ("bad.csv", 4, "end_date"),  # end before start
        ("bad.csv", 5, "care_type"),  # jeugdzorg
        ("bad.csv", 6, "cost_eur"),  # negative
        ("bad.csv", 7, "start_date"),  # 2014-12-31, before the period
        ("bad.csv", 8, "end_date"),  # 31-10-2016 is no ISO date
    }
    assert "bad.csv, regel 5, kolom 'care_type': unknown care type" in message


def test_parquet_rows_are_record_numbers(tmp_path):
    table = pa.Table.from_pylist([
        {"client_id": "X", "birth_date": "2010-01-01", "care_type": "jeugdbescherming", "start_date": "2016-01-01",
         "end_date": "2016-02-01", "cost_eur": 10.0, "district": "Dorp"},
        {"client_id": "Y", "birth_date": "2010-01-01", "care_type": "jeugdbescherming", "start_date": "2016-01-01",
         "end_date": "2016-02-01", "cost_eur": 10.0, "district": "Atlantis"},
    ])
    path = tmp_path / "x.parquet"
    pq.write_table(table, path)
    found, _ = _problems(path, period=PERIOD)
    assert found == {("x.parquet", 2, "district")}


def test_missing_column(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("client_id,birth_date\nA,2010-01-01\n", encoding="utf-8")
    found, _ = _problems(path)
    assert ("short.csv", None, "care_type") in found


def test_wrong_suffix_and_missing_file(tmp_path):
    with pytest.raises(ValueError, match="parquet or .csv"):
        rec.open_extract(tmp_path / "x.xlsx")
    with pytest.raises(FileNotFoundError):
        rec.open_extract(tmp_path / "absent.csv")


def test_period_inferred_without_metadata_is_marked_as_a_guess():
    ext = rec.open_extract(FIXTURES / "tiny.csv")
    assert [d.isoformat() for d in ext.period] == ["2015-01-01", "2018-02-28"]  # last end date in the file
    assert ext.reference_date_guessed


def test_the_reference_date_can_be_given():
    ext = rec.open_extract(FIXTURES / "tiny.csv", reference_date="2018-12-31")
    assert [d.isoformat() for d in ext.period] == ["2015-01-01", "2018-12-31"] and not ext.reference_date_guessed
    with pytest.raises(ValueError, match=r"reference_date: expected a date as YYYY-MM-DD, got '31-12-2018'"):
        rec.open_extract(FIXTURES / "tiny.csv", reference_date="31-12-2018")


def test_an_empty_extract_is_refused_with_its_name(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_text("client_id,birth_date,care_type,start_date,end_date,cost_eur,district\n", encoding="utf-8")
    found, message = _problems(path)
    assert found == {("leeg.csv", None, None)} and "the extract has no rows" in message
