"""Where a citizen's timeline comes from: one registry of sources (``SOURCES``), each a ``Source``:
one kind of event from one model, read by its own date column.

A source reads the citizen's rows in ONE query, sorted by the event's date column (then id), at
most ``limit`` of them, beyond a cursor (``Position``: the place in the merged timeline of the last
event a page showed) when one is given. The page merges the sources in Python
(``selectors.timeline_page``): each source sorted by the same key as the merge, ``size + 1`` rows
from each always hold the page's events. So a page costs one query per source chosen, whatever
the number of events or how deep the page, and one more query counts them all.

A model with two dates (a task created and done) is two sources, each sorted by its own date, so
that an old task done today is not missed. Only what has happened is shown: an appointment is on
the timeline once it has begun. Each source's (citizen's course, date) has an index (see the
models' ``Meta.indexes``) so its query is one short range scan.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import models
from django.db.models import Count, Q, QuerySet, Window
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

    @property
    def instant(self) -> datetime:
        """The moment the event sorts at: its time, or for a date alone the start of the day (Danish time)."""
        return self.when if isinstance(self.when, datetime) else day_start(self.when)

    def sort_key(self, rank: int) -> tuple:
        """Newest first is this key, descending: the moment (a date alone sorts as the day's start),
        then the later stage of the pathway (``rank``: the source's place in ``SOURCES``), then the
        later row. Each source's own order (date column, then id) agrees with it."""
        return (self.instant, rank, self.row)


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Position:
    """A place in the merged timeline: the sort key of one event (``Event.sort_key``), no personal data."""

    instant: datetime
    rank: int
    row: int

    def beyond(self, column: str, *, timed: bool, rank: int, older: bool) -> Q:
        """The rows of the source of ``rank`` (its date ``column``, a datetime when ``timed``) that
        sort beyond this place: older (before it, newest first) or newer."""
        after = "lt" if older else "gt"
        if timed:
            clear, tie = Q(**{f"{column}__{after}": self.instant}), Q(**{column: self.instant})
        else:
            day = timezone.localdate(self.instant)
            if self.instant > day_start(day):  # a timed event: that day's dates sort before it
                clear, tie = Q(**{f"{column}__{'lte' if older else 'gt'}": day}), Q(pk__in=[])
            else:
                clear, tie = Q(**{f"{column}__{after}": day}), Q(**{column: day})
        if rank == self.rank:
            return clear | (tie & Q(**{f"pk__{after}": self.row}))
        return clear | tie if (rank < self.rank) == older else clear


class Events(list):
    """A source's events (at most ``limit``) and ``total``: how many the source holds in all."""

    total: int = 0


def _who(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _short(text: str, words: int = 30) -> str:
    return Truncator(text or "").words(words)


@dataclass(frozen=True)
class Source:
    """One kind of event: the citizen's rows (``rows(citizen_id)``), their date column, and how a row
    is shown (``make``); ``fetch`` gives a page of its events in one query."""

    date_field: str
    rows: Callable[[int], QuerySet]
    make: Callable[[object], Event]

    def dated(self, citizen_id: int) -> QuerySet:
        """The citizen's rows that have the date (the count of the timeline is over these)."""
        return self.rows(citizen_id).filter(**{f"{self.date_field}__isnull": False})

    @property
    def timed(self) -> bool:
        return isinstance(self.rows(0).model._meta.get_field(self.date_field), models.DateTimeField)

    def page_rows(
        self, citizen_id: int, limit: int, *, rank: int, beyond: Position | None = None, older=True
    ) -> tuple[list, int]:
        """One query: at most ``limit`` rows beyond ``beyond`` (all when None), nearest first, and the
        source's count: from the top (no ``beyond``) a window over the same rows, beyond a cursor -1
        (not counted). Rows, not events: the page shows only some of them (``sort_key`` orders them)."""
        rows = self.dated(citizen_id)
        if beyond is not None:
            rows = rows.filter(beyond.beyond(self.date_field, timed=self.timed, rank=rank, older=older))
        else:
            rows = rows.annotate(timeline_total=Window(Count("pk")))
        order = (f"-{self.date_field}", "-pk") if older else (self.date_field, "pk")
        found = list(rows.order_by(*order)[:limit])
        return found, (-1 if beyond is not None else found[0].timeline_total if found else 0)

    def sort_key(self, row, rank: int) -> tuple:
        """The row's ``Event.sort_key`` without making the event (its date column is the event's date)."""
        when = getattr(row, self.date_field)
        return (when if isinstance(when, datetime) else day_start(when), rank, row.pk)

    def fetch(self, citizen_id: int, limit: int, *, rank: int, beyond: Position | None = None, older=True) -> Events:
        """``page_rows`` as events, with ``total``."""
        rows, total = self.page_rows(citizen_id, limit, rank=rank, beyond=beyond, older=older)
        events = Events(self.make(row) for row in rows)
        events.total = total
        return events


def _course_url(row) -> str:
    return reverse("courses:detail", args=[row.course_id])


# --- the sources ---------------------------------------


# A course opened at the first contact.
course_contacts = Source(
    "first_contact_on",
    lambda c: Course.objects.filter(citizen_id=c),
    lambda c: Event(
        c.first_contact_on,
        Kind.CONTACT,
        _("First contact: %(kind)s") % {"kind": c.get_kind_display()},
        url=reverse("courses:detail", args=[c.pk]),
        row=c.pk,
    ),
)


# A course closed, with the reason.
course_closings = Source(
    "closed_on",
    lambda c: Course.objects.filter(citizen_id=c),
    lambda c: Event(
        c.closed_on,
        Kind.CONTACT,
        _("Course closed: %(kind)s") % {"kind": c.get_kind_display()},
        detail=c.get_closed_kind_display() if c.closed_kind else "",
        url=reverse("courses:detail", args=[c.pk]),
        row=c.pk,
    ),
)


advice_talks = Source(
    "held_on",
    lambda c: AdviceTalk.objects.filter(course__citizen_id=c).select_related("recorded_by"),
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


treatment_requests = Source(
    "expressed_on",
    lambda c: TreatmentRequest.objects.filter(course__citizen_id=c).select_related("recorded_by"),
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


guarantee_waivers = Source(
    "waived_on",
    lambda c: GuaranteeWaiver.objects.filter(course__citizen_id=c).select_related("recorded_by"),
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


assessments_started = Source(
    "started_on",
    lambda c: Assessment.objects.filter(course__citizen_id=c).select_related("recorded_by"),
    lambda a: Event(
        a.started_on,
        Kind.ASSESSMENT,
        _("Assessment started"),
        url=reverse("assessments:edit", args=[a.course_id]),
        row=a.pk,
    ),
)


assessments_completed = Source(
    "completed_on",
    lambda c: Assessment.objects.filter(course__citizen_id=c).select_related("recorded_by"),
    lambda a: Event(
        a.completed_on,
        Kind.ASSESSMENT,
        _("Assessment completed"),
        url=reverse("assessments:edit", args=[a.course_id]),
        actor=_who(a.recorded_by),
        row=a.pk,
    ),
)


decisions_issued = Source(
    "decided_on",
    lambda c: Decision.objects.filter(course__citizen_id=c).select_related("decided_by"),
    lambda d: Event(
        d.decided_on,
        Kind.DECISION,
        _("Decision issued: %(outcome)s") % {"outcome": d.get_outcome_display()},
        url=reverse("decisions:detail", args=[d.course_id]),
        actor=_who(d.decided_by),
        row=d.pk,
    ),
)


decisions_reissued = Source(
    "reissued_on",
    lambda c: Decision.objects.filter(course__citizen_id=c),
    lambda d: Event(
        d.reissued_on,
        Kind.DECISION,
        _("New decision issued after a complaint: %(outcome)s") % {"outcome": d.get_outcome_display()},
        url=reverse("decisions:detail", args=[d.course_id]),
        row=d.pk,
    ),
)


letters_sent = Source(
    "sent_on",
    lambda c: LetterDispatch.objects.filter(decision__course__citizen_id=c).select_related("decision", "sent_by"),
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


complaints = Source(
    "received_on",
    lambda c: Complaint.objects.filter(decision__course__citizen_id=c).select_related("decision", "recorded_by"),
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


tasks_created = Source(
    "created_on",
    lambda c: Task.objects.filter(course__citizen_id=c),
    lambda t: Event(
        t.created_on,
        Kind.TASK,
        _("Task: %(task)s") % {"task": t.get_kind_display()},
        url=reverse("assessments:tasks", args=[t.course_id]),
        row=t.pk,
    ),
)


tasks_done = Source(
    "done_on",
    lambda c: Task.objects.filter(course__citizen_id=c).select_related("done_by"),
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


# Journal notes by the date of the event (index ``journalnote_citizen_event_idx``).
journal_notes = Source(
    "event_on",
    lambda c: with_current_text(JournalNote.objects.filter(citizen_id=c).select_related("author")),
    _note_event,
)


plan_versions = Source(
    "made_on",
    lambda c: PlanVersion.objects.filter(course__citizen_id=c).select_related("made_by"),
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


# Appointments that have begun (a planned one is not yet something that happened).
appointments = Source(
    "starts_at",
    lambda c: Appointment.objects.filter(course__citizen_id=c, starts_at__lte=timezone.now()).select_related("worker"),
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


treatment_starts = Source(
    "treatment_started_on",
    lambda c: Course.objects.filter(citizen_id=c),
    lambda c: Event(
        c.treatment_started_on,
        Kind.TREATMENT,
        _("Treatment started: %(kind)s") % {"kind": c.get_kind_display()},
        url=reverse("courses:detail", args=[c.pk]),
        row=c.pk,
    ),
)


gift_cards = Source(
    "issued_on",
    lambda c: GiftCard.objects.filter(course__citizen_id=c).select_related("issued_by"),
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


lapses = Source(
    "occurred_on",
    lambda c: Lapse.objects.filter(course__citizen_id=c).select_related("recorded_by"),
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


residential_stays = Source(
    "starts_on",
    lambda c: ResidentialStay.objects.filter(course__citizen_id=c).select_related("provider", "created_by"),
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


discharges = Source(
    "discharged_on",
    lambda c: Discharge.objects.filter(course__citizen_id=c).select_related("recorded_by"),
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


follow_ups = Source(
    "held_on",
    lambda c: FollowUp.objects.filter(course__citizen_id=c).select_related("recorded_by"),
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
SOURCES: tuple[tuple[str, Source], ...] = (
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
