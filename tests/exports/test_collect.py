"""The citizen's own copy as data: everything every app holds, and the access log (GDPR art. 15)."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.models import AuditEvent
from audit.services import audit_record
from citizens import services as citizen_services
from citizens.selectors import citizen_for_user
from courses import services as course_services
from exports import documents
from exports.collect import citizen_data, purpose
from organisations.models import Role
from tests.conftest import staff

pytestmark = pytest.mark.django_db


def copy(citizen, *, full_cpr: bool = True) -> dict:
    return json.loads(documents.export_json(citizen, full_cpr=full_cpr).decode("utf-8"))


def test_the_json_has_a_schema_version_and_the_time_it_was_made(bo):
    data = copy(bo)
    assert data["schema"] == "forlob.citizen-copy"
    assert data["schema_version"] == 1
    assert data["generated_at"] == "2026-03-16T10:00:00+00:00"
    assert data["held_by"] == {"municipality": "Randers Kommune", "centre": "Rusmiddelcenter Randers", "address": ""}


def test_the_json_holds_the_personal_details_with_the_full_cpr_number(bo):
    citizen = copy(bo)["citizen"]
    assert citizen["first_name"] == "Bo" and citizen["last_name"] == "Fiktivsen"
    assert citizen["cpr"] == f"{bo.cpr[:6]}-{bo.cpr[6:]}"  # the copy goes to the citizen themself
    assert citizen["birth_date"] == bo.birth_date.isoformat()
    assert citizen["address"] == "Vestergade 1" and citizen["postcode"] == "8900" and citizen["city"] == "Randers C"
    assert citizen["contact_channel"]["value"] == "phone"
    assert citizen["centre"] == "Rusmiddelcenter Randers"
    # Never the stored ciphertext or the search index.
    text = documents.export_json(bo, full_cpr=True).decode("utf-8")
    assert bo.cpr_encrypted not in text and bo.cpr_index not in text
    assert "cpr_encrypted" not in citizen and "cpr_index" not in citizen


def test_a_copy_for_a_role_that_sees_the_cpr_masked_has_it_masked_everywhere(bo):
    text = documents.export_json(bo, full_cpr=False).decode("utf-8")
    assert json.loads(text)["citizen"]["cpr"] == f"{bo.cpr[:6]}-XXXX"
    full = (bo.cpr, f"{bo.cpr[:6]}-{bo.cpr[6:]}")
    assert not any(number in text for number in full)
    html = documents.copy_html(bo, full_cpr=False)
    assert f"{bo.cpr[:6]}-XXXX" in html and not any(number in html for number in full)


def test_the_json_holds_related_people_and_consents(bo, randers_visitator):
    data = copy(bo)
    person = data["related_people"][0]
    assert (person["name"], person["kind"]["value"], person["relation"]) == (
        "Lise Fiktivsen",
        "child_elsewhere",
        "datter",
    )
    consent = data["consents"][0]
    assert (consent["recipient"], consent["scope"], consent["given_on"]) == (
        "Egen læge",
        "Behandlingsplan",
        "2026-02-02",
    )
    assert consent["recorded_by"] == randers_visitator.get_full_name()


def test_the_json_holds_every_course_with_all_it_holds(story, randers_authority):
    first, course = copy(story.citizen)["courses"]
    assert (first["kind"]["value"], first["state"]["value"]) == ("alcohol", "closed")
    assert first["advice_talks"][0]["outcome"]["value"] == "no_action"
    assert first["treatment_request"] is None and first["decision"] is None

    assert course["id"] == story.course.pk and course["state"]["value"] == "decided"
    assert course["advice_talks"][0]["summary"] == "Ønsker hjælp til at stoppe med heroin."
    assert course["treatment_request"]["expressed_on"] == "2026-02-02"
    assert course["treatment_request"]["channel"]["value"] == "in_person"
    assert course["guarantee_waiver"]["reason"]["value"] == "free_choice"

    assessment = course["assessment"]
    for area in ("drug_use", "social_conditions", "health", "work_education", "other_matters", "other_help_needed"):
        assert assessment[area], area
    assert assessment["drug_use"] == "Dagligt forbrug af heroin."
    assert assessment["opioid_use"] is True and assessment["instrument_results"] == {"Stoffer": "Dagligt forbrug"}
    assert assessment["completed_on"] == "2026-02-06"

    assert course["physician_consultation"]["response"]["value"] == "accepted"
    assert course["physician_consultation"]["held_on"] == "2026-02-05"
    assert [(t["kind"]["value"], t["done_on"]) for t in course["tasks"]] == [("naloxone", "2026-02-10")]

    decision = course["decision"]
    assert (decision["outcome"]["value"], decision["decided_on"]) == ("partial", "2026-02-09")
    assert decision["reasons"] == "Begrundelse X." and decision["legal_basis"] == "Serviceloven § 101, stk. 1."
    assert decision["decided_by"] == randers_authority.get_full_name()
    assert decision["letter_generated"] is True and decision["letter_generated_at"]
    assert "letter" not in decision  # the storage path is internal
    assert [c["summary"] for c in decision["complaints"]] == ["Jeg ønsker døgnbehandling."]
    assert decision["complaints"][0]["is_late"] is False

    assert course["free_choice"]["chosen_provider"] == "Privat Ambulant Behandling"
    kinds = {d["kind"]["value"] for d in course["deadlines"]}
    assert {"guarantee", "assessment", "decision", "physician", "complaint_reassessment"} <= kinds
    guarantee = next(d for d in course["deadlines"] if d["kind"]["value"] == "guarantee")
    assert guarantee["waived_on"] == "2026-02-12" and guarantee["waiver_reason"]["value"] == "free_choice"


def test_labels_are_danish_whatever_the_language_in_use(bo):
    with translation.override("en"):
        course = copy(bo)["courses"][1]
    with translation.override("da"):
        assert course["state"]["label"] == str(_("Decided"))


def test_the_access_log_names_when_who_and_why(bo, randers_authority, randers_visitator):
    log = copy(bo)["access_log"]
    assert log, "the services and the read wrote events"
    read = [e for e in log if e["action"] == "view" and e["object_type"] == "citizens.Citizen"]
    assert len(read) == 1
    entry = read[0]
    # 16 March 2026 10:00 UTC is 11:00 in Copenhagen (winter time).
    assert entry["occurred_at_utc"] == "2026-03-16T10:00:00+00:00"
    assert entry["occurred_at_local"] == "2026-03-16T11:00:00+01:00"
    assert entry["centre"] == "Rusmiddelcenter Randers"
    assert entry["actor"]["name"] == randers_authority.get_full_name()
    assert entry["actor"]["roles"] == [
        {"value": "authority", "label": entry["actor"]["roles"][0]["label"], "centre": "Rusmiddelcenter Randers"}
    ]
    assert randers_authority.username not in json.dumps(log)  # names, not login names
    with translation.override("da"):
        assert entry["purpose"] == _("Read %(object)s") % {"object": _("the record")}
        changed = next(e for e in log if e["object_type"] == "assessments.Assessment" and e["action"] == "update")
        assert changed["purpose"] == _("Changed %(object)s") % {"object": _("the assessment")}
        letter = next(e for e in log if e["action"] == "export")
        assert letter["purpose"] == _("Generated the decision letter")
    assert changed["actor"]["name"] == randers_visitator.get_full_name()
    # Oldest first.
    assert [e["occurred_at_utc"] for e in log] == sorted(e["occurred_at_utc"] for e in log)


def test_the_access_log_holds_only_this_citizens_events(bo, randers_centre, randers_visitator):
    other = citizen_services.citizen_register(
        centre=randers_centre, by=randers_visitator, cpr="0101901234", first_name="Anne", last_name="Andersen"
    )[0]
    citizen_for_user(randers_visitator, other.pk)
    log = copy(bo)["access_log"]
    assert str(other.pk) not in {e["object_id"] for e in log if e["object_type"] == "citizens.Citizen"}
    assert str(bo.pk) in {e["object_id"] for e in log if e["object_type"] == "citizens.Citizen"}


def _queries(citizen) -> int:
    with CaptureQueriesContext(connection) as queries:
        citizen_data(citizen, full_cpr=True)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(story, randers_centre, randers_visitator):
    citizen = story.citizen
    before = _queries(citizen)
    # More of everything: people, consents, a third course with talks, and reads by more staff.
    for n in range(3):
        citizen_services.related_person_add(citizen=citizen, by=randers_visitator, kind="relative", name=f"P{n}")
        citizen_services.consent_give(
            citizen=citizen, by=randers_visitator, recipient=f"R{n}", scope="S", given_on=datetime.date(2026, 3, 1)
        )
        reader = staff(randers_centre, Role.MANAGER, Role.PHYSICIAN, username=f"reader-{n}")
        citizen_for_user(reader, citizen.pk)
    course_services.course_close(
        course=story.course, by=randers_visitator, closed_on=datetime.date(2026, 3, 1), reason="Flyttet"
    )
    third = course_services.course_open(
        citizen=citizen, by=randers_visitator, kind="alcohol", first_contact_on=datetime.date(2026, 3, 2)
    )
    for day in (2, 3):
        course_services.advice_talk_record(
            course=third,
            by=randers_visitator,
            held_on=datetime.date(2026, 3, day),
            summary="Samtale.",
            other_help_needed=False,
            other_help_assessment="Ingen.",
            outcome="continue",
        )
    assert len(copy(citizen)["courses"]) == 3
    assert _queries(citizen) == before


def test_the_copy_takes_a_fixed_handful_of_queries(bo, django_assert_max_num_queries):
    # 12 for the intake to the decision, one prefetch for each treatment stage's records, and 7
    # for the records with history (people's, consents' and notes' versions, the notes, addenda,
    # earlier decisions, hand-overs).
    with django_assert_max_num_queries(31):
        citizen_data(bo, full_cpr=True)


def test_journal_notes_come_with_every_version_and_the_courses_with_their_hand_overs(bo):
    data = copy(bo)
    (note,) = data["journal_notes"]
    assert [(v["number"], v["text"], v["reason"]) for v in note["versions"]] == [
        (1, "Ringede om hjælp.", ""),
        (2, "Ringede selv om hjælp.", "Præcisering."),
    ]
    assert all(course["assignments"] for course in data["courses"])  # who held the course, from its opening
    with translation.override("da"):
        text = documents.copy_html(bo, full_cpr=False)
    assert "Ringede om hjælp." in text and "Præcisering." in text


def test_a_reader_from_another_centre_is_named_with_their_own_centre(bo, fredericia_outsider, fredericia_centre):
    """E.g. after a break-the-glass access: no role at the citizen's centre, so their roles where they work."""
    audit_record(actor=fredericia_outsider, action=AuditEvent.Action.VIEW, obj=bo, citizen_id=bo.pk)
    entry = copy(bo)["access_log"][-1]
    assert entry["actor"]["name"] == fredericia_outsider.get_full_name()
    assert {(r["value"], r["centre"]) for r in entry["actor"]["roles"]} == {
        (Role.MANAGER, fredericia_centre.name),
        (Role.ADMINISTRATOR, fredericia_centre.name),
    }
    assert entry["actor"]["roles_recorded_then"] is False
    assert entry["centre"] == "Rusmiddelcenter Randers"  # where the data is held


def test_purposes_read_as_plain_words():
    with translation.override("da"):
        emergency = AuditEvent(
            action=AuditEvent.Action.CREATE,
            object_type="emergency.EmergencyAccess",
            changes={"break_the_glass": True, "reason": "Indlagt akut, behov for medicinoplysninger."},
        )
        assert "Indlagt akut, behov for medicinoplysninger." in purpose(emergency)
        download = AuditEvent(
            action=AuditEvent.Action.EXPORT, object_type="decisions.Decision", changes={"download": 1}
        )
        assert purpose(download) == _("Downloaded the decision letter")
        talk = AuditEvent(action=AuditEvent.Action.CREATE, object_type="courses.AdviceTalk")
        assert purpose(talk) == _("Recorded %(object)s") % {"object": _("an advice talk")}
        unknown = AuditEvent(action=AuditEvent.Action.VIEW, object_type="somewhere.Unknown")
        assert purpose(unknown) == _("Read %(object)s") % {"object": "somewhere.Unknown"}


def test_the_pdf_shows_repeated_reads_on_one_line_and_the_json_every_entry(bo, randers_authority):
    for _n in range(3):
        citizen_for_user(randers_authority, bo.pk)  # plus the story's own read: four reads today
    reads = [e for e in copy(bo)["access_log"] if e["action"] == "view"]
    assert len(reads) == 4
    with translation.override("da"):
        log = documents.blocks(citizen_data(bo, full_cpr=True))[-1]
        read = _("Read %(object)s") % {"object": _("the record")}
        times = ngettext("%(count)d time", "%(count)d times", 4) % {"count": 4}
    lines = [row for row in log.table if row[2].startswith(read)]
    assert lines == [["16. marts 2026 11:00", lines[0][1], f"{read} ({times})"]]
    assert randers_authority.get_full_name() in lines[0][1]


def test_a_refused_attempt_from_another_centre_is_in_the_citizens_access_log(bo, as_user, fredericia_centre):
    prober = staff(fredericia_centre, Role.VISITATOR, username="fredericia-visitator")
    assert as_user(prober).get(f"/borgere/{bo.pk}/").status_code == 404

    (entry,) = [e for e in copy(bo)["access_log"] if e["action"] == "access_denied"]

    assert (entry["outcome"], entry["actor"]["name"], entry["centre"]) == (
        "denied",
        prober.get_full_name(),
        "Rusmiddelcenter Randers",
    )
    # No role at the citizen's centre: the copy names the prober's roles where they work.
    assert entry["actor"]["roles"] == [
        {"value": "visitator", "label": "Rådgiver / visitator", "centre": "Fredericia Rusmiddelcenter"}
    ]
    assert entry["purpose"] == _("Tried to open the record and was refused")
