"""The treatment plan as a document the citizen can take home: HTML rendered in Danish whatever the
user's language, then to PDF with WeasyPrint (like ``decisions.letters``). It names the citizen
and the centre, never the CPR number. ``plan_html`` is separate so that tests can read the text."""

from pathlib import Path

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import PlanVersion

DOCUMENT_LANGUAGE = "da"
STYLESHEET = Path(__file__).with_name("document.css")  # a file, not a <style>: no template carries CSS


def plan_content(version: PlanVersion) -> dict:
    course = version.course
    return {
        "version": version,
        "goals": list(version.goals.all()),
        "course": course,
        "citizen": course.citizen,
        "centre": course.centre,
        "municipality": course.centre.municipality,
        "printed_on": timezone.localdate(),
    }


def plan_html(version: PlanVersion) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string("plans/document.html", plan_content(version))


def plan_pdf(version: PlanVersion) -> bytes:
    html = weasyprint.HTML(string=plan_html(version), base_url=str(settings.BASE_DIR))
    return html.write_pdf(stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))])
