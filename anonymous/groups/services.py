"""Workflow steps of the anonymous group course (SEL §101a(2), (8)): create a group with its
sessions, enrol, record attendance, leave or move on, the closing talk, close the group.

Each step: keyword-only arguments, one transaction, preconditions (``anonymous.rules.may_move``
and ``rules``), a ``ValidationError`` with a translatable message when refused, an audit event
with field names and choice codes only (``anonymous.audit``), and the changed object returned.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anonymous import rules as anonymous_rules
from anonymous.audit import Action, audit_anonymous
from anonymous.models import AnonymousClient, Attendance, EndReason, Enrolment, Group, GroupSession, State, Talk

from . import rules


@transaction.atomic
def group_create(
    *,
    by,
    centre,
    provider,
    service: str,
    name: str,
    first_session: datetime,
    every_days: int,
    sessions: int,
    minutes: int,
    closing_talk: bool,
    providers=None,
) -> Group:
    """A group and its sessions (``rules.session_times``). ``providers``, when given, are the
    centres the group may be held at (the standard's contracted providers, SEL §101a(2))."""
    if providers is not None and provider not in providers:
        raise ValidationError({"provider": _("Choose one of the providers the municipality has contracted.")})
    if service not in rules.ENROLLABLE_STATES:
        raise ValidationError({"service": _("Groups are for anonymous drug or alcohol treatment.")})
    first_local = timezone.localtime(first_session)
    group = Group(
        centre=centre,
        provider=provider,
        service=service,
        name=name,
        starts_on=first_local.date(),
        planned_sessions=sessions,
        closing_talk=closing_talk,
        created_by=by,
    )
    group.full_clean()
    group.save()
    GroupSession.objects.bulk_create(
        GroupSession(group=group, number=n, starts_at=starts_at, minutes=minutes)
        for n, starts_at in enumerate(rules.session_times(first_local, sessions, every_days), start=1)
    )
    audit_anonymous(
        by=by,
        action=Action.CREATE,
        obj=group,
        centre_id=centre.pk,
        fields=["provider", "service", "name", "starts_on", "planned_sessions", "closing_talk", "sessions"],
        service=service,
    )
    return group


def _refusal_message(code: str) -> str:
    return {
        rules.GROUP_CLOSED: _("The group is closed."),
        rules.OTHER_SERVICE: _("The client belongs to another service than the group."),
        rules.NOT_ENROLLABLE_STATE: _(
            "Only a client found in the target group (or already in treatment) can join a group; "
            "the clarifying conversation's decision comes first."
        ),
        rules.ALREADY_MEMBER: _("The client has already been in this group."),
        rules.HAS_OPEN_PLACE: _("The client already has a place in a group. Let them leave that group first."),
    }[code]


def _enrol(*, by, group: Group, client: AnonymousClient, on: date, allow_open_place_in=None) -> Enrolment:
    if client.centre_id != group.centre_id:
        raise ValidationError({"client": _("The client belongs to another centre.")})
    open_places = Enrolment.objects.filter(client=client, left_on__isnull=True)
    if allow_open_place_in is not None:
        open_places = open_places.exclude(pk=allow_open_place_in.pk)
    refusal = rules.enrol_refusal(
        client_service=client.service,
        client_state=client.state,
        group_service=group.service,
        group_closed=group.closed_on is not None,
        has_open_place=open_places.exists(),
        was_member=Enrolment.objects.filter(client=client, group=group).exists(),
    )
    if refusal:
        raise ValidationError({"client": _refusal_message(refusal)})
    if on > timezone.localdate():
        raise ValidationError({"joined_on": _("The date cannot be in the future.")})
    if on < client.first_contact_on:
        raise ValidationError({"joined_on": _("The date cannot be before the first contact.")})
    enrolment = Enrolment.objects.create(client=client, group=group, joined_on=on)
    changed = []
    if rules.enrolment_moves_state(client.service, client.state):
        client.state = State.IN_TREATMENT
        changed.append("state")
    if client.started_on is None:
        client.started_on = on
        changed.append("started_on")
    if changed:
        client.save(update_fields=changed)
    audit_anonymous(
        by=by, action=Action.CREATE, obj=enrolment, centre_id=group.centre_id, fields=["joined_on"], state=client.state
    )
    if changed:
        audit_anonymous(
            by=by, action=Action.UPDATE, obj=client, centre_id=client.centre_id, fields=changed, state=client.state
        )
    return enrolment


@transaction.atomic
def enrol(*, by, group: Group, client: AnonymousClient, joined_on: date | None = None) -> Enrolment:
    """The client takes a place in the group (rolling intake: also a running group). A drug-treatment
    client must be eligible (SEL §101a(4)) or in treatment; the first place starts the treatment."""
    client = AnonymousClient.objects.select_for_update().get(pk=client.pk)
    group = Group.objects.get(pk=group.pk)
    return _enrol(by=by, group=group, client=client, on=joined_on or timezone.localdate())


@transaction.atomic
def enrolment_leave(
    *, by, enrolment: Enrolment, left_on: date | None = None, next_group: Group | None = None
) -> Enrolment:
    """The client leaves the group; with ``next_group`` they go on there at once (rolling intake).
    The course itself goes on: it is completed by the closing talk or ended early on the client's page."""
    enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("client", "group").get(pk=enrolment.pk)
    client = AnonymousClient.objects.select_for_update().get(pk=enrolment.client_id)
    on = left_on or timezone.localdate()
    if enrolment.left_on is not None:
        raise ValidationError(_("The client has already left this group."))
    if on < enrolment.joined_on:
        raise ValidationError({"left_on": _("The date cannot be before the client joined the group.")})
    if on > timezone.localdate():
        raise ValidationError({"left_on": _("The date cannot be in the future.")})
    if next_group is not None and next_group.pk == enrolment.group_id:
        raise ValidationError({"next_group": _("Choose another group than the one the client leaves.")})
    enrolment.left_on = on
    enrolment.save(update_fields=["left_on"])
    audit_anonymous(by=by, action=Action.UPDATE, obj=enrolment, centre_id=enrolment.group.centre_id, fields=["left_on"])
    if next_group is not None:
        try:
            _enrol(by=by, group=next_group, client=client, on=on)
        except ValidationError as refused:
            if hasattr(refused, "error_dict"):
                raise ValidationError({"next_group": refused.messages}) from refused
            raise
    return enrolment


def members_on(session: GroupSession) -> list[Enrolment]:
    """The places whose client belongs at the session (``rules.in_session_on``)."""
    day = timezone.localtime(session.starts_at).date()
    return list(
        Enrolment.objects.filter(group_id=session.group_id, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .select_related("client")
        .order_by("client__reference_code")
    )


@transaction.atomic
def attendance_record(*, by, session: GroupSession, statuses: dict[int, str], cancelled: bool = False) -> GroupSession:
    """The session's attendance at once (client id -> attended/absent/excused), or the session
    cancelled (its attendance is then removed and not asked)."""
    session = GroupSession.objects.select_for_update(of=("self",)).select_related("group").get(pk=session.pk)
    now = timezone.now()
    if cancelled:
        if session.group.closed_on is not None:
            raise ValidationError(_("The group is closed."))
        session.cancelled = True
        session.save(update_fields=["cancelled"])
        Attendance.objects.filter(session=session).delete()
        audit_anonymous(
            by=by, action=Action.UPDATE, obj=session, centre_id=session.group.centre_id, fields=["cancelled"]
        )
        return session
    if not rules.may_record_attendance(session.starts_at, now, session.cancelled):
        raise ValidationError(_("Attendance can be recorded once the session has begun, and not for a cancelled one."))
    members = {enrolment.client_id for enrolment in members_on(session)}
    valid = set(Attendance.Status.values)
    if set(statuses) - members or any(status not in valid for status in statuses.values()):
        raise ValidationError(_("The attendance names someone who is not in the group on that day."))
    existing = {row.client_id: row for row in Attendance.objects.filter(session=session)}
    counts = {status: 0 for status in valid}
    for client_id, status in statuses.items():
        counts[status] += 1
        row = existing.get(client_id)
        if row is None:
            Attendance.objects.create(session=session, client_id=client_id, status=status, recorded_by=by)
        elif row.status != status:
            row.status, row.recorded_by, row.recorded_at = status, by, now
            row.save(update_fields=["status", "recorded_by", "recorded_at"])
    audit_anonymous(
        by=by,
        action=Action.UPDATE,
        obj=session,
        centre_id=session.group.centre_id,
        fields=["attendance"],
        **{status: str(count) for status, count in sorted(counts.items())},
    )
    return session


def progress_for(client_ids, *, now: datetime | None = None) -> dict[int, tuple[rules.Progress, bool]]:
    """Per client: their course (``rules.progress``: sessions offered since joining across their
    places, attended, the first group's planned number) and whether their last group has closed.
    Three queries, whatever the number of clients."""
    now = now or timezone.now()
    ids = list(client_ids)
    enrolments: dict[int, list[Enrolment]] = {pk: [] for pk in ids}
    for enrolment in Enrolment.objects.filter(client_id__in=ids).select_related("group").order_by("joined_on", "id"):
        enrolments[enrolment.client_id].append(enrolment)
    group_ids = {e.group_id for places in enrolments.values() for e in places}
    days: dict[int, list[date]] = {pk: [] for pk in group_ids}
    for group_id, starts_at in GroupSession.objects.filter(
        group_id__in=group_ids, cancelled=False, starts_at__lte=now
    ).values_list("group_id", "starts_at"):
        days[group_id].append(timezone.localtime(starts_at).date())
    attended = dict(
        Attendance.objects.filter(client_id__in=ids, status=Attendance.Status.ATTENDED, session__cancelled=False)
        .values("client_id")
        .annotate(n=Count("id"))
        .values_list("client_id", "n")
    )
    result = {}
    for pk in ids:
        places = enrolments[pk]
        if not places:
            result[pk] = (rules.progress(offered=0, attended=0, planned=0), False)
            continue
        offered = sum(1 for e in places for day in days[e.group_id] if rules.in_session_on(e.joined_on, e.left_on, day))
        course = rules.progress(offered=offered, attended=attended.get(pk, 0), planned=places[0].group.planned_sessions)
        result[pk] = (course, places[-1].group.closed_on is not None)
    return result


def client_progress(client: AnonymousClient, *, now: datetime | None = None) -> tuple[rules.Progress, bool]:
    """The client's course and whether their last group has closed (``progress_for``)."""
    return progress_for([client.pk], now=now)[client.pk]


@transaction.atomic
def closing_talk_record(*, by, client: AnonymousClient, held: bool, held_on: date, note: str = "") -> AnonymousClient:
    """Complete the course (SEL §101a(8)): with the individual closing talk when ``held``, without
    it when the person declined the offer ("mulighed for"). The client's open place is left."""
    client = AnonymousClient.objects.select_for_update().get(pk=client.pk)
    if not anonymous_rules.may_move(client.service, client.state, State.COMPLETED):
        raise ValidationError(_("Only a client in treatment can complete the course."))
    course, last_closed = client_progress(client)
    if not rules.ready_for_closing_talk(
        state=client.state, course=course, last_group_closed=last_closed, service=client.service
    ):
        raise ValidationError(
            _(
                "The course has not reached its planned sessions and the client's group is still running. "
                "Move the client on to the next group, or end the course early on the client's page."
            )
        )
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    if client.started_on and held_on < client.started_on:
        raise ValidationError({"held_on": _("The date cannot be before the treatment started.")})
    if held:
        talk = Talk(client=client, kind=Talk.Kind.CLOSING, held_on=held_on, by=by, note=note)
        talk.full_clean()
        talk.save()
        audit_anonymous(
            by=by,
            action=Action.CREATE,
            obj=talk,
            centre_id=client.centre_id,
            fields=["held_on", "note"] if note else ["held_on"],
            kind=Talk.Kind.CLOSING,
        )
    for enrolment in Enrolment.objects.select_related("group").filter(client=client, left_on__isnull=True):
        enrolment.left_on = max(held_on, enrolment.joined_on)
        enrolment.save(update_fields=["left_on"])
        audit_anonymous(
            by=by, action=Action.UPDATE, obj=enrolment, centre_id=enrolment.group.centre_id, fields=["left_on"]
        )
    client.state = State.COMPLETED
    client.ended_on = held_on
    client.end_reason = EndReason.COMPLETED
    client.save(update_fields=["state", "ended_on", "end_reason"])
    audit_anonymous(
        by=by,
        action=Action.UPDATE,
        obj=client,
        centre_id=client.centre_id,
        fields=["state", "ended_on", "end_reason"],
        state=State.COMPLETED,
        closing_talk="held" if held else "declined",
    )
    return client


@transaction.atomic
def group_close(*, by, group: Group, closed_on: date | None = None) -> Group:
    """Close the group after its last session. Members still in it keep their place until they
    have had the closing talk or moved on to the next group (the group page lists them)."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    last = GroupSession.objects.filter(group=group, cancelled=False).order_by("-starts_at").first()
    if not rules.may_close_group(last.starts_at if last else None, timezone.now(), group.closed_on is not None):
        raise ValidationError(_("A group can be closed once its last session has begun."))
    group.closed_on = closed_on or timezone.localdate()
    group.save(update_fields=["closed_on"])
    audit_anonymous(by=by, action=Action.UPDATE, obj=group, centre_id=group.centre_id, fields=["closed_on"])
    return group


def open_members_count(group: Group) -> int:
    return group.enrolments.filter(left_on__isnull=True).count()


def group_rows_annotations(now: datetime) -> dict:
    """Per group: sessions held (begun, not cancelled), sessions planned (not cancelled), members
    with an open place — for a bounded list query."""
    return {
        "held_count": Count(
            "sessions", filter=Q(sessions__cancelled=False, sessions__starts_at__lte=now), distinct=True
        ),
        "planned_count": Count("sessions", filter=Q(sessions__cancelled=False), distinct=True),
        "member_count": Count("enrolments", filter=Q(enrolments__left_on__isnull=True), distinct=True),
    }
