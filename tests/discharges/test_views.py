"""The discharge's pages: who may do what, another centre's course, the form's errors, the status
page, the PDF and the course page's panel."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEvent
from courses.models import CourseState
from discharges import panels, services, status_pdf
from discharges.models import Discharge
from organisations.models import Role
from tests.conftest import staff, verified_client

from .conftest import TODAY, register_answers


def form_data(**overrides) -> dict:
    data = {name: str(value) for name, value in register_answers().items()}
    data |= {
        "discharged_on": TODAY.isoformat(),
        "background": "Borgeren har gennemført behandlingen.",
        "goal_attainment": "Målet om stoffrihed er nået.",
        "citizen_wishes": "Vil gerne i job.",
        "support_needs": "Hjælp fra jobcentret.",
        "plan_forward": "SMART Recovery-gruppe.",
        "made_with_citizen": "on",
        "coordination": "Jobcentret er orienteret.",
        "advised_where": "Åben Rådgivning.",
        "told_about_follow_up": "on",
    }
    return data | overrides


def url(name, course):
    return reverse(f"discharges:{name}", args=[course.pk])


def test_a_therapist_discharges_the_citizen_from_the_form(treated, randers_therapist):
    client = verified_client(randers_therapist)
    assert client.get(url("discharge", treated)).status_code == 200
    response = client.post(url("discharge", treated), form_data())
    assert response.status_code == 302 and response["Location"] == url("detail", treated)
    treated.refresh_from_db()
    assert treated.state == CourseState.CLOSED and treated.closed_kind == "discharged"
    record = treated.discharge
    assert (record.reason, record.housing, record.plan_forward) == ("completed", "own_home", "SMART Recovery-gruppe.")
    assert record.made_with_citizen and record.told_about_follow_up and record.follow_up_opted_out_on is None


def test_a_manager_reads_but_does_not_discharge(treated, randers_therapist, randers_manager):
    client = verified_client(randers_manager)
    assert client.get(url("discharge", treated)).status_code == 403
    assert client.post(url("discharge", treated), form_data()).status_code == 403
    services.discharge_record(course=treated, by=randers_therapist, **register_answers())
    assert client.get(url("detail", treated)).status_code == 200
    assert client.get(url("pdf", treated)).status_code == 200
    assert client.post(url("opt_out", treated), {"opted_out_on": TODAY.isoformat()}).status_code == 403


def test_another_centres_staff_find_nothing(treated, randers_therapist, fredericia_centre):
    services.discharge_record(course=treated, by=randers_therapist, **register_answers())
    outsider = staff(fredericia_centre, Role.THERAPIST, Role.MANAGER, username="fredericia-behandler")
    client = verified_client(outsider)
    for name in ("discharge", "detail", "pdf"):
        assert client.get(url(name, treated)).status_code == 404, name
    assert client.post(url("opt_out", treated), {"opted_out_on": TODAY.isoformat()}).status_code == 404


@pytest.mark.parametrize(
    "field",
    ["discharged_on", "drug_use_status", "reason", "self_help_contact", "drug_free_partner", "housing", "income"],
)
def test_each_missing_register_field_shows_its_danish_error_and_keeps_the_rest(treated, randers_therapist, field):
    response = verified_client(randers_therapist).post(url("discharge", treated), form_data(**{field: ""}))
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("da"):
        assert form.errors == {field: [str(services.REGISTER_FIELD_MESSAGES[field])]}
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and "Stofmisbrugsdatabasen" in page
    assert "SMART Recovery-gruppe." in page and "Åben Rådgivning." in page  # nothing typed is lost
    for other, value in register_answers().items():
        if other != field:
            assert form[other].value() == str(value)
    treated.refresh_from_db()
    assert treated.state == CourseState.IN_TREATMENT


def test_the_form_shows_every_error_at_once(treated, randers_therapist):
    data = form_data(housing="", income="", reason="no_show", made_with_citizen="", discharged_on="2099-01-01")
    response = verified_client(randers_therapist).post(url("discharge", treated), data)
    assert set(response.context["form"].errors) == {
        "housing",
        "income",
        "outreach",
        "not_with_citizen_why",
        "discharged_on",
    }


def test_the_citizen_declines_follow_up_on_the_form(treated, randers_therapist):
    verified_client(randers_therapist).post(url("discharge", treated), form_data(follow_up_declined="on"))
    assert Discharge.objects.get(course=treated).follow_up_opted_out_on == TODAY


def test_a_course_not_in_treatment_is_not_offered_the_form(today, randers_centre, randers_therapist):
    from tests.pathway import course_in_treatment

    granted = course_in_treatment(randers_centre, therapist=randers_therapist, started=False)
    response = verified_client(randers_therapist).get(url("discharge", granted))
    assert response.status_code == 302 and response["Location"] == reverse("courses:detail", args=[granted.pk])
    assert verified_client(randers_therapist).get(url("detail", granted)).status_code == 302


def test_the_status_page_shows_the_register_the_status_and_the_follow_ups(treated, randers_therapist):
    client = verified_client(randers_therapist)
    client.post(url("discharge", treated), form_data())
    page = client.get(url("detail", treated)).content.decode()
    assert 'data-reason="completed"' in page
    assert "Målet om stoffrihed er nået." in page
    assert 'data-follow-up="1"' in page and 'data-follow-up="6"' in page
    assert "01.04.2027" in page and "01.09.2027" in page
    assert "bekendtgørelse nr. 1477" in page  # the source in Danish legal notation
    assert url("opt_out", treated) in page


def test_the_opt_out_after_discharge_from_the_status_page(treated, randers_therapist):
    client = verified_client(randers_therapist)
    client.post(url("discharge", treated), form_data())
    response = client.post(url("opt_out", treated), {"opted_out_on": TODAY.isoformat()})
    assert response.status_code == 302
    assert Discharge.objects.get(course=treated).follow_up_opted_out_on == TODAY
    assert url("opt_out", treated) not in client.get(url("detail", treated)).content.decode()
    again = client.post(url("opt_out", treated), {"opted_out_on": TODAY.isoformat()})
    assert again.status_code == 200 and again.context["form"].non_field_errors()


def test_the_opt_out_is_post_only(treated, randers_therapist):
    assert verified_client(randers_therapist).get(url("opt_out", treated)).status_code == 405


def test_the_pdf_is_logged_as_an_export_and_has_no_cpr(treated, randers_therapist):
    services.discharge_record(
        course=treated, by=randers_therapist, **register_answers(), plan_forward="Gruppeforløb hver tirsdag."
    )
    response = verified_client(randers_therapist).get(url("pdf", treated))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "udskrivningsstatus-2027-03-01.pdf" in response["Content-Disposition"]
    export = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, actor=randers_therapist).get()
    assert export.citizen_id == treated.citizen_id and export.object_type == "discharges.Discharge"
    record = Discharge.objects.get(course=treated)
    html = status_pdf.status_html(
        status_pdf.status_content(record, follow_ups=treated.deadlines.filter(kind="follow_up"))
    )
    citizen = treated.citizen
    assert citizen.cpr not in html and citizen.cpr[:6] not in html
    assert citizen.first_name in html
    assert "Status ved udskrivning" in html or "Status at discharge" in html
    assert "Gruppeforløb hver tirsdag." in html
    assert "1. april 2027" in html and "1. september 2027" in html  # Danish dates, whatever the user's language


def test_the_panel_offers_the_step_to_casework_only(treated, randers_therapist, randers_manager):
    with translation.override("en"):
        panel = panels.course_panel(treated, randers_therapist)
    assert panel["steps"] == [(url("discharge", treated), "Discharge the citizen")]
    assert panels.course_panel(treated, randers_manager) is None


def test_the_panel_summarises_the_discharge_in_two_queries(treated, randers_therapist, django_assert_max_num_queries):
    services.discharge_record(course=treated, by=randers_therapist, **register_answers())
    treated.refresh_from_db()
    with django_assert_max_num_queries(2):
        panel = panels.course_panel(treated, randers_therapist)
    assert panel["steps"] == [] and [d.ref for d in panel["follow_ups"]] == ["1", "6"]
    page = verified_client(randers_therapist).get(reverse("courses:detail", args=[treated.pk])).content.decode()
    assert 'data-panel="discharge"' in page and url("detail", treated) in page


def test_the_panel_says_when_the_citizen_declined(treated, randers_therapist):
    services.discharge_record(course=treated, by=randers_therapist, **register_answers(), follow_up_declined=True)
    treated.refresh_from_db()
    page = verified_client(randers_therapist).get(reverse("courses:detail", args=[treated.pk])).content.decode()
    assert "01.03.2027" in page and "data-follow-up-summary" in page


def test_the_panel_shows_nothing_for_a_course_closed_otherwise(today, randers_centre, randers_therapist):
    from courses import services as course_services
    from tests.pathway import course_in_treatment

    granted = course_in_treatment(randers_centre, therapist=randers_therapist, started=False)
    course_services.course_close(course=granted, by=randers_therapist, closed_on=date(2027, 3, 1), kind="withdrawn")
    assert panels.course_panel(granted, randers_therapist) is None


def test_a_physician_of_the_centre_may_discharge_too(treated, randers_centre):
    physician = staff(randers_centre, Role.PHYSICIAN, username="randers-laege")
    assert verified_client(physician).get(url("discharge", treated)).status_code == 200


def test_the_form_links_to_the_plan_and_its_goals(treated, randers_therapist):
    from .test_services import plan_version

    client = verified_client(randers_therapist)
    plan = reverse("plans:plan", args=[treated.pk])
    assert plan not in client.get(url("discharge", treated)).content.decode()
    plan_version(treated, randers_therapist)
    assert plan in client.get(url("discharge", treated)).content.decode()
