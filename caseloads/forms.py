from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Team

from .selectors import casework_staff


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class ReassignForm(forms.Form):
    """Hand one course over: to whom, which team, and why (optional)."""

    responsible = WorkerChoiceField(label=_("Responsible worker"), queryset=None)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        required=False,
        help_text=_("For example a leave, a new team or the citizen's wish. Write nothing about the citizen's health."),
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = casework_staff(course.centre_id)
        self.fields["team"].queryset = Team.objects.filter(centre_id=course.centre_id).order_by("name")
        self.fields["team"].empty_label = _("No team")


class TransferForm(forms.Form):
    """Move a worker's open courses (the ticked ones) to another worker, optionally to one team."""

    course_ids = forms.TypedMultipleChoiceField(
        label=_("Courses to move"), coerce=int, choices=(), widget=forms.CheckboxSelectMultiple
    )
    to_user = WorkerChoiceField(label=_("New responsible worker"), queryset=None)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, centre, from_user, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_ids"].choices = [(course.pk, str(course.citizen)) for course in courses]
        self.fields["to_user"].queryset = casework_staff(centre.pk).exclude(pk=from_user.pk)
        self.fields["team"].queryset = Team.objects.filter(centre=centre).order_by("name")
        self.fields["team"].empty_label = _("Keep each course's team")
        self.fields["course_ids"].error_messages["required"] = _("Choose at least one course.")
