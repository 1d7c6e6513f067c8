"""The decision letter: an HTML template rendered in Danish, then to PDF with WeasyPrint through
``forlob.documents`` (one letterhead, one base stylesheet, the letter's own rules after it).

Contents follow ``rules.letter_requirements`` (FVL §§22–25; SEL §3(2), §101(5–6); G3.6.1–3.6.4);
the sentences that depend on the law come from ``rules.letter_law_wording``. The letter carries
its own date, the day it is produced, and the complaint deadline runs from when the citizen
receives it (``rules.letter_deadline``). The citizen is named, with the address unless it is
protected (``rules.prints_address``); the CPR number is never printed. A new decision's letter
says what changed since the decision it replaces and why (``rules.changed_fields``).
``letter_html`` is separate so that tests can read the text; ``render_body`` gives the letter
without its page, for the draft's preview on a page of its own.
"""

from datetime import date
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses.models import KIND_LAW
from forlob.documents import DOCUMENT_LANGUAGE, document_pdf, letterhead

from . import rules
from .models import Decision, DecisionRevision

LETTER_LANGUAGE = DOCUMENT_LANGUAGE
LETTER_DATE_FORMAT = "j. F Y"
STYLESHEET = Path(__file__).with_name("letter.css")  # a file, not a <style>: no template carries CSS


def _previous(decision: Decision) -> DecisionRevision | None:
    """The version a new decision replaced (none for a first decision or an unsaved draft)."""
    if decision.pk is None or decision.reissued_on is None:
        return None
    return decision.revisions.select_related("complaint").order_by("-number").first()


def letter_content(decision: Decision, *, dated_on: date, channel: str) -> dict:
    """Everything the letter template needs, for a letter dated ``dated_on`` sent by ``channel``."""
    course = decision.course
    request = course.request
    standard = request.standard
    law = str(KIND_LAW.get(course.kind, ""))
    weeks = rules.complaint_weeks(standard.complaint_deadline_weeks)
    needs = rules.letter_requirements(decision.outcome, decision.form)
    deadline = rules.letter_deadline(dated_on, channel, weeks)
    previous = _previous(decision)
    with translation.override(LETTER_LANGUAGE):
        wording = rules.letter_law_wording(law, decision.outcome, standard.complaint_routes)
        complaint_deadline_text = wording.complaint_deadline % {
            "weeks": weeks,
            "received": date_format(deadline.received_on, LETTER_DATE_FORMAT),
            "deadline": date_format(deadline.due_on, LETTER_DATE_FORMAT),
        }
        and_word = translation.pgettext("enumeration", "and")
        changed = rules.enumeration(rules.change_labels(previous.changed), and_word) if previous else ""
    return {
        **letterhead(course),
        "decision": decision,
        "treatment_request": request,
        "needs": needs,
        "wording": wording,
        "letter_date": dated_on,
        "print_address": rules.prints_address(course.citizen.address_protected),
        "complaint_deadline": deadline,
        "complaint_deadline_text": complaint_deadline_text,
        "complaint_route": rules.decision_complaint_route(standard.complaint_routes, fallback_body=course.centre.name),
        "reassessment_weeks": rules.letter_reassessment_weeks(standard.complaint_reassessment_weeks),
        "can_be_appealed": rules.can_be_appealed(law),
        "show_other_help": needs.other_help or bool(decision.other_help.strip()),
        "previous": previous,
        "changed": changed,
    }


def render_html(content: dict) -> str:
    """The letter as an HTML document, always in Danish whatever the user's language."""
    with translation.override(LETTER_LANGUAGE):
        return render_to_string("decisions/letter.html", content)


def render_body(content: dict, *, preview: bool = False) -> str:
    """The letter without its page (no <html>, <head>), in Danish, for showing it inside a page.
    ``preview`` marks it as a draft and lowers its headings below the page's own."""
    with translation.override(LETTER_LANGUAGE):
        return render_to_string("decisions/letter_body.html", {**content, "preview": preview})


def render_pdf(content: dict) -> bytes:
    return document_pdf(render_html(content), STYLESHEET)


def letter_html(decision: Decision, *, dated_on: date | None = None, channel: str = rules.DIGITAL_POST) -> str:
    """The letter as HTML, dated ``dated_on`` (by default today)."""
    return render_html(letter_content(decision, dated_on=dated_on or timezone.localdate(), channel=channel))
