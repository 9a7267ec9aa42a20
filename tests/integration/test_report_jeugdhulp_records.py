"""The records report of the analysts' pack (jeugdhulp_records), read back from its PDF and HTML twin.

The report runs on the synthetic extract, which is calibrated on the 2e Rapportage Sociaal Domein 2019
(/work/shared/seeds/003_994fa22a1274fd9b.txt): its flows and costs per type come back as the document prints
them. So the figures of the Kernboodschappen are asserted against the document's tables (the seed line is
quoted with each), and the synthetic-only figures against the report's own tables. The pack is made once per
session by ``report_packs`` (shared with test_report_suite and tests/accessibility).
"""

import html
import re

import pytest
import report_packs

pytestmark = [pytest.mark.notebooks, pytest.mark.pdf]  # runs the analysts' pack and reads the PDF back

NAME = "jeugdhulp_records"


@pytest.fixture(scope="session")
def analysts(tmp_path_factory):
    return report_packs.analysts(tmp_path_factory)


@pytest.fixture(scope="module")
def report(analysts):
    """(pages of PDF text, HTML document) of the records report."""
    out, results = analysts
    assert [(r.report, r.status) for r in results] == [(NAME, "ok")]
    return report_packs.pdf_pages(out / f"{NAME}.pdf"), (out / f"{NAME}.html").read_text()


plain = report_packs.plain
key_messages = report_packs.key_messages


def row(content: str, caption: str, label: str, n: int) -> list[str]:
    """The first ``n`` cells of row ``label`` of the table under ``caption``, as the PDF prints them."""
    assert caption in content, f"table {caption!r} not in the PDF"
    after = content[content.index(caption) + len(caption) :]
    found = re.search(rf"(?:^| ){re.escape(label)} ", after)
    assert found, f"row {label!r} not in the table {caption!r}"
    return after[found.end() :].split()[:n]


def test_key_messages_say_synthetic_and_come_before_the_sections(report):
    pages, document = report
    messages = key_messages(document)
    assert messages[0].startswith("Alle cijfers in dit rapport zijn synthetisch")
    assert "niet over echte jeugdigen" in messages[0]
    # the period of the extract and its peildatum (tabel 1: "Instroom van jeugdigen in de periode 2015-2019
    # (peildatum 9-9- 2019)"): 2019 is not a whole year and is said so
    period = "De registraties lopen van 1-1-2015 tot en met 9-9-2019 (peildatum); 2019 is dus geen volledig jaar."
    assert period in messages[0]
    for message in messages[1:]:  # each message on its own says the figures are synthetic
        assert message.startswith("Synthetisch: "), message
    # 3 to 5 messages, right after the title and the introduction, before any section
    report_packs.assert_key_messages_up_front(pages, messages)
    first_section = " ".join(pages).index("Hoe er is geteld")
    assert all(" ".join(pages).index(m) < first_section for m in messages)


def test_key_message_flows_are_the_documented_flows(report):
    _, document = report
    flows = key_messages(document)[1]
    # tabel 1: "2016 1.816" and "2018 1.151"; (1.151 - 1.816) / 1.816 = -36,6% -> −37% (a real minus sign)
    assert "de instroom in de jeugdhulp daalde van 1.816 in 2016 naar 1.151 in 2018 (−37%)." in flows
    # tabel 4: "2016 2.545" and "2018 3.101"; (3.101 - 2.545) / 2.545 = +21,8% -> +22%
    assert "De doorstroom in de jeugdhulp steeg van 2.545 in 2016 naar 3.101 in 2018 (+22%)." in flows
    assert "2019" not in flows  # the partial year is not compared with whole years


def test_key_message_comparison_names_the_one_difference_with_the_document(report):
    pages, document = report
    compared = key_messages(document)[2]
    # tabel 1, 4 and 5 give instroom, doorstroom and uitstroom for 2016-2019: 12 figures; tabel 5:
    # "2017 1.304 " while the records give 1.303 (the calibration rounds one youth away)
    assert "van de 12 gepubliceerde cijfers voor instroom, doorstroom en uitstroom over 2016-2019" in compared
    assert "komen er 11 precies terug" in compared
    assert "(uitstroom 2017: 1.303 tegen 1.304 gepubliceerd)" in compared
    assert "Dat is geen toets: de synthetische gegevens zijn op die cijfers afgestemd." in compared
    content = " ".join(pages)
    assert row(content, "Registraties naast de gepubliceerde tabellen", "uitstroom 2017", 3) == ["1.303", "1.304", "-1"]
    # the table cites only the document it compares with, not every publication of these series
    tail = content[content.rindex("Bronnen") :]
    assert "2e Rapportage Sociaal Domein 2019: Tabel 1, Tabel 4 en Tabel 5, peildatum 9 september 2019" in tail
    assert "Jaarstukken 2024:" not in tail and "Programmabegroting 2025:" not in tail


def test_key_message_three_years_agrees_with_its_tables(report):
    """No document gives the 2018 share (the Jaarstukken 2024 start in 2023): the message must agree with the
    report's tables, and the share with its count and total as printed."""
    pages, document = report
    message = key_messages(document)[3]
    found = re.fullmatch(
        r"Synthetisch: in 2018 had (\d+,\d)% van de jeugdigen drie jaar of langer jeugdhulp "
        r"\(([\d.]+) van ([\d.]+)\)\.",
        message,
    )
    assert found, message
    share, count, total = found.groups()
    content = " ".join(pages)
    jeugdigen = row(content, "Unieke jeugdigen per stroom, uit de registraties", "2018", 1)[0]
    assert total == jeugdigen
    assert row(content, "Jeugdigen drie jaar of langer in jeugdhulp", "2018", 2) == [f"{share}%", count]
    assert f"{int(count.replace('.', '')) / int(total.replace('.', '')) * 100:.1f}".replace(".", ",") == share


def test_key_message_costs_are_the_documented_costs(report):
    _, document = report
    costs = key_messages(document)[4]
    # tabel 7, 2015: "€15.481.766", "€8.451.558", "€ 2.281.855", "€ 665.491" -> € 26.880.670 = € 26,9 mln;
    # 2018: "€ 23.307.274", "€ 8.258.443", "€ 2.390.462", "€ 571.151" -> € 34.527.330 = € 34,5 mln
    assert (
        "de kosten van de specialistische jeugdhulp stegen van € 26,9 mln in 2015 naar € 34,5 mln in 2018, "
        "€ 7,6 mln meer (+28%)."
    ) in costs
    # tabel 7: "Jeugdhulp zonder verblijf ... € 23.307.274" (2018), the largest of the four types
    assert "Jeugdhulp zonder verblijf is met € 23,3 mln de grootste kostenpost in 2018." in costs


def test_every_chart_and_place_says_the_figures_are_synthetic(report):
    pages, document = report
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', document)
    assert len(alts) == 3
    kinds = [alt.split(".")[0] for alt in alts]
    assert kinds == ["Lijngrafiek", "Staafdiagram", "Staafdiagram"]
    for alt in alts:
        assert ". Synthetisch: " in html.unescape(alt), alt
    first = pages[0]
    assert "Jeugdhulp uit registraties (synthetische gegevens)" in first
    assert "Registraties van 1 januari 2015 tot en met 9 september 2019; wijken in 2018" in first
    assert "Bronnen: synthetische gegevens, 2e Rapportage Sociaal Domein 2019" in first
    content = " ".join(pages)
    sources = re.findall(r"Bron: [^B]*?peildatum \d+-\d+-\d{4}", content)
    assert sources and all(
        s.startswith("Bron: synthetische gegevens (gegenereerd, geen echte cijfers)") for s in sources
    )
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", document, re.S)
    tables = [c for c in captions if not c.startswith("<p")]
    assert len(tables) >= 7 and all("ynthetisch" in c for c in tables), tables


def test_no_file_names_or_developer_words_for_the_reader(report):
    pages, document = report
    content = " ".join(pages)
    words = (".parquet", "jeugdhulp_synthetic", "youths8728", "vintage", "parameter", "left_censored", "sdlib")
    for word in (*words, "notebook", "Notebook"):
        assert word not in content, word
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", content)
    # the story itself; the definitions in the Verantwoording are the catalog's
    story = content[: content.rindex("Verantwoording")]
    for word in ("extract", "Extract", "gecensureerd"):
        assert word not in story, word
    assert "<code" not in document and "<pre" not in document


def test_verantwoording_gives_the_disclosure_rule_and_the_synthetic_origin(report):
    pages, _ = report
    content = " ".join(pages)
    tail = content[content.rindex("Verantwoording") :]
    assert (
        "Geheimhouding per wijk. Aantallen van 0 tot en met 7 zijn geheim (.); de overige aantallen zijn "
        "afgerond op een veelvoud van 5"
    ) in tail
    assert "Synthetische gegevens: de registraties zijn nagemaakt" in tail
    assert "de verdeling over de wijken is verzonnen" in tail
    # the protected table per district: rounded to multiples of 5 (Oosterheem has no secret cell in 2018)
    cells = row(content, "Unieke jeugdigen per stadswijk in 2018 (synthetisch)", "Oosterheem", 6)
    assert all(c != "." and int(c.replace(".", "")) % 5 == 0 for c in cells), cells
    for series in ("Instroom in de specialistische jeugdhulp", "Kosten per jeugdige met specialistische jeugdhulp"):
        assert series in tail
