"""Report parameters: read from the tagged cell, their choices from the notebook metadata, checked before anything runs.

The protocol (sdlib/report/params.py): a parameters cell of typed, commented assignments; the notebook's
metadata ``sdlib.parameters`` names per parameter fixed ``values``, a provider (``choices``) with ``args``
(``{"param": name}`` stands for an earlier parameter), ``latest`` (the value "laatste") and ``path``. The caller
passes the providers. The figures are Waterveen's (tests/fixtures/waterveen/make_data.py).
"""

from pathlib import Path

import nbformat
import pytest

from sdlib.cli import choice_providers
from sdlib.data.contract import ParameterSpec
from sdlib.report import ParameterError, read_parameters, validate_parameters
from sdlib.report.params import ParamSpec, ReportSkipped
from sdlib.report.schedule import Job, load_schedule

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "notebooks" / "reports"
INDICATOREN = REPORTS / "indicatoren.ipynb"
RECORDS = REPORTS / "jeugdhulp_records.ipynb"
TINY = ROOT / "tests" / "records" / "fixtures" / "tiny.csv"  # 2015-01-01 .. 2018-02-28, no peildatum
PROVIDERS = choice_providers()
WATERVEEN_THEMES = "jeugd, wmo, mantelzorg, gezondheid, participatie, financien"  # catalog order

CELL = (
    'jaar: int = "laatste"  # verslagjaar: een jaar met cijfers, of "laatste"\n'
    'thema: str = "alle"  # één thema, of alle\n'
    "aandeel: float = 0.5  # drempel\n"
    "uitgebreid: bool = False  # ook de details\n"
)
CHOICES = {
    "jaar": {"choices": "topic_years", "args": ["wmo"], "latest": True},
    "thema": {"choices": "themes", "values": ["alle"]},
}


def notebook(folder: Path, cell: str | None = CELL, parameters: dict | None = CHOICES, *, cells: int = 1):
    """Write a small report notebook: ``cells`` parameters cells (none when ``cell`` is None) and one more cell."""
    nb = nbformat.v4.new_notebook()
    for _ in range(cells if cell is not None else 0):
        params = nbformat.v4.new_code_cell(cell)
        params.metadata["tags"] = ["parameters"]
        nb.cells.append(params)
    nb.cells.append(nbformat.v4.new_code_cell("print('klaar')"))
    if parameters is not None:
        nb.metadata["sdlib"] = {"parameters": parameters}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rapport.ipynb"
    nbformat.write(nb, path)
    return path


def check(path_or_specs, given=None, **kwargs):
    specs = read_parameters(path_or_specs) if isinstance(path_or_specs, Path) else path_or_specs
    return validate_parameters(specs, given or {}, notebook="rapport", providers=PROVIDERS, **kwargs)


# --- reading the parameters cell and the metadata ---------------------------------------------------------------


def test_parameters_are_read_with_type_default_help_and_choices(tmp_path):
    path = notebook(tmp_path)
    specs = {s.name: s for s in read_parameters(path)}
    assert list(specs) == ["jaar", "thema", "aandeel", "uitgebreid"]  # the order of the cell
    assert (specs["jaar"].type, specs["jaar"].default) == ("int", "laatste")
    assert specs["jaar"].help == 'verslagjaar: een jaar met cijfers, of "laatste"'
    assert specs["jaar"].choice == ParameterSpec("jaar", "topic_years", ("wmo",), True)
    assert specs["thema"].choice == ParameterSpec("thema", "themes", (), False, ("alle",))
    assert (specs["aandeel"].type, specs["aandeel"].default, specs["aandeel"].choice) == ("float", 0.5, None)
    assert (specs["uitgebreid"].type, specs["uitgebreid"].default) == ("bool", False)
    # an nbformat notebook in memory reads the same as the file
    assert read_parameters(nbformat.read(path, as_version=4)) == list(specs.values())


def test_a_notebook_without_a_parameters_cell_has_no_parameters(tmp_path):
    path = notebook(tmp_path, cell=None, parameters=None)
    assert read_parameters(path) == []
    assert check(path) == {}
    with pytest.raises(ParameterError, match=r"^rapport: onbekende parameter 'jaar'; geldige parameters: geen$"):
        check(path, {"jaar": 2024})


def test_two_parameters_cells_are_refused(tmp_path):
    path = notebook(tmp_path, cells=2)
    with pytest.raises(
        ParameterError, match=rf"^{path}: verwacht hooguit één codecel met de tag 'parameters', gevonden: 2$"
    ):
        read_parameters(path)


def test_metadata_for_a_parameter_the_cell_lacks_is_refused(tmp_path):
    path = notebook(tmp_path, cell='thema: str = "alle"  # één thema, of alle\n')
    with pytest.raises(
        ParameterError, match="de metadata noemt keuzes voor jaar, maar de parametercel heeft die parameter niet"
    ):
        read_parameters(path)


@pytest.mark.parametrize(
    "cell, words",
    [
        ("jaar = 2024\n", "alleen getypeerde toewijzingen"),
        ("import os\n", "alleen getypeerde toewijzingen"),
        ("jaar: list = [2024]\n", "parameter 'jaar' heeft type list; gebruik een van int, float, str, bool"),
    ],
    ids=["untyped", "code", "other-type"],
)
def test_the_parameters_cell_holds_only_typed_assignments(tmp_path, cell, words):
    with pytest.raises(ParameterError, match=words):
        read_parameters(notebook(tmp_path, cell=cell, parameters=None))


# --- types -------------------------------------------------------------------------------------------------------


def test_defaults_fill_in_and_strings_are_coerced(tmp_path):
    path = notebook(tmp_path)
    # the wmo topic has realisaties in 2023 and 2024: "laatste" is 2024
    assert check(path) == {"jaar": 2024, "thema": "alle", "aandeel": 0.5, "uitgebreid": False}
    given = {"jaar": "2023", "thema": "wmo", "aandeel": "0.75", "uitgebreid": "true"}
    assert check(path, given) == {"jaar": 2023, "thema": "wmo", "aandeel": 0.75, "uitgebreid": True}
    assert check(path, {"aandeel": 1})["aandeel"] == 1.0 and isinstance(check(path, {"aandeel": 1})["aandeel"], float)


def test_an_unknown_name_lists_the_valid_names_and_the_nearest(tmp_path):
    path = notebook(tmp_path)
    with pytest.raises(ParameterError) as info:
        check(path, {"jar": "2023"})
    assert str(info.value) == (
        "rapport: onbekende parameter 'jar' (bedoelt u 'jaar'?); geldige parameters: jaar (int), thema (str), "
        "aandeel (float), uitgebreid (bool)"
    )


def test_a_wrong_type_is_refused_in_dutch(tmp_path):
    path = notebook(tmp_path)
    with pytest.raises(
        ParameterError,
        match=r"^rapport: parameter 'jaar' moet een geheel getal \(int\) zijn of 'laatste', niet 'twintig'$",
    ):
        check(path, {"jaar": "twintig"})
    with pytest.raises(ParameterError, match=r"moet een geheel getal \(int\) zijn of 'laatste', niet float 2023.5$"):
        check(path, {"jaar": 2023.5})
    with pytest.raises(ParameterError, match=r"moet een geheel getal \(int\) zijn of 'laatste', niet bool True$"):
        check(path, {"jaar": True})
    with pytest.raises(ParameterError, match=r"parameter 'uitgebreid' moet true of false \(bool\) zijn, niet 'ja'$"):
        check(path, {"uitgebreid": "ja"})
    with pytest.raises(ParameterError, match=r"parameter 'aandeel' moet een getal \(float\) zijn, niet 'half'$"):
        check(path, {"aandeel": "half"})
    with pytest.raises(ParameterError, match=r"parameter 'thema' moet tekst \(str\) zijn, niet int 4$"):
        check(path, {"thema": 4})


@pytest.mark.parametrize(
    "text", ["２０２３", "٢٠٢٣", "२०२३", "-２０２３"], ids=["fullwidth", "arabic", "devanagari", "minus"]
)
def test_digits_that_are_not_ascii_are_refused(tmp_path, text):
    # Python's int() reads all of these as 2023 (or -2023); a year is written with the digits 0-9
    assert abs(int(text)) == 2023
    with pytest.raises(ParameterError, match=rf"parameter 'jaar' moet een geheel getal \(int\) zijn .*niet '{text}'$"):
        check(notebook(tmp_path), {"jaar": text})


@pytest.mark.parametrize(
    "cell, words",
    [
        (
            "jaar: int = 2023.0  # verslagjaar\n",
            r"parameter 'jaar' moet een geheel getal \(int\) zijn, niet float 2023.0",
        ),
        ("jaar: int = True  # verslagjaar\n", r"parameter 'jaar' moet een geheel getal \(int\) zijn, niet bool True"),
        ("thema: str = 4  # thema\n", r"parameter 'thema' moet tekst \(str\) zijn, niet int 4"),
        (
            'jaar: int = "laatste"  # verslagjaar\n',
            r"parameter 'jaar' moet een geheel getal \(int\) zijn, niet str 'laatste'",
        ),
    ],
    ids=["float-for-int", "bool-for-int", "int-for-str", "laatste-without-latest"],
)
def test_a_notebook_default_of_the_wrong_type_is_refused(tmp_path, cell, words):
    # the notebook's own default is checked like a given value: the report would otherwise run with it
    with pytest.raises(ParameterError, match=rf"^rapport: {words}$"):
        check(notebook(tmp_path, cell=cell, parameters=None))


@pytest.mark.parametrize(
    "cell",
    ['jaar: int = "2023"  # verslagjaar\n', 'uitgebreid: bool = "true"  # ook de details\n'],
    ids=["text-for-int", "text-for-bool"],
)
def test_a_notebook_default_written_as_text_is_refused(tmp_path, cell):
    with pytest.raises(ParameterError, match=r"^rapport: parameter '(jaar|uitgebreid)' moet "):
        check(notebook(tmp_path, cell=cell, parameters=None))


# --- choices: fixed values, providers, "laatste" -----------------------------------------------------------------


def test_a_year_outside_the_data_lists_the_valid_years():
    # Waterveen's indicators have a begroting and a realisatie in 2023 and 2024 only
    with pytest.raises(
        ParameterError,
        match=r"^indicatoren: parameter 'jaar' = 2021 valt buiten de gegevens; geldige waarden: 2023, 2024$",
    ):
        validate_parameters(read_parameters(INDICATOREN), {"jaar": "2021"}, notebook="indicatoren", providers=PROVIDERS)


def test_laatste_is_the_newest_valid_year(tmp_path):
    path = notebook(tmp_path)
    assert check(path, {"jaar": "laatste"})["jaar"] == 2024
    assert check(path, {"jaar": " laatste "})["jaar"] == 2024  # as typed on a command line
    spec = ParamSpec("jaar", "int", "laatste", "", ParameterSpec("jaar", None, (), True, (2021, 2022)))
    assert check([spec]) == {"jaar": 2022}  # the last of the fixed values


def test_laatste_needs_latest_in_the_metadata(tmp_path):
    path = notebook(tmp_path, parameters={"jaar": {"choices": "topic_years", "args": ["wmo"]}})
    with pytest.raises(ParameterError, match=r"parameter 'jaar' moet een geheel getal \(int\) zijn, niet 'laatste'$"):
        check(path, {"jaar": "laatste"})
    assert check(path, {"jaar": 2023})["jaar"] == 2023


@pytest.mark.parametrize("name", ["thema", "titel"], ids=["with-choices", "without-choices"])
def test_laatste_is_an_ordinary_text_where_latest_is_not_allowed(tmp_path, name):
    cell = CELL + 'titel: str = "Rapport"  # de titel\n'
    path = notebook(tmp_path, cell=cell)
    if name == "thema":  # 'laatste' is not one of alle and the themes
        with pytest.raises(
            ParameterError,
            match=rf"'thema' = 'laatste' valt buiten de gegevens; geldige waarden: alle, {WATERVEEN_THEMES}$",
        ):
            check(path, {"thema": "laatste"})
    else:  # free text: taken as it is
        assert check(path, {"titel": "laatste"})["titel"] == "laatste"


def test_laatste_without_any_valid_year_skips_the_report():
    spec = ParamSpec("jaar", "int", "laatste", "", ParameterSpec("jaar", "leeg", (), True))
    with pytest.raises(ReportSkipped) as info:
        validate_parameters([spec], {}, notebook="rapport", providers={"leeg": list})
    assert (
        str(info.value) == "rapport: geen gegevens voor dit rapport: er is geen jaar met cijfers voor parameter 'jaar'"
    )


def test_laatste_may_come_from_another_provider():
    # the records report: any year of the extract, but "laatste" is its last whole year (extract_whole_years);
    # tiny.csv ends on 28 February 2018, so 2018 may be asked for but "laatste" is 2017
    values = check(RECORDS, {"extract": str(TINY)})
    assert values["jaar"] == 2017
    assert check(RECORDS, {"extract": str(TINY), "jaar": 2018})["jaar"] == 2018
    # with a peildatum of 31 March 2019, 2018 is whole and 2019 is not
    assert check(RECORDS, {"extract": str(TINY), "peildatum": "2019-03-31"})["jaar"] == 2018


def test_the_vintage_must_be_a_known_publication():
    spec = ParamSpec("vintage", "str", "latest", "publicatie", ParameterSpec("vintage", "vintages"))
    assert check([spec], {"vintage": "wv_jaarstukken_2023"}) == {"vintage": "wv_jaarstukken_2023"}
    with pytest.raises(
        ParameterError,
        match=r"'vintage' = 'js2024' valt buiten de gegevens; geldige waarden: latest, all, wv_jaarstukken_2023, "
        r"wv_jaarstukken_2024, wv_cbs_landelijk$",
    ):
        check([spec], {"vintage": "js2024"})  # a document of another municipality


def test_fixed_values_restrict_the_choice_and_are_typed():
    spec = ParamSpec("n", "int", 1, "aantal", ParameterSpec("n", values=(1, 2, 3)))
    assert check([spec], {"n": "3"}) == {"n": 3}
    with pytest.raises(ParameterError, match=r"'n' = 4 valt buiten de gegevens; geldige waarden: 1, 2, 3$"):
        check([spec], {"n": "4"})
    # a value in the metadata that is not of the parameter's type is refused, naming it
    bad = ParamSpec("n", "int", 1, "aantal", ParameterSpec("n", values=(1, "drie")))
    with pytest.raises(
        ParameterError, match=r"^rapport: parameter 'n' moet een geheel getal \(int\) zijn, niet 'drie'$"
    ):
        check([bad])


def test_fixed_values_come_before_those_of_the_provider(tmp_path):
    path = notebook(tmp_path)
    assert check(path, {"thema": "mantelzorg"})["thema"] == "mantelzorg"
    with pytest.raises(
        ParameterError, match=rf"'thema' = 'werk' valt buiten de gegevens; geldige waarden: alle, {WATERVEEN_THEMES}$"
    ):
        check(path, {"thema": "werk"})
    begrippenlijst = read_parameters(REPORTS / "begrippenlijst.ipynb")
    assert check(begrippenlijst, {"thema": "wmo"}) == {"thema": "wmo"}


def test_an_unknown_provider_name_is_refused(tmp_path):
    path = notebook(tmp_path, parameters={"jaar": {"choices": "jaren_uit_de_catalogus", "latest": True}})
    with pytest.raises(ParameterError) as info:
        check(path)
    assert str(info.value) == (
        "rapport: parameter 'jaar': geen keuzefunctie 'jaren_uit_de_catalogus' bekend; bekend: "
        + ", ".join(sorted(PROVIDERS))
    )


def test_a_provider_that_finds_no_data_skips_the_report(tmp_path):
    # Waterveen lacks the POH-jeugd (make_data docstring)
    path = notebook(tmp_path, parameters={"jaar": {"choices": "realisation_years", "args": ["poh_jeugd_trajecten"]}})
    with pytest.raises(ReportSkipped) as info:
        check(path, {"jaar": 2024})
    assert str(info.value) == (
        "rapport: geen gegevens voor dit rapport: de reeks(en) poh_jeugd_trajecten staan niet in de gegevens"
    )


def test_providers_get_the_data_folder(mini_data):
    # tests/fixtures/mini_data: sources doc_a and doc_b, no programme indicators
    vintage = ParamSpec("vintage", "str", "latest", "", ParameterSpec("vintage", "vintages"))
    assert check([vintage], {"vintage": "doc_b"}, data_dir=mini_data) == {"vintage": "doc_b"}
    with pytest.raises(ParameterError, match="geldige waarden: latest, all, wv_jaarstukken_2023"):
        check([vintage], {"vintage": "doc_b"})  # without it: the data folder of the environment
    jaar = ParamSpec("jaar", "int", 2024, "", ParameterSpec("jaar", "indicator_years"))
    with pytest.raises(ReportSkipped, match="geen indicator met een begroting en een realisatie"):
        check([jaar], data_dir=mini_data)


def test_an_empty_list_of_choices_refuses_every_value():
    spec = ParamSpec("jaar", "int", 2024, "", ParameterSpec("jaar", "leeg"))
    with pytest.raises(ParameterError, match=r"'jaar' = 2024 valt buiten de gegevens; geldige waarden: geen$"):
        validate_parameters([spec], {}, providers={"leeg": list})


# --- a parameter that depends on another: the records report -----------------------------------------------------


def test_the_districts_are_those_of_the_municipality():
    assert check(RECORDS, {"extract": str(TINY), "district": "Haven"})["district"] == "Haven"
    with pytest.raises(
        ParameterError,
        match=r"'district' = 'Dorp' valt buiten de gegevens; geldige waarden: alle, Centrum, Haven, Noord, Oost, "
        r"Polder, Zuid$",
    ):
        check(RECORDS, {"extract": str(TINY), "district": "Dorp"})  # a district of another municipality


def test_the_year_of_the_records_report_is_checked_against_the_extract(tmp_path):
    # tiny.csv runs from 2015-01-01 to 2018-02-28
    with pytest.raises(
        ParameterError, match=r"'jaar' = 2031 valt buiten de gegevens; geldige waarden: 2015, 2016, 2017, 2018$"
    ):
        check(RECORDS, {"extract": str(TINY), "jaar": 2031})
    missing = tmp_path / "geen.parquet"
    with pytest.raises(
        ParameterError,
        match=rf"^rapport: parameter 'extract' = '{missing}' kan niet worden gelezen \(registratiebestand niet gevonden.*"
        r"\(nodig om parameter 'jaar' te controleren\)$",
    ):
        check(RECORDS, {"extract": str(missing), "jaar": 2018})


def test_a_relative_extract_path_is_made_absolute_for_the_kernel(tmp_path, monkeypatch):
    import shutil

    shutil.copy(TINY, tmp_path / "tiny.csv")
    monkeypatch.chdir(tmp_path)  # the caller's folder; the kernel would run in notebooks/reports/
    values = check(RECORDS, {"extract": "tiny.csv", "jaar": 2016})
    assert values["extract"] == str(tmp_path / "tiny.csv")
    # tiny.csv ends on 2018-02-28 without a peildatum; with one the years follow it
    assert check(RECORDS, {"extract": "tiny.csv", "peildatum": "2019-03-31", "jaar": 2019})["jaar"] == 2019
    # only a parameter with path: true is a path; another text stays as it is
    path = notebook(tmp_path / "nb", cell='bestand: str = "tiny.csv"  # tekst\n', parameters=None)
    assert check(path) == {"bestand": "tiny.csv"}


def test_years_from_an_extract_need_the_extract_parameter_first(tmp_path):
    path = notebook(
        tmp_path,
        cell="jaar: int = 2018  # verslagjaar\n",
        parameters={"jaar": {"choices": "extract_years", "args": [{"param": "extract"}, {"param": "peildatum"}]}},
    )
    with pytest.raises(ParameterError) as info:
        check(path)
    assert str(info.value) == (
        "rapport: parameter 'jaar': de keuzes hangen af van parameter 'extract', die erboven in de parametercel "
        "moet staan"
    )


def test_a_bad_peildatum_is_named_as_such():
    with pytest.raises(
        ParameterError,
        match=r"^rapport: parameter 'peildatum' = 'gisteren' is geen datum; "
        r"schrijf JJJJ-MM-DD.*\(nodig om parameter 'jaar' te controleren\)$",
    ):
        check(RECORDS, {"extract": str(TINY), "peildatum": "gisteren"})


# --- schedules and output names ----------------------------------------------------------------------------------


def test_schedule_expands_output_names(tmp_path):
    sched = tmp_path / "schedule.yml"
    sched.write_text("reports:\n  - notebook: indicatoren\n    parameters: {jaar: 2023}\n    output: '{name}_{jaar}'\n")
    (job,) = load_schedule(sched)
    assert job == Job("indicatoren", {"jaar": 2023}, "{name}_{jaar}")
    assert job.output_name({"jaar": 2023, "vintage": "latest"}) == "indicatoren_2023"
    with pytest.raises(ParameterError, match="onbekende parameter"):
        Job("x", {}, "{name}_{year}").output_name({"jaar": 2023})


def test_the_project_schedule_is_valid_and_takes_the_newest_year():
    from sdlib.report.run import prepare

    jobs = load_schedule(ROOT / "reports" / "schedule.yml")
    tasks, refused = prepare(jobs, REPORTS, providers=PROVIDERS)
    assert refused == []
    assert [t["name"] for t in tasks] == [j.notebook for j in jobs]
    # no year in the schedule: "laatste", which is 2024 on Waterveen for every report with a year
    years = {t["name"]: t["parameters"]["jaar"] for t in tasks if "jaar" in t["parameters"]}
    assert years and set(years.values()) == {2024}, years
    # the pack holds the glossary: every other report's HTML twin links it, the glossary itself does not
    assert {t["name"]: t.get("glossary") for t in tasks} == {
        t["name"]: (None if t["name"] == "begrippenlijst" else "begrippenlijst.html") for t in tasks
    }


def test_the_analysts_schedule_is_valid_and_writes_to_its_own_folder():
    from sdlib.report.run import prepare
    from sdlib.report.schedule import schedule_folder

    # the synthetic extract is calibrated on the first municipality's documents, not on Waterveen's: the years
    # of the extract come from a stand-in provider here (the schedule, not the extract, is under test)
    stand_in = PROVIDERS | {"extract_years": lambda extract, peildatum: [2017, 2018]}
    stand_in["extract_whole_years"] = stand_in["extract_years"]
    jobs = load_schedule(ROOT / "reports" / "schedule_analisten.yml")
    tasks, refused = prepare(jobs, REPORTS, providers=stand_in)
    assert refused == [] and [t["output"] for t in tasks] == ["jeugdhulp_records"]
    assert tasks[0]["parameters"]["jaar"] == 2018
    assert schedule_folder(jobs) == ROOT / "reports" / "analisten"
    assert schedule_folder(load_schedule(ROOT / "reports" / "schedule.yml")) is None


def test_a_notebook_checks_its_own_parameters_with_the_runner_s_checker():
    # issue 14: in JupyterLab `indicatoren` with jaar = 2019 used to end in "No objects to concatenate"
    from sdlib.report.params import NotebookParameterError, check_parameters

    assert check_parameters("indicatoren", {"jaar": 2023}, providers=PROVIDERS) == {"jaar": 2023}
    assert check_parameters("indicatoren", {"jaar": "laatste"}, providers=PROVIDERS) == {"jaar": 2024}
    with pytest.raises(
        NotebookParameterError, match=r"'jaar' = 2019 valt buiten de gegevens; geldige waarden: 2023, 2024$"
    ) as info:
        check_parameters("indicatoren", {"jaar": 2019}, providers=PROVIDERS)
    shown = info.value._render_traceback_()
    assert shown[0] == (
        "Dit rapport stopt: indicatoren: parameter 'jaar' = 2019 valt buiten de gegevens; geldige waarden: 2023, 2024"
    )
    assert "Traceback" not in "\n".join(shown)
    with pytest.raises(NotebookParameterError, match=r"'jaar' = 1999 valt buiten"):
        check_parameters("jeugdhulp_drie_jaar", {"jaar": 1999}, providers=PROVIDERS)
    with pytest.raises(NotebookParameterError, match=r"moet een geheel getal \(int\) zijn of 'laatste', niet .twee."):
        check_parameters("indicatoren", {"jaar": "twee"}, providers=PROVIDERS)
    # a notebook that finds no data is skipped, also when run by itself
    with pytest.raises(ParameterError, match="^indicatoren: geen gegevens voor dit rapport"):
        check_parameters(
            "indicatoren", {"jaar": 2024}, providers=PROVIDERS, data_dir=ROOT / "tests" / "fixtures" / "mini_data"
        )


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


def test_the_glossary_link_is_made_only_for_a_marked_name_and_a_plain_file_name():
    from sdlib.report.render import link_glossary

    marked = '<p>Zie de <span class="sd-glossary-link">Begrippenlijst sociaal domein</span>.</p>'
    assert link_glossary(marked, "begrippenlijst.html") == (
        '<p>Zie de <a href="begrippenlijst.html">Begrippenlijst sociaal domein</a>.</p>'
    )
    assert link_glossary(marked, None) == marked  # no glossary in the pack: the plain words stay
    assert link_glossary("<p>Begrippenlijst sociaal domein</p>", "begrippenlijst.html") == (
        "<p>Begrippenlijst sociaal domein</p>"
    )  # an unmarked name is no link
    assert 'href="a&quot;b.html"' in link_glossary(marked, 'a"b.html')  # escaped, never raw


def test_the_kernels_socket_teardown_error_is_not_printed_but_other_errors_are():
    # fresh clone, round 26: 'Socket operation on non-socket' with a traceback from a ZMQ stream of a kernel being
    # stopped reached the runner's console; a real error of the same logger still does
    import logging

    import zmq

    from sdlib.report.execute import _SocketTeardown

    def record(exc):
        try:
            raise exc
        except Exception:
            import sys

            info = sys.exc_info()
        return logging.LogRecord("tornado.general", logging.ERROR, __file__, 1, "Uncaught exception", None, info)

    assert _SocketTeardown().filter(record(zmq.error.ZMQError(88))) is False
    assert _SocketTeardown().filter(record(ValueError("a real error"))) is True
