from django import forms
from django.utils.translation import gettext_lazy as _

from .sources import Kind


class TimelineFilterForm(forms.Form):
    """Which kinds of event to show (GET ``?kind=...``); none chosen shows every kind."""

    kind = forms.MultipleChoiceField(
        label=_("Show only"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def chosen(self) -> set[str] | None:
        """The kinds chosen, or None for all (also when the query names no known kind)."""
        wanted = {value for value in self.data.getlist("kind") if value in Kind.values} if self.is_bound else set()
        return wanted or None
