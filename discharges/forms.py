from django import forms
from django.utils.translation import gettext_lazy as _

from forlob.forms import date_field

from .models import DischargeReason, DrugUseStatus, Housing, Income, Outreach, YesNoUnknown
from .services import REGISTER_FIELD_MESSAGES, discharge_errors

CHOOSE = ("", _("– Choose –"))


def _register_choice(label, choices, name: str, help_text: str = "") -> forms.ChoiceField:
    """A register field (G3.11.1): required, with its own message when missing."""
    return forms.ChoiceField(
        label=label,
        choices=[CHOOSE, *choices],
        help_text=help_text,
        error_messages={"required": REGISTER_FIELD_MESSAGES[name], "invalid_choice": REGISTER_FIELD_MESSAGES[name]},
    )


def _text(label, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": 3}))


class DischargeForm(forms.Form):
    """The register's fields first (G3.11.1), then the written status (G3.11.2–3.11.6) and the
    follow-up (G3.12.3). Every error of the service shows on its field at once (``clean``)."""

    # Stofmisbrugsdatabasen (G3.11.1)
    discharged_on = date_field(_("Discharge date"))
    drug_use_status = _register_choice(
        _("Drug use at discharge"),
        DrugUseStatus.choices,
        "drug_use_status",
        _("Compared with the start of treatment."),
    )
    reason = _register_choice(_("Reason for ending the treatment"), DischargeReason.choices, "reason")
    self_help_contact = _register_choice(
        _("Contact with a self-help network after discharge"), YesNoUnknown.choices, "self_help_contact"
    )
    drug_free_partner = _register_choice(
        _("Moves in with a drug-free partner"), YesNoUnknown.choices, "drug_free_partner"
    )
    housing = _register_choice(_("Housing after discharge"), Housing.choices, "housing")
    income = _register_choice(_("Source of income"), Income.choices, "income")
    # The written status (G3.11.2)
    background = _text(_("Background and reason for the discharge"))
    goal_attainment = _text(_("Goal attainment"), _("How far the goals of the treatment plan were reached."))
    citizen_wishes = _text(_("The citizen's wishes"))
    citizen_view = _text(
        _("The citizen's own view of the course"), _("Write it where it differs from the therapist's view.")
    )
    support_needs = _text(_("Continued support needs"))
    plan_forward = _text(_("Plan forward"))
    made_with_citizen = forms.BooleanField(label=_("The status was made with the citizen"), required=False)
    not_with_citizen_why = _text(
        _("Why not with the citizen"), _("Required when the status was not made with the citizen.")
    )
    coordination = _text(
        _("Coordination with other actors"), _("For example the job centre, housing support, the GP or psychiatry.")
    )
    advised_where = _text(_("Where the citizen was advised to seek help"))
    outreach = forms.ChoiceField(
        label=_("Outreach actors"),
        choices=[("", "–"), *Outreach.choices],
        required=False,
        help_text=_(
            "Required after an unplanned discharge for lack of contact: were outreach actors, such as a street "
            "team or the housing social worker, considered or contacted?"
        ),
    )
    outreach_note = _text(_("About outreach"))
    # Follow-up after discharge (G3.12.3)
    told_about_follow_up = forms.BooleanField(
        label=_("The citizen was told about the follow-up after 1 and 6 months"), required=False
    )
    follow_up_declined = forms.BooleanField(
        label=_("The citizen declines the follow-up"),
        required=False,
        help_text=_("The follow-ups are then not carried out. Only for the reasons that call for follow-up."),
    )

    REGISTER = (
        "discharged_on",
        "drug_use_status",
        "reason",
        "self_help_contact",
        "drug_free_partner",
        "housing",
        "income",
    )
    STATUS = (
        "background",
        "goal_attainment",
        "citizen_wishes",
        "citizen_view",
        "support_needs",
        "plan_forward",
        "made_with_citizen",
        "not_with_citizen_why",
        "coordination",
        "advised_where",
    )
    OUTREACH = ("outreach", "outreach_note")
    FOLLOW_UP = ("told_about_follow_up", "follow_up_declined")

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["discharged_on"].error_messages["required"] = REGISTER_FIELD_MESSAGES["discharged_on"]
        self.fields["discharged_on"].error_messages["invalid"] = REGISTER_FIELD_MESSAGES["discharged_on"]

    def clean(self):
        """The service's own checks, so that they show together with the missing fields."""
        data = super().clean()
        errors = discharge_errors(
            self.course,
            discharged_on=data.get("discharged_on"),
            reason=data.get("reason", ""),
            drug_use_status=data.get("drug_use_status", ""),
            self_help_contact=data.get("self_help_contact", ""),
            drug_free_partner=data.get("drug_free_partner", ""),
            housing=data.get("housing", ""),
            income=data.get("income", ""),
            made_with_citizen=data.get("made_with_citizen", False),
            not_with_citizen_why=data.get("not_with_citizen_why", ""),
            outreach=data.get("outreach", ""),
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def group(self, names):
        return [self[name] for name in names]

    def register_fields(self):
        return self.group(self.REGISTER)

    def status_fields(self):
        return self.group(self.STATUS)

    def outreach_fields(self):
        return self.group(self.OUTREACH)

    def follow_up_fields(self):
        return self.group(self.FOLLOW_UP)


class OptOutForm(forms.Form):
    opted_out_on = date_field(_("The citizen opted out on"))
