"""The municipality's own explanations (Toelichting) in data/toelichtingen.csv, checked against the documents."""

import re
from pathlib import Path

import pytest

import sdlib
from sdlib.data.catalog import read_sources
from sdlib.data.texts import TOELICHTING_COLUMNS, toelichtingen

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
