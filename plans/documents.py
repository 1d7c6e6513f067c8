"""The treatment plan as a document the citizen can take home (``forlob.documents``: Danish, PDF by
WeasyPrint, no CPR number). ``plan_html`` is separate so that tests can read the text."""

from pathlib import Path

from forlob.documents import document_html, document_pdf, letterhead

from .models import PlanVersion

STYLESHEET = Path(__file__).with_name("document.css")  # a file, not a <style>: no template carries CSS


def plan_content(version: PlanVersion) -> dict:
    return {"version": version, "goals": list(version.goals.all()), **letterhead(version.course)}


def plan_html(version: PlanVersion) -> str:
    return document_html("plans/document.html", plan_content(version))


def plan_pdf(version: PlanVersion) -> bytes:
    return document_pdf(plan_html(version), STYLESHEET)
