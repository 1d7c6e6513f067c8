"""The plan for the citizen to take home: Danish whatever the user's language, the centre's name,
no CPR number; WeasyPrint turns it into a PDF."""

from django.utils import translation

from plans import documents, services

from .conftest import plan_fields


def test_the_plan_document_is_danish_and_prints_no_cpr(course, randers_therapist):
    version = services.plan_version_save(
        course=course,
        by=randers_therapist,
        **plan_fields(
            coordinated_plan="action_plan",
            coordinated_plan_on=course.treatment_started_on,
            coordinated_plan_keeper="Jobcentret",
            substance_goal="stop",
        ),
    )
    with translation.override("en"):
        html = documents.plan_html(version)
    citizen = course.citizen
    assert '<html lang="da">' in html
    assert citizen.first_name in html and course.centre.name in html
    assert "Stop med at ryge hash i hverdagene" in html and "Jobcentret" in html
    assert citizen.cpr_masked not in html and citizen.cpr_masked[:6] not in html
    assert "18. februar 2026" in html  # Danish dates whatever the user's language


def test_the_plan_becomes_a_pdf(course, randers_therapist):
    version = services.plan_version_save(course=course, by=randers_therapist, **plan_fields())
    assert documents.plan_pdf(version).startswith(b"%PDF")
