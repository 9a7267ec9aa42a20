"""jeugdhulp_drie_jaar (newest year, as scheduled): the figures of the documents, read back from the report.

The expected figures are typed here from the seed documents (the words are quoted above each), not read from the
data files: a wrong figure in data/, a wrong computation or a lost sentence fails the test.

Seeds: Jaarstukken 2024 = /work/shared/seeds/000_32d5fdac7dc774f4.txt (JS 2024); Programmabegroting 2025 =
002_36b8a180079c74d7.txt (PB 2025); Jaarverslag 2022 = 001_05ceb8d39531ee11.txt (JV 2022). The national figures are
not in the seeds: /work/shared/reference/README.md, 'National reference: youths under 23 with jeugdhulp'.
"""

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]

NAME = "jeugdhulp_drie_jaar"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return report_packs.council_report(tmp_path_factory, NAME)


def test_question_and_key_messages_on_the_first_page(report):
    pages, messages = report
    report_packs.assert_key_messages_up_front(pages, messages, page=1)
    assert "Hoeveel jeugdigen krijgen al drie jaar of langer aaneengesloten specialistische jeugdhulp?" in pages[0]


def test_share_against_the_target_with_the_published_verdict_and_provisional(report):
    # JS 2024 lines 267-274: "Begroting 46,0% 45,0%" / "Realisatie 46,1% 48,0%" / "Doel gehaald: Nee." (for 2024
    # only) and "NB. Het betreft een voorlopig percentage."; indicator "Afname gemiddeld aantal jaar ..." (lower is
    # better). 2023: 46,1 > 46,0, not met, no published verdict (our own reading); 2024: 48,0 > 45,0, not met, as
    # published. Both years in one sentence, so the rise and the lowered target show.
    pages, messages = report
    # the key messages: a head with the verdict, then the figures (2024 judged by the Jaarstukken; 2023 our own,
    # and the PB 2025's 45,9% would have met the 46,0% target)
    assert messages[0].startswith(
        # round 46: with 2023 and its target (the rise and the tightened target); round 18 had left 46,1% out beside
        # the PB 2025 count of 2023, which is no longer on page 1 (round 45)
        "Aandeel jeugdigen drie jaar of langer in jeugdhulp: doel niet gehaald in 2024 (voorlopig). 48,0% in 2024, "
        "doel 45,0% (lager is beter); in 2023 46,1% (doel 46,0%)."
    )
    # the revised 2023 (46,1% against 46,0%; 45,9% in the PB 2025) is said in the body, not among the key messages
    # under the chart, newest first; the target lowered where lower is better: 'aangescherpt'
    assert (
        "Het aandeel jeugdigen dat drie jaar of langer jeugdhulp krijgt was 48,0% in 2024, boven het doel van 45,0%: "
        "niet gehaald (voorlopig cijfer). In 2023 was het 46,1%, bij een doel van 46,0%: niet gehaald (eigen "
        "berekening). De Programmabegroting 2025 gaf eerder 45,9%: daarmee was het doel wel gehaald (eigen "
        "berekening). Lager is beter; het doel werd aangescherpt van 46,0% naar 45,0%."  # round 52: a sentence each
    ) in " ".join(pages)  # rounds 48-50: the PB 2025's 45,9% beside the verdict on page 1 (round 46 had left it out)
    assert "werd daarmee met 45,9% wel en met 46,1% niet gehaald (eigen berekening)" in " ".join(pages)


def test_numerator_and_denominator_are_said_provisional_with_the_municipalitys_explanation(report):
    # JS 2024 line 271: "In 2024 kregen 2.279 jeugdigen drie jaar of langer aaneengesloten hulp. Op een totaal aantal
    # jeugdigen met jeugdhulp van 4.747 is dit 48,0%." (voorlopig, line 274); line 272, word for word: "Hoewel het
    # totaal jeugdigen met jeugdhulp vooralsnog iets lager ligt, neemt het aantal jeugdigen dat langdurig jeugdhulp
    # ontvangt nog toe."
    _, messages = report
    assert messages[0].endswith("Dat waren 2.279 van de 4.747 jeugdigen met jeugdhulp (voorlopige cijfers).")
    assert (
        "Toelichting van de gemeente. De gemeente schreef in de Jaarstukken 2024: ‘Hoewel het totaal jeugdigen met "
        "jeugdhulp vooralsnog iets lager ligt, neemt het aantal jeugdigen dat langdurig jeugdhulp ontvangt nog toe.’"
    ) in messages


def test_revision(report):
    # JS 2024 lines 267-268 (2023 column): Begroting 46,0%, Realisatie 46,1%: 0,1 procentpunt above, lower is better;
    # the Jaarstukken judge only 2024, so the 2023 verdict is the report's own. PB 2025 line 25 gave 45,9% for 2023:
    # 45,9 <= 46,0 would meet that target, 46,1 does not.
    # the revision is said in the body ('Een cijfer dat later is bijgesteld'), no longer a key message (ninth review)
    pages, messages = report
    content = " ".join(pages)
    assert "werd daarmee met 45,9% wel en met 46,1% niet gehaald (eigen berekening)" in content
    # round 45 (a fact-checker): the counts of 2023 and 2024 are no longer a key message: 2.261 of 4.923 (PB 2025
    # line 25) is the publication whose 45,9% the JS 2024 revised to 46,1%, so a change against it mixed publications
    assert not any("2.261" in m for m in messages)
    assert "2.261" in content  # still in the table of both publications
    # JS 2024 line 271: the count's wording under the table of the counts (round 40: not on page 1)
    assert "De Jaarstukken 2024 spreken van 'jeugdigen met jeugdhulp'" in " ".join(" ".join(pages[1:]).split())
    # both years against their targets (JS 2024 lines 267-268; 2024 provisional)
    assert "2024 48,0%* 45,0% 2023 46,1% 46,0%" in content  # newest first (round 52)
    # PB 2025 line 25 "percentage 45,9%" against JS 2024 line 268 "46,1%" for 2023
    assert (
        "Over 2023 gaven de documenten eerst 45,9% (Programmabegroting 2025), later 46,1% (Jaarstukken 2024)" in content
    )
    assert "2023 (Programmabegroting 2025) 45,9% 2.261 4.923" in content  # "2.261" and "(N= 4.923)"


def test_national_comparison_in_relative_terms(report):
    # No longer a key message (the key messages now carry the counts, above); the comparison is said under the table.
    # PB 2025 line 25 "(N= 4.923)" (2023), JS 2024 line 271 "4.747" (2024); reference README: 2023 489,895,
    # 2024 481,355 (provisional). -3,58% -> 3,6%; (481.355 - 489.895) / 489.895 = -1,74% -> 1,7%
    pages, _ = report
    zm = report_packs.relative(4923, 4747).lstrip("\u2212")
    nl = report_packs.relative(489895, 481355).lstrip("\u2212")
    content = " ".join(pages)
    assert (
        f"Van 2023 op 2024 daalde het aantal jeugdigen met specialistische jeugdhulp met {zm}; het aantal jeugdigen "
        f"met jeugdhulp in Nederland daalde met {nl}. De cijfers over 2024 zijn voorlopig."
    ) in content
    # JV 2022 line 90: 2020 4.431, 2021 4.641, 2022 4.783 (peildatum 24 februari 2023)
    assert "2024 4.747* 481.355* 2023 4.923 489.895 2022 4.783 – 2021 4.641 – 2020 4.431 –" in content  # newest first


def test_municipality_speaks(report):
    # Jaarstukken 2024, Contractmanagement jeugd (line 131): "In het afgelopen jaar is de nadruk gelegd op de
    # effectiviteit van jeugdzorgtrajecten."
    pages, messages = report
    content = " ".join(pages)
    assert "Wat de gemeente eraan doet" in content
    assert "de nadruk gelegd op de effectiviteit van jeugdzorgtrajecten" in content
    # round 25: the step taken in 2024 on page 1 too (JS 2024, Specialistische jeugdhulp, word for word)
    assert (
        "Wat de gemeente doet. De gemeente schreef: ‘In het afgelopen jaar is de nadruk gelegd "
        "op de effectiviteit van jeugdzorgtrajecten.’ De gemeente schreef ook: ‘Vanwege de zorgen over de stijging "
        "van het gebruik en de kosten, is in 2024 ook de Crisisorganisatie Sociaal Domein Zoetermeer opgezet.’"
    ) in messages
