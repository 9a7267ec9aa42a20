"""Reading and validating extracts: errors name file, row and column."""

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from records_helpers import FIXTURES, PERIOD

import sdlib.records as rec
from sdlib.data.errors import DataValidationError
from sdlib.records import schema
from sdlib.records.cli import main as cli


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
    assert "bad.csv, regel 5, kolom 'care_type': onbekende zorgsoort" in message


def test_parquet_rows_are_record_numbers(tmp_path):
    table = pa.Table.from_pylist(
        [
            {
                "client_id": "X",
                "birth_date": "2010-01-01",
                "care_type": "jeugdbescherming",
                "start_date": "2016-01-01",
                "end_date": "2016-02-01",
                "cost_eur": 10.0,
                "district": "Dorp",
            },
            {
                "client_id": "Y",
                "birth_date": "2010-01-01",
                "care_type": "jeugdbescherming",
                "start_date": "2016-01-01",
                "end_date": "2016-02-01",
                "cost_eur": 10.0,
                "district": "Atlantis",
            },
        ]
    )
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
    (tmp_path / "x.xlsx").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"x.xlsx: verwacht een .parquet- of .csv-bestand"):
        rec.open_extract(tmp_path / "x.xlsx")
    with pytest.raises(FileNotFoundError):
        rec.open_extract(tmp_path / "absent.csv")


@pytest.mark.parametrize("name", ["extracten", "spark_output.parquet"])
def test_a_folder_is_refused_as_a_folder(tmp_path, name):
    # a folder (also one named like a Parquet file, as Spark writes them) is no missing file
    (tmp_path / name).mkdir()
    with pytest.raises(DataValidationError, match=rf"{name}: .*{name} is een map, geen bestand"):
        rec.open_extract(tmp_path / name)


HEADER = "client_id,birth_date,care_type,start_date,end_date,cost_eur,district\n"
ROW = "A,2008-01-01,jeugdbescherming,2016-01-01,2016-06-30,100,Dorp"


def _extract(tmp_path, *lines, name="overlap.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_exact_duplicate_rows_are_refused_with_lines_and_count(tmp_path):
    other = "B,2009-01-01,jeugdhulp zonder verblijf,2016-02-01,2016-03-31,50,Meerzicht"
    path = _extract(tmp_path, ROW, other, ROW, other, ROW)
    with pytest.raises(DataValidationError) as info:
        rec.open_extract(path, period=PERIOD)
    text = str(info.value)
    rows = {(p.row, p.message) for p in info.value.problems if p.row}
    assert rows == {(4, "exacte kopie van regel 2"), (5, "exacte kopie van regel 3"), (6, "exacte kopie van regel 2")}
    assert "overlap.csv: 3 regels zijn exacte kopieën van een andere regel" in text and "Er is niets berekend" in text
    assert "overlapt" not in text  # a copy is reported as a copy, not also as an overlap


def test_overlapping_periods_of_one_care_type_are_refused(tmp_path):
    path = _extract(tmp_path, ROW, "A,2008-01-01,jeugdbescherming,2016-06-30,2016-12-31,70,Dorp")
    found, text = _problems(path, period=PERIOD)
    assert found == {("overlap.csv", 3, "start_date"), ("overlap.csv", None, "start_date")}
    assert "regel 3, kolom 'start_date': de periode 2016-06-30 tot en met 2016-12-31" in text
    assert (
        "1 regel met een periode die overlapt met een eerdere periode van dezelfde jeugdige in dezelfde zorgsoort"
        in text
    )


def test_overlapping_periods_in_two_districts_are_refused_also_across_care_types(tmp_path):
    path = _extract(
        tmp_path,
        ROW,
        "A,2008-01-01,jeugdhulp zonder verblijf,2016-03-01,,70,Meerzicht",  # running, in another district
        "C,2010-01-01,jeugdhulp zonder verblijf,2016-01-01,2016-12-31,70,Dorp",
        "C,2010-01-01,jeugdbescherming,2016-05-01,2016-05-31,70,Dorp",  # two care types at once: normal
    )
    found, text = _problems(path, period=PERIOD)
    assert found == {("overlap.csv", 3, "district"), ("overlap.csv", None, "district")}
    assert "2016-03-01 tot en met lopend (jeugdhulp zonder verblijf, Meerzicht) overlapt met een periode" in text
    assert "1 regel met een periode die overlapt met een periode van dezelfde jeugdige in een andere wijk" in text


def test_a_move_without_overlap_and_back_is_accepted(tmp_path):
    path = _extract(
        tmp_path,
        "A,2008-01-01,jeugdbescherming,2016-01-01,2016-12-31,100,Dorp",
        "A,2008-01-01,jeugdhulp zonder verblijf,2016-02-01,2016-03-01,100,Dorp",
        "A,2008-01-01,jeugdbescherming,2017-01-01,2017-06-30,100,Meerzicht",
        "A,2008-01-01,jeugdbescherming,2017-07-01,,100,Dorp",
    )
    assert rec.open_extract(path, period=PERIOD).period[0] == dt.date(2015, 1, 1)


def test_only_the_first_rows_are_named_but_all_are_counted(tmp_path):
    lines = [ROW.replace("A,", f"Y{i},") for i in range(9)]
    path = _extract(tmp_path, *lines, *lines)
    with pytest.raises(DataValidationError) as info:
        rec.open_extract(path, period=PERIOD)
    named = [p.row for p in info.value.problems if p.row]
    assert named == [11, 12, 13, 14, 15] and "9 regels zijn exacte kopieën" in str(info.value)


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
    assert found == {("leeg.csv", None, None)} and "het extract heeft geen regels" in message


# --- extracts that used to be accepted although wrong (issue 10, part 5) ---------------------------------------

HEADER = "client_id,birth_date,care_type,start_date,end_date,cost_eur,district\n"


def _row(i=0, **over):
    row = {
        "client_id": f"C{i}",
        "birth_date": dt.date(2008, 1, 1),
        "care_type": "jeugdbescherming",
        "start_date": dt.date(2016, 1, 1),
        "end_date": dt.date(2016, 6, 30),
        "cost_eur": 100.0,
        "district": "Dorp",
    }
    row.update(over)
    return row


def _parquet(path, rows, **columns):
    """Write rows as Parquet; ``columns`` replaces whole columns by pyarrow arrays (to get a wrong type)."""
    table = pa.Table.from_pylist(rows)
    for name, array in columns.items():
        table = table.set_column(table.schema.get_field_index(name), name, array)
    pq.write_table(table, path)
    return path


def _csv(path, lines):
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("inf", "geen eindig bedrag"),
        ("-inf", "geen eindig bedrag"),
        ("Infinity", "geen eindig bedrag"),
        ("1e400", "geen eindig bedrag"),
        ("NaN", "leeg of negatief bedrag"),  # the CSV reader takes NaN (like NA, NULL) for an empty value
    ],
)
def test_non_finite_cost_in_csv_is_refused_naming_the_row(tmp_path, value, expected):
    path = _csv(
        tmp_path / "x.csv",
        ["A,2008-01-01,jeugdbescherming,2016-01-01,,5,Dorp", f"B,2008-01-01,jeugdbescherming,2016-01-01,,{value},Dorp"],
    )
    found, message = _problems(path, period=PERIOD)
    assert found == {("x.csv", 3, "cost_eur")} and expected in message


def test_non_finite_cost_in_parquet_is_refused(tmp_path):
    costs = pa.array([1.0, float("nan"), float("inf"), float("-inf")])
    path = _parquet(tmp_path / "x.parquet", [_row(i) for i in range(4)], cost_eur=costs)
    found, message = _problems(path, period=PERIOD)
    assert found == {("x.parquet", r, "cost_eur") for r in (2, 3, 4)}
    assert message.count("geen eindig bedrag") == 3 and "negatief" not in message


def test_nan_cost_is_found_although_parquet_statistics_leave_it_out(tmp_path):
    """pyarrow writes min 1, max 2 for [1, 2, NaN]: DuckDB must not fold the check to false from those."""
    path = _parquet(tmp_path / "x.parquet", [_row(i) for i in range(3)], cost_eur=pa.array([1.0, 2.0, float("nan")]))
    found, _ = _problems(path, period=PERIOD)
    assert found == {("x.parquet", 3, "cost_eur")}


@pytest.mark.parametrize(
    ("column", "array", "found"),
    [
        ("cost_eur", pa.array([True, False]), "boolean"),
        ("birth_date", pa.array([20080101, 20080101], pa.int64()), "int64"),
        ("start_date", pa.array([1.5, 2.5]), "float64"),
        ("district", pa.array([1, 2], pa.int32()), "int32"),
    ],
)
def test_typed_parquet_column_of_the_wrong_type_is_refused(tmp_path, column, array, found):
    path = _parquet(tmp_path / "typed.parquet", [_row(0), _row(1)], **{column: array})
    problems, message = _problems(path, period=PERIOD)
    assert problems == {("typed.parquet", 1, column)}
    assert f"kolom '{column}': verwacht " in message and f"gevonden {found}" in message
    assert "SELECT" not in message and "CAST" not in message


def test_accepted_parquet_types(tmp_path):
    """Timestamps, float32, decimal and integer costs, integer ids, ISO text dates and an all-null end column."""
    rows = [_row(i) for i in range(2)]
    path = _parquet(
        tmp_path / "ok.parquet",
        rows,
        client_id=pa.array([1, 2], pa.int64()),
        birth_date=pa.array([dt.datetime(2008, 1, 1)] * 2, pa.timestamp("us")),
        start_date=pa.array(["2016-01-01"] * 2),
        end_date=pa.nulls(2),
        cost_eur=pa.array([1, 2], pa.int32()),
    )
    ext = rec.open_extract(path, period=PERIOD)
    assert str(ext.table.schema()["end_date"]) == "date"
    _parquet(tmp_path / "dec.parquet", rows, cost_eur=pa.array([1, 2], pa.decimal128(10, 2)))
    rec.open_extract(tmp_path / "dec.parquet", period=PERIOD)


@pytest.mark.parametrize(
    ("birth", "ok"),
    [
        ("1800-05-01", False),  # age 215
        ("1986-01-01", False),  # 30 at the start
        ("1992-01-01", False),  # 24 on the day of the start
        ("1992-01-02", True),  # 23, one day before the 24th birthday
        ("2016-01-01", True),  # born on the first day of care: age 0
    ],
)
def test_age_at_the_start_of_care_must_be_0_to_23(tmp_path, birth, ok):
    path = _csv(tmp_path / "age.csv", [f"A,{birth},jeugdbescherming,2016-01-01,,5,Dorp"])
    if ok:
        rec.open_extract(path, period=PERIOD)
        return
    found, message = _problems(path, period=PERIOD)
    assert found == {("age.csv", 2, "birth_date")} and "0 tot en met 23 jaar" in message


def _bulk(n_per_month=120, months=48):
    """About ``n_per_month`` periods starting and ending in every month of 2015-2018 (a period of 1 to 3 months)."""
    rows = []
    for m in range(months):
        start = dt.date(2015 + m // 12, m % 12 + 1, 1)
        end = dt.date(2015 + m // 12, m % 12 + 1, 28)
        rows += [_row(f"{m}_{i}", start_date=start, end_date=end) for i in range(n_per_month)]
    return rows


def test_period_guess_refuses_an_end_date_after_today(tmp_path):
    path = _csv(
        tmp_path / "tiny_2029.csv",
        [
            "A,2008-01-01,jeugdbescherming,2016-01-01,2016-06-30,5,Dorp",
            "B,2008-01-01,jeugdbescherming,2016-01-01,2029-06-30,5,Dorp",
        ],
    )
    found, message = _problems(path)
    assert ("tiny_2029.csv", 3, "end_date") in found and "2029-06-30 ligt in de toekomst" in message
    assert "reference_date=" in message and "-p peildatum=JJJJ-MM-DD" in message
    ext = rec.open_extract(path, period=("2015-01-01", "2029-12-31"))  # given: no guess, accepted
    assert ext.years[-1] == 2029


def test_period_guess_refuses_dates_beyond_the_bulk(tmp_path):
    rows = _bulk()
    rows[200] = _row("late", start_date=dt.date(2018, 3, 1), end_date=dt.date(2023, 3, 31))  # typo for 2018
    path = _parquet(tmp_path / "bulk.parquet", rows)
    found, message = _problems(path)
    assert found == {("bulk.parquet", 201, "end_date"), ("bulk.parquet", None, None)}
    assert (
        "einddatum 2023-03-31 ligt na het eind van de gegevens (laatste maand met normaal volume: 2018-12)" in message
    )
    ext = rec.open_extract(path, period=("2015-01-01", "2023-12-31"))
    assert ext.period[1] == dt.date(2023, 12, 31)
    found, message = _problems(path, reference_date="2018-12-31")  # the row is then outside the period
    assert ("bulk.parquet", 201, "end_date") in found and "buiten de periode van het extract" in message


def test_period_guess_refuses_a_start_date_far_before_the_bulk(tmp_path):
    rows = _bulk()
    rows[7] = _row(
        "early", birth_date=dt.date(1900, 1, 1), start_date=dt.date(1915, 3, 1), end_date=dt.date(1915, 3, 2)
    )
    path = _parquet(tmp_path / "bulk.parquet", rows)
    found, message = _problems(path)
    assert ("bulk.parquet", 8, "start_date") in found and "startdatum 1915-03-01 ligt ver voor" in message
    assert "period=(begin, eind)" in message


def test_period_guess_of_a_clean_bulk_is_unchanged(tmp_path):
    ext = rec.open_extract(_parquet(tmp_path / "bulk.parquet", _bulk()))
    assert ext.period == (dt.date(2015, 1, 1), dt.date(2018, 12, 28)) and ext.reference_date_guessed


@pytest.mark.parametrize("name", ["a*.parquet", "a?.parquet", "a[b].parquet", "[ab].parquet"])
def test_glob_characters_in_a_parquet_name_are_read_literally(tmp_path, name):
    _parquet(tmp_path / name, [_row(0)])
    for sibling in ("ab.parquet", "a.parquet", "b.parquet", "abc.parquet"):
        _parquet(tmp_path / sibling, [_row(i) for i in range(5)])
    ext = rec.open_extract(tmp_path / name, period=PERIOD)
    assert ext.execute(ext.table.aggregate(n=ext.table.count()))["n"].iloc[0] == 1


def test_hive_style_folders_add_no_columns(tmp_path):
    folder = tmp_path / "district=Atlantis"
    folder.mkdir()
    ext = rec.open_extract(_parquet(folder / "x.parquet", [_row(0)]), period=PERIOD)
    assert ext.execute(ext.table.select("district"))["district"].tolist() == ["Dorp"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "het bestand is leeg (0 bytes)"),
        (bytes(range(256)) * 4, "geen Parquet-bestand"),
        (HEADER.encode() + b"A,2008-01-01,jeugdbescherming,2016-01-01,,5,Dorp\n", "tekst (een CSV?)"),
        (b"PAR1" + b"\x00" * 100 + b"PAR1", "Parquet-bestand kan niet gelezen worden"),
    ],
)
def test_a_file_that_is_no_parquet_is_refused_with_its_name(tmp_path, content, expected):
    path = tmp_path / "extract.parquet"
    path.write_bytes(content)
    found, message = _problems(path)
    assert found == {("extract.parquet", None, None)} and expected in message


@pytest.mark.parametrize(
    ("content", "row", "expected"),
    [
        (b"", None, "het bestand is leeg"),
        (HEADER.encode() + b"A,2008-01-01,jeugdbescherming,2016-01-01,,5,Dorp,extra\n", 2, "heeft 8 velden"),
        (HEADER.encode() + b"A\xff,2008-01-01,jeugdbescherming,2016-01-01,,5,Dorp\n", 2, "geen UTF-8"),
    ],
)
def test_an_unreadable_csv_is_refused_with_its_name_and_line(tmp_path, content, row, expected):
    path = tmp_path / "extract.csv"
    path.write_bytes(content)
    found, message = _problems(path)
    assert found == {("extract.csv", row, None)} and expected in message


WIJKEN = "# comment\ndistrict,cbs_code,confirmed\nDorp,WK063701,false\n"


@pytest.mark.parametrize(
    ("extra", "line", "expected"),
    [
        ("Totaal,WK063799,false\n", 4, "'Totaal' is de totaalregel"),
        ("TOTAAL,WK063799,false\n", 4, "'Totaal' is de totaalregel"),
        ("dorp,WK063799,false\n", 4, "staat dubbel; ook op regel 3"),
        (",WK063799,false\n", 4, "lege wijknaam"),
        (" Meerzicht,WK063799,false\n", 4, "spatie"),
    ],
)
def test_wijken_csv_refuses_totaal_duplicates_and_empty_names(tmp_path, monkeypatch, extra, line, expected):
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "wijken.csv").write_text(WIJKEN + extra, encoding="utf-8")
    (tmp_path / "gemeente.yml").write_text(
        "name: Test\ncbs_code: GM0637\ndistricts: reference/wijken.csv\n", encoding="utf-8"
    )
    monkeypatch.setenv("SDLIB_DATA_DIR", str(tmp_path))
    with pytest.raises(DataValidationError) as info:
        schema.districts()
    assert [(p.row, p.column) for p in info.value.problems] == [(line, "district")]
    assert expected in str(info.value) and "wijken.csv" in str(info.value)


def test_cli_check(tmp_path, capsys):
    good = _csv(tmp_path / "good.csv", ["A,2008-01-01,jeugdbescherming,2016-01-01,2016-06-30,5,Dorp"])
    assert cli(["check", str(good)]) == 0
    assert "periode 2016-01-01 tot en met 2016-06-30 (peildatum geraden" in capsys.readouterr().out
    assert cli(["check", str(good), "-p", "peildatum=2018-12-31"]) == 0
    assert "tot en met 2018-12-31\n" in capsys.readouterr().out
    bad = _csv(tmp_path / "bad.csv", ["A,2008-01-01,jeugdbescherming,2016-01-01,2029-06-30,5,Dorp"])
    assert cli(["check", str(bad)]) == 1
    assert "bad.csv, regel 2, kolom 'end_date'" in capsys.readouterr().err
    assert cli(["check", str(bad), "-p", "peil=2018"]) == 2


def test_an_ibis_table_on_duckdb_opens_through_the_public_api():
    import ibis

    import sdlib.records as rec

    table = ibis.duckdb.connect().read_csv(FIXTURES / "tiny.csv", table_name="tiny", all_varchar=True)
    ext = rec.open_extract(table, period=PERIOD)
    flows = rec.flows(ext, disclosure=False)
    youths = flows[flows["series"] == "jeugdhulp_jeugdigen"].set_index("year")["value"]
    assert youths[2016] == 7  # A C D E F G H (see conftest.py)
