"""The report's pure rules: due dates (hypothesis over every month), periods, records, codes, errors."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from discharges import models as discharge_models
from organisations.models import OfferKind
from smdb import rules

months = st.tuples(st.integers(min_value=1990, max_value=2100), st.integers(min_value=1, max_value=12))


@pytest.mark.parametrize(
    ("year", "month", "due"),
    [
        (2027, 1, date(2027, 2, 15)),
        (2027, 2, date(2027, 3, 15)),  # 28 February + 15
        (2028, 2, date(2028, 3, 15)),  # leap year: 29 February + 15
        (2027, 4, date(2027, 5, 15)),  # a 30-day month
        (2027, 3, date(2027, 4, 15)),
        (2027, 12, date(2028, 1, 15)),  # December -> January of the next year
    ],
)
def test_the_report_is_due_15_days_after_the_months_end(year, month, due):
    assert rules.report_due_on(year, month) == due


@given(months)
def test_the_due_date_is_always_the_15th_of_the_next_month(year_month):
    year, month = year_month
    due = rules.report_due_on(year, month)
    last = rules.month_end(year, month)
    assert (due - last).days == 15
    assert due.day == 15
    assert (due.year, due.month) == ((year + 1, 1) if month == 12 else (year, month + 1))
    assert (last + timedelta(days=1)).day == 1  # the month's end is its last day


@given(st.integers(min_value=1990, max_value=2100))
def test_february_ends_on_the_29th_in_leap_years_only(year):
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    assert rules.month_end(year, 2).day == (29 if leap else 28)


@given(months)
def test_a_months_period_runs_from_its_first_to_its_last_day(year_month):
    first, last = rules.period(*year_month)
    assert first.day == 1 and (first.year, first.month) == year_month
    assert last == rules.month_end(*year_month)
    assert rules.period(year_month[0]) == (date(year_month[0], 1, 1), date(year_month[0], 12, 31))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_months_due_are_the_unreported_ones_due_within_a_week(today):
    due = rules.months_due(today, set())
    assert due == sorted(due, key=lambda d: (d.year, d.month))
    for item in due:
        assert item.due_on == rules.report_due_on(item.year, item.month)
        assert item.due_on <= today + timedelta(days=7)
        assert item.overdue == (item.due_on < today)
        assert date(item.year, item.month, 1) < date(today.year, today.month, 1)
    # Every month of the last 12 except the last one or two is overdue (the last: due the 15th).
    assert len(due) in (11, 12)
    reported = {(d.year, d.month) for d in due}
    assert rules.months_due(today, reported) == []


def test_the_worklist_shows_a_month_from_a_week_before_it_is_due():
    assert [(d.month, d.overdue) for d in rules.months_due(date(2027, 3, 7), set(), lookback=2)] == [(1, True)]
    assert [(d.month, d.overdue) for d in rules.months_due(date(2027, 3, 8), set(), lookback=2)] == [
        (1, True),
        (2, False),
    ]
    assert [(d.month, d.overdue) for d in rules.months_due(date(2027, 3, 15), set(), lookback=1)] == [(2, False)]
    assert [(d.month, d.overdue) for d in rules.months_due(date(2027, 3, 16), set(), lookback=1)] == [(2, True)]
    assert [(d.year, d.month) for d in rules.months_due(date(2027, 1, 20), set(), lookback=1)] == [(2026, 12)]


def test_every_choice_of_forlob_has_a_register_code():
    """ONE table maps Forløb's choices to the register's codes: every value is in it."""
    assert set(rules.CODES["discharge_reason"]) == set(discharge_models.DischargeReason.values)
    assert set(rules.CODES["drug_use_status"]) == set(discharge_models.DrugUseStatus.values)
    assert set(rules.CODES["self_help_contact"]) == set(discharge_models.YesNoUnknown.values)
    assert set(rules.CODES["drug_free_partner"]) == set(discharge_models.YesNoUnknown.values)
    assert set(rules.CODES["housing"]) == set(discharge_models.Housing.values)
    assert set(rules.CODES["income"]) == set(discharge_models.Income.values)
    treatment_offers = set(OfferKind.values) - {OfferKind.ADVICE, OfferKind.ANONYMOUS}
    assert set(rules.CODES["offer_kind"]) == treatment_offers
    for column, table in rules.CODES.items():
        assert len(set(table.values())) == len(table), column  # no two choices share a code
    assert rules.code("housing", "") == "" and rules.code("housing", None) == ""
    assert rules.code("housing", "castle") == ""  # not guessed: reported as missing


FACTS = rules.CourseFacts(
    course_id=7,
    citizen_id=3,
    cpr="0101909901",
    municipality_code="730",
    centre_id=1,
    request_date=date(2027, 1, 10),
    guarantee_applies=True,
    start_date=date(2027, 1, 20),
    decision_provider_id=1,
    decision_offer_kind="outpatient",
    children_at_home=2,
    discharge_date=date(2027, 6, 30),
    discharge_provider_id=1,
    discharge_reason="completed",
    drug_use_status="reduced",
    self_help_contact="yes",
    drug_free_partner="unknown",
    housing="own_home",
    income="wages",
)
NAMES = {1: "Rusmiddelcenter Randers", 2: "Privat Ambulant"}


def test_a_whole_course_in_the_year_gives_four_records_in_the_pathways_order():
    records = rules.records_for(FACTS, date(2027, 1, 1), date(2027, 12, 31), NAMES)
    assert [r["record_kind"] for r in records] == [rules.REQUEST, rules.START, rules.ENROLMENT, rules.DISCHARGE]
    request, start, enrolment, discharge = records
    assert request == {
        "record_kind": "anmodning",
        "register_part": "VBGS",
        "course_id": "7",
        "cpr": "0101909901",
        "municipality_code": "730",
        "request_date": "2027-01-10",
        "guarantee_applies": "1",
        "waiver_reason": "",
        "waiver_date": "",
    }
    assert start["days_to_start"] == "10" and start["guarantee_kept"] == "1"
    assert start["provider_id"] == "1" and start["provider_name"] == "Rusmiddelcenter Randers"
    assert enrolment == {
        "record_kind": "indskrivning",
        "register_part": "SIB",
        "course_id": "7",
        "cpr": "0101909901",
        "municipality_code": "730",
        "enrolment_date": "2027-01-20",
        "provider_id": "1",
        "provider_name": "Rusmiddelcenter Randers",
        "offer_kind": "1",
        "earlier_treatment": "2",
        "children_at_home": "2",
    }
    assert discharge["discharge_date"] == "2027-06-30"
    assert [discharge[c] for c in ("drug_use_status", "discharge_reason", "self_help_contact")] == ["2", "1", "1"]
    assert [discharge[c] for c in ("drug_free_partner", "housing", "income")] == ["9", "1", "1"]
    assert all(rules.required_missing(r) == [] for r in records)
    assert all(len(rules.row(r)) == len(rules.COLUMNS) for r in records)


def test_each_record_falls_in_the_period_of_its_own_date():
    def kinds(first, last):
        return [r["record_kind"] for r in rules.records_for(FACTS, first, last, NAMES)]

    assert kinds(*rules.period(2027, 1)) == [rules.REQUEST, rules.START, rules.ENROLMENT]
    assert kinds(*rules.period(2027, 6)) == [rules.DISCHARGE]
    assert kinds(*rules.period(2027, 3)) == []
    assert kinds(*rules.period(2026)) == []


def test_the_enrolment_is_at_the_provider_the_citizen_chose_else_the_decisions_else_the_centre():
    chosen = rules.CourseFacts(**(FACTS.__dict__ | {"free_choice_provider_id": 2, "free_choice_offer_kind": "day"}))
    assert rules.treating_provider(chosen) == 2 and rules.offer_kind(chosen) == "day"
    assert rules.treating_provider(FACTS) == 1 and rules.offer_kind(FACTS) == "outpatient"
    own = rules.CourseFacts(**(FACTS.__dict__ | {"decision_provider_id": None, "centre_id": 5}))
    assert rules.treating_provider(own) == 5


@pytest.mark.parametrize(
    ("changes", "kept"),
    [
        ({}, True),  # 10 days
        ({"start_date": date(2027, 1, 24)}, True),  # 14 days: kept
        ({"start_date": date(2027, 1, 25)}, False),  # 15 days: missed
        ({"start_date": date(2027, 1, 25), "waiver_date": date(2027, 1, 12), "waiver_reason": "free_choice"}, None),
        ({"guarantee_applies": False}, None),  # an under-18 outside the special cases
        ({"start_date": None}, None),
    ],
)
def test_the_guarantee_is_kept_within_14_days_and_a_waiver_is_counted_apart(changes, kept):
    assert rules.guarantee_kept(rules.CourseFacts(**(FACTS.__dict__ | changes))) is kept


def test_a_record_lacking_a_required_field_names_it():
    blank = rules.CourseFacts(**(FACTS.__dict__ | {"income": "", "housing": "castle", "decision_offer_kind": ""}))
    records = {r["record_kind"]: r for r in rules.records_for(blank, *rules.period(2027), NAMES)}
    assert rules.required_missing(records[rules.DISCHARGE]) == ["housing", "income"]
    assert rules.required_missing(records[rules.ENROLMENT]) == ["offer_kind"]
    assert rules.required_missing(records[rules.START]) == []  # the offer is not required at the start
    assert rules.required_missing(records[rules.REQUEST]) == []
    assert rules.required_missing({"record_kind": "junk"}) == ["record_kind"]
    assert rules.required_missing({"record_kind": rules.REQUEST, "cpr": " "}) == [
        "cpr",
        "municipality_code",
        "request_date",
    ]


def test_every_required_column_is_a_column_of_its_kind_and_of_the_file():
    for kind in rules.RECORD_KINDS:
        assert set(rules.REQUIRED[kind]) <= set(rules.KIND_COLUMNS[kind]) <= set(rules.COLUMNS)


@pytest.mark.parametrize(
    ("text", "year"), [("2027", 2027), (" 2019 ", 2019), ("2018", None), ("2028", None), ("abcd", None), ("", None)]
)
def test_a_typed_year(text, year):
    assert rules.year_choice(text, date(2027, 3, 1)) == year


@pytest.mark.parametrize(
    ("text", "month"), [("", None), ("1", 1), ("12", 12), ("0", False), ("13", False), ("x", False)]
)
def test_a_typed_month(text, month):
    assert rules.month_choice(text) == month
