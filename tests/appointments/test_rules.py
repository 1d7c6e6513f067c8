"""The pure rules: booking, attendance after the fact, no-show streaks, reminders, ISO weeks."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from appointments import rules

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=CPH)
LATER = NOW + timedelta(days=1)
A, N, P, CC, CZ = rules.ATTENDED, rules.NO_SHOW, rules.PLANNED, rules.CANCELLED_BY_CENTRE, rules.CANCELLED_BY_CITIZEN


@pytest.mark.parametrize(
    ("state", "outcome", "allowed"),
    [
        ("advice", None, False),
        ("requested", None, False),
        ("assessed", None, False),
        ("decided", "refusal", False),
        ("decided", None, False),
        ("decided", "grant", True),  # the first session can be booked within the guarantee
        ("decided", "partial", True),
        ("in_treatment", "grant", True),
        ("closed", "grant", False),
    ],
)
def test_booking_from_the_grant_on_and_never_on_a_closed_course(state, outcome, allowed):
    assert rules.booking_allowed(state, outcome) is allowed


def test_attended_and_no_show_only_after_the_fact_cancellations_any_time():
    assert rules.attendance_recordable(A, NOW, NOW)
    assert rules.attendance_recordable(N, NOW - timedelta(minutes=1), NOW)
    assert not rules.attendance_recordable(N, LATER, NOW)
    assert not rules.attendance_recordable(A, LATER, NOW)
    assert rules.attendance_recordable(CZ, LATER, NOW)
    assert rules.attendance_recordable(CC, LATER, NOW)
    assert not rules.attendance_recordable(P, NOW, NOW)


attendance_lists = st.lists(st.sampled_from([A, N, P, CC, CZ]), max_size=12)


@given(attendance_lists)
def test_streak_is_the_no_shows_after_the_last_attended(attendances):
    streak = rules.no_show_streak(attendances)
    tail = attendances[len(attendances) - attendances[::-1].index(A) :] if A in attendances else attendances
    assert streak == tail.count(N)
    assert rules.repeated_no_show(streak) == (streak >= 2)


@given(attendance_lists, st.lists(st.sampled_from([P, CC, CZ]), max_size=4))
def test_cancellations_and_planned_neither_count_nor_break(attendances, neutral):
    assert rules.no_show_streak(attendances + neutral) == rules.no_show_streak(attendances)


@given(attendance_lists)
def test_attending_ends_the_streak_and_a_no_show_adds_one(attendances):
    assert rules.no_show_streak([*attendances, A]) == 0
    assert rules.no_show_streak([*attendances, N]) == rules.no_show_streak(attendances) + 1


def _verdict(**changes):
    values = {
        "contact_channel": "sms",
        "consent_channel": "sms",
        "consent_given_on": date(2026, 3, 1),
        "consent_withdrawn_on": None,
        "phone": "12345678",
        "email": "",
        "attendance": P,
        "starts_at": LATER,
        "now": NOW,
        **changes,
    }
    return rules.reminder_allowed(**values)


def test_a_reminder_with_consent_on_the_agreed_channel_is_allowed():
    verdict = _verdict()
    assert verdict.allowed and verdict.channel == "sms"
    email = _verdict(contact_channel="email", consent_channel="email", phone="", email="a@example.org")
    assert email.allowed and email.channel == "email"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"consent_channel": None, "consent_given_on": None}, "no_consent"),
        ({"consent_given_on": date(2026, 3, 21)}, "no_consent"),  # not yet given
        ({"consent_withdrawn_on": date(2026, 3, 20)}, "consent_withdrawn"),
        ({"contact_channel": "phone"}, "no_electronic_channel"),
        ({"contact_channel": "letter"}, "no_electronic_channel"),
        ({"contact_channel": "digital_post"}, "no_electronic_channel"),
        ({"contact_channel": "in_person"}, "no_electronic_channel"),
        ({"contact_channel": ""}, "no_electronic_channel"),
        ({"contact_channel": "email", "email": "a@example.org"}, "channel_mismatch"),
        ({"phone": " "}, "no_address"),
        ({"contact_channel": "email", "consent_channel": "email"}, "no_address"),
        ({"attendance": N}, "not_planned"),
        ({"attendance": CZ}, "not_planned"),
        ({"starts_at": NOW}, "past"),
        ({"course_closed": True}, "course_closed"),
    ],
)
def test_a_reminder_is_refused_and_says_why(changes, code):
    verdict = _verdict(**changes)
    assert not verdict.allowed
    assert verdict.code == code
    assert verdict.message


def test_a_withdrawal_dated_later_does_not_stop_todays_reminder():
    assert _verdict(consent_withdrawn_on=date(2026, 3, 21)).allowed


def test_the_reminder_text_says_only_date_time_and_place():
    with translation.override("da"):
        text = rules.reminder_text(starts_at=datetime(2026, 3, 23, 9, 30, tzinfo=CPH), place="Lokale 2")
        bare = rules.reminder_text(starts_at=datetime(2026, 3, 23, 9, 30, tzinfo=CPH), place="")
        signed = rules.reminder_text(starts_at=datetime(2026, 3, 23, 9, 30, tzinfo=CPH), place="", sender="Team A")
    assert "23. marts 2026" in text and "09:30" in text and "Lokale 2" in text
    assert "Lokale" not in bare and "09:30" in bare
    assert signed.endswith("Team A")
    for word in ("rusmiddel", "misbrug", "behandling"):
        assert word not in text.lower()


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_an_iso_week_label_leads_back_to_its_monday(day):
    monday = day - timedelta(days=day.weekday())
    assert rules.week_monday(rules.iso_week_label(monday), date(2026, 1, 1)) == monday
    assert rules.week_monday(None, day) == monday
    assert rules.week_monday("nonsense", day) == monday
    assert rules.week_monday("2026-W54", day) == monday  # no such week: this week


def test_iso_weeks_across_the_new_year():
    assert rules.week_monday("2026-W01", date(2026, 6, 1)) == date(2025, 12, 29)
    assert rules.iso_week_label(date(2025, 12, 29)) == "2026-W01"
    assert rules.week_monday("2026-W53", date(2026, 6, 1)) == date(2026, 12, 28)


class TestClashes:
    """A worker cannot hold two talks at once; group sessions may share a time."""

    START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    def clash(self, minutes_later: int, kind: str = "individual", other_kind: str = "individual") -> bool:
        return rules.clashes(
            starts_at=self.START + timedelta(minutes=minutes_later),
            minutes=60,
            kind=kind,
            other_starts_at=self.START,
            other_minutes=60,
            other_kind=other_kind,
        )

    def test_overlapping_talks_clash(self):
        assert self.clash(0) and self.clash(30) and self.clash(-30)

    def test_back_to_back_talks_do_not(self):
        assert not self.clash(60) and not self.clash(-60)

    def test_two_group_sessions_may_share_a_time_but_not_a_talk_and_a_group(self):
        assert not self.clash(0, "group", "group")
        assert self.clash(0, "group", "individual") and self.clash(0, "home_visit", "group")
