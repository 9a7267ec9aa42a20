"""Modeloplossingen van de training-notebooks, uitgewerkt zoals een cursist het zou doen.

De notebooks vullen ze in als de parameter ``oplossingen`` aan staat (de tests draaien ze zo)::

    if oplossingen:
        from oplossingen import solution      # dit bestand, naast de notebooks
        antwoord = solution("03.index_2018")

Zit je vast, dan kun je ze ook gewoon lezen: elke functie is de korte berekening die de opdracht vraagt. De
goede antwoorden zelf staan in ``vragen.yml``; dit bestand rekent ze los daarvan uit.
"""

from __future__ import annotations

import ast
import json

import yaml

import sdlib
from sdlib.calc.indicators import indicator_table, verdict
from sdlib.data import paths

__all__ = ["SOLUTIONS", "solution", "years_with_care"]


def _one(df, **where) -> float:
    for col, val in where.items():
        df = df[df[col] == val]
    return df["value"].item()


# --- 01 Het sociaal domein in cijfers


def _01_doelstelling():
    return sdlib.series_meta("jeugdhulp_3jaar_aandeel")["objective"]


def _01_bron_2024():
    df = sdlib.load("jeugdhulp_3jaar_aandeel")
    return df[(df["year"] == 2024) & (df["measure"] == "realisatie")]["source"].item()


def _01_aandeel_2023_pb2025():
    df = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all")
    return _one(df, year=2023, measure="realisatie", source="pb2025")


def _01_begroting_2024():
    return _one(sdlib.load("jeugdhulp_3jaar_aandeel"), year=2024, measure="begroting")


# --- 02 Instroom, doorstroom, uitstroom (op het uittreksel dat het notebook maakt)


def years_with_care(records, peildatum="2018-12-31") -> dict[str, set[int]]:
    """Geef per client_id de kalenderjaren waarin ten minste één traject liep.

    Een traject zonder ``end_date`` loopt nog op de ``peildatum``.
    """
    import pandas as pd

    out: dict[str, set[int]] = {}
    for row in records.itertuples():
        end = pd.Timestamp(peildatum) if pd.isna(row.end_date) else pd.Timestamp(row.end_date)
        out.setdefault(row.client_id, set()).update(range(pd.Timestamp(row.start_date).year, end.year + 1))
    return out


def _clients(records, year: int, flow: str) -> set[str]:
    years = years_with_care(records)
    if flow == "jeugdigen":
        return {c for c, ys in years.items() if year in ys}
    if flow == "instroom":
        return {c for c, ys in years.items() if year in ys and min(ys) == year}
    if flow == "doorstroom":
        return {c for c, ys in years.items() if year in ys and year - 1 in ys}
    if flow == "herintreder":
        return {c for c, ys in years.items() if year in ys and year - 1 not in ys and min(ys) < year - 1}
    if flow == "uitstroom":
        return {c for c, ys in years.items() if year - 1 in ys and year not in ys}
    raise ValueError(flow)


def _02_uitstroom_2016_tabellen():
    jeugdigen_2015 = _one(sdlib.load("jeugdhulp_instroom"), year=2015)  # tabel 1: in 2015 is iedereen 'instroom'
    doorstroom_2016 = _one(sdlib.load("jeugdhulp_doorstroom"), year=2016)  # tabel 4
    return jeugdigen_2015 - doorstroom_2016


# --- 03 Kosten per type


def _zv(series: str):
    df = sdlib.load(series)
    return df[df["care_type"] == "jeugdhulp zonder verblijf"].set_index("year")["value"]


def _03_kosten_per_jeugdige_2018():
    return _zv("jeugdhulp_kosten_per_type")[2018] / _zv("jeugdhulp_jeugdigen_per_type")[2018]


def _03_index_2018():
    kosten = _zv("jeugdhulp_kosten_per_type")
    return kosten[2018] / kosten[2015] * 100


def _03_lasten_21_euro():
    gedrukt = -92.186  # zoals in de tabel 'bedragen x €1.000' (Nederlandse notatie: -92.186)
    return round(gedrukt * 1000) * 1000


# --- 04 Indicatoren en doelen


def _04_richting_eenzaamheid():
    return sdlib.series_meta("eenzaamheid_score")["direction"]


def _04_doel_3jaar_2024():
    df = sdlib.load("jeugdhulp_3jaar_aandeel")
    real = _one(df, year=2024, measure="realisatie")
    doel = _one(df, year=2024, measure="begroting")
    return verdict(real, doel, sdlib.series_meta("jeugdhulp_3jaar_aandeel")["direction"])


def _04_aantal_gehaald_2024():
    return int((indicator_table(2024)["verdict_computed"] == True).sum())  # noqa: E712 (None is niet True)


def _wmo_2024():
    df = sdlib.load("wmo_budget_per_client")
    return _one(df, year=2024, measure="realisatie"), _one(df, year=2024, measure="begroting")


def _04_wmo_afwijking_2024():
    real, doel = _wmo_2024()
    return (real - doel) / doel * 100


def _04_wmo_als_lager():
    return verdict(*_wmo_2024(), "lower")


# --- 05 Van notebook naar rapport (het notebook en het schema gelezen als JSON en YAML)


def _05_basisjaar_standaard():
    pad = paths.notebooks_dir() / "reports" / "jeugdhulp_kosten.ipynb"
    cellen = json.loads(pad.read_text(encoding="utf-8"))["cells"]
    (cel,) = [c for c in cellen if "parameters" in c["metadata"].get("tags", [])]
    for regel in ast.parse("".join(cel["source"])).body:  # regels als 'basisjaar: int = 2015'
        if isinstance(regel, ast.AnnAssign) and regel.target.id == "basisjaar":
            return ast.literal_eval(regel.value)
    return None


def _05_uitvoernaam_2023():
    schema = yaml.safe_load((paths.reports_dir() / "schedule.yml").read_text(encoding="utf-8"))
    for rapport in schema["reports"]:
        if rapport["notebook"] == "indicatoren" and rapport.get("parameters", {}).get("jaar") == 2023:
            sjabloon = rapport.get("output", schema["defaults"]["output"])
            return sjabloon.format(name="indicatoren", **rapport["parameters"])
    return None


# --- 06 Nieuwe cijfers toevoegen


def _06_nieuwste_2024(data_dir):
    return _one(sdlib.load("jeugdhulp_3jaar_aandeel", data_dir=data_dir), year=2024, measure="realisatie")


SOLUTIONS = {
    "01.doelstelling": _01_doelstelling,
    "01.bron_2024": _01_bron_2024,
    "01.aandeel_2023_pb2025": _01_aandeel_2023_pb2025,
    "01.begroting_2024": _01_begroting_2024,
    "02.jeugdigen_2017": lambda records: len(_clients(records, 2017, "jeugdigen")),
    "02.instroom_2017": lambda records: len(_clients(records, 2017, "instroom")),
    "02.doorstroom_2017": lambda records: len(_clients(records, 2017, "doorstroom")),
    "02.uitstroom_2017": lambda records: len(_clients(records, 2017, "uitstroom")),
    "02.herintreders_2018": lambda records: sorted(_clients(records, 2018, "herintreder")),
    "02.instroom_2015": lambda records: len(_clients(records, 2015, "instroom")),
    "02.waarom_2015": lambda: "b",
    "02.uitstroom_2016_tabellen": _02_uitstroom_2016_tabellen,
    "03.kosten_per_jeugdige_2018": _03_kosten_per_jeugdige_2018,
    "03.index_2018": _03_index_2018,
    "03.waarom_2019": lambda: "b",
    "03.lasten_21_euro": _03_lasten_21_euro,
    "04.richting_eenzaamheid": _04_richting_eenzaamheid,
    "04.doel_3jaar_2024": _04_doel_3jaar_2024,
    "04.aantal_gehaald_2024": _04_aantal_gehaald_2024,
    "04.wmo_afwijking_2024": _04_wmo_afwijking_2024,
    "04.wmo_als_lager": _04_wmo_als_lager,
    "05.basisjaar_standaard": _05_basisjaar_standaard,
    "05.aantal_databestanden": lambda manifest: len(manifest["data_files"]),
    "05.uitvoernaam_2023": _05_uitvoernaam_2023,
    "05.commando_indicatoren_2023": lambda: "sdlib report run indicatoren -p jaar=2023",
    "06.fout_kolom": lambda error: error.problems[0].column,
    "06.fout_regel": lambda error: error.problems[0].row,
    "06.verschil_2024": lambda diff: diff.loc[(diff["year"] == 2024) & (diff["measure"] == "realisatie"), "difference"].item(),
    "06.nieuwste_2024": _06_nieuwste_2024,
}


def solution(question_id: str, **inputs):
    """Geef de modeloplossing van een vraag.

    ``inputs`` is waar de opdracht mee werkt, zoals ``records=`` (het uittreksel van notebook 02),
    ``manifest=`` (notebook 05), ``error=``, ``diff=`` of ``data_dir=`` (notebook 06).
    """
    try:
        functie = SOLUTIONS[question_id]
    except KeyError:
        bekend = [q for q in SOLUTIONS if q.split(".")[0] == str(question_id).split(".")[0]] or list(SOLUTIONS)
        raise KeyError(f"geen modeloplossing voor {question_id!r}; bekend: {', '.join(bekend)}") from None
    return functie(**inputs)
