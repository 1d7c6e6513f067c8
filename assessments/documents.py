"""The child-welfare notification (underretning) as a text to copy or a PDF (``forlob.documents``:
Danish whatever the user's language, PDF by WeasyPrint).

Filled from the case: the citizen (the parent), the children known (``RelatedPerson`` rows of the
two child kinds, and the assessment's answers), the concern recorded, the centre and the worker.
No CPR number is ever recorded for a child, and the citizen's is not printed (documents never
carry one): the page says what must be added by hand. A protected address (navne- og
adressebeskyttelse) is left out.
"""

from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _

from citizens.models import RelatedPerson
from forlob.documents import document_html, document_pdf, letterhead

from . import rules
from .models import Task

STYLESHEET = Path(__file__).with_name("notification.css")  # a file, not a <style>: no template carries CSS
CHILD_KINDS = (RelatedPerson.Kind.CHILD_AT_HOME, RelatedPerson.Kind.CHILD_ELSEWHERE)


def notification_content(task: Task, *, worker) -> dict:
    """What the notification says, from the case; ``to_add`` lists what the worker adds by hand."""
    course = task.course
    citizen = course.citizen
    try:
        assessment = course.assessment
    except ObjectDoesNotExist:
        assessment = None
    children = list(citizen.related_people.filter(kind__in=CHILD_KINDS).order_by("kind", "name"))
    concern = (assessment.child_concern_details.strip() if assessment else "") or ""
    to_add = [_("the children's CPR numbers (not recorded in Forløb)"), _("the citizen's CPR number")]
    if not children:
        to_add.insert(0, _("the children's names (no child is recorded on the citizen)"))
    if not task.recipient:
        to_add.append(_("the child's home municipality, if it is not the citizen's"))
    if not concern:
        to_add.append(_("what the concern is (not described in the assessment)"))
    to_add.append(_("whether the citizen has been told of the notification"))
    head = letterhead(course)
    recipient = task.recipient or _("the child's home municipality")
    return {
        **head,
        # The letterhead names its addressee where a letter to the citizen names the citizen.
        "addressee": {"first_name": _("To:"), "last_name": recipient},
        "subject": citizen,
        "task": task,
        "assessment": assessment,
        "children": children,
        "concern": concern,
        "expecting": bool(assessment and rules.expecting_a_child(assessment.pregnancy)),
        "address_protected": citizen.address_protected,
        "worker": worker,
        "source": rules.CHILD_NOTIFICATION_SOURCE,
        "to_add": to_add,
    }


def notification_body_html(content: dict) -> str:
    """The notification's text (no letterhead), in Danish: for the page to copy from."""
    return document_html("assessments/notification_body.html", content)


def notification_html(content: dict) -> str:
    """The whole document with its letterhead, in Danish."""
    return document_html("assessments/notification_document.html", content)


def notification_pdf(content: dict) -> bytes:
    return document_pdf(notification_html(content), STYLESHEET)
