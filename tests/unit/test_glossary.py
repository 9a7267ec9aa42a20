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
    for sid, meta in sdlib.catalog().set_index("id").iterrows():
        assert f"**{meta['title']}** (`{sid}`)" in text, sid


def test_every_record_definition_is_a_term(text):
    terms = read_catalog()["terms"]
    for term in ("instroom", "doorstroom", "herintreder", "uitstroom", "links gecensureerd", "geheim (.)"):
        assert term in terms
    for term in terms:
        assert f"**{term}**:" in text


def test_the_three_year_definition_and_its_sources_read_as_in_the_documents(text):
    assert "Jeugdige met jeugdhulp in het jaar en in de twee jaren ervoor (Jaarstukken 2024)" in text
    line = next(x for x in text.splitlines() if x.startswith("Eenheid") and "Programmabegroting 2025 (2023)" in x
                and "Jaarstukken 2024 (2023-2024)" in x)
    assert "gewenste richting" in line


def test_a_theme_limits_the_series_but_keeps_the_terms():
    jeugd = glossary_markdown(theme="jeugd")
    assert "`jeugdhulp_instroom`" in jeugd and "`eenzaamheid_score`" not in jeugd and "**peildatum**:" in jeugd
    with pytest.raises(ValueError, match="unknown theme 'sport'; expected one of: jeugd"):
        glossary_markdown(theme="sport")


def test_the_glossary_in_the_repo_is_up_to_date():
    done = subprocess.run([sys.executable, "-m", "sdlib", "glossary", "--check"], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert (ROOT / "data" / "BEGRIPPENLIJST.md").read_text(encoding="utf-8") == glossary_markdown()
