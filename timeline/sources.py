"""Where a citizen's timeline comes from: one registry of sources, each a function
``(citizen_id, limit) -> Events``.

A source reads one kind of event from one model in ONE query: the citizen's rows, sorted newest
first by the event's own date column (then id), at most ``limit`` of them, and, in the same query,
how many there are in all (a window ``COUNT(*) OVER ()``, evaluated before the LIMIT). The page
merges the sources in Python and slices one page out (``selectors.timeline_page``): with offset
paging it asks each source for ``page * size + 1`` rows, which always holds the page's events,
since each source is sorted by the same key the merge uses. So a page costs one query per source
chosen, whatever the number of events.

A model with two dates (a task created and done) is two sources, each sorted by its own date, so
that an old task done today is not missed. Only what has happened is shown: an appointment is on
the timeline once it has begun.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import models
from django.db.models import Count, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from appointments.models import Appointment
from assessments.models import Assessment, Task
from courses.models import AdviceTalk, Course, GuaranteeWaiver, TreatmentRequest
from decisions.models import Complaint, Decision, LetterDispatch
from discharges.models import Discharge
from followups.models import FollowUp
from journal.models import JournalNote
from journal.selectors import with_current_text
from plans.models import PlanVersion
from treatment.models import GiftCard, Lapse, ResidentialStay


class Kind(models.TextChoices):
    """The kinds a timeline can be filtered by, in the order of the pathway."""

    CONTACT = "contact", gettext_lazy("Contacts and courses")
    ADVICE = "advice", gettext_lazy("Advice talks")
    REQUEST = "request", gettext_lazy("Treatment requests")
    ASSESSMENT = "assessment", gettext_lazy("Assessments")
    DECISION = "decision", gettext_lazy("Decisions")
    LETTER = "letter", gettext_lazy("Letters sent")
    COMPLAINT = "complaint", gettext_lazy("Complaints")
    TASK = "task", gettext_lazy("Tasks")
    NOTE = "note", gettext_lazy("Journal notes")
    PLAN = "plan", gettext_lazy("Treatment plans")
    APPOINTMENT = "appointment", gettext_lazy("Appointments")
    TREATMENT = "treatment", pgettext_lazy("timeline kind", "Treatment")
    DISCHARGE = "discharge", gettext_lazy("Discharges")
    FOLLOW_UP = "follow_up", gettext_lazy("Follow-ups")


@dataclass(frozen=True)
class Event:
    """One line of the timeline. ``when`` is a date, or a datetime where the time is known;
    ``written_on`` is set on a journal note written late (shown next to the event date)."""

    when: date | datetime
    kind: str
    title: str
    detail: str = ""
    url: str = ""
    actor: str = ""
    written_on: date | None = None
    row: int = field(default=0, compare=False)  # the row's id: the last tie-breaker

    @property
    def day(self) -> date:
        return timezone.localdate(self.when) if isinstance(self.when, datetime) else self.when

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime)

    def sort_key(self, rank: int) -> tuple:
        """Newest first is this key, descending: the day, the time (a date alone sorts as the day's
        start), then the later stage of the pathway (``rank``: the source's place in ``SOURCES``),
        then the later row. Each source's own order (date column, then id) agrees with it."""
        moment = timezone.localtime(self.when).time() if isinstance(self.when, datetime) else time.min
        return (self.day, moment, rank, self.row)


class Events(list):
    """A source's events (at most ``limit``) and ``total``: how many the source holds in all."""

    total: int = 0


def _who(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _short(text: str, words: int = 30) -> str:
    return Truncator(text or "").words(words)


def _fetch(queryset, date_field: str, limit: int, make: Callable[[object], Event]) -> Events:
    """One query: the newest ``limit`` rows by ``date_field`` (then id), each with the total count."""
    rows = list(
        queryset.filter(**{f"{date_field}__isnull": False})
        .annotate(timeline_total=Window(Count("pk")))
        .order_by(f"-{date_field}", "-pk")[:limit]
    )
    events = Events(make(row) for row in rows)
    events.total = rows[0].timeline_total if rows else 0
    return events


def _course_url(row) -> str:
    return reverse("courses:detail", args=[row.course_id])


# --- the sources, each (citizen_id, limit) -> Events ---------------------------------------


def course_contacts(citizen_id: int, limit: int) -> Events:
    """A course opened at the first contact."""
    return _fetch(
        Course.objects.filter(citizen_id=citizen_id),
        "first_contact_on",
        limit,
        lambda c: Event(
            c.first_contact_on,
            Kind.CONTACT,
            _("First contact: %(kind)s") % {"kind": c.get_kind_display()},
            url=reverse("courses:detail", args=[c.pk]),
            row=c.pk,
        ),
    )


def course_closings(citizen_id: int, limit: int) -> Events:
    """A course closed, with the reason."""
    return _fetch(
        Course.objects.filter(citizen_id=citizen_id),
        "closed_on",
        limit,
        lambda c: Event(
            c.closed_on,
            Kind.CONTACT,
            _("Course closed: %(kind)s") % {"kind": c.get_kind_display()},
            detail=c.get_closed_kind_display() if c.closed_kind else "",
            url=reverse("courses:detail", args=[c.pk]),
            row=c.pk,
        ),
    )


def advice_talks(citizen_id: int, limit: int) -> Events:
    return _fetch(
        AdviceTalk.objects.filter(course__citizen_id=citizen_id).select_related("recorded_by"),
        "held_on",
        limit,
        lambda t: Event(
            t.held_on,
            Kind.ADVICE,
            _("Advice talk"),
            detail=t.get_outcome_display(),
            url=_course_url(t),
            actor=_who(t.recorded_by),
            row=t.pk,
        ),
    )


def treatment_requests(citizen_id: int, limit: int) -> Events:
    return _fetch(
        TreatmentRequest.objects.filter(course__citizen_id=citizen_id).select_related("recorded_by"),
        "expressed_on",
        limit,
        lambda r: Event(
            r.expressed_on,
            Kind.REQUEST,
            _("Treatment requested"),
            detail=r.get_channel_display(),
            url=_course_url(r),
            actor=_who(r.recorded_by),
            row=r.pk,
        ),
    )


def guarantee_waivers(citizen_id: int, limit: int) -> Events:
    return _fetch(
        GuaranteeWaiver.objects.filter(course__citizen_id=citizen_id).select_related("recorded_by"),
        "waived_on",
        limit,
        lambda w: Event(
            w.waived_on,
            Kind.REQUEST,
            _("Treatment guarantee set aside"),
            detail=w.get_reason_display(),
            url=_course_url(w),
            actor=_who(w.recorded_by),
            row=w.pk,
        ),
    )


def assessments_started(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Assessment.objects.filter(course__citizen_id=citizen_id).select_related("recorded_by"),
        "started_on",
        limit,
        lambda a: Event(
            a.started_on,
            Kind.ASSESSMENT,
            _("Assessment started"),
            url=reverse("assessments:edit", args=[a.course_id]),
            row=a.pk,
        ),
    )


def assessments_completed(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Assessment.objects.filter(course__citizen_id=citizen_id).select_related("recorded_by"),
        "completed_on",
        limit,
        lambda a: Event(
            a.completed_on,
            Kind.ASSESSMENT,
            _("Assessment completed"),
            url=reverse("assessments:edit", args=[a.course_id]),
            actor=_who(a.recorded_by),
            row=a.pk,
        ),
    )


def decisions_issued(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Decision.objects.filter(course__citizen_id=citizen_id).select_related("decided_by"),
        "decided_on",
        limit,
        lambda d: Event(
            d.decided_on,
            Kind.DECISION,
            _("Decision issued: %(outcome)s") % {"outcome": d.get_outcome_display()},
            url=reverse("decisions:detail", args=[d.course_id]),
            actor=_who(d.decided_by),
            row=d.pk,
        ),
    )


def decisions_reissued(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Decision.objects.filter(course__citizen_id=citizen_id),
        "reissued_on",
        limit,
        lambda d: Event(
            d.reissued_on,
            Kind.DECISION,
            _("New decision issued after a complaint: %(outcome)s") % {"outcome": d.get_outcome_display()},
            url=reverse("decisions:detail", args=[d.course_id]),
            row=d.pk,
        ),
    )


def letters_sent(citizen_id: int, limit: int) -> Events:
    return _fetch(
        LetterDispatch.objects.filter(decision__course__citizen_id=citizen_id).select_related("decision", "sent_by"),
        "sent_on",
        limit,
        lambda s: Event(
            s.sent_on,
            Kind.LETTER,
            _("Letter sent: %(letter)s") % {"letter": s.letter_name},
            detail=s.get_channel_display(),
            url=reverse("decisions:detail", args=[s.decision.course_id]),
            actor=_who(s.sent_by),
            row=s.pk,
        ),
    )


def complaints(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Complaint.objects.filter(decision__course__citizen_id=citizen_id).select_related("decision", "recorded_by"),
        "received_on",
        limit,
        lambda c: Event(
            c.received_on,
            Kind.COMPLAINT,
            _("Complaint received"),
            detail=c.get_form_display(),
            url=reverse("decisions:detail", args=[c.decision.course_id]),
            actor=_who(c.recorded_by),
            row=c.pk,
        ),
    )


def tasks_created(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Task.objects.filter(course__citizen_id=citizen_id),
        "created_on",
        limit,
        lambda t: Event(
            t.created_on,
            Kind.TASK,
            _("Task: %(task)s") % {"task": t.get_kind_display()},
            url=reverse("assessments:tasks", args=[t.course_id]),
            row=t.pk,
        ),
    )


def tasks_done(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Task.objects.filter(course__citizen_id=citizen_id).select_related("done_by"),
        "done_on",
        limit,
        lambda t: Event(
            t.done_on,
            Kind.TASK,
            _("Task done: %(task)s") % {"task": t.get_kind_display()},
            url=reverse("assessments:tasks", args=[t.course_id]),
            actor=_who(t.done_by),
            row=t.pk,
        ),
    )


def _note_event(n) -> Event:
    title = _("Journal note: %(kind)s") % {"kind": n.get_kind_display()}
    if n.current_number and n.current_number > 1:
        title += " " + _("(corrected)")
    return Event(
        n.event_on,
        Kind.NOTE,
        title,
        detail=_short(n.current_text),
        url=reverse("journal:history", args=[n.pk]),
        actor=_who(n.author),
        written_on=n.written_on if n.is_late else None,
        row=n.pk,
    )


def journal_notes(citizen_id: int, limit: int) -> Events:
    """Journal notes by the date of the event (index ``journalnote_citizen_event_idx``)."""
    return _fetch(
        with_current_text(JournalNote.objects.filter(citizen_id=citizen_id).select_related("author")),
        "event_on",
        limit,
        _note_event,
    )


def plan_versions(citizen_id: int, limit: int) -> Events:
    return _fetch(
        PlanVersion.objects.filter(course__citizen_id=citizen_id).select_related("made_by"),
        "made_on",
        limit,
        lambda v: Event(
            v.made_on,
            Kind.PLAN,
            _("Treatment plan, version %(number)s") % {"number": v.number},
            detail=v.get_kind_display(),
            url=reverse("plans:version", args=[v.pk]),
            actor=_who(v.made_by),
            row=v.pk,
        ),
    )


def appointments(citizen_id: int, limit: int) -> Events:
    """Appointments that have begun (a planned one is not yet something that happened)."""
    return _fetch(
        Appointment.objects.filter(course__citizen_id=citizen_id, starts_at__lte=timezone.now()).select_related(
            "worker"
        ),
        "starts_at",
        limit,
        lambda a: Event(
            a.starts_at,
            Kind.APPOINTMENT,
            a.get_kind_display(),
            detail=a.get_attendance_display(),
            url=reverse("appointments:attendance", args=[a.pk]),
            actor=_who(a.worker),
            row=a.pk,
        ),
    )


def treatment_starts(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Course.objects.filter(citizen_id=citizen_id),
        "treatment_started_on",
        limit,
        lambda c: Event(
            c.treatment_started_on,
            Kind.TREATMENT,
            _("Treatment started: %(kind)s") % {"kind": c.get_kind_display()},
            url=reverse("courses:detail", args=[c.pk]),
            row=c.pk,
        ),
    )


def gift_cards(citizen_id: int, limit: int) -> Events:
    return _fetch(
        GiftCard.objects.filter(course__citizen_id=citizen_id).select_related("issued_by"),
        "issued_on",
        limit,
        lambda g: Event(
            g.issued_on,
            Kind.TREATMENT,
            _("Gift card given"),
            detail=_("%(amount)s kroner") % {"amount": g.amount},
            url=_course_url(g),
            actor=_who(g.issued_by),
            row=g.pk,
        ),
    )


def lapses(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Lapse.objects.filter(course__citizen_id=citizen_id).select_related("recorded_by"),
        "occurred_on",
        limit,
        lambda lapse: Event(
            lapse.occurred_on,
            Kind.TREATMENT,
            lapse.get_kind_display(),
            detail=lapse.get_offer_change_display(),
            url=_course_url(lapse),
            actor=_who(lapse.recorded_by),
            row=lapse.pk,
        ),
    )


def residential_stays(citizen_id: int, limit: int) -> Events:
    return _fetch(
        ResidentialStay.objects.filter(course__citizen_id=citizen_id).select_related("provider", "created_by"),
        "starts_on",
        limit,
        lambda s: Event(
            s.starts_on,
            Kind.TREATMENT,
            _("Residential stay began"),
            detail=str(s.provider),
            url=reverse("treatment:stay", args=[s.pk]),
            actor=_who(s.created_by),
            row=s.pk,
        ),
    )


def discharges(citizen_id: int, limit: int) -> Events:
    return _fetch(
        Discharge.objects.filter(course__citizen_id=citizen_id).select_related("recorded_by"),
        "discharged_on",
        limit,
        lambda d: Event(
            d.discharged_on,
            Kind.DISCHARGE,
            _("Discharged"),
            detail=d.get_reason_display(),
            url=reverse("discharges:detail", args=[d.course_id]),
            actor=_who(d.recorded_by),
            row=d.pk,
        ),
    )


def follow_ups(citizen_id: int, limit: int) -> Events:
    return _fetch(
        FollowUp.objects.filter(course__citizen_id=citizen_id).select_related("recorded_by"),
        "held_on",
        limit,
        lambda f: Event(
            f.held_on,
            Kind.FOLLOW_UP,
            _("Follow-up %(months)s months after discharge") % {"months": f.months},
            detail=_("Reached") if f.reached else _("Not reached"),
            url=reverse("followups:course", args=[f.course_id]),
            actor=_who(f.recorded_by),
            row=f.pk,
        ),
    )


# The registry, in pathway order (a later source wins a tie on the same day and time).
SOURCES: tuple[tuple[str, Callable[[int, int], Events]], ...] = (
    (Kind.CONTACT, course_contacts),
    (Kind.ADVICE, advice_talks),
    (Kind.REQUEST, treatment_requests),
    (Kind.REQUEST, guarantee_waivers),
    (Kind.ASSESSMENT, assessments_started),
    (Kind.ASSESSMENT, assessments_completed),
    (Kind.TASK, tasks_created),
    (Kind.DECISION, decisions_issued),
    (Kind.LETTER, letters_sent),
    (Kind.COMPLAINT, complaints),
    (Kind.DECISION, decisions_reissued),
    (Kind.TREATMENT, treatment_starts),
    (Kind.PLAN, plan_versions),
    (Kind.APPOINTMENT, appointments),
    (Kind.TREATMENT, gift_cards),
    (Kind.TREATMENT, lapses),
    (Kind.TREATMENT, residential_stays),
    (Kind.TASK, tasks_done),
    (Kind.DISCHARGE, discharges),
    (Kind.FOLLOW_UP, follow_ups),
    (Kind.CONTACT, course_closings),
    (Kind.NOTE, journal_notes),
)
