"""The decision letter: an HTML template rendered in Danish, then to PDF with WeasyPrint.

Contents follow ``rules.letter_requirements`` (FVL §§22–25; SEL §3(2), §101(5–6); G3.6.1–3.6.4).
The citizen is named with address; the CPR number is never printed (nor needed: the letter is
sent to the person it names). ``letter_html`` is separate so that tests can read the text.
"""

from datetime import date

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from courses.models import KIND_LAW

from . import rules
from .models import Decision

LETTER_LANGUAGE = "da"


def letter_context(decision: Decision) -> dict:
    """Everything the letter template needs, read once from the decision and its course."""
    course = decision.course
    request = course.request
    standard = request.standard
    law = str(KIND_LAW.get(course.kind, ""))
    weeks = rules.complaint_weeks(standard.complaint_deadline_weeks)
    letter_date: date = decision.issued_on
    needs = rules.letter_requirements(decision.outcome, decision.form)
    return {
        "decision": decision,
        "course": course,
        "citizen": course.citizen,
        "centre": course.centre,
        "municipality": course.centre.municipality,
        "treatment_request": request,
        "needs": needs,
        "law": law,
        "letter_date": letter_date,
        "complaint_weeks": weeks,
        "complaint_deadline": rules.complaint_deadline(letter_date, weeks),
        "complaint_route": rules.decision_complaint_route(standard.complaint_routes, fallback_body=course.centre.name),
        "can_be_appealed": rules.can_be_appealed(law),
        "show_other_help": needs.other_help or bool(decision.other_help.strip()),
    }


def letter_html(decision: Decision) -> str:
    """The letter as HTML, always in Danish whatever the user's language."""
    with translation.override(LETTER_LANGUAGE):
        return render_to_string("decisions/letter.html", letter_context(decision))


def render_decision_letter(decision: Decision) -> bytes:
    """The letter as PDF bytes."""
    html = letter_html(decision)
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
