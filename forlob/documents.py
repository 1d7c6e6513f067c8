"""Documents the citizen takes home (the treatment plan, the status at discharge): HTML rendered in
Danish whatever the user's language, then a PDF by WeasyPrint, with one stylesheet for the page,
the type and the letterhead (``templates/documents/document.css``) and the document's own rules
after it. The letterhead (``includes/letterhead.html``) names the citizen and the centre, never
the CPR number. CSS lives in files, not in templates (no template carries a style)."""

from pathlib import Path

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

DOCUMENT_LANGUAGE = "da"
BASE_STYLESHEET = Path(settings.BASE_DIR) / "templates" / "documents" / "document.css"


def letterhead(course) -> dict:
    """What ``includes/letterhead.html`` needs for a document about ``course``."""
    return {
        "course": course,
        "citizen": course.citizen,
        "centre": course.centre,
        "municipality": course.centre.municipality,
        "printed_on": timezone.localdate(),
    }


def document_html(template: str, context: dict) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(template, context)


def document_pdf(html: str, stylesheet: Path | None = None, *, pdf_variant: str | None = None) -> bytes:
    """``html`` as a PDF, with the base stylesheet and the document's own (``stylesheet``);
    ``pdf_variant`` e.g. "pdf/ua-1" for a tagged PDF a screen reader can read."""
    sheets = [BASE_STYLESHEET, *([stylesheet] if stylesheet else [])]
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    return document.write_pdf(stylesheets=[weasyprint.CSS(filename=str(sheet)) for sheet in sheets], **options)
