"""Adding a new publication: a new vintage beside the old one, validated first, shown as differences."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sdlib
from sdlib.update import add_publication

PUB = Path(__file__).resolve().parents[1] / "fixtures" / "publication"
SOURCE = {"id": "js2025", "short_title": "Jaarstukken 2025", "title": "Jaarstukken 2025 (testpublicatie)",
          "publisher": "Gemeente Zoetermeer", "publication_year": 2026}


@pytest.fixture
def data_copy(tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(sdlib.paths.data_dir(), dest)
    return dest


def digest(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_new_vintage_is_added_beside_the_old_one(data_copy):
    diff = add_publication(PUB / "js2025.csv", source=SOURCE, data_dir=data_copy)
    (row,) = diff.itertuples()
    assert (row.series, row.year, row.previous_source, row.previous_value, row.new_value) == (
        "jeugdhulp_3jaar_aandeel", 2024, "js2024", 48.0, 47.6)
    assert round(row.difference, 1) == -0.4
    all_ = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all", data_dir=data_copy)
    real_2024 = all_[(all_["year"] == 2024) & (all_["measure"] == "realisatie")].set_index("source")["value"]
    assert real_2024.to_dict() == {"js2024": 48.0, "js2025": 47.6}  # the old figure stays
    assert sdlib.load("jeugdhulp_3jaar_aandeel", data_dir=data_copy).query("year == 2024 and measure == 'realisatie'")["value"].item() == 47.6
    assert sdlib.validate_all(data_copy) == []


def test_mistakes_are_reported_against_the_input_file_and_nothing_is_written(data_copy):
    before = digest(data_copy)
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication(PUB / "js2025_with_mistakes.csv", source=SOURCE, data_dir=data_copy)
    messages = [str(p) for p in err.value.problems]
    assert any("js2025_with_mistakes.csv, line 3, column 'series': unknown series 'jeugdhulp_3jaar_aandel'; did you mean jeugdhulp_3jaar_aandeel" in m for m in messages)
    assert digest(data_copy) == before
    shutil.copy(PUB / "js2025_with_mistakes.csv", data_copy.parent / "one_mistake.csv")
    lines = (data_copy.parent / "one_mistake.csv").read_text().splitlines()
    (data_copy.parent / "one_mistake.csv").write_text("\n".join(lines[:2]) + "\n")
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication(data_copy.parent / "one_mistake.csv", source=SOURCE, data_dir=data_copy)
    (problem,) = err.value.problems
    assert (problem.file.endswith("one_mistake.csv"), problem.row, problem.column) == (True, 2, "value")
    assert "decimal comma" in problem.message
    assert digest(data_copy) == before


def test_the_same_publication_cannot_be_added_twice(data_copy):
    add_publication(PUB / "js2025.csv", source=SOURCE, data_dir=data_copy)
    with pytest.raises(sdlib.DataValidationError, match="already in data/sources.csv"):
        add_publication(PUB / "js2025.csv", source=SOURCE, data_dir=data_copy)
    # the same rows again under the now known source id: the duplicate key within one source is refused
    lines = (PUB / "js2025.csv").read_text().splitlines()
    again = data_copy.parent / "again.csv"
    again.write_text(lines[0] + ",source\n" + "".join(f"{line},js2025\n" for line in lines[1:]))
    with pytest.raises(sdlib.DataValidationError, match="again.csv, line 2.*duplicate key"):
        add_publication(again, data_dir=data_copy)


def test_cli_dry_run_writes_nothing(data_copy):
    before = digest(data_copy)
    out = subprocess.run([sys.executable, "-m", "sdlib", "--data-dir", str(data_copy), "data", "add", str(PUB / "js2025.csv"),
                          "--source-id", "js2025", "--short-title", "Jaarstukken 2025", "--year", "2026", "--dry-run"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "js2024" in out.stdout and "47.6" in out.stdout and "Dry run: nothing written." in out.stdout
    assert digest(data_copy) == before
