"""Choices providers: the valid values of report parameters, from the data; and how the runner calls them."""

import json
from pathlib import Path

import pytest

import sdlib
from sdlib.calc import choices
from sdlib.cli import choice_providers
from sdlib.data.errors import SdlibError, UnknownSeriesError
from sdlib.records import choices as record_choices
from sdlib.report import ParameterError, ParamSpec, validate_parameters

PROVIDERS = choice_providers()

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "records" / "fixtures" / "tiny.csv"
STADSWIJKEN = [
    "Buytenwegh de Leyens",
    "Dorp",
    "Driemanspolder",
    "Meerzicht",
    "Noordhove",
    "Oosterheem",
    "Palenstein",
    "Rokkeveen",
    "Seghwaert",
    "Stadscentrum",
]


def test_indicator_years_are_the_years_with_begroting_and_realisatie():
    # Jaarverslag 2022 (2021, 2022) and Jaarstukken 2024 (2023, 2024) report the programme indicators
    assert choices.indicator_years() == [2021, 2022, 2023, 2024]
    assert sdlib.load("goede_gezondheid")["year"].min() == 2021


def test_realisation_years_of_the_three_year_share():
    # 2023: 45,9% (Programmabegroting 2025) and 46,1% (Jaarstukken 2024); 2024: 48,0% (Jaarstukken 2024)
    assert choices.realisation_years("jeugdhulp_3jaar_aandeel") == [2023, 2024]
    df = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all")
    real = df[df["measure"] == "realisatie"].groupby("year")["value"].apply(sorted).to_dict()
    assert real == {2023: [45.9, 46.1], 2024: [48.0]}


def test_realisation_years_of_several_series_are_their_union():
    assert choices.realisation_years("jeugdhulp_kosten_per_type") == [2015, 2016, 2017, 2018, 2019]
    assert choices.realisation_years("jeugdhulp_3jaar_aandeel", "jeugdhulp_kosten_per_type") == [
        2015,
        2016,
        2017,
        2018,
        2019,
        2023,
        2024,
    ]


def test_realisation_years_refuses_an_unknown_or_missing_series_in_dutch():
    with pytest.raises(
        UnknownSeriesError,
        match=r"onbekende reeks 'jeugdhulp_3jaar_aandel' "
        r"\(bedoelt u 'jeugdhulp_3jaar_aandeel'\?\)",
    ):
        choices.realisation_years("jeugdhulp_3jaar_aandel")
    with pytest.raises(SdlibError, match="noem een of meer reeksen"):
        choices.realisation_years()


def test_vintages_are_latest_all_and_every_source():
    assert choices.vintages() == [
        "latest",
        "all",
        "rsd2019_2",
        "jv2022",
        "pb2025",
        "js2024",
        "rsd2024_h2",
        "cbs_nji_jeugdhulp",
    ]


def test_vintages_and_years_follow_the_data_folder(mini_data):
    assert choices.vintages(mini_data) == ["latest", "all", "doc_a", "doc_b"]
    assert choices.realisation_years("demo_pct", data_dir=mini_data) == [2023]
    assert choices.indicator_years(mini_data) == []


def test_extract_years_follow_the_extract_and_its_peildatum():
    # the synthetic extract covers 2015-01-01 to 2019-09-09 (2e Rapportage Sociaal Domein 2019)
    assert record_choices.extract_years("synthetisch") == [2015, 2016, 2017, 2018, 2019]
    assert record_choices.extract_years(str(TINY)) == [2015, 2016, 2017, 2018]  # last end date 2018-02-28
    assert record_choices.extract_years(str(TINY), "2019-03-31") == [2015, 2016, 2017, 2018, 2019]


def test_extract_years_name_the_parameter_that_is_wrong(tmp_path):
    missing = tmp_path / "geen.parquet"
    with pytest.raises(
        record_choices.ExtractReadError,
        match=rf"parameter 'extract' = '{missing}' kan niet worden "
        r"gelezen \(extract: no such file",
    ):
        record_choices.extract_years(str(missing))
    with pytest.raises(record_choices.ExtractReadError, match="parameter 'peildatum' = '31-03-2019' is geen datum"):
        record_choices.extract_years(str(TINY), "31-03-2019")


def test_districts_are_the_stadswijken():
    assert record_choices.districts() == STADSWIJKEN


@pytest.mark.parametrize("module", [choices, record_choices], ids=["calc", "records"])
def test_every_provider_returns_plain_python_values(module):
    calls = {"realisation_years": ("jeugdhulp_3jaar_aandeel",), "extract_years": ("synthetisch",)}
    import inspect

    for name in module.__all__:
        func = getattr(module, name)
        if inspect.isfunction(func):
            values = func(*calls.get(name, ()))
            assert isinstance(values, list) and values, name
            assert all(type(v) in (int, str) for v in values), name


def test_every_report_notebook_names_only_providers_that_accept_its_defaults():
    from sdlib.report import read_parameters

    for path in sorted((ROOT / "notebooks" / "reports").glob("*.ipynb")):
        specs = read_parameters(path)
        assert validate_parameters(specs, {}, notebook=path.stem) == {s.name: s.default for s in specs}


# --- the runner calls only providers of sdlib, by name, with literal arguments


def refused(help_text: str, given=None, *, earlier=()) -> str:
    specs = [*earlier, ParamSpec("jaar", "int", 2024, help_text)]
    with pytest.raises(ParameterError) as info:
        validate_parameters(specs, given or {}, notebook="indicatoren")
    return str(info.value)


@pytest.mark.parametrize(
    "help_text, words",
    [
        (
            "verslagjaar; keuze uit: os.system('touch {tmp}/gedaan')",
            ["alleen keuzefuncties onder sdlib. zijn toegestaan", "niet 'os.system'"],
        ),
        (
            'verslagjaar; keuze uit: eval(\'open("{tmp}/gedaan", "w")\')',
            ["alleen keuzefuncties onder sdlib.", "'eval'"],
        ),
        ("verslagjaar; keuze uit: subprocess.run(['touch', '{tmp}/gedaan'])", ["alleen keuzefuncties onder sdlib."]),
        (
            "verslagjaar; keuze uit: sdlib.calc.choices.bestaat_niet()",
            [
                "keuzefunctie sdlib.calc.choices.bestaat_niet bestaat niet",
                "wel: indicator_years, realisation_years, vintages",
            ],
        ),
        (
            "verslagjaar; keuze uit: sdlib.nergens.choices.jaren()",
            ["keuzefunctie sdlib.nergens.choices.jaren bestaat niet (geen module sdlib.nergens.choices)"],
        ),
        ("verslagjaar; keuze uit: sdlib.calc.indicators.indicator_years()", ["in een module 'choices' van sdlib"]),
        ("verslagjaar; keuze uit: sdlib.data.update.choices()", ["in een module 'choices' van sdlib"]),
        ("verslagjaar; keuze uit: sdlib.calc.choices.read_sources()", ["geen openbare functie read_sources"]),
        (
            "verslagjaar; keuze uit: sdlib.records.choices.ExtractReadError('x')",
            ["geen openbare functie ExtractReadError"],
        ),
        (
            "verslagjaar; keuze uit: sdlib.calc.choices.realisation_years(__import__('os').system('touch {tmp}/gedaan'))",
            ["een argument is een vaste waarde", "of de naam van een parameter erboven"],
        ),
        (
            "verslagjaar; keuze uit: sdlib.calc.choices.indicator_years",
            ["met haakjes direct achter de naam: sdlib.calc.choices.indicator_years(...)"],
        ),
        ("verslagjaar; keuze uit: sdlib.calc.choices.indicator_years ()", ["met haakjes direct achter de naam"]),
        ("verslagjaar; keuze uit: sdlib.calc.choices.indicator_years(", ["geen geldige aanroep"]),
        (
            "verslagjaar; keuze uit: sdlib.calc.choices.vintages(1, 2)",
            ["keuzefunctie sdlib.calc.choices.vintages(1, 2) gaf een fout (TypeError"],
        ),
        (
            "verslagjaar; keuze uit: sdlib.calc.choices.realisation_years('wmo_onbekend')",
            ["onbekende reeks 'wmo_onbekend'", "nodig om parameter 'jaar'"],
        ),
    ],
    ids=[
        "os-system",
        "eval",
        "outside-sdlib",
        "unknown-function",
        "unknown-module",
        "not-a-choices-module",
        "other-choices-name",
        "imported-name",
        "a-class",
        "code-in-an-argument",
        "without-brackets",
        "space-before-brackets",
        "unbalanced",
        "wrong-arguments",
        "unknown-series",
    ],
)
def test_a_provider_outside_sdlib_or_unknown_is_refused_naming_notebook_and_parameter(tmp_path, help_text, words):
    message = refused(help_text.replace("{tmp}", str(tmp_path)))
    assert message.startswith("indicatoren: ")
    assert "parameter 'jaar'" in message
    for word in words:
        assert word in message
    assert not (tmp_path / "gedaan").exists()  # nothing ran


def test_an_argument_may_name_a_parameter_above_and_only_that():
    label = ParamSpec("reeks", "str", "jeugdhulp_3jaar_aandeel", "een reeks")
    call = "keuze uit: sdlib.calc.choices.realisation_years(reeks)"
    assert validate_parameters([label, ParamSpec("jaar", "int", 2024, call)], {}) == {
        "reeks": "jeugdhulp_3jaar_aandeel",
        "jaar": 2024,
    }
    assert refused(call, {"jaar": 2019}, earlier=[label]).endswith(
        "'jaar' = 2019 valt buiten de gegevens; geldige waarden: 2023, 2024"
    )
    with_costs = validate_parameters(
        [label, ParamSpec("jaar", "int", 2024, call)], {"reeks": "jeugdhulp_kosten_per_type", "jaar": 2019}
    )
    assert with_costs["jaar"] == 2019
    message = refused("keuze uit: sdlib.calc.choices.realisation_years(later)")
    assert (
        message
        == "indicatoren: parameter 'jaar': keuze uit sdlib.calc.choices.realisation_years(...) vraagt een parameter "
        "'later' erboven in de parametercel"
    )


def test_a_notebook_with_a_foreign_provider_is_refused_before_anything_runs(tmp_path):
    from sdlib.report import Job, ReportRunError, run_jobs

    nb = json.loads((ROOT / "tests" / "fixtures" / "notebooks" / "ok.ipynb").read_text(encoding="utf-8"))
    (cell,) = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    cell["source"] = [f"jaar: int = 2024  # verslagjaar; keuze uit: os.system('touch {tmp_path}/gedaan')"]
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "vreemd.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(ReportRunError) as info:
        run_jobs(
            [Job("vreemd")],
            out_dir=tmp_path / "out",
            notebooks_dir=tmp_path / "nb",
            progress=False,
            providers=PROVIDERS,
        )
    assert "rapport 'vreemd': parameter 'jaar'" in str(info.value)
    assert "alleen keuzefuncties onder sdlib. zijn toegestaan" in str(info.value)
    assert not (tmp_path / "gedaan").exists() and not (tmp_path / "out").exists()
