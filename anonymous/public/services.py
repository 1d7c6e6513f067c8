"""Workflow steps of the public contact page and of the conversation times.

The public steps (``request_contact``, ``cancel_by_code``) are the person's own: no staff action,
so nothing is audited (an audit row would keep the client's address, SEL §101a(7)). The staff
steps on conversation times are audited without anything that identifies a person.
"""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anonymous import rules as anonymous_rules
from anonymous.access import service_centre
from anonymous.audit import Action, audit_anonymous
from anonymous.models import AnonymousClient, ContactRequest, ConversationSlot, EndReason, Service, State

from . import rules

CODE_ATTEMPTS = 8


def _slot_taken() -> ValidationError:
    return ValidationError({"slot": _("That time was just taken by someone else. Please pick another time.")})


@transaction.atomic
def request_contact(
    *,
    municipality,
    service: str,
    nickname: str,
    birth_year: int | None,
    slot: ConversationSlot | None = None,
    phone: str = "",
    callback_time: str = ContactRequest.CallbackTime.ANY,
    form_token: str,
) -> ContactRequest:
    """A person asks for the clarifying conversation on the public page (SEL §101a(3)).

    Creates an ``AnonymousClient`` (a fresh reference code, no creator, state requested) at the
    municipality's service centre and its ``ContactRequest``: a booked free ``slot`` or a call-back
    to ``phone`` (never both). ``form_token`` is the SHA-256 of the form's one-time token: the same
    form sent again returns the request it made the first time.
    """
    existing = ContactRequest.objects.filter(form_token_hash=form_token).select_related("client", "slot").first()
    if existing is not None:
        return existing
    centre = service_centre(municipality.pk)
    if centre is None:
        raise ValidationError(_("The municipality does not take requests on this page. Please call instead."))
    if service not in Service.values:
        raise ValidationError({"service": _("Choose what you would like to talk about.")})
    nickname = (nickname or "").strip()
    if not nickname:
        raise ValidationError({"nickname": _("Write a nickname we can call you by.")})
    if anonymous_rules.identifying_digits(nickname):
        raise ValidationError({"nickname": _("Do not write numbers in your nickname.")})
    if slot is not None and phone:
        raise ValidationError(_("Choose either a time or a call-back, not both."))
    if slot is not None:
        # Lock the time so that two people cannot both take it (the one-to-one field is the backstop).
        slot = ConversationSlot.objects.select_for_update().filter(pk=slot.pk, centre=centre).first()
        if slot is None or not rules.in_window(slot.starts_at, timezone.localdate()):
            raise ValidationError({"slot": _("That time can no longer be booked. Please pick another time.")})
        if ContactRequest.objects.filter(slot=slot).exists():
            raise _slot_taken()
        way, phone, callback_time = ContactRequest.Way.SLOT, "", ""
    else:
        phone = anonymous_rules.normalise_phone(phone) or ""
        if not phone:
            raise ValidationError({"phone": _("Write a Danish phone number of eight digits, or pick a time.")})
        if callback_time not in ContactRequest.CallbackTime.values:
            callback_time = ContactRequest.CallbackTime.ANY
        way = ContactRequest.Way.CALLBACK
    client = _new_client(centre=centre, service=service, nickname=nickname, birth_year=birth_year)
    try:
        with transaction.atomic():
            return ContactRequest.objects.create(
                client=client,
                channel=ContactRequest.Channel.WEB,
                way=way,
                slot=slot,
                phone=phone,
                callback_time=callback_time,
                form_token_hash=form_token,
            )
    except IntegrityError:
        # The same form sent twice at once, or the time taken in the same instant.
        first = ContactRequest.objects.filter(form_token_hash=form_token).first()
        if first is not None:
            transaction.set_rollback(True)
            return first
        raise _slot_taken() from None


def _new_client(*, centre, service: str, nickname: str, birth_year: int | None) -> AnonymousClient:
    """A client with a fresh unique reference code (another one drawn on the rare collision)."""
    for _attempt in range(CODE_ATTEMPTS):
        code = anonymous_rules.new_reference_code()
        if AnonymousClient.objects.filter(reference_code=code).exists():
            continue
        try:
            with transaction.atomic():
                return AnonymousClient.objects.create(
                    centre=centre,
                    service=service,
                    reference_code=code,
                    nickname=nickname,
                    birth_year=birth_year,
                    state=State.REQUESTED,
                    first_contact_on=timezone.localdate(),
                    created_by=None,
                )
        except IntegrityError:
            continue
    raise ValidationError(_("Something went wrong. Please try again."))


def find_by_code(*, municipality, code: str) -> ContactRequest | None:
    """The web or phone request with reference ``code`` at the municipality's centres, or None."""
    normal = anonymous_rules.normalise_reference_code(code)
    if normal is None:
        return None
    return (
        ContactRequest.objects.select_related("client", "slot")
        .filter(client__reference_code=normal, client__centre__municipality=municipality)
        .first()
    )


def may_cancel(request: ContactRequest) -> bool:
    """The person may cancel while the clarifying conversation has not been held."""
    client = request.client
    return (
        request.cancelled_at is None
        and client.state == State.REQUESTED
        and anonymous_rules.may_move(client.service, client.state, State.ENDED)
    )


@transaction.atomic
def cancel_by_code(*, municipality, code: str) -> ContactRequest:
    """The person cancels their request with its reference code: the booked time is freed, the
    phone number erased, and the client ends as withdrawn."""
    request = find_by_code(municipality=municipality, code=code)
    if request is None:
        raise ValidationError({"code": _("There is no request with that reference code.")})
    request = ContactRequest.objects.select_for_update(of=("self",)).select_related("client", "slot").get(pk=request.pk)
    if not may_cancel(request):
        raise ValidationError(_("This request can no longer be cancelled here. Please call us."))
    now = timezone.now()
    request.slot = None  # the time is free for others again
    request.phone = ""
    request.cancelled_at = now
    request.save(update_fields=["slot", "phone", "cancelled_at"])
    client = request.client
    client.state = State.ENDED
    client.ended_on = timezone.localdate()
    client.end_reason = EndReason.WITHDREW
    client.save(update_fields=["state", "ended_on", "end_reason"])
    return request


def free_slots(centre, today: date):
    """The free times of ``centre`` the public page offers on ``today`` (``rules.slot_window``)."""
    start, end = rules.slot_window(today)
    return ConversationSlot.objects.filter(
        centre=centre, starts_at__gte=start, starts_at__lt=end, request__isnull=True
    ).order_by("starts_at", "id")[: rules.SLOTS_SHOWN]


# --- Staff: the conversation times -------------------------------------------------------


@transaction.atomic
def add_slots(*, by, centre, first_date: date, start_time: time, minutes: int, place: str, repeat: int = 1):
    """Staff offer conversation times: one at ``first_date`` ``start_time``, repeated weekly
    ``repeat`` times in all at the same local time. Audited per time (field names only)."""
    starts = rules.weekly_starts(first_date, start_time, repeat)
    if any(not rules.exists_locally(s) for s in starts):
        raise ValidationError({"start_time": _("That time does not exist on the day summer time starts.")})
    if starts[0] <= timezone.now():
        raise ValidationError({"first_date": _("The first time must lie in the future.")})
    created = []
    for starts_at in starts:
        slot = ConversationSlot(centre=centre, starts_at=starts_at, minutes=minutes, place=place, created_by=by)
        slot.full_clean()
        slot.save()
        audit_anonymous(
            by=by,
            action=Action.CREATE,
            obj=slot,
            centre_id=centre.pk,
            fields=["starts_at", "minutes", "place"],
        )
        created.append(slot)
    return created


@transaction.atomic
def delete_slot(*, by, slot: ConversationSlot) -> None:
    """Staff delete a free conversation time; a booked one stays (the person counts on it)."""
    slot = ConversationSlot.objects.select_for_update().get(pk=slot.pk)
    if ContactRequest.objects.filter(slot=slot).exists():
        raise ValidationError(_("This time is booked and cannot be deleted."))
    audit_anonymous(by=by, action=Action.DELETE, obj=slot, centre_id=slot.centre_id)
    slot.delete()
