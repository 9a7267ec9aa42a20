"""The Wmo, mantelzorg and health report: every key message is a result against its begroting from the
Jaarstukken 2024 (seed 000_32d5fdac7dc774f4.txt); the municipality's Toelichtingen are quoted with their source;
the budget table appears once; Vrijwilligers stands under 'Meedoen en sociale basis'.
"""

import re
from pathlib import Path

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

REPORT = "wmo_mantelzorg_gezondheid"


@pytest.fixture(scope="session")
def council(tmp_path_factory):
    return report_packs.council(tmp_path_factory)[0]


def pdf_text(out: Path) -> str:
    """The text after the title page (which holds the contents)."""
    return " ".join(report_packs.pdf_pages(out / f"{REPORT}.pdf")[1:])


def key_messages(out: Path) -> list[str]:
    """The Kernboodschappen bullets of the HTML twin, as plain text."""
    return report_packs.key_messages((out / f"{REPORT}.html").read_text())


def bullet(out: Path, word: str) -> str:
    return report_packs.bullet(key_messages(out), word)


def test_key_messages_are_on_the_second_page(council):
    report_packs.assert_key_messages_up_front(
        report_packs.pdf_pages(council / f"{REPORT}.pdf"), key_messages(council), page=2
    )


@pytest.mark.parametrize(
    "word, figures",
    [
        # "% Klanten dat tevreden is over de kwaliteit van het ondersteuningsaanbod": "Begroting 80% 80%", "Realisatie 74% 71%"
        ("tevreden Wmo-cliënten", ["71% tegen een begroting van 80%", "9 procentpunt lager", "doel niet gehaald"]),
        # "% Mantelzorgers dat zich over het algemeen genomen voldoende ondersteund voelt": "Begroting 70% 71%", "Realisatie 72% 69%"
        ("mantelzorgers", ["69% tegen een begroting van 71%", "2 procentpunt lager", "doel niet gehaald"]),
        # "Coëfficiënt voor eenzaamheid onder inwoners (> 18 jaar)": "Begroting 2,3 2,3", "Realisatie 2,5 2,6"
        (
            "eenzaamheidsscore",
            ["2,6 tegen een begroting van 2,3", "0,3 hoger, terwijl lager beter is", "doel niet gehaald"],
        ),
        # "% Mensen dat een goede gezondheid ervaart": "Begroting 70% 73%", "Realisatie 71% 75%"
        ("goede gezondheid", ["75% tegen een begroting van 73%", "2 procentpunt hoger", "doel gehaald"]),
    ],
)
def test_key_messages_against_the_jaarstukken_2024(council, word, figures):
    text = bullet(council, word)
    assert text.startswith("In 2024 was")
    for figure in figures:
        assert figure in text, f"{figure!r} not in {text!r}"


def test_toelichtingen_are_quoted_with_their_source(council):
    content = pdf_text(council)
    # seed 000: "Toelichting: De eenzaamheidsscore is sinds de COVID-19 periode gestegen."
    assert re.search(
        r"Toelichting van de gemeente bij ‘[^’]+’ \(Jaarstukken 2024\): De eenzaamheidsscore is sinds de "
        r"COVID-19 periode gestegen\.",
        content,
    )
    assert content.count("Toelichting van de gemeente") >= 8


def test_budget_table_once_and_vrijwilligers_under_meedoen(council):
    content = pdf_text(council)
    assert content.count("Gemiddeld budget maatwerkondersteuning per cliënt jaar realisatie") == 1
    # Jaarstukken 2024: realisatie 2023 € 3.396, 2024 € 2.790; begroting € 2.850, € 3.500
    assert "2023 € 3.396 € 2.850 2024 € 2.790 € 3.500" in content
    meedoen = content.index("Meedoen en sociale basis")
    gezondheid = content.index("Eenzaamheid en gezondheid", meedoen)
    assert "vrijwilligers" in content[meedoen:gezondheid]
    wmo = content.index("Tevredenheid over de Wmo-ondersteuning")
    assert "rijwilligers" not in content[wmo:meedoen]


def test_loneliness_sentence_is_true_of_the_whole_series(council):
    # Jaarverslag 2022: "Realisatie 2,6 2,5", "Begroting 2,4 2,4"; Jaarstukken 2024: "Realisatie 2,5 2,6",
    # "Begroting 2,3 2,3": 2,6 -> 2,5 -> 2,5 -> 2,6, the target missed every year
    content = pdf_text(council)
    assert (
        "De eenzaamheidsscore was in 2024 met 2,6 even hoog als in 2021; in 2022 en 2023 was hij 2,5. Het doel uit "
        "de begroting (2,4 in 2021 en 2022, 2,3 in 2023 en 2024; lager is beter) is in geen enkel jaar "
        "gehaald."
    ) in content
    assert "bleef gelijk op 2,6" not in content
