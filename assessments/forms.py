"""Forms of the assessment pages. They check the shape of the input; the services check the law."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Assessment, Instrument, PhysicianConsultation, Task


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (YYYY-MM-DD) whatever the language; Django
    shows and parses dates with the active locale's formats elsewhere (l10n)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})}, format="%Y-%m-%d")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def results_as_text(results: dict) -> str:
    return "\n".join(f"{domain}: {text}" for domain, text in results.items())


class AssessmentForm(forms.ModelForm):
    """The assessment, in groups (``groups``) that the page shows as fieldsets."""

    instrument_results = forms.CharField(
        label=_("Results by domain"),
        required=False,
        widget=_textarea(5),
        help_text=_("One domain a line, with a colon: for example “Drugs: daily use of cannabis”."),
    )

    completed_on = forms.DateField(
        label=_("Completed on"),
        required=False,
        widget=DateInput(),
        help_text=_("Used when you complete the assessment: the day it was completed, today or earlier."),
    )

    GROUPS = (
        (_("The assessment"), ("started_on", "told_how_it_works", "feedback_given_on", "completed_on")),
        (_("The five areas (G3.5)"), rules.FIVE_AREAS),
        (_("Other help, support or treatment (G3.5.4)"), ("other_help_needed",)),
        (_("Instrument"), ("instrument", "instrument_results")),
        (
            _("Children (G3.5.9)"),
            ("children_at_home_asked", "children_at_home_count", "children_elsewhere_contact", "child_concern"),
        ),
        (_("Expecting a child (G3.5.10)"), ("pregnancy", "pregnancy_due_on")),
        (
            _("What else the assessment shows"),
            ("opioid_use", "drugs_and_alcohol", "fertile_age", "specialised_screening_indicated"),
        ),
    )

    class Meta:
        model = Assessment
        fields = (
            "started_on",
            "told_how_it_works",
            "feedback_given_on",
            *rules.FIVE_AREAS,
            "other_help_needed",
            "instrument",
            "instrument_results",
            "children_at_home_asked",
            "children_at_home_count",
            "children_elsewhere_contact",
            "child_concern",
            "pregnancy",
            "pregnancy_due_on",
            "opioid_use",
            "drugs_and_alcohol",
            "fertile_age",
            "specialised_screening_indicated",
        )
        widgets = {
            "started_on": DateInput(),
            "feedback_given_on": DateInput(),
            "pregnancy_due_on": DateInput(),
            "drug_use": _textarea(),
            "social_conditions": _textarea(),
            "health": _textarea(),
            "work_education": _textarea(),
            "other_matters": _textarea(),
            "other_help_needed": _textarea(),
            "children_at_home_count": forms.NumberInput(attrs={"min": 0}),
        }
        help_texts = {
            "feedback_given_on": _("The citizen should always get feedback on the results (G3.5.7)."),
        }

    def __init__(self, *args, standard_instruments: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        results = self.initial.get("instrument_results")
        if isinstance(results, dict):
            self.initial["instrument_results"] = results_as_text(results)
        self.fields["instrument"].choices = [("", _("Not chosen yet")), *Instrument.choices]
        if standard_instruments:
            names = ", ".join(str(Instrument(code).label) for code in standard_instruments if code in Instrument.values)
            self.fields["instrument"].help_text = gettext("The municipality's standard names: %(names)s.") % {
                "names": names
            }

    def clean_instrument_results(self) -> dict:
        results = {}
        for number, line in enumerate(self.cleaned_data["instrument_results"].splitlines(), start=1):
            if not line.strip():
                continue
            domain, colon, text = line.partition(":")
            if not colon or not domain.strip():
                raise forms.ValidationError(
                    gettext("Line %(number)s: write the domain, a colon and the result.") % {"number": number}
                )
            results[domain.strip()] = text.strip()
        return results

    def answers(self) -> dict:
        """The cleaned answers ``services.assessment_save`` takes (the completion date apart)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "completed_on"}

    def groups(self):
        """(legend, bound fields) for each fieldset of the page."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]


class PhysicianConsultationForm(forms.ModelForm):
    class Meta:
        model = PhysicianConsultation
        fields = ("informed_on", "response", "held_on", "note")
        widgets = {"informed_on": DateInput(), "held_on": DateInput(), "note": _textarea(3)}
        help_texts = {
            "informed_on": _("The citizen must be told of the right (SUL §142(1–2); G3.4.5)."),
            "held_on": _("No later than when treatment starts."),
        }


class TaskDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    recipient = forms.CharField(label=_("Sent or referred to"), max_length=200, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=_textarea(2))

    def __init__(self, *args, task: Task, **kwargs):
        kwargs.setdefault("prefix", f"task-{task.pk}")
        super().__init__(*args, **kwargs)
        if task.kind == rules.CHILD_NOTIFICATION:
            self.fields["recipient"].required = True
            self.fields["recipient"].label = _("Sent to (the child's home municipality)")
