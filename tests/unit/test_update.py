"""Adding a new publication: a new vintage beside the old one, validated first, shown as differences.

The data folder is a copy of the Waterveen fixture (tests/fixtures/waterveen/make_data.py): its
jeugdhulp_3jaar_aandeel has realisatie 33.1 in 2024 from wv_jaarstukken_2024 (published 2025), its
jeugdhulp_jeugdigen 1880, 1905, 1941 and 1927 for 2021-2024. The new publication is an invented one whose id,
test_pub_2025, no real municipality will ever publish.
"""

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import sdlib
from sdlib.data.journal import JOURNAL, recover
from sdlib.data.update import add_publication

PUB = Path(__file__).resolve().parents[1] / "fixtures" / "publication"
NEW = PUB / "test_pub_2025.csv"  # jeugdhulp_3jaar_aandeel: 2024 revised to 33.4, 2025 realisatie and begroting
THREE = PUB / "test_pub_2025_three_series.csv"  # also jeugdhulp_jeugdigen 2024-2025 and a per-type row
MISTAKES = PUB / "test_pub_2025_with_mistakes.csv"
NEW_ID = "test_pub_2025"
SOURCE = {
    "id": NEW_ID,
    "short_title": "Testpublicatie 2025",
    "title": "Testpublicatie 2025 (verzonnen)",
    "publisher": "Gemeente Waterveen",
    "publication_year": 2026,
}


@pytest.fixture
def data_copy(tmp_path, fixture_data):
    dest = tmp_path / "data"
    shutil.copytree(fixture_data, dest)
    return dest


def digest(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_new_vintage_is_added_beside_the_old_one(data_copy):
    diff = add_publication(NEW, source=SOURCE, data_dir=data_copy)
    (row,) = diff.itertuples()  # only 2024 was published before: the 2025 rows are new, not revisions
    assert (row.series, row.year, row.previous_source, row.previous_value, row.new_value) == (
        "jeugdhulp_3jaar_aandeel",
        2024,
        "wv_jaarstukken_2024",
        33.1,
        33.4,
    )
    assert round(row.difference, 1) == 0.3  # 33.4 - 33.1
    all_ = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all", data_dir=data_copy)
    real_2024 = all_[(all_["year"] == 2024) & (all_["measure"] == "realisatie")].set_index("source")["value"]
    assert real_2024.to_dict() == {"wv_jaarstukken_2024": 33.1, NEW_ID: 33.4}  # the old figure stays
    latest = sdlib.load("jeugdhulp_3jaar_aandeel", data_dir=data_copy).query("measure == 'realisatie'")
    assert latest.set_index("year")["value"].to_dict() == {2023: 31.5, 2024: 33.4, 2025: 32.8}
    assert sdlib.validate_all(data_copy) == []


def test_mistakes_are_reported_against_the_input_file_and_nothing_is_written(data_copy):
    before = digest(data_copy)
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication(MISTAKES, source=SOURCE, data_dir=data_copy)
    messages = [str(p) for p in err.value.problems]
    # the input file is named relative to the checkout
    assert any(
        m.startswith(
            "tests/fixtures/publication/test_pub_2025_with_mistakes.csv, regel 3, kolom 'series': onbekende "
            "reeks 'jeugdhulp_3jaar_aandel' (bedoelt u 'jeugdhulp_3jaar_aandeel', "
        )
        for m in messages
    ), messages
    assert digest(data_copy) == before
    shutil.copy(MISTAKES, data_copy.parent / "one_mistake.csv")
    lines = (data_copy.parent / "one_mistake.csv").read_text().splitlines()
    (data_copy.parent / "one_mistake.csv").write_text("\n".join(lines[:2]) + "\n")
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication(data_copy.parent / "one_mistake.csv", source=SOURCE, data_dir=data_copy)
    (problem,) = err.value.problems
    assert (problem.file.endswith("one_mistake.csv"), problem.row, problem.column) == (True, 2, "value")
    assert problem.message == (
        "jeugdhulp_3jaar_aandeel: decimale komma: schrijf 45.9, niet 45,9 (de bestanden gebruiken "
        "een punt); gevonden '33,4'"
    )
    assert digest(data_copy) == before


def test_the_same_publication_added_twice_changes_nothing(data_copy):
    add_publication(NEW, source=SOURCE, data_dir=data_copy)
    after_first = digest(data_copy)
    # the same add again (e.g. after an interrupted add was completed by recover()): nothing to do
    diff = add_publication(NEW, source=SOURCE, data_dir=data_copy)
    assert diff.attrs["unchanged"] is True and len(diff) == 1
    assert digest(data_copy) == after_first
    # the same source id with other details is refused
    with pytest.raises(
        sdlib.DataValidationError, match=f"bron-id '{NEW_ID}' staat al in data/sources.csv met andere gegevens"
    ):
        add_publication(NEW, source=SOURCE | {"publication_year": 2025}, data_dir=data_copy)
    # the same rows under the now known source id, one value changed: the duplicate key is refused
    lines = NEW.read_text().splitlines()
    again = data_copy.parent / "again.csv"
    again.write_text(
        lines[0] + ",source\n" + "".join(f"{line},{NEW_ID}\n" for line in lines[1:]).replace("33.4", "33.5")
    )
    with pytest.raises(
        sdlib.DataValidationError,
        match=r"again.csv, regel 2: jeugdhulp_3jaar_aandeel: dubbele sleutel "
        r"year, measure, source binnen één bron; zelfde als regel \d+",
    ):
        add_publication(again, data_dir=data_copy)
    assert digest(data_copy) == after_first


def test_a_dimension_the_series_lacks_is_an_error(data_copy):
    before = digest(data_copy)
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication(PUB / "dimension_not_in_series.csv", source=SOURCE, data_dir=data_copy)
    (p,) = err.value.problems
    assert (p.row, p.column) == (2, "care_type") and "jeugdhulp_jeugdigen_per_type" in p.message
    assert digest(data_copy) == before


@pytest.mark.parametrize("bad_id", ["latest", "all", "TEST_PUB_2025", "test pub 2025", "test-pub-2025", "../x"])
def test_source_id_must_be_plain_and_not_a_vintage_keyword(data_copy, bad_id):
    before = digest(data_copy)
    with pytest.raises(sdlib.DataValidationError, match="ongeldige bron-id"):
        add_publication(NEW, source=SOURCE | {"id": bad_id}, data_dir=data_copy)
    assert digest(data_copy) == before


def test_modes_of_rewritten_files_are_kept(data_copy):
    old = os.umask(0o022)
    try:
        (data_copy / "series" / "jeugdhulp_jeugdigen.csv").chmod(0o664)
        add_publication(THREE, source=SOURCE, data_dir=data_copy)
    finally:
        os.umask(old)
    mode = {
        p: stat.S_IMODE((data_copy / p).stat().st_mode)
        for p in [
            "sources.csv",
            "series/jeugdhulp_3jaar_aandeel.csv",
            "series/jeugdhulp_jeugdigen.csv",
            "series/jeugdhulp_jeugdigen_per_type.csv",
        ]
    }
    assert mode == {
        "sources.csv": 0o644,
        "series/jeugdhulp_3jaar_aandeel.csv": 0o644,
        "series/jeugdhulp_jeugdigen.csv": 0o664,
        "series/jeugdhulp_jeugdigen_per_type.csv": 0o644,
    }


def test_no_scratch_copy_in_the_temp_folder_and_no_leftovers(data_copy, tmp_path, monkeypatch):
    scratch = tmp_path / "systmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    add_publication(THREE, source=SOURCE, data_dir=data_copy)
    assert list(scratch.iterdir()) == []
    hidden = [p.name for p in data_copy.rglob(".*")]
    assert hidden == [], hidden
    assert sdlib.validate_all(data_copy) == []


def test_an_excel_bom_in_the_input_file_is_accepted(data_copy, tmp_path):
    src = tmp_path / "bom.csv"
    src.write_bytes(b"\xef\xbb\xbf" + NEW.read_bytes())
    add_publication(src, source=SOURCE, data_dir=data_copy)
    assert not (data_copy / "sources.csv").read_bytes().count(b"\xef\xbb\xbf")
    assert sdlib.validate_all(data_copy) == []


def _journal_for(data_copy):
    """Prepare the temporary files and journal of an add of THREE, as a killed add leaves them."""
    reference = data_copy.parent / "reference"
    shutil.copytree(data_copy, reference)
    add_publication(THREE, source=SOURCE, data_dir=reference)
    files = []
    for rel in [
        "sources.csv",
        "series/jeugdhulp_3jaar_aandeel.csv",
        "series/jeugdhulp_jeugdigen.csv",
        "series/jeugdhulp_jeugdigen_per_type.csv",
    ]:
        target = data_copy / rel
        tmp = target.parent / f".{target.name}.999999999.abcdefgh.sdlib-tmp"
        data = (reference / rel).read_bytes()
        tmp.write_bytes(data)
        files.append(
            {"temp": str(tmp.relative_to(data_copy)), "target": rel, "sha256": hashlib.sha256(data).hexdigest()}
        )
    return reference, files


def test_recover_completes_a_journal(data_copy):
    reference, files = _journal_for(data_copy)
    os.replace(data_copy / files[0]["temp"], data_copy / files[0]["target"])  # the first rename happened
    (data_copy / JOURNAL).write_text(json.dumps({"version": 1, "pid": 999999999, "complete": True, "files": files}))
    assert sdlib.validate_all(data_copy) == []  # validate_all recovers first
    assert digest(data_copy) == digest(reference)


def test_a_reader_completes_a_journal_too(data_copy):
    reference, files = _journal_for(data_copy)
    (data_copy / JOURNAL).write_text(json.dumps({"version": 1, "pid": 999999999, "complete": True, "files": files}))
    df = sdlib.load("jeugdhulp_jeugdigen", data_dir=data_copy)
    assert 1902.0 in set(df["value"])  # the 2025 figure of the new publication
    assert digest(data_copy) == digest(reference)


def test_recover_rolls_back_a_corrupt_journal(data_copy):
    before = digest(data_copy)
    _, files = _journal_for(data_copy)
    (data_copy / JOURNAL).write_text(json.dumps({"version": 1, "files": files})[:-20])
    assert recover(data_copy)
    assert digest(data_copy) == before
    assert [p.name for p in data_copy.rglob(".*")] == []


def test_recover_refuses_a_journal_it_cannot_complete(data_copy):
    _, files = _journal_for(data_copy)
    (data_copy / files[1]["temp"]).unlink()
    (data_copy / JOURNAL).write_text(json.dumps({"version": 1, "pid": 999999999, "complete": True, "files": files}))
    with pytest.raises(sdlib.DataValidationError, match="kan de onderbroken 'sdlib data add' niet afronden"):
        recover(data_copy)
    assert (data_copy / JOURNAL).exists()


@pytest.mark.slow  # runs the CLI in a subprocess
def test_cli_dry_run_writes_nothing(data_copy):
    before = digest(data_copy)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sdlib",
            "--data-dir",
            str(data_copy),
            "data",
            "add",
            str(NEW),
            "--source-id",
            NEW_ID,
            "--short-title",
            "Testpublicatie 2025",
            "--year",
            "2026",
            "--dry-run",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    # the revision is shown in Dutch: the old document and value, and the new ones
    assert (
        "- Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024: was 33,1% volgens de Jaarrekening Waterveen "
        "2024, nu 33,4% volgens Testpublicatie 2025." in out.stdout.splitlines()
    )
    assert "Proefrun (--dry-run): er is niets geschreven." in out.stdout
    assert digest(data_copy) == before


@pytest.mark.parametrize(
    "raw, line, message",
    [
        (b"", None, "leeg bestand: verwacht een kopregel en minstens één regel"),
        (
            b"series;year;measure;value\njeugdhulp_jeugdigen;2025;realisatie;4812\n",
            1,
            "de kolommen zijn gescheiden door puntkomma's; sla het bestand op als CSV met komma's "
            "(in Excel: 'CSV UTF-8 (door komma's gescheiden)')",
        ),
        (
            b"series,year,care_type,measure,value,table,reference_date,provisional,note\n"
            b'jeugdhulp_jeugdigen,2025,,realisatie,4812,"Tabel 3,,false,\n',
            2,
            'een aanhalingsteken (") wordt niet gesloten, zodat de rest als één veld telt; sluit het af',
        ),
        (
            b"series,year,care_type,measure,value,table,reference_date,provisional,note\n"
            b"jeugdhulp_jeugdigen,2025,,realisatie,4812,Caf\xe9,,false,\n",
            2,
            "geen UTF-8: byte 0xe9 op positie 119; sla het bestand op als UTF-8",
        ),
    ],
)
def test_a_badly_saved_input_file_is_named_in_dutch_by_its_absolute_path(data_copy, tmp_path, raw, line, message):
    src = tmp_path / "nieuw.csv"  # outside the checkout: named by its absolute path
    src.write_bytes(raw)
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication(src, source=SOURCE, data_dir=data_copy, dry_run=True)
    (p,) = err.value.problems
    assert (p.file, p.row, p.message) == (str(src), line, message)


def test_a_source_without_title_or_year_names_the_options(data_copy):
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication(
            NEW,
            source=SOURCE | {"short_title": None, "publication_year": "2025x"},
            data_dir=data_copy,
            dry_run=True,
        )
    assert [p.message for p in err.value.problems] == [
        "de nieuwe publicatie mist 'short_title' (optie --short-title)",
        "verwacht een heel jaartal zoals 2025 als publicatiejaar (--year); gevonden '2025x'",
    ]
