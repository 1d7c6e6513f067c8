"""The written status at discharge (G3.11.2) as a PDF the citizen can take home: an HTML template
rendered in Danish, then to PDF with WeasyPrint (as ``decisions.letters``).

It names the citizen without the CPR number, and gives the register's answers, the status, and
the follow-ups the citizen will be offered (BEK 1477 §4(2); G3.12.1–3.12.3). ``status_html`` is
separate so that tests can read the text.
"""

from pathlib import Path

from forlob.documents import document_html, document_pdf, letterhead

from . import rules
from .models import Discharge

STYLESHEET = Path(__file__).with_name("status.css")  # a file, not a <style>: no template carries CSS


def status_content(discharge: Discharge, *, follow_ups=()) -> dict:
    return {
        "discharge": discharge,
        "follow_ups": list(follow_ups),
        "follow_up_required": rules.follow_up_required(discharge.reason),
        "outreach_prompted": rules.outreach_prompted(discharge.reason),
        **letterhead(discharge.course),
    }


def status_html(content: dict) -> str:
    """The status as HTML, always in Danish whatever the user's language."""
    return document_html("discharges/status_pdf.html", content)


def render_pdf(content: dict) -> bytes:
    return document_pdf(status_html(content), STYLESHEET)
