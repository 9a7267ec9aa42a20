"""The definitions on the hand-built extract; every expected value is worked out in the conftest table."""

import pytest
from records_helpers import values

import sdlib.records as rec


@pytest.fixture(scope="module")
def total(tiny):
    return rec.indicators(tiny)


def test_jeugdigen_counts_every_overlapped_year(total):
    # 2015: A B H; 2016: A C D E F G H; 2017: A B D F G H; 2018: B G H
    assert values(total, "jeugdhulp_jeugdigen") == {2015: 3, 2016: 7, 2017: 6, 2018: 3}


def test_instroom_and_left_censored_first_year(total):
    assert values(total, "jeugdhulp_instroom") == {2015: 3, 2016: 5, 2017: 0, 2018: 0}
    flagged = total[(total["series"] == "jeugdhulp_instroom") & total["left_censored"]]
    assert flagged["year"].tolist() == [2015]
    assert "Links gecensureerd" in flagged["note"].iloc[0]


def test_doorstroom_herintreder_uitstroom(total):
    # D's period 2016-12-31..2017-01-01 makes D doorstroom in 2017; B (2015, gap 2016) re-enters in 2017
    assert values(total, "jeugdhulp_doorstroom") == {2016: 2, 2017: 5, 2018: 3}
    assert values(total, "jeugdhulp_herintreder") == {2016: 0, 2017: 1, 2018: 0}
    # nobody can be a herintreder in the second year of the extract: a gap year before 2015 is not in it
    censored = total[(total["series"] == "jeugdhulp_herintreder") & total["left_censored"]]
    assert censored["year"].tolist() == [2016] and "tweede jaar van het extract" in censored["note"].iloc[0]
    assert values(total, "jeugdhulp_uitstroom") == {2016: 1, 2017: 2, 2018: 3}


def test_no_flows_for_the_first_year(total):
    first = total[total["year"] == 2015]["series"]
    assert not first.isin(["jeugdhulp_doorstroom", "jeugdhulp_uitstroom", "jeugdhulp_herintreder"]).any()


def test_identities(total):
    j, i = values(total, "jeugdhulp_jeugdigen"), values(total, "jeugdhulp_instroom")
    d, h = values(total, "jeugdhulp_doorstroom"), values(total, "jeugdhulp_herintreder")
    u = values(total, "jeugdhulp_uitstroom")
    for t in (2016, 2017, 2018):
        assert j[t] == i[t] + d[t] + h[t]
        assert j[t - 1] == d[t] + u[t]


def test_uitstroom_without_reentry_within_six_months(total):
    # 2016: B (ended 2015-03-31). 2017: C, E and G (back 2017-05-01, one day after six months);
    # F came back on 2017-04-30, exactly six months after 2016-10-31, so F is not counted.
    # 2018: A, D and F.
    assert values(total, "jeugdhulp_uitstroom_6m") == {2016: 1, 2017: 3, 2018: 3}


def test_three_years_in_a_row(total):
    assert values(total, "jeugdhulp_3jaar_aantal") == {2017: 2, 2018: 2}  # A H; G H
    share = values(total, "jeugdhulp_3jaar_aandeel")
    assert share[2017] == pytest.approx(100 * 2 / 6)
    assert share[2018] == pytest.approx(100 * 2 / 3)


def test_ages_on_1_july(total):
    # instroom 2015: A 10 (birthday 1 July), B 4, H 12; 2016: C 16, D 8, E 9, F 4, G 12
    instroom = values(total, "jeugdhulp_leeftijd_instroom")
    assert instroom[2015] == pytest.approx(26 / 3)
    assert instroom[2016] == pytest.approx(9.8)
    # uitstroom of t: age on 1 July of t-1; 2016: B 4; 2017: C 16, E 9; 2018: A 12, D 9, F 5
    assert values(total, "jeugdhulp_leeftijd_uitstroom") == pytest.approx({2016: 4, 2017: 12.5, 2018: 26 / 3})


def test_costs_pro_rata_over_days(tiny):
    cost = rec.costs(tiny, by=["care_type"], disclosure=False)  # exact: these are the definitions
    kosten = values(cost, "jeugdhulp_kosten_per_type", by="care_type")
    assert kosten[("jeugdreclassering", 2016)] == pytest.approx(31)
    assert kosten[("jeugdhulp met verblijf", 2016)] == pytest.approx(61)
    assert kosten[("jeugdhulp met verblijf", 2017)] == pytest.approx(181)
    assert kosten[("jeugdbescherming", 2018)] == pytest.approx(365)  # B's running period, 610 over 2017/2018
    total = values(rec.costs(tiny), "jeugdhulp_kosten")
    assert total[2015] == pytest.approx(306 + 90 + 365)  # A from 1 March, B Q1, H whole year
    assert values(rec.costs(tiny), "jeugdhulp_kosten_per_jeugdige")[2015] == pytest.approx(761 / 3)


def test_youth_with_two_care_types_counts_in_both(tiny):
    frame = rec.flows(tiny, by=["care_type"], disclosure=False)
    youths = values(frame, "jeugdhulp_jeugdigen_per_type", by="care_type")
    assert youths[("jeugdhulp zonder verblijf", 2016)] == 6  # A D E F G H
    assert youths[("jeugdhulp met verblijf", 2016)] == 1  # E
    assert youths[("jeugdreclassering", 2016)] == 1
    # per care type the history is that type's: A enters met verblijf in 2017, E leaves it
    instroom = values(frame, "jeugdhulp_instroom", by="care_type")
    assert instroom[("jeugdhulp met verblijf", 2017)] == 1
    assert values(frame, "jeugdhulp_uitstroom", by="care_type")[("jeugdhulp met verblijf", 2017)] == 1


def test_identities_hold_per_care_type(tiny):
    frame = rec.flows(tiny, by=["care_type"], disclosure=False)
    wide = frame.pivot_table(index=["care_type", "year"], columns="series", values="value")
    later = wide.loc[wide.index.get_level_values("year") > 2015]
    assert (
        later["jeugdhulp_jeugdigen_per_type"]
        == later["jeugdhulp_instroom"] + later["jeugdhulp_doorstroom"] + later["jeugdhulp_herintreder"]
    ).all()


def test_result_shape_matches_published_series(tiny):
    frame = rec.three_year(tiny)
    assert list(frame.columns[:4]) == ["series", "year", "measure", "value"]
    assert set(frame["measure"]) == {"realisatie"}
    assert frame.attrs["synthetic"] is False and not frame["synthetic"].any()


@pytest.mark.parametrize("by", [["district"], ["care_type"], ["district", "care_type"]])
def test_every_breakdown_is_protected_by_default(tiny, by):
    frame = rec.flows(tiny, by=by)
    assert set(frame["status"]) == {"geheim"}  # every count is 7 or less
    assert frame["value"].isna().all()
    assert "status" not in rec.flows(tiny, by=by, disclosure=False).columns


def test_municipal_totals_stay_exact_unless_asked(tiny):
    assert "status" not in rec.flows(tiny).columns
    assert set(rec.flows(tiny, disclosure=True)["status"]) == {"geheim"}


def test_bad_breakdown_is_refused(tiny):
    with pytest.raises(ValueError, match="by"):
        rec.flows(tiny, by=["age"])
