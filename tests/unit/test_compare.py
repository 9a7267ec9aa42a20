"""What changed between two data folders (sdlib.calc.compare) and how it is said (sdlib.present.changes).

The folders are copies of Waterveen (tests/fixtures/waterveen/data), the invented municipality, changed by hand.
Its ``jeugdhulp_3jaar_aandeel`` (percent, 1 decimal, lower is better, an indicator) has for 2024 a begroting of
31,0% and a realisatie of 33,1% in the Jaarrekening Waterveen 2024, and the catalog's published verdict for 2024
is 'not achieved'.
"""

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sdlib.calc.compare import compare_folders, figure_changes
from sdlib.present.changes import ReportChange, change_lines, summary_html, summary_text

WATERVEEN = Path(__file__).resolve().parents[1] / "fixtures" / "waterveen" / "data"
SHARE = "jeugdhulp_3jaar_aandeel"
TABLE = "Langdurige jeugdhulp"
NEW_SOURCE = (
    "wv_jaarstukken_2025,Jaarrekening Waterveen 2025,"
    '"Jaarrekening Waterveen 2025, programma Zorg en welzijn",Gemeente Waterveen,2026,,,,true,Test.\n'
)


@pytest.fixture
def folders(tmp_path):
    old, new = tmp_path / "oud", tmp_path / "nieuw"
    shutil.copytree(WATERVEEN, old)
    shutil.copytree(WATERVEEN, new)
    return old, new


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def new_publication(folder: Path, rows: list[str]) -> None:
    append(folder / "sources.csv", NEW_SOURCE)
    append(folder / "series" / f"{SHARE}.csv", "".join(f"{row},wv_jaarstukken_2025,{TABLE},,false,\n" for row in rows))


def test_the_same_data_has_no_changes(folders):
    old, new = folders
    assert compare_folders(old, new).empty


def test_a_new_publication_gives_new_and_revised_figures_and_a_changed_verdict(folders):
    old, new = folders
    new_publication(new, ["2024,realisatie,30.8", "2025,begroting,30.0"])
    result = compare_folders(old, new, series=[SHARE])

    (added,) = result.of_kind("nieuw")
    assert (added.year, added.measure, added.new_value, added.new_year) == (2025, "begroting", 30.0, True)
    assert added.new_source_title == "Jaarrekening Waterveen 2025"
    (revised,) = result.of_kind("herzien")
    assert (revised.year, revised.measure) == (2024, "realisatie")
    assert (revised.old_value, revised.old_source_title) == (33.1, "Jaarrekening Waterveen 2024")
    assert (revised.new_value, revised.new_source_title) == (30.8, "Jaarrekening Waterveen 2025")
    # lower is better: 33,1% against 31,0% was not achieved, 30,8% is; the catalog's published verdict stays
    assert [(v.year, v.kind, v.old, v.new) for v in result.verdicts] == [(2024, "berekend", False, True)]
    assert result.new_sources == [("wv_jaarstukken_2025", "Jaarrekening Waterveen 2025")]


def test_a_later_publication_with_the_same_printed_figure_confirms_it(folders):
    old, new = folders
    new_publication(new, ["2024,realisatie,33.14"])  # prints as 33,1%, like the Jaarrekening 2024
    result = compare_folders(old, new, series=[SHARE])
    assert [c.kind for c in result.figures] == ["bevestigd"]
    assert result.verdicts == []


def test_a_correction_within_one_publication_is_a_revision_with_one_source(folders):
    old, new = folders
    replace_in(new / "series" / f"{SHARE}.csv", "2023,realisatie,31.5,", "2023,realisatie,32.5,")
    (change,) = compare_folders(old, new, series=[SHARE]).figures
    assert change.kind == "herzien" and change.old_source == change.new_source == "wv_jaarstukken_2023"
    assert (change.old_printed, change.new_printed) == (31.5, 32.5)


def test_figures_with_dimensions_and_figures_gone(folders):
    old, new = folders
    costs = new / "series" / "jeugdhulp_kosten_per_type.csv"
    replace_in(costs, "2021,jeugdbescherming,realisatie,800000,", "2021,jeugdbescherming,realisatie,812345,")
    replace_in(costs, "2021,jeugdreclassering,realisatie,210000,wv_jaarstukken_2024,Tabel 7,,false,\n", "")
    result = compare_folders(old, new, series=["jeugdhulp_kosten_per_type"])
    revised, gone = result.of_kind("herzien"), result.of_kind("vervallen")
    assert [(c.dimensions, c.old_value, c.new_value) for c in revised] == [
        ((("care_type", "jeugdbescherming"),), 800000.0, 812345.0)
    ]
    assert [(c.year, c.dimensions, c.old_value) for c in gone] == [
        (2021, (("care_type", "jeugdreclassering"),), 210000.0)
    ]


def test_a_changed_published_verdict(folders):
    old, new = folders
    replace_in(
        new / "catalog.yml",
        "- {year: 2024, achieved: false, source: wv_jaarstukken_2024}",
        "- {year: 2024, achieved: true, source: wv_jaarstukken_2024}",
    )
    result = compare_folders(old, new, series=[SHARE])
    assert result.figures == []
    assert [(v.year, v.kind, v.old, v.new) for v in result.verdicts] == [(2024, "gepubliceerd", False, True)]


def test_a_series_read_by_only_one_version_is_listed_not_every_figure(folders):
    old, new = folders
    (old / "series" / "jeugdhulp_3jaar_aantal.csv").unlink()
    result = compare_folders(old, new, series=[SHARE, "jeugdhulp_3jaar_aantal"])
    assert result.figures == [] and result.verdicts == []
    assert result.series_added == [("jeugdhulp_3jaar_aantal", "Jeugdigen drie jaar of langer in jeugdhulp")]


def test_figures_are_compared_as_printed():
    def rows(*values, source="a", published=2024):
        return pd.DataFrame(
            {
                "series": "x",
                "year": [2023 + i for i in range(len(values))],
                "measure": "realisatie",
                "value": list(values),
                "source": source,
                "published": published,
            }
        )

    # 45,94 and 45,86 both print 45,9: the same figure; 45,94 -> 45,96 prints 45,9 -> 46,0: revised
    assert figure_changes(rows(45.94), rows(45.86), decimals=1) == []
    (change,) = figure_changes(rows(45.94), rows(45.96), decimals=1)
    assert (change.kind, change.old_printed, change.new_printed) == ("herzien", 45.9, 46.0)
    # the latest publication wins: a row of a newer publication revises, one of an older one does not
    newer = pd.concat([rows(45.9), rows(46.4, source="b", published=2025)], ignore_index=True)
    older = pd.concat([rows(45.9), rows(46.4, source="c", published=2023)], ignore_index=True)
    assert [c.kind for c in figure_changes(rows(45.9), newer, decimals=1)] == ["herzien"]
    assert figure_changes(rows(45.9), older, decimals=1) == []


def test_the_changes_in_dutch_name_both_values_and_both_sources(folders):
    old, new = folders
    new_publication(new, ["2024,realisatie,30.8", "2025,begroting,30.0"])
    lines = change_lines(compare_folders(old, new, series=[SHARE]), data_dir=new)
    assert lines == [
        "Nieuwe publicatie: de Jaarrekening Waterveen 2025.",
        "Nieuw: Aandeel jeugdigen drie jaar of langer in jeugdhulp, begroting 2025: 30,0% volgens de Jaarrekening "
        "Waterveen 2025.",
        "Herzien: Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024 (was 33,1% volgens de Jaarrekening "
        "Waterveen 2024, nu 30,8% volgens de Jaarrekening Waterveen 2025).",
        "Oordeel veranderd: Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024: eerst doel niet gehaald, nu doel "
        "gehaald (eigen berekening, volgens de Jaarrekening Waterveen 2025).",
    ]


def test_the_summary_page_is_escaped_dutch_and_allows_no_script():
    made = dt.datetime(2026, 12, 7, 6, 5)
    reports = [
        ReportChange("a", "Rapport <A> & co", "bijgewerkt", ["Herzien: <b>x</b> (was 1, nu 2)."], since="2026-11-30"),
        ReportChange("b", "Rapport B", "ongewijzigd"),
        ReportChange("c", "Rapport C", "vervallen", since="2026-11-30"),
    ]
    page = summary_html(reports, made=made, organisation="Gemeente Waterveen", links={"a": "a.html"})
    assert '<html lang="nl-NL">' in page and "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page and "Rapport &lt;A&gt; &amp; co" in page
    assert '<a href="a.html">' in page and "<script" not in page
    assert page.count("<h1") == 1
    text = summary_text(reports, made=made)
    assert text.startswith("Wijzigingen in de rapporten van 7\xa0december 2026")
    assert "Bijgewerkt; vergeleken met de versie van 30\xa0november 2026." in text
    assert "Niet meer in het pakket; de laatste versie is van 30\xa0november 2026." in text
    assert text.rstrip().endswith("Ongewijzigd: Rapport B.")


def test_a_month_is_named_in_dutch_in_a_change_line():
    from sdlib.present.changes import _dimension_value

    # a new stand of 1 July: 'juli', as a reader says it, not the stored month number 7
    assert _dimension_value("month", 7, {}) == "juli"
    assert _dimension_value("month", "1", {}) == "januari"
    assert _dimension_value("scheme", "IOAW", {"scheme": {"IOAW": "IOAW-uitkering"}}) == "IOAW-uitkering"
