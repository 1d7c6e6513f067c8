"""The decision letter: an HTML template rendered in Danish, then to PDF with WeasyPrint.

Contents follow ``rules.letter_requirements`` (FVL §§22–25; SEL §3(2), §101(5–6); G3.6.1–3.6.4);
the sentences that depend on the law come from ``rules.letter_law_wording``. The letter carries
its own date, the day it is produced, and the complaint deadline runs from when the citizen
receives it (``rules.letter_deadline``). The citizen is named with address; the CPR number is
never printed (nor needed: the letter is sent to the person it names). ``letter_html`` is
separate so that tests can read the text.
"""

from datetime import date

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses.models import KIND_LAW

from . import rules
from .models import Decision

LETTER_LANGUAGE = "da"
LETTER_DATE_FORMAT = "j. F Y"


def letter_content(decision: Decision, *, dated_on: date, channel: str) -> dict:
    """Everything the letter template needs, for a letter dated ``dated_on`` sent by ``channel``."""
    course = decision.course
    request = course.request
    standard = request.standard
    law = str(KIND_LAW.get(course.kind, ""))
    weeks = rules.complaint_weeks(standard.complaint_deadline_weeks)
    needs = rules.letter_requirements(decision.outcome, decision.form)
    deadline = rules.letter_deadline(dated_on, channel, weeks)
    with translation.override(LETTER_LANGUAGE):
        wording = rules.letter_law_wording(law, decision.outcome, standard.complaint_routes)
        complaint_deadline_text = wording.complaint_deadline % {
            "weeks": weeks,
            "received": date_format(deadline.received_on, LETTER_DATE_FORMAT),
            "deadline": date_format(deadline.due_on, LETTER_DATE_FORMAT),
        }
    return {
        "decision": decision,
        "course": course,
        "citizen": course.citizen,
        "centre": course.centre,
        "municipality": course.centre.municipality,
        "treatment_request": request,
        "needs": needs,
        "wording": wording,
        "letter_date": dated_on,
        "complaint_deadline": deadline,
        "complaint_deadline_text": complaint_deadline_text,
        "complaint_route": rules.decision_complaint_route(standard.complaint_routes, fallback_body=course.centre.name),
        "reassessment_weeks": rules.letter_reassessment_weeks(standard.complaint_reassessment_weeks),
        "can_be_appealed": rules.can_be_appealed(law),
        "show_other_help": needs.other_help or bool(decision.other_help.strip()),
    }


def render_html(content: dict) -> str:
    """The letter as HTML, always in Danish whatever the user's language."""
    with translation.override(LETTER_LANGUAGE):
        return render_to_string("decisions/letter.html", content)


def render_pdf(content: dict) -> bytes:
    return weasyprint.HTML(string=render_html(content), base_url=str(settings.BASE_DIR)).write_pdf()


def letter_html(decision: Decision, *, dated_on: date | None = None, channel: str = rules.DIGITAL_POST) -> str:
    """The letter as HTML, dated ``dated_on`` (by default today)."""
    return render_html(letter_content(decision, dated_on=dated_on or timezone.localdate(), channel=channel))
