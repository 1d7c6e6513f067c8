"""Break-the-glass cannot be abused quietly: no CPR in typed text, renewals need a manager, every
refusal is in the audit log, and only a manager of the citizen's centre reviews or approves."""

import json
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from emergency import services
from emergency.models import EmergencyAccess
from organisations.models import Role
from tests.conftest import staff
from tests.factories import CitizenFactory, MembershipFactory

pytestmark = pytest.mark.django_db
REASON = "Borgeren er indlagt akut, og afdelingen spørger til hans medicin."
APPROVAL_NEEDED = (
    "You had break-the-glass access to this citizen less than 24 hours ago. A new access needs the approval of a "
    "manager of the citizen's centre; your request is sent to them. When it is approved, fill in this form again: "
    "the 30 minutes start at the approval."
)
REVIEW_LIST = reverse("emergency:review_list")


@pytest.fixture
def visitator(fredericia_centre):
    return staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")


@pytest.fixture
def citizen(randers_centre):
    return CitizenFactory(centre=randers_centre, first_name="Viggo", last_name="Prøvesen")


def ask(client, citizen, reason=REASON, **extra):
    return client.post(reverse("emergency:request"), {"cpr": citizen.cpr, "reason": reason, "confirm": "on"}, **extra)


def record(citizen) -> str:
    return reverse("citizens:detail", args=[citizen.pk])


def refusals(**filters):
    return AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED, outcome="denied", **filters)


def logged_text() -> str:
    """Everything the audit log holds in text, to search for a CPR number."""
    return json.dumps(list(AuditEvent.objects.values("changes", "object_label", "actor_username")), default=str)


def digits(cpr: str) -> str:
    return cpr.replace("-", "")


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --------------------------------------------------------------------------- CPR numbers in typed text


@pytest.mark.parametrize("written", ["{cpr}", "{digits}", "{first6} {last4}", "{first6}.{last4}"])
def test_a_cpr_number_typed_into_the_reason_is_masked_in_the_access_and_the_audit_log(
    as_user, visitator, citizen, written
):
    cpr = digits(citizen.cpr)
    typed = written.format(cpr=citizen.cpr, digits=cpr, first6=cpr[:6], last4=cpr[6:])

    ask(as_user(visitator), citizen, reason=f"Borgeren {typed} er indlagt akut, afdelingen spørger til medicin.")

    access = EmergencyAccess.objects.get()
    assert access.reason == "Borgeren XXXXXX-XXXX er indlagt akut, afdelingen spørger til medicin."
    assert cpr[6:] not in logged_text() and cpr[:6] not in logged_text()


def test_a_cpr_number_in_the_managers_review_note_is_masked(as_user, visitator, citizen, randers_manager):
    ask(as_user(visitator), citizen)
    access = EmergencyAccess.objects.get()

    as_user(randers_manager).post(
        reverse("emergency:review", args=[access.pk]), {"note": f"Tjekket {citizen.cpr} med afdelingen: berettiget."}
    )

    access.refresh_from_db()
    assert access.review_note == "Tjekket XXXXXX-XXXX med afdelingen: berettiget."
    assert digits(citizen.cpr)[6:] not in logged_text()


# --------------------------------------------------------------------------- refused attempts are audited


def test_a_reason_that_says_nothing_is_refused_on_the_form_and_the_attempt_is_logged(as_user, visitator, citizen):
    response = ask(as_user(visitator), citizen, reason=f"test test test test {citizen.cpr}")

    assert response.status_code == 200
    with translation.override("da"):
        expected = str(translation.gettext(services.rules.REASON_MESSAGES[services.rules.REPETITIVE]))
    assert response.context["form"].errors["reason"] == [expected]
    assert not EmergencyAccess.objects.exists()
    refused = refusals(actor=visitator).get()
    # Aimed at a Randers citizen: Randers' managers see the attempt on their list of refused attempts.
    assert (refused.citizen_id, refused.centre_id) == (citizen.pk, citizen.centre_id)
    assert refused.changes == {
        "break_the_glass_refused": "insufficient_reason",
        "path": reverse("emergency:request"),
        "reason": "test test test test XXXXXX-XXXX",
    }
    assert digits(citizen.cpr)[6:] not in logged_text()


def test_a_cpr_number_no_other_centre_holds_is_refused_and_logged_without_the_number(
    as_user, visitator, fredericia_centre
):
    own = CitizenFactory(centre=fredericia_centre)

    response = ask(as_user(visitator), own)

    assert response.context["form"].errors["cpr"] == ["Ingen andre centre har en borger med dette CPR-nummer."]
    refused = refusals(actor=visitator).get()
    assert refused.changes == {
        "break_the_glass_refused": "no_citizen_elsewhere",
        "path": reverse("emergency:request"),
        "reason": REASON,
    }
    assert refused.citizen_id is None
    assert digits(own.cpr)[6:] not in logged_text()


# --------------------------------------------------------------------------- renewals need a manager


def test_a_renewal_within_a_day_waits_for_the_manager_and_only_approval_starts_the_thirty_minutes(
    as_user, visitator, citizen, randers_manager
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(visitator)
        ask(client, citizen)
        clock.shift(timedelta(minutes=31))  # the first access has ended
        client = as_user(visitator)  # logged in again (15 minutes idle end a session)

        response = ask(client, citizen, reason="Borgeren er indlagt igen, afdelingen spørger til dosis.", follow=True)

        with translation.override("da"):
            assert translation.gettext(APPROVAL_NEEDED) in shown_messages(response)
        assert response.redirect_chain[-1][0] == reverse("emergency:request")
        request = EmergencyAccess.objects.get(state=EmergencyAccess.State.PENDING)
        assert request.expires_at is None
        assert client.get(record(citizen)).status_code == 404
        requested = refusals(object_id=str(request.pk)).get()
        assert requested.changes["break_the_glass_refused"] == "approval_required"
        assert requested.centre_id == citizen.centre_id

        # Asking again while the request waits neither opens the record nor makes a second request.
        ask(client, citizen)
        assert EmergencyAccess.objects.filter(state=EmergencyAccess.State.PENDING).count() == 1
        assert refusals(object_id=str(request.pk)).count() == 2
        assert client.get(record(citizen)).status_code == 404

        clock.shift(timedelta(hours=2))  # the manager approves two hours later
        manager = as_user(randers_manager)
        page = manager.get(REVIEW_LIST)
        assert page.context["pending"] == 1 and request in list(page.context["page"])
        manager.post(reverse("emergency:review", args=[request.pk]), {"decision": "approve"})

        request.refresh_from_db()
        assert request.state == EmergencyAccess.State.GRANTED and request.approved_by == randers_manager
        assert request.expires_at == timezone.now() + timedelta(minutes=30)
        approved = AuditEvent.objects.get(object_id=str(request.pk), action="update")
        assert approved.changes == {"break_the_glass_approved": True} and approved.actor == randers_manager
        client = as_user(visitator)
        clock.shift(timedelta(minutes=29))
        assert client.get(record(citizen)).status_code == 200
        clock.shift(timedelta(minutes=2))
        client.post(reverse("accounts:keepalive"))
        assert client.get(record(citizen)).status_code == 404


def test_a_day_after_the_last_access_ended_a_new_one_is_granted_at_once(as_user, visitator, citizen):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        ask(as_user(visitator), citizen)
        clock.shift(timedelta(minutes=30, hours=24))
        client = as_user(visitator)

        assert ask(client, citizen).url == record(citizen)

        assert client.get(record(citizen)).status_code == 200
        assert not EmergencyAccess.objects.filter(state=EmergencyAccess.State.PENDING).exists()


def test_asking_again_while_the_access_runs_does_not_extend_it(as_user, visitator, citizen):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(visitator)
        ask(client, citizen)
        ends = EmergencyAccess.objects.get().expires_at
        clock.shift(timedelta(minutes=20))

        ask(client, citizen)

        assert EmergencyAccess.objects.get().expires_at == ends


def test_a_refused_request_stays_closed_and_counts_as_reviewed(as_user, visitator, citizen, randers_manager):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = as_user(visitator)
        ask(client, citizen)
        clock.shift(timedelta(hours=1))
        ask(as_user(visitator), citizen)
        request = EmergencyAccess.objects.get(state=EmergencyAccess.State.PENDING)

        as_user(randers_manager).post(reverse("emergency:review", args=[request.pk]), {"decision": "refuse"})

        request.refresh_from_db()
        assert request.state == EmergencyAccess.State.REFUSED
        assert request.reviewed_by == randers_manager and request.expires_at is None
        assert as_user(visitator).get(record(citizen)).status_code == 404
        refused = AuditEvent.objects.get(object_id=str(request.pk), action="update")
        assert refused.changes == {"break_the_glass_request_refused": True}


def test_the_requester_cannot_approve_their_own_request(citizen, randers_centre):
    # Not reachable through the pages today (a manager of the centre has a case role there and never
    # needs break-the-glass), so the service refuses it itself.
    manager = staff(randers_centre, Role.MANAGER, username="leder-der-selv-spurgte")
    request = EmergencyAccess.objects.create(
        user=manager, citizen=citizen, reason=REASON, state=EmergencyAccess.State.PENDING
    )

    with pytest.raises(services.ValidationError):
        services.emergency_access_decide(access=request, by=manager, approve=True)

    request.refresh_from_db()
    assert request.state == EmergencyAccess.State.PENDING
    assert refusals(actor=manager).get().changes == {
        "break_the_glass_refused": "own_request",
        "path": reverse("emergency:review", args=[request.pk]),
        "decision": "approve",
    }


# --------------------------------------------------------------------------- refused reviews are audited


def test_reviewing_twice_or_without_a_note_is_refused_and_logged(as_user, visitator, citizen, randers_manager):
    ask(as_user(visitator), citizen)
    access = EmergencyAccess.objects.get()
    manager = as_user(randers_manager)
    url = reverse("emergency:review", args=[access.pk])

    empty = manager.post(url, {"note": "   "}, follow=True)
    access.refresh_from_db()
    assert access.reviewed_at is None
    assert "Skriv en bemærkning til gennemgangen." in shown_messages(empty)

    manager.post(url, {"note": "Berettiget: indlæggelsen er bekræftet."})
    again = manager.post(url, {"note": "Ændret mening."}, follow=True)

    access.refresh_from_db()
    assert access.review_note == "Berettiget: indlæggelsen er bekræftet."
    assert "Adgangen er allerede gennemgået." in shown_messages(again)
    codes = [e.changes["break_the_glass_refused"] for e in refusals(actor=randers_manager).order_by("id")]
    assert codes == ["empty_note", "already_reviewed"]
    assert set(refusals(actor=randers_manager).values_list("centre_id", flat=True)) == {citizen.centre_id}


def test_a_manager_elsewhere_posting_a_review_gets_404_and_the_attempt_is_logged_for_the_citizens_centre(
    as_user, visitator, citizen, odsherred_manager
):
    ask(as_user(visitator), citizen)
    access = EmergencyAccess.objects.get()

    response = as_user(odsherred_manager).post(reverse("emergency:review", args=[access.pk]), {"note": "Fint."})

    assert response.status_code == 404
    access.refresh_from_db()
    assert access.reviewed_at is None
    probe = refusals(actor=odsherred_manager).get()
    assert (probe.citizen_id, probe.centre_id) == (citizen.pk, citizen.centre_id)
    assert probe.changes == {
        "break_the_glass_refused": "not_manager_of_centre",
        "path": reverse("emergency:review", args=[access.pk]),
        "access_id": str(access.pk),
    }


# --------------------------------------------------------------------------- scoped by the manager role only


@pytest.mark.parametrize("other_role", [Role.THERAPIST, Role.ADMINISTRATOR])
def test_a_manager_at_one_centre_with_another_role_at_a_second_sees_and_acts_only_on_the_first(
    as_user, visitator, randers_centre, odsherred_centre, other_role
):
    both = staff(randers_centre, Role.MANAGER, username="leder-randers-og-mere-i-odsherred")
    MembershipFactory(user=both, centre=odsherred_centre, role=other_role)
    in_randers = CitizenFactory(centre=randers_centre)
    in_odsherred = CitizenFactory(centre=odsherred_centre)
    mine = EmergencyAccess.objects.create(
        user=visitator, citizen=in_randers, reason=REASON, expires_at=timezone.now() - timedelta(minutes=1)
    )
    not_mine = EmergencyAccess.objects.create(
        user=visitator, citizen=in_odsherred, reason=REASON, state=EmergencyAccess.State.PENDING
    )
    client = as_user(both)

    assert list(client.get(REVIEW_LIST).context["page"]) == [mine]
    assert client.post(reverse("emergency:review", args=[not_mine.pk]), {"decision": "approve"}).status_code == 404
    assert client.post(reverse("emergency:review", args=[not_mine.pk]), {"note": "Fint."}).status_code == 404
    client.post(reverse("emergency:review", args=[mine.pk]), {"note": "Berettiget."})

    not_mine.refresh_from_db()
    mine.refresh_from_db()
    assert not_mine.state == EmergencyAccess.State.PENDING and not_mine.reviewed_at is None
    assert mine.reviewed_by == both
    assert refusals(actor=both, centre_id=odsherred_centre.pk).count() == 2


# --------------------------------------------------------------------------- the review list is a read


def test_the_review_list_logs_a_read_naming_the_citizens_it_shows(
    as_user, visitator, citizen, randers_centre, odsherred_centre, randers_manager
):
    other = CitizenFactory(centre=randers_centre)
    elsewhere = CitizenFactory(centre=odsherred_centre)
    for shown in (citizen, other, elsewhere):
        EmergencyAccess.objects.create(user=visitator, citizen=shown, reason=REASON, expires_at=timezone.now())

    response = as_user(randers_manager).get(REVIEW_LIST)

    assert "Prøvesen" in response.content.decode()
    read = AuditEvent.objects.get(actor=randers_manager, action=AuditEvent.Action.VIEW)
    assert read.changes == {
        "page": "emergency:review_list",
        "page_number": 1,
        "citizens": sorted([citizen.pk, other.pk]),
    }


# --------------------------------------------------------------------------- not a CPR oracle
def test_break_the_glass_cannot_be_used_to_try_number_after_number(as_user, visitator, citizen):
    """Each attempt says whether a number is a citizen's elsewhere: it counts as a CPR search, and
    after the limit even the right number opens nothing (refused and audited)."""
    from citizens.rules import CPR_SEARCH_LIMITS
    from demo.cpr import fictional_cpr

    client = as_user(visitator)
    for n in range(CPR_SEARCH_LIMITS[False].in_window):
        guess = fictional_cpr(date(1971, 3, 1 + n % 28), 1)
        client.post(reverse("emergency:request"), {"cpr": guess, "reason": REASON, "confirm": "on"})

    response = ask(client, citizen)

    assert response.status_code == 200
    assert "cpr" in response.context["form"].errors
    assert client.get(record(citizen)).status_code == 404
    assert refusals(changes__break_the_glass_refused="cpr_lookup_limit").count() == 1
    assert citizen.cpr not in logged_text()
