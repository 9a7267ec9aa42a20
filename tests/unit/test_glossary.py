"""The glossary (begrippenlijst) covers every series and every record definition, and the file in the repo is current."""

import subprocess
import sys
from pathlib import Path

import pytest

import sdlib
from sdlib.data.catalog import read_catalog
from sdlib.present.glossary import glossary_markdown

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def text():
    return glossary_markdown()


def test_every_series_of_the_catalog_is_defined(text):
    for sid, meta in sdlib.catalog(include_records=True).set_index("id").iterrows():
        assert f"**{meta['title']}**: {' '.join(meta['definition'].split())}" in text, sid


def test_every_record_definition_is_a_term(text):
    terms = read_catalog()["terms"]
    for term in ("instroom", "doorstroom", "herintreder", "uitstroom", "links gecensureerd", "geheim (.)"):
        assert term in terms
    for term in terms:
        assert f"**{term}**:" in text


def test_the_three_year_definition_and_its_sources_read_as_in_the_documents(text):
    # the documents' words with their names; the counting rule of the records is sdlib's own
    term = next(x for x in text.splitlines() if x.startswith("**drie jaar of langer in jeugdhulp**"))
    assert "De Jaarstukken 2024 spreken van jeugdigen die '3 jaar of langer aaneengesloten jeugdhulp' ontvangen" in term
    assert "'3 jaar of langer onafgebroken zorg'" in term
    assert "twee jaren ervoor (uitwerking van sdlib)" in term
    assert "twee jaren ervoor (Jaarstukken 2024)" not in text
    line = next(
        x
        for x in text.splitlines()
        if x.startswith("Eenheid") and "Programmabegroting 2025 (2023)" in x and "Jaarstukken 2024 (2023-2024)" in x
    )
    assert "gewenste richting" in line


def test_a_theme_limits_the_series_but_keeps_the_terms():
    jeugd = glossary_markdown(theme="jeugd")
    assert "**Instroom in de specialistische jeugdhulp**:" in jeugd
    assert "**Eenzaamheidsscore inwoners van 18 jaar en ouder**:" not in jeugd and "**peildatum**:" in jeugd
    with pytest.raises(ValueError, match="unknown theme 'sport'; expected one of: jeugd"):
        glossary_markdown(theme="sport")


def test_the_glossary_in_the_repo_is_up_to_date():
    done = subprocess.run(
        [sys.executable, "-m", "sdlib", "glossary", "--check"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (ROOT / "data" / "BEGRIPPENLIJST.md").read_text(encoding="utf-8") == glossary_markdown()


def test_the_glossary_speaks_to_readers_not_developers(text):
    import re

    assert "`" not in text  # no code font: no file names, commands or series ids
    for word in ("make glossary", "catalog.yml", "data/", "sdlib.records", "sdlib glossary"):
        assert word not in text, word
    ids = set(read_catalog()["series"])
    assert not ids & set(re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text))


def test_attributions_say_only_what_the_documents_say(text):
    # reviewer's examples: 0-23 is from the PB 2025, not from the 2e Rapportage Sociaal Domein 2019
    term = next(x for x in text.splitlines() if x.startswith("**jeugdige met jeugdhulp**"))
    assert (
        "(0 tot 23 jaar)" not in term and "Programmabegroting 2025 telt het 'Aantal unieke jeugdigen 0-23 jaar" in term
    )
    budget = next(x for x in text.splitlines() if x.startswith("**Gemiddeld budget maatwerkondersteuning per cliënt**"))
    assert "De gemeente beoordeelt" not in budget and "uitwerking van sdlib" in budget
    inzet = next(x for x in text.splitlines() if x.startswith("**Cliënten van inZet tevreden"))
    assert "gemiddeld met een 8" in inzet and "Jaarverslag 2022 mat anders" in inzet


def test_a_series_break_is_shown_with_its_series(text):
    line = next(x for x in text.splitlines() if x.startswith("Eenheid") and "CBS, zoals gerapporteerd door NJi" in x)
    assert "Trendbreuk in 2021: CBS StatLine-tabel 84134NED is opgevolgd door 85099NED" in line
