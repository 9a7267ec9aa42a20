"""A whole publication in one add: figures, Toelichtingen, 'Doel gehaald' verdicts and passages (issue 21).

The data folder is a copy of the Waterveen fixture (tests/fixtures/waterveen/make_data.py): jeugdhulp_3jaar_aandeel
has realisatie 33.1 in 2024 (wv_jaarstukken_2024, published 2025) and a verdict for 2024 only; it is an indicator
(lower is better) of topic drie_jaar. The new publication is the invented test_pub_2025 (published 2026):
tests/fixtures/publication/test_pub_2025*.csv give 2024 revised to 33.4, 2025 realisatie 32.8 and begroting 31.0,
one Toelichting, the verdict 'Doel gehaald: Nee' for 2025 and one passage.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import sdlib
from sdlib.data.catalog import model
from sdlib.data.extras import catalog_with_verdicts
from sdlib.data.texts import passages, toelichtingen
from sdlib.data.update import add_publication_files

PUB = Path(__file__).resolve().parents[1] / "fixtures" / "publication"
FIGURES = PUB / "test_pub_2025.csv"
TEXTS = PUB / "test_pub_2025_toelichtingen.csv"
VERDICTS = PUB / "test_pub_2025_oordelen.csv"
PASSAGES = PUB / "test_pub_2025_passages.csv"
NEW_ID = "test_pub_2025"
SOURCE = {
    "id": NEW_ID,
    "short_title": "Testpublicatie 2025",
    "title": "Testpublicatie 2025 (verzonnen)",
    "publisher": "Gemeente Waterveen",
    "publication_year": 2026,
}
ALL = {"toelichtingen": TEXTS, "verdicts": VERDICTS, "passages": PASSAGES}


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


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_whole_publication_is_added_in_one_go(data_copy):
    result = add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, **ALL)
    assert not result.unchanged and not result.dry_run
    assert result.figures == {"jeugdhulp_3jaar_aandeel": 3}
    assert result.files == [
        "data/sources.csv",
        "data/series/jeugdhulp_3jaar_aandeel.csv",
        "data/toelichtingen.csv",
        "data/catalog.yml",
        "data/passages.csv",
    ]
    # the verdict is in the catalog, with the new publication as its source, after the one of 2024
    verdicts = model(data_copy).series["jeugdhulp_3jaar_aandeel"].verdicts
    assert [(v.year, v.achieved, v.source, v.table) for v in verdicts] == [
        (2024, False, "wv_jaarstukken_2024", None),
        (2025, False, NEW_ID, "Langdurige jeugdhulp"),
    ]
    text = toelichtingen("jeugdhulp_3jaar_aandeel", source=NEW_ID, data_dir=data_copy)
    assert text[["year", "about", "table"]].values.tolist() == [[2025, 2025, "Langdurige jeugdhulp"]]
    assert text["text"].iloc[0] == "Het aandeel daalde weer licht door kortere trajecten (verzonnen testtekst)."
    said = passages("drie_jaar", source=NEW_ID, data_dir=data_copy)
    assert said[["kind", "year", "section"]].values.tolist() == [["conclusie", 2025, "Jeugd"]]
    assert sdlib.validate_all(data_copy) == []


def test_the_catalog_changes_by_the_verdict_line_only(data_copy):
    before = (data_copy / "catalog.yml").read_text(encoding="utf-8").splitlines()
    add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, verdicts=VERDICTS)
    after = (data_copy / "catalog.yml").read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    assert added == ["      - {year: 2025, achieved: false, source: test_pub_2025, table: Langdurige jeugdhulp}"]
    assert [line for line in before if line not in after] == []
    # right under the verdict of 2024 of the same series
    assert after[after.index(added[0]) - 1] == "      - {year: 2024, achieved: false, source: wv_jaarstukken_2024}"


def test_a_dry_run_checks_everything_and_writes_nothing(data_copy):
    before = digest(data_copy)
    result = add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, dry_run=True, **ALL)
    assert result.dry_run and len(result.files) == 5 and len(result.verdicts) == 1
    assert digest(data_copy) == before


def test_the_same_publication_again_changes_nothing_and_missing_texts_can_follow(data_copy):
    add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, verdicts=VERDICTS)
    once = digest(data_copy)
    again = add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, verdicts=VERDICTS)
    assert again.unchanged and digest(data_copy) == once
    # the Toelichtingen forgotten the first time: the same command with --toelichtingen adds only them
    later = add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, verdicts=VERDICTS, toelichtingen=TEXTS)
    assert later.files == ["data/toelichtingen.csv"] and later.figures == {} and later.verdicts == []


@pytest.mark.parametrize(
    "kind, text, where, message",
    [
        (
            "verdicts",
            "series,year,achieved\njeugdhulp_3jaar_aandeel,2025,Misschien\n",
            (2, "achieved"),
            "verwacht Ja of Nee (zoals achter 'Doel gehaald' in het document); gevonden 'Misschien'",
        ),
        (
            "verdicts",
            "series,year,achieved\njeugdhulp_3jaar_aantal,2025,Ja\n",
            (2, "series"),
            "'jeugdhulp_3jaar_aantal' is geen indicator van het programma (indicator: true in data/catalog.yml); "
            "een oordeel 'Doel gehaald' hoort alleen bij een indicator",
        ),
        (
            "verdicts",
            "series,year,achieved\njeugdhulp_3jaar_aandeel,2024,Ja\n",
            (2, None),
            "jeugdhulp_3jaar_aandeel heeft al een oordeel over 2024 in data/catalog.yml (Doel gehaald: Nee, bron "
            "wv_jaarstukken_2024); een jaar heeft één gepubliceerd oordeel: laat deze regel weg, of pas het oordeel "
            "in de catalogus met de hand aan",
        ),
        (
            "toelichtingen",
            "series,year,about,table,text\njeugdhulp_3jaar_aandel,2025,2025,Langdurige jeugdhulp,Tekst.\n",
            (2, "series"),
            "onbekende reeks 'jeugdhulp_3jaar_aandel' (bedoelt u 'jeugdhulp_3jaar_aandeel' of "
            "'jeugdhulp_3jaar_aantal'?); verwacht een id uit data/catalog.yml",
        ),
        (
            "toelichtingen",
            "series,year,table,text\njeugdhulp_3jaar_aandeel,2025,Langdurige jeugdhulp,Tekst.\n",
            (1, "about"),
            "kolom ontbreekt; een bestand met toelichtingen heeft de kolommen series, year, about, table, text, "
            "eventueel source, eventueel sic",
        ),
        (
            "passages",
            "topic,kind,year,section,text\ndrie_jaren,aanpak,2025,Jeugd,Tekst.\n",
            (2, "topic"),
            "onbekend onderwerp 'drie_jaren'; verwacht een id onder 'topics:' in data/catalog.yml: stromen, "
            "leeftijd, drie_jaar, jeugdigen, landelijk, kosten, kosten_type, indicatoren, wmo, wmo_budget, "
            "mantelzorg, gezondheid, financien, bijstand",
        ),
        (
            "toelichtingen",
            "series,year,achieved\njeugdhulp_3jaar_aandeel,2025,Ja\n",
            (1, None),
            "dit lijkt een bestand met oordelen (kolom achieved): geef het met --oordelen; hier horen toelichtingen",
        ),
    ],
)
def test_a_mistake_in_any_file_names_file_line_and_column_and_nothing_is_written(
    data_copy, tmp_path, kind, text, where, message
):
    before = digest(data_copy)
    bad = write(tmp_path / f"{kind}.csv", text)
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, **{kind: bad})
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column) == (str(bad), *where)
    assert problem.message == message
    assert digest(data_copy) == before


def test_mistakes_in_two_files_are_reported_together(data_copy, tmp_path):
    figures = write(tmp_path / "cijfers.csv", FIGURES.read_text().replace("32.8", '"32,8"'))
    verdicts = write(tmp_path / "oordelen.csv", "series,year,achieved\njeugdhulp_3jaar_aandeel,2025,ja\n")
    texts = write(
        tmp_path / "toelichtingen.csv",
        "series,year,about,table,text\njeugdhulp_3jaar_aandeel,2025,2025,Tabel,Tekst  met twee spaties.\n",
    )
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication_files(figures, source=SOURCE, data_dir=data_copy, verdicts=verdicts, toelichtingen=texts)
    where = sorted((Path(p.file).name, p.row, p.column) for p in err.value.problems)
    # 'ja' is a valid verdict; the decimal comma and the double space are not
    assert where == [("cijfers.csv", 3, "value"), ("toelichtingen.csv", 2, "text")]
    # a figures file that cannot be read at all does not hide the mistakes of the others
    write(figures, FIGURES.read_text().replace("32.8", "32,8"))
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication_files(figures, source=SOURCE, data_dir=data_copy, verdicts=verdicts, toelichtingen=texts)
    where = sorted((Path(p.file).name, p.row, p.column) for p in err.value.problems)
    assert where == [("cijfers.csv", 3, None), ("toelichtingen.csv", 2, "text")]


def test_a_figures_file_given_as_toelichtingen_is_named_as_such(data_copy):
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, toelichtingen=FIGURES)
    assert [p.message for p in err.value.problems] == [
        "dit lijkt een bestand met cijfers (kolommen measure en value): geef het als BESTAND; hier horen toelichtingen"
    ]


def test_a_missing_optional_file_is_named(data_copy, tmp_path):
    with pytest.raises(sdlib.DataValidationError) as err:
        add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, verdicts=tmp_path / "oordelen.csv")
    (problem,) = err.value.problems
    assert (problem.file, problem.message) == (str(tmp_path / "oordelen.csv"), "bestand niet gevonden")


def test_derive_gets_the_new_data_and_its_files_are_written_with_the_rest(data_copy):
    seen = {}

    def derive(old_dir, new_dir, result):
        seen["old"] = sdlib.load("jeugdhulp_3jaar_aandeel", data_dir=old_dir)["year"].max()
        seen["new"] = sdlib.load("jeugdhulp_3jaar_aandeel", data_dir=new_dir)["year"].max()
        seen["files"] = list(result.files)
        return {"AFGELEID.md": b"2025\n"}, "klaar"

    result = add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, derive=derive)
    assert (seen["old"], seen["new"]) == (2024, 2025)
    assert seen["files"] == ["data/sources.csv", "data/series/jeugdhulp_3jaar_aandeel.csv"]
    assert result.derived == "klaar" and result.files[-1] == "data/AFGELEID.md"
    assert (data_copy / "AFGELEID.md").read_bytes() == b"2025\n"
    assert list(data_copy.parent.glob("sdlib-voorbeeld-*")) == []


def test_derive_may_not_write_outside_the_data_folder(data_copy):
    before = digest(data_copy)
    with pytest.raises(ValueError, match="inside the data folder"):
        add_publication_files(FIGURES, source=SOURCE, data_dir=data_copy, derive=lambda *a: ({"../x.md": b""}, None))
    assert digest(data_copy) == before


# --- the catalog edit -----------------------------------------------------------------------------------------------

CATALOG = """\
# a comment that stays
series:
  a:
    title: A  # inline comment
    verdicts:
      - {year: 2023, achieved: true, source: s1}
  b:
    title: B
    verdicts: []
  c:
    title: C
    breaks:
      - {year: 2021, note: x}

  d:
    title: D
terms: {}
"""


def test_verdicts_are_appended_to_block_and_flow_lists_and_added_where_missing():
    new = {"year": 2025, "achieved": False, "source": "s2"}
    out = catalog_with_verdicts(CATALOG, {"a": [new], "b": [new], "c": [new | {"table": "Tabel 3: x"}]})
    assert out.splitlines()[:6] == [
        "# a comment that stays",
        "series:",
        "  a:",
        "    title: A  # inline comment",
        "    verdicts:",
        "      - {year: 2023, achieved: true, source: s1}",
    ]
    assert "      - {year: 2025, achieved: false, source: s2}\n  b:" in out
    assert "    verdicts: [{year: 2025, achieved: false, source: s2}]" in out
    assert (
        "      - {year: 2021, note: x}\n    verdicts:\n      - {year: 2025, achieved: false, source: s2, table: 'Tabel 3: x'}\n\n  d:"
        in out
    )
    parsed = yaml.safe_load(out)
    assert parsed["series"]["c"]["verdicts"] == [
        {"year": 2025, "achieved": False, "source": "s2", "table": "Tabel 3: x"}
    ]
    assert parsed["series"]["d"] == {"title": "D"}


def test_crlf_line_ends_are_kept():
    out = catalog_with_verdicts(
        CATALOG.replace("\n", "\r\n"), {"a": [{"year": 2025, "achieved": True, "source": "s2"}]}
    )
    assert "\r\n      - {year: 2025, achieved: true, source: s2}\r\n" in out
    assert "\n" not in out.replace("\r\n", "")


def test_an_entry_that_is_not_a_mapping_is_refused():
    with pytest.raises(ValueError, match="kan de oordelen niet veilig in data/catalog.yml zetten"):
        catalog_with_verdicts("series:\n  a: x\n", {"a": [{"year": 2025, "achieved": True, "source": "s"}]})


# --- the command line: the summary -----------------------------------------------------------------------------------


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sdlib", *map(str, args)], capture_output=True, text=True)


@pytest.mark.slow  # runs the CLI in a subprocess (reads every report notebook's choices twice)
def test_cli_says_what_changes_and_what_the_next_run_shows(data_copy):
    glossary = run_cli("--data-dir", data_copy, "glossary")
    assert glossary.returncode == 0, glossary.stderr
    before = digest(data_copy)
    args = ["--data-dir", data_copy, "data", "add", FIGURES, "--toelichtingen", TEXTS, "--oordelen", VERDICTS]
    args += ["--passages", PASSAGES, "--source-id", NEW_ID, "--short-title", "Testpublicatie 2025", "--year", "2026"]
    dry = run_cli(*args, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert digest(data_copy) == before
    out = dry.stdout
    for line in [
        "Nieuwe publicatie: Testpublicatie 2025, verschenen in 2026 (bron-id test_pub_2025).",
        "- Aandeel jeugdigen drie jaar of langer in jeugdhulp: 2025 (realisatie en begroting).",
        "- Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024: was 33,1% volgens de Jaarrekening Waterveen 2024, "
        "nu 33,4% volgens Testpublicatie 2025.",
        "- Aandeel jeugdigen drie jaar of langer in jeugdhulp 2025: Nee (Testpublicatie 2025).",
        "- Aandeel jeugdigen drie jaar of langer in jeugdhulp (verslagjaar 2025, over 2025).",
        "- Langdurige jeugdhulp: conclusie (Jeugd, 2025).",
        "Begrippenlijst: data/BEGRIPPENLIJST.md bijgewerkt.",
        "Bij de volgende make reports (of sdlib report run --all):",
        "- Indicatoren van het programma: verslagjaar 2025 (nu verslagjaar 2024).",
        "- Jeugdhulp: drie jaar of langer in zorg: verslagjaar 2025 (nu verslagjaar 2024).",
        "Proefrun (--dry-run): er is niets geschreven. Zonder --dry-run wordt dit toegevoegd.",
    ]:
        assert line in out.splitlines(), f"{line!r} not in:\n{out}"
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.replace("Zou schrijven", "Geschreven").split("\n\nProefrun")[0] in done.stdout
    assert "Toegevoegd. Maak de rapporten met make reports (of sdlib report run --all)." in done.stdout
    # the glossary was written with the data: it is up to date with the new publication
    check = run_cli("--data-dir", data_copy, "glossary", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Testpublicatie 2025" in (data_copy / "BEGRIPPENLIJST.md").read_text(encoding="utf-8")
    again = run_cli(*args)
    assert again.stdout == "Alles van deze publicatie staat al in de gegevens: er is niets gewijzigd.\n\n"
