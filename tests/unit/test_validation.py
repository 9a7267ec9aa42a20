"""Bad inputs: each fixture in tests/fixtures/bad/ gives its own clear message naming file, line and column."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sdlib
from sdlib.data.validate import validate_all

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad"


def break_with(data_dir: Path, fixture: str, series: str):
    shutil.copy(BAD / fixture, data_dir / "series" / f"{series}.csv")
    return validate_all(data_dir)


def test_mini_data_is_valid(mini_data):
    assert validate_all(mini_data) == []


@pytest.mark.parametrize(
    "fixture, series, line, column, words",
    [
        (
            "missing_column.csv",
            "demo_pct",
            1,
            "source",
            "kolom ontbreekt; verwacht de kolommen year, measure, value, source",
        ),
        (
            "misspelled_measure.csv",
            "demo_pct",
            2,
            "measure",
            "verwacht een van: realisatie, begroting, prognose; gevonden 'realisaite'",
        ),
        (
            "dutch_thousands.csv",
            "demo_count",
            2,
            "value",
            "punt als scheiding van duizendtallen: schrijf 4747, niet 4.747; gevonden '4.747'",
        ),
        (
            "dutch_decimal.csv",
            "demo_pct",
            2,
            "value",
            "decimale komma: schrijf 45.9, niet 45,9 (de bestanden gebruiken een punt); gevonden '45,9'",
        ),
        ("percentage_145.csv", "demo_pct", 3, "value", "procent mag hoogstens 100 zijn; gevonden 145"),
        ("negative_count.csv", "demo_count", 2, "value", "aantal moet minstens 0 zijn; gevonden -12"),
        (
            "duplicate_key.csv",
            "demo_pct",
            4,
            None,
            "dubbele sleutel year, measure, source binnen één bron; zelfde als regel 2",
        ),
        (
            "unknown_source.csv",
            "demo_pct",
            2,
            "source",
            "onbekende bron; verwacht een id uit data/sources.csv: doc_a, doc_b; gevonden 'jaarverslag_2099'",
        ),
        ("empty.csv", "demo_pct", None, None, "leeg bestand: verwacht een kopregel en minstens één regel"),
        ("not_utf8.csv", "demo_pct", 2, None, "geen UTF-8: byte 0xe9 op positie 99; sla het bestand op als UTF-8"),
        ("year_not_integer.csv", "demo_pct", 3, "year", "verwacht een heel jaartal zoals 2024; gevonden '2023.5'"),
        (
            "unknown_care_type.csv",
            "demo_count",
            3,
            "care_type",
            (
                "verwacht een van: jeugdhulp zonder verblijf, jeugdhulp met verblijf, jeugdbescherming, jeugdreclassering; "
                "gevonden 'pleegzorg'"
            ),
        ),
        (
            "unquoted_comma.csv",
            "demo_pct",
            2,
            None,
            "heeft 9 velden waar de kopregel er 8 heeft; zet tekst met een komma tussen aanhalingstekens",
        ),
        ("bad_date.csv", "demo_pct", 2, "reference_date", "verwacht een datum als 2024-12-31 (JJJJ-MM-DD) of niets"),
        ("fraction_count.csv", "demo_count", 2, "value", "een aantal moet een geheel getal zijn; gevonden 25.6"),
        ("year_1899.csv", "demo_pct", 3, "year", "jaar buiten het bereik 1990-"),
        ("bom.csv", "demo_pct", 1, None, "het bestand begint met een BOM (UTF-8 met handtekening)"),
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
    assert p.file == "data/series/demo_pct.csv" and p.row is None
    assert p.message.startswith("bestand niet gevonden; elke reeks in data/catalog.yml heeft een databestand nodig")


def test_data_file_without_catalog_entry(mini_data):
    shutil.copy(mini_data / "series" / "demo_pct.csv", mini_data / "series" / "demo_orphan.csv")
    (p,) = validate_all(mini_data)
    assert p.file == "data/series/demo_orphan.csv" and "dit reeksbestand staat niet in data/catalog.yml" in p.message


def test_unknown_series_id_lists_closest_ids():
    with pytest.raises(sdlib.UnknownSeriesError) as err:
        sdlib.load("jeugdhulp_instroon")
    assert "jeugdhulp_instroom" in str(err.value)


def test_wrong_parameter_types_are_named():
    with pytest.raises(TypeError, match="series_id must be a string"):
        sdlib.load(2017)
    # the sources of the Waterveen fixture, in the order of its sources.csv
    with pytest.raises(ValueError) as err:
        sdlib.load("jeugdhulp_instroom", vintage="2023")
    assert str(err.value) == (
        "vintage moet 'latest', 'all' of een bron-id zijn "
        "(wv_jaarstukken_2023, wv_jaarstukken_2024, wv_cbs_landelijk); niet '2023'"
    )


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


@pytest.mark.slow  # runs the CLI in subprocesses
def test_cli_exit_codes(mini_data):
    ok = subprocess.run(
        [sys.executable, "-m", "sdlib", "--data-dir", str(mini_data), "validate"], capture_output=True, text=True
    )
    assert ok.returncode == 0 and "Controle geslaagd: 2 reeksen" in ok.stdout
    shutil.copy(BAD / "negative_count.csv", mini_data / "series" / "demo_count.csv")
    bad = subprocess.run(
        [sys.executable, "-m", "sdlib", "--data-dir", str(mini_data), "validate"], capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "data/series/demo_count.csv, regel 2, kolom 'value': aantal moet minstens 0 zijn; gevonden -12" in bad.stderr


def test_project_data_is_valid():
    # the live data folder, named explicitly: the unit tests otherwise read the Waterveen fixture
    assert validate_all(ROOT / "data") == []


def test_the_waterveen_fixture_is_valid(fixture_data):
    # the other unit tests read it (tests/unit/conftest.py); a broken fixture would fail them for the wrong reason
    assert validate_all(fixture_data) == []


def test_a_series_id_twice_in_the_catalog_names_both_lines(mini_data):
    cat = mini_data / "catalog.yml"
    text = cat.read_text()
    cat.write_text(
        text + "  demo_pct:\n    title: Nog een keer\n    definition: x\n    unit: percent\n    theme: jeugd\n"
    )
    first = text.splitlines().index("  demo_pct:") + 1
    last = len(text.splitlines()) + 1
    (p,) = validate_all(mini_data)
    assert (p.file, p.row) == ("data/catalog.yml", last)
    assert f"regel {first} en regel {last}" in p.message and "demo_pct" in p.message
    with pytest.raises(sdlib.DataValidationError, match="twee keer"):
        sdlib.load("demo_count", data_dir=mini_data)


def test_a_source_id_twice_names_both_lines_and_load_refuses(mini_data):
    with open(mini_data / "sources.csv", "a") as fh:
        fh.write("doc_a,Document A bis,Testgemeente,2026,,,,\n")
    (p,) = validate_all(mini_data)
    assert (p.file, p.row, p.column) == ("data/sources.csv", 4, "id") and "regel 2 en regel 4" in p.message
    with pytest.raises(sdlib.DataValidationError, match=r"sources.csv, regel 4, kolom 'id'"):
        sdlib.load("demo_pct", data_dir=mini_data)


def test_a_series_file_that_is_a_folder(mini_data):
    (mini_data / "series" / "demo_pct.csv").unlink()
    (mini_data / "series" / "demo_pct.csv").mkdir()
    (p,) = validate_all(mini_data)
    assert p.file == "data/series/demo_pct.csv" and "is een map" in p.message


def test_a_symlink_out_of_the_data_folder_is_refused(mini_data, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    shutil.move(mini_data / "series" / "demo_pct.csv", outside)
    (mini_data / "series" / "demo_pct.csv").symlink_to(outside)
    (p,) = validate_all(mini_data)
    assert p.file == "data/series/demo_pct.csv" and "buiten de datamap" in p.message
    with pytest.raises(sdlib.DataValidationError, match="buiten de datamap"):
        sdlib.load("demo_pct", data_dir=mini_data)


def test_a_symlink_inside_the_data_folder_is_fine(mini_data):
    shutil.move(mini_data / "series" / "demo_pct.csv", mini_data / "demo_pct_real.csv")
    (mini_data / "series" / "demo_pct.csv").symlink_to(mini_data / "demo_pct_real.csv")
    assert validate_all(mini_data) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file with mode 000")
def test_an_unreadable_series_file(mini_data):
    (mini_data / "series" / "demo_pct.csv").chmod(0)
    (p,) = validate_all(mini_data)
    assert p.file == "data/series/demo_pct.csv" and "geen leesrechten" in p.message


def test_an_unreadable_series_file_simulated(mini_data, monkeypatch):
    import os

    real = os.open

    def refusing_open(path, *args, **kwargs):
        if os.path.basename(os.fspath(path)) == "demo_pct.csv":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    (p,) = validate_all(mini_data)
    assert p.file == "data/series/demo_pct.csv" and "geen leesrechten" in p.message


def test_the_list_of_problems_is_capped(mini_data):
    row = "2023,realisatie,45.9,doc_a,Tabel 2,,false,\n"
    (mini_data / "series" / "demo_pct.csv").write_text(
        BAD.joinpath("bom.csv").read_text(encoding="utf-8-sig").splitlines()[0] + "\n" + row * 3001
    )
    problems = validate_all(mini_data)
    assert len(problems) == 51
    assert problems[0].row == 3 and "zelfde als regel 2" in problems[0].message
    assert problems[-1].message == "... en nog 2.950 problemen van dezelfde soort"
    assert sum(p.count if hasattr(p, "count") else 1 for p in problems) == 3000


def test_load_refuses_an_unknown_unit(mini_data):
    cat = mini_data / "catalog.yml"
    cat.write_text(cat.read_text().replace("    unit: percent\n", "    unit: procent\n"))
    line = cat.read_text().splitlines().index("  demo_pct:") + 1
    with pytest.raises(
        sdlib.DataValidationError,
        match=rf"catalog.yml, regel {line}, kolom 'demo_pct': onbekende eenheid 'procent'; "
        "verwacht een van: count, percent",
    ):
        sdlib.load("demo_pct", data_dir=mini_data)


def test_load_refuses_two_sources_of_the_same_year(mini_data):
    with open(mini_data / "sources.csv", "a") as fh:
        fh.write("doc_c,Document C,Testgemeente,2025,,,,\n")
    with open(mini_data / "series" / "demo_pct.csv", "a") as fh:
        fh.write("2023,realisatie,46.7,doc_c,Tabel 2,,false,\n")
    (p,) = validate_all(mini_data)
    assert (p.row, p.column) == (2, "source")
    assert "twee bronnen uit hetzelfde publicatiejaar geven dit cijfer" in p.message
    with pytest.raises(
        sdlib.DataValidationError, match="demo_pct.csv, regel 2, kolom 'source': twee bronnen uit hetzelfde"
    ):
        sdlib.load("demo_pct", data_dir=mini_data)


# --- data/toelichtingen.csv: the printed explanations

# A Programmabegroting 2024 (here doc_a) can explain the figures of an earlier year: 'about' is that year.
GOOD_TOELICHTING = "series,year,about,source,table,text\ndemo_pct,2024,2023,doc_a,Tabel 1,De score is gestegen.\n"


def write_toelichtingen(data_dir: Path, text: str | bytes):
    path = data_dir / "toelichtingen.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return validate_all(data_dir)


def test_a_good_toelichtingen_file_is_valid_and_loads(mini_data):
    from sdlib.data.texts import toelichtingen

    assert write_toelichtingen(mini_data, GOOD_TOELICHTING) == []
    df = toelichtingen("demo_pct", data_dir=mini_data)
    assert df.to_dict("records") == [
        {
            "series": "demo_pct",
            "year": 2024,
            "about": 2023,
            "source": "doc_a",
            "table": "Tabel 1",
            "text": "De score is gestegen.",
            "sic": "",  # a file without the column 'sic' has no slips marked
        }
    ]
    assert toelichtingen("demo_count", data_dir=mini_data).empty
    # 'year' is the year of the publication's comment, 'about' the year of the figures: each filters its own column
    assert len(toelichtingen(year=2024, data_dir=mini_data)) == 1
    assert toelichtingen(year=2023, data_dir=mini_data).empty
    assert len(toelichtingen(about=2023, data_dir=mini_data)) == 1
    assert toelichtingen(about=2024, data_dir=mini_data).empty


ABOUT = "verwacht het jaar van de cijfers waar de toelichting over gaat, zoals 2023"


@pytest.mark.parametrize(
    "row, column, words",
    [
        ("demo_onbekend,2024,2024,doc_a,Tabel 1,Tekst.", "series", "onbekende reeks 'demo_onbekend'"),
        (",2024,2024,doc_a,Tabel 1,Tekst.", "series", "elke toelichting hoort bij een reeks"),
        ("demo_count,2024,2024,doc_z,Tabel 1,Tekst.", "source", "onbekende bron 'doc_z'"),
        ("demo_count,2024,2024,doc_a,Tabel 1,", "text", "lege toelichting"),
        ("demo_count,2024,2024,doc_a,,Tekst.", "table", "leeg; verwacht de tabel"),
        ("demo_count,2024.0,2024,doc_a,Tabel 1,Tekst.", "year", "verwacht een heel jaartal zoals 2024"),
        ("demo_count,1899,2024,doc_a,Tabel 1,Tekst.", "year", "jaar buiten het bereik 1990-"),
        ("demo_count,2024,2024,doc_a,Tabel 1,Tekst. ", "text", "spaties aan het begin of eind"),
        ('demo_count,2024,2024,doc_a,Tabel 1,"Eerste regel\ntweede regel."', "text", "regelovergang"),
        ("demo_count,2024,2024,doc_a,Tabel  1,Tekst.", "table", "twee spaties achter elkaar"),
        # 'about' must be a whole year too: the year of the figures the text explains
        ("demo_count,2024,,doc_a,Tabel 1,Tekst.", "about", f"{ABOUT}; gevonden ''"),
        ("demo_count,2024,2023.0,doc_a,Tabel 1,Tekst.", "about", f"{ABOUT}; gevonden '2023.0'"),
        ("demo_count,2024,1899,doc_a,Tabel 1,Tekst.", "about", f"{ABOUT}; gevonden '1899'"),
        ("demo_count,2024,vorig jaar,doc_a,Tabel 1,Tekst.", "about", f"{ABOUT}; gevonden 'vorig jaar'"),
    ],
)
def test_a_bad_toelichting_is_named_by_file_line_and_column(mini_data, row, column, words):
    problems = write_toelichtingen(mini_data, GOOD_TOELICHTING + row + "\n")
    assert len(problems) == 1, problems
    (p,) = problems
    assert (p.file, p.row, p.column) == ("data/toelichtingen.csv", 3, column)
    assert words in p.message
    assert "data/toelichtingen.csv, regel 3" in str(p)


def test_a_toelichting_twice_names_the_first_line(mini_data):
    (p,) = write_toelichtingen(
        mini_data, GOOD_TOELICHTING + "demo_count,2024,2024,doc_a,T,X.\ndemo_pct,2024,2023,doc_a,Tabel 2,Nog eens.\n"
    )
    assert (p.row, p.column) == (4, None)
    assert "dubbele sleutel series, year, source (demo_pct, 2024, doc_a); zelfde als regel 2" in p.message


@pytest.mark.parametrize(
    "raw, line, words",
    [
        (b"\xef\xbb\xbf" + GOOD_TOELICHTING.encode(), 1, "BOM"),
        (GOOD_TOELICHTING.encode() + b"demo_pct,2023,2023,doc_a,T,caf\xe9\n", 3, "geen UTF-8"),
        (  # a file written before the column 'about' existed
            b"series,year,source,table,text\n",
            1,
            "kopregel moet precies 'series,year,about,source,table,text' zijn, eventueel gevolgd door sic (ontbreekt: "
            "about)",
        ),
        (GOOD_TOELICHTING.encode() + b"demo_pct,2023,2023,doc_a,T,een, twee\n", 3, "heeft 7 velden"),
    ],
)
def test_a_broken_toelichtingen_file_is_named(mini_data, raw, line, words):
    (p,) = write_toelichtingen(mini_data, raw)
    assert (p.file, p.row) == ("data/toelichtingen.csv", line) and words in p.message


def test_the_loader_refuses_a_bad_file_and_an_unknown_series(mini_data):
    from sdlib.data.texts import toelichtingen

    write_toelichtingen(mini_data, GOOD_TOELICHTING + "demo_pct,2024,2024,doc_a,T,Dubbel.\n")
    with pytest.raises(sdlib.DataValidationError, match=r"toelichtingen.csv, regel 3: dubbele sleutel"):
        toelichtingen(data_dir=mini_data)
    with pytest.raises(sdlib.UnknownSeriesError, match="demo_pct"):
        toelichtingen("demo_pcts", data_dir=mini_data)


# --- data/passages.csv: the municipality's own words beside the figures

PASSAGE_HEADER = "topic,kind,year,source,section,text,sic\n"


@pytest.fixture
def waterveen_copy(tmp_path, fixture_data) -> Path:
    """A copy of the Waterveen data folder (it has topics and a passages.csv) to break on purpose."""
    dest = tmp_path / "waterveen"
    shutil.copytree(fixture_data, dest)
    return dest


def write_passages(data_dir: Path, *rows: str):
    (data_dir / "passages.csv").write_text(PASSAGE_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return validate_all(data_dir)


def test_a_good_passage_with_a_sic_word_is_valid_and_loads(waterveen_copy):
    from sdlib.data.texts import passages

    # the misspelling as printed, with the right spelling in brackets
    row = "wmo,uitleg,2024,wv_jaarstukken_2024,Wmo,Alle meldingen binnen de wettelijk termijn.,wettelijk (wettelijke)"
    assert write_passages(waterveen_copy, row) == []
    (got,) = passages("wmo", data_dir=waterveen_copy).to_dict("records")
    assert got == {
        "topic": "wmo",
        "kind": "uitleg",
        "year": 2024,
        "source": "wv_jaarstukken_2024",
        "section": "Wmo",
        "text": "Alle meldingen binnen de wettelijk termijn.",
        "sic": "wettelijk (wettelijke)",
    }
    assert passages("stromen", data_dir=waterveen_copy).empty


@pytest.mark.parametrize(
    "row, column, words",
    [
        (
            "nergens,uitleg,2024,wv_jaarstukken_2024,Jeugd,Tekst.,",
            "topic",
            "onbekend onderwerp 'nergens'; verwacht een id onder 'topics:' in data/catalog.yml: stromen, leeftijd,",
        ),
        (
            "stromen,mening,2024,wv_jaarstukken_2024,Jeugd,Tekst.,",
            "kind",
            "verwacht een van: uitleg, aanpak, conclusie, vergelijking; gevonden 'mening'",
        ),
        (
            "stromen,uitleg,2024,wv_jaarstukken_2024,Jeugd,De instroom daalt.,daald (daalt)",
            "sic",
            "'daald' staat niet in de tekst",
        ),
        ("stromen,uitleg,2024,doc_z,Jeugd,Tekst.,", "source", "onbekende bron 'doc_z'"),
        ("stromen,uitleg,24,wv_jaarstukken_2024,Jeugd,Tekst.,", "year", "verwacht een heel jaartal van 1990"),
        ("stromen,uitleg,2024,wv_jaarstukken_2024,,Tekst.,", "section", "leeg; verwacht de tekst zoals gedrukt"),
    ],
)
def test_a_bad_passage_is_named_by_file_line_and_column(waterveen_copy, row, column, words):
    from sdlib.data.texts import passages

    good = "stromen,uitleg,2024,wv_jaarstukken_2024,Jeugd,De instroom daalt.,"
    problems = write_passages(waterveen_copy, good, row)
    assert len(problems) == 1, problems
    (p,) = problems
    assert (p.file, p.row, p.column) == ("data/passages.csv", 3, column)
    assert words in p.message
    with pytest.raises(sdlib.DataValidationError, match=r"passages.csv, regel 3"):
        passages(data_dir=waterveen_copy)


def test_a_sic_word_must_occur_as_a_word(waterveen_copy):
    # someone corrected the printed misspelling in the text but left the 'sic' note: the note is now false
    row = "wmo,uitleg,2024,wv_jaarstukken_2024,Wmo,Alle meldingen binnen de wettelijke termijn.,wettelijk (wettelijke)"
    (p,) = write_passages(waterveen_copy, row)
    assert (p.row, p.column) == (2, "sic") and "'wettelijk' staat niet in de tekst" in p.message


# --- catalog fields decimals and breaks; sources without a seed file


def edit_entry(data_dir: Path, old: str, new: str):
    """Replace ``old`` by ``new`` in the first series entry that has it (demo_pct for 'direction: higher')."""
    cat = data_dir / "catalog.yml"
    text = cat.read_text()
    assert old in text
    cat.write_text(text.replace(old, new, 1))
    return validate_all(data_dir)


def add_to_entry(data_dir: Path, lines: str):
    return edit_entry(data_dir, "    direction: higher\n", "    direction: higher\n" + lines)


def demo_pct_line(data_dir: Path) -> int:
    return (data_dir / "catalog.yml").read_text().splitlines().index("  demo_pct:") + 1


@pytest.mark.parametrize("value", ["4", "-1", "true", "1.5", "een"])
def test_decimals_must_be_a_whole_number_from_0_to_3(mini_data, value):
    problems = add_to_entry(mini_data, f"    decimals: {value}\n")
    line = demo_pct_line(mini_data)
    assert problems and all((p.file, p.row, p.column) == ("data/catalog.yml", line, "demo_pct") for p in problems)
    assert any("'decimals' moet een heel getal van 0 tot en met 3" in p.message for p in problems), problems


def test_decimals_and_a_break_are_read(mini_data):
    from sdlib.data.catalog import decimals, entry, series_breaks

    assert add_to_entry(mini_data, "    decimals: 1\n    breaks: [{year: 2021, note: Nieuwe tabel.}]\n") == []
    assert sdlib.series_meta("demo_pct", data_dir=mini_data)["decimals"] == 1
    assert decimals("demo_pct", data_dir=mini_data) == 1
    assert entry("demo_pct", data_dir=mini_data).breaks[0].year == 2021
    assert series_breaks("demo_pct", data_dir=mini_data) == [{"year": 2021, "note": "Nieuwe tabel."}]
    assert series_breaks("demo_count", data_dir=mini_data) == []


@pytest.mark.parametrize(
    "breaks, words",
    [
        ("{year: 2021}", "'breaks' moet een lijst zijn"),
        ("[{year: 2021}]", "moet precies een heel jaartal 'year' en een niet-lege tekst 'note' hebben"),
        ("[{year: '2021', note: x}]", "moet precies een heel jaartal"),
        ("[{year: 1800, note: x}]", "trendbreuk in 1800: jaar buiten het bereik"),
        ("[{year: 2021, note: x}, {year: 2021, note: y}]", "trendbreuk in 2021 staat twee keer"),
    ],
)
def test_a_bad_break_is_named(mini_data, breaks, words):
    problems = add_to_entry(mini_data, f"    breaks: {breaks}\n")
    line = demo_pct_line(mini_data)
    assert problems and all((p.file, p.row, p.column) == ("data/catalog.yml", line, "demo_pct") for p in problems)
    assert any(words in p.message for p in problems), problems


@pytest.mark.parametrize("lines", ["    decimals: 4\n", "    breaks: {year: 2021}\n"])
def test_one_mistake_in_the_catalog_is_reported_once(mini_data, lines):
    problems = add_to_entry(mini_data, lines)
    assert len(problems) == 1, problems


# --- the typed catalog (sdlib.data.model): unknown fields refused, tolerance with on_target


def test_an_unknown_field_of_a_series_is_refused_naming_file_line_and_series(mini_data):
    from sdlib.data.catalog import entry

    # 'decimal' for 'decimals': without the check the series would silently print with the unit's decimals
    (p,) = add_to_entry(mini_data, "    decimal: 1\n")
    line = demo_pct_line(mini_data)
    assert (p.file, p.row, p.column) == ("data/catalog.yml", line, "demo_pct")
    assert "onbekend veld 'decimal'" in p.message
    assert str(p).startswith(f"data/catalog.yml, regel {line}, kolom 'demo_pct': ")
    with pytest.raises(sdlib.DataValidationError, match=rf"catalog.yml, regel {line}, kolom 'demo_pct'.*'decimal'"):
        entry("demo_count", data_dir=mini_data)  # the catalog as a whole is refused, not only the broken entry


def test_load_refuses_an_unknown_field_as_validate_does(mini_data):
    add_to_entry(mini_data, "    decimal: 1\n")
    with pytest.raises(sdlib.DataValidationError, match="onbekend veld 'decimal'"):
        sdlib.load("demo_pct", data_dir=mini_data)


def test_on_target_needs_a_tolerance(mini_data):
    from sdlib.data.catalog import entry

    line = demo_pct_line(mini_data)
    (p,) = edit_entry(mini_data, "    direction: higher\n", "    direction: on_target\n")
    assert (p.file, p.row, p.column) == ("data/catalog.yml", line, "demo_pct")
    assert "richting 'on_target' heeft 'tolerance_pct' nodig" in p.message
    assert edit_entry(mini_data, "    direction: on_target\n", "    direction: on_target\n    tolerance_pct: 5\n") == []
    assert entry("demo_pct", data_dir=mini_data).tolerance_pct == 5


def test_a_tolerance_belongs_to_on_target_only(mini_data):
    (p,) = add_to_entry(mini_data, "    tolerance_pct: 5\n")
    assert (p.row, p.column) == (demo_pct_line(mini_data), "demo_pct")
    assert "'tolerance_pct' hoort alleen bij richting 'on_target'" in p.message


def test_an_unknown_topic_names_the_line_and_the_series(mini_data):
    (p,) = add_to_entry(mini_data, "    topic: nergens\n")
    assert (p.row, p.column) == (demo_pct_line(mini_data), "demo_pct")
    assert "'nergens'" in p.message


def test_a_source_without_seed_file_must_be_marked_outside(mini_data):
    src = mini_data / "sources.csv"
    src.write_text(
        "id,title,publisher,publication_year,publication_date,url,seed_file,outside,note\n"
        "doc_a,Document A,Testgemeente,2024,,,a.txt,false,\n"
        "doc_b,Document B,CBS,2025,,,,true,\n"
    )
    assert validate_all(mini_data) == []
    for row, column, words in [
        ("doc_b,Document B,CBS,2025,,,,false,", "seed_file", "outside = true"),
        ("doc_b,Document B,CBS,2025,,,b.txt,true,", "seed_file", "heeft geen tekstbestand"),
        ("doc_b,Document B,CBS,2025,,,b.txt,ja,", "outside", "verwacht true of false"),
    ]:
        lines = src.read_text().splitlines()
        src.write_text("\n".join(lines[:2] + [row]) + "\n")
        (p,) = validate_all(mini_data)
        assert (p.file, p.row, p.column) == ("data/sources.csv", 3, column) and words in p.message, p


PCT_HEADER = "year,measure,value,source,table,reference_date,provisional,note\n"


@pytest.mark.parametrize(
    "text, line, message",
    [
        (
            "year;measure;value;source\n2023;realisatie;45.9;doc_a\n",
            1,
            "de kolommen zijn gescheiden door puntkomma's; sla het bestand op als CSV met komma's "
            "(in Excel: 'CSV UTF-8 (door komma's gescheiden)')",
        ),
        (
            "\n" + PCT_HEADER + "2023,realisatie,45.9,doc_a,Tabel 2,,false,\n",
            1,
            "de eerste regel is leeg; verwacht daar de kopregel met de kolomnamen",
        ),
        (
            PCT_HEADER + '2023,realisatie,45.9,doc_a,"Tabel 2,,false,\n',
            2,
            'een aanhalingsteken (") wordt niet gesloten, zodat de rest als één veld telt; sluit het af',
        ),
        (
            PCT_HEADER + "2023,realisatie,45.9,doc_a,Tabel 2\n",
            2,
            "heeft 5 velden waar de kopregel er 8 heeft; voeg komma's toe voor de lege velden",
        ),
        (
            PCT_HEADER + '2023,realisatie,45.9,doc_a,"' + "x" * 140_000 + "\n",
            2,
            'kan deze regel niet lezen als CSV; wordt er een aanhalingsteken (") niet gesloten?',
        ),
    ],
)
def test_a_file_saved_the_wrong_way_is_named_in_dutch(mini_data, text, line, message):
    (mini_data / "series" / "demo_pct.csv").write_text(text, encoding="utf-8")
    (p,) = validate_all(mini_data)
    assert (p.file, p.row, p.column, p.message) == ("data/series/demo_pct.csv", line, None, message)


def test_an_empty_table_cell_is_called_empty(mini_data):
    (mini_data / "series" / "demo_pct.csv").write_text(
        PCT_HEADER + "2023,realisatie,45.9,doc_a,,,false,\n,realisatie,46.1,doc_b,Tabel 2,,false,\n"
    )
    assert [str(p) for p in validate_all(mini_data)] == [
        "data/series/demo_pct.csv, regel 2, kolom 'table': leeg; verwacht de tabel of paragraaf zoals gedrukt",
        "data/series/demo_pct.csv, regel 3, kolom 'year': verwacht een heel jaartal zoals 2024; de cel is leeg",
    ]


def test_a_slip_in_a_toelichting_is_marked_sic_and_a_wrong_sic_word_is_named(mini_data):
    # the column 'sic' names the document's own misspelling (as passages.csv does); the report prints ' [sic]'
    from sdlib.data.texts import toelichtingen, with_sic

    good = "series,year,about,source,table,text,sic\ndemo_pct,2024,2023,doc_a,Tabel 1,Uit het onderzoek blijk dat.,blijk (blijkt)\n"
    assert write_toelichtingen(mini_data, good) == []
    (row,) = toelichtingen("demo_pct", data_dir=mini_data).itertuples()
    assert row.sic == "blijk (blijkt)"
    assert with_sic(row.text, row.sic) == "Uit het onderzoek blijk [sic] dat."
    wrong = good.replace("blijk (blijkt)", "blijkk (blijkt)")
    (p,) = write_toelichtingen(mini_data, wrong)
    assert (p.row, p.column) == (2, "sic") and "'blijkk' staat niet in de tekst" in p.message
