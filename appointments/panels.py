"""This stage's part of the course page (``courses.views.COURSE_PANELS``): the next and the last
appointments, counts of attended and no-shows, the no-show streak and the consent to reminders.
Four queries whatever the course's history."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CourseState
from organisations.access import has_role
from organisations.models import CASEWORK_ROLES

from . import rules
from .models import Attendance
from .selectors import with_no_show_streak

SHOWN = 5
BEFORE_A_GRANT = (CourseState.ADVICE, CourseState.REQUESTED, CourseState.ASSESSED)


def _decision_outcome(course) -> str | None:
    decision = getattr(course, "decision", None) if course.state == CourseState.DECIDED else None
    return decision.outcome if decision else None


def course_panel(course, user) -> dict | None:
    """None before a grant (nothing can be booked yet); else the panel and its steps."""
    if course.state in BEFORE_A_GRANT:
        return None
    if course.state == CourseState.DECIDED and not rules.booking_allowed(course.state, _decision_outcome(course)):
        return None
    now = timezone.now()
    appointments = course.appointments.select_related("worker")
    upcoming = list(appointments.filter(starts_at__gte=now).order_by("starts_at", "pk")[:SHOWN])
    recent = list(appointments.filter(starts_at__lt=now).order_by("-starts_at", "-pk")[:SHOWN])
    counts = (
        with_no_show_streak(type(course).objects.filter(pk=course.pk))
        .annotate(
            attended=Count("appointments", filter=Q(appointments__attendance=Attendance.ATTENDED)),
            no_shows=Count("appointments", filter=Q(appointments__attendance=Attendance.NO_SHOW)),
        )
        .values("attended", "no_shows", "no_show_streak")
        .get()
    )
    if course.state == CourseState.CLOSED and not upcoming and not recent:
        return None
    consent = course.reminder_consents.filter(withdrawn_on__isnull=True).first()
    steps = []
    if course.state != CourseState.CLOSED and has_role(user, CASEWORK_ROLES, centre_id=course.centre_id):
        steps = [
            (reverse("appointments:book", args=[course.pk]), _("Book an appointment")),
            (
                reverse("appointments:consent", args=[course.pk]),
                _("Withdraw the consent to reminders") if consent else _("Record reminder consent"),
            ),
        ]
    return {
        "template": "appointments/includes/course_panel.html",
        "steps": steps,
        "groups": [
            {"caption": _("Upcoming appointments"), "rows": upcoming},
            {"caption": _("Recent appointments"), "rows": recent},
        ],
        "any": bool(upcoming or recent),
        "attended": counts["attended"],
        "no_shows": counts["no_shows"],
        "streak": counts["no_show_streak"],
        "consent": consent,
    }
