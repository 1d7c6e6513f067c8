"""The forms of journal notes: a new note, and a correction (a new version with its reason)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forlob.citations import law_citation
from forlob.forms import date_field

from .models import NoteKind
from .rules import LATE_AFTER_DAYS, NOTE_SOURCE


class JournalNoteForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=None,
        required=False,
        empty_label=_("None: a note on the citizen"),
        help_text=_("Choose the course the note belongs to, if it belongs to one."),
    )
    event_on = date_field(_("Date of the event"), help_text=_("When it happened or was received; not in the future."))
    kind = forms.ChoiceField(label=pgettext_lazy("journal note", "Kind"), choices=NoteKind.choices)
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, citizen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = citizen.courses.order_by("-opened_on", "-id")
        self.fields["text"].help_text = _(
            "Write down what was said or received and the significant steps, as soon as possible "
            "(%(source)s). A note written more than %(days)s days after the event shows the day it was written."
        ) % {"source": law_citation(NOTE_SOURCE), "days": LATE_AFTER_DAYS}


class CorrectionForm(forms.Form):
    based_on = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Corrected text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The whole note as it should read. The earlier text stays readable in the note's history."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the note is corrected, e.g. a wrong name or a misunderstanding."),
    )
