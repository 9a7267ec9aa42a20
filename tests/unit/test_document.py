"""A report as a Document: what it shows, what it cites, and what the Verantwoording and the title page say.

No kernel: ``sdlib.present.document._display`` (and IPython's ``display``, which shows the headings) are
replaced by a list that collects what would be shown. The figures and texts are those of Waterveen
(tests/fixtures/waterveen/make_data.py): two Jaarrekeningen (2023, 2024) and CBS landelijk.
"""

import datetime as dt
import re
import shutil
import types

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import sdlib
from sdlib.present import document, tables
from sdlib.present.document import Document, status_text
from sdlib.present.provenance import citations

J23, J24, CBS = "Jaarrekening Waterveen 2023", "Jaarrekening Waterveen 2024", "CBS landelijk"


class Shown(list):
    """What a report would show: (kind, content, metadata) with kind "html" or "markdown"."""

    def html(self) -> str:
        return "".join(content for kind, content, _ in self if kind == "html")

    def all_text(self) -> str:
        return "\n".join(content for _, content, _ in self)

    def metadata(self) -> list[dict]:
        return [meta for kind, _, meta in self if meta]


@pytest.fixture
def shown(monkeypatch):
    import IPython.display

    out = Shown()
    monkeypatch.setattr(document, "_display", lambda markup, metadata=None: out.append(("html", markup, metadata)))
    monkeypatch.setattr(
        IPython.display, "display", lambda *objs, **kw: out.extend(("markdown", o.data, None) for o in objs)
    )
    yield out
    plt.close("all")


@pytest.fixture
def today(monkeypatch):
    """Fix the day a Document says how current its figures are (the Verantwoording asks for today's date)."""

    def set_today(day: dt.date):
        class Day(dt.date):
            @classmethod
            def today(cls):
                return cls(day.year, day.month, day.day)

        monkeypatch.setattr(document, "dt", types.SimpleNamespace(date=Day))

    return set_today


def _chart():
    _, ax = plt.subplots(figsize=(4, 2))
    ax.plot([2021, 2024], [610, 548])
    return ax


def _sources(html: str) -> dict[str, str]:
    """The Bronnen of a Verantwoording: {document: what is cited of it}."""
    part = html[html.index("<h3>Bronnen</h3>") :]
    part = part[: part.index("</ul>")]
    return dict(re.findall(r"<li><strong>(.*?)</strong>(?:: (.*?))?</li>", part))


def _definitions(html: str) -> list[str]:
    return re.findall(r"<dt>(.*?)</dt>", html)


# --- citations ---------------------------------------------------------------------------------------------


def test_the_verantwoording_lists_exactly_the_documents_the_report_showed_or_used(shown):
    inflow = sdlib.load("jeugdhulp_instroom")  # Jaarrekening 2024, Tabel 1
    costs = sdlib.load("jeugdhulp_kosten_per_type")  # Jaarrekening 2024, Tabel 7, peildatum 30-6-2024
    outflow = sdlib.load("jeugdhulp_uitstroom")  # Jaarrekening 2024, Tabel 3
    country = sdlib.load("jeugdhulp_nederland_jeugdigen")  # CBS landelijk, only in a sentence
    doc = Document()
    doc.chart(_chart(), "De instroom daalde.", kind="lijngrafiek", source=inflow)
    wide, marks = tables.wide(costs, index="year", columns="care_type")
    doc.table(wide, marks=marks, unit="eur", source=costs)
    doc.wide_table(outflow, unit="count")
    doc.quote("jeugdhulp_3jaar_aandeel", about=2024)  # Jaarrekening 2024, Langdurige jeugdhulp
    doc.uses(country)
    doc.verantwoording(period="2021-2024")
    html = shown[-1][1]
    sources = _sources(html)
    assert list(sources) == [J24, CBS]  # the Jaarrekening 2023 gave nothing shown: not named
    # per document and peildatum, in the order first cited: costs 2021-2023 have no peildatum, 2024 has one; a part
    # named with its peildatum is not named again without it (round 17: 'X; X, peildatum ...' read as a slip)
    assert sources[J24] == "Tabel 1, Tabel 3 en Langdurige jeugdhulp; Tabel 7, peildatum 30\xa0juni 2024"
    assert sources[CBS] == "Landelijk"
    assert {c.source for c in doc.citations} == {"wv_jaarstukken_2024", "wv_cbs_landelijk"}
    # the definitions of every series shown, quoted or used, as the catalog gives them
    assert sorted(_definitions(html)) == [
        "Aandeel jeugdigen drie jaar of langer in jeugdhulp",
        "Instroom in de specialistische jeugdhulp",
        "Jeugdigen met jeugdhulp in Nederland",
        "Kosten per type jeugdhulp",
        "Uitstroom uit de specialistische jeugdhulp",
    ]


def test_what_is_shown_without_source_rows_is_not_cited(shown):
    doc = Document()
    doc.chart(_chart(), "Een tekening.", kind="lijngrafiek", source="Bron: eigen tekening")
    doc.sentence("Een zin.")
    doc.quote("jeugdhulp_instroom", about=2024)  # Waterveen prints no Toelichting under the instroom
    assert len(doc.citations) == 0
    assert "Bron: eigen tekening" in shown.html()
    doc.verantwoording()
    assert "<h3>Bronnen</h3>" not in shown[-1][1]


def test_a_series_named_by_the_notebook_must_exist(shown):
    doc = Document()
    with pytest.raises(sdlib.UnknownSeriesError):
        doc.verantwoording(series=["jeugdhulp_instroom_typo"])


# --- the "Bron:" line --------------------------------------------------------------------------------------


def test_a_source_line_is_printed_once_per_heading_and_again_after_a_new_part(shown):
    inflow = sdlib.load("jeugdhulp_instroom")
    line = "Bron: Jaarrekening Waterveen 2024, Tabel 1"
    doc = Document()
    doc.heading("Instroom")
    doc.sentence("De instroom daalde.", source=inflow)
    doc.wide_table(inflow, unit="count")  # the same rows under the same heading: no second line
    doc.chart(_chart(), "De instroom daalde.", kind="lijngrafiek", source=inflow)
    doc.heading("Per jaar", level=3)  # a sub-heading does not start a new part
    doc.sentence("Nog eens.", source=inflow)
    outflow = sdlib.load("jeugdhulp_uitstroom")
    doc.sentence("De uitstroom steeg.", source=outflow)  # another line is printed
    doc.heading("Uitstroom")  # a new part (level 2): the line is printed again
    doc.wide_table(inflow, unit="count")
    texts = [content for _, content, _ in shown]
    assert texts[0] == "## Instroom" and texts[4] == "### Per jaar" and texts[7] == "## Uitstroom"
    assert [line in t for t in texts] == [False, True, False, False, False, False, False, False, True]
    assert "Bron: Jaarrekening Waterveen 2024, Tabel 3" in texts[6]
    assert shown.all_text().count(line) == 2


def test_uses_prints_nothing_but_is_cited(shown):
    doc = Document()
    doc.uses(sdlib.load("jeugdhulp_instroom"), sdlib.load("jeugdhulp_uitstroom"))
    assert list(shown) == []
    years = (2021, 2022, 2023, 2024)
    assert [(c.table, c.years) for c in doc.citations] == [("Tabel 1", years), ("Tabel 3", years)]
    assert doc.series == ["jeugdhulp_instroom", "jeugdhulp_uitstroom"]


# --- the title page and how current the figures are --------------------------------------------------------


def test_verantwoording_sets_period_sources_and_status_of_the_title_page(shown, today):
    today(dt.date(2026, 3, 1))
    doc = Document()
    doc.wide_table(sdlib.load("jeugdhulp_3jaar_aandeel"), columns="measure", unit="percent")
    doc.uses(sdlib.load("jeugdhulp_instroom"))
    doc.verantwoording(period="2023-2024")
    (meta,) = shown.metadata()
    assert meta == {
        "sdlib": {
            "period": "2023-2024",
            "sources": [J23, J24],  # in the order first cited
            # 2024 is the newest realised year, in the Jaarrekening 2024 only; nothing yet about 2025
            "status": f"De nieuwste cijfers in dit rapport gaan over 2024 ({J24}). "
            "Cijfers over 2025 staan er nog niet in: de Jaarrekening Waterveen 2025 en latere documenten zijn nog niet "
            "in dit rapport opgenomen.",
        }
    }
    assert '<p class="sd-status">De nieuwste cijfers in dit rapport gaan over 2024' in shown[-1][1]


def test_a_report_without_figures_has_no_status(shown, today):
    today(dt.date(2026, 3, 1))
    doc = Document()
    doc.quote("jeugdhulp_3jaar_aandeel", about=2024)  # a quotation is about 2024 but holds no figure of it
    doc.verantwoording(period="2024")
    (meta,) = shown.metadata()
    assert meta == {"sdlib": {"period": "2024", "sources": [J24]}}
    assert "Stand van de cijfers" not in shown[-1][1]


def test_status_text_says_the_newest_realised_year_and_the_missing_years_up_to_today():
    found = citations(sdlib.load("jeugdhulp_instroom"))  # 2021-2024, Jaarrekening 2024
    newest = f"De nieuwste cijfers in dit rapport gaan over 2024 ({J24})."
    assert status_text(found, today=dt.date(2025, 6, 1)) == newest  # 2025 is not over: nothing missing yet
    assert status_text(found, today=dt.date(2026, 1, 2)) == (newest + " Cijfers over 2025 staan er nog niet in" + LATER)
    assert status_text(found, today=dt.date(2028, 6, 1)) == (
        newest + " Cijfers over 2025 tot en met 2027 staan er niet in" + LATER
    )
    assert status_text([], today=dt.date(2026, 1, 2)) == ""


def test_status_text_counts_realised_figures_of_published_documents_only():
    share = sdlib.load("jeugdhulp_3jaar_aandeel")
    goal_2025 = pd.DataFrame(
        [{**share.iloc[-1].to_dict(), "year": 2025, "measure": "begroting", "value": 30.0, "provisional": False}]
    )
    found = citations(pd.concat([share, goal_2025]))  # a begroting for 2025 is no figure about 2025
    assert status_text(found, today=dt.date(2026, 1, 2)) == (
        f"De nieuwste cijfers in dit rapport gaan over 2024 ({J24}). Cijfers over 2025 staan er nog niet in" + LATER
    )
    registrations = pd.DataFrame(
        {"source": ["records:extract_2025.parquet"], "table": [None], "reference_date": [None], "year": [2025]}
    )
    assert status_text(citations(registrations), today=dt.date(2026, 1, 2)) == ""  # no document to wait for


# Waterveen's newest: 2025
LATER = ": de Jaarrekening Waterveen 2025 en latere documenten zijn nog niet in dit rapport opgenomen."


# --- the municipality's own words ---------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path, fixture_data):
    """Waterveen's data, plus a passage with a misspelled word and a Toelichting printed under two indicators."""
    dest = tmp_path / "data"
    shutil.copytree(fixture_data, dest)
    with (dest / "passages.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "drie_jaar,conclusie,2023,wv_jaarstukken_2023,Jeugd,"
            "De aanbeiders en de aanbeiders van verblijf zagen minder lange trajecten (verzonnen testtekst).,"
            "aanbeiders (aanbieders)\n"
            "stromen,uitleg,2024,wv_jaarstukken_2024,Stromen,"
            "Uit de cijfers blijkt dat de instroom daalt; ook blijk de wachttijd korter (verzonnen testtekst).,"
            "blijk (blijkt)\n"
        )
    with (dest / "toelichtingen.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "wmo_past_bij_hulpvraag,2024,2024,wv_jaarstukken_2024,Ondersteuning past,"
            "De tevredenheid bleef op het doel (verzonnen testtekst).\n"
        )
    return dest


def test_quote_shows_the_toelichting_about_a_year_as_printed_and_cites_it(shown):
    doc = Document()
    doc.quote("jeugdhulp_3jaar_aandeel", about=2024)
    (markup,) = [content for kind, content, _ in shown]
    assert (
        '<blockquote lang="nl-NL"><p>Het aandeel steeg, vooral door langere trajecten met verblijf (verzonnen '
        "testtekst).</p></blockquote>"
    ) in markup
    assert (
        "<figcaption>Toelichting van de gemeente bij ‘Langdurige jeugdhulp’, "  # the document's own heading
        f"{J24} (over 2024)</figcaption>"
    ) in markup
    ((source, table, ref, years),) = [(c.source, c.table, c.reference_date, c.years) for c in doc.citations]
    assert (source, table, ref, years) == ("wv_jaarstukken_2024", "Langdurige jeugdhulp", None, ())
    doc.quote("jeugdhulp_3jaar_aandeel", about=2023)  # none printed about 2023: nothing shown, nothing cited
    assert len(shown) == 1 and len(doc.citations) == 1


def test_one_toelichting_under_two_indicators_is_quoted_once_naming_both(shown, data_dir):
    doc = Document(data_dir=data_dir)
    doc.quote(["wmo_tevreden_kwaliteit", "wmo_past_bij_hulpvraag"], about=2024)
    (markup,) = [content for _, content, _ in shown]
    assert markup.count("<blockquote") == 1
    assert (f"Toelichting van de gemeente bij ‘Tevredenheid Wmo’ en ‘Ondersteuning past’, {J24} (over 2024)") in markup
    assert {c.table for c in doc.citations} == {"Tevredenheid Wmo", "Ondersteuning past"}


def test_voice_quotes_passages_newest_first_as_printed(shown, data_dir):
    doc = Document(data_dir=data_dir)
    doc.voice("drie_jaar", heading="Wat de gemeente zegt")
    heading, (kind, markup, _) = shown[0], shown[1]
    assert heading == ("markdown", "### Wat de gemeente zegt", None) and kind == "html"
    quotes = re.findall(r"<blockquote lang=\"nl-NL\"><p>(.*?)</p></blockquote><figcaption>(.*?)</figcaption>", markup)
    assert quotes == [
        (
            "Waterveen bespreekt lange trajecten elk kwartaal met de aanbieders (verzonnen testtekst).",
            f"{J24}, Jeugd",
        ),  # 2024 first
        (
            "De aanbeiders [sic] en de aanbeiders van verblijf zagen minder lange trajecten (verzonnen testtekst).",
            f"{J23}, Jeugd",
        ),  # the misspelling as printed, marked once where the data's 'sic' column names it
    ]
    assert {(c.short_title, c.table) for c in doc.citations} == {(J24, "Jeugd"), (J23, "Jeugd")}


def test_quotations_are_shown_as_printed_and_the_verantwoording_says_so(shown, data_dir):
    doc = Document(data_dir=data_dir)
    doc.voice("stromen")
    # 'blijk' is marked, 'blijkt' (the same letters at the start of a longer word) is not
    assert "Uit de cijfers blijkt dat de instroom daalt; ook blijk [sic] de wachttijd korter" in shown.html()
    doc.verantwoording(period="2024")
    assert "De woorden van de gemeente staan er letterlijk" in shown[-1][1]


def test_the_verantwoording_explains_only_the_marks_the_report_showed(shown):
    doc = Document()
    doc.table(sdlib.load("jeugdhulp_instroom"), caption="Instroom")  # whole years, nothing provisional
    doc.verantwoording(period="2021-2024")
    assert "Voorlopige" not in shown[-1][1] and "gearceerde" not in shown[-1][1]
    assert "De woorden van de gemeente" not in shown[-1][1]  # nothing quoted
    doc = Document()
    doc.table(sdlib.load("jeugdhulp_3jaar_aandeel"), caption="Aandeel")  # 2024 is provisional in Waterveen
    doc.verantwoording(period="2023-2024")
    assert "<h3>Voorlopige cijfers</h3>" in shown[-1][1]


def test_a_toelichting_printed_again_under_a_later_indicator_is_not_repeated(shown, data_dir):
    # the data_dir fixture prints Waterveen's text about 'tevreden over de kwaliteit' again under 'past bij'
    doc = Document(data_dir=data_dir)
    doc.quote("wmo_tevreden_kwaliteit", about=2024)
    doc.quote("wmo_past_bij_hulpvraag", about=2024)
    assert shown.html().count("De tevredenheid bleef op het doel") == 1
    assert "dezelfde toelichting als bij ‘Tevredenheid Wmo’" in shown[-1][1]


def test_voice_selects_kinds_and_years_and_shows_nothing_without_passages(shown, data_dir):
    doc = Document(data_dir=data_dir)
    doc.voice("drie_jaar", kinds=["conclusie"])
    assert "De aanbeiders" in shown.html() and "elk kwartaal" not in shown.html()
    doc.voice("drie_jaar", years=[2024], limit=1)
    assert "elk kwartaal" in shown[-1][1] and "De aanbeiders" not in shown[-1][1]
    before = len(shown)
    doc.voice("bijstand", heading="Wat de gemeente zegt")  # no passage about this topic: no heading either
    assert len(shown) == before


def test_waterveens_own_passages_have_no_sic(shown):
    doc = Document()
    doc.voice("kosten")
    assert "De kosten stegen door meer verblijf (verzonnen testtekst)." in shown.html()
    assert "[sic]" not in shown.html()


# --- key messages ----------------------------------------------------------------------------------------


def test_key_messages_show_the_question_and_a_list_of_sentences(shown):
    doc = Document()
    doc.key_messages(["De instroom daalde.", "De uitstroom steeg & meer."], question="Hoeveel jeugdigen?")
    assert shown.html() == (
        '<section class="sd-key"><h2>Kernboodschappen</h2><p class="sd-question">Hoeveel jeugdigen?</p>'
        "<ul><li>De instroom daalde.</li><li>De uitstroom steeg &amp; meer.</li></ul></section>"
    )
    with pytest.raises(TypeError, match="lijst met zinnen"):
        doc.key_messages("De instroom daalde.")
    with pytest.raises(ValueError, match="geef 1 tot 6 zinnen"):
        doc.key_messages([f"Zin {i}." for i in range(7)])


def test_a_key_message_with_a_head_prints_the_head_bold_and_one_without_text_is_left_out(shown):
    doc = Document()
    doc.key_messages(
        [("Instroom: gedaald in 2024", "Van 560 naar 548 (−2,1%)."), ("Wat de gemeente doet", ""), "Los & vast."],
        question="Hoeveel?",
    )
    assert "<ul><li><strong>Instroom: gedaald in 2024.</strong> Van 560 naar 548 (−2,1%).</li>" in shown.html()
    assert "<li>Los &amp; vast.</li></ul>" in shown.html()
    assert "Wat de gemeente doet" not in shown.html()  # no passage found: no empty message


def test_key_messages_say_own_work_once_under_the_messages_not_at_each_figure(shown):
    # round 51: '(eigen berekening)' after every other figure of page 1 read as method; one note says it for all
    doc = Document()
    doc.key_messages(
        [
            ("Instroom: gedaald", "Van 560 naar 548 (−2,1%; eigen berekening), 12 minder (eigen berekening)."),
            "Het doel is 4,0 procentpunt gemist (eigen berekening, van de percentages).",
        ]
    )
    page = shown.html()
    assert "Van 560 naar 548 (−2,1%), 12 minder." in page
    assert "Het doel is 4,0 procentpunt gemist (van de percentages)." in page
    assert page.count("eigen berekening") == 1 and "eigen lezing" not in page
    assert '<p class="sd-source">Verschillen, aandelen en oordelen die niet zo in een document staan' in page
    doc.key_messages(["Die cijfers tellen anders (eigen lezing); 12 meer (eigen lezing; over heel 2.1)."])
    assert "tellen anders; 12 meer (over heel 2.1)." in shown[-1][1] and "(eigen lezing)." in shown[-1][1]
    doc.key_messages(["Die cijfers tellen anders (eigen lezing); 12 meer (eigen berekening)."])
    assert "(eigen berekening of eigen lezing)" in shown[-1][1]
    doc.key_messages(["Geen eigen werk: 560 in 2024."])
    assert "sd-source" not in shown[-1][1]  # nothing marked: no note


def test_a_passage_quoted_whole_in_the_key_messages_is_not_quoted_again_but_still_cited(shown, data_dir):
    doc = Document(data_dir=data_dir)
    whole = "Waterveen bespreekt lange trajecten elk kwartaal met de aanbieders (verzonnen testtekst)."
    doc.key_messages([("Wat de gemeente doet", f"De gemeente schreef in de {J24}: ‘{whole}’")])
    doc.voice("drie_jaar", heading="Wat de gemeente zegt")
    assert shown.html().count("elk kwartaal") == 1  # only on page 1
    assert "De aanbeiders [sic]" in shown[-1][1]  # the other passage is quoted in the body
    assert (J24, "Jeugd") in {(c.short_title, c.table) for c in doc.citations}  # the Verantwoording names it
    before = len(shown)
    doc.voice("drie_jaar", years=[2024], heading="Nog eens")  # only the passage quoted on page 1: nothing, no heading
    assert len(shown) == before
    doc.voice("drie_jaar", years=[2024])  # without a heading the passage is what its part shows: quoted again
    assert "elk kwartaal" in shown[-1][1]


def test_a_toelichting_names_the_documents_heading_only_where_it_was_printed():
    # 'Toelichting doelstelling 2.1 (tabel niet overgenomen)' is our note, not the document's heading: our own title
    # is used then, without quotation marks (which would make it look like the document's words)
    from sdlib.present.provenance import printed_heading

    assert printed_heading("Vroegtijdig signaleren: Afname gemiddelde leeftijd bij instroom in jeugdhulp")
    assert not printed_heading("Toelichting doelstelling 2.1 (tabel niet overgenomen)")
    assert not printed_heading("Toelichting doelstelling 2.2 (kop niet overgenomen)") and not printed_heading("")


def test_the_sources_name_a_shared_heading_once_and_keep_a_heading_with_a_comma_whole():
    from sdlib.present.document import _compress

    # Rapportage 2e helft 2024: two parts of 'Werkbedrijf De Binnenbaan'; Jaarverslag 2022: a paragraph title that
    # holds commas itself ('Kwalitatief hoogwaardige, duurzame, ...') is no 'heading, part'
    assert _compress(["Werkbedrijf, Uitstroom", "Werkbedrijf, Herinstroom", "Inburgering"]) == [
        "Werkbedrijf",
        "Inburgering",
    ]
    title = "Kwalitatief hoogwaardige, duurzame, kosteneffectieve en resultaatgerichte jeugdhulp"
    assert _compress([title, "Tabel 1"]) == [title, "Tabel 1"]
    # round 22: a part named inside another, or again with a note after it, is named once
    assert _compress(["Inburgering, Integratieversneller", "Vroege start", "Integratieversneller"]) == [
        "Inburgering, Integratieversneller",
        "Vroege start",
    ]
    assert _compress(["Leeftijd bij instroom", "Leeftijd bij instroom (Realisatie 2024)"]) == ["Leeftijd bij instroom"]


def test_the_verantwoording_names_only_the_marks_of_the_charts_the_report_shows():
    from sdlib.present.document import provisional_text

    # a report with only tables and a line chart has no hatched bars to explain
    assert provisional_text([]) == (
        "Een voorlopig cijfer is gemarkeerd: met een * in een tabel. Een latere publicatie kan het nog herzien."
    )
    assert provisional_text(["lijngrafiek"]) == (
        "Een voorlopig cijfer is gemarkeerd: met een * in een tabel, een open punt in een grafiek. Een latere "
        "publicatie kan het nog herzien."
    )
    assert "een open punt of een gearceerde staaf in een grafiek" in provisional_text(
        ["kleine lijngrafieken", "liggend staafdiagram"]
    )


def test_the_verantwoording_explains_only_the_marks_of_own_work_the_report_used():
    # round 17: 'eigen lezing' and '[sic]' explained in reports that used neither
    from sdlib.present.document import own_work_text, verantwoording_html

    assert "'eigen lezing'" in own_work_text(None) and "'eigen keuze'" in own_work_text(None)  # no text known: all
    said = "Het doel werd gehaald (eigen berekening)."
    text = own_work_text(said)
    assert "'eigen berekening'" in text and "eigen lezing" not in text and "eigen keuze" not in text
    assert own_work_text("Geen eigen werk hier.") == (
        "Verschillen en percentages in de tekst rekent dit rapport uit de cijfers van de documenten."
    )
    plain = verantwoording_html([], quotes=True, said="‘De percentages zijn vergelijkbaar.’")
    assert "letterlijk" in plain and "[sic]" not in plain
    marked = verantwoording_html(
        [], quotes=True, said="‘Hierdoor zijn de extra middelen maar gedeeltelijk zijn benut [sic].’"
    )
    assert "[sic] betekent: zo staat het in het document" in marked


def test_a_document_quoted_among_the_key_messages_is_among_the_sources():
    # round 20's fact-check: a key message quoted the Programmabegroting 2025, which the Bronnen did not list
    from sdlib.present.document import verantwoording_html

    said = "Wat de gemeente wil. De gemeente schreef in de Jaarrekening Waterveen 2024: ‘Minder instroom.’"
    part = verantwoording_html([], said=said)
    bronnen = part[part.index("<h3>Bronnen</h3>") :]
    assert "<strong>Jaarrekening Waterveen 2024</strong>" in bronnen
    assert "Bronnen" not in verantwoording_html([], said="Geen document genoemd.")


def test_a_part_whose_heading_is_named_with_its_peildatum_is_named_by_itself():
    from types import SimpleNamespace as Cited

    from sdlib.present.document import _sources

    # Rapportage 2e helft 2024: 'Inburgering' (573 on 1 January 2025) and its part 'Integratieversneller' (no
    # peildatum); round 40: 'Inburgering, Integratieversneller; ...; Bijstandsvolume en Inburgering, peildatum ...'
    # named Inburgering twice
    rows = [("Inburgering, Integratieversneller", None), ("Vroege start", None), ("Inburgering", "2025-01-01")]
    cited = [Cited(short_title="Rapportage", table=t, reference_date=r) for t, r in rows]
    ((title, parts),) = _sources(cited)
    assert title == "Rapportage"
    assert parts[0] == "Integratieversneller en Vroege start"
    assert parts[1].startswith("Inburgering, peildatum")


def test_a_deviation_chart_names_its_hatched_bar_once():
    from sdlib.present.document import provisional_text

    # indicatoren: a deviation chart of the percentages with a provisional bar (round 41: the Verantwoording named
    # only the asterisk); with a bar chart as well, the hatched bar is named once
    assert "een gearceerde staaf in een grafiek" in provisional_text(["afwijkingsdiagram"])
    both = provisional_text(["afwijkingsdiagram", "staafdiagram"])
    assert both.count("gearceerde staaf") == 1
