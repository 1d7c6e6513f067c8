"""Forms of the assessment pages. They check the shape of the input; the services check the law."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import AddendumKind, AddendumSection, Assessment, Instrument, PhysicianConsultation, Task


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (YYYY-MM-DD) whatever the language; Django
    shows and parses dates with the active locale's formats elsewhere (l10n)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})}, format="%Y-%m-%d")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def results_as_text(results: dict) -> str:
    return "\n".join(f"{domain}: {text}" for domain, text in results.items())


# The assessment form's sections (rules.SECTIONS) as the page names them.
SECTION_TITLES = {
    rules.START: _("Start of the assessment"),
    "drug_use": _("Drug use"),
    "social_conditions": _("Social conditions: housing, network and family"),
    "health": _("Physical and mental health"),
    "work_education": _("Work and/or education"),
    "other_matters": _("Other relevant matters and the need for other help"),
}
COMPLETION = "completion"
COMPLETION_FIELDS = ("feedback_given_on", "completed_on")


class AssessmentForm(forms.ModelForm):
    """The assessment, in the sections of ``rules.SECTIONS`` (the start and the five areas) and the
    completion. The page shows each section as a ``<details>`` element; the whole form is posted
    whichever sections are open, so nothing typed is lost."""

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

    class Meta:
        model = Assessment
        fields = (*(name for _section, names in rules.SECTIONS for name in names), "feedback_given_on")
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
            "child_concern_details": _textarea(3),
            "children_at_home_count": forms.NumberInput(attrs={"min": 0}),
        }
        help_texts = {
            "feedback_given_on": _(
                "The citizen should always get feedback on the results. Given later? Add it to the completed"
                " assessment."
            ),
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

    def sections(self, missing: dict[str, list] | None = None) -> list[dict]:
        """The page's sections in order: the start, the five areas, the completion. Each with its
        bound fields, its source, what it still lacks (``rules.missing_by_section`` of the saved
        draft), whether a field in it has an error, and whether it opens: a section with an error;
        without errors anywhere, the first section that lacks something (where to go on)."""
        missing = missing or {}
        sections = []
        for number, (key, names) in enumerate(rules.SECTIONS):
            sections.append(
                {
                    "key": key,
                    "number": number or None,  # the five areas are numbered 1–5, the start is not
                    "title": SECTION_TITLES[key],
                    "fields": [self[name] for name in names],
                    "source": rules.SECTION_SOURCES[key],
                    "missing": missing.get(key, []),
                    "has_errors": any(name in self.errors for name in names),
                }
            )
        sections.append(
            {
                "key": COMPLETION,
                "number": None,
                "title": _("Completion"),
                "fields": [self[name] for name in COMPLETION_FIELDS],
                "source": "G3.5.3; G3.5.7",
                "missing": [],
                "has_errors": any(name in self.errors for name in COMPLETION_FIELDS),
                "completion": True,
            }
        )
        if self.errors:
            for section in sections:
                section["open"] = section["has_errors"]
        else:
            first = next((s for s in sections if s["missing"]), None)
            for section in sections:
                section["open"] = section is first
        return sections


class FeedbackAddendumForm(forms.Form):
    """An addendum recording that the citizen was given feedback on the results (G3.5.7)."""

    kind = AddendumKind.FEEDBACK
    feedback_given_on = forms.DateField(label=_("Feedback on the results given on"), widget=DateInput())
    text = forms.CharField(
        label=_("Note"),
        required=False,
        widget=_textarea(2),
        help_text=_("For example how the feedback was given, and the citizen's comments."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "feedback")
        super().__init__(*args, **kwargs)


class CorrectionAddendumForm(forms.Form):
    """An addendum correcting one part of a completed assessment, with the reason."""

    kind = AddendumKind.CORRECTION
    section = forms.ChoiceField(label=_("Part of the assessment"), choices=AddendumSection.choices)
    text = forms.CharField(
        label=_("The correction"), widget=_textarea(3), help_text=_("What the assessment should say.")
    )
    reason = forms.CharField(label=_("Reason for the correction"), widget=_textarea(2))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "correction")
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("Choose a part")), *AddendumSection.choices]


ADDENDUM_FORMS = {AddendumKind.FEEDBACK: FeedbackAddendumForm, AddendumKind.CORRECTION: CorrectionAddendumForm}


class PhysicianConsultationForm(forms.ModelForm):
    class Meta:
        model = PhysicianConsultation
        fields = ("informed_on", "response", "held_on", "note")
        widgets = {"informed_on": DateInput(), "held_on": DateInput(), "note": _textarea(3)}
        help_texts = {
            "informed_on": _("The citizen must be told of the right to a free physician consultation."),
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
