"""The training self-checks (sdlib.present.selfcheck reading notebooks/training/vragen.yml) and the model
solutions (notebooks/training/oplossingen.py), each held against values as printed in the documents or in the
training material itself, never against each other.

The documents: 2e Rapportage Sociaal Domein 2019 (tabel 1, 4-7), Programmabegroting 2025 (PB 2025) and
Jaarstukken 2024. The PB 2025 prints 45,9% for the 2023 share of youths three years or longer in care; the
Jaarstukken 2024 revised it to 46,1%. One-decimal figures are held to 0.05, so the one cannot pass for the other.
"""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sdlib.data.errors import SdlibError
from sdlib.present import selfcheck

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "notebooks" / "training"


def _import_oplossingen():
    spec = importlib.util.spec_from_file_location("oplossingen", TRAINING / "oplossingen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


oplossingen = _import_oplossingen()


@pytest.fixture(autouse=True)
def fresh_results():
    selfcheck.reset()
    yield
    selfcheck.reset()


# (question, value as printed, tolerance): figures of the documents ...
DOCUMENTS = [
    ("01.doelstelling", "2.1", None),  # catalog: Programma 2, doelstelling 2.1 (Jaarstukken 2024)
    ("01.bron_2024", "js2024", None),  # the realisatie 2024 is published in the Jaarstukken 2024
    ("01.aandeel_2023_pb2025", 45.9, 0.05),  # PB 2025: 45,9% (not the 46,1% of the Jaarstukken 2024)
    ("01.begroting_2024", 45.0, 0.05),  # Jaarstukken 2024: begroting 45,0%
    ("02.uitstroom_2016_tabellen", 1250, 0),  # tabel 1 3.795 - tabel 4 2.545; tabel 5 prints 1.250
    ("03.kosten_per_jeugdige_2018", 5565, 0.5),  # € 23.307.274 (tabel 7) / 4.188 (tabel 6) = € 5.565
    ("03.index_2018", 150.5, 0.05),  # 23.307.274 / 15.481.766 x 100 (tabel 7)
    ("03.waarom_2019", "b", None),  # tabel 7: peildatum 9-9-2019, voorlopig
    ("03.lasten_21_euro", -92_186_000, 0),  # Jaarstukken 2024: lasten 2.1 -92.186 x €1.000
    ("04.richting_eenzaamheid", "lower", None),  # a lower loneliness score is better
    ("04.doel_3jaar_2024", False, None),  # 48,0% against 45,0%: 'Doel gehaald: Nee'
    ("04.aantal_gehaald_2024", 4, 0),  # Jaarstukken 2024 'Ja': leeftijd instroom, Veilig Thuis-adviezen,
    #                                    mantelzorg eigen omgeving, goede gezondheid
    ("04.wmo_afwijking_2024", -20.3, 0.05),  # (2.790 - 3.500) / 3.500 x 100
    ("04.wmo_als_lager", True, None),  # 2.790 <= 3.500
    ("05.basisjaar_standaard", 2015, 0),  # notebooks/reports/jeugdhulp_kosten.ipynb: basisjaar: int = 2015
    ("05.uitvoernaam_2023", "indicatoren_2023", None),  # reports/schedule.yml: "{name}_{jaar}", jaar 2023
    ("05.commando_indicatoren_2023", "sdlib report run indicatoren -p jaar=2023", None),  # README.md, "Reports"
]
# ... and facts of the training material: notebook 02's toy extract counted by hand (see the docstring of
# test_training_notebooks.py), notebook 06's practice CSV (47.6 for 2024, "46,5" on line 3).
MATERIAL = [
    ("02.jeugdigen_2017", 7, 0),  # J01 J03 J04 J05 J06 J07 J11
    ("02.instroom_2017", 2, 0),  # J05 J06
    ("02.doorstroom_2017", 4, 0),  # J01 J04 J07 J11
    ("02.uitstroom_2017", 3, 0),  # J02 J08 J09
    ("02.herintreders_2018", {"J09", "J12"}, None),
    ("02.instroom_2015", 6, 0),  # J01 J02 J03 J07 J09 J12
    ("02.waarom_2015", "b", None),
    ("06.fout_kolom", "value", None),
    ("06.fout_regel", 3, 0),
    ("06.verschil_2024", -0.4, 0.005),  # 47,6 (practice) - 48,0 (Jaarstukken 2024)
    ("06.nieuwste_2024", 47.6, 0.005),
]
LITERAL = DOCUMENTS + MATERIAL
NOT_LITERAL = {"05.aantal_databestanden"}  # the number of files in data/ changes with every new publication


def same(found, value, tol) -> bool:
    if tol is None:
        return found == value
    return isinstance(found, (int, float)) and not isinstance(found, bool) and abs(found - value) <= tol


def test_every_question_is_held_against_a_literal_value():
    assert {q for q, _, _ in LITERAL} | NOT_LITERAL == set(selfcheck.questions())


@pytest.mark.parametrize("qid, value, tol", LITERAL, ids=[q for q, _, _ in LITERAL])
def test_expected_values_match_the_documents(qid, value, tol):
    found = selfcheck.expected(qid)
    assert same(found, value, tol), (qid, found, value)
    answer = sorted(value) if isinstance(value, set) else value
    assert selfcheck.check(qid, answer, show=False)


def test_the_revised_2023_share_does_not_pass_for_the_pb2025_one():
    assert selfcheck.expected("01.aandeel_2023_pb2025") == pytest.approx(45.9, abs=0.05)
    assert selfcheck.expected("01.aandeel_2023_pb2025") != pytest.approx(46.1, abs=0.05)
    assert not selfcheck.check("01.aandeel_2023_pb2025", 46.1, show=False)
    assert not selfcheck.check("01.aandeel_2023_pb2025", 46.0, show=False)
    assert selfcheck.check("01.aandeel_2023_pb2025", 45.9, show=False)


# --- the model solutions, by the same literal values (not by the engine's expected values)

NEEDS_INPUT = {
    "02.jeugdigen_2017",
    "02.instroom_2017",
    "02.doorstroom_2017",
    "02.uitstroom_2017",
    "02.herintreders_2018",
    "02.instroom_2015",
    "05.aantal_databestanden",
    "06.fout_kolom",
    "06.fout_regel",
    "06.verschil_2024",
    "06.nieuwste_2024",
}


def test_every_question_has_a_model_solution_and_each_notebook_two_to_eight():
    assert set(oplossingen.SOLUTIONS) == set(selfcheck.questions())
    for nb in ["01", "02", "03", "04", "05", "06"]:
        assert 2 <= len(selfcheck.questions(nb)) <= 8


@pytest.mark.parametrize(
    "qid, value, tol",
    [x for x in DOCUMENTS if x[0] not in NEEDS_INPUT],
    ids=[q for q, _, _ in DOCUMENTS if q not in NEEDS_INPUT],
)
def test_model_solutions_give_the_documents_values(qid, value, tol):
    found = oplossingen.solution(qid)
    if isinstance(found, (np.generic,)):
        found = found.item()
    assert same(found, value, tol), (qid, found, value)


def run_cells(notebook: str, until: str, capsys) -> dict:
    """Run the code cells of a training notebook (defaults, without the self-checks) up to the cell holding ``until``."""
    import json

    nb = json.loads((TRAINING / notebook).read_text(encoding="utf-8"))
    ns = {"oplossingen": False}
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
            continue
        if until in source:
            break
        if "check(" not in source and "selfcheck.summary" not in source:
            exec(compile(source, notebook, "exec"), ns)
    capsys.readouterr()
    return ns


@pytest.mark.notebooks  # runs the notebook's cells
def test_model_solutions_of_notebook_02_count_the_toy_extract_right(capsys):
    records = run_cells("02_instroom_doorstroom_uitstroom.ipynb", "eind = records", capsys)["records"]
    for qid, value, tol in MATERIAL:
        if qid.startswith("02.") and qid in NEEDS_INPUT:
            found = oplossingen.solution(qid, records=records)
            assert same(set(found) if isinstance(value, set) else found, value, tol), (qid, found)
    assert oplossingen.solution("02.waarom_2015") == "b"


@pytest.mark.notebooks  # runs the notebook's cells
def test_model_solutions_of_notebook_06_read_the_practice_publication(capsys):
    ns = run_cells("06_nieuwe_cijfers_toevoegen.ipynb", "shutil.rmtree(tmp.parent)", capsys)
    try:
        values = {q: (v, t) for q, v, t in MATERIAL}
        assert same(oplossingen.solution("06.fout_kolom", error=ns["fout"]), *values["06.fout_kolom"])
        assert same(oplossingen.solution("06.fout_regel", error=ns["fout"]), *values["06.fout_regel"])
        assert same(oplossingen.solution("06.verschil_2024", diff=ns["verschillen"]), *values["06.verschil_2024"])
        assert same(oplossingen.solution("06.nieuwste_2024", data_dir=ns["tmp"]), *values["06.nieuwste_2024"])
    finally:
        shutil.rmtree(ns["tmp"].parent)


def test_model_solution_counts_the_manifest():
    assert oplossingen.solution("05.aantal_databestanden", manifest={"data_files": {"a.csv": "1", "b.csv": "2"}}) == 2


def test_unknown_solution_names_the_known_ones():
    with pytest.raises(KeyError, match="03.index_2018"):
        oplossingen.solution("03.bestaat_niet")


# --- feedback


@pytest.mark.parametrize(
    "qid, wrong, hint",
    [
        ("03.kosten_per_jeugdige_2018", 5.565, "factor 1.000"),
        ("03.kosten_per_jeugdige_2018", "5.565", "tekst"),
        ("03.kosten_per_jeugdige_2018", "5000", "je gaf tekst ('5000'), geen getal"),
        ("03.kosten_per_jeugdige_2018", 4188, "deel de kosten"),
        ("03.kosten_per_jeugdige_2018", pd.Series([1.0, 2.0]), "filter tot één cijfer"),
        ("01.aandeel_2023_pb2025", 46.1, "vintage='pb2025'"),
        ("01.aandeel_2023_pb2025", 0.459, "procentpunten"),
        ("02.uitstroom_2016_tabellen", 3795 + 2545, "je telde op"),
        ("02.uitstroom_2016_tabellen", 2545 - 3795, "je trok andersom af"),
        ("03.index_2018", 50.5, "groei in procenten"),
        ("03.index_2018", 1.505, "vergeet niet x 100"),
        ("03.lasten_21_euro", -92186, "vermenigvuldig met 1.000"),
        ("03.lasten_21_euro", 92_186_000, "minteken"),
        ("03.lasten_21_euro", -92.186, "decimaalteken"),
        ("04.doel_3jaar_2024", True, "lager beter"),
        ("04.wmo_afwijking_2024", 20.3, "teken"),
        ("04.wmo_afwijking_2024", -710, "verschil in euro"),
        ("04.wmo_afwijking_2024", 79.7, "trek er 100 af"),
        ("06.nieuwste_2024", 48.0, "data_dir=tmp"),
        ("06.verschil_2024", 0.4, "nieuw min oud"),
        ("02.jeugdigen_2017", 8, "regels (trajecten)"),
        ("02.herintreders_2018", ["J09"], "ontbreekt 1"),
        ("02.herintreders_2018", ["J09", "J12", "J03"], "1 hoort er niet bij"),
        ("05.commando_indicatoren_2023", "sdlib report run indicatoren", "-p"),
    ],
)
def test_wrong_answer_gets_a_dutch_hint(qid, wrong, hint, capsys):
    assert selfcheck.check(qid, wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("Nog niet goed: ")
    assert hint in out
    assert selfcheck.results()[qid] == "fout"


@pytest.mark.parametrize(
    "qid, answer, message",
    [
        # 45,0 typed without quotes is two numbers in Python
        ("01.begroting_2024", (45, 0), "je schreef 45,0: in Python is dat geen getal. Schrijf 45.0 (met een punt)."),
        (
            "04.wmo_afwijking_2024",
            (-20, 3),
            "je schreef -20,3: in Python is dat geen getal. Schrijf -20.3 (met een punt).",
        ),
        (
            "01.doelstelling",
            (2, 1),
            'je schreef 2,1 zonder aanhalingstekens: in Python is dat geen tekst. Schrijf "2.1" (tussen aanhalingstekens).',
        ),
        # the right value in the wrong type: one sentence that says what to write
        (
            "01.doelstelling",
            2.1,
            'de waarde klopt, maar het antwoord is tekst: schrijf "2.1" (tussen aanhalingstekens).',
        ),
        (
            "05.basisjaar_standaard",
            "2015",
            "de waarde klopt, maar je gaf tekst ('2015'): schrijf het getal zonder aanhalingstekens, zo: 2015.",
        ),
        (
            "03.kosten_per_jeugdige_2018",
            "5.565,25",
            "de waarde klopt, maar je gaf tekst ('5.565,25'): schrijf het getal zonder aanhalingstekens, zo: 5565.25.",
        ),
    ],
)
def test_decimal_comma_and_wrong_type_get_one_clear_message(qid, answer, message):
    fb = selfcheck.evaluate(qid, answer)
    assert fb.status == "fout"
    assert fb.message == "Nog niet goed: " + message


@pytest.mark.parametrize("answer", [2.3, 3, (2, 3), True, ["2.1"]])
def test_a_wrong_type_never_names_python_types_or_contradicts_itself(answer):
    message = selfcheck.evaluate("01.doelstelling", answer).message
    assert "tuple" not in message and "float" not in message and "int" not in message.split()
    assert '"2.3"' not in message or answer == (2, 3)  # no example that is not what the learner wrote
    for qid in ("03.index_2018", "04.doel_3jaar_2024", "05.commando_indicatoren_2023", "02.herintreders_2018"):
        assert "tuple" not in selfcheck.evaluate(qid, answer).message


def test_right_answer_is_praised(capsys):
    assert selfcheck.check("03.kosten_per_jeugdige_2018", 5565.25) is True
    assert capsys.readouterr().out.startswith("Goed! € 23.307.274 / 4.188 = € 5.565")


def test_no_answer_yet_is_friendly_not_an_error(capsys):
    assert selfcheck.check("02.instroom_2017", None) is False
    assert selfcheck.NO_ANSWER in capsys.readouterr().out
    assert selfcheck.results() == {"02.instroom_2017": "leeg"}


@pytest.mark.parametrize(
    "qid, answer",
    [
        ("01.bron_2024", "Jaarstukken 2024"),  # short title instead of the id
        ("01.doelstelling", "doelstelling 2,1"),
        ("04.richting_eenzaamheid", "Lager"),
        ("04.doel_3jaar_2024", "Nee"),
        ("04.doel_3jaar_2024", np.bool_(False)),
        ("03.kosten_per_jeugdige_2018", pd.Series([5565.3])),  # a one-row filter result
        ("03.kosten_per_jeugdige_2018", np.float64(5565.0)),
        ("02.herintreders_2018", {"j12", "J09"}),
        ("02.herintreders_2018", ("J12", "J09")),
        ("05.commando_indicatoren_2023", "!.venv/bin/sdlib report run indicatoren -p  jaar=2023"),
        ("05.uitvoernaam_2023", "indicatoren_2023.pdf"),
    ],
)
def test_reasonable_spellings_are_accepted(qid, answer):
    assert selfcheck.check(qid, answer, show=False)


def test_bool_is_not_taken_for_a_number():
    assert not selfcheck.check("02.instroom_2017", True, show=False)


def test_unknown_question_names_the_known_ones():
    with pytest.raises(KeyError, match="03.index_2018"):
        selfcheck.check("03.bestaat_niet", 1)


def test_summary_counts_per_notebook(capsys):
    selfcheck.check("03.index_2018", 150.5)
    selfcheck.check("03.waarom_2019", "a")
    result = selfcheck.summary("03")
    assert result["total"] == 4
    assert result["goed"] == ["03.index_2018"]
    assert result["fout"] == ["03.waarom_2019"]
    assert "1 van 4 zelftoetsen van notebook 03 goed" in capsys.readouterr().out


# --- the question file and the package


def test_another_question_file_can_be_loaded(tmp_path):
    path = tmp_path / "vragen.yml"
    path.write_text(
        "questions:\n"
        "  - id: '09.som'\n"
        "    title: Een som\n"
        "    type: number\n"
        "    values: {a: 2, b: {series: jeugdhulp_instroom, year: 2017}}\n"
        "    expected: {formula: (a + b) * 2}\n"
        "    hint: tel eerst op.\n"
        "    mistakes: [{answer: {formula: expected / 2}, hint: vergeet niet x 2.}]\n",
        encoding="utf-8",
    )
    try:
        bank = selfcheck.load(path)
        assert bank.questions() == ["09.som"] and selfcheck.expected("09.som") == (2 + 1339) * 2
        assert selfcheck.evaluate("09.som", 1341).message == "Nog niet goed: vergeet niet x 2."
    finally:
        selfcheck.load()
    assert "01.doelstelling" in selfcheck.questions()


@pytest.mark.parametrize(
    "question, error",
    [
        (
            "{id: '09.x', title: X, type: number, expected: 1, hint: h, tolerantie: 1}",
            "onbekende sleutel(s): tolerantie",
        ),
        ("{id: '09.x', title: X, type: getal, expected: 1, hint: h}", "type 'getal' is onbekend"),
        ("{id: '09.x', title: X, type: number, expected: {formula: a * 2}, hint: h}", "onbekende naam/namen a"),
        ("{id: '09.x', title: X, type: number, expected: {formula: __import__('os')}, hint: h}", "alleen + - * /"),
        ("{id: '09.x', title: X, type: number, expected: {series: jeugdhulp_instroom}, hint: h}", "noemt een year"),
        ("{id: '09.x', title: X, type: number, expected: 1}", "ontbrekende sleutel(s): hint"),
        ("{id: x, title: X, type: number, expected: 1, hint: h}", "niet de vorm"),
    ],
)
def test_a_wrong_question_file_is_refused_with_the_question_named(tmp_path, question, error):
    path = tmp_path / "vragen.yml"
    path.write_text(f"questions:\n  - {question}\n", encoding="utf-8")
    with pytest.raises(SdlibError) as info:
        selfcheck.QuestionBank.from_file(path)
    assert "vragen.yml, vraag 1" in str(info.value) and error in str(info.value)


@pytest.mark.slow  # starts a Python subprocess
def test_no_answers_in_the_package_and_no_report_runner_behind_the_checks():
    assert importlib.util.find_spec("sdlib.training") is None
    assert importlib.util.find_spec("sdlib.training_solutions") is None
    code = (
        "import sys; from sdlib.present import selfcheck\n"
        "[selfcheck.expected(q) for q in selfcheck.questions()]\n"
        "print(sorted(m for m in sys.modules if m.startswith('sdlib.report')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
