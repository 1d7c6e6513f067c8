from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CourseKind
from forlob.forms import DateInput, date_field
from organisations.models import Centre

from .models import Citizen, RelatedPerson
from .rules import InvalidCPR, normalise_cpr

CPR_ERRORS = {
    "format": _("A CPR number has 10 digits, e.g. 010203-1234."),
    "date": _("The first six digits are not a valid birth date (DDMMYY)."),
    "future": _("The CPR number gives a birth date in the future."),
}


class SearchForm(forms.Form):
    """Sent by POST only: a CPR number must never be in a URL, a server log or the browser's history.

    ``autocomplete="off"`` keeps it out of the browser's remembered form entries too.
    """

    q = forms.CharField(
        label=_("Name, CPR number or birth date"),
        max_length=100,
        required=False,
        help_text=_("A name or part of one, the full CPR number (10 digits) or the birth date (DDMMYY)."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class CitizenForm(forms.ModelForm):
    class Meta:
        model = Citizen
        fields = [
            "first_name",
            "last_name",
            "address",
            "postcode",
            "city",
            "phone",
            "email",
            "contact_channel",
            "expecting_child_on",
            "address_protected",
            "died_on",
        ]
        widgets = {"expecting_child_on": DateInput(), "died_on": DateInput()}

    # Shown only to those who may see a protected address (``FULL_CPR_ROLES`` at the citizen's centre).
    CONTACT_FIELDS = ("address", "postcode", "city", "phone", "email", "address_protected")

    def __init__(self, *args, sees_contact: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sees_contact:
            for name in self.CONTACT_FIELDS:
                self.fields.pop(name, None)

    def clean_died_on(self):
        died_on = self.cleaned_data.get("died_on")
        if died_on and died_on > timezone.localdate():
            raise forms.ValidationError(_("The date of death cannot be in the future."))
        return died_on

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not (postcode.isdigit() and len(postcode) == 4):
            raise forms.ValidationError(_("A Danish postcode has four digits."))
        return postcode


class CitizenRegisterForm(CitizenForm):
    cpr = forms.CharField(
        label=_("CPR number"),
        max_length=11,
        help_text=_("DDMMYY-XXXX"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),  # not kept among the browser's form entries
    )
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none())
    # The call that brings the citizen is the first contact: the course can open in the same step.
    open_course = forms.ChoiceField(
        label=_("Open a course at this first contact"),
        choices=[("", _("No, not now")), *CourseKind.choices],
        required=False,
        help_text=_(
            "The first contact is today. You go straight to the course to record the advice talk or the request."
        ),
    )

    class Meta(CitizenForm.Meta):
        fields = ["cpr", "centre", *(name for name in CitizenForm.Meta.fields if name != "died_on")]

    def __init__(self, *args, centres=None, **kwargs):
        super().__init__(*args, **kwargs)
        centres = centres if centres is not None else Centre.objects.none()
        self.only_centre = centres.first() if len(centres) == 1 else None
        if self.only_centre:
            del self.fields["centre"]  # a user of one centre registers there
        else:
            self.fields["centre"].queryset = centres
        self.order_fields(["cpr", "first_name", "last_name"])

    def clean(self):
        data = super().clean()
        if self.only_centre:
            # The field is left out for a user of one centre; a centre named anyway must be that one.
            named = self.data.get(self.add_prefix("centre"))
            if named not in (None, "", str(self.only_centre.pk)):
                raise forms.ValidationError(
                    _("You can register a citizen only at a centre where you do casework."), code="centre"
                )
            data["centre"] = self.only_centre
        return data

    def clean_cpr(self) -> str:
        try:
            return normalise_cpr(self.cleaned_data["cpr"], today=timezone.localdate())
        except InvalidCPR as invalid:
            raise forms.ValidationError(CPR_ERRORS[invalid.reason]) from invalid


class RelatedPersonForm(forms.ModelForm):
    class Meta:
        model = RelatedPerson
        fields = ["kind", "name", "relation", "birth_year", "phone", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "ended_on" in self.fields:
            self.fields["ended_on"].widget = DateInput()

    def clean_ended_on(self):
        ended_on = self.cleaned_data.get("ended_on")
        if ended_on and ended_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return ended_on

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Enter a birth year between 1900 and this year."))
        return year


class ConsentForm(forms.Form):
    recipient = forms.CharField(label=_("Recipient"), max_length=200, help_text=_("E.g. the GP, the job centre."))
    scope = forms.CharField(label=_("What may be shared"), max_length=300)
    given_on = date_field(_("Given on"))
    valid_until = date_field(_("Valid until"), required=False)


class RelatedPersonEditForm(RelatedPersonForm):
    """Correct a related person, or end them (the person stays on record, under "Earlier")."""

    class Meta(RelatedPersonForm.Meta):
        fields = [*RelatedPersonForm.Meta.fields, "ended_on"]


class ConsentEditForm(forms.Form):
    """Correct a consent, or end it by the date it was withdrawn."""

    recipient = forms.CharField(label=_("Recipient"), max_length=200, help_text=_("E.g. the GP, the job centre."))
    scope = forms.CharField(label=_("What may be shared"), max_length=300)
    valid_until = date_field(_("Valid until"), required=False)
    withdrawn_on = date_field(
        _("Withdrawn on"), required=False, help_text=_("Fill in to end the consent. It stays on record.")
    )


class WithdrawForm(forms.Form):
    withdrawn_on = date_field(_("Withdrawn on"))
