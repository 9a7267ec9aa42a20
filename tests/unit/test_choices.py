"""Choices providers: the valid values of report parameters, from the data; and how the runner calls them.

The providers are checked on Waterveen (tests/fixtures/waterveen/make_data.py lists every figure used here).
The runner knows no provider by itself: a notebook's metadata names one (``"choices": "realisation_years"``)
and the caller hands over the registry (``providers=``); nothing is imported or evaluated by name.
"""

import inspect
import json
from pathlib import Path

import nbformat
import pytest

import sdlib
from sdlib.calc import choices
from sdlib.cli import choice_providers
from sdlib.data.contract import ParameterSpec
from sdlib.data.errors import MissingDataError, SdlibError
from sdlib.records import choices as record_choices
from sdlib.report import ParameterError, ParamSpec, validate_parameters
from sdlib.report.params import ReportSkipped, read_parameters

PROVIDERS = choice_providers()

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "records" / "fixtures" / "tiny.csv"  # 2015-01-01 .. 2018-02-28, no peildatum
WATERVEEN_DISTRICTS = ["Centrum", "Haven", "Noord", "Oost", "Polder", "Zuid"]  # make_data.DISTRICTS, file order
WATERVEEN_SOURCES = ["wv_jaarstukken_2023", "wv_jaarstukken_2024", "wv_cbs_landelijk"]  # make_data.SOURCES order


def write_notebook(folder: Path, name: str, cell: str, parameters: dict | None = None) -> Path:
    """A small report notebook: a parameters cell, one more cell, and the choices in its metadata."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(cell)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("print('klaar')")]
    if parameters is not None:
        nb.metadata["sdlib"] = {"parameters": parameters}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def year_spec(provider, *args, latest=False, default=2024) -> ParamSpec:
    return ParamSpec("jaar", "int", default, "verslagjaar", ParameterSpec("jaar", provider, tuple(args), latest))


# --- the providers of the domain (sdlib.calc.choices), on Waterveen's figures ------------------------------------


def test_indicator_years_are_the_years_with_begroting_and_realisatie():
    # make_data.indicator(): every indicator has a begroting and a realisatie for 2023 (Jaarrekening 2023) and
    # 2024 (Jaarrekening 2024); the series without indicator: true go back to 2021 but do not count
    assert choices.indicator_years() == [2023, 2024]
    assert sdlib.load("jeugdhulp_instroom")["year"].min() == 2021


def test_indicator_years_of_data_without_indicators_skip_the_report(mini_data):
    # tests/fixtures/mini_data has no series with indicator: true
    with pytest.raises(MissingDataError, match="geen indicator met een begroting en een realisatie"):
        choices.indicator_years(mini_data)


def test_realisation_years_of_the_three_year_share():
    # make_data: jeugdhulp_3jaar_aandeel 2023: 31,5 (Jaarrekening 2023), 2024: 33,1 (Jaarrekening 2024)
    assert choices.realisation_years("jeugdhulp_3jaar_aandeel") == [2023, 2024]
    df = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all")
    real = df[df["measure"] == "realisatie"].groupby("year")["value"].apply(sorted).to_dict()
    assert real == {2023: [31.5], 2024: [33.1]}


def test_realisation_years_of_several_series_are_their_union():
    # instroom 2021-2024; bijstand_uitkeringen January 2023, July 2023, January 2024 and January 2025
    assert choices.realisation_years("jeugdhulp_instroom") == [2021, 2022, 2023, 2024]
    assert choices.realisation_years("bijstand_uitkeringen") == [2023, 2024, 2025]
    assert choices.realisation_years("bijstand_uitkeringen", "jeugdhulp_instroom") == [2021, 2022, 2023, 2024, 2025]


def test_realisation_years_only_count_the_realisatie():
    # wmo_budget_per_client has begroting and realisatie in 2023 and 2024 only; a begroting alone adds no year
    assert choices.realisation_years("wmo_budget_per_client") == [2023, 2024]


def test_a_series_the_municipality_lacks_skips_the_report_naming_it():
    # Waterveen has no POH-jeugd (make_data docstring): the report that needs it is skipped, not failed
    with pytest.raises(MissingDataError, match=r"^de reeks\(en\) poh_jeugd_trajecten staan niet in de gegevens$"):
        choices.realisation_years("poh_jeugd_trajecten")
    # one series present is enough: the years are those of the series there is
    assert choices.realisation_years("poh_jeugd_trajecten", "jeugdhulp_3jaar_aantal") == [2023, 2024]


def test_realisation_years_without_a_series_is_a_mistake_not_missing_data():
    with pytest.raises(SdlibError) as info:
        choices.realisation_years()
    assert not isinstance(info.value, MissingDataError)


def test_topic_years_are_the_realisation_years_of_the_topic_series():
    # topic wmo: wmo_tevreden_kwaliteit and wmo_past_bij_hulpvraag, 2023 and 2024; topic stromen: 2021-2024
    assert choices.topic_years("wmo") == [2023, 2024]
    assert choices.topic_years("stromen") == [2021, 2022, 2023, 2024]
    # topic kosten is in Waterveen's catalog, but no series names it: nothing to report
    with pytest.raises(MissingDataError, match="geen reeksen bij het onderwerp 'kosten'"):
        choices.topic_years("kosten")
    with pytest.raises(MissingDataError, match="geen reeksen bij het onderwerp 'sport'"):
        choices.topic_years("sport")


def test_vintages_are_latest_all_and_every_source():
    assert choices.vintages() == ["latest", "all", *WATERVEEN_SOURCES]


def test_themes_are_the_catalog_themes_in_catalog_order():
    # not alphabetical: the order of 'themes:' in Waterveen's catalog
    assert choices.themes() == ["jeugd", "wmo", "mantelzorg", "gezondheid", "participatie", "financien"]


def test_vintages_and_years_follow_the_data_folder(mini_data):
    assert choices.vintages(mini_data) == ["latest", "all", "doc_a", "doc_b"]
    assert choices.realisation_years("demo_pct", data_dir=mini_data) == [2023]
    assert choices.themes(mini_data) == ["jeugd"]


# --- the providers of the record engine (sdlib.records.choices) ------------------------------------------------


def test_extract_years_follow_the_extract_and_its_peildatum():
    # tiny.csv: first start date 2015-01-01, last end date 2018-02-28, no peildatum
    assert record_choices.extract_years(str(TINY)) == [2015, 2016, 2017, 2018]
    assert record_choices.extract_years(str(TINY), "2019-03-31") == [2015, 2016, 2017, 2018, 2019]


def test_whole_extract_years_end_before_a_year_that_is_not_over():
    # 2018 ends on 28 February in tiny.csv: not whole; a peildatum of 31 December closes its year
    assert record_choices.extract_whole_years(str(TINY)) == [2015, 2016, 2017]
    assert record_choices.extract_whole_years(str(TINY), "2019-03-31") == [2015, 2016, 2017, 2018]
    assert record_choices.extract_whole_years(str(TINY), "2018-12-31") == [2015, 2016, 2017, 2018]


def test_extract_years_name_the_parameter_that_is_wrong(tmp_path):
    missing = tmp_path / "geen.parquet"
    with pytest.raises(
        record_choices.ExtractReadError,
        match=rf"parameter 'extract' = '{missing}' kan niet worden gelezen \(registratiebestand niet gevonden",
    ):
        record_choices.extract_years(str(missing))
    with pytest.raises(record_choices.ExtractReadError, match="parameter 'peildatum' = '31-03-2019' is geen datum"):
        record_choices.extract_years(str(TINY), "31-03-2019")


def test_districts_are_the_districts_of_the_municipality():
    assert record_choices.districts() == WATERVEEN_DISTRICTS


# --- the registry ------------------------------------------------------------------------------------------------


def test_the_command_line_hands_over_the_providers_of_both_layers():
    assert PROVIDERS == {**choices.PROVIDERS, **record_choices.PROVIDERS}
    assert set(choices.PROVIDERS) == {"indicator_years", "realisation_years", "topic_years", "vintages", "themes"}
    assert {"extract_years", "extract_whole_years", "districts"} <= set(record_choices.PROVIDERS)
    for name, func in PROVIDERS.items():
        assert func.__name__ == name, name  # a name in the metadata is the function's own name


def test_every_provider_returns_plain_python_values():
    calls = {
        "realisation_years": ("jeugdhulp_3jaar_aandeel",),
        "topic_years": ("wmo",),
        "extract_years": (str(TINY),),
        "extract_whole_years": (str(TINY),),
    }
    for name, func in PROVIDERS.items():
        values = func(*calls.get(name, ()))
        assert isinstance(values, list) and values, name
        assert all(type(v) in (int, str) for v in values), name  # no numpy ints: they end up in JSON and YAML


def test_providers_that_read_data_take_a_data_folder():
    # the runner passes data_dir to every provider that has one: that is how the data folder reaches them
    for name in ("indicator_years", "realisation_years", "topic_years", "vintages", "themes"):
        assert "data_dir" in inspect.signature(PROVIDERS[name]).parameters, name


def test_every_report_notebook_names_only_providers_of_the_registry():
    for path in sorted((ROOT / "notebooks" / "reports").glob("*.ipynb")):
        metadata = json.loads(path.read_text(encoding="utf-8"))["metadata"]
        for name, spec in metadata.get("sdlib", {}).get("parameters", {}).items():
            for key in ("choices", "latest"):
                if isinstance(spec.get(key), str):
                    assert spec[key] in PROVIDERS, f"{path.stem}: {name}: {key} {spec[key]!r}"


def test_every_report_notebook_accepts_its_own_defaults_on_waterveen():
    # 'laatste' is the newest year with figures: 2024 for the indicators, the three-year share, the age at
    # outflow and the wmo topic; the records report reads tiny.csv here, whose last whole year is 2017
    newest = {
        "indicatoren": {"jaar": 2024},
        "jeugdhulp_drie_jaar": {"jaar": 2024},
        "jeugdhulp_stromen": {"jaar": 2024},
        "wmo_mantelzorg_gezondheid": {"jaar": 2024},
        "jeugdhulp_records": {"jaar": 2017, "extract": str(TINY)},
    }
    given = {"jeugdhulp_records": {"extract": str(TINY)}}
    for path in sorted((ROOT / "notebooks" / "reports").glob("*.ipynb")):
        specs = read_parameters(path)
        values = validate_parameters(specs, given.get(path.stem, {}), notebook=path.stem, providers=PROVIDERS)
        expected = {s.name: s.default for s in specs} | newest.get(path.stem, {})
        for spec in specs:  # a report added later (sdlib report new): its 'laatste' becomes a year of the data
            if spec.default == "laatste" and spec.name not in newest.get(path.stem, {}):
                assert isinstance(values[spec.name], int), (path.stem, spec.name, values[spec.name])
                expected[spec.name] = values[spec.name]
        assert values == expected, path.stem


def test_the_records_report_runs_on_another_municipality_with_its_own_synthetic_extract():
    # Waterveen's synthetic extract is calibrated from Waterveen's own figures: its costs per type end on
    # 30 June 2024 (make_data.py), so the extract's last whole year, the report's "laatste", is 2023
    path = ROOT / "notebooks" / "reports" / "jeugdhulp_records.ipynb"
    values = validate_parameters(read_parameters(path), {}, notebook="jeugdhulp_records", providers=PROVIDERS)
    assert values["extract"] == "synthetisch" and values["jaar"] == 2023 and values["district"] == "alle"


# --- the runner calls only providers it is handed, by name, with literal arguments -------------------------------


@pytest.mark.parametrize(
    "provider",
    ["os.system", "sdlib.calc.choices.indicator_years", "eval", "__import__", "read_sources", "ExtractReadError"],
)
def test_a_provider_outside_the_registry_is_refused_naming_notebook_and_parameter(provider):
    spec = year_spec(provider, "touch gedaan")
    with pytest.raises(ParameterError) as info:
        validate_parameters([spec], {}, notebook="indicatoren", providers=PROVIDERS)
    message = str(info.value)
    assert type(info.value) is ParameterError
    assert message.startswith(f"indicatoren: parameter 'jaar': geen keuzefunctie {provider!r} bekend; bekend: ")
    assert message.endswith(", ".join(sorted(PROVIDERS)))


def test_without_a_registry_no_provider_is_known():
    with pytest.raises(ParameterError, match=r"geen keuzefunctie 'indicator_years' bekend; bekend: geen$"):
        validate_parameters([year_spec("indicator_years")], {}, notebook="indicatoren")


def test_an_argument_is_a_value_and_is_never_run(tmp_path):
    # the text of an argument goes to the provider as it is: here a series id that is not in the data
    code = f"__import__('os').system('touch {tmp_path}/gedaan')"
    with pytest.raises(ReportSkipped, match="staan niet in de gegevens"):
        validate_parameters([year_spec("realisation_years", code)], {}, notebook="indicatoren", providers=PROVIDERS)
    assert not (tmp_path / "gedaan").exists()


def test_an_argument_may_name_a_parameter_above_and_only_that():
    label = ParamSpec("reeks", "str", "jeugdhulp_3jaar_aandeel", "een reeks")
    jaar = year_spec("realisation_years", {"param": "reeks"})
    assert validate_parameters([label, jaar], {}, providers=PROVIDERS) == {
        "reeks": "jeugdhulp_3jaar_aandeel",
        "jaar": 2024,
    }
    # the three-year share has 2023-2024; instroom goes back to 2021
    with pytest.raises(ParameterError, match=r"'jaar' = 2021 valt buiten de gegevens; geldige waarden: 2023, 2024$"):
        validate_parameters([label, jaar], {"jaar": 2021}, providers=PROVIDERS)
    assert (
        validate_parameters([label, jaar], {"reeks": "jeugdhulp_instroom", "jaar": 2021}, providers=PROVIDERS)["jaar"]
        == 2021
    )
    # a parameter below, or none of that name, is not there yet
    with pytest.raises(ParameterError) as info:
        validate_parameters([jaar, label], {}, notebook="indicatoren", providers=PROVIDERS)
    assert str(info.value) == (
        "indicatoren: parameter 'jaar': de keuzes hangen af van parameter 'reeks', die erboven in de "
        "parametercel moet staan"
    )


@pytest.mark.parametrize("provider, args", [("vintages", (1, 2)), ("realisation_years", ({"reeks": "x"},))])
def test_a_provider_called_with_wrong_arguments_is_refused_in_dutch(provider, args):
    spec = ParamSpec("jaar", "str", "latest", "", ParameterSpec("jaar", provider, args))
    with pytest.raises(ParameterError, match="parameter 'jaar'"):
        validate_parameters([spec], {}, notebook="indicatoren", providers=PROVIDERS)


def test_a_notebook_with_a_foreign_provider_is_refused_before_anything_runs(tmp_path):
    from sdlib.report import Job, ReportRunError, run_jobs

    write_notebook(
        tmp_path / "nb",
        "vreemd",
        "jaar: int = 2024  # verslagjaar\n",
        {"jaar": {"choices": "os.system", "args": [f"touch {tmp_path}/gedaan"]}},
    )
    with pytest.raises(ReportRunError) as info:
        run_jobs(
            [Job("vreemd")],
            out_dir=tmp_path / "out",
            notebooks_dir=tmp_path / "nb",
            progress=False,
            providers=PROVIDERS,
        )
    assert str(info.value).startswith("rapport 'vreemd': parameter 'jaar': geen keuzefunctie 'os.system' bekend")
    assert str(info.value).endswith("Er is niets uitgevoerd.")
    assert not (tmp_path / "gedaan").exists() and not (tmp_path / "out").exists()


def test_a_notebook_whose_data_is_missing_is_skipped_before_anything_runs(tmp_path):
    from sdlib.report import Job, run_jobs

    write_notebook(
        tmp_path / "nb",
        "poh",
        'jaar: int = "laatste"  # verslagjaar\n',
        {"jaar": {"choices": "realisation_years", "args": ["poh_jeugd_trajecten"], "latest": True}},
    )
    (result,) = run_jobs(
        [Job("poh")], out_dir=tmp_path / "out", notebooks_dir=tmp_path / "nb", progress=False, providers=PROVIDERS
    )
    assert (result.report, result.status, result.output) == ("poh", "skipped", "")
    assert result.error == (
        "rapport 'poh': geen gegevens voor dit rapport: de reeks(en) poh_jeugd_trajecten staan niet in de gegevens"
    )
    assert not (tmp_path / "out").exists()
