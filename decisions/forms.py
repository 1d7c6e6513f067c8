"""Forms of the decision, free choice and complaints. They check what a form can check; the rules
and the services have the last word (their errors are put back on the form's fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from forlob.forms import date_field
from organisations.models import Centre, OfferKind
from standards.models import StandardOffer

from . import rules
from .models import AppealsOutcome, Channel, Decision, DecisionDraft, Medium, ReassessmentOutcome


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, centre: Centre) -> str:
        offers = ", ".join(centre.get_offer_labels())
        return f"{centre.name} ({offers})" if offers else centre.name


class TierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, offer: StandardOffer) -> str:
        return f"{offer.name} ({offer.get_kind_display()})"


# Help texts name the law in words; the Danish catalogue gives the legal notation
# ("forvaltningslovens § 22"). Guideline numbers stay out of labels (the form page lists the sources).
_HELP_TEXTS = {
    "form": _(
        "Anything less than a full grant should be written; told orally, the citizen may demand written reasons "
        "within 14 days (Public Administration Act §23)."
    ),
    "implementation": _("Briefly, e.g. outpatient talks every second week at the centre (SEL §3(2))."),
    "purpose": _("What the treatment is meant to achieve (SEL §3(2))."),
    "reasons": _("Required unless the request is fully granted (FVL §22)."),
    "legal_basis": _("The legal rules the decision rests on (FVL §24(1))."),
    "considerations": _("The main considerations where the decision rests on an assessment (FVL §24(1))."),
    "key_facts": _("The facts that weighed most (FVL §24(2))."),
    "other_help": _("Required for a refusal: how other help may meet the need."),
    "mental_illness_explanation": _(
        "Required when the texts mention mental illness or a psychiatric diagnosis: why the refusal does not rest "
        "on it."
    ),
    "refused_outside_law": _(
        "The request falls outside the law or the quality standard (for example the kind of treatment or the "
        "citizen's age). Such a refusal can be issued without an assessment, and the letter says so."
    ),
}
# The form's order: the letter's, then the authority's own check about mental illness.
_FIELDS = [
    *(name for name in rules.LETTER_FIELDS if name != "refused_outside_law"),
    "not_dual_diagnosis",
    "mental_illness_explanation",
    "refused_outside_law",
]


class _DecisionFields(forms.ModelForm):
    """The fields a decision and its draft share, with the course's providers and offers.

    The page groups them in fieldsets by the outcome they belong to (``decision_form.html``:
    ``data-show-when``, static/js/forms.js); the rules decide what each outcome requires.
    """

    offer_kind = forms.ChoiceField(
        label=_("Kind of offer"),
        required=False,
        choices=[("", "–"), *[(k, OfferKind(k).label) for k in rules.ALLOCATABLE_KINDS]],
        help_text=_("For a grant or partial grant: the specific offer the citizen is allocated to."),
    )
    not_dual_diagnosis = forms.BooleanField(
        label=_("The refusal does not rest on the citizen having mental illness as well as drug use"),
        required=False,
        help_text=_(
            "Required for a refusal: drug use together with mental illness is never a lawful reason to refuse."
        ),
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        for name in ("outcome", "form"):
            self.fields[name].choices = [("", "–"), *[c for c in self.fields[name].choices if c[0]]]
        self.fields["provider"].queryset = Centre.objects.filter(
            municipality_id=course.centre.municipality_id, is_active=True
        ).order_by("name")
        self.fields["provider"].help_text = _("Providers of the course's municipality.")
        self.fields["intensity_tier"].queryset = StandardOffer.objects.filter(
            standard_id=course.request.standard_id, kind__in=rules.ALLOCATABLE_KINDS
        )
        self.fields["intensity_tier"].help_text = _("The offer or intensity tier of the quality standard in force.")


class DecisionForm(_DecisionFields):
    """The decision (G3.6). Which texts are required depends on the outcome (``rules.decision_problems``).

    With ``reissue`` (a decision is in force), the date is the new decision's and a reason is
    required: the new letter tells the citizen what changed and why (``services.decision_reissue``).
    """

    decided_on = date_field(_("Decided on"))
    reason = forms.CharField(
        label=_("Why the decision is changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The new letter tells the citizen what changed and why."),
    )

    class Meta:
        model = Decision
        fields = ["decided_on", *_FIELDS]
        field_classes = {"provider": ProviderChoiceField, "intensity_tier": TierChoiceField}
        help_texts = _HELP_TEXTS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in rules.TEXT_FIELDS}

    def __init__(self, *args, course: Course, reissue: bool = False, **kwargs):
        super().__init__(*args, course=course, **kwargs)
        self.reissue = reissue
        if reissue:
            self.fields["decided_on"].label = _("Date of the new decision")
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]
        if course.request.outside_standard and not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("outcome", rules.REFUSAL)
            self.initial.setdefault("refused_outside_law", True)

    def clean(self):
        data = super().clean()
        if not data.get("outcome") or not data.get("form"):
            return data
        provider = data.get("provider")
        tier = data.get("intensity_tier")
        draft = rules.DecisionDraft(
            outcome=data["outcome"],
            form=data["form"],
            offer_kind=data.get("offer_kind") or "",
            has_provider=provider is not None,
            provider_offer_kinds=tuple(provider.offer_kinds) if provider else (),
            intensity_tier_kind=tier.kind if tier else None,
            reasons=data.get("reasons", ""),
            legal_basis=data.get("legal_basis", ""),
            considerations=data.get("considerations", ""),
            key_facts=data.get("key_facts", ""),
            implementation=data.get("implementation", ""),
            purpose=data.get("purpose", ""),
            other_help=data.get("other_help", ""),
            not_dual_diagnosis_confirmed=bool(data.get("not_dual_diagnosis")),
            mental_illness_explanation=data.get("mental_illness_explanation", ""),
            refused_outside_law=bool(data.get("refused_outside_law")),
        )
        for problem in rules.decision_problems(draft):
            if problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class DecisionDraftForm(_DecisionFields):
    """The decision as a draft: nothing is required yet; what it lacks is shown with it."""

    class Meta:
        model = DecisionDraft
        fields = _FIELDS
        field_classes = {"provider": ProviderChoiceField, "intensity_tier": TierChoiceField}
        help_texts = _HELP_TEXTS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in rules.TEXT_FIELDS}

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, course=course, **kwargs)
        if course.request.outside_standard and not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("outcome", rules.REFUSAL)
            self.initial.setdefault("refused_outside_law", True)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


def draft_initial(draft: DecisionDraft) -> dict:
    """The issue form prefilled from a draft (related objects by id)."""
    values = draft.decision_fields()
    values["provider"] = draft.provider_id
    values["intensity_tier"] = draft.intensity_tier_id
    return values


def _channel_choices(address_protected: bool) -> list[tuple[str, str]]:
    allowed = rules.allowed_channels(address_protected)
    return [(value, label) for value, label in Channel.choices if value in allowed]


class LetterForm(forms.Form):
    """Generate the letter, dated today, for the way it will be sent. A citizen with name and
    address protection gets letters only by Digital Post or handed over (``rules.allowed_channels``)."""

    channel = forms.ChoiceField(
        label=_("The letter will be sent by"),
        choices=Channel.choices,
        initial=Channel.DIGITAL_POST,
        help_text=_("The complaint deadline in the letter runs from when the citizen receives it."),
    )

    def __init__(self, *args, address_protected: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = _channel_choices(address_protected)
        if address_protected:
            self.fields["channel"].help_text = _(
                "The citizen has name and address protection: only Digital Post or handing the letter over. "
                "The letter does not print the address."
            )


class LetterSendForm(forms.Form):
    """Record that the letter went out."""

    channel = forms.ChoiceField(label=_("Sent by"), choices=Channel.choices)
    sent_on = date_field(_("Sent on"))

    def __init__(self, *args, address_protected: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = _channel_choices(address_protected)


class WrittenReasonsRequestForm(forms.Form):
    requested_on = date_field(_("The citizen asked for written reasons on"))


class WrittenReasonsSentForm(forms.Form):
    sent_on = date_field(_("The written reasons were sent on"))


class FreeChoiceForm(forms.Form):
    """Free choice of a provider of the same kind (SEL §101(5); G3.6.4)."""

    chosen_provider = ProviderChoiceField(
        label=_("Provider the citizen chooses"),
        queryset=Centre.objects.none(),
        help_text=_(
            "Providers registered for the municipality. A private provider must be approved on Tilbudsportalen."
        ),
    )
    chosen_kind = forms.ChoiceField(
        label=_("Kind of offer the citizen chooses"),
        choices=[(k, OfferKind(k).label) for k in rules.ALLOCATABLE_KINDS],
        help_text=_(
            "The same kind as the offer allocated to. There is no free choice between outpatient or day "
            "treatment and residential treatment (Ankestyrelsen 23-18)."
        ),
    )
    chosen_on = date_field(_("Chosen on"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen_provider"].queryset = Centre.objects.filter(
            municipality_id=course.centre.municipality_id, is_active=True
        ).order_by("name")


class ComplaintForm(forms.Form):
    """A complaint about the decision (RSL §§66–67; Mariagerfjord; Odsherred)."""

    received_on = date_field(_("Complaint received on"))
    decision_received_on = date_field(
        _("The citizen received the decision on"),
        help_text=_("The complaint deadline runs from this day (RSL §67)."),
    )
    form = forms.ChoiceField(label=_("How the complaint was made"), choices=[("", "–"), *Medium.choices])
    oral_account = forms.CharField(
        label=_("The oral complaint, written down"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required for an oral complaint: the centre writes it down."),
    )
    summary = forms.CharField(
        label=_("What the complaint is about"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    complainant_is_citizen = forms.BooleanField(
        label=_("The complaint comes from the citizen the decision concerns, or from their representative"),
        required=False,
        initial=True,
        help_text=_("Only the person the decision concerns may complain."),
    )
    representative = forms.CharField(
        label=_("Representative with a power of attorney"),
        required=False,
        max_length=200,
        help_text=_("Leave empty if the citizen complains in person."),
    )

    def clean(self):
        data = super().clean()
        if data.get("form") == Medium.ORAL and not (data.get("oral_account") or "").strip():
            self.add_error("oral_account", _("Write down the oral complaint."))
        return data


class ReassessForm(forms.Form):
    """The municipality's re-assessment (RSL §66)."""

    reassessed_on = date_field(_("Re-assessed on"))
    outcome = forms.ChoiceField(
        label=_("Outcome of the re-assessment"), choices=[("", "–"), *ReassessmentOutcome.choices]
    )
    note = forms.CharField(
        label=_("Reasons for the re-assessment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent with the complaint to Ankestyrelsen if the decision is upheld."),
    )
    forwarded_on = date_field(
        _("Forwarded to Ankestyrelsen on"),
        required=False,
        help_text=_("Required when the decision is upheld: the complaint goes with the case documents."),
    )


class AppealsOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Ankestyrelsen's decision"), choices=[("", "–"), *AppealsOutcome.choices])
    outcome_on = date_field(_("Ankestyrelsen decided on"))
