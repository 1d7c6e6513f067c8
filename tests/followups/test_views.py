"""The follow-up page, the record form and the course page's panel (G3.12)."""

from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses import services as course_services
from followups.models import FollowUp
from followups.panels import course_panel
from followups.services import follow_up_record
from organisations.models import Role
from tests.conftest import staff, verified_client

from .conftest import discharge, reached, relapsed


def page_url(course):
    return reverse("followups:course", args=[course.pk])


def record_url(course, months=None):
    url = reverse("followups:record", args=[course.pk])
    return f"{url}?maaneder={months}" if months else url


def form_data(**values) -> dict:
    data = {"months": "1", "held_on": "2026-06-01", "reached": "yes", "how": "phone"}
    data.update(values)
    return data


def test_the_page_lists_the_follow_ups_with_due_date_status_and_provider(discharged, randers_therapist):
    response = verified_client(randers_therapist).get(page_url(discharged))
    body = response.content.decode()
    assert response.status_code == 200
    assert "01.06.2026" in body and "01.11.2026" in body
    assert body.count('data-status="overdue"') == 1  # the 1-month follow-up, 14 days overdue
    assert str(discharged.centre) in body  # who carries it out (G3.12.2)
    assert f"{record_url(discharged)}?maaneder=1" in body


def test_recording_a_follow_up_meets_it_and_shows_what_was_recorded(discharged, randers_therapist):
    client = verified_client(randers_therapist)
    response = client.post(
        record_url(discharged, 1),
        form_data(
            status="keeps_goal", situation="Eva arbejder igen.", goal_holds="yes", needs=["housing", "work_education"]
        ),
    )
    assert response.status_code == 302 and response["Location"] == page_url(discharged)
    follow_up = FollowUp.objects.get()
    assert (follow_up.months, follow_up.needs) == (1, ["housing", "work_education"])
    body = client.get(page_url(discharged)).content.decode()
    assert 'data-recorded="1"' in body and "Eva arbejder igen." in body
    assert body.count('data-status="kept"') == 1


def test_the_form_preselects_the_follow_up_asked_for(discharged, randers_therapist):
    body = verified_client(randers_therapist).get(record_url(discharged, 6)).content.decode()
    assert '<option value="6" selected>' in body


def test_an_opted_out_citizen_is_refused_in_danish_with_the_input_kept(treated, randers_therapist):
    course = discharge(treated, randers_therapist, opted_out_on=date(2026, 5, 20))
    response = verified_client(randers_therapist).post(
        record_url(course, 1), form_data(status="keeps_goal", situation="Samtale om boligen.", goal_holds="yes")
    )
    with translation.override("da"):
        message = _("The citizen declined follow-up on %(date)s.") % {"date": "20.05.2026"}
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body and 'aria-invalid="true"' in body
    assert "Samtale om boligen." in body
    assert not FollowUp.objects.exists()


def test_when_the_result_did_not_hold_the_offer_is_asked_for_on_its_fields(discharged, randers_therapist):
    response = verified_client(randers_therapist).post(
        record_url(discharged, 1), form_data(status="relapsed", situation="Tilbagefald i maj.", goal_holds="no")
    )
    form = response.context["form"]
    assert set(form.errors) == {"offer_response", "offer"}
    assert "Tilbagefald i maj." in response.content.decode()


def test_the_page_offers_follow_up_treatment_and_a_new_course_when_the_result_did_not_hold(
    discharged, randers_therapist
):
    follow_up_record(course=discharged, by=randers_therapist, **relapsed())
    body = verified_client(randers_therapist).get(page_url(discharged)).content.decode()
    assert "data-did-not-hold" in body and 'data-offer="accepted"' in body and "MOVE" in body
    assert reverse("courses:open", args=[discharged.citizen_id]) in body


def test_nothing_to_record_sends_back_to_the_page(discharged, randers_therapist):
    follow_up_record(course=discharged, by=randers_therapist, **reached())
    follow_up_record(course=discharged, by=randers_therapist, **reached(months=6, held_on=date(2026, 6, 15)))
    response = verified_client(randers_therapist).get(record_url(discharged))
    assert response.status_code == 302 and response["Location"] == page_url(discharged)


def test_a_course_not_discharged_has_no_follow_ups_to_record(treated, randers_therapist):
    client = verified_client(randers_therapist)
    assert "data-no-discharge" in client.get(page_url(treated)).content.decode()
    assert client.get(record_url(treated)).status_code == 302


def test_a_manager_reads_the_follow_ups_but_does_not_record_them(discharged, randers_manager):
    client = verified_client(randers_manager)
    body = client.get(page_url(discharged)).content.decode()
    assert "01.06.2026" in body and record_url(discharged) not in body
    assert client.get(record_url(discharged, 1)).status_code == 403
    assert client.post(record_url(discharged, 1), form_data()).status_code == 403


@pytest.mark.parametrize("name", ["followups:course", "followups:record"])
def test_another_centre_gets_404(discharged, fredericia_centre, name):
    outsider = staff(fredericia_centre, Role.VISITATOR, Role.THERAPIST, Role.MANAGER, username="fredericia-alle")
    assert verified_client(outsider).get(reverse(name, args=[discharged.pk])).status_code == 404


def panel_html(course, user) -> str:
    """The panel as the course page includes it (``courses/detail.html``: ``panel`` and ``today``)."""
    return render_to_string(
        "followups/includes/course_panel.html", {"panel": course_panel(course, user), "today": date(2026, 6, 15)}
    )


def test_the_course_page_panel_shows_the_follow_ups_and_the_steps(discharged, randers_therapist):
    body = panel_html(discharged, randers_therapist)
    assert 'data-panel="followups"' in body
    assert 'data-follow-up="1"' in body and 'data-follow-up="6"' in body
    assert page_url(discharged) in body


def test_the_panel_steps_are_for_case_workers_only(discharged, randers_therapist, randers_manager):
    labels = [label for _, label in course_panel(discharged, randers_therapist)["steps"]]
    assert len(labels) == 2 and "1" in labels[0] and "6" in labels[1]
    assert course_panel(discharged, randers_manager)["steps"] == []


def test_the_panel_says_when_the_citizen_opted_out(treated, randers_therapist):
    course = discharge(treated, randers_therapist, opted_out_on=date(2026, 5, 1))
    panel = course_panel(course, randers_therapist)
    assert panel["steps"] == []  # both follow-ups waived from the opt-out
    body = panel_html(course, randers_therapist)
    assert "data-opted-out" in body and "01.05.2026" in body


def test_no_panel_before_discharge(treated, randers_therapist):
    assert course_panel(treated, randers_therapist) is None


def test_the_panel_shows_a_readmission_within_12_months(discharged, randers_therapist):
    later = course_services.course_open(
        citizen=discharged.citizen, by=randers_therapist, kind="drug", first_contact_on=date(2026, 6, 10)
    )
    assert later.previous_course_id == discharged.pk  # G3.12.6: linked automatically
    body = panel_html(discharged, randers_therapist)
    assert f'data-later-course="{later.pk}" data-readmission' in body and "10.06.2026" in body


def test_a_new_course_after_another_reason_is_no_readmission(treated, randers_therapist):
    course = discharge(treated, randers_therapist, reason="hospital")
    later = course_services.course_open(
        citizen=course.citizen, by=randers_therapist, kind="drug", first_contact_on=date(2026, 6, 10)
    )
    body = verified_client(randers_therapist).get(page_url(course)).content.decode()
    assert f'data-later-course="{later.pk}"' in body and "data-readmission" not in body


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_read_a_bounded_number_of_queries(discharged, randers_therapist, django_assert_max_num_queries):
    client = verified_client(randers_therapist)
    urls = [page_url(discharged), record_url(discharged, 6)]
    before = [_queries(client, url) for url in urls]
    with CaptureQueriesContext(connection) as panel_queries:
        panel_html(discharged, randers_therapist)
    follow_up_record(course=discharged, by=randers_therapist, **relapsed())
    for day in (5, 6, 7):  # more later courses
        later = course_services.course_open(
            citizen=discharged.citizen, by=randers_therapist, kind="drug", first_contact_on=date(2026, 6, day)
        )
        course_services.course_close(course=later, by=randers_therapist, closed_on=date(2026, 6, day), kind="withdrawn")
        later.previous_course = discharged
        later.save(update_fields=["previous_course"])
    with django_assert_max_num_queries(len(panel_queries)):
        panel_html(discharged, randers_therapist)
    for url, count in zip(urls, before, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_course_page_includes_the_panel(discharged, randers_therapist):
    body = verified_client(randers_therapist).get(reverse("courses:detail", args=[discharged.pk])).content.decode()
    assert 'data-panel="followups"' in body and f"{record_url(discharged)}?maaneder=1" in body
