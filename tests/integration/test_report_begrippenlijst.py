"""begrippenlijst: plain terms, alphabetical, no machinery words."""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "begrippenlijst"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    pages, _ = report_packs.council_report_pages(tmp_path_factory, NAME)
    return " ".join(pages)


def test_plain_terms_are_there(content):
    for term in (
        "procentpunt",
        "Wmo",
        "Participatiewet",
        "IOAW en IOAZ",
        "NUG",
        "beschut werk",
        "loonkostensubsidie",
        "inburgering",
        "mantelzorger",
        "index",
        "eigen berekening",
    ):
        assert f"{term}:" in content, term


def test_no_machinery_or_jargon(content):
    for word in ("sdlib", "links gecensureerd", "registratie-extract", "extractie", "notebook"):
        assert word not in content, word


def test_terms_are_alphabetical(tmp_path_factory):
    import re

    _, document = report_packs.council_report_pages(tmp_path_factory, NAME)
    section = document[document.index("Begrippen</h2>") : document.index("Programma en doelstellingen</h2>")]
    terms = [t.lower() for t in re.findall(r"<p><strong>(.*?)</strong>:", section)]
    assert len(terms) >= 20 and terms == sorted(terms), terms


def test_every_direction_has_its_source(content):
    # Programmabegroting 2025: "Het college werkt toe naar een verlaging van de eenzaamheidsscore"
    assert "Het college werkt toe naar een verlaging van de eenzaamheidsscore" in content
    assert "eigen keuze" in content
