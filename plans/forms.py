"""The plan's form: one version's content, and its goals as a formset (no JavaScript: "add another
goal" is a submit button that shows the form again with one more empty goal)."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import formset_factory
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _

from forlob.forms import DateInput, date_field
from standards.models import StandardOffer

from .models import Attainment, PlanVersion

GOAL_PREFIX = "goal"
EMPTY_GOALS_FIRST_PLAN = 3
EMPTY_GOALS_REVIEW = 1
ADD_GOAL = "add_goal"

TEXTAREA = {"rows": 3}


# An expected duration beyond five years is a typing error, not a plan (the longest tier is months).
MAX_DURATION_MONTHS = 60


class PlanForm(forms.ModelForm):
    # The version the form was opened on (0: no plan yet); a newer one refuses the save.
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=32767)

    groups = {
        "when": ("made_on", "period_ends_on"),
        "basis": ("problems_resources_needs", "citizen_wishes", "citizen_view"),
        "treatment": ("substance_goal", "content", "offer_kind", "intensity_tier", "expected_duration_months"),
        "others": ("other_actors", "follow_up_after_discharge"),
        "coordination": ("coordinated_plan", "coordinated_plan_on", "coordinated_plan_keeper"),
        "review": ("changes_summary",),
    }

    class Meta:
        model = PlanVersion
        fields = [
            "made_on",
            "period_ends_on",
            "changes_summary",
            "problems_resources_needs",
            "citizen_wishes",
            "citizen_view",
            "substance_goal",
            "content",
            "offer_kind",
            "intensity_tier",
            "expected_duration_months",
            "other_actors",
            "follow_up_after_discharge",
            "coordinated_plan",
            "coordinated_plan_on",
            "coordinated_plan_keeper",
        ]
        widgets = {
            "made_on": DateInput(),
            "period_ends_on": DateInput(),
            "coordinated_plan_on": DateInput(),
            **{
                name: forms.Textarea(attrs=TEXTAREA)
                for name in (
                    "changes_summary",
                    "problems_resources_needs",
                    "citizen_wishes",
                    "citizen_view",
                    "content",
                    "other_actors",
                    "follow_up_after_discharge",
                )
            },
        }

    def __init__(self, *args, standard, review: bool, **kwargs):
        super().__init__(*args, **kwargs)
        tier = self.fields["intensity_tier"]
        tier.queryset = StandardOffer.objects.filter(standard=standard).order_by("kind", "id")
        tier.label_from_instance = lambda offer: f"{offer.get_kind_display()}: {offer.name}"
        if standard.plan_review_at_period_end:
            self.fields["period_ends_on"].required = True
        else:
            self.fields["period_ends_on"].help_text = _("Only where the plan runs for a set period.")
        if review:
            self.fields["changes_summary"].required = True
        else:
            del self.fields["changes_summary"]
        self.fields["substance_goal"].choices = [("", _("Not set")), *self.fields["substance_goal"].choices[1:]]
        duration = self.fields["expected_duration_months"]
        duration.min_value, duration.max_value = 1, MAX_DURATION_MONTHS
        duration.validators += [MinValueValidator(1), MaxValueValidator(MAX_DURATION_MONTHS)]
        duration.widget.attrs.update(min=1, max=MAX_DURATION_MONTHS)

    def _post_clean(self):
        """The service checks the version (it knows the course); skip the model's own validation."""

    @property
    def fieldsets(self) -> dict[str, list]:
        """The bound fields by fieldset (``groups``), for the template."""
        return {name: [self[f] for f in names if f in self.fields] for name, names in self.groups.items()}


class GoalForm(forms.Form):
    previous_goal = forms.IntegerField(widget=forms.HiddenInput, required=False)
    description = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    measure = forms.CharField(
        label=_("How we see that the goal is reached"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Specific and measurable: what will be different, and how much."),
    )
    target_on = date_field(_("To be reached by"))
    sub_goals = forms.CharField(label=_("Sub-goals"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    actions = forms.CharField(
        label=_("Concrete actions: who does what, by when"), widget=forms.Textarea(attrs={"rows": 3})
    )
    attainment = forms.ChoiceField(
        label=_("Attainment at this review"), choices=[("", "–"), *Attainment.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = "previous_goal"
        self.carried = bool(self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name))
        if self.carried:
            self.fields["attainment"].required = True
        else:
            del self.fields["attainment"]

    def visible(self) -> list:
        return [field for field in self if not field.is_hidden]


def goal_formset(*, data=None, initial=None, review: bool):
    extra = EMPTY_GOALS_REVIEW if review else EMPTY_GOALS_FIRST_PLAN
    return formset_factory(GoalForm, extra=extra)(data, initial=initial or [], prefix=GOAL_PREFIX)


def with_one_more_goal(data):
    """The POST data with one more (empty) goal form: the "add another goal" button."""
    data = data.copy()
    key = f"{GOAL_PREFIX}-TOTAL_FORMS"
    data[key] = str(int(data.get(key) or 0) + 1)
    return data


def quiet(*forms_) -> None:
    """Show bound forms again without validating them (after "add another goal": nothing was saved
    and no error is due yet)."""
    for form in forms_:
        if hasattr(form, "forms"):
            form._errors, form._non_form_errors = [], ErrorList()
            quiet(*form.forms)
        else:
            form._errors = ErrorDict()
