"""jeugd_wijk_en_school: POH-jeugd and schoolmaatschappelijk werk (Jaarstukken 2024; 2e Rapportage 2019, tabel 3)."""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "jeugd_wijk_en_school"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_key_messages_on_the_first_page(report):
    report_packs.assert_key_messages_up_front(*report, page=1)


def test_poh_share_is_of_the_youths_seen(report):
    # Jaarstukken 2024: "875 trajecten afgesloten. 45% van de jeugdigen die zij zagen, werd doorverwezen"
    _, messages = report
    line = report_packs.bullet(messages, "In 2024 sloten de praktijkondersteuners jeugd")
    assert "875 trajecten af; 45% van de jeugdigen die zij zagen" in line


def test_school_social_work(report):
    # "900 aanmeldingen opgepakt ... 33% van deze leerlingen is doorverwezen"; "27 Preventie+-trajecten ingezet"
    _, messages = report
    assert report_packs.bullet(messages, "pakte in 2024 900 aanmeldingen op; 33% van deze leerlingen")
    assert report_packs.bullet(messages, "27 Preventie+-trajecten")


def test_the_municipalitys_conclusions_are_on_the_first_page(report):
    # "minder jeugdigen door naar specialistische jeugdhulp" and "de extra middelen maar gedeeltelijk zijn benut"
    pages, _ = report
    assert "verwees het Schoolmaatschappelijk Werk minder jeugdigen door" in pages[0] + pages[1]
    assert "gedeeltelijk zijn [sic] benut" in " ".join(pages) or "zijn benut [sic]" in " ".join(pages)
