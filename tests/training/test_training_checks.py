"""The training self-checks (notebooks/training/selfcheck.py reading vragen.yml) and the model solutions
(notebooks/training/oplossingen.py), on two municipalities, each held against values written down elsewhere, never
against each other:

* live (data/): the documents in /work/shared/seeds/. The 2e Rapportage Sociaal Domein 2019 (tabel 1, 4-7, peildatum
  9-9-2019), the Programmabegroting 2025 (PB 2025), the Jaarstukken 2024 and the Jaarverslag 2022. The PB 2025
  prints 45,9% for the 2023 share of youths three years or longer in care; the Jaarstukken 2024 revised it to 46,1%.
  One-decimal figures are held to 0.05, so the one cannot pass for the other.
* waterveen (tests/fixtures/waterveen/data): the figures written in tests/fixtures/waterveen/make_data.py. Its
  share of youths in care three years or longer has one publication per year (2023 in the Jaarrekening 2023, 2024 in
  the Jaarrekening 2024), so no figure is revised; no begroting is 0. Those two questions are skipped there.

The questions of notebook 02's toy extract and notebook 06's practice publication are facts of the training
material (see the docstring of test_training_notebooks.py) and the same for both.
"""

import ast
import json
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from training_helpers import ROOT, TRAINING, WATERVEEN

from sdlib.data.errors import SdlibError

SKIP = "overgeslagen"
J23, J24 = "wv_jaarstukken_2023", "wv_jaarstukken_2024"

# question: (value, tolerance); a set for a list answer, None for "no verdict" (answered "geen oordeel")
LIVE = {
    "01.doelstelling": ("2.1", None),  # Jaarstukken 2024, Programma 2: the share is an indicator of doelstelling 2.1
    "01.bron_nieuwste": ("js2024", None),  # the realisatie 2024 (48,0%) is published in the Jaarstukken 2024
    "01.aandeel_eerste_publicatie": (45.9, 0.05),  # 2023 is revised; PB 2025 printed it first: 45,9% (not 46,1%)
    "01.begroting": (45.0, 0.05),  # Jaarstukken 2024: begroting 2024 45,0% (realisatie 48,0%)
    "02.jeugdigen_uit_stromen": (3795, 0),  # first year with both: 2016, doorstroom 2.545 (tabel 4) + uitstroom 1.250
    #                                         (tabel 5); tabel 1 prints 3.795 as the 'instroom' of 2015
    "03.kosten_per_jeugdige": (5565, 0.5),  # 2018 (2019: peildatum 9-9-2019): € 23.307.274 (tabel 7) / 4.188
    #                                         (tabel 6)
    "03.index": (150.5, 0.05),  # 23.307.274 (2018) / 15.481.766 (2015) x 100 (tabel 7)
    "03.waarom_onvolledig": ("b", None),  # tabel 7: 2019 with peildatum 9-9-2019
    "03.lasten_euro": (-92_186_000, 0),  # Jaarstukken 2024, totalen per doelstelling: lasten 2.1 -92.186 x €1.000
    "04.richting_eenzaamheid": ("lower", None),  # a lower loneliness score is better
    "04.doel_aandeel": (False, None),  # Jaarstukken 2024: 48,0% against 45,0%, 'Doel gehaald: Nee'
    "04.aantal_gehaald": (4, 0),  # Jaarstukken 2024 'Ja' for 2024: leeftijd instroom, Veilig Thuis-adviezen,
    #                               mantelzorg eigen omgeving, goede gezondheid
    "04.geen_doel": (None, None),  # Jaarverslag 2022: inZet's clients 'Begroting 0,0 %', realisatie 87,3 %
    "04.budget_afwijking": (-20.3, 0.05),  # Jaarstukken 2024: (2.790 - 3.500) / 3.500 x 100
    "04.budget_als_lager": (True, None),  # 2.790 <= 3.500
    "05.laatste_jaar": (2024, 0),  # the share has a realisatie for 2023 (PB 2025, JS 2024) and 2024 (JS 2024)
    "05.bronnen_verantwoording": ({"js2024"}, None),  # the Jaarstukken 2024 print begroting and realisatie of 2023
    #                                                   and 2024, each the newest publication of its year
    "05.commando": ("sdlib report run jeugdhulp_drie_jaar -p jaar=2023", None),  # the first year of the share
    "06.verschil": (-0.4, 0.005),  # the practice figure is 0,4 lower (notebook 06)
    "06.nieuwste": (47.6, 0.005),  # 48,0 (Jaarstukken 2024) - 0,4
}
WATERVEEN_VALUES = {  # tests/fixtures/waterveen/make_data.py
    "01.doelstelling": ("4.1", None),  # SERIES: jeugdhulp_3jaar_aandeel, objective 4.1
    "01.bron_nieuwste": (J24, None),  # indicator(): the realisatie 2024 comes from the Jaarrekening 2024
    "01.aandeel_eerste_publicatie": (SKIP, None),  # indicator(): every year from one document, nothing revised
    "01.begroting": (31.0, 0.05),  # jeugdhulp_3jaar_aandeel: begroting 2024 31.0
    "02.jeugdigen_uit_stromen": (1850, 0),  # first year with both: 2021, doorstroom 1210 + uitstroom 640
    "03.kosten_per_jeugdige": (5192.3, 0.05),  # 2023 (2024 runs to 30 June): 8.100.000 / 1.560
    "03.index": (112.5, 0.05),  # 8.100.000 (2023) / 7.200.000 (2021) x 100
    "03.waarom_onvolledig": ("b", None),  # 2024 with reference_date 2024-06-30
    "03.lasten_euro": (-41_870_000, 0),  # FINANCE: 2024, "4.1" lasten -41870 x € 1.000
    "04.richting_eenzaamheid": ("lower", None),  # SERIES: eenzaamheid_score lower
    "04.doel_aandeel": (False, None),  # 33.1 against 31.0, lower is better
    "04.aantal_gehaald": (6, 0),  # 2024: leeftijd instroom 8.2<=8.3, tevreden 80>=80, past 81>=80, budget within
    #                               5% (3250/3300), eigen omgeving 77>=70, gezondheid 76>=75
    "04.geen_doel": (SKIP, None),  # no begroting of 0
    "04.budget_afwijking": (-1.52, 0.005),  # (3250 - 3300) / 3300 x 100
    "04.budget_als_lager": (True, None),  # 3250 <= 3300
    "05.laatste_jaar": (2024, 0),  # the share has a realisatie for 2023 and 2024
    "05.bronnen_verantwoording": ({J23, J24}, None),  # 2023 from the Jaarrekening 2023, 2024 from 2024
    "05.aantal_databestanden": (27, 0),  # main(): 21 series files + gemeente.yml, wijken.csv, sources.csv,
    #                                      catalog.yml, toelichtingen.csv, passages.csv
    "05.commando": ("sdlib report run jeugdhulp_drie_jaar -p jaar=2023", None),
    "06.verschil": (-0.4, 0.005),
    "06.nieuwste": (32.7, 0.005),  # 33.1 - 0.4
}
MATERIAL = {  # notebook 02's toy extract counted by hand; notebook 06's practice CSV ("46,5"-like value on line 3)
    "02.jeugdigen": (7, 0),  # third year: J01 J03 J04 J05 J06 J07 J11
    "02.instroom": (2, 0),  # J05 J06
    "02.doorstroom": (4, 0),  # J01 J04 J07 J11
    "02.uitstroom": (3, 0),  # J02 J08 J09
    "02.herintreders": ({"J09", "J12"}, None),  # fourth year
    "02.instroom_eerste_jaar": (6, 0),  # J01 J02 J03 J07 J09 J12
    "02.waarom_eerste_jaar": ("b", None),
    "06.fout_kolom": ("value", None),
    "06.fout_regel": (3, 0),
}
EXPECTED = {"live": {**MATERIAL, **LIVE}, "waterveen": {**MATERIAL, **WATERVEEN_VALUES}}
NOT_LITERAL = {"live": {"05.aantal_databestanden"}, "waterveen": set()}  # data/ grows with every publication
NEEDS_INPUT = {  # model solutions that work on what the notebook made
    "02.jeugdigen",
    "02.instroom",
    "02.doorstroom",
    "02.uitstroom",
    "02.herintreders",
    "02.instroom_eerste_jaar",
    "05.bronnen_verantwoording",
    "05.aantal_databestanden",
    "06.fout_kolom",
    "06.fout_regel",
    "06.verschil",
    "06.nieuwste",
}


def same(found, value, tol) -> bool:
    if isinstance(value, set):
        return {str(x).casefold() for x in found} == {str(x).casefold() for x in value}
    if tol is None:
        return found == value and type(found) is type(value)
    return isinstance(found, (int, float)) and not isinstance(found, bool) and abs(found - value) <= tol


def answer_for(value):
    if isinstance(value, set):
        return sorted(value)
    return "geen oordeel" if value is None else value


def test_every_question_is_held_against_a_written_value(selfcheck):
    for which in ("live", "waterveen"):
        assert set(EXPECTED[which]) | NOT_LITERAL[which] == set(selfcheck.questions()), which


def test_expected_values_match_the_documents_and_make_data(municipality, selfcheck):
    for qid, (value, tol) in EXPECTED[municipality].items():
        if value == SKIP:
            with pytest.raises(selfcheck.Skipped):
                selfcheck.expected(qid)
            assert selfcheck.skip_reason(qid)
            continue
        found = selfcheck.expected(qid)
        assert same(found, value, tol), (qid, found, value)
        assert selfcheck.check(qid, answer_for(value), show=False), qid


def test_the_questions_name_the_years_and_documents_of_each_municipality(municipality, selfcheck):
    text = selfcheck.ask_text
    if municipality == "live":
        assert "over 2023 volgens de publicatie Programmabegroting 2025 (pb2025)" in text(
            "01.aandeel_eerste_publicatie"
        )
        assert "in 2015 jeugdhulp hadden" in text("02.jeugdigen_uit_stromen")  # doorstroom and uitstroom from 2016
        assert "zonder verblijf in 2018, met 2015 = 100" in text("03.index")  # 2019 is not a whole year
        assert "lasten van doelstelling 2.1 over 2024 als -92.186" in text("03.lasten_euro")
        assert "In 2022 staat bij de indicator" in text("04.geen_doel")  # the Jaarverslag 2022's 'Begroting 0,0 %'
    else:
        assert "in 2020 jeugdhulp hadden" in text("02.jeugdigen_uit_stromen")  # flows from 2021
        assert "zonder verblijf in 2023, met 2021 = 100" in text("03.index")  # 2024 runs to 30 June
        assert "lasten van doelstelling 4.1 over 2024 als -41.870" in text("03.lasten_euro")
    assert (
        text("02.jeugdigen", jaar=1234)
        == "Hoeveel unieke jeugdigen hadden zorg in 1234, het derde jaar van het uittreksel?"
    )
    with pytest.raises(TypeError, match="jaar="):
        text("02.jeugdigen")  # the notebook must say which year of its own extract it asks about


def test_the_revised_share_does_not_pass_for_the_first_publication(live, selfcheck):
    assert selfcheck.expected("01.aandeel_eerste_publicatie") == pytest.approx(45.9, abs=0.05)
    assert not selfcheck.check("01.aandeel_eerste_publicatie", 46.1, show=False)
    assert not selfcheck.check("01.aandeel_eerste_publicatie", 46.0, show=False)
    assert selfcheck.check("01.aandeel_eerste_publicatie", 45.9, show=False)


def test_a_question_without_data_is_skipped_with_a_dutch_line(waterveen, selfcheck, capsys):
    for answer in (None, 45.9, "iets"):
        assert selfcheck.check("01.aandeel_eerste_publicatie", answer) is False
        out = capsys.readouterr().out
        assert out.startswith("Deze opdracht slaan we over: ") and "herzien" in out
    assert selfcheck.results()["01.aandeel_eerste_publicatie"] == "overgeslagen"
    assert selfcheck.ask_text("04.geen_doel").startswith("Deze opdracht slaan we over: geen indicator heeft")
    for qid in ("01.doelstelling", "01.bron_nieuwste", "01.begroting"):
        selfcheck.check(qid, answer_for(WATERVEEN_VALUES[qid][0]), show=False)
    summary = selfcheck.summary("01")
    assert summary["overgeslagen"] == ["01.aandeel_eerste_publicatie"] and len(summary["goed"]) == 3
    out = capsys.readouterr().out
    assert "Alle 3 zelftoetsen van notebook 01 zijn goed" in out and "1 opdracht is overgeslagen" in out


def test_a_series_the_municipality_does_not_publish_is_skipped(waterveen, selfcheck, tmp_path):
    path = tmp_path / "vragen.yml"
    path.write_text(
        "questions:\n"
        "  - id: '09.poh'\n"
        "    title: Trajecten POH-jeugd\n"
        "    ask: Hoeveel trajecten in {jaar}?\n"
        "    type: number\n"
        "    values: {jaar: {latest_year: poh_jeugd_trajecten}}\n"  # the first municipality publishes it, Waterveen not
        "    expected: {series: poh_jeugd_trajecten, year: $jaar}\n"
        "    hint: h\n",
        encoding="utf-8",
    )
    selfcheck.load(path)
    fb = selfcheck.evaluate("09.poh", 12)
    assert fb.status == "overgeslagen"
    assert (
        fb.message
        == "Deze opdracht slaan we over: de reeks poh_jeugd_trajecten staat niet in de gegevens van deze gemeente."
    )


# --- one rule for 'doel gehaald': the training's verdicts are those of sdlib.calc.indicators.table

PUBLISHED_2024 = {  # 'Doel gehaald' over 2024 as printed
    "live": {  # Jaarstukken 2024 ('Ja' for four indicators, 'Nee' for the other twelve)
        "jeugdhulp_leeftijd_instroom": True,
        "jeugdhulp_leeftijd_uitstroom": False,
        "jeugdhulp_3jaar_aandeel": False,
        "verwijsindex_matches": False,
        "veilig_thuis_adviezen": True,
        "veilig_thuis_meldingen": False,
        "wmo_budget_per_client": False,
        "wmo_tevreden_kwaliteit": False,
        "wmo_past_bij_hulpvraag": False,
        "inzet_tevreden": False,
        "mantelzorg_ondersteund_algemeen": False,
        "mantelzorg_ondersteund_gemeente": False,
        "mantelzorg_ondersteund_eigen_omgeving": True,
        "vrijwilligers": False,
        "eenzaamheid_score": False,
        "goede_gezondheid": True,
    },
    "waterveen": {  # make_data.py: the verdicts 2024 of the Jaarrekening 2024 (catalog_text)
        "jeugdhulp_leeftijd_instroom": True,
        "jeugdhulp_leeftijd_uitstroom": False,
        "jeugdhulp_3jaar_aandeel": False,
        "wmo_tevreden_kwaliteit": True,
        "wmo_past_bij_hulpvraag": True,
        "wmo_budget_per_client": True,
        "mantelzorg_ondersteund_algemeen": False,
        "mantelzorg_ondersteund_eigen_omgeving": True,
        "eenzaamheid_score": False,
        "goede_gezondheid": True,
    },
}


def _verdict_questions(tmp_path, pairs) -> str:
    lines = ["questions:"]
    for i, (sid, year) in enumerate(pairs):
        lines += [
            f"  - id: '09.v{i}'",
            f"    title: {sid} {year}",
            "    type: bool",
            f"    expected: {{verdict: {sid}, year: {year}}}",
            "    hint: h",
        ]
    path = tmp_path / "vragen.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_verdicts_of_2024_are_those_the_documents_printed(municipality, selfcheck, tmp_path):
    pairs = [(sid, 2024) for sid in PUBLISHED_2024[municipality]]
    selfcheck.load(_verdict_questions(tmp_path, pairs))
    found = {sid: selfcheck.expected(f"09.v{i}") for i, (sid, _) in enumerate(pairs)}
    assert found == PUBLISHED_2024[municipality]


def test_every_indicator_and_year_gets_the_verdict_of_the_indicator_table(municipality, selfcheck, tmp_path):
    from sdlib.calc.indicators import indicator_ids, indicator_years, table

    pairs = [(sid, year) for year in indicator_years() for sid in indicator_ids()]
    selfcheck.load(_verdict_questions(tmp_path, pairs))
    for i, (sid, year) in enumerate(pairs):
        row = table(year).set_index("id").loc[sid]
        computed = None if row["computed"] is None else bool(row["computed"])
        assert selfcheck.expected(f"09.v{i}") is computed, (sid, year)
    if municipality == "live":  # the Jaarverslag 2022 prints 'Begroting 0,0 %' for inZet: no target, no verdict
        assert selfcheck.expected(f"09.v{pairs.index(('inzet_tevreden', 2022))}") is None


# --- the model solutions, by the same written values (not by the engine's expected values)


def test_every_question_has_a_model_solution_and_each_notebook_two_to_eight(selfcheck, oplossingen):
    assert set(oplossingen.SOLUTIONS) == set(selfcheck.questions())
    for nb in ["01", "02", "03", "04", "05", "06"]:
        assert 2 <= len(selfcheck.questions(nb)) <= 8


def test_model_solutions_give_the_written_values(municipality, oplossingen):
    for qid, (value, tol) in EXPECTED[municipality].items():
        if qid in NEEDS_INPUT:
            continue
        found = oplossingen.solution(qid)
        if isinstance(found, np.generic):
            found = found.item()
        if value == SKIP:
            assert found is None, qid  # nothing to answer: the self-check skips the question
        elif value is None:
            assert found == "geen oordeel", qid
        else:
            assert same(found, value, tol), (qid, found, value)


def test_model_solutions_count_the_toy_extract_whatever_year_it_begins(oplossingen):
    for begin in (2015, 2021):

        def d(year: int, day: str, begin=begin):
            return pd.Timestamp(f"{begin + year - 1}-{day}")

        records = pd.DataFrame(
            [
                ("J01", d(1, "01-01"), None),
                ("J02", d(1, "01-01"), d(2, "06-30")),
                ("J03", d(1, "01-01"), d(1, "11-30")),
                ("J03", d(3, "04-01"), d(3, "12-31")),
                ("J04", d(2, "09-01"), d(3, "03-31")),
                ("J05", d(3, "02-01"), d(3, "08-31")),
                ("J05", d(3, "05-01"), d(3, "10-31")),
                ("J06", d(3, "10-01"), None),
                ("J07", d(1, "01-01"), d(3, "01-31")),
                ("J08", d(2, "02-01"), d(2, "12-31")),
                ("J09", d(1, "01-01"), d(2, "03-31")),
                ("J09", d(4, "01-15"), None),
                ("J10", d(4, "05-01"), None),
                ("J11", d(2, "03-01"), d(2, "12-31")),
                ("J11", d(3, "01-01"), d(4, "06-30")),
                ("J12", d(1, "01-01"), d(1, "05-31")),
                ("J12", d(4, "02-01"), d(4, "09-30")),
            ],
            columns=["client_id", "start_date", "end_date"],
        )
        records["end_date"] = pd.to_datetime(records["end_date"])
        for qid, (value, tol) in MATERIAL.items():
            if qid.startswith("02.") and qid in NEEDS_INPUT:
                assert same(oplossingen.solution(qid, records=records), value, tol), (begin, qid)


def test_model_solutions_read_what_the_notebooks_made(oplossingen):
    assert oplossingen.solution("05.aantal_databestanden", manifest={"data_files": {"a.csv": "1", "b.csv": "2"}}) == 2
    diff = pd.DataFrame({"year": [2024], "measure": ["realisatie"], "difference": [-0.4]})
    assert oplossingen.solution("06.verschil", diff=diff) == -0.4


def test_unknown_solution_names_the_known_ones(oplossingen):
    with pytest.raises(KeyError, match="03.index"):
        oplossingen.solution("03.bestaat_niet")


# --- feedback

HINTS_LIVE = [
    # the analyst's findings: a thousands point in Dutch notation, and a text where a list was asked
    ("02.jeugdigen_uit_stromen", 3.795, "je schreef 3.795: in Python is de punt een decimaalteken"),
    ("02.jeugdigen_uit_stromen", 3.795, "Schrijf 3795, niet 3.795."),
    ("03.kosten_per_jeugdige", 5.565, "Schrijf 5565, niet 5.565."),
    ("02.herintreders", "J09, J12", 'je gaf tekst ("J09, J12"), geen lijst. Geef een lijst, zoals ["J09", "J12"].'),
    ("02.herintreders", "J09 J12 J03", 'Geef een lijst, zoals ["J09", "J12", "J03"].'),
    # known mistakes of vragen.yml, with the figures of the data in them
    ("03.kosten_per_jeugdige", 23307274 / 4188 / 1000, "factor 1.000"),
    ("03.kosten_per_jeugdige", "5.565", "tekst"),
    ("03.kosten_per_jeugdige", "5000", "je gaf tekst ('5000'), geen getal"),
    ("03.kosten_per_jeugdige", 4188, "deel de kosten van jeugdhulp zonder verblijf in 2018"),
    ("03.kosten_per_jeugdige", pd.Series([1.0, 2.0]), "filter tot één cijfer"),
    ("01.aandeel_eerste_publicatie", 46.1, "vintage='pb2025'"),
    ("01.aandeel_eerste_publicatie", 46.1, "de herziene versie uit Jaarstukken 2024"),
    ("01.aandeel_eerste_publicatie", 0.459, "procentpunten"),
    ("02.jeugdigen_uit_stromen", 2545 - 1250, "je trok af; jeugdigen(2015) = doorstroom(2016) + uitstroom(2016)"),
    ("03.index", 50.5, "groei in procenten"),
    ("03.index", 1.505, "vergeet niet x 100"),
    ("03.index", 66.4, "2018 gedeeld door 2015"),
    ("03.lasten_euro", -92186, "vermenigvuldig met 1.000"),
    ("03.lasten_euro", -92186.0, "vermenigvuldig met 1.000"),  # a whole number is no thousands point
    ("03.lasten_euro", 92_186_000, "minteken"),
    ("03.lasten_euro", -92.186, "Nederlandse notatie voor -92186"),
    ("04.doel_aandeel", True, "de realisatie 48,0% met het doel 45,0%"),
    ("04.doel_aandeel", True, "lager is beter"),
    ("04.geen_doel", False, "een begroting van 0,0% is dan geen doel"),
    ("04.geen_doel", "Nee", "geen doel"),
    ("04.budget_afwijking", 20.3, "teken"),
    ("04.budget_afwijking", -710, "verschil in euro"),
    ("04.budget_afwijking", 79.7, "trek er 100 af"),
    ("05.laatste_jaar", 2023, "eerste geldige waarde"),
    ("05.commando", "sdlib report run jeugdhulp_drie_jaar", "-p"),
    ("06.nieuwste", 48.0, "data_dir=tmp"),
    ("06.verschil", 0.4, "nieuw min oud"),
    ("02.jeugdigen", 8, "regels (trajecten)"),
    ("02.herintreders", ["J09"], "ontbreekt 1"),
    ("02.herintreders", ["J09", "J12", "J03"], "1 hoort er niet bij"),
]
HINTS_WATERVEEN = [
    ("02.jeugdigen_uit_stromen", 1.850, "Schrijf 1850, niet 1.850."),  # 1210 + 640
    ("02.jeugdigen_uit_stromen", 1210 - 640, "jeugdigen(2020) = doorstroom(2021) + uitstroom(2021)"),
    ("03.lasten_euro", -41.870, "Nederlandse notatie voor -41870"),
    ("04.doel_aandeel", True, "de realisatie 33,1% met het doel 31,0%"),
    ("06.nieuwste", 33.1, "data_dir=tmp"),
]


@pytest.mark.parametrize("qid, wrong, hint", HINTS_LIVE, ids=[f"{q}-{w!r}"[:60] for q, w, _ in HINTS_LIVE])
def test_wrong_answer_gets_a_dutch_hint(live, selfcheck, qid, wrong, hint, capsys):
    assert selfcheck.check(qid, wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("Nog niet goed: ")
    assert hint in out
    assert selfcheck.results()[qid] == "fout"


@pytest.mark.parametrize("qid, wrong, hint", HINTS_WATERVEEN, ids=[q for q, _, _ in HINTS_WATERVEEN])
def test_wrong_answer_gets_a_hint_with_waterveens_figures(waterveen, selfcheck, qid, wrong, hint):
    fb = selfcheck.evaluate(qid, wrong)
    assert fb.status == "fout" and hint in fb.message


def test_a_thousands_point_is_recognised_as_in_the_analysts_finding(selfcheck, tmp_path):
    path = tmp_path / "vragen.yml"
    path.write_text(
        "questions:\n  - {id: '09.uitstroom', title: Uitstroom, type: number, expected: 1250, hint: tel op.}\n",
        encoding="utf-8",
    )
    selfcheck.load(path)
    fb = selfcheck.evaluate("09.uitstroom", 1.250)
    assert fb.message == (
        "Nog niet goed: je schreef 1.250: in Python is de punt een decimaalteken, geen duizendtallenpunt. "
        "Schrijf 1250, niet 1.250."
    )
    assert selfcheck.evaluate("09.uitstroom", 1.25).message == fb.message  # Python reads 1.250 as 1.25
    assert selfcheck.evaluate("09.uitstroom", 12.5).message == "Nog niet goed: tel op."  # not a thousands point
    assert selfcheck.evaluate("09.uitstroom", 1250.0).status == "goed"


@pytest.mark.parametrize(
    "qid, answer, message",
    [
        # 45,0 typed without quotes is two numbers in Python
        ("01.begroting", (45, 0), "je schreef 45,0: in Python is dat geen getal. Schrijf 45.0 (met een punt)."),
        (
            "04.budget_afwijking",
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
            "05.laatste_jaar",
            "2024",
            "de waarde klopt, maar je gaf tekst ('2024'): schrijf het getal zonder aanhalingstekens, zo: 2024.",
        ),
        (
            "03.kosten_per_jeugdige",
            "5.565,25",
            "de waarde klopt, maar je gaf tekst ('5.565,25'): schrijf het getal zonder aanhalingstekens, zo: 5565.25.",
        ),
    ],
)
def test_decimal_comma_and_wrong_type_get_one_clear_message(live, selfcheck, qid, answer, message):
    fb = selfcheck.evaluate(qid, answer)
    assert fb.status == "fout"
    assert fb.message == "Nog niet goed: " + message


@pytest.mark.parametrize("answer", [2.3, 3, (2, 3), True, ["2.1"]])
def test_a_wrong_type_never_names_python_types_or_contradicts_itself(live, selfcheck, answer):
    message = selfcheck.evaluate("01.doelstelling", answer).message
    assert "tuple" not in message and "float" not in message and "int" not in message.split()
    assert '"2.3"' not in message or answer == (2, 3)  # no example that is not what the learner wrote
    for qid in ("03.index", "04.doel_aandeel", "05.commando", "02.herintreders"):
        assert "tuple" not in selfcheck.evaluate(qid, answer).message


def test_right_answer_is_praised_with_the_figures_of_the_data(municipality, selfcheck, capsys):
    value = {"live": 5565.25, "waterveen": 5192.3}[municipality]
    assert selfcheck.check("03.kosten_per_jeugdige", value) is True
    praise = {
        "live": "Goed! € 23.307.274 / 4.188 jeugdigen = € 5.565 per jeugdige.",  # tabel 6 en 7
        "waterveen": "Goed! € 8.100.000 / 1.560 jeugdigen = € 5.192 per jeugdige.",  # make_data.py, 2023
    }[municipality]
    assert capsys.readouterr().out.strip().replace("\u00a0", " ") == praise  # fmt_eur: a no-break space after €


def test_no_answer_yet_is_friendly_not_an_error(live, selfcheck, capsys):
    assert selfcheck.check("02.instroom", None) is False
    assert selfcheck.NO_ANSWER in capsys.readouterr().out
    assert selfcheck.results() == {"02.instroom": "leeg"}


@pytest.mark.parametrize(
    "qid, answer",
    [
        ("01.bron_nieuwste", "Jaarstukken 2024"),  # short title instead of the id
        ("01.doelstelling", "doelstelling 2,1"),
        ("04.richting_eenzaamheid", "Lager"),
        ("04.doel_aandeel", "Nee"),
        ("04.doel_aandeel", np.bool_(False)),
        ("04.geen_doel", "geen doel"),
        ("03.kosten_per_jeugdige", pd.Series([5565.3])),  # a one-row filter result
        ("03.kosten_per_jeugdige", np.float64(5565.0)),
        ("02.herintreders", {"j12", "J09"}),
        ("02.herintreders", ("J12", "J09")),
        ("05.bronnen_verantwoording", ["Jaarstukken 2024"]),  # short titles stand for their ids
        ("05.commando", "!.venv/bin/sdlib report run jeugdhulp_drie_jaar -p  jaar=2023"),
    ],
)
def test_reasonable_spellings_are_accepted(live, selfcheck, qid, answer):
    assert selfcheck.check(qid, answer, show=False)


def test_bool_is_not_taken_for_a_number(live, selfcheck):
    assert not selfcheck.check("02.instroom", True, show=False)


def test_unknown_question_names_the_known_ones(selfcheck):
    with pytest.raises(KeyError, match="03.index"):
        selfcheck.check("03.bestaat_niet", 1)


def test_summary_counts_per_notebook(live, selfcheck, capsys):
    selfcheck.check("03.index", 150.5)
    selfcheck.check("03.waarom_onvolledig", "a")
    result = selfcheck.summary("03")
    assert result["total"] == 4 and result["overgeslagen"] == []
    assert result["goed"] == ["03.index"]
    assert result["fout"] == ["03.waarom_onvolledig"]
    assert "1 van 4 zelftoetsen van notebook 03 goed" in capsys.readouterr().out


# --- the question file


def test_another_question_file_can_be_loaded(live, selfcheck, tmp_path):
    path = tmp_path / "vragen.yml"
    path.write_text(
        "questions:\n"
        "  - id: '09.som'\n"
        "    title: Een som\n"
        "    ask: Tel op voor {jaar}.\n"
        "    type: number\n"
        "    values: {jaar: {first_year: jeugdhulp_instroom}, a: 2, b: {series: jeugdhulp_instroom, year: $jaar}}\n"
        "    expected: {formula: (a + b) * 2}\n"
        "    hint: tel eerst op.\n"
        "    mistakes: [{answer: {formula: expected / 2}, hint: 'vergeet niet x 2 ({expected}).'}]\n",
        encoding="utf-8",
    )
    bank = selfcheck.load(path)
    assert bank.questions() == ["09.som"] and selfcheck.ask_text("09.som") == "Tel op voor 2015."
    assert selfcheck.expected("09.som") == (2 + 3795) * 2  # tabel 1: instroom 2015 3.795
    assert selfcheck.evaluate("09.som", 3797).message == "Nog niet goed: vergeet niet x 2 (7.594)."


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
        ("{id: '09.x', title: X, type: number, expected: $jaar, hint: h}", "$jaar staat niet (eerder) in values"),
        (
            "{id: '09.x', title: X, type: number, values: {j: {latest_jaar: a}}, expected: 1, hint: h}",
            "precies één van de sleutels",
        ),
        (
            "{id: '09.x', title: X, type: number, expected: {publication: a, year: 1, which: middle}, hint: h}",
            "which: 'middle' is onbekend",
        ),
        (
            "{id: '09.x', title: X, ask: 'In {jaar}?', type: number, expected: 1, hint: h}",
            "{jaar} staat niet in values",
        ),
        ("{id: '09.x', title: X, ask: 'Is het {expected}?', type: number, expected: 1, hint: h}", "{expected}"),
        ("{id: '09.x', title: X, type: number, expected: 1, hint: 'in {x:euro}'}", "onbekende opmaak {x:euro}"),
    ],
)
def test_a_wrong_question_file_is_refused_with_the_question_named(selfcheck, tmp_path, question, error):
    path = tmp_path / "vragen.yml"
    path.write_text(f"questions:\n  - {question}\n", encoding="utf-8")
    with pytest.raises(SdlibError) as info:
        selfcheck.QuestionBank.from_file(path)
    assert "vragen.yml, vraag 1" in str(info.value) and error in str(info.value)


# --- every municipality, every rule once, and nothing of the quiz in the package


def _data_words(folder) -> set[str]:
    """The names a data folder gives its municipality: name, districts, documents, programme and objectives."""
    import csv

    import yaml

    words = {yaml.safe_load((folder / "gemeente.yml").read_text(encoding="utf-8"))["name"]}
    with (folder / "reference" / "wijken.csv").open(encoding="utf-8") as fh:
        words |= {row["district"] for row in csv.DictReader(line for line in fh if not line.startswith("#"))}
    with (folder / "sources.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            words |= {row["id"], row["short_title"]}
    catalog = yaml.safe_load((folder / "catalog.yml").read_text(encoding="utf-8"))
    words |= {catalog["programme"]["title"], *catalog["objectives"].values()}
    words |= {f"doelstelling {o}" for o in catalog["objectives"]} | {f"Programma {catalog['programme']['id']}"}
    return {w for w in words if w}


def _training_texts() -> dict[str, str]:
    texts = {"vragen.yml": (TRAINING / "vragen.yml").read_text(encoding="utf-8")}
    for path in sorted(TRAINING.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        texts[path.name] = "\n".join("".join(c["source"]) for c in nb["cells"])
    return texts


def test_nothing_in_the_notebooks_or_questions_belongs_to_one_municipality():
    words = _data_words(ROOT / "data") | _data_words(WATERVEEN) | {"inZet", "Binnenbaan", "GGD", "Zoetermeer"}
    year = re.compile(r"(?<![\d.])(19|20)\d\d(?![\d.])")
    for name, text in _training_texts().items():
        for word in sorted(words):
            assert word.casefold() not in text.casefold(), (name, word)
        assert not year.search(text), (
            name,
            year.search(text).group(0),
            text[max(0, year.search(text).start() - 80) :][:160],
        )


def _sources_of_the_training() -> dict[str, str]:
    out = {p.name: p.read_text(encoding="utf-8") for p in (TRAINING / "selfcheck.py", TRAINING / "oplossingen.py")}
    for path in sorted(TRAINING.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        out[path.name] = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return out


def test_no_verdict_or_rounding_of_its_own_in_the_training():
    """The verdict and the printed value are the library's (sdlib.calc.indicators, sdlib.calc.values)."""
    for name, source in _sources_of_the_training().items():
        tree = ast.parse(source)  # the code cells of a notebook are plain Python
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                assert called not in ("round", "half_up", "quantize"), (name, ast.unparse(node))
            if isinstance(node, ast.FunctionDef):
                assert node.name not in ("verdict", "no_target", "printed_value", "half_up"), (name, node.name)
            if isinstance(node, ast.Compare) and any(isinstance(op, (ast.GtE, ast.LtE)) for op in node.ops):
                compared = ast.unparse(node)
                assert not ("realisatie" in compared and "begroting" in compared), (name, compared)


def test_the_quiz_engine_is_not_in_the_package():
    import importlib.util

    assert importlib.util.find_spec("sdlib.present.selfcheck") is None
    assert importlib.util.find_spec("sdlib.training") is None
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "sdlib").rglob("*"))
        if path.is_file() and path.suffix in (".py", ".yml", ".md", ".txt")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "selfcheck" in line
    ]
    assert found == []  # grep -rn selfcheck sdlib


@pytest.mark.slow  # starts a Python subprocess
def test_the_checks_need_no_report_runner(selfcheck):
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(TRAINING)!r})\n"
        "import selfcheck\n"
        "for q in selfcheck.questions():\n"
        "    try:\n"
        "        selfcheck.expected(q)\n"
        "    except selfcheck.Skipped:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('sdlib.report')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
