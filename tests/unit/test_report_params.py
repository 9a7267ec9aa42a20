"""Report parameters: read from the tagged cell, checked before anything runs."""

from pathlib import Path

import pytest

from sdlib.report import ParameterError, read_parameters, validate_parameters
from sdlib.report.schedule import Job, load_schedule

ROOT = Path(__file__).resolve().parents[2]
INDICATOREN = ROOT / "notebooks" / "reports" / "indicatoren.ipynb"


def test_parameters_are_read_with_type_default_and_help():
    specs = {s.name: s for s in read_parameters(INDICATOREN)}
    assert (specs["jaar"].type, specs["jaar"].default) == ("int", 2024)
    assert "verslagjaar" in specs["jaar"].help
    assert (specs["vintage"].type, specs["vintage"].default) == ("str", "latest")


def test_defaults_fill_in_and_strings_are_coerced():
    values = validate_parameters(read_parameters(INDICATOREN), {"jaar": "2023"})
    assert values == {"jaar": 2023, "vintage": "latest"}


def test_unknown_name_lists_valid_names():
    with pytest.raises(
        ParameterError, match=r"onbekende parameter 'year'; geldige parameters: jaar \(int\), vintage \(str\)"
    ):
        validate_parameters(read_parameters(INDICATOREN), {"year": "2023"})


def test_wrong_type_is_refused():
    with pytest.raises(ParameterError, match=r"parameter 'jaar' moet een geheel getal \(int\) zijn, niet 'twintig'"):
        validate_parameters(read_parameters(INDICATOREN), {"jaar": "twintig"})
    with pytest.raises(ParameterError, match=r"moet een geheel getal \(int\) zijn"):
        validate_parameters(read_parameters(INDICATOREN), {"jaar": 2023.5})


def test_year_outside_the_data_lists_valid_years():
    # the indicators have begroting and realisatie for 2021-2024 (Jaarverslag 2022, Jaarstukken 2024)
    with pytest.raises(
        ParameterError, match=r"'jaar' = 2031 valt buiten de gegevens; geldige waarden: 2021, 2022, 2023, 2024"
    ):
        validate_parameters(read_parameters(INDICATOREN), {"jaar": "2031"})


def test_vintage_must_be_a_known_publication():
    with pytest.raises(ParameterError, match="geldige waarden: latest, all, rsd2019_2"):
        validate_parameters(read_parameters(INDICATOREN), {"vintage": "js2099"})


def test_schedule_expands_output_names(tmp_path):
    sched = tmp_path / "schedule.yml"
    sched.write_text("reports:\n  - notebook: indicatoren\n    parameters: {jaar: 2023}\n    output: '{name}_{jaar}'\n")
    (job,) = load_schedule(sched)
    assert job == Job("indicatoren", {"jaar": 2023}, "{name}_{jaar}")
    assert job.output_name({"jaar": 2023, "vintage": "latest"}) == "indicatoren_2023"
    with pytest.raises(ParameterError, match="onbekende parameter"):
        Job("x", {}, "{name}_{year}").output_name({"jaar": 2023})


def test_project_schedule_is_valid():
    from sdlib.report.run import prepare

    tasks, refused = prepare(load_schedule(ROOT / "reports" / "schedule.yml"), ROOT / "notebooks" / "reports")
    assert refused == [] and len(tasks) >= 7


def test_district_parameter_accepts_every_stadswijk_and_lists_them_when_wrong():
    records = ROOT / "notebooks" / "reports" / "jeugdhulp_records.ipynb"
    assert validate_parameters(read_parameters(records), {"district": "Oosterheem"})["district"] == "Oosterheem"
    with pytest.raises(
        ParameterError,
        match="'district' = 'Zoetermeer' valt buiten de gegevens; geldige waarden: alle, "
        "Buytenwegh de Leyens, Dorp, Driemanspolder",
    ):
        validate_parameters(read_parameters(records), {"district": "Zoetermeer"})


def test_year_of_the_records_report_is_checked_against_the_extract(tmp_path):
    # the synthetic extract covers 2015-01-01 to 2019-09-09, the period of the 2e Rapportage Sociaal Domein 2019
    records = ROOT / "notebooks" / "reports" / "jeugdhulp_records.ipynb"
    with pytest.raises(
        ParameterError,
        match=r"'jaar' = 2031 valt buiten de gegevens; geldige waarden: 2015, 2016, 2017, "
        r"2018, 2019$",
    ):
        validate_parameters(read_parameters(records), {"jaar": 2031}, notebook="jeugdhulp_records")
    missing = tmp_path / "geen.parquet"
    with pytest.raises(
        ParameterError,
        match=rf"jeugdhulp_records: parameter 'extract' = '{missing}' kan niet worden gelezen "
        r"\(extract: no such file",
    ):
        validate_parameters(read_parameters(records), {"extract": str(missing)}, notebook="jeugdhulp_records")


def test_a_relative_extract_path_is_made_absolute_for_the_kernel(tmp_path, monkeypatch):
    import shutil

    records = ROOT / "notebooks" / "reports" / "jeugdhulp_records.ipynb"
    shutil.copy(ROOT / "tests" / "records" / "fixtures" / "tiny.csv", tmp_path / "tiny.csv")
    monkeypatch.chdir(tmp_path)  # the caller's folder; the kernel would run in notebooks/reports/
    values = validate_parameters(read_parameters(records), {"extract": "tiny.csv", "jaar": 2016})
    assert values["extract"] == str(tmp_path / "tiny.csv")
    # tiny.csv ends on 2018-02-28 without a peildatum; with one the years follow it
    values = validate_parameters(
        read_parameters(records), {"extract": "tiny.csv", "peildatum": "2019-03-31", "jaar": 2019}
    )
    assert values["jaar"] == 2019


def test_years_from_an_extract_need_the_extract_parameter_first():
    from sdlib.report.params import ParamSpec

    help_text = "verslagjaar; keuze uit: sdlib.records.choices.extract_years(extract, peildatum)"
    with pytest.raises(ParameterError, match="vraagt een parameter 'extract' erboven"):
        validate_parameters([ParamSpec("jaar", "int", 2018, help_text)], {})


def test_a_bad_peildatum_is_named_as_such():
    records = ROOT / "notebooks" / "reports" / "jeugdhulp_records.ipynb"
    with pytest.raises(
        ParameterError,
        match=r"jeugdhulp_records: parameter 'peildatum' = 'gisteren' is geen datum; "
        r"schrijf JJJJ-MM-DD.*\(nodig om parameter 'jaar' te controleren\)",
    ):
        validate_parameters(read_parameters(records), {"peildatum": "gisteren"}, notebook="jeugdhulp_records")


def test_an_explicit_list_restricts_the_values_and_is_typed():
    from sdlib.report.params import ParamSpec

    thema = ROOT / "notebooks" / "reports" / "begrippenlijst.ipynb"
    assert validate_parameters(read_parameters(thema), {"thema": "wmo"}) == {"thema": "wmo"}
    with pytest.raises(
        ParameterError, match="'thema' = 'werk' valt buiten de gegevens; geldige waarden: alle, jeugd, wmo"
    ):
        validate_parameters(read_parameters(thema), {"thema": "werk"})
    spec = ParamSpec("n", "int", 1, "aantal; keuze: 1 | 2 | 3; verder vrij commentaar")
    assert validate_parameters([spec], {"n": "3"}) == {"n": 3}
    with pytest.raises(ParameterError, match="geldige waarden: 1, 2, 3$"):
        validate_parameters([spec], {"n": "4"})
    with pytest.raises(ParameterError, match=r"parameter 'n': keuze 'drie' is geen een geheel getal"):
        validate_parameters([ParamSpec("n", "int", 1, "keuze: 1 | drie")], {})


def test_a_list_can_mix_plain_values_and_a_provider():
    from sdlib.report.params import ParamSpec

    spec = ParamSpec("bron", "str", "geen", "keuze uit: geen | sdlib.calc.choices.vintages() | 'x")
    values = validate_parameters([spec], {"bron": "'x"})  # a plain value may hold a quote
    assert values == {"bron": "'x"}
    with pytest.raises(
        ParameterError,
        match="geldige waarden: geen, latest, all, rsd2019_2, jv2022, pb2025, js2024, "
        "rsd2024_h2, cbs_nji_jeugdhulp, 'x$",
    ):
        validate_parameters([spec], {"bron": "js2099"})


def test_providers_get_the_data_folder_and_an_empty_list_refuses_every_value(mini_data):
    from sdlib.report.params import ParamSpec

    # tests/fixtures/mini_data: sources doc_a and doc_b, no programme indicators
    vintage = ParamSpec("vintage", "str", "latest", "keuze uit: sdlib.calc.choices.vintages()")
    assert validate_parameters([vintage], {"vintage": "doc_b"}, data_dir=mini_data) == {"vintage": "doc_b"}
    jaar = ParamSpec("jaar", "int", 2024, "keuze uit: sdlib.calc.choices.indicator_years()")
    with pytest.raises(ParameterError, match="'jaar' = 2024 valt buiten de gegevens; geldige waarden: geen"):
        validate_parameters([jaar], {}, data_dir=mini_data)


def test_the_old_years_phrase_is_refused_with_the_new_syntax():
    from sdlib.report.params import ParamSpec

    with pytest.raises(
        ParameterError,
        match=r"nb: parameter 'jaar': 'jaren uit:' wordt niet meer gebruikt; noem een "
        r"keuzefunctie, zoals 'keuze uit: sdlib\.<module>\.choices",
    ):
        validate_parameters([ParamSpec("jaar", "int", 2024, "verslagjaar; jaren uit: indicatoren")], {}, notebook="nb")


@pytest.mark.parametrize(
    "template, words",
    [
        ("{}", ["'{}'", "lege {}"]),
        ("{0}", ["'{0}'", "{0} is niet toegestaan"]),
        ("{name.__class__}", ["{name.__class__} is niet toegestaan"]),
        ("{name[0]}", ["{name[0]} is niet toegestaan"]),
        ("{jaar!r}", ["'{jaar!r}'", "opmaak is niet toegestaan"]),
        ("{jaar:>8}", ["opmaak is niet toegestaan"]),
        ("{name", ["losse accolade"]),
        ("../{name}", ["'../{name}'", "zonder '/'"]),
        ("/tmp/x_{name}", ["zonder '/'"]),
        (".hidden", ["punt"]),
    ],
    ids=[
        "empty-field",
        "positional",
        "attribute",
        "index",
        "conversion",
        "format-spec",
        "unbalanced",
        "climbs-out",
        "absolute",
        "hidden",
    ],
)
def test_output_templates_allow_only_name_and_parameters(template, words):
    with pytest.raises(ParameterError) as info:
        Job("indicatoren", {}, template).output_name({"jaar": 2023, "vintage": "latest"})
    for word in words:
        assert word in str(info.value)


def test_a_filled_output_name_must_be_a_plain_file_name():
    assert Job("indicatoren", {}, "{name}_{jaar}").output_name({"jaar": 2023}) == "indicatoren_2023"
    with pytest.raises(ParameterError, match="zonder '/'"):
        Job("indicatoren", {}, "{name}_{vintage}").output_name({"vintage": "../../x"})
    with pytest.raises(ParameterError, match="lege bestandsnaam"):
        Job("indicatoren", {}, "{vintage}").output_name({"vintage": ""})


def test_a_report_name_is_a_notebook_of_the_folder_and_nothing_else(tmp_path):
    from sdlib.report.schedule import available_notebooks, notebook_path

    folder = ROOT / "notebooks" / "reports"
    assert notebook_path("indicatoren", folder) == folder / "indicatoren.ipynb"
    with pytest.raises(ParameterError, match=r"onbekend rapport 'indicatorn' \(bedoelt u 'indicatoren'\?\)"):
        notebook_path("indicatorn", folder)
    for name in ("../../tests/fixtures/notebooks/ok", str(folder / "indicatoren"), "indicatoren.ipynb", "..", ""):
        with pytest.raises(ParameterError, match="geen rapportnaam"):
            notebook_path(name, folder)
    # a link that leads out of the folder is neither listed nor run; one inside it is fine
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "evil.ipynb").symlink_to(ROOT / "tests" / "fixtures" / "notebooks" / "ok.ipynb")
    (tmp_path / "reports" / "echt.ipynb").write_text("{}")
    (tmp_path / "reports" / "alias.ipynb").symlink_to("echt.ipynb")
    assert available_notebooks(tmp_path / "reports") == ["alias", "echt"]
    with pytest.raises(ParameterError, match="leidt naar een bestand buiten"):
        notebook_path("evil", tmp_path / "reports")


@pytest.mark.parametrize(
    "text, words",
    [
        ("reports:\n  - notebook: ok\n    parameters: {jaar: 2023\n", ["regel 4", "geen geldige YAML"]),
        ("reports:\n  - notebook: ok\n  - parameters: {jaar: 2023}\n", ["regel 3", "'notebook:' ontbreekt"]),
        ("reports:\n  - notebook: ok\n    parameters: [2023]\n", ["regel 3", "'parameters' moet een mapping"]),
        ("reports:\n  - notebook: ok\n    output: '../{name}'\n", ["regel 3", "'../{name}'"]),
        ("- notebook: ok\n", ["regel 1", "verwacht een mapping"]),
        ("reports: ok\n", ["regel 1", "'reports' moet een lijst"]),
        ("", ["leeg"]),
        ("reports:\n  - notebook: ok\n    paramters: {jaar: 2023}\n", ["regel 2", "'paramters'"]),
        ("defaults:\n  output: '{0}'\nreports:\n  - notebook: ok\n", ["regel 2", "'{0}'"]),
    ],
    ids=[
        "invalid-yaml",
        "entry-without-notebook",
        "parameters-not-mapping",
        "output-climbs-out",
        "not-a-mapping",
        "reports-not-a-list",
        "empty",
        "unknown-key",
        "default-output-positional",
    ],
)
def test_schedule_errors_name_the_file_and_line(tmp_path, text, words):
    from sdlib.report import ScheduleError

    sched = tmp_path / "schedule.yml"
    sched.write_text(text)
    with pytest.raises(ScheduleError) as info:
        load_schedule(sched)
    assert "schedule.yml" in str(info.value)
    for word in words:
        assert word in str(info.value)


def test_every_problem_of_a_schedule_is_listed(tmp_path):
    sched = tmp_path / "schedule.yml"
    sched.write_text("reports:\n  - parameters: {}\n  - notebook: ok\n    output: '{}'\n")
    with pytest.raises(ParameterError, match=r"2 problemen in .*schedule.yml:\n  - .*regel 2.*\n  - .*regel 4"):
        load_schedule(sched)


def test_the_analysts_schedule_is_valid_and_writes_to_its_own_folder():
    from sdlib.report.run import prepare
    from sdlib.report.schedule import schedule_folder

    jobs = load_schedule(ROOT / "reports" / "schedule_analisten.yml")
    tasks, refused = prepare(jobs, ROOT / "notebooks" / "reports")
    assert refused == [] and [t["output"] for t in tasks] == ["jeugdhulp_records"]
    assert schedule_folder(jobs) == ROOT / "reports" / "analisten"
    assert schedule_folder(load_schedule(ROOT / "reports" / "schedule.yml")) is None


@pytest.mark.parametrize("folder", ["../elders", "a/b", ".verborgen", "''", "[1, 2]"])
def test_a_schedule_folder_is_a_plain_folder_name_in_reports(tmp_path, folder):
    sched = tmp_path / "s.yml"
    sched.write_text(f"folder: {folder}\nreports:\n  - notebook: indicatoren\n")
    with pytest.raises(ParameterError, match="'folder' is de naam van een map in reports/"):
        load_schedule(sched)


def test_a_schedule_folder_that_is_a_link_out_of_reports_is_refused(tmp_path, monkeypatch):
    from sdlib.data import paths
    from sdlib.report.schedule import schedule_folder

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "analisten").symlink_to(tmp_path)
    monkeypatch.setattr(paths, "reports_dir", lambda: reports)
    sched = tmp_path / "s.yml"
    sched.write_text("folder: analisten\nreports:\n  - notebook: indicatoren\n")
    with pytest.raises(ParameterError, match="buiten"):
        schedule_folder(load_schedule(sched))


def test_parameters_are_named_in_words_in_the_technical_details():
    from sdlib.report.run import _settings

    words = _settings({"jaar": 2024, "vintage": "latest"}, read_parameters(INDICATOREN))
    assert words == [("verslagjaar", "2024"), ("publicatie", "nieuwste")]
    assert _settings({"vintage": "js2024"}, read_parameters(INDICATOREN)) == [("publicatie", "js2024")]


def test_a_notebook_checks_its_own_parameters_with_the_runner_s_checker():
    # issue 14: in JupyterLab `indicatoren` with jaar = 2019 used to end in "No objects to concatenate"
    from sdlib.report.params import NotebookParameterError, check_parameters

    assert check_parameters("indicatoren", {"jaar": 2024, "vintage": "latest"}) == {"jaar": 2024, "vintage": "latest"}
    with pytest.raises(
        NotebookParameterError, match=r"'jaar' = 2019 valt buiten de gegevens; geldige waarden: .*2024"
    ) as info:
        check_parameters("indicatoren", {"jaar": 2019, "vintage": "latest"})
    shown = info.value._render_traceback_()
    assert shown[0].startswith("Dit rapport stopt: indicatoren: parameter 'jaar' = 2019")
    assert "Traceback" not in "\n".join(shown)
    with pytest.raises(NotebookParameterError, match=r"'jaar' = 1999 valt buiten"):
        check_parameters("jeugdhulp_drie_jaar", {"jaar": 1999})
    with pytest.raises(NotebookParameterError, match=r"moet een geheel getal \(int\) zijn, niet .twee."):
        check_parameters("indicatoren", {"jaar": "twee", "vintage": "latest"})
