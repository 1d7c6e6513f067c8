"""Demo staff: every role in each municipality, fictional, loaded idempotently."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from courses.models import Course, CourseState, TreatmentRequest
from deadlines.models import Deadline
from demo.reporting import load_demo_reports
from demo.staff import load_demo_staff
from organisations.models import Membership, Role, User
from smdb.selectors import reports_due
from standards.selectors import standard_in_force

pytestmark = pytest.mark.django_db


def test_every_role_is_represented_in_every_seed_municipality(settings):
    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for code in ["730", "607", "846", "306"]:
        roles = set(Membership.objects.filter(centre__municipality__code=code).values_list("role", flat=True))
        assert roles == set(Role.values), code


def test_a_second_run_adds_no_duplicates(settings):
    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (User.objects.count(), Membership.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (User.objects.count(), Membership.objects.count()) == counts == (28, 28)


def test_demo_data_is_refused_outside_demo_mode(settings):
    settings.FORLOB_DEMO = False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_demo_addresses_can_never_reach_anyone(settings):
    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert all(email.endswith(".invalid") for email in User.objects.values_list("email", flat=True))


def test_the_demo_citizens_are_in_every_stage_and_some_are_overdue_on_any_date(settings):
    """`make run` works whatever today is: the story is built backwards from today, and each
    municipality's standard (Odsherred's expired December 2026) is still in force."""
    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    today = timezone.localdate()
    for code in ["730", "607", "846", "306"]:
        courses = Course.objects.filter(centre__municipality__code=code)
        assert set(courses.values_list("state", flat=True)) == set(CourseState.values), code
        assert set(TreatmentRequest.objects.filter(course__in=courses).values_list("standard", flat=True)) == {
            standard_in_force(courses[0].centre.municipality_id, today).pk
        }
        assert Deadline.objects.filter(course__in=courses).open().filter(due_on__lt=today).exists(), code


def test_demo_staff_have_encrypted_authenticator_apps_with_stable_keys(settings):
    """`make run`: every demo login goes straight to the code step, whose page shows the code."""
    from accounts.models import AuthenticatorDevice
    from demo.staff import demo_totp_key

    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    devices = AuthenticatorDevice.objects.filter(user__username__contains=".", confirmed=True)
    assert devices.count() == 28
    device = devices.get(user__username="randers.behandler")
    assert device.bin_key == demo_totp_key("randers.behandler")
    assert demo_totp_key("randers.behandler").hex() not in device.encrypted_key


def test_the_demo_covers_every_treatment_stage_with_some_overdue(settings):
    """Issue 9: plans (one overdue), sessions with repeated no-shows, gift cards, lapses, a residential
    stay, discharges with their follow-ups (held, due, overdue, declined) and a re-admission."""
    from appointments.models import Appointment
    from assessments.models import Task
    from discharges.models import Discharge
    from followups.models import FollowUp
    from plans.models import PlanVersion
    from treatment.models import GiftCard, Lapse, ResidentialStay

    settings.FORLOB_DEMO = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    today = timezone.localdate()
    for code in ["730", "607", "846", "306"]:
        courses = Course.objects.filter(centre__municipality__code=code)
        for model in (PlanVersion, Appointment, GiftCard, Lapse, ResidentialStay, Discharge, FollowUp):
            assert model.objects.filter(course__in=courses).exists(), (code, model.__name__)
        assert Appointment.objects.filter(course__in=courses, attendance="no_show").count() >= 2, code
        assert Task.objects.filter(course__in=courses, kind="outreach", done_on=None).exists(), code
        assert set(Discharge.objects.filter(course__in=courses).values_list("reason", flat=True)) == {
            "completed",
            "no_show",
        }, code
        follow_ups = Deadline.objects.filter(course__in=courses, kind="follow_up")
        assert follow_ups.open().filter(due_on__lt=today).exists(), code  # the 1-month one is overdue
        assert follow_ups.exclude(waived_on=None).exists(), code  # a citizen declined follow-up
        assert Deadline.objects.filter(course__in=courses, kind="treatment_plan").open().exists(), code
        assert courses.exclude(previous_course=None).exists(), code  # a new request after discharge


def test_the_demo_has_reported_every_month_already_due_so_no_report_is_overdue(settings):
    """A demo manager's worklist shows at most the month now falling due, whatever the date."""
    settings.FORLOB_DEMO = True
    load_demo_staff()
    load_demo_reports()
    assert load_demo_reports() == 0  # idempotent
    manager = User.objects.get(username="randers.leder")
    assert not [due for due in reports_due(manager, timezone.localdate()) if due.overdue]
