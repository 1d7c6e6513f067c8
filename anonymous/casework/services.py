"""The anonymous service's casework steps: record a contact, make the call-back, cancel a request,
the clarifying conversation and its decision (SEL §101a(3)-(4)), advice talks (SEL §10(2)), the
start of anonymous alcohol treatment (SUL §141(7)), an early end, and the client's own facts.

Every step is atomic, takes keyword arguments, checks the state machine (``anonymous.rules``) and
the pure rules (``anonymous.casework.rules``), refuses with a translatable ``ValidationError``
(by field where it belongs to one), and is audited with field names and choice codes only: never
a nickname, a reference code, a phone number, a birth year or a note (``anonymous.audit``).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules as shared
from ..audit import Action, audit_anonymous
from ..models import (
    AnonymousClient,
    ContactBy,
    ContactRequest,
    ConversationSlot,
    EndReason,
    Enrolment,
    Gender,
    Referral,
    Service,
    State,
    Substance,
    Talk,
)
from . import rules

NO_WISH = "none"


def _lock(client: AnonymousClient) -> AnonymousClient:
    """The client's row, locked for the step and read afresh (a second tab may have moved it)."""
    fresh = AnonymousClient.objects.select_for_update().get(pk=client.pk)
    for field in ("state", "decided_on", "started_on", "ended_on", "first_contact_on"):
        setattr(client, field, getattr(fresh, field))
    return client


def _move(client: AnonymousClient, to: str) -> str:
    before = client.state
    if not shared.may_move(client.service, before, to):
        raise ValidationError(_("This step is not possible in the client's present state."))
    client.state = to
    return before


def _check_date(field: str, on: date, client: AnonymousClient, *, not_before: date | None = None) -> None:
    problem = rules.date_problem(
        on, first_contact_on=client.first_contact_on, today=timezone.localdate(), not_before=not_before
    )
    if problem:
        raise ValidationError({field: problem})


def _open_request(client: AnonymousClient) -> ContactRequest | None:
    return (
        ContactRequest.objects.select_for_update(of=("self",))
        .filter(client=client, cancelled_at__isnull=True)
        .select_related("slot")
        .first()
    )


def _mark_handled(client: AnonymousClient, by) -> list[str]:
    """The request is handled by the step just taken: a call-back not yet made counts as made,
    and the phone number, kept for the call-back only, is erased. Returns the fields changed."""
    request = _open_request(client)
    if request is None:
        return []
    changed = []
    if request.way == ContactRequest.Way.CALLBACK and request.callback_done_at is None:
        request.callback_done_at = timezone.now()
        changed.append("callback_done_at")
    if request.handled_by_id is None:
        request.handled_by = by
        changed.append("handled_by")
    if request.phone:
        request.phone = ""
        changed.append("phone")
    if changed:
        request.save(update_fields=changed)
    return changed


def _new_code() -> str:
    for _attempt in range(10):
        code = shared.new_reference_code()
        if not AnonymousClient.objects.filter(reference_code=code).exists():
            return code
    raise RuntimeError("no free reference code")  # 24**8 codes: never in practice


@transaction.atomic
def client_register(
    *,
    centre,
    by,
    service: str,
    contact_by: str = ContactBy.SELF,
    nickname: str = "",
    birth_year: int | None = None,
    gender: str = Gender.NOT_STATED,
    substance: str = Substance.NOT_STATED,
    first_contact_on: date | None = None,
    channel: str = ContactRequest.Channel.PHONE,
    wish: str = NO_WISH,
    slot: ConversationSlot | None = None,
    phone: str = "",
    callback_time: str = ContactRequest.CallbackTime.ANY,
) -> AnonymousClient:
    """Record a contact by phone or in person, without a CPR number and without a citizen.

    A relative or someone else may make the contact (SEL §10(2)); the nickname is then optional.
    For drug or alcohol treatment the person may want one of the free times for the clarifying
    conversation or a call-back (the phone number is for the call-back only); advice starts with
    its first talk (``advice_talk_record``)."""
    today = timezone.localdate()
    first_contact_on = first_contact_on or today
    nickname = (nickname or "").strip()
    errors: dict[str, str] = {}
    if service not in Service.values:
        errors["service"] = _("Choose the service.")
    if contact_by == ContactBy.SELF and not nickname:
        errors["nickname"] = _("Write the nickname the person wants to be called.")
    if first_contact_on > today:
        errors["first_contact_on"] = _("The date cannot be in the future.")
    if birth_year is not None and birth_year > today.year:
        errors["birth_year"] = _("The birth year cannot be in the future.")
    if wish != NO_WISH and service == Service.ADVICE:
        errors["wish"] = _("Advice starts with its first talk; a time or a call-back is for treatment.")
    elif wish == ContactRequest.Way.SLOT:
        if slot is None:
            errors["slot"] = _("Choose one of the free times.")
        else:
            slot = ConversationSlot.objects.select_for_update().get(pk=slot.pk)
            if slot.centre_id != centre.pk or slot.starts_at <= timezone.now():
                errors["slot"] = _("Choose one of the free times.")
            elif ContactRequest.objects.filter(slot=slot).exists():
                errors["slot"] = _("The time has just been taken. Choose another.")
    elif wish == ContactRequest.Way.CALLBACK:
        phone = shared.normalise_phone(phone) or ""
        if not phone:
            errors["phone"] = _("Enter a Danish phone number of eight digits for the call-back.")
    elif wish != NO_WISH:
        errors["wish"] = _("Choose what the person wants.")
    if errors:
        raise ValidationError(errors)
    client = AnonymousClient(
        centre=centre,
        service=service,
        reference_code=_new_code(),
        nickname=nickname,
        birth_year=birth_year,
        gender=gender,
        substance=substance,
        contact_by=contact_by,
        first_contact_on=first_contact_on,
        created_by=by,
    )
    client.full_clean()
    client.save()
    fields = ["service", "contact_by", "first_contact_on", "gender", "substance"]
    fields += [name for name in ("nickname", "birth_year") if getattr(client, name) not in ("", None)]
    codes = {"service": service, "state": client.state, "contact_by": contact_by}
    if wish != NO_WISH:
        request = ContactRequest(
            client=client,
            channel=channel,
            way=wish,
            slot=slot if wish == ContactRequest.Way.SLOT else None,
            phone=phone if wish == ContactRequest.Way.CALLBACK else "",
            callback_time=callback_time if wish == ContactRequest.Way.CALLBACK else "",
        )
        request.full_clean(exclude=["client"])
        request.save()
        fields.append("contact_request")
        codes.update(way=wish, channel=channel)
    audit_anonymous(by=by, action=Action.CREATE, obj=client, centre_id=centre.pk, fields=fields, **codes)
    return client


@transaction.atomic
def client_update(
    *, client: AnonymousClient, by, nickname: str, birth_year: int | None, gender: str, substance: str
) -> AnonymousClient:
    """Correct the client's own facts: nickname, birth year, gender, main substance."""
    _lock(client)
    nickname = (nickname or "").strip()
    if client.contact_by == ContactBy.SELF and not nickname:
        raise ValidationError({"nickname": _("Write the nickname the person wants to be called.")})
    if birth_year is not None and birth_year > timezone.localdate().year:
        raise ValidationError({"birth_year": _("The birth year cannot be in the future.")})
    new = {"nickname": nickname, "birth_year": birth_year, "gender": gender, "substance": substance}
    changed = [name for name, value in new.items() if getattr(client, name) != value]
    if not changed:
        return client
    for name in changed:
        setattr(client, name, new[name])
    client.full_clean()
    client.save(update_fields=changed)
    audit_anonymous(by=by, action=Action.UPDATE, obj=client, centre_id=client.centre_id, fields=changed)
    return client


def _pending_callback(request: ContactRequest) -> ContactRequest:
    request = ContactRequest.objects.select_for_update(of=("self",)).select_related("client").get(pk=request.pk)
    if request.way != ContactRequest.Way.CALLBACK:
        raise ValidationError(_("The person booked a time; there is no call-back to make."))
    if request.cancelled_at is not None:
        raise ValidationError(_("The request is cancelled."))
    if request.callback_done_at is not None:
        raise ValidationError(_("The call-back has already been made."))
    return request


@transaction.atomic
def callback_done(*, request: ContactRequest, by, reached: bool = True) -> ContactRequest:
    """The call-back was made (SEL §101a(3)).

    Reached: the time of the call and who made it are kept, and the phone number is erased at once
    (it was given for the call-back only). Not reached: nothing changes (the number stays for a
    second attempt); the attempt is audited, and the call-back stays on the list."""
    request = _pending_callback(request)
    client = request.client
    if reached:
        request.callback_done_at = timezone.now()
        request.handled_by = by
        request.phone = ""
        request.save(update_fields=["callback_done_at", "handled_by", "phone"])
    audit_anonymous(
        by=by,
        action=Action.UPDATE,
        obj=request,
        centre_id=client.centre_id,
        fields=["callback_done_at", "handled_by", "phone"] if reached else [],
        outcome="reached" if reached else "not_reached",
    )
    return request


@transaction.atomic
def request_cancel(*, request: ContactRequest, by) -> ContactRequest:
    """The service cancels a request: the booked time is free again and the phone number erased.
    The client stays as they are (they may be ended separately, e.g. "could not be reached").
    A cancelled booking keeps ``way`` "slot" and lets go of its time."""
    request = ContactRequest.objects.select_for_update(of=("self",)).select_related("client").get(pk=request.pk)
    if request.cancelled_at is not None:
        raise ValidationError(_("The request is already cancelled."))
    if request.callback_done_at is not None or not request.client.is_open or request.client.decided_on:
        raise ValidationError(_("The request has been handled and can no longer be cancelled."))
    request.cancelled_at = timezone.now()
    request.handled_by = by
    request.phone = ""
    fields = ["cancelled_at", "handled_by", "phone"]
    if request.slot_id is not None:
        request.slot = None
        fields.append("slot")
    request.save(update_fields=fields)
    audit_anonymous(
        by=by, action=Action.UPDATE, obj=request, centre_id=request.client.centre_id, fields=fields, way=request.way
    )
    return request


@transaction.atomic
def conversation_record(
    *,
    client: AnonymousClient,
    by,
    held_on: date,
    eligible: bool,
    not_eligible_reason: str = "",
    referral: str = "",
    referral_note: str = "",
    note: str = "",
) -> AnonymousClient:
    """The clarifying conversation and its decision (SEL §101a(3)-(4)): in the target group or not.

    Not in it: why, and where the person is referred (e.g. §101 treatment with name and CPR number,
    which they then ask for in the ordinary way). The decision is told in the conversation: no
    letter (an anonymous person has no address), no deadline, no complaint guidance (§101a(6))."""
    _lock(client)
    if client.service != Service.DRUG_TREATMENT:
        raise ValidationError(_("The clarifying conversation belongs to anonymous drug treatment."))
    to = State.ELIGIBLE if eligible else State.NOT_ELIGIBLE
    if not shared.may_move(client.service, client.state, to):
        raise ValidationError(_("The clarifying conversation has already been held, or the course has ended."))
    problems = rules.decision_problems(eligible=eligible, not_eligible_reason=not_eligible_reason, referral=referral)
    if problems:
        raise ValidationError({field: str(message) for field, message in problems.items()})
    _check_date("held_on", held_on, client)
    talk = Talk(client=client, kind=Talk.Kind.CLARIFYING, held_on=held_on, by=by, note=note)
    talk.full_clean()
    talk.save()
    before = _move(client, to)
    client.decided_on, client.decided_by = held_on, by
    client.not_eligible_reason = "" if eligible else not_eligible_reason
    client.referral = "" if eligible else referral
    client.referral_note = "" if eligible else referral_note.strip()
    client.full_clean()
    fields = ["state", "decided_on", "decided_by", "not_eligible_reason", "referral", "referral_note"]
    client.save(update_fields=fields)
    request_fields = _mark_handled(client, by)
    talk_fields = ["held_on", "note"] if note else ["held_on"]
    audit_anonymous(
        by=by, action=Action.CREATE, obj=talk, centre_id=client.centre_id, fields=talk_fields, kind=talk.kind
    )
    codes = {"state": f"{before}->{to}"}
    if not eligible:
        codes.update(reason=not_eligible_reason, referral=referral)
    decided = fields if not eligible else ["state", "decided_on", "decided_by"]
    audit_anonymous(
        by=by,
        action=Action.UPDATE,
        obj=client,
        centre_id=client.centre_id,
        fields=decided + [f"contact_request.{name}" for name in request_fields],
        **codes,
    )
    return client


@transaction.atomic
def advice_talk_record(
    *, client: AnonymousClient, by, held_on: date, with_relative: bool = False, note: str = ""
) -> Talk:
    """An anonymous advice talk (SEL §10(2)), perhaps with a relative. The first talk starts the
    advice (requested -> advice); the talks are counted, never capped. For a client in anonymous
    alcohol treatment (SUL §141(7)) the same step records an individual treatment talk."""
    _lock(client)
    if client.service == Service.ALCOHOL and client.state == State.IN_TREATMENT:
        kind = Talk.Kind.INDIVIDUAL  # an individual talk in anonymous alcohol treatment (SUL §141(7))
        _check_date("held_on", held_on, client, not_before=client.started_on)
    elif client.service != Service.ADVICE:
        raise ValidationError(_("Advice talks belong to anonymous advice."))
    elif client.state not in (State.REQUESTED, State.ADVICE):
        raise ValidationError(_("The advice has ended."))
    else:
        kind = Talk.Kind.ADVICE
        _check_date("held_on", held_on, client)
    talk = Talk(client=client, kind=kind, held_on=held_on, by=by, with_relative=with_relative, note=note)
    talk.full_clean()
    talk.save()
    codes = {"kind": talk.kind}
    if client.state == State.REQUESTED:
        before = _move(client, State.ADVICE)
        client.save(update_fields=["state"])
        codes["state"] = f"{before}->{client.state}"
    fields = ["held_on", "with_relative"] + (["note"] if note else [])
    audit_anonymous(by=by, action=Action.CREATE, obj=talk, centre_id=client.centre_id, fields=fields, **codes)
    return talk


@transaction.atomic
def alcohol_start(*, client: AnonymousClient, by, started_on: date) -> AnonymousClient:
    """Anonymous alcohol treatment starts (SUL §141(7)): the person wished to stay anonymous."""
    _lock(client)
    if client.service != Service.ALCOHOL:
        raise ValidationError(_("Only anonymous alcohol treatment starts here."))
    _check_date("started_on", started_on, client)
    before = _move(client, State.IN_TREATMENT)
    client.started_on = started_on
    client.save(update_fields=["state", "started_on"])
    request_fields = _mark_handled(client, by)
    audit_anonymous(
        by=by,
        action=Action.UPDATE,
        obj=client,
        centre_id=client.centre_id,
        fields=["state", "started_on"] + [f"contact_request.{name}" for name in request_fields],
        state=f"{before}->{client.state}",
    )
    return client


@transaction.atomic
def client_end(
    *, client: AnonymousClient, by, ended_on: date, end_reason: str, referral: str = "", referral_note: str = ""
) -> AnonymousClient:
    """End a course early, with why (``EndReason``) and, where it fits, a referral. Ending advice
    records its outcome: nothing further, a referral, or a request for treatment (SEL §101).

    A booked time is freed and a phone number erased; an open group place is left on the same day."""
    _lock(client)
    problems = rules.end_problems(service=client.service, end_reason=end_reason, referral=referral)
    if problems:
        raise ValidationError({field: str(message) for field, message in problems.items()})
    if end_reason not in EndReason.values:
        raise ValidationError({"end_reason": _("Choose why the course ends.")})
    if referral and referral not in Referral.values:
        raise ValidationError({"referral": _("Choose where the person is referred.")})
    _check_date("ended_on", ended_on, client, not_before=client.started_on or client.decided_on)
    before = _move(client, State.ENDED)
    client.ended_on, client.end_reason = ended_on, end_reason
    fields = ["state", "ended_on", "end_reason"]
    if referral or referral_note:
        client.referral, client.referral_note = referral or Referral.NONE, referral_note.strip()
        fields += ["referral", "referral_note"]
    client.full_clean()
    client.save(update_fields=fields)
    request = _open_request(client)
    request_fields = []
    if request is not None and request.callback_done_at is None and not client.decided_on:
        request.cancelled_at, request.handled_by, request.phone = timezone.now(), by, ""
        request_fields = ["cancelled_at", "handled_by", "phone"]
        if request.slot_id is not None:
            request.slot = None
            request_fields.append("slot")
        request.save(update_fields=request_fields)
    elif request is not None and request.phone:
        request.phone = ""
        request.save(update_fields=["phone"])
        request_fields = ["phone"]
    left = Enrolment.objects.filter(client=client, left_on__isnull=True).update(left_on=ended_on)
    codes = {"state": f"{before}->{client.state}", "end_reason": end_reason}
    if referral:
        codes["referral"] = referral
    audit_anonymous(
        by=by,
        action=Action.UPDATE,
        obj=client,
        centre_id=client.centre_id,
        fields=fields
        + [f"contact_request.{name}" for name in request_fields]
        + (["enrolment.left_on"] if left else []),
        **codes,
    )
    return client
