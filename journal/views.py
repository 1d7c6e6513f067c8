"""Journal notes' pages: write a note (from the citizen's page or a course's), correct a note (a
new version with its reason), and a note's history (every version, the earlier texts readable).

Every page reads its citizen through ``citizen_for_user`` / ``course_for_user`` or the scoped
``selectors.notes_for``: another centre's note or citizen is missing (404), and the read is logged.
"""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_read
from citizens.selectors import citizen_for_user
from courses.selectors import course_for_user
from forlob.forms import submit
from organisations.access import get_or_404, has_role, role_required
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES

from . import forms, services
from .models import JournalNote
from .rules import NOTE_SOURCE
from .selectors import notes_for


@role_required(*CASEWORK_ROLES)
def citizen_add(request: HttpRequest, citizen_pk: int) -> HttpResponse:
    """A note on the citizen (the course can be chosen on the form)."""
    citizen = citizen_for_user(request.user, citizen_pk, audit=False)
    if not has_role(request.user, CASEWORK_ROLES, centre_id=citizen.centre_id):
        raise PermissionDenied
    # The form page names the citizen: a read, logged once the role is checked.
    audit_read(actor=request.user, obj=citizen, citizen_id=citizen.pk, centre_id=citizen.centre_id)
    return _add(request, citizen, None, reverse("citizens:detail", args=[citizen.pk]), _("Back to the citizen"))


@role_required(*CASEWORK_ROLES)
def course_add(request: HttpRequest, course_pk: int) -> HttpResponse:
    """A note from the course page: the course is chosen already."""
    course = course_for_user(request.user, course_pk, roles=CASEWORK_ROLES)  # 404, 403, or the read logged
    return _add(request, course.citizen, course, reverse("courses:detail", args=[course.pk]), _("Back to the course"))


def _add(request: HttpRequest, citizen, course, back_url: str, back_label: str) -> HttpResponse:
    form = forms.JournalNoteForm(
        request.POST or None, citizen=citizen, initial={"event_on": timezone.localdate(), "course": course}
    )
    step = partial(services.journal_note_add, citizen=citizen, by=request.user)
    if submit(request, form, step, saved=_("The note is saved.")).done:
        return redirect(back_url)
    return render(
        request,
        "form_page.html",
        {
            "title": _("Write a journal note"),
            "intro": f"{citizen} – {course.get_kind_display()}" if course else str(citizen),
            "form": form,
            "submit_label": _("Save the note"),
            "back_url": back_url,
            "back_label": back_label,
        },
    )


def _note(request: HttpRequest, note_pk: int, roles) -> JournalNote:
    """The note, if its citizen is at one of the user's centres (else 404) and the user holds one of
    ``roles`` there (else 403); the read is then logged."""
    note = get_or_404(notes_for(request.user), pk=note_pk)
    if not has_role(request.user, roles, centre_id=note.citizen.centre_id):
        raise PermissionDenied
    audit_read(actor=request.user, obj=note, citizen_id=note.citizen_id, centre_id=note.citizen.centre_id)
    return note


@role_required(*CASEWORK_ROLES)
def correct(request: HttpRequest, note_pk: int) -> HttpResponse:
    """Correct a note: the current text is shown, the new text and the reason asked for."""
    note = _note(request, note_pk, CASEWORK_ROLES)
    current = note.versions.select_related("written_by").order_by("-number").first()
    form = forms.CorrectionForm(request.POST or None, initial={"based_on": current.number, "text": current.text})
    step = partial(services.journal_note_correct, note=note, by=request.user)
    if submit(request, form, step, saved=_("The correction is saved. The earlier text stays readable.")).done:
        return redirect("journal:history", note.pk)
    if form.is_bound and form.data.get("based_on") != str(current.number):
        # Corrected by someone else meanwhile: the page now shows the newer text, and the next
        # save corrects that one (the typed text stays in the form).
        form.data = form.data.copy()
        form.data["based_on"] = str(current.number)
    return render(
        request,
        "journal/correct.html",
        {
            "title": _("Correct a journal note"),
            "intro": str(note.citizen),
            "note": note,
            "current": current,
            "form": form,
            "submit_label": _("Save the correction"),
            "back_url": reverse("journal:history", args=[note.pk]),
            "back_label": _("Back to the note"),
        },
    )


@role_required(*CASE_READ_ROLES)
def history(request: HttpRequest, note_pk: int) -> HttpResponse:
    """The note and every version of it, newest first: who wrote each, when, and why it was corrected."""
    note = _note(request, note_pk, CASE_READ_ROLES)
    versions = list(note.versions.select_related("written_by").order_by("-number"))
    return render(
        request,
        "journal/history.html",
        {
            "note": note,
            "citizen": note.citizen,
            "versions": versions,
            "current": versions[0],
            "can_write": has_role(request.user, CASEWORK_ROLES, centre_id=note.citizen.centre_id),
            "source": NOTE_SOURCE,
        },
    )
