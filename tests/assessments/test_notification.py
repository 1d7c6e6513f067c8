"""The child-welfare notification: it rests on barnets lov § 133 (formerly servicelovens § 153;
DOMAIN.md §6); the tasks page shows its deadline and state as the worklist does; its template is
filled from the case, without CPR numbers."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from assessments import documents, services
from assessments.models import Task, TaskKind
from audit.models import AuditEvent
from citizens.models import RelatedPerson
from deadlines import rules as deadline_rules
from deadlines.models import Deadline
from forlob.citations import law_citation
from organisations.models import Role
from tests.conftest import staff

from .conftest import full_answers

pytestmark = pytest.mark.django_db

COMPLETED_ON = date(2025, 3, 10)
CONCERN = "Barnet kommer ofte sultent i skole, oplyser borgeren."


@pytest.fixture
def notified(randers_course, randers_visitator):
    """A completed assessment with a concern for a child: the notification task is created."""
    RelatedPerson.objects.create(
        citizen=randers_course.citizen, kind=RelatedPerson.Kind.CHILD_AT_HOME, name="Lille Testbarn", birth_year=2016
    )
    answers = full_answers(children_at_home_count=1, child_concern=True, child_concern_details=CONCERN)
    services.assessment_save(course=randers_course, by=randers_visitator, **answers)
    services.assessment_complete(course=randers_course, by=randers_visitator, completed_on=COMPLETED_ON)
    return randers_course.tasks.get(kind="child_notification")


# The citation


def test_the_task_kind_cites_barnets_lov():
    with translation.override("en"):
        assert str(TaskKind.CHILD_NOTIFICATION.label) == "Child-welfare notification (barnets lov § 133)"


def test_the_task_and_its_deadline_cite_barnets_lov_in_danish_notation(notified):
    assert notified.source.startswith("Barnets lov §133")
    deadline = Deadline.objects.get(course=notified.course, kind="child_notification")
    assert deadline.source.startswith("Barnets lov §133")
    assert law_citation(deadline.source).startswith("barnets lov § 133")
    assert "SEL" not in notified.reason and "G3" not in notified.reason


def test_the_deadline_rule_is_due_the_same_day():
    facts = deadline_rules.CourseFacts(
        notifications=(deadline_rules.NotificationFacts(ref="1", created_on=COMPLETED_ON),)
    )
    (spec,) = deadline_rules.notification_deadlines(facts)
    assert spec.due_on == COMPLETED_ON
    assert spec.source.startswith("Barnets lov §133")


# The tasks page


def tasks_url(course) -> str:
    return reverse("assessments:tasks", args=[course.pk])


def test_the_tasks_page_shows_the_notifications_deadline_state_and_template(as_user, notified, randers_therapist):
    with time_machine.travel(date(2025, 3, 12), tick=False):
        html = as_user(randers_therapist).get(tasks_url(notified.course)).content.decode()
    section = html[html.index('data-task="child_notification"') :]
    assert 'data-status="overdue"' in section  # as the worklist shows it (deadlines/_status.html)
    assert reverse("assessments:notification", args=[notified.pk]) in section


def test_a_sent_notification_shows_as_met(as_user, notified, randers_therapist):
    services.task_done(task=notified, by=randers_therapist, done_on=COMPLETED_ON, recipient="Favrskov Kommune")
    html = as_user(randers_therapist).get(tasks_url(notified.course)).content.decode()
    assert 'data-status="kept"' in html


def test_a_manager_is_not_offered_the_template(as_user, notified, randers_manager):
    html = as_user(randers_manager).get(tasks_url(notified.course)).content.decode()
    assert "data-notification-link" not in html
    assert as_user(randers_manager).get(reverse("assessments:notification", args=[notified.pk])).status_code == 403


# The template


def notification_url(task) -> str:
    return reverse("assessments:notification", args=[task.pk])


def test_the_template_is_filled_from_the_case_without_cpr_numbers(as_user, notified, randers_visitator):
    citizen = notified.course.citizen
    response = as_user(randers_visitator).get(notification_url(notified))
    assert response.status_code == 200
    html = response.content.decode()
    text = html[html.index("data-notification-text") :]
    assert f"{citizen.first_name} {citizen.last_name}" in text
    assert "Lille Testbarn" in text and "2016" in text
    assert CONCERN in text
    assert notified.course.centre.name in text
    assert str(randers_visitator) in text
    assert citizen.cpr not in html and citizen.cpr_masked not in text  # the page header shows it masked
    assert "data-to-add" in html  # what must be added by hand is said
    event = AuditEvent.objects.filter(object_type="assessments.Task", action="view").latest("pk")
    assert event.citizen_id == citizen.pk


def test_the_text_is_danish_whatever_the_users_language(notified, randers_visitator):
    with translation.override("en"):
        html = documents.notification_body_html(documents.notification_content(notified, worker=randers_visitator))
    assert 'lang="da"' not in html  # the fragment; the page marks the article as Danish
    assert "barnets lov § 133" in html


def test_a_protected_address_is_left_out(as_user, notified, randers_visitator):
    citizen = notified.course.citizen
    citizen.address, citizen.address_protected = "Hemmelig Vej 7", True
    citizen.save()
    html = as_user(randers_visitator).get(notification_url(notified)).content.decode()
    assert "Hemmelig Vej 7" not in html


def test_without_children_on_record_the_names_are_marked_to_be_added(notified, randers_visitator):
    RelatedPerson.objects.all().delete()
    content = documents.notification_content(notified, worker=randers_visitator)
    with translation.override("en"):
        to_add = [str(item) for item in content["to_add"]]
    assert to_add[0].startswith("the children's names")
    assert any("CPR" in item for item in to_add)
    assert not any("concern" in item for item in to_add)  # the concern is described in the assessment
    assert "Lille Testbarn" not in documents.notification_body_html(content)


def test_the_pdf_is_a_pdf_and_its_download_is_audited(as_user, notified, randers_therapist):
    response = as_user(randers_therapist).get(reverse("assessments:notification_pdf", args=[notified.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    event = AuditEvent.objects.filter(action="export", object_type="assessments.Task").get()
    assert event.citizen_id == notified.course.citizen_id


def test_the_printed_document_is_addressed_to_the_childs_municipality(notified, randers_therapist):
    services.task_done(task=notified, by=randers_therapist, done_on=COMPLETED_ON, recipient="Favrskov Kommune")
    notified.refresh_from_db()
    html = documents.notification_html(documents.notification_content(notified, worker=randers_therapist))
    head = html[html.index('data-section="citizen"') : html.index('data-section="sender"')]
    assert "Favrskov Kommune" in head


def test_only_a_notification_has_a_template(as_user, randers_course, randers_visitator):
    task = Task.objects.create(course=randers_course, kind="naloxone", created_on=COMPLETED_ON)
    assert as_user(randers_visitator).get(notification_url(task)).status_code == 404


def test_another_centre_gets_not_found(as_user, notified, fredericia_centre, fredericia_outsider):
    therapist = staff(fredericia_centre, Role.THERAPIST, username="fredericia-underretning")
    for user in (therapist, fredericia_outsider):
        client = as_user(user)
        assert client.get(notification_url(notified)).status_code in (403, 404)
    assert as_user(therapist).get(notification_url(notified)).status_code == 404
    pdf = reverse("assessments:notification_pdf", args=[notified.pk])
    assert as_user(therapist).get(pdf).status_code == 404


def test_old_tasks_get_their_source_moved_out_of_the_reason(randers_course):
    """Migration 0005: "… (source)" at the end of a reason becomes ``Task.source``."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("assessments.migrations.0005_task_reason_source")
    old = Task.objects.create(
        course=randers_course,
        kind="child_notification",
        created_on=COMPLETED_ON,
        reason="Der er noteret en bekymring for et barn i afdækningen (SEL §153). (SEL §153; G3.5.9)",
    )
    naloxone = Task.objects.create(
        course=randers_course, kind="naloxone", created_on=COMPLETED_ON, reason="Tilbyd naloxon. (G2.3.12)"
    )
    outreach = Task.objects.create(
        course=randers_course, kind="outreach", created_on=COMPLETED_ON, reason="Udeblev (anvisning 3.10.3)."
    )
    migration.split_sources(apps, None)
    old.refresh_from_db(), naloxone.refresh_from_db(), outreach.refresh_from_db()
    assert (old.reason, old.source) == (
        "Der er noteret en bekymring for et barn i afdækningen.",
        "Barnets lov §133, formerly SEL §153; G3.5.9",
    )
    assert (naloxone.reason, naloxone.source) == ("Tilbyd naloxon.", "G2.3.12")
    assert (outreach.reason, outreach.source) == ("Udeblev (anvisning 3.10.3).", "")
