"""Dutch sentences computed from the data files (which hold the documents' figures), exactly as a reader sees them.

The figures are those of Waterveen (tests/fixtures/waterveen/make_data.py); every expected number is typed from
the generator or computed by hand in the comment beside it. An amount in euros has a non-breaking space after
the € (``E``).
"""

import pandas as pd
import pytest

import sdlib
from sdlib.present import sentences as s

E = "€\xa0"  # fmt_eur: a non-breaking space between € and the amount
J23, J24 = "wv_jaarstukken_2023", "wv_jaarstukken_2024"


@pytest.fixture
def inflow():  # function scope: the Waterveen data folder is set per test (tests/unit/conftest.py)
    return sdlib.load("jeugdhulp_instroom")


@pytest.fixture
def share():
    return sdlib.load("jeugdhulp_3jaar_aandeel")


def _target(real, goal, year=2024, **extra):
    """Two rows of one year: a realisatie and its begroting."""
    return pd.DataFrame({"year": [year, year], "measure": ["realisatie", "begroting"], "value": [real, goal], **extra})


def test_the_data_hold_the_generators_figures(inflow, share):
    values = inflow.set_index("year")["value"]
    assert values.to_dict() == {2021: 610, 2022: 585, 2023: 560, 2024: 548}
    real = share[share["measure"] == "realisatie"].set_index("year")["value"]
    assert real[2023] == 31.5 and real[2024] == 33.1  # Jaarrekening 2023 and 2024


# --- change ------------------------------------------------------------------------------------------------


def test_change_of_a_count_gives_the_relative_change(inflow):
    # (548 - 610) / 610 = -10,2%; back: (610 - 548) / 548 = +11,3%
    assert (
        s.change(inflow, start=2021, end=2024, unit="count", subject="De instroom")
        == "De instroom daalde van 610 in 2021 naar 548 in 2024 (−10%)."
    )
    assert (
        s.change(inflow, start=2024, end=2021, series="jeugdhulp_instroom", subject="de instroom")
        == "De instroom steeg van 548 in 2024 naar 610 in 2021 (+11%)."
    )


def test_change_without_a_subject_names_the_series_as_the_catalog_does(inflow):
    assert s.change(inflow, start=2021, end=2024) == (
        "De instroom in de jeugdhulp daalde van 610 in 2021 naar 548 in 2024 (−10%)."
    )  # unit, decimals and subject from the catalog entry of the one id in the series column


def test_change_of_a_percentage_is_in_procentpunten_and_names_the_provisional_figure(share):
    assert (
        s.change(share, start=2023, end=2024, series="jeugdhulp_3jaar_aandeel", subject="Het aandeel", sources=True)
        == "Het aandeel steeg van 31,5% in 2023 naar 33,1% in 2024, 1,6 procentpunt hoger (2023 volgens de "
        "Jaarrekening Waterveen 2023, 2024 volgens de Jaarrekening Waterveen 2024). Het cijfer over 2024 is voorlopig."
    )
    earlier = share.copy()
    earlier.loc[(earlier["year"] == 2023) & (earlier["measure"] == "realisatie"), "value"] = 30.9
    assert (
        s.change(earlier, start=2023, end=2024, unit="percent", subject="Het aandeel", notes=False)
        == "Het aandeel steeg van 30,9% in 2023 naar 33,1% in 2024, 2,2 procentpunt hoger."
    )


def test_change_of_euros_in_millions_with_a_plural_subject():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    rows = costs[costs["care_type"] == "jeugdhulp zonder verblijf"]
    # 7.200.000 -> 8.100.000: 900.000 more, 900 / 7.200 = 12,5% -> +13% (half up)
    assert (
        s.change(
            rows,
            start=2021,
            end=2023,
            series="jeugdhulp_kosten_per_type",
            plural=True,
            subject="De kosten van jeugdhulp zonder verblijf",
        )
        == f"De kosten van jeugdhulp zonder verblijf stegen van {E}7,2\xa0mln in 2021 naar {E}8,1\xa0mln in 2023, "
        f"{E}0,9\xa0mln meer (+13%)."
    )
    assert s.change(rows, start=2021, end=2023, unit="eur", subject="De kosten", plural=True, short=False) == (
        f"De kosten stegen van {E}7.200.000 in 2021 naar {E}8.100.000 in 2023, {E}900.000 meer (+13%)."
    )


def test_the_difference_is_taken_from_the_exact_values_and_rounded_as_printed():
    # issue "council pack": € 135.874 and € 106.049 thousand differ by € 29.825 thousand: € 29,8\xa0mln, although
    # the printed € 135,9\xa0mln and € 106,0\xa0mln differ by 29,9; (106.049 - 135.874) / 135.874 = -21,95% -> -22%
    rows = pd.DataFrame({"year": [2023, 2024], "value": [135_874_000.0, 106_049_000.0]})
    text = s.change(rows, start=2023, end=2024, unit="eur", subject="De lasten", plural=True)
    assert (
        text
        == f"De lasten daalden van {E}135,9\xa0mln in 2023 naar {E}106,0\xa0mln in 2024, {E}29,8\xa0mln minder (−22%; "
        "uit de onafgeronde bedragen)."  # round 55: said, so a reader who subtracts 135,9 - 106,0 is not misled
    )
    # the same in percentages: 45,94 -> 48,06 prints 45,9 and 48,1, but the difference is 2,12: 2,1, not 2,2
    rows = pd.DataFrame({"year": [2022, 2023], "value": [45.94, 48.06]})
    assert s.change(rows, start=2022, end=2023, unit="percent", subject="Het aandeel") == (
        "Het aandeel steeg van 45,9% in 2022 naar 48,1% in 2023, 2,1 procentpunt hoger."
    )


def test_equal_as_printed_is_gelijk_and_negative_values_keep_their_sign():
    rows = pd.DataFrame({"year": [2022, 2023], "value": [45.94, 45.91]})  # both print 45,9
    assert s.change(rows, start=2022, end=2023, unit="percent", subject="het aandeel") == (
        "Het aandeel bleef gelijk op 45,9% in 2022 en 2023."
    )
    rows = pd.DataFrame({"year": [2022, 2023], "value": [-120.0, -150.0]})  # -30 / 120 = -25%
    assert s.change(rows, start=2022, end=2023, unit="count", subject="Het saldo") == (
        "Het saldo daalde van -120 in 2022 naar -150 in 2023 (−25%)."
    )


def test_a_partial_year_is_not_compared_unless_asked_and_then_said():
    youths = sdlib.load("jeugdhulp_jeugdigen_per_type")
    rows = youths[youths["care_type"] == "jeugdhulp zonder verblijf"]  # 2024: peildatum 30-6-2024, voorlopig
    with pytest.raises(ValueError, match="2024 is not a complete year"):
        s.change(rows, start=2023, end=2024, unit="count", subject="Het aantal")
    # 1.560 -> 780 is -50%, but only half a year
    assert s.change(rows, start=2023, end=2024, unit="count", subject="Het aantal", partial="note") == (
        "Het aantal daalde van 1.560 in 2023 naar 780 in 2024 (−50%). "
        "2024 is geen volledig jaar (peildatum 30-6-2024) en het cijfer is voorlopig."
    )


def test_a_missing_year_or_an_ambiguous_row_is_a_clear_error_for_developers(inflow):
    with pytest.raises(ValueError, match=r"no realisatie row for year 2025 .*2021, 2022, 2023, 2024"):
        s.change(inflow, start=2021, end=2025, unit="count", subject="De instroom")
    with pytest.raises(ValueError, match="4 realisatie rows for year 2022"):  # four care types, not filtered
        s.change(sdlib.load("jeugdhulp_kosten_per_type"), start=2022, end=2023, unit="eur", subject="De kosten")
    with pytest.raises(ValueError, match="give unit="):  # no series column, no series=, no unit=
        s.change(inflow.drop(columns="series"), start=2021, end=2024, subject="De instroom")


# --- against a target --------------------------------------------------------------------------------------


def test_against_target_names_the_document_whose_verdict_it_repeats(share):
    # 33,1 against 31,0 where lower is better: 2,1 procentpunt too high; the Jaarrekening 2024 says so too
    assert s.against_target(share, year=2024, series="jeugdhulp_3jaar_aandeel", subject="het aandeel") == (
        "Het aandeel was 33,1% in 2024, 2,1 procentpunt boven het doel van 31,0% (lager is beter): doel niet "
        "gehaald (ook volgens de Jaarrekening Waterveen 2024). Het cijfer over 2024 is voorlopig."
    )


def test_against_target_says_eigen_berekening_when_no_verdict_is_published(share):
    # the catalog of Waterveen publishes verdicts for 2024 only: 2023 (31,5 against 32,0) is our own judgement
    assert s.against_target(share, year=2023, series="jeugdhulp_3jaar_aandeel", subject="het aandeel") == (
        "Het aandeel was 31,5% in 2023, 0,5 procentpunt onder het doel van 32,0% (lager is beter): doel gehaald "
        "(eigen berekening)."
    )


def test_against_target_says_when_its_verdict_differs_from_the_published_one():
    rows = _target(30.0, 31.0, series=["jeugdhulp_3jaar_aandeel"] * 2)  # met by our rule; published: not met
    assert s.against_target(rows, year=2024, subject="het aandeel") == (
        "Het aandeel was 30,0% in 2024, 1,0 procentpunt onder het doel van 31,0% (lager is beter): volgens deze "
        "berekening doel gehaald, maar de Jaarrekening Waterveen 2024 oordeelt 'Doel gehaald: Nee'."
    )


def test_against_target_in_the_unit_given_the_direction():
    # 'lager is beter' is said (a figure under its target is then good); where higher is better, 'onder het doel:
    # niet gehaald' says it itself
    assert s.against_target(_target(8.9, 9.3), year=2024, unit="years", direction="lower", subject="de leeftijd") == (
        "De leeftijd was 8,9 jaar in 2024, 0,4 jaar onder het doel van 9,3 jaar (lager is beter): doel gehaald "
        "(eigen berekening)."
    )
    rows = _target(209, 200)
    assert s.against_target(rows, year=2024, unit="count", direction="higher", subject="de uitstroom naar werk") == (
        "De uitstroom naar werk was 209 in 2024, 9 boven het doel van 200: doel gehaald (eigen berekening)."
    )
    rows = _target(77, 77)
    assert s.against_target(rows, year=2024, unit="count", direction="higher", subject="beschut werk") == (
        "Beschut werk was 77 in 2024, gelijk aan het doel van 77: doel gehaald (eigen berekening)."
    )


def test_on_target_uses_the_catalog_tolerance_and_says_it_is_our_own():
    budget = sdlib.load("wmo_budget_per_client")  # on_target, tolerance_pct 5, tolerance_source eigen berekening
    # 2024: 3.250 against 3.300, 50 below; 5% of 3.300 is 165: within, and the Jaarrekening 2024 says so itself,
    # so the report's own margin is not printed beside the document's verdict
    assert s.against_target(budget, year=2024, subject="het budget") == (
        f"Het budget was {E}3.250 in 2024, {E}50 onder het doel van {E}3.300: volgens de Jaarrekening Waterveen 2024 "
        "doel gehaald; of hoger of lager beter is, zeggen de documenten niet."
    )
    # 2.790 against 3.500: 710 below, more than 5% of 3.500 (175); no verdict published for 2023
    rows = _target(2790, 3500, year=2023, series=["wmo_budget_per_client"] * 2)
    assert s.against_target(rows, year=2023, subject="het budget") == (
        f"Het budget was {E}2.790 in 2023, {E}710 onder het doel van {E}3.500 (binnen 5% van het doel geldt als "
        "gehaald; eigen keuze): doel niet gehaald (eigen berekening)."
    )
    with pytest.raises(ValueError, match="tolerance_pct"):  # on_target without a catalog tolerance
        s.against_target(_target(2790, 3500), year=2024, unit="count", direction="on_target", subject="het aantal")


def test_a_begroting_of_zero_where_higher_is_better_is_geen_doel():
    rows = _target(71, 0, year=2022)
    assert s.against_target(rows, year=2022, unit="percent", direction="higher", subject="de tevredenheid") == (
        "De tevredenheid was 71,0% in 2022; voor dat jaar is geen doel gesteld (de begroting noemt 0,0%)."
    )
    # where lower is better, 0 is a target (no one waiting), and it is judged
    rows = _target(3, 0, year=2022)
    assert s.against_target(rows, year=2022, unit="count", direction="lower", subject="de wachtlijst").endswith(
        "3 boven het doel van 0 (lager is beter): doel niet gehaald (eigen berekening)."
    )


def test_against_target_from_loaded_rows_takes_unit_and_direction_from_the_catalog():
    rows = sdlib.load("mantelzorg_ondersteund_algemeen")  # percent, 0 decimals, higher is better
    assert s.against_target(rows, year=2024) == (
        "Het aandeel mantelzorgers dat zich voldoende ondersteund voelt was 64% in 2024, 2 procentpunt onder het "
        "doel van 66%: doel niet gehaald (ook volgens de Jaarrekening Waterveen 2024)."
    )


# --- revisions, provisional figures, categories --------------------------------------------------------------


def test_revision_names_both_publications(share):
    rows = pd.DataFrame(
        {
            "series": ["jeugdhulp_3jaar_aandeel"] * 2,
            "year": [2023, 2023],
            "measure": ["realisatie", "realisatie"],
            "value": [31.2, 31.5],
            "source": [J23, J24],
            "published": [2024, 2025],
        }
    )
    assert s.revision(rows, year=2023) == (
        "Voor 2023 publiceerde de Jaarrekening Waterveen 2023 eerst 31,2%; de Jaarrekening Waterveen 2024 geeft 31,5%."
    )
    same = rows.assign(value=[31.5, 31.5])
    assert s.revision(same, year=2023) == (
        "Voor 2023 geven de Jaarrekening Waterveen 2023 en de Jaarrekening Waterveen 2024 hetzelfde cijfer: 31,5%."
    )
    with pytest.raises(ValueError, match="vintage='all'"):
        s.revision(share, year=2024, unit="percent")  # one publication per year


def test_provisional_and_partial_figures_are_said_as_such(inflow, share):
    assert s.provisional(inflow) == ""  # every figure final
    assert s.provisional(share) == "Het cijfer over 2024 is voorlopig."
    assert s.provisional(share, year=2023) == ""
    assert s.provisional(sdlib.load_many(["jeugdhulp_uitstroom", "jeugdhulp_jeugdigen"])) == (
        "De cijfers over 2024 zijn voorlopig."
    )
    assert s.provisional(sdlib.load("jeugdhulp_kosten_per_type")) == (
        "2024 is geen volledig jaar (peildatum 30-6-2024) en de cijfers zijn voorlopig."
    )
    bijstand = sdlib.load("bijstand_uitkeringen")
    assert s.provisional(bijstand) == ""  # a stand on 1 januari 2025 is not a partial year


def test_largest_smallest_and_share_of_the_care_types():
    youths = sdlib.load("jeugdhulp_jeugdigen_per_type")  # 2023: 1.560, 170, 160 and 51
    assert s.largest(
        youths,
        year=2023,
        by="care_type",
        noun="jeugdigen",
        what="de grootste vorm",
        series="jeugdhulp_jeugdigen_per_type",
    ) == ("Jeugdhulp zonder verblijf is met 1.560 jeugdigen de grootste vorm.")
    assert s.smallest(youths, year=2023, by="care_type", noun="jeugdigen", what="de kleinste vorm", unit="count") == (
        "Jeugdreclassering is met 51 jeugdigen de kleinste vorm."
    )
    # 1.560 / (1.560 + 170 + 160 + 51 = 1.941) = 80,37%
    assert (
        s.share(youths, year=2023, by="care_type", level="jeugdhulp zonder verblijf", noun="jeugdigen", unit="count")
        == "Jeugdhulp zonder verblijf was 80,4% van het totaal (1.560 van 1.941 jeugdigen)."
    )
    tie = pd.DataFrame({"year": [2020] * 3, "kind": ["a", "b", "c"], "value": [5, 5, 1]})
    assert s.largest(tie, year=2020, by="kind", unit="count") == "A en b zijn met 5 de grootste."
    with pytest.raises(ValueError, match="do not add up|count or eur"):
        s.share(sdlib.load("jeugdhulp_3jaar_aandeel"), year=2024, by="measure", level="realisatie", unit="percent")


# --- small helpers -------------------------------------------------------------------------------------------


def test_alt_text_join_and_months():
    assert s.alt_text("lijngrafiek", "De instroom daalde") == "Lijngrafiek. De instroom daalde."
    assert s.alt_text("Liggend staafdiagram", "x.") == "Liggend staafdiagram. X."
    with pytest.raises(ValueError, match="unknown chart kind"):
        s.alt_text("line chart", "x")
    with pytest.raises(ValueError, match="empty alt text"):
        s.alt_text("lijngrafiek", " ")
    assert s.join([]) == "" and s.join(["a"]) == "a" and s.join(["a", "b"]) == "a en b"
    assert s.join(["a", "b", "c"]) == "a, b en c" and s.join(["a", "b"], conj="of") == "a of b"
    assert [s.month_name(m) for m in (1, 4, 7, 8)] == ["januari", "april", "juli", "augustus"]
    assert s.month_abbr(3) == "mrt" and s.month_label(2019, 9) == "september 2019"
    assert s.month_label(2025, 1, short=True) == "jan 2025"
    with pytest.raises(ValueError):
        s.month_name(13)


def test_printed_matches_the_formats_and_no_negative_zero():
    assert s.printed(45.94, unit="percent") == "45,9%"
    assert s.printed(7_200_000, series="jeugdhulp_kosten_per_type") == f"{E}7.200.000"
    assert s.printed(33.14, series="jeugdhulp_3jaar_aandeel") == "33,1%"  # catalog decimals 1
    assert s.printed(63.5, series="mantelzorg_ondersteund_algemeen") == "64%"  # catalog decimals 0, half up
    assert sdlib.fmt_number(-0.04, 1) == "0,0" and sdlib.fmt_eur(-0.4) == f"{E}0"


def test_fmt_eur_keeps_the_amount_with_its_sign_by_a_non_breaking_space():
    # issue "council pack": a line may never break between € and its amount
    assert sdlib.fmt_eur(5565.4) == "€\u00a05.565" and " " not in sdlib.fmt_eur(5565.4)
    assert sdlib.fmt_eur(-92186) == "-€\u00a092.186"
    assert sdlib.fmt_eur(-5) == "-€\u00a05"
    assert sdlib.fmt_eur(1234.567, 2) == "€\u00a01.234,57"
    assert sdlib.fmt_value(3250, "eur") == "€\u00a03.250"


@pytest.mark.parametrize(
    "values, expected",
    [
        # Jaarverslag 2022 and Jaarstukken 2024: tevreden over de kwaliteit 76% (2021), 79%, 74%, 71% (2024)
        ([76, 79, 74, 71], "was 76,0% in 2021, steeg naar 79,0% in 2022 en daalde daarna via 74,0% in 2023 naar 71,0%"),
        ([18, 20.2, 22, 17], "was 18,0% in 2021, steeg via 20,2% in 2022 naar 22,0% in 2023 en daalde daarna naar"),
        ([72, 71, 71, 75], "was 72,0% in 2021, daalde naar 71,0% in 2022 en 2023 en steeg daarna naar 75,0% in 2024"),
        ([79, 74, 72, 71], "daalde van 79,0% in 2021 via 74,0% in 2022 en 72,0% in 2023 naar 71,0% in 2024"),
        ([3, 3], "was 3,0% in 2021 en 2022."),
    ],
)
def test_a_trend_that_turns_is_never_summed_up_by_its_end_points(values, expected):
    from sdlib.data.catalog import model
    from sdlib.present.sentences import trend

    sid = next(s for s, m in model().series.items() if m.unit == "percent" and not m.dimensions and m.decimals != 0)
    rows = pd.DataFrame(
        {"series": sid, "year": range(2021, 2021 + len(values)), "value": values, "measure": "realisatie"}
    )
    assert expected in trend(rows, subject="het aandeel")


def test_a_change_under_one_percent_is_said_to_be_slight_and_under_a_half_percent_nearly_the_same():
    # Rapportage 2e helft 2024: 2.551 in januari 2024, 2.559 on 1 January 2025 (+0,31%): the municipality itself
    # calls it "nagenoeg gelijk gebleven" (under SAME_PCT, 0,5%); of +0,8% (2.261 -> 2.279) the Jaarstukken say
    # "neemt ... nog toe": "steeg licht" (under STEADY_PCT, 1%); the sign says the direction either way
    rows = _target(2551, 2559, year=2024).assign(measure="realisatie", year=[2024, 2025])
    assert s.change(rows, start=2024, end=2025, unit="count", subject="Het aantal") == (
        "Het aantal bleef nagenoeg gelijk: 2.551 in 2024 en 2.559 in 2025 (+0,3%)."
    )
    rows = rows.assign(value=[2261, 2279])  # +0,8%: slight
    assert s.change(rows, start=2024, end=2025, unit="count", subject="Het aantal") == (
        "Het aantal steeg licht, van 2.261 in 2024 naar 2.279 in 2025 (+0,8%)."
    )
    rows = rows.assign(value=[2551, 2590])  # +1,5%: a rise
    assert s.change(rows, start=2024, end=2025, unit="count", subject="Het aantal").startswith("Het aantal steeg van")


# --- targets of one year, one indicator over years, periods within a year, one short quote -------------------


def test_targets_met_names_each_side_of_the_target_without_a_verdict_of_its_own():
    # printed figures only: 240 > 229 and 209 > 200 above, 77 = 77 exactly on it; a level without a target (d) is
    # left out; no 'alle 3 doelen gehaald' (the document hedges on 77 of 77: 'lijkt gehaald')
    rows = pd.DataFrame(
        {
            "series": "jeugdhulp_uitstroom",
            "year": 2024,
            "resultaat": ["a", "a", "b", "b", "c", "c", "d"],
            "measure": ["realisatie", "begroting"] * 3 + ["realisatie"],
            "value": [240, 229, 209, 200, 77, 77, 120],
        }
    )
    assert s.targets_met(rows, year=2024, by="resultaat", subject="het werkbedrijf") == (
        "Het werkbedrijf kwam in 2024 boven het doel bij a (240; doel 229) en b (209; doel 200), en precies op het "
        "doel bij c (77; doel 77)."
    )
    missed = rows.assign(value=[240, 229, 190, 200, 77, 77, 120])  # 190 < 200
    assert s.targets_met(missed, year=2024, by="resultaat", subject="het werkbedrijf") == (
        "Het werkbedrijf kwam in 2024 boven het doel bij a (240; doel 229), precies op het doel bij c (77; doel 77), "
        "en onder het doel bij b (190; doel 200)."
    )
    assert s.targets_met(rows[rows["resultaat"] == "a"].iloc[:1], year=2024, by="resultaat", subject="x") == ""
    # the head names up to three parts where they stand, no 'alle drie gehaald' beside the document's 'lijkt'
    assert s.targets_met_head(rows, year=2024, by="resultaat", subject="werkbedrijf") == (
        "Werkbedrijf in 2024: boven het doel bij a en b, op het doel bij c"
    )
    assert s.targets_met_head(missed, year=2024, by="resultaat", subject="werkbedrijf") == (
        "Werkbedrijf in 2024: boven het doel bij a, op het doel bij c, onder het doel bij b"
    )
    # round 23: a realisation the document is not sure of ('lijkt gehaald': note 'Onzeker: ...') gets no position
    unsure = rows.assign(note=["", "", "", "", "Onzeker: 'lijkt gehaald'", "", ""])
    assert s.targets_met(unsure, year=2024, by="resultaat", subject="het werkbedrijf") == (
        "Het werkbedrijf kwam in 2024 boven het doel bij a (240; doel 229) en b (209; doel 200). Bij c (77; doel 77) "
        "is de uitkomst volgens de gemeente nog niet zeker."  # round 47: its word ('lijkt') is quoted beside it
    )
    assert s.targets_met_head(unsure, year=2024, by="resultaat", subject="werkbedrijf") == (
        "Werkbedrijf in 2024: boven het doel bij a en b, c nog niet zeker"
    )
    five = pd.DataFrame(  # more parts are counted: 5 with a target, one (e: 9 < 10) short
        {
            "series": "jeugdhulp_uitstroom",
            "year": 2024,
            "resultaat": [p for p in "abcde" for _ in (0, 1)],
            "measure": ["realisatie", "begroting"] * 5,
            "value": [240, 229, 209, 200, 77, 77, 5, 4, 9, 10],
        }
    )
    assert s.targets_met_head(five, year=2024, by="resultaat", subject="werkbedrijf") == (
        "Werkbedrijf: achter op het doel bij 1 van de 5 onderdelen met een doel in 2024"
    )


def test_one_sentence_is_the_one_that_holds_the_word():
    text = "De inzet is intensief geweest (o.a. bij UWV). De doelstelling van 77 plekken lijkt gehaald te zijn."
    assert s.one_sentence(text, "lijkt") == "De doelstelling van 77 plekken lijkt gehaald te zijn."
    assert s.one_sentence(text) == "De inzet is intensief geweest (o.a. bij UWV)."  # 'o.a. bij' stays inside
    assert s.one_sentence("Gedaald naar 11% in de periode t/m november. Dit is laag.", "t/m") == (
        "Gedaald naar 11% in de periode t/m november."
    )


def test_one_indicator_over_years_shows_a_changed_target(share):
    # Waterveen: 2023 31,5% against 32,0% (lower is better: met, no published verdict: our own reading); 2024 33,1%
    # (voorlopig) against 31,0%: missed, as the Jaarstukken 2024 judged ('Doel gehaald: Nee', make_data.py)
    # newest first; the target lowered where lower is better: 'aangescherpt'; the agreeing published verdict unnamed
    assert s.targets_by_year(share, years=[2023, 2024]) == (
        "Het aandeel jeugdigen dat drie jaar of langer jeugdhulp krijgt was 33,1% in 2024, boven het doel van 31,0%: "
        "niet gehaald (voorlopig cijfer). In 2023 was het 31,5%, bij een doel van 32,0%: gehaald (eigen berekening). "
        "Lager is beter; het doel werd aangescherpt van 32,0% naar 31,0%."
    )
    assert s.targets_by_year(share, years=[2021]) == ""  # no target that year


def test_a_figure_moving_within_a_year_is_said_in_period_order_as_printed():
    # 21,5% over the first half, 11% up to November (printed without a decimal, so written so); it fell. Waterveen's
    # catalog has no 'period' dimension: the periods are named as given, in the given order.
    rows = pd.DataFrame(
        {
            "series": "jeugdhulp_3jaar_aandeel",
            "year": 2024,
            "period": ["1e halfjaar", "t/m november"],
            "value": [21.5, 11.0],
        }
    )
    assert s.periods_change(rows, year=2024, subject="de herinstroom") == (
        "De herinstroom daalde in 2024 van 21,5% over 1e halfjaar naar 11% over t/m november."
    )
    assert s.periods_change(rows.iloc[:1], year=2024, subject="de herinstroom") == ""  # one period: nothing moved


def test_the_document_of_the_municipalitys_words_is_named_once_per_message():
    # round 24: 'De gemeente schreef ook' at the start of a message read as if a quote came before it; a second quote
    # of the same document in the same message says 'ook'; round 26: with one document for all messages, a later
    # message says 'De gemeente schreef:' (four times the same title made page 1 wordy)
    one = [
        "Het steeg. De gemeente schreef in de Jaarstukken 2024: ‘A.’ De gemeente schreef in de Jaarstukken 2024: ‘B.’",
        "De gemeente schreef in de Jaarstukken 2024: ‘C.’",
    ]
    assert s.shorten_quotes(one) == [
        "Het steeg. De gemeente schreef in de Jaarstukken 2024: ‘A.’ De gemeente schreef ook: ‘B.’",
        "De gemeente schreef: ‘C.’",
    ]
    # two documents: each message names its first, so no 'De gemeente schreef:' without a title
    two = [
        "De gemeente schreef in de Jaarstukken 2024: ‘A.’ De gemeente schreef in het Jaarverslag 2022: ‘C.’",
        "De gemeente schreef in de Jaarstukken 2024: ‘D.’",
    ]
    assert s.shorten_quotes(two) == two


def test_a_funnel_says_each_step_against_the_first():
    # Rapportage 2e helft 2024 (Integratieversneller): 75 uitgenodigd, 28 voorlichting bijgewoond, 8 training afgerond;
    # 8 / 75 = 10,7% -> 11%
    steps = pd.DataFrame(
        {"step": ["uitgenodigd", "voorlichting bijgewoond", "training afgerond"], "value": [75, 28, 8]}
    )
    assert s.funnel(steps, by="step") == (
        "van de 75 die zijn uitgenodigd, hebben er 28 voorlichting bijgewoond en 8 (11% van de 75; eigen berekening) "
        "training afgerond"
    )
    assert s.funnel(steps.iloc[:1], by="step") == ""


# --- heads of key messages -----------------------------------------------------------------------------------


def test_the_head_of_a_key_message_gives_the_verdict_of_the_year_or_the_direction(share, inflow):
    # Waterveen (make_data.py): 2024 33,1% (voorlopig) against 31,0%, lower is better: missed; 2023 31,5% against
    # 32,0%: met. Instroom 560 in 2023 -> 548 in 2024 is -2,1%: fallen (not 'licht', that is under 1%)
    assert s.headline(share, year=2024) == (
        "Aandeel jeugdigen drie jaar of langer in jeugdhulp: doel niet gehaald in 2024 (voorlopig)"
    )
    assert s.headline(share, year=2023) == "Aandeel jeugdigen drie jaar of langer in jeugdhulp: doel gehaald in 2023"
    assert s.headline(inflow, year=2024, start=2023) == "Instroom in de specialistische jeugdhulp: gedaald in 2024"
    assert s.headline(inflow, year=2024, start=2021, subject="instroom") == "Instroom: gedaald van 2021 tot 2024"
    assert s.headline(inflow, year=2024) == ""  # no target and no year to compare with: no head
    # a move to a provisional figure may still change, and the head says so (round 22)
    unsure = inflow.assign(provisional=inflow["year"] == 2024)
    assert s.headline(unsure, year=2024, start=2023) == (
        "Instroom in de specialistische jeugdhulp: gedaald in 2024 (voorlopig)"
    )


def test_a_head_over_several_years_names_a_peak_or_a_dip_between_them():
    # JV 2022 4.783 (2022), PB 2025 4.923 (2023), JS 2024 4.747 (2024): 'licht gedaald van 2022 tot 2024' hid the
    # peak of 2023 (a council reviewer, round 40)
    rows = pd.DataFrame({"series": "jeugdhulp_jeugdigen", "year": [2022, 2023, 2024], "value": [4783, 4923, 4747]})
    assert (
        s.headline(rows, year=2024, start=2022, subject="Jeugdigen") == "Jeugdigen: gestegen tot 2023, daarna gedaald"
    )
    rows["value"] = [4783, 4700, 4800]
    assert s.headline(rows, year=2024, start=2022, subject="X") == "X: gedaald tot 2023, daarna gestegen"
    rows["value"] = [4700, 4750, 4800]  # straight up: the plain wording
    assert s.headline(rows, year=2024, start=2022, subject="X") == "X: gestegen van 2022 tot 2024"


def test_a_head_over_a_slight_or_no_change_says_so():
    rows = pd.DataFrame({"series": "jeugdhulp_instroom", "year": [2023, 2024], "value": [2551, 2559]})
    assert (
        s.headline(rows, year=2024, start=2023) == "Instroom in de specialistische jeugdhulp: nagenoeg gelijk in 2024"
    )
    rows["value"] = [1000, 1008]  # +0,8%
    assert s.headline(rows, year=2024, start=2023, subject="X") == "X: licht gestegen in 2024"


def test_the_figures_under_a_head_do_not_repeat_its_verdict(share, inflow):
    # the 2023 verdict is not published in Waterveen: marked as our own; 2024 is judged in the Jaarstukken 2024
    assert s.brief(share, year=2024) == "33,1% in 2024, doel 31,0% (lager is beter)."
    assert s.brief(share, year=2023) == "31,5% in 2023, doel 32,0% (lager is beter; oordeel: eigen berekening)."
    # with a start year the earlier figure shows the direction beside the verdict (round 17: 'blijven ze er korter
    # in?' got a verdict but not that the share rose); a start year without a figure adds nothing
    # ... and its target (round 23: a reader missed that 2023 was judged too; make_data: 2023 doel 32,0)
    assert (
        s.brief(share, year=2024, start=2023)
        == "33,1% in 2024, doel 31,0% (lager is beter); in 2023 31,5% (doel 32,0%)."
    )
    assert s.brief(share, year=2024, start=1990) == "33,1% in 2024, doel 31,0% (lager is beter)."
    # 610 -> 548: (548 - 610) / 610 = -10,2% -> −10%
    assert s.brief(inflow, year=2024, start=2021) == "Van 610 in 2021 naar 548 in 2024 (−10%)."
    with pytest.raises(ValueError):
        s.brief(inflow, year=2024)  # neither a target nor a start year


def test_a_key_message_in_the_municipalitys_words_is_headed_by_its_kind(share):
    head, text = s.why("jeugdhulp_3jaar_aandeel", about=2024)
    assert head == "Toelichting van de gemeente"
    assert text == (
        "De gemeente schreef in de Jaarrekening Waterveen 2024: ‘Het aandeel steeg, vooral door langere trajecten met "
        "verblijf (verzonnen testtekst).’"
    )
    assert s.voice("stromen", kind="aanpak", year=1990)[1] == ""  # no passage: an empty text, left out


def test_the_figures_under_a_head_name_the_earlier_document_when_the_years_come_from_two():
    # a later document may have revised the first year's other figures: the reader sees where that year comes from
    rows = pd.DataFrame(
        {"series": "jeugdhulp_instroom", "year": [2023, 2024], "value": [560, 548], "source": [J23, J24]}
    )
    assert s.brief(rows, year=2024, start=2023) == (
        "Van 560 in 2023 naar 548 in 2024 (−2,1%; 2023 uit de Jaarrekening Waterveen 2023)."
    )


def test_one_head_over_several_verdicts_names_which_met_their_target():
    # Waterveen 2024 (make_data.py): leeftijd bij instroom 8,2 against 8,3, bij uitstroom 13,1 against 12,5; lower is
    # better for both: met at instroom, missed at uitstroom
    ages = [sdlib.load("jeugdhulp_leeftijd_instroom"), sdlib.load("jeugdhulp_leeftijd_uitstroom")]
    head = s.verdicts_head(ages, year=2024, subject="leeftijd")
    assert head.startswith("Leeftijd in 2024: doel gehaald ")
    assert "; niet gehaald " in head
    assert s.verdicts_head(ages, year=2019, subject="leeftijd") == ""  # no verdict that year


def test_a_head_over_verdicts_puts_bij_before_a_label_without_it(monkeypatch):
    # round 17: 'doel gehaald door de eigen omgeving' read as if the surroundings met the target; a label that does
    # not start with 'bij' gets it ('bij instroom' stays as it is)
    ages = [sdlib.load("jeugdhulp_leeftijd_instroom"), sdlib.load("jeugdhulp_leeftijd_uitstroom")]
    assert s.verdicts_head(ages, year=2024, subject="leeftijd") == (
        "Leeftijd in 2024: doel gehaald bij instroom; niet gehaald bij uitstroom"
    )
    series = sdlib.data.catalog.model().series["jeugdhulp_leeftijd_instroom"]
    monkeypatch.setattr(type(series), "short", property(lambda self: "steun door de eigen omgeving"))
    head = s.verdicts_head(ages, year=2024, subject="mantelzorg")
    assert (
        head
        == "Mantelzorg in 2024: doel gehaald bij steun door de eigen omgeving; niet gehaald bij steun door de eigen omgeving"
    )


def test_a_note_inside_a_sentence_starts_small_but_keeps_its_acronyms():
    # round 17: a chart label read 'aandeel van de jeugdigen die de poh-jeugd zag' (the whole note in lower case)
    assert s.lower_first("Aandeel van de jeugdigen die de POH-jeugd zag") == (
        "aandeel van de jeugdigen die de POH-jeugd zag"
    )
    assert s.lower_first("SMW-leerlingen") == "SMW-leerlingen" and s.lower_first("") == ""


def test_two_changes_side_by_side_may_name_a_part_of_a_series_in_the_plural():
    # the lasten of one doelstelling beside the youths (jeugdhulp_kosten): 'stegen de lasten', not 'steeg de lasten,
    # baten en het saldo van het programma' (the phrase of the whole finance series)
    rows = pd.DataFrame(
        {"series": "jeugdhulp_instroom", "year": [2021, 2024], "value": [610, 548], "measure": "realisatie"}
    )
    more = rows.assign(value=[100, 136])
    said = s.compare_change(more, rows, start=2021, end=2024, subjects=(("de lasten van doelstelling 4.1", True), None))
    assert said.startswith("Van 2021 op 2024 stegen de lasten van doelstelling 4.1 met 36%; ")
    assert "daalde met 10%" in said


def test_a_year_left_out_of_a_chart_is_said_to_be_left_out_of_the_chart():
    # rounds 17-18: '2019 (tot 9 september 2019) staat er niet in' while the table under the chart shows 2019
    rows = pd.DataFrame(
        {
            "series": "jeugdhulp_instroom",
            "year": [2018, 2019],
            "value": [1151, 627],
            "measure": "realisatie",
            "reference_date": [None, pd.Timestamp("2019-09-09")],
        }
    )
    said = s.left_out(rows, rows[rows["year"] == 2018])
    # round 23: the peildatum is when the figures were drawn, not the end of what they cover (a fact-checker)
    assert said == "2019 (peildatum 9\xa0september 2019) staat niet in de grafiek: geen volledig jaar."
    assert s.left_out(rows, rows) == ""


def test_a_moved_target_is_said_the_easy_or_the_hard_way():
    # Waterveen (make_data.py): leeftijd bij instroom, doel 8,5 (2023) and 8,3 (2024), lower is better: harder
    ages = sdlib.load("jeugdhulp_leeftijd_instroom")
    assert (
        s.target_moved(ages, start=2023, end=2024)
        == "Bij instroom: doel aangescherpt van 8,5 jaar (2023) naar 8,3 jaar (2024) (eigen berekening)."
    )
    assert s.target_moved(ages, start=2023, end=2024, subject="") == (
        "Het doel werd aangescherpt van 8,5 jaar (2023) naar 8,3 jaar (2024) (eigen berekening)."
    )
    easier = ages.assign(value=ages["value"].where(~((ages["year"] == 2024) & (ages["measure"] == "begroting")), 8.7))
    assert "doel verruimd van 8,5 jaar (2023) naar 8,7 jaar (2024)" in s.target_moved(easier, start=2023, end=2024)
    assert s.target_moved(ages, start=2019, end=2024) == ""  # no target that year: nothing to say
    # round 45: a target met after it was made easier says whether the old one was met too (8,2 <= 8,5: yes)
    assert s.target_moved(easier, start=2023, end=2024).endswith(
        "8,2 jaar in 2024 haalt ook het oude doel van 8,5 jaar (eigen berekening)."
    )
    stricter_before = easier.assign(
        value=easier["value"].where(~((easier["year"] == 2023) & (easier["measure"] == "begroting")), 8.0)
    )  # 8,2 > 8,0: only the easier target of 2024 was met
    assert s.target_moved(stricter_before, start=2023, end=2024).endswith(
        "8,2 jaar in 2024 haalt het oude doel van 8,0 jaar niet (eigen berekening)."
    )
    assert "oude doel" not in s.target_moved(ages, start=2023, end=2024)  # made harder: nothing more to say


def _waterveen_with(tmp_path, monkeypatch, series: str, old: str, new: str) -> None:
    """Use a copy of Waterveen whose catalog entry of ``series`` has its first ``old`` replaced by ``new``."""
    import shutil

    from tests.unit.conftest import WATERVEEN

    data = tmp_path / "data"
    shutil.copytree(WATERVEEN, data)
    catalog = data / "catalog.yml"
    text = catalog.read_text(encoding="utf-8")
    at = text.index(old, text.index(f"  {series}:"))
    catalog.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    monkeypatch.setenv("SDLIB_DATA_DIR", str(data))


def test_a_moved_target_is_unmarked_where_a_document_names_the_better_side(tmp_path, monkeypatch):
    # round 41: '(eigen berekening)' after 'aangescherpt' only where the direction is our own choice; where a
    # document names it (JS 2024: 'Afname gemiddelde leeftijd bij instroom') easier or harder follows from it
    _waterveen_with(
        tmp_path,
        monkeypatch,
        "jeugdhulp_leeftijd_instroom",
        'direction_source: "eigen keuze"',
        "direction_source: \"Jaarrekening Waterveen 2024: 'Afname leeftijd'\"",
    )
    ages = sdlib.load("jeugdhulp_leeftijd_instroom")
    assert (
        s.target_moved(ages, start=2023, end=2024)
        == "Bij instroom: doel aangescherpt van 8,5 jaar (2023) naar 8,3 jaar (2024)."
    )


def test_the_aims_of_the_documents_are_said_only_where_a_document_states_them(fixture_data, tmp_path, monkeypatch):
    # Waterveen's flows have 'eigen keuze' as the source of their direction: no document wants anything
    assert s.aims(["jeugdhulp_instroom", "jeugdhulp_uitstroom"]) == ""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(fixture_data, data)
    catalog = data / "catalog.yml"
    yml = catalog.read_text(encoding="utf-8")
    old = '    direction: lower\n    direction_source: "eigen keuze"\n\n  jeugdhulp_doorstroom:'
    assert yml.count(old) == 1
    new = "    direction: lower\n    direction_source: \"Jaarrekening Waterveen 2024: 'minder instroom'\"\n\n  jeugdhulp_doorstroom:"
    catalog.write_text(yml.replace(old, new), encoding="utf-8")
    monkeypatch.setenv("SDLIB_DATA_DIR", str(data))
    said = s.aims(["jeugdhulp_instroom", "jeugdhulp_uitstroom"])
    # an aim, not a duty: 'Het streven in ...' (round 19's fact-check)
    assert said == "Het streven in de Jaarrekening Waterveen 2024: de instroom in de jeugdhulp laten dalen."


def test_a_head_over_many_verdicts_counts_the_others():
    # round 18: a 30-word head listing four indicators; one met and three missed: 'niet bij de andere drie'
    ages = [sdlib.load("jeugdhulp_leeftijd_instroom"), sdlib.load("jeugdhulp_leeftijd_uitstroom")]
    missed = ages[1]
    head = s.verdicts_head([ages[0], missed, missed, missed], year=2024, subject="leeftijd")
    assert head == "Leeftijd in 2024: doel gehaald bij instroom, niet bij de andere drie"
    head = s.verdicts_head([ages[0], ages[0], missed], year=2024, subject="leeftijd")
    assert head == "Leeftijd in 2024: doel niet gehaald bij uitstroom, wel bij de andere twee"


# --- a share in words, and the count it stands for ------------------------------------------------------------


@pytest.mark.parametrize(
    "pct, words",
    [
        (33, "een derde"),
        (45, "bijna de helft"),
        (50, "de helft"),
        (55, "ruim de helft"),
        (67, "twee derde"),
        (24, "een kwart"),
        (40, "40%"),
        (90, "90%"),
    ],
)
def test_portion_says_a_share_as_a_reader_would(pct, words):
    assert s.portion(pct) == words  # 45 is 5 below a half: 'bijna'; 40 is near no plain fraction


def test_part_count_rounds_to_tens_and_says_it_is_an_own_sum():
    # 33% of 900 = 297; a printed 33% is 32,5 to 33,5%, so 292,5 to 301,5: about 300
    assert s.part_count(900, 33, noun="leerlingen") == "ongeveer 300 van de 900 leerlingen (eigen berekening)"
    assert s.part_count(120, 45, noun="jeugdigen").startswith("ongeveer 54 van de 120")  # under 100: whole


def test_a_range_of_values_as_printed():
    # 2e Rapportage 2019, tabel 3: schoolmaatschappelijk werk referred 41% (2018) and 29% (2019)
    rows = pd.DataFrame({"year": [2018, 2019], "value": [41.0, 29.0]})
    assert s.value_range(rows, unit="percent") == "29% tot 41%"
    assert s.value_range(rows.iloc[:1], unit="percent") == "41%"
    assert s.value_range(pd.DataFrame({"value": [56.4, 65.9]}), unit="percent") == "56% tot 66%"
    assert s.value_range(rows.iloc[:0], unit="percent") == ""


def test_earlier_counts_give_their_range_and_document():
    # the 2019 counts of the rapportage 2019 (line 2200: 2731 2711 2689 2652), months a reading of ours: only the
    # range is said, which needs no month; Waterveen names the document by its source id
    rows = sdlib.load("jeugdhulp_instroom").query("year == 2023").assign(value=[2731.0])
    rows = pd.concat([rows, rows.assign(value=2652.0)])
    said = s.earlier_counts(rows, subject="uitkeringen")  # no catalog caveat: nothing after the range
    assert said.startswith("Eerdere aantallen staan alleen in ") and said.endswith(
        ": tussen 2.652 en 2.731 uitkeringen in 2023."
    )
    assert s.earlier_counts(rows.iloc[:0], subject="uitkeringen") == ""


def test_small_counts_are_written_in_words():
    # round 45: '67,5% van de kosten van de 4 typen' beside 'vier typen' elsewhere in the report
    assert s.count_word(4) == "vier"
    assert s.count_word(12) == "12"


def test_a_head_of_a_move_carries_the_catalogs_caveat_in_a_few_words(tmp_path, monkeypatch):
    # round 45: 'daarna gedaald' read as certain while the newest count may be counted otherwise; the doubt came in
    # a sentence after the head
    _waterveen_with(
        tmp_path,
        monkeypatch,
        "jeugdhulp_instroom",
        "    unit: count",
        '    caveat_head: "2024 mogelijk anders geteld"\n    unit: count',
    )
    inflow = sdlib.load("jeugdhulp_instroom")
    assert s.headline(inflow, year=2024, start=2023) == (
        "Instroom in de specialistische jeugdhulp: gedaald in 2024 (2024 mogelijk anders geteld)"
    )


def test_a_difference_of_amounts_that_is_not_the_difference_of_the_printed_amounts_says_so():
    # round 55: € 106,0 mln to € 135,9 mln is € 29,8 mln more (135.874 - 106.049 thousand = 29.825); readers took it
    # for a slip (issue 20, slip 1 was the reverse)
    from sdlib.present.sentences import _bracket, _unrounded

    assert _unrounded("€ 106,0 mln", "€ 135,9 mln", "€ 29,8 mln") == "uit de onafgeronde bedragen"
    assert _unrounded("€\xa067,9\xa0mln", "€\xa092,2\xa0mln", "€\xa024,3\xa0mln") == ""  # 92,2 - 67,9 = 24,3
    assert _unrounded("€ 30.000", "€ 7,9 mln", "€ 7,9 mln") == ""  # units differ: nothing to compare
    assert _bracket("+28%", "uit de onafgeronde bedragen") == " (+28%; uit de onafgeronde bedragen)."
    assert _bracket("", "") == "."
