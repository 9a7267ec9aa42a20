"""Unit tests of sdlib.training: right and wrong answers, with expected values from the source documents."""

import numpy as np
import pandas as pd
import pytest

from sdlib import training, training_solutions


@pytest.fixture(autouse=True)
def fresh_results():
    training.reset()
    yield
    training.reset()


# Expected values as printed in the documents (2e Rapportage Sociaal Domein 2019 tabel 1, 4-7;
# Programmabegroting 2025; Jaarstukken 2024).
@pytest.mark.parametrize(
    "qid, value",
    [
        ("01.aandeel_2023_pb2025", 45.9),  # PB 2025
        ("01.begroting_2024", 45.0),  # Jaarstukken 2024
        ("01.bron_2024", "js2024"),
        ("01.doelstelling", "2.1"),
        ("02.uitstroom_2016_tabellen", 3795 - 2545),  # tabel 1 and 4; tabel 5 prints 1.250
        ("03.kosten_per_jeugdige_2018", 5565),  # € 23.307.274 / 4.188
        ("03.index_2018", 150.5),  # 23.307.274 / 15.481.766 x 100
        ("03.lasten_21_euro", -92_186_000),  # -92.186 x €1.000
        ("04.richting_eenzaamheid", "lower"),
        ("04.doel_3jaar_2024", False),  # 48,0% against 45,0%: 'Nee'
        ("04.wmo_afwijking_2024", -20.3),  # (2.790 - 3.500) / 3.500
        ("04.wmo_als_lager", True),
        ("06.verschil_2024", 47.6 - 48.0),  # practice figure against Jaarstukken 2024
    ],
)
def test_expected_values_match_the_documents(qid, value):
    exp = training.expected(qid)
    if isinstance(value, float) or isinstance(value, int) and not isinstance(value, bool):
        assert exp == pytest.approx(value, abs=0.5)
    else:
        assert exp == value
    assert training.check(qid, value, show=False)


@pytest.mark.parametrize(
    "qid, wrong, hint",
    [
        ("03.kosten_per_jeugdige_2018", 5.565, "factor 1.000"),
        ("03.kosten_per_jeugdige_2018", "5.565", "tekst"),
        ("03.kosten_per_jeugdige_2018", 4188, "deel de kosten"),
        ("01.aandeel_2023_pb2025", 46.1, "vintage='pb2025'"),
        ("01.aandeel_2023_pb2025", 0.459, "procentpunten"),
        ("02.uitstroom_2016_tabellen", 3795 + 2545, "je telde op"),
        ("03.index_2018", 50.5, "groei in procenten"),
        ("03.lasten_21_euro", -92186, "vermenigvuldig met 1.000"),
        ("03.lasten_21_euro", 92_186_000, "minteken"),
        ("04.doel_3jaar_2024", True, "lager beter"),
        ("04.wmo_afwijking_2024", 20.3, "teken"),
        ("04.wmo_afwijking_2024", -710, "verschil in euro"),
        ("06.nieuwste_2024", 48.0, "data_dir=tmp"),
        ("02.herintreders_2018", ["J09"], "ontbreekt 1"),
        ("02.herintreders_2018", ["J09", "J12", "J03"], "1 hoort er niet bij"),
        ("05.commando_indicatoren_2023", "sdlib report run indicatoren", "-p"),
    ],
)
def test_wrong_answer_gets_a_dutch_hint(qid, wrong, hint, capsys):
    assert training.check(qid, wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("Nog niet goed: ")
    assert hint in out
    assert training.results()[qid] == "fout"


def test_right_answer_is_praised(capsys):
    assert training.check("03.kosten_per_jeugdige_2018", 5565.25) is True
    assert capsys.readouterr().out.startswith("Goed! € 23.307.274 / 4.188 = € 5.565")


def test_no_answer_yet_is_friendly_not_an_error(capsys):
    assert training.check("02.instroom_2017", None) is False
    assert training.NO_ANSWER in capsys.readouterr().out
    assert training.results() == {"02.instroom_2017": "leeg"}


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
        ("05.commando_indicatoren_2023", "!.venv/bin/sdlib report run indicatoren -p  jaar=2023"),
        ("05.uitvoernaam_2023", "indicatoren_2023.pdf"),
    ],
)
def test_reasonable_spellings_are_accepted(qid, answer):
    assert training.check(qid, answer, show=False)


def test_bool_is_not_taken_for_a_number():
    assert not training.check("02.instroom_2017", True, show=False)


def test_unknown_question_names_the_known_ones():
    with pytest.raises(KeyError, match="03.index_2018"):
        training.check("03.bestaat_niet", 1)


def test_summary_counts_per_notebook(capsys):
    training.check("03.index_2018", 150.5)
    training.check("03.waarom_2019", "a")
    result = training.summary("03")
    assert result["total"] == 4
    assert result["goed"] == ["03.index_2018"]
    assert result["fout"] == ["03.waarom_2019"]
    assert "1 van 4 zelftoetsen van notebook 03 goed" in capsys.readouterr().out


def test_every_question_has_a_model_solution_and_each_notebook_two_to_eight():
    assert set(training_solutions.SOLUTIONS) == set(training.questions())
    for nb in ["01", "02", "03", "04", "05", "06"]:
        assert 2 <= len(training.questions(nb)) <= 8


def test_solutions_that_need_no_inputs_pass_their_checks():
    for qid in training.questions():
        if qid.startswith(("02.", "05.aantal", "06.")) and qid not in ("02.waarom_2015", "02.uitstroom_2016_tabellen"):
            continue  # these work on what the notebook builds (records, manifest, error, diff)
        assert training.check(qid, training.solution(qid), show=False), qid
