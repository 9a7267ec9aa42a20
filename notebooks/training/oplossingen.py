"""Modeloplossingen van de training-notebooks, uitgewerkt zoals een cursist het zou doen.

De notebooks vullen ze in als de parameter ``oplossingen`` aan staat (de tests draaien ze zo)::

    if oplossingen:
        from oplossingen import solution      # dit bestand, naast de notebooks
        antwoord = solution("03.index")

Zit je vast, dan kun je ze ook gewoon lezen: elke functie is de korte berekening die de opdracht vraagt, met de
jaren en publicaties uit de gegevens (nooit een vast jaar). De goede antwoorden zelf staan in ``vragen.yml``; dit
bestand rekent ze los daarvan uit. Hebben de gegevens van een gemeente niets voor een opdracht (een reeks die ze
niet publiceert, geen herzien cijfer), dan geeft ``solution`` None: de zelftoets slaat die opdracht dan over.
"""

from __future__ import annotations

import sdlib
from sdlib.calc import choices
from sdlib.calc.analysis import growth_index
from sdlib.calc.figures import figure, publications, revised_years
from sdlib.calc.indicators import indicator_years, table, verdict
from sdlib.calc.periods import latest_year, span, years_with
from sdlib.data import paths
from sdlib.data.errors import MissingDataError, UnknownSeriesError

__all__ = ["SOLUTIONS", "solution", "years_with_care"]

AANDEEL = "jeugdhulp_3jaar_aandeel"
ZONDER_VERBLIJF = "jeugdhulp zonder verblijf"


def _jaar_met_beide(rows) -> int:
    """Het nieuwste jaar met een realisatie én een begroting."""
    beide = set(years_with(rows, measure="realisatie")) & set(years_with(rows, measure="begroting"))
    if not beide:
        raise MissingDataError("geen jaar met een realisatie en een begroting")
    return max(beide)


def _rij(indicator: str, jaar: int):
    """De rij van een indicator in table(jaar): de waarden zoals gedrukt en het oordeel."""
    tab = table(jaar)
    return tab[tab["id"] == indicator].iloc[0]


# --- 01 Het sociaal domein in cijfers


def _01_doelstelling():
    return sdlib.series_meta(AANDEEL)["objective"]


def _01_bron_nieuwste():
    aandeel = sdlib.load(AANDEEL)
    return figure(aandeel, year=latest_year(aandeel)).source


def _01_aandeel_eerste_publicatie():
    alle = sdlib.load(AANDEEL, vintage="all")
    herzien = revised_years(alle)
    if not herzien:
        raise MissingDataError("geen jaar is door een latere publicatie herzien")
    return publications(alle, year=herzien[0])[0].value  # de eerste (oudste) publicatie van dat jaar


def _01_begroting():
    aandeel = sdlib.load(AANDEEL)
    return figure(aandeel, year=_jaar_met_beide(aandeel), measure="begroting").value


# --- 02 Instroom, doorstroom, uitstroom (op het uittreksel dat het notebook maakt)


def years_with_care(records, peildatum=None) -> dict[str, set[int]]:
    """Geef per client_id de kalenderjaren waarin ten minste één traject liep.

    Een traject zonder ``end_date`` loopt nog op de ``peildatum`` (standaard: 31 december van het laatste jaar
    waarin een traject begint of eindigt).
    """
    import pandas as pd

    if peildatum is None:
        laatste = max(records["start_date"].max(), records["end_date"].max())
        peildatum = pd.Timestamp(year=laatste.year, month=12, day=31)
    out: dict[str, set[int]] = {}
    for row in records.itertuples():
        end = pd.Timestamp(peildatum) if pd.isna(row.end_date) else pd.Timestamp(row.end_date)
        out.setdefault(row.client_id, set()).update(range(pd.Timestamp(row.start_date).year, end.year + 1))
    return out


def _clients(records, jaar_van_uittreksel: int, flow: str) -> set[str]:
    """De jeugdigen van een stroom in het n-de jaar van het uittreksel (1 = het eerste jaar)."""
    years = years_with_care(records)
    year = records["start_date"].min().year + jaar_van_uittreksel - 1
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


def _02_jeugdigen_uit_stromen():
    doorstroom, uitstroom = sdlib.load("jeugdhulp_doorstroom"), sdlib.load("jeugdhulp_uitstroom")
    jaar = min(set(years_with(doorstroom)) & set(years_with(uitstroom)))  # het eerste jaar met beide
    return figure(doorstroom, year=jaar).value + figure(uitstroom, year=jaar).value  # = jeugdigen(jaar - 1)


# --- 03 Kosten per type


def _zv(series: str):
    rows = sdlib.load(series)
    return rows[rows["care_type"] == ZONDER_VERBLIJF]


def _hele_jaar():
    """Het nieuwste hele jaar (peildatum niet binnen het jaar) met kosten én jeugdigen."""
    kosten, jeugdigen = _zv("jeugdhulp_kosten_per_type"), _zv("jeugdhulp_jeugdigen_per_type")
    return max(set(years_with(kosten, complete=True)) & set(years_with(jeugdigen, complete=True)))


def _03_kosten_per_jeugdige():
    jaar = _hele_jaar()
    kosten = figure(_zv("jeugdhulp_kosten_per_type"), year=jaar).value
    jeugdigen = figure(_zv("jeugdhulp_jeugdigen_per_type"), year=jaar).value
    return kosten / jeugdigen


def _03_index():
    kosten = _zv("jeugdhulp_kosten_per_type")
    index = growth_index(kosten, base_year=span(kosten).first)
    return index.loc[index["year"] == _hele_jaar(), "index"].item()


def _03_lasten_euro():
    fin = sdlib.load("programma_financien")
    doel = sdlib.series_meta("jeugdhulp_kosten_per_type")["objective"]
    lasten = figure(fin, year=latest_year(fin), objective=doel, component="lasten")
    gedrukt = lasten.value / 1000  # zoals in de tabel 'bedragen x €1.000'
    return gedrukt * 1000  # in hele euro's; in data/ staan de bedragen al zo


# --- 04 Indicatoren en doelen: elk oordeel uit table(jaar)


def _04_richting_eenzaamheid():
    return sdlib.series_meta("eenzaamheid_score")["direction"]


def _04_doel_aandeel():
    return bool(_rij(AANDEEL, _jaar_met_beide(sdlib.load(AANDEEL)))["computed"])


def _04_aantal_gehaald():
    return int((table(indicator_years()[-1])["computed"] == True).sum())  # noqa: E712 (None is niet True)


def _04_geen_doel():
    for jaar in indicator_years():
        tab = table(jaar)
        if tab["no_target"].any():  # een begroting van 0 waar hoger beter is: geen doel, dus geen oordeel
            return "geen oordeel"
    raise MissingDataError("geen begroting die geen doel is")


def _budget():
    return _rij("wmo_budget_per_client", _jaar_met_beide(sdlib.load("wmo_budget_per_client")))


def _04_budget_afwijking():
    rij = _budget()
    return (rij["realisatie"] - rij["begroting"]) / rij["begroting"] * 100


def _04_budget_als_lager():
    rij = _budget()
    return verdict(rij["realisatie"], rij["begroting"], "lower")


# --- 05 Van notebook naar rapport


def _jaren_drie_jaar() -> list[int]:
    """De geldige jaren van jeugdhulp_drie_jaar: de keuzefunctie die de metadata van het notebook noemt."""
    from sdlib.report import read_parameters

    (jaar,) = read_parameters(paths.notebooks_dir() / "reports" / "jeugdhulp_drie_jaar.ipynb")  # één parameter
    return choices.PROVIDERS[jaar.choice.provider](*jaar.choice.args)


def _05_laatste_jaar():
    from sdlib.report import read_parameters, validate_parameters

    specs = read_parameters(paths.notebooks_dir() / "reports" / "jeugdhulp_drie_jaar.ipynb")
    return validate_parameters(specs, {}, providers=choices.PROVIDERS)["jaar"]  # "laatste" ingevuld


def _05_bronnen_verantwoording(doc):
    return sorted({c.source for c in doc.citations})


def _05_commando():
    return f"sdlib report run jeugdhulp_drie_jaar -p jaar={_jaren_drie_jaar()[0]}"


# --- 06 Nieuwe cijfers toevoegen


def _06_verschil(diff):
    return diff.loc[diff["measure"] == "realisatie", "difference"].item()


def _06_nieuwste(data_dir):
    jaar = latest_year(sdlib.load(AANDEEL))  # het jaar dat de oefenpublicatie herziet
    return figure(sdlib.load(AANDEEL, data_dir=data_dir), year=jaar).value


SOLUTIONS = {
    "01.doelstelling": _01_doelstelling,
    "01.bron_nieuwste": _01_bron_nieuwste,
    "01.aandeel_eerste_publicatie": _01_aandeel_eerste_publicatie,
    "01.begroting": _01_begroting,
    "02.jeugdigen": lambda records: len(_clients(records, 3, "jeugdigen")),
    "02.instroom": lambda records: len(_clients(records, 3, "instroom")),
    "02.doorstroom": lambda records: len(_clients(records, 3, "doorstroom")),
    "02.uitstroom": lambda records: len(_clients(records, 3, "uitstroom")),
    "02.herintreders": lambda records: sorted(_clients(records, 4, "herintreder")),
    "02.instroom_eerste_jaar": lambda records: len(_clients(records, 1, "instroom")),
    "02.waarom_eerste_jaar": lambda: "b",
    "02.jeugdigen_uit_stromen": _02_jeugdigen_uit_stromen,
    "03.kosten_per_jeugdige": _03_kosten_per_jeugdige,
    "03.index": _03_index,
    "03.waarom_onvolledig": lambda: "b",
    "03.lasten_euro": _03_lasten_euro,
    "04.richting_eenzaamheid": _04_richting_eenzaamheid,
    "04.doel_aandeel": _04_doel_aandeel,
    "04.aantal_gehaald": _04_aantal_gehaald,
    "04.geen_doel": _04_geen_doel,
    "04.budget_afwijking": _04_budget_afwijking,
    "04.budget_als_lager": _04_budget_als_lager,
    "05.laatste_jaar": _05_laatste_jaar,
    "05.bronnen_verantwoording": _05_bronnen_verantwoording,
    "05.aantal_databestanden": lambda manifest: len(manifest["data_files"]),
    "05.commando": _05_commando,
    "06.fout_kolom": lambda error: error.problems[0].column,
    "06.fout_regel": lambda error: error.problems[0].row,
    "06.verschil": _06_verschil,
    "06.nieuwste": _06_nieuwste,
}


def solution(question_id: str, **inputs):
    """Geef de modeloplossing van een vraag, of None als de gegevens van deze gemeente er niets voor hebben.

    ``inputs`` is waar de opdracht mee werkt, zoals ``records=`` (het uittreksel van notebook 02), ``doc=`` en
    ``manifest=`` (notebook 05), ``error=``, ``diff=`` of ``data_dir=`` (notebook 06).
    """
    try:
        functie = SOLUTIONS[question_id]
    except KeyError:
        bekend = [q for q in SOLUTIONS if q.split(".")[0] == str(question_id).split(".")[0]] or list(SOLUTIONS)
        raise KeyError(f"geen modeloplossing voor {question_id!r}; bekend: {', '.join(bekend)}") from None
    try:
        return functie(**inputs)
    except (MissingDataError, UnknownSeriesError):  # deze gemeente heeft er geen cijfers voor
        return None
