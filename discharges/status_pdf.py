"""The written status at discharge (G3.11.2) as a PDF the citizen can take home: an HTML template
rendered in Danish, then to PDF with WeasyPrint (as ``decisions.letters``).

It names the citizen without the CPR number, and gives the register's answers, the status, and
the follow-ups the citizen will be offered (BEK 1477 §4(2); G3.12.1–3.12.3). ``status_html`` is
separate so that tests can read the text.
"""

from pathlib import Path

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import rules
from .models import Discharge

LANGUAGE = "da"
STYLESHEET = Path(__file__).with_name("status.css")  # a file, not a <style>: no template carries CSS


def status_content(discharge: Discharge, *, follow_ups=()) -> dict:
    course = discharge.course
    return {
        "discharge": discharge,
        "course": course,
        "citizen": course.citizen,
        "centre": course.centre,
        "municipality": course.centre.municipality,
        "follow_ups": list(follow_ups),
        "follow_up_required": rules.follow_up_required(discharge.reason),
        "outreach_prompted": rules.outreach_prompted(discharge.reason),
        "printed_on": timezone.localdate(),
    }


def status_html(content: dict) -> str:
    """The status as HTML, always in Danish whatever the user's language."""
    with translation.override(LANGUAGE):
        return render_to_string("discharges/status_pdf.html", content)


def render_pdf(content: dict) -> bytes:
    html = weasyprint.HTML(string=status_html(content), base_url=str(settings.BASE_DIR))
    return html.write_pdf(stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))])
