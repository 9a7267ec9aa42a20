"""The glossary (begrippenlijst): every term and series of the catalog, alphabetical, in words for readers.

Checked on Waterveen (tests/fixtures/waterveen/make_data.py) and on a copy of it with what Waterveen lacks: the
terms and a series of the record-level figures, a series break, a direction without a stated source, a cross
reference between terms. The expected sentences follow from the facts make_data.py writes (which documents hold
which years, which direction). Only the last tests read the live data/: the glossary file in the repo must be the
one the catalog gives, in words for readers.
"""

import html
import re
import shutil
from pathlib import Path

import pytest

import sdlib
from sdlib.data.catalog import model, read_sources
from sdlib.present.glossary import _all_reports, glossary_blocks, glossary_markdown
from sdlib.report.render import sanitize

ROOT = Path(__file__).resolve().parents[2]
WATERVEEN = ROOT / "tests" / "fixtures" / "waterveen" / "data"

# Waterveen's catalog has the record-level series (records_only) the analysts' pack computes, among them
# 'Herintreders in de jeugdhulp' (tests/fixtures/waterveen/make_data.py, RECORD_SERIES)
RECORD_TERMS = """
record_terms:
  zorgperiode: Een aaneengesloten periode van jeugdhulp van één type bij één jeugdige.
  herintreder: Een jeugdige die jeugdhulp krijgt na een jaar zonder, terwijl hij die eerder wel kreeg.
"""


@pytest.fixture(scope="module")
def text():
    # computed once, before the per-test fixture_data: the folder is named, not taken from the environment
    return glossary_markdown(data_dir=WATERVEEN)


@pytest.fixture(scope="module")
def richer(tmp_path_factory) -> Path:
    """A copy of Waterveen with record terms, a series break, a term with a capital, a
    direction from a document's words and one without a stated source."""
    dest = tmp_path_factory.mktemp("richer") / "data"
    shutil.copytree(WATERVEEN, dest)
    catalog = dest / "catalog.yml"
    yml = catalog.read_text(encoding="utf-8")
    replacements = [
        (  # the national figures: a break in 2023
            "      testgegevens).\n    unit: count\n    decimals: 0\n    theme: jeugd\n\n  wmo_tevreden_kwaliteit:",
            "      testgegevens).\n    unit: count\n    decimals: 0\n    theme: jeugd\n    breaks:\n"
            '      - {year: 2023, note: "Het CBS telt vanaf 2023 ook de jeugdhulp via de huisarts."}\n\n'
            "  wmo_tevreden_kwaliteit:",
        ),
        (  # the instroom: a direction whose source is not stated
            '    direction: lower\n    direction_source: "eigen keuze"\n\n  jeugdhulp_doorstroom:',
            "    direction: lower\n\n  jeugdhulp_doorstroom:",
        ),
        (  # the doorstroom: a direction from a document's words
            '    direction: lower\n    direction_source: "eigen keuze"\n\n  jeugdhulp_uitstroom:',
            "    direction: lower\n    direction_source: \"Jaarrekening Waterveen 2024: 'Afname doorstroom'\"\n\n"
            "  jeugdhulp_uitstroom:",
        ),
        ("terms:\n", "terms:\n  Wmo: De Wet maatschappelijke ondersteuning; zie ook 'realisatie' en 'begroting'.\n"),
    ]
    for old, new in replacements:
        assert yml.count(old) == 1, old
        yml = yml.replace(old, new)
    catalog.write_text(yml + RECORD_TERMS, encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def council(richer) -> str:
    return glossary_markdown(data_dir=richer)


@pytest.fixture(scope="module")
def analysts(richer) -> str:
    return glossary_markdown(data_dir=richer, records=True)


def section(text: str, heading: str) -> list[str]:
    """The lines under a heading, up to the next heading of the same or a higher level."""
    level = heading.split()[0]
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next(
        (i for i in range(start, len(lines)) if lines[i].startswith("#") and len(lines[i].split()[0]) <= len(level)),
        len(lines),
    )
    return lines[start:end]


def bold(lines: list[str]) -> list[str]:
    return [m.group(1) for line in lines if (m := re.match(r"\*\*(.+?)\*\*:", line))]


def series_line(text: str, title: str, data_dir: Path = WATERVEEN) -> str:
    """What the appendix says about a figure: direction, objective, documents, breaks (what it counts is in the
    Verantwoording of its report, not repeated here)."""
    assert title in {s.title for s in model(data_dir).series.values()}, title
    (line,) = [line for line in text.splitlines() if line.startswith(f"**{title}**: ")]
    return line[len(f"**{title}**: ") :]


def test_every_series_of_the_catalog_is_defined(text):
    cat = sdlib.catalog(data_dir=WATERVEEN)
    assert len(cat) == 21  # make_data.SERIES
    for sid, meta in cat.set_index("id").iterrows():
        assert f"**{meta['title']}**: " in text, sid  # every series listed, with where it comes from


def test_every_term_is_defined_and_the_terms_are_alphabetical(text):
    # make_data.TERMS lists realisatie, begroting, eigen berekening, procentpunt: not in that order here
    assert bold(section(text, "## Begrippen")) == ["begroting", "eigen berekening", "procentpunt", "realisatie"]
    assert "**realisatie**: Het cijfer dat werkelijk is gemeten over een jaar." in text


def test_the_order_of_terms_ignores_capitals(council):
    # 'Wmo' with a capital comes after 'realisatie', as in a dictionary (a plain sort puts capitals first)
    terms = bold(section(council, "## Begrippen"))
    assert terms == ["begroting", "eigen berekening", "procentpunt", "realisatie", "Wmo"]


def test_the_figures_follow_the_terms_as_an_appendix(text):
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Begrippen",
        "## Programma en doelstellingen",
        "## Bijlage: cijfers in de rapporten",
        "## Bronnen",
    ]


def test_the_series_are_alphabetical_within_their_theme(text):
    # the catalog starts the youth series with instroom, doorstroom, uitstroom; the glossary by title
    assert bold(section(text, "### Jeugd")) == [
        "Aandeel jeugdigen drie jaar of langer in jeugdhulp",
        "Doorstroom in de specialistische jeugdhulp",
        "Gemiddelde leeftijd bij instroom in de jeugdhulp",
        "Gemiddelde leeftijd bij uitstroom uit de jeugdhulp",
        "Instroom in de specialistische jeugdhulp",
        "Jeugdigen drie jaar of langer in jeugdhulp",
        "Jeugdigen met jeugdhulp in Nederland",
        "Jeugdigen met specialistische jeugdhulp",
        "Jeugdigen per type jeugdhulp",
        "Kosten per type jeugdhulp",
        "Uitstroom uit de specialistische jeugdhulp",
    ]
    # the themes keep the order of the catalog, all in the appendix
    assert section(text, "## Bijlage: cijfers in de rapporten")
    assert [line for line in text.splitlines() if line.startswith("### ")] == [
        "### Jeugd",
        "### Wmo",
        "### Mantelzorg",
        "### Gezondheid",
        "### Werk en inkomen",
        "### Financiën",
    ]


def test_a_figure_says_in_sentences_its_direction_objective_and_documents(text):
    # make_data: instroom 2021-2024 in the Jaarrekening 2024 only, direction lower, direction_source "eigen keuze",
    # objective 4.1, not an indicator
    # an own choice is marked short per figure (round 22: said only in the intro, a reader missed it)
    assert series_line(text, "Instroom in de specialistische jeugdhulp") == (
        "Lager is beter (eigen keuze). Hoort bij doelstelling 4.1. "
        "De cijfers staan in: Jaarrekening Waterveen 2024 (over 2021 tot en met 2024)."
    )
    # an indicator from two documents, one year each, with targets; on_target with a 5% tolerance; a target is a
    # 'doel', never a 'begroting'
    assert series_line(text, "Gemiddeld budget maatwerkondersteuning per cliënt") == (
        # the margin is this project's own choice and holds only where no document judged (as the reports apply it)
        "Het beste is een uitkomst zo dicht mogelijk bij het doel; waar geen document oordeelt, rekenen de rapporten "
        "een uitkomst binnen 5% ervan als gehaald (eigen keuze). Een indicator "
        "van doelstelling 4.2. De cijfers staan in: Jaarrekening Waterveen 2023 (over 2023, met de doelen) en "
        "Jaarrekening Waterveen 2024 (over 2024, met de doelen)."
    )
    # no direction: nothing about better or worse; no unit, no listing words
    assert series_line(text, "Kosten per type jeugdhulp") == (
        "Hoort bij doelstelling 4.1. De cijfers staan in: Jaarrekening Waterveen 2024 (over 2021 tot en met 2024)."
    )
    for word in ("Eenheid:", "beschrijvend", "Bronnen:"):
        assert word not in section(text, "## Bijlage: cijfers in de rapporten")[0] + text.split("## Bronnen")[0]


def test_own_words_and_choices_are_said_once_at_the_top(text):
    """The reviewers found 'eigen omschrijving' and 'eigen keuze: de documenten noemen geen richting' tiring: one
    sentence at the top covers every entry without a document."""
    top = (
        "Een omschrijving zonder document erachter is een eigen omschrijving; een richting zonder document erachter "
        "is een eigen keuze."
    )
    intro = text.split("## Begrippen")[0]
    assert top in intro and text.count(top) == 1
    assert "tussen aanhalingstekens, met de naam van het document erbij" in intro
    body = text.split("## Begrippen", 1)[1]
    assert "eigen omschrijving" not in body.lower().replace("'eigen omschrijving'", "")
    assert "noemen geen richting" not in text  # the long form tired readers; '(eigen keuze)' beside it does not


def test_a_stand_on_1_january_and_a_month_are_said_as_such(text):
    # make_data: bijstand_uitkeringen has months 1 and 7 of 2023, month 1 of 2024 (no peildatum) and month 1 of
    # 2025 with peildatum 2025-01-01: a count on that day, not a figure over 2025
    assert series_line(text, "Uitkeringen Participatiewet").endswith(
        "De cijfers staan in: Jaarrekening Waterveen 2024 (januari en juli 2023, januari 2024 en stand 1 januari 2025)."
    )
    assert "over 2025" not in text


def test_the_source_of_a_direction_is_the_series_own(council, richer):
    line = series_line(council, "Doorstroom in de specialistische jeugdhulp", richer)
    assert line.startswith(
        "Lager is beter (Jaarrekening Waterveen 2024: 'Afname doorstroom'). Hoort bij doelstelling 4.1."
    )
    # a direction whose source is not stated is an own choice, and says so
    line = series_line(council, "Instroom in de specialistische jeugdhulp", richer)
    assert line.startswith("Lager is beter (eigen keuze). Hoort bij doelstelling 4.1.")


def test_record_terms_and_series_only_with_records(council, analysts, richer):
    assert "herintreder" not in council.lower() and "zorgperiode" not in council
    terms = bold(section(analysts, "## Begrippen"))
    assert terms == [
        "begroting",
        "eigen berekening",
        "herintreder",
        "procentpunt",
        "realisatie",
        "Wmo",
        "zorgperiode",
    ]  # one alphabet for the terms of both lists
    assert "**Herintreders in de jeugdhulp**: " in analysts  # listed; what it counts is in its report
    assert series_line(analysts, "Herintreders in de jeugdhulp", richer) == (
        "Hoort bij doelstelling 4.1. Dit cijfer staat in geen document: het wordt berekend uit de registraties van "
        "de gemeente."
    )
    assert bold(section(analysts, "### Jeugd"))[4] == "Herintreders in de jeugdhulp"  # in the alphabet, too


def test_a_theme_limits_the_series_but_keeps_the_terms():
    jeugd = glossary_markdown(theme="jeugd")
    assert "**Instroom in de specialistische jeugdhulp**:" in jeugd
    assert "**Eenzaamheidsscore van volwassen inwoners**:" not in jeugd and "**procentpunt**:" in jeugd
    assert [line for line in jeugd.splitlines() if line.startswith("### ")] == ["### Jeugd"]
    with pytest.raises(
        ValueError,
        match=r"^onbekend thema 'sport'; kies uit: jeugd, wmo, mantelzorg, gezondheid, participatie, financien$",
    ):
        glossary_markdown(theme="sport")


def test_a_series_break_is_shown_with_its_series(council, richer):
    line = series_line(council, "Jeugdigen met jeugdhulp in Nederland", richer)
    assert line == (
        "De cijfers staan in: CBS landelijk (over 2021 tot en met 2024). "
        "Trendbreuk in 2023: Het CBS telt vanaf 2023 ook de jeugdhulp via de huisarts."
    )


def test_the_programme_lists_its_objectives_but_not_the_total(text):
    # make_data: programme 4 'Zorg en welzijn', objectives 4.1-4.3 and 'totaal' (Totaal programma)
    assert section(text, "## Programma en doelstellingen") == [
        "",
        "De rapporten gaan over programma 4 'Zorg en welzijn' van de begroting.",
        "",
        "Het programma heeft drie doelstellingen:",
        "",
        "- **4.1** Gezond en veilig opgroeien",
        "- **4.2** Zelfstandig wonen en meedoen",
        "- **4.3** Gezond leven",
        "",
        "In de financiële cijfers staat daarnaast het totaal van het programma: alle doelstellingen samen.",
        "",
    ]
    assert "Totaal programma" not in text


def test_the_documents_are_listed_without_repeating_their_title(text):
    # make_data.SOURCES: two titles that hold their short title, one (CBS landelijk) that does not
    assert section(text, "## Bronnen")[3:] == [
        "- **Jaarrekening Waterveen 2023, programma Zorg en welzijn**. Gemeente Waterveen, 2024.",
        "- **Jaarrekening Waterveen 2024, programma Zorg en welzijn**. Gemeente Waterveen, 2025.",
        "- **CBS landelijk**: Jeugdigen met jeugdhulp, landelijk (verzonnen testcijfers). CBS, 2025.",
    ]


def test_the_html_gives_every_term_and_figure_an_anchor_and_a_letter_jumps_to_its_first_term(richer):
    blocks = glossary_blocks(data_dir=richer)
    markup = sanitize("".join(b[1] for b in blocks if b[0] == "html"))  # as the report keeps it
    terms = re.findall(r'<p id="(begrip-[a-z0-9-]+)"><strong>(.*?)</strong>:', markup)
    assert [name for _, name in terms] == ["begroting", "eigen berekening", "procentpunt", "realisatie", "Wmo"]
    assert [anchor for anchor, _ in terms] == [
        "begrip-begroting",
        "begrip-eigen-berekening",
        "begrip-procentpunt",
        "begrip-realisatie",
        "begrip-wmo",
    ]
    figures = re.findall(r'<tr id="(cijfer-[a-z0-9-]+)"><th scope="row">(.*?)</th>', markup)
    assert len(figures) == 21 and ("cijfer-kosten-per-type-jeugdhulp", "Kosten per type jeugdhulp") in figures
    jump = re.search(r'<p class="sd-jump" role="navigation" aria-label="[^"]+">(.*?)</p>', markup).group(1)
    letters = re.findall(r'<a href="#([^"]+)">(\w)</a>', jump)
    assert letters == [
        ("begrip-begroting", "B"),
        ("begrip-eigen-berekening", "E"),
        ("begrip-procentpunt", "P"),
        ("begrip-realisatie", "R"),
        ("begrip-wmo", "W"),
    ]
    ids = re.findall(r'\bid="([^"]+)"', markup)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r'href="#([^"]+)"', markup)) <= set(ids)  # every link lands on something


def test_a_cross_reference_links_to_its_term(richer):
    markup = sanitize("".join(b[1] for b in glossary_blocks(data_dir=richer) if b[0] == "html"))
    (wmo,) = re.findall(r'<p id="begrip-wmo">(.*?)</p>', markup)
    assert wmo == (
        "<strong>Wmo</strong>: De Wet maatschappelijke ondersteuning; zie ook "
        "'<a href=\"#begrip-realisatie\">realisatie</a>' en '<a href=\"#begrip-begroting\">begroting</a>'."
    )
    # the Markdown file keeps the plain words
    assert "zie ook 'realisatie' en 'begroting'." in glossary_markdown(data_dir=richer)


def test_the_html_says_what_the_markdown_says(richer):
    """The report and the Markdown file are one glossary: the same words in the same order."""

    def letters(text: str) -> str:  # the words without markup, spacing or the jump list
        text = re.sub(r'<p class="sd-jump".*?</p>', "", text)
        return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>|\*\*|^#+ |^- ", "", text, flags=re.M)))

    markdown = glossary_markdown(data_dir=richer).split("\n", 1)[1]  # without the title (the report's h1)
    shown = "".join(b[1] for b in glossary_blocks(data_dir=richer))
    # the appendix of figures is a table in the report (its short form) and sentences in the Markdown file
    appendix = re.compile(r"<h3>.*?</figure>|^### .*?(?=^### |^## )", re.S | re.M)
    assert letters(appendix.sub("", shown)) == letters(appendix.sub("", markdown))


def test_the_report_gives_the_figures_as_a_table_of_direction_objective_and_documents(richer):
    markup = "".join(b[1] for b in glossary_blocks(data_dir=richer) if b[0] == "html")

    def row(title: str) -> list[str]:
        (found,) = re.findall(rf'<tr id="cijfer-[^"]+"><th scope="row">{title}</th>(.*?)</tr>', markup)
        return [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", found)]

    # the document that says which side is better, without its words (those stay in the Markdown file)
    assert row("Doorstroom in de specialistische jeugdhulp") == [
        "lager (Jaarrekening Waterveen 2024)",
        "4.1",
        "Jaarrekening Waterveen 2024 (over 2021 tot en met 2024)",
    ]
    assert row("Instroom in de specialistische jeugdhulp")[0] == "lager (eigen keuze)"
    assert row("Gemiddeld budget maatwerkondersteuning per cliënt") == [
        "dicht bij het doel (eigen keuze)",
        "4.2 (indicator)",
        "Jaarrekening Waterveen 2023 (over 2023, met de doelen); Jaarrekening Waterveen 2024 (over 2024, met de doelen)",
    ]
    assert row("Kosten per type jeugdhulp")[:2] == ["–", "4.1"]  # no better side, no indicator
    assert row("Jeugdigen met jeugdhulp in Nederland") == [
        "–",
        "–",
        "CBS landelijk (over 2021 tot en met 2024); trendbreuk in 2023",
    ]


@pytest.mark.parametrize("which", ["council", "analysts"])
def test_the_glossary_speaks_to_readers_not_developers(richer, which, request):
    text = request.getfixturevalue(which)
    assert "`" not in text  # no code font: no file names, commands or series ids
    for word in ("sdlib", "make glossary", "catalog.yml", "data/", ".csv", "records_only"):
        assert word not in text.lower(), word
    ids = set(model(richer).series)
    assert not ids & set(re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text))


def test_the_check_sees_a_glossary_that_is_out_of_date(tmp_path, capsys):
    from sdlib.cli import main

    data = tmp_path / "data"
    shutil.copytree(WATERVEEN, data)
    assert main(["--data-dir", str(data), "glossary"]) == 0
    assert (data / "BEGRIPPENLIJST.md").read_text(encoding="utf-8") == glossary_markdown(data_dir=data)
    assert main(["--data-dir", str(data), "glossary", "--check"]) == 0
    with (data / "catalog.yml").open("a", encoding="utf-8") as fh:
        fh.write("  index: Een cijfer ten opzichte van een basisjaar.\n")  # a new term
    capsys.readouterr()
    assert main(["--data-dir", str(data), "glossary", "--check"]) == 1
    assert (
        capsys.readouterr().err
        == f"{data / 'BEGRIPPENLIJST.md'} is niet bij: maak het opnieuw met 'sdlib glossary' (of make glossary)\n"
    )


# Words about how the data were made, which a council member does not read (the brief of the reviewers)
MACHINERY = (
    "sdlib",
    "extractie",
    "overgenomen",
    "overnemen",
    "zoals gedrukt",
    "gedrukt als",
    "gelezen als",
    "x €1.000",
    "onleesbaar",
    "toegewezen",
    "verschoven",
    "kop ",
    "koppen",
    "uitwerking van",
    "notebook",
)


def test_the_glossary_in_the_repo_is_up_to_date_and_plain(capsys):
    # the live data/: data/BEGRIPPENLIJST.md is what `sdlib glossary` writes from data/catalog.yml
    from sdlib.cli import main

    live = ROOT / "data"
    assert main(["--data-dir", str(live), "glossary", "--check"]) == 0, capsys.readouterr().err
    text = glossary_markdown(data_dir=live)
    assert (live / "BEGRIPPENLIJST.md").read_text(encoding="utf-8") == text
    analysts = glossary_markdown(data_dir=live, records=True)
    for word in MACHINERY:
        assert word not in analysts.lower(), word


# a document's short title, or the indicator's name as the documents print it: what a sentence may name
_QUOTE = re.compile(r"'([^']+)'")
_CROSS_REFERENCE = re.compile(r"\b[Zz]ie (?:ook )?'[^']+'(?:(?:, | en )'[^']+')*")


def test_every_term_that_quotes_names_its_document():
    """Honesty of the one sentence at the top: a term is either an own description (no document's words in it) or
    names the document whose words it quotes. A quotation of three words or more is a document's wording (term
    names, cross references and single words such as 'doel' are not)."""
    live = ROOT / "data"
    cat = model(live)
    titles = [" ".join(src["short_title"].split()) for src in read_sources(live).values()]
    terms = {**cat.terms, **cat.record_terms}
    for name, text in terms.items():
        text = " ".join(text.split())
        own = set(terms) | {"Programma en doelstellingen"}  # a term or a part of the glossary, not a document
        quoted = [q for q in _QUOTE.findall(_CROSS_REFERENCE.sub("", text)) if len(q.split()) >= 3 and q not in own]
        if quoted:
            assert any(t in text for t in titles), (name, quoted)
        # said once, at the top of the glossary (the term 'eigen berekening' names the word to explain it)
        assert "eigen omschrijving" not in text.lower().replace("'eigen omschrijving'", ""), name
    for sid, s in cat.series.items():
        why = " ".join((s.direction_source or "").split())
        if why and not why.startswith("eigen "):  # a direction from a document names it
            assert any(why.startswith(t) for t in titles) or why.startswith("naam van de indicator"), sid


# --- 'dit rapport' in a catalog text: every report that shows it, so 'de rapporten' in the glossary ------------

OWN_WORDS = (
    "Dit rapport kiest zelf de maat. Het document noemt 'In dit rapport leest u' en zo'n doel; dit rapport leest dat "
    "als 'geen doel' (eigen lezing), dit rapport rekent de tabel mee en dit rapport noemt het een andere maat. De "
    "maanden in dit rapport zijn een eigen lezing; daarom vergelijkt dit rapport 2019 niet met 2024."
)


@pytest.fixture(scope="module")
def own_words(tmp_path_factory) -> Path:
    """A copy of Waterveen whose Wmo budget speaks of 'dit rapport' in its definition and in a series break."""
    dest = tmp_path_factory.mktemp("own_words") / "data"
    shutil.copytree(WATERVEEN, dest)
    catalog = dest / "catalog.yml"
    yml = catalog.read_text(encoding="utf-8")
    old = (
        "      Gemiddeld budget maatwerkondersteuning per cliënt, zoals de documenten van Waterveen het noemen\n"
        "      (verzonnen testgegevens).\n"
    )
    new = (
        f"      {OWN_WORDS}\n    breaks:\n"
        '      - {year: 2024, note: "Een andere telling; dit rapport vergelijkt 2023 niet met 2024 (eigen keuze)."}\n'
    )
    assert yml.count(old) == 1
    catalog.write_text(yml.replace(old, new), encoding="utf-8")
    return dest


def test_dit_rapport_of_a_catalog_text_is_de_rapporten_in_the_glossary(own_words):
    """The glossary is not a report: a catalog text's 'dit rapport' (the report that shows it) is said as 'de
    rapporten', with the verb in the plural; a document's words between quotation marks stay as they are."""
    expected = (
        "De rapporten kiezen zelf de maat. Het document noemt 'In dit rapport leest u' en zo'n doel; de rapporten "
        "lezen dat als 'geen doel' (eigen lezing), de rapporten rekenen de tabel mee en de rapporten noemen het een "
        "andere maat. De maanden in de rapporten zijn een eigen lezing; daarom vergelijken de rapporten 2019 niet "
        "met 2024."
    )
    assert _all_reports(OWN_WORDS) == expected
    # the appendix gives the first sentence of a definition
    text = glossary_markdown(data_dir=own_words)
    line = series_line_raw(text, "Gemiddeld budget maatwerkondersteuning per cliënt")
    # the appendix no longer repeats definitions (round 18: they are in each report's Verantwoording)
    assert line.startswith("Het beste is een uitkomst zo dicht mogelijk bij het doel;"), line
    assert line.endswith(
        "Trendbreuk in 2024: Een andere telling; de rapporten vergelijken 2023 niet met 2024 (eigen keuze)."
    )
    # the report's table says it short
    shown = "".join(b[1] for b in glossary_blocks(data_dir=own_words) if b[0] == "html")
    assert "dicht bij het doel (eigen keuze)" in shown and "trendbreuk in 2024" in shown
    # the catalog itself keeps 'dit rapport': the reports show it as their own words
    definition = model(own_words).series["wmo_budget_per_client"].definition
    assert " ".join(definition.split()) == OWN_WORDS
    # no workaround for 'dit rapport' in the appendix's introduction
    assert "dit rapport" not in text.lower().replace("'in dit rapport leest u'", "")


def series_line_raw(text: str, title: str) -> str:
    (line,) = [line for line in text.splitlines() if line.startswith(f"**{title}**: ")]
    return line[len(f"**{title}**: ") :]


def test_every_dit_rapport_of_the_live_catalog_is_said_in_the_plural():
    """Each 'dit rapport' in a live catalog text the glossary shows is either after a preposition ('in dit rapport
    zijn de maanden': another subject) or the subject of a verb the glossary knows the plural of. A new verb
    ('dit rapport meldt') belongs in glossary._PLURAL, or the glossary would say 'de rapporten meldt'."""
    from sdlib.present.glossary import _PLURAL, _PREPOSITIONS

    cat = model(ROOT / "data")
    texts = [*cat.terms.values(), *cat.record_terms.values()]
    for s in cat.series.values():
        texts += [s.definition, s.direction_source or "", *(b.note for b in s.breaks)]
    found = 0
    for text in texts:
        for m in re.finditer(r"(\w+)? ?\b[Dd]it rapport\b ?(\w+)?", " ".join(str(text).split())):
            before, after = (m.group(1) or "").lower(), m.group(2) or ""
            found += 1
            assert before in _PREPOSITIONS or before in _PLURAL or after in _PLURAL, m.group(0)
    assert found >= 8  # the live catalog uses it; the test reads something
    for records in (False, True):
        assert "dit rapport" not in glossary_markdown(data_dir=ROOT / "data", records=records).lower()


def test_the_live_glossary_says_a_figure_s_direction_once():
    # the Wmo budget per client said 'zo dicht mogelijk bij het doel' in its definition and again as its direction
    text = glossary_markdown(data_dir=ROOT / "data")
    for line in text.splitlines():
        assert line.count("zo dicht mogelijk bij het doel") <= 1, line[:80]
    assert "Staat bij een cijfer 'dit rapport'" not in text


def test_how_to_read_the_reports_stands_once_above_the_terms_not_among_them(tmp_path):
    # 'eigen berekening' and '[sic]' are about the reports, not words of the social domain: a council member looks
    # up 'beschut werk' in the A-Z list, and reads how the reports mark their own work once, at the top
    data = tmp_path / "data"
    shutil.copytree(WATERVEEN, data)
    with (data / "catalog.yml").open("a", encoding="utf-8") as fh:
        fh.write("\nreading_terms:\n  nagerekend: >-\n    Uit de cijfers van de documenten berekend.\n")
    text = glossary_markdown(data_dir=data)
    reading, terms = text.split("## Zo leest u de rapporten")[1].split("## Begrippen")
    assert "**nagerekend**: Uit de cijfers van de documenten berekend." in reading
    assert "**nagerekend**" not in terms
    blocks = glossary_blocks(data_dir=data)
    assert ("heading", "Zo leest u de rapporten", 2) in blocks
    assert blocks.index(("heading", "Zo leest u de rapporten", 2)) < blocks.index(("heading", "Begrippen", 2))
