"""One anonymous record of every kind at a centre, made straight through the models (the isolation
and audit tests use it while the pages that make them are being built)."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from anonymous.models import (
    AnonymousClient,
    Attendance,
    ContactRequest,
    ConversationSlot,
    Enrolment,
    Group,
    GroupSession,
    State,
    Talk,
)

from .helpers import anonymous_client

CPH = ZoneInfo("Europe/Copenhagen")


@dataclass
class AnonymousWorld:
    client: AnonymousClient
    request: ContactRequest
    callback_client: AnonymousClient
    callback: ContactRequest
    slot: ConversationSlot
    free_slot: ConversationSlot
    group: Group
    session: GroupSession
    enrolment: Enrolment
    talk: Talk

    def object(self, kind: str):
        return {
            "client": self.client,
            "request": self.callback,
            "slot": self.free_slot,
            "group": self.group,
            "session": self.session,
            "enrolment": self.enrolment,
        }[kind]


def anonymous_world(centre, by, *, nickname="Ræven", on: date = date(2026, 3, 2), **client_fields) -> AnonymousWorld:
    slot = ConversationSlot.objects.create(
        centre=centre,
        starts_at=datetime(on.year, on.month, on.day, 10, tzinfo=CPH),
        place="Den separate indgang",
        created_by=by,
    )
    free_slot = ConversationSlot.objects.create(
        centre=centre, starts_at=datetime(on.year, on.month, on.day, 14, tzinfo=CPH), place="Telefon", created_by=by
    )
    client = anonymous_client(
        centre,
        first_contact_on=on,
        nickname=nickname,
        state=State.IN_TREATMENT,
        decided_on=on,
        started_on=on,
        **client_fields,
    )
    request = ContactRequest.objects.create(client=client, way=ContactRequest.Way.SLOT, slot=slot)
    callback_client = anonymous_client(centre, first_contact_on=on, nickname="Solsikken")
    callback = ContactRequest.objects.create(client=callback_client, way=ContactRequest.Way.CALLBACK, phone="20000007")
    group = Group.objects.create(
        centre=centre, provider=centre, name="Forårsgruppen", starts_on=on, planned_sessions=8, created_by=by
    )
    session = GroupSession.objects.create(
        group=group, number=1, starts_at=datetime(on.year, on.month, on.day, 17, tzinfo=CPH)
    )
    enrolment = Enrolment.objects.create(client=client, group=group, joined_on=on)
    Attendance.objects.create(session=session, client=client, status=Attendance.Status.ATTENDED, recorded_by=by)
    talk = Talk.objects.create(
        client=client, kind=Talk.Kind.CLARIFYING, held_on=on, by=by, note="Afklarende samtale holdt."
    )
    return AnonymousWorld(client, request, callback_client, callback, slot, free_slot, group, session, enrolment, talk)
