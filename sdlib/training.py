"""Self-checks for the training notebooks in ``notebooks/training/``: Dutch feedback on a learner's answer.

Each exercise in a training notebook ends with ``check(question_id, answer)``. The check compares the answer
with the expected value, which is computed from the sdlib data wherever the data has it, and shows Dutch
feedback: ``Goed! ...``, ``Nog niet goed: <hint>`` or ``Nog geen antwoord ...`` (when the answer is still
``None``). Every result is kept, so ``summary("03")`` can list what is right and what is still open.

For the test suite every notebook has a parameter ``oplossingen``; with it on, the exercise cells fill in
``solution(question_id, **inputs)``, the model solution of :mod:`sdlib.training_solutions`.

Example::

    from sdlib import training
    training.check("03.kosten_per_jeugdige_2018", 5565.4)   # Goed! ...
    training.check("03.kosten_per_jeugdige_2018", 5.5654)   # Nog niet goed: ...
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = [
    "Question",
    "Feedback",
    "check",
    "evaluate",
    "expected",
    "solution",
    "questions",
    "question",
    "results",
    "reset",
    "summary",
    "NO_ANSWER",
    "PRACTICE_SOURCE",
]

#: Marker shown when an exercise has not been answered yet (the answer is still None).
NO_ANSWER = "Nog geen antwoord"

#: The fictitious publication that notebook 06 adds to a copy of the data folder.
PRACTICE_SOURCE = {
    "id": "oefen2025",
    "short_title": "Oefenpublicatie 2025",
    "title": "Oefenpublicatie 2025 (fictieve cijfers voor de training)",
    "publisher": "Gemeente Zoetermeer (oefening)",
    "publication_year": 2026,
}
#: The practice figure of notebook 06: share of youths three years or longer in care, 2024 (fictitious).
PRACTICE_SHARE_2024 = 47.6
#: The line of notebook 06's practice CSV that holds the deliberate mistake (header = line 1).
PRACTICE_MISTAKE_LINE = 3

_RESULTS: dict[str, str] = {}  # question id -> "goed" | "fout" | "leeg" (the last check)


@dataclass(frozen=True)
class Question:
    """One self-check.

    Parameters
    ----------
    id : str
        ``"<notebook>.<name>"``, e.g. ``"03.kosten_per_jeugdige_2018"``.
    title : str
        Short Dutch description, used in the summary.
    kind : {"number", "choice", "bool", "set", "command"}
        How an answer is compared.
    expected : callable
        Returns the right answer (computed from the data where the data has it).
    hint : str
        Dutch hint shown after a wrong answer that matches no known mistake.
    tolerance : float
        Absolute tolerance for numbers.
    mistakes : callable, optional
        Returns ``(wrong answer, Dutch explanation)`` pairs of common mistakes.
    aliases : dict or callable, optional
        For ``choice``: other spellings (lower case) that mean a canonical answer, or a function returning them.
    explain : str
        Dutch sentence added to the praise of a right answer.
    """

    id: str
    title: str
    kind: str
    expected: Callable[[], Any]
    hint: str
    tolerance: float = 0.0
    mistakes: Callable[[], list] | None = None
    aliases: dict | Callable[[], dict] = field(default_factory=dict)
    explain: str = ""


@dataclass
class Feedback:
    """The outcome of one check: status ``goed``, ``fout`` or ``leeg`` and the Dutch message."""

    question: str
    status: str
    message: str

    @property
    def ok(self) -> bool:
        """True when the answer is right."""
        return self.status == "goed"

    def __str__(self) -> str:
        return f"[{self.question}] {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {"goed": "#1b7837", "fout": "#b2182b", "leeg": "#666666"}[self.status]
        icon = {"goed": "&#10004;", "fout": "&#10008;", "leeg": "&#8230;"}[self.status]
        return (f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<span style="color:{colour};font-weight:bold">{icon}</span> {html.escape(self.message)}'
                f' <span style="color:#999;font-size:smaller">({html.escape(self.question)})</span></div>')


# ---------------------------------------------------------------------------------------------------------
# Expected values, from the data


def _value(series: str, year: int, measure: str = "realisatie", *, vintage: str = "latest", data_dir=None, **dims):
    """Return one figure of a series (a float); raise LookupError if it is not exactly one row."""
    from sdlib.data.load import load

    df = load(series, vintage=vintage, data_dir=data_dir)
    mask = (df["year"] == year) & (df["measure"] == measure)
    for col, val in dims.items():
        mask &= df[col] == val
    rows = df.loc[mask, "value"]
    if len(rows) != 1:
        raise LookupError(f"expected one figure for {series} {year} {measure} {dims}, found {len(rows)}")
    return float(rows.iloc[0])


ZV = "jeugdhulp zonder verblijf"


def _cost_per_youth_2018() -> float:
    return _value("jeugdhulp_kosten_per_type", 2018, care_type=ZV) / _value("jeugdhulp_jeugdigen_per_type", 2018, care_type=ZV)


def _cost_index_2018() -> float:
    return _value("jeugdhulp_kosten_per_type", 2018, care_type=ZV) / _value("jeugdhulp_kosten_per_type", 2015, care_type=ZV) * 100


def _lasten_21() -> float:
    return _value("programma_financien", 2024, objective="2.1", component="lasten")


def _uitstroom_2016_from_tables() -> float:
    # Tabel 1: the 2015 'instroom' is every youth of 2015; Tabel 4: doorstroom 2016
    return _value("jeugdhulp_instroom", 2015) - _value("jeugdhulp_doorstroom", 2016)


def _indicators_met(year: int) -> int:
    from sdlib.calc.indicators import indicator_table

    return int(indicator_table(year)["verdict_computed"].fillna(False).astype(bool).sum())


def _wmo_deviation_pct(year: int) -> float:
    real = _value("wmo_budget_per_client", year)
    target = _value("wmo_budget_per_client", year, "begroting")
    return (real - target) / target * 100


def _wmo_verdict_if_lower(year: int) -> bool:
    from sdlib.calc.indicators import verdict

    return verdict(_value("wmo_budget_per_client", year), _value("wmo_budget_per_client", year, "begroting"), "lower")


def _verdict(series: str, year: int) -> bool:
    from sdlib.data.catalog import series_meta
    from sdlib.calc.indicators import verdict

    meta = series_meta(series)
    return verdict(_value(series, year), _value(series, year, "begroting"), meta["direction"],
                   tolerance_pct=meta.get("tolerance_pct", 5.0))


def _meta(series: str, key: str):
    from sdlib.data.catalog import series_meta

    return series_meta(series)[key]


def _source_of(series: str, year: int, measure: str = "realisatie") -> str:
    from sdlib.data.load import load

    df = load(series)
    return df.loc[(df["year"] == year) & (df["measure"] == measure), "source"].item()


def _default_parameter(notebook: str, name: str):
    from sdlib.data import paths
    from sdlib.report.params import read_parameters

    specs = read_parameters(paths.notebooks_dir() / "reports" / f"{notebook}.ipynb")
    return next(p.default for p in specs if p.name == name)


def _schedule_output(notebook: str, **params) -> str:
    from sdlib.data import paths
    from sdlib.report.schedule import load_schedule

    for job in load_schedule(paths.reports_dir() / "schedule.yml"):
        if job.notebook == notebook and all(job.parameters.get(k) == v for k, v in params.items()):
            return job.output_name({**job.parameters, **params})
    raise LookupError(f"{notebook} {params} is not in the schedule")


def _n_data_files() -> int:
    from sdlib.data import paths

    return sum(1 for p in paths.data_dir().rglob("*") if p.is_file())


def _sources_aliases() -> dict:
    from sdlib.data.catalog import read_sources

    return {s["short_title"].lower(): sid for sid, s in read_sources().items()}


# ---------------------------------------------------------------------------------------------------------
# The questions, per notebook

# Notebook 02 works on a tiny record extract that the notebook builds itself (twelve youths, 2015-2018).
# Its expected values are therefore written here, counted by hand from that extract; they are not figures of
# the data folder. The published figures (Tabel 1, 4, 5) are read from the data.
_TOY = {
    "jeugdigen_2017": 7,  # J01, J03, J04, J05, J06, J07, J11
    "records_2017": 8,  # J05 has two care trajectories in 2017
    "instroom_2017": 2,  # J05, J06
    "doorstroom_2017": 4,  # J01, J04, J07, J11
    "uitstroom_2017": 3,  # J02, J08, J09
    "herintreders_2018": {"J09", "J12"},
    "jeugdigen_2015": 6,  # J01, J02, J03, J07, J09, J12: all of them 'instroom'
}

_Q: list[Question] = [
    # 01 Het sociaal domein in cijfers
    Question(
        "01.doelstelling", "Doelstelling van het aandeel drie jaar of langer in jeugdhulp", "choice",
        lambda: str(_meta("jeugdhulp_3jaar_aandeel", "objective")),
        "kijk in sdlib.describe('jeugdhulp_3jaar_aandeel') naar de regel 'Thema: ..., doelstelling ...', of in de "
        "kolom objective van sdlib.catalog(). Schrijf het antwoord als tekst, bijvoorbeeld \"2.3\".",
        explain="Het aandeel valt onder doelstelling 2.1: vroegtijdige, toegankelijke, passende en effectieve jeugdhulp.",
    ),
    Question(
        "01.bron_2024", "Bron van de realisatie 2024 van het aandeel", "choice",
        lambda: _source_of("jeugdhulp_3jaar_aandeel", 2024),
        "filter sdlib.load('jeugdhulp_3jaar_aandeel') op year == 2024 en measure == 'realisatie' en lees de kolom "
        "source. Geef de bron-id, bijvoorbeeld \"pb2025\".",
        aliases=_sources_aliases,
        explain="De Jaarstukken 2024 (js2024) geven de realisatie over 2024.",
    ),
    Question(
        "01.aandeel_2023_pb2025", "Aandeel 2023 volgens de Programmabegroting 2025", "number",
        lambda: _value("jeugdhulp_3jaar_aandeel", 2023, vintage="pb2025"),
        "laad de reeks met vintage='all' (of vintage='pb2025') en kijk naar de rij van 2023 met source == 'pb2025'.",
        tolerance=0.05,
        mistakes=lambda: [
            (_value("jeugdhulp_3jaar_aandeel", 2023), "dat is de herziene versie uit de Jaarstukken 2024 (de nieuwste, "
             "die sdlib.load standaard geeft). Gevraagd is de versie van de Programmabegroting 2025: gebruik "
             "vintage='pb2025' of vintage='all'."),
            (_value("jeugdhulp_3jaar_aandeel", 2023, vintage="pb2025") / 100,
             "percentages staan in sdlib in procentpunten (45.9), niet als fractie (0.459)."),
        ],
        explain="De PB 2025 gaf 45,9%; de Jaarstukken 2024 herzagen het later naar 46,1%. sdlib bewaart beide.",
    ),
    Question(
        "01.begroting_2024", "Begroting 2024 van het aandeel", "number",
        lambda: _value("jeugdhulp_3jaar_aandeel", 2024, "begroting"),
        "filter op year == 2024 en measure == 'begroting' (de begroting is het doel; de realisatie is wat er gemeten is).",
        tolerance=0.05,
        mistakes=lambda: [(_value("jeugdhulp_3jaar_aandeel", 2024), "dat is de realisatie; gevraagd is de begroting "
                           "(measure == 'begroting').")],
        explain="Het doel voor 2024 was 45,0%; de realisatie werd 48,0% (voorlopig).",
    ),
    # 02 Instroom, doorstroom, uitstroom
    Question(
        "02.jeugdigen_2017", "Jeugdigen met zorg in 2017 (uittreksel)", "number", lambda: _TOY["jeugdigen_2017"],
        "tel de unieke client_id's met zorg in (een deel van) 2017, niet het aantal regels.",
        mistakes=lambda: [(_TOY["records_2017"], "je telde regels (trajecten), geen unieke jeugdigen: J05 heeft "
                           "twee trajecten in 2017.")],
        explain="Zeven unieke jeugdigen; een jeugdige met twee trajecten telt één keer.",
    ),
    Question(
        "02.instroom_2017", "Instroom 2017 (uittreksel)", "number", lambda: _TOY["instroom_2017"],
        "instroom is het eerste jaar met zorg ooit: de jeugdige komt in geen enkel eerder jaar voor.",
        mistakes=lambda: [
            (_TOY["instroom_2017"] + 1, "een van hen had al eerder zorg (in 2015): dat is een herintreder, geen instromer."),
            (_TOY["jeugdigen_2017"], "dat zijn alle jeugdigen met zorg in 2017; instroom is alleen wie voor het eerst zorg krijgt."),
        ],
        explain="J05 en J06 krijgen in 2017 voor het eerst zorg.",
    ),
    Question(
        "02.doorstroom_2017", "Doorstroom 2017 (uittreksel)", "number", lambda: _TOY["doorstroom_2017"],
        "doorstroom is zorg in 2017 én in 2016 (het direct voorafgaande jaar).",
        mistakes=lambda: [(_TOY["doorstroom_2017"] - 1, "let op J07: een traject dat op 31 januari 2017 eindigt, is "
                           "ook zorg in 2017.")],
        explain="J01, J04, J07 en J11 hadden zorg in 2016 én 2017.",
    ),
    Question(
        "02.uitstroom_2017", "Uitstroom 2017 (uittreksel)", "number", lambda: _TOY["uitstroom_2017"],
        "uitstroom in 2017 is zorg in 2016 en niet in 2017. Controle: jeugdigen(2016) = doorstroom(2017) + uitstroom(2017).",
        explain="J02, J08 en J09; en 7 jeugdigen in 2016 = 4 doorstroom + 3 uitstroom.",
    ),
    Question(
        "02.herintreders_2018", "Herintreders 2018 (uittreksel)", "set", lambda: _TOY["herintreders_2018"],
        "een herintreder heeft zorg in 2018, niet in 2017, maar wel in een jaar daarvoor (2015 of 2016). "
        "Geef de client_id's als lijst, bijvoorbeeld [\"J01\", \"J02\"].",
        explain="J09 en J12 komen terug na minstens een jaar zonder zorg.",
    ),
    Question(
        "02.instroom_2015", "'Instroom' 2015 (uittreksel)", "number", lambda: _TOY["jeugdigen_2015"],
        "pas de definitie letterlijk toe: wie heeft in 2015 zorg en in geen enkel eerder jaar van het uittreksel?",
        explain="Alle zes jeugdigen van 2015 tellen als 'instroom': er is geen eerder jaar om mee te vergelijken.",
    ),
    Question(
        "02.waarom_2015", "Waarom 2015 geen echte instroom is", "choice", lambda: "b",
        "lees de drie mogelijkheden nog eens: wat weet het uittreksel over de jaren vóór 2015?",
        aliases={"a": "a", "b": "b", "c": "c"},
        explain="Het uittreksel begint in 2015 (links gecensureerd): wie al zorg had, lijkt nieuw.",
    ),
    Question(
        "02.uitstroom_2016_tabellen", "Uitstroom 2016 uit tabel 1 en 4", "number", _uitstroom_2016_from_tables,
        "gebruik jeugdigen(t-1) = doorstroom(t) + uitstroom(t), met t = 2016. De jeugdigen van 2015 staan als "
        "'instroom 2015' in tabel 1.",
        mistakes=lambda: [
            (_value("jeugdhulp_instroom", 2015) + _value("jeugdhulp_doorstroom", 2016),
             "je telde op; uitstroom(2016) = jeugdigen(2015) - doorstroom(2016)."),
            (-_uitstroom_2016_from_tables(), "je trok andersom af; uitstroom(2016) = jeugdigen(2015) - doorstroom(2016)."),
        ],
        explain="3.795 - 2.545 = 1.250, precies het cijfer van tabel 5 (2e Rapportage Sociaal Domein 2019).",
    ),
    # 03 Kosten per type
    Question(
        "03.kosten_per_jeugdige_2018", "Kosten per jeugdige, zonder verblijf, 2018", "number", _cost_per_youth_2018,
        "deel de kosten van jeugdhulp zonder verblijf in 2018 (tabel 7) door het aantal jeugdigen met dat type in "
        "2018 (tabel 6).",
        tolerance=1.0,
        mistakes=lambda: [
            (_cost_per_youth_2018() / 1000, "dat is een factor 1.000 te klein: in sdlib staan bedragen al in hele euro's."),
            (1 / _cost_per_youth_2018(), "je deelde andersom: kosten gedeeld door jeugdigen."),
        ],
        explain="€ 23.307.274 / 4.188 = € 5.565 per jeugdige (tabel 6 en 7).",
    ),
    Question(
        "03.index_2018", "Kostenindex 2018 (2015 = 100), zonder verblijf", "number", _cost_index_2018,
        "index = kosten 2018 / kosten 2015 x 100, voor jeugdhulp zonder verblijf.",
        tolerance=0.1,
        mistakes=lambda: [
            (_cost_index_2018() - 100, "dat is de groei in procenten; de index is 100 + de groei (basisjaar = 100)."),
            (10000 / _cost_index_2018(), "je deelde andersom: 2018 gedeeld door 2015, niet 2015 door 2018."),
            (_cost_index_2018() / 100, "vergeet niet x 100: het basisjaar is 100, niet 1."),
        ],
        explain="De kosten van jeugdhulp zonder verblijf werden in drie jaar anderhalf keer zo hoog.",
    ),
    Question(
        "03.waarom_2019", "Waarom 2019 laag lijkt", "choice", lambda: "b",
        "kijk naar de kolommen reference_date, provisional en note van 2019.",
        aliases={"a": "a", "b": "b", "c": "c"},
        explain="Peildatum 9-9-2019: het jaar was nog niet om en de cijfers zijn voorlopig.",
    ),
    Question(
        "03.lasten_21_euro", "Lasten doelstelling 2.1 in 2024, in euro", "number", _lasten_21,
        "de tabel staat in 'bedragen x €1.000': vermenigvuldig het gedrukte getal met 1.000. Lasten zijn negatief gedrukt.",
        tolerance=0.5,
        mistakes=lambda: [
            (_lasten_21() / 1000, "dat is het gedrukte getal in duizenden; vermenigvuldig met 1.000."),
            (-_lasten_21(), "lasten staan in de tabel negatief (uitgaven); houd het minteken."),
            (_lasten_21() / 1_000_000, "in Python is de punt een decimaalteken, dus -92.186 is ongeveer min 92. Het "
             "gedrukte -92.186 betekent -92186 (Nederlandse notatie) en staat in duizenden euro's."),
        ],
        explain="-92.186 x €1.000 = € -92.186.000 (Jaarstukken 2024, totalen per doelstelling).",
    ),
    # 04 Indicatoren en doelen
    Question(
        "04.richting_eenzaamheid", "Gewenste richting van de eenzaamheidsscore", "choice",
        lambda: _meta("eenzaamheid_score", "direction"),
        "zoek de kolom direction in sdlib.catalog() of de regel 'Gewenste richting' in describe().",
        aliases={"hoger": "higher", "hoger is beter": "higher", "lager": "lower", "lager is beter": "lower",
                 "op de begroting": "on_target", "op doel": "on_target"},
        explain="Een lagere eenzaamheidsscore is beter.",
    ),
    Question(
        "04.doel_3jaar_2024", "Doel gehaald: aandeel drie jaar of langer, 2024", "bool",
        lambda: _verdict("jeugdhulp_3jaar_aandeel", 2024),
        "vergelijk realisatie en begroting van 2024 en bedenk welke richting goed is.",
        mistakes=lambda: [(not _verdict("jeugdhulp_3jaar_aandeel", 2024), "48,0% is hoger dan het doel 45,0%, en "
                           "voor deze indicator is lager beter (richting 'lower').")],
        explain="48,0% tegen een doel van 45,0%, en lager is beter: doel niet gehaald, zoals de Jaarstukken 2024 melden.",
    ),
    Question(
        "04.aantal_gehaald_2024", "Aantal indicatoren met doel gehaald in 2024", "number", lambda: _indicators_met(2024),
        "tel in sdlib.calc.indicators.indicator_table(2024) de rijen waar verdict_computed True is.",
        explain="Alleen True telt: False is niet gehaald en None betekent dat er geen oordeel mogelijk is.",
    ),
    Question(
        "04.wmo_afwijking_2024", "Afwijking Wmo-budget per cliënt van de begroting, 2024 (%)", "number",
        lambda: _wmo_deviation_pct(2024),
        "afwijking = (realisatie - begroting) / begroting x 100.",
        tolerance=0.1,
        mistakes=lambda: [
            (-_wmo_deviation_pct(2024), "het teken klopt niet: de realisatie ligt onder de begroting, dus de afwijking is negatief."),
            (_value("wmo_budget_per_client", 2024) - _value("wmo_budget_per_client", 2024, "begroting"),
             "dat is het verschil in euro; gevraagd is het percentage van de begroting."),
            (100 + _wmo_deviation_pct(2024), "dat is de realisatie als percentage van de begroting; trek er 100 af."),
        ],
        explain="€ 2.790 ligt ruim 20% onder de begroting van € 3.500: ver buiten de marge van 5%.",
    ),
    Question(
        "04.wmo_als_lager", "Oordeel Wmo-budget 2024 als 'lager is beter'", "bool", lambda: _wmo_verdict_if_lower(2024),
        "roep verdict(realisatie, begroting, 'lower') aan met de cijfers van 2024.",
        explain="Met 'lager is beter' zou het doel gehaald zijn; de gemeente publiceerde 'Nee'. Daarom is het oordeel discutabel.",
    ),
    # 05 Van notebook naar rapport
    Question(
        "05.basisjaar_standaard", "Standaardwaarde van basisjaar in jeugdhulp_kosten", "number",
        lambda: _default_parameter("jeugdhulp_kosten", "basisjaar"),
        "lees de parameters met read_parameters(...) of kijk in de cel met de tag parameters.",
        explain="Zonder -p basisjaar=... gebruikt het rapport 2015 als basisjaar.",
    ),
    Question(
        "05.uitvoernaam_2023", "Uitvoernaam van indicatoren met jaar 2023 in het schema", "choice",
        lambda: _schedule_output("indicatoren", jaar=2023),
        "kijk in reports/schedule.yml: output \"{name}_{jaar}\" wordt ingevuld met de naam en de parameter. "
        "Geef de naam zonder .pdf.",
        explain="{name}_{jaar} wordt indicatoren_2023, dus reports/indicatoren_2023.pdf.",
    ),
    Question(
        "05.aantal_databestanden", "Aantal databestanden in het manifest", "number", _n_data_files,
        "het manifest heeft een sleutel 'data_files': een woordenboek van bestand naar hash. Tel de sleutels met len(...).",
        explain="Elk databestand staat met zijn SHA-256-hash in het manifest: zo weet je later precies welke data er gebruikt is.",
    ),
    Question(
        "05.commando_indicatoren_2023", "Commando: indicatoren voor 2023", "command",
        lambda: "sdlib report run indicatoren -p jaar=2023",
        "het commando begint met 'sdlib report run', dan de naam van het notebook en dan de parameter met -p naam=waarde.",
        explain="Zo maak je reports/indicatoren.pdf voor verslagjaar 2023.",
    ),
    # 06 Nieuwe cijfers toevoegen
    Question(
        "06.fout_kolom", "Kolom met de fout", "choice", lambda: "value",
        "lees de melding: elke fout noemt het bestand, de regel en de kolom (column '...').",
        explain="In de kolom value staat een Nederlandse komma; in de CSV hoort een punt (46.5).",
    ),
    Question(
        "06.fout_regel", "Regel met de fout", "number", lambda: PRACTICE_MISTAKE_LINE,
        "de melding noemt 'line ...'; regel 1 is de kopregel.",
        explain="Regel 3 van het bestand: de tweede regel met cijfers.",
    ),
    Question(
        "06.verschil_2024", "Verschil van de oefenpublicatie met de vorige vintage, 2024", "number",
        lambda: PRACTICE_SHARE_2024 - _value("jeugdhulp_3jaar_aandeel", 2024),
        "lees de kolom difference in het resultaat van add_publication(..., dry_run=True): nieuw min oud.",
        tolerance=0.01,
        mistakes=lambda: [(_value("jeugdhulp_3jaar_aandeel", 2024) - PRACTICE_SHARE_2024,
                           "het teken klopt niet: difference is nieuw min oud.")],
        explain="47,6% in de oefenpublicatie tegen 48,0% in de Jaarstukken 2024: 0,4 procentpunt lager.",
    ),
    Question(
        "06.nieuwste_2024", "Realisatie 2024 na het toevoegen (vintage latest)", "number", lambda: PRACTICE_SHARE_2024,
        "laad de reeks uit de kopie: sdlib.load('jeugdhulp_3jaar_aandeel', data_dir=tmp) en kijk naar 2024.",
        tolerance=0.01,
        mistakes=lambda: [(_value("jeugdhulp_3jaar_aandeel", 2024), "dat is de oude vintage. Gaf je data_dir=tmp mee? "
                           "De echte data/ is (terecht) niet veranderd.")],
        explain="De nieuwste publicatie wint bij vintage='latest'; de oude 48,0% staat er nog naast (vintage='all').",
    ),
]

_BY_ID = {q.id: q for q in _Q}


# ---------------------------------------------------------------------------------------------------------
# Comparing answers


def _as_scalar(answer):
    """Unwrap a one-element pandas/numpy object; leave anything else as it is."""
    size = getattr(answer, "size", None)
    if size == 1 and hasattr(answer, "item") and not isinstance(answer, (str, bytes)):
        try:
            return answer.item()
        except (ValueError, TypeError):
            return answer
    return answer


def _is_number(x) -> bool:
    import numbers

    return isinstance(x, numbers.Number) and not isinstance(x, bool)


def _close(a, b, tol: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=max(tol, 1e-9))


def _text_number_hint(answer: str) -> str:
    return (f"je gaf tekst ('{answer}'), geen getal. Schrijf het getal zonder aanhalingstekens en in Python-notatie: "
            "geen duizendtallenpunt, een punt als decimaalteken (5565.4, niet '5.565,4').")


def _compare_number(q: Question, answer, exp) -> tuple[bool, str]:
    if isinstance(answer, str):
        return False, _text_number_hint(answer)
    if not _is_number(answer):
        return False, f"verwacht een getal, maar kreeg {type(answer).__name__}. {q.hint}"
    if isinstance(answer, float) and math.isnan(answer):
        return False, f"je antwoord is NaN (geen getal): waarschijnlijk leverde je filter geen rij op. {q.hint}"
    if _close(answer, exp, q.tolerance):
        return True, ""
    for wrong, message in (q.mistakes() if q.mistakes else []):
        if _close(answer, wrong, max(q.tolerance, abs(float(wrong)) * 1e-3)):
            return False, message
    return False, q.hint


def _norm_text(x) -> str:
    return re.sub(r"\s+", " ", str(x)).strip().strip("'\"").lower()


def _compare_choice(q: Question, answer, exp) -> tuple[bool, str]:
    if not isinstance(answer, str):
        if _is_number(answer):
            return False, f"geef het antwoord als tekst tussen aanhalingstekens, bijvoorbeeld \"{answer}\". {q.hint}"
        return False, f"verwacht tekst, maar kreeg {type(answer).__name__}. {q.hint}"
    given = _norm_text(answer).replace("doelstelling ", "").replace(",", ".").removesuffix(".pdf")
    aliases = q.aliases() if callable(q.aliases) else q.aliases
    given = aliases.get(given, given)
    return (given == _norm_text(exp)), q.hint


def _compare_bool(q: Question, answer, exp) -> tuple[bool, str]:
    if isinstance(answer, str) and _norm_text(answer) in {"ja", "nee", "true", "false"}:
        answer = _norm_text(answer) in {"ja", "true"}
    if type(answer).__name__ == "bool_":  # numpy bool
        answer = bool(answer)
    if not isinstance(answer, bool):
        return False, f"verwacht True of False (of \"Ja\"/\"Nee\"), maar kreeg {answer!r}. {q.hint}"
    if answer == exp:
        return True, ""
    for wrong, message in (q.mistakes() if q.mistakes else []):
        if answer == wrong:
            return False, message
    return False, q.hint


def _compare_set(q: Question, answer, exp) -> tuple[bool, str]:
    if isinstance(answer, str):
        answer = [answer]
    try:
        given = {str(x).strip().upper() for x in answer}
    except TypeError:
        return False, f"geef een lijst, bijvoorbeeld [\"J01\", \"J02\"]. {q.hint}"
    if given == exp:
        return True, ""
    missing, extra = len(exp - given), len(given - exp)
    parts = []
    if missing:
        parts.append(f"er {'ontbreekt' if missing == 1 else 'ontbreken'} {missing}")
    if extra:
        parts.append(f"{extra} {'hoort' if extra == 1 else 'horen'} er niet bij")
    return False, f"{' en '.join(parts)}; {q.hint}"


def _norm_command(text: str) -> str:
    text = _norm_text(text).lstrip("!$ ")
    for prefix in (".venv/bin/", "python -m ", ".venv/bin/python -m "):
        text = text.removeprefix(prefix)
    return re.sub(r"-p\s+", "-p ", text).replace(" = ", "=")


def _compare_command(q: Question, answer, exp) -> tuple[bool, str]:
    if not isinstance(answer, str):
        return False, f"geef het commando als tekst tussen aanhalingstekens. {q.hint}"
    return _norm_command(answer) == _norm_command(exp), q.hint


_COMPARE = {"number": _compare_number, "choice": _compare_choice, "bool": _compare_bool, "set": _compare_set,
            "command": _compare_command}


# ---------------------------------------------------------------------------------------------------------
# Public API


def question(question_id: str) -> Question:
    """Return one question; raise KeyError naming the question ids of that notebook."""
    try:
        return _BY_ID[question_id]
    except KeyError:
        prefix = question_id.split(".")[0]
        known = [q for q in _BY_ID if q.startswith(prefix + ".")] or list(_BY_ID)
        raise KeyError(f"unknown question {question_id!r}; known: {', '.join(known)}") from None


def questions(notebook: str | None = None) -> list[str]:
    """Return the question ids, of one notebook (``"03"``) or of all."""
    return [q.id for q in _Q if notebook is None or q.id.startswith(f"{notebook}.")]


def expected(question_id: str):
    """Return the right answer of a question, computed from the data where the data has it."""
    return question(question_id).expected()


def evaluate(question_id: str, answer) -> Feedback:
    """Compare an answer with the expected one and return the Dutch feedback, without showing it."""
    q = question(question_id)
    if answer is None or answer is Ellipsis:
        return Feedback(question_id, "leeg", f"{NO_ANSWER}: vul je antwoord in op de plaats van None en voer de cel opnieuw uit.")
    answer = _as_scalar(answer)
    ok, hint = _COMPARE[q.kind](q, answer, q.expected())
    if ok:
        return Feedback(question_id, "goed", f"Goed! {q.explain}".strip())
    return Feedback(question_id, "fout", f"Nog niet goed: {hint}")


def _show(feedback: Feedback, record: dict) -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        print(feedback.message)
        return
    from IPython.display import display

    display(feedback, metadata={"sdlib_training": record})


def check(question_id: str, answer, *, show: bool = True) -> bool:
    """Check an answer, show Dutch feedback and return whether it is right.

    Parameters
    ----------
    question_id : str
        For example ``"03.kosten_per_jeugdige_2018"``.
    answer : object
        The learner's answer; ``None`` means not answered yet (a friendly message, no error).
    show : bool, default True
        Display the feedback (in a notebook) or print it (elsewhere).

    Returns
    -------
    bool
        True when the answer is right. The result is also kept for :func:`summary`.
    """
    fb = evaluate(question_id, answer)
    _RESULTS[question_id] = fb.status
    if show:
        _show(fb, {"question": question_id, "status": fb.status})
    return fb.ok


def solution(question_id: str, **inputs):
    """Return the model answer of a question, worked out by :mod:`sdlib.training_solutions`.

    ``inputs`` are what the exercise works on, e.g. ``records=`` (the extract of notebook 02) or
    ``manifest=`` (notebook 05).
    """
    from sdlib import training_solutions

    question(question_id)  # a clear error for an unknown id
    return training_solutions.SOLUTIONS[question_id](**inputs)


def results() -> dict[str, str]:
    """Return the last result per question id: ``goed``, ``fout`` or ``leeg``."""
    return dict(_RESULTS)


def reset() -> None:
    """Forget all results (for example at the top of a notebook)."""
    _RESULTS.clear()


def summary(notebook: str, *, show: bool = True) -> dict:
    """Show and return how far a notebook's self-checks are: lists of question ids per status.

    Returns
    -------
    dict
        ``{"notebook", "total", "goed", "fout", "leeg"}``; a question not checked yet counts as ``leeg``.
    """
    ids = questions(notebook)
    out = {"notebook": notebook, "total": len(ids), "goed": [], "fout": [], "leeg": []}
    for qid in ids:
        out[_RESULTS.get(qid, "leeg")].append(qid)
    if show:
        n = len(out["goed"])
        if n == len(ids):
            text = f"Alle {n} zelftoetsen van notebook {notebook} zijn goed. Goed gedaan!"
            status = "goed"
        else:
            open_ = [f"{_BY_ID[q].title} ({q})" for q in out["fout"] + out["leeg"]]
            text = f"{n} van {len(ids)} zelftoetsen van notebook {notebook} goed. Nog open: " + "; ".join(open_) + "."
            status = "fout" if out["fout"] else "leeg"
        _show(Feedback(f"samenvatting {notebook}", status, text), {"summary": out})
    return out
