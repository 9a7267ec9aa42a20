"""The municipality's own explanations (Toelichting) in data/toelichtingen.csv, checked against the documents."""

import re
from pathlib import Path

import pytest

import sdlib
from sdlib.data.catalog import read_sources
from sdlib.data.texts import TOELICHTING_COLUMNS, toelichtingen
from sdlib.present.glossary import glossary_markdown

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def text_of(series, year, source):
    df = toelichtingen(series, year=year, source=source)
    assert len(df) == 1, (series, year, source, len(df))
    return df.iloc[0]["text"]


def test_js2024_three_year_share_explains_2279_of_4747():
    text = text_of("jeugdhulp_3jaar_aandeel", 2024, "js2024")
    assert text.startswith("In 2024 kregen 2.279 jeugdigen drie jaar of langer aaneengesloten hulp.")
    assert "2.279 jeugdigen drie jaar of langer aaneengesloten hulp" in text
    assert "Op een totaal aantal jeugdigen met jeugdhulp van 4.747 is dit 48,0%." in text
    assert text.endswith("Afhankelijk van declaraties kan het percentage nog iets wijzigen.")


def test_pb2025_three_year_share_explains_45_9():
    text = text_of("jeugdhulp_3jaar_aandeel", 2025, "pb2025")
    assert "in 2023 3 jaar of langer onafgebroken zorg ontving was 2.261" in text
    assert "(N= 4.923) leidt dit tot een percentage 45,9%" in text


def test_jv2022_explanations_tied_by_their_words():
    assert "minimaal drie jaar onafgebroken jeugdhulp" in text_of("jeugdhulp_3jaar_aandeel", 2022, "jv2022")
    assert "gemiddeld met een 8" in text_of("inzet_tevreden", 2022, "jv2022")
    assert "vindt passen bij de hulpvraag lager is dan 80%" in text_of("wmo_past_bij_hulpvraag", 2022, "jv2022")
    assert "zit met 79% bijna op het begrote percentage" in text_of("wmo_tevreden_kwaliteit", 2022, "jv2022")
    assert "hoger dan begroot" in text_of("wmo_budget_per_client", 2022, "jv2022")
    verwijs = text_of("verwijsindex_matches", 2022, "jv2022")
    assert "staatssecretaris van VWS" in verwijs and "minder bereidheid tot signaleren." in verwijs


def test_one_explanation_printed_under_two_indicators_is_a_row_for_each():
    # the Jaarstukken 2024 print the same text under both Wmo client indicators
    a = text_of("wmo_tevreden_kwaliteit", 2024, "js2024")
    b = text_of("wmo_past_bij_hulpvraag", 2024, "js2024")
    assert a == b and a.endswith("daalt door wisselingen van hulpverleners.")


def test_a_text_broken_by_a_page_footer_is_joined_without_it():
    text = text_of("wmo_budget_per_client", 2024, "js2024")
    assert "zoals scootmobielen, rolstoelen, woningaanpassingen en huishoudelijke ondersteuning." in text
    assert "http" not in text and text.endswith("een voorstel op te nemen om deze indicator aan te passen.")


def test_filters_and_columns():
    allof = toelichtingen()
    assert list(allof.columns) == TOELICHTING_COLUMNS and str(allof["year"].dtype) == "int64"
    assert set(allof["source"]) == {"js2024", "jv2022", "pb2025"}
    assert (toelichtingen(source="js2024")["source"] == "js2024").all()
    assert set(toelichtingen(year=2022)["year"]) == {2022}
    assert len(toelichtingen("eenzaamheid_score")) == 3
    assert toelichtingen("jeugdhulp_kosten_per_type").empty


def test_an_unknown_series_is_the_error_of_load():
    with pytest.raises(sdlib.UnknownSeriesError, match="jeugdhulp_3jaar_aandeel"):
        toelichtingen("jeugdhulp_3jaar_aandel")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed extracts are not next to the project")
def test_every_text_is_printed_word_for_word_in_its_document():
    sources = read_sources()

    def flat(path):
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if not re.match(r"\s*https?://", x)]
        return " ".join(" ".join(lines).replace("\xa0", " ").split())

    docs = {}
    for row in toelichtingen().itertuples():
        seed = sources[row.source]["seed_file"]
        docs.setdefault(seed, flat(SEEDS / seed))
        assert f"Toelichting: {row.text}" in docs[seed], (row.series, row.year, row.source)


# --- the glossary of the live data says what each figure covers (moved from the unit tests: it reads data/) ------


def _series_line(text: str, title: str) -> str:
    """What the glossary's appendix says about a figure (where it comes from)."""
    (line,) = [line for line in text.splitlines() if line.startswith(f"**{title}**: ")]
    return line[len(f"**{title}**: ") :]


def test_the_live_glossary_says_what_the_figures_cover():
    text = glossary_markdown()
    # Rapportage Sociaal Domein 2e helft 2024: 'Op 1 januari 2025 volgen in Zoetermeer 573 mensen een
    # inburgeringstraject' and 'In januari 2024 hadden 2.551 inwoners ... op 1 januari 2025 hadden 2.559 inwoners'
    deelnemers = _series_line(text, "Deelnemers aan een inburgeringstraject per leerroute")
    assert deelnemers.endswith("De cijfers staan in: Rapportage Sociaal Domein 2e helft 2024 (stand 1 januari 2025).")
    uitkeringen = _series_line(text, "Inwoners met een uitkering Participatiewet")
    assert "Rapportage Sociaal Domein 2e helft 2024 (januari 2024 en stand 1 januari 2025)" in uitkeringen
    # the 2019 count per regeling (months our reading) is a series of its own, not mixed into the 2024 count; since
    # round 42 werk_en_inkomen shows its range, so it is listed, with the months as our reading
    assert "2e Rapportage Sociaal Domein 2019" not in uitkeringen
    per_regeling = _series_line(text, "Uitkeringen Participatiewet, IOAW en IOAZ in 2019")
    assert per_regeling.endswith("De maanden van 2019 zijn een eigen lezing.")
    # a stand on 1 January 2025 is no figure 'over 2025'
    assert "(over 2025)" not in deelnemers + uitkeringen and "over 2024 en 2025" not in deelnemers + uitkeringen
    # a target is a doel; 'begroting' is money
    assert "dicht mogelijk bij de begroting" not in text
    # one convention for quotation marks in our own texts: '...'; "..." only for a word quoted inside a quotation
    for line in text.splitlines():
        for inner in re.findall(r'"([^"]*)"', line):
            assert len(inner.split()) == 1, (inner, line[:80])
        assert "“" not in line and "”" not in line, line[:80]


def test_the_glossary_names_a_half_year_as_such():
    # 2e Rapportage Sociaal Domein 2019 (seed 003, lines 1630-1632): 'Het totaal aantal kinderen dat in de eerste
    # helft van 2019 werd gezien / nieuwe aanmeldingen bedraagt voor 516 (POH-jeugd) en 540 kinderen (SMW)': a
    # half year, not 'over 2019'
    text = glossary_markdown()
    line = _series_line(text, "Kinderen gezien door de POH-jeugd")
    assert "2e Rapportage Sociaal Domein 2019 (over de eerste helft van het jaar 2019)" in line
    assert "(over 2019)" not in line


def test_a_target_printed_as_zero_is_no_target_in_the_glossary():
    # Jaarverslag 2022 (seed 001, lines 228-230): inZet 'Begroting 0,0 %' beside 'Realisatie 87,3 %': no target
    # (higher is better), so the glossary does not say the Jaarverslag gives the targets; the Jaarstukken 2024 do
    line = _series_line(glossary_markdown(), "Cliënten van inZet tevreden over de ondersteuning")
    assert "Jaarverslag 2022 (over 2022)" in line and "Jaarverslag 2022 (over 2022, met de doelen)" not in line
    assert "Jaarstukken 2024 (over 2023 en 2024, met de doelen)" in line


def test_no_word_is_explained_twice_in_the_glossary():
    # a reading word ('Zo leest u de rapporten') and a term with the same name would be two entries for one word
    from sdlib.data.catalog import model

    cat = model()
    reading = {k.lower() for k in cat.reading_terms}
    terms = {k.lower() for k in cat.terms}
    assert not reading & terms, reading & terms
