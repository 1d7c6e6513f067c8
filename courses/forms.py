from django import forms
from django.utils.translation import gettext_lazy as _

from forlob.forms import date_field
from organisations.models import Role, User

from .models import AdviceTalk, CloseReason, CourseKind, RequestChannel, WaiverReason


class CourseOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CourseKind.choices)
    first_contact_on = date_field(_("First contact"))


class RequestDetailsForm(forms.Form):
    """How and by whom the wish for treatment was expressed, and the under-18 facts (G3.4; SEL §101(12))."""

    channel = forms.ChoiceField(label=_("How"), choices=RequestChannel.choices)
    expressed_by = forms.CharField(
        label=_("By whom"), max_length=200, help_text=_("The citizen, or the representative's name.")
    )
    attended_in_person_on = date_field(
        _("Citizen attended in person on"),
        required=False,
        help_text=_("Only where the municipality's standard counts from attendance in person."),
    )
    under_18_special_case = forms.BooleanField(
        label=_("Under 18: serious social or behavioural problems caused by drug use (SEL §101(12))"), required=False
    )
    young_person_consents = forms.BooleanField(label=_("Under 18: the young person consents"), required=False)
    custody_holder_consents = forms.BooleanField(label=_("Under 18: the custody holder consents"), required=False)


class AdviceTalkForm(RequestDetailsForm):
    """The talk, and the request's details for the outcome "the citizen asks for treatment": optional
    here, so the form works without JavaScript; the service requires them for that outcome."""

    held_on = date_field(_("Held on"))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    other_help_needed = forms.BooleanField(label=_("Needs help beyond substance use"), required=False)
    other_help_assessment = forms.CharField(
        label=_("Assessment of other help needed"),
        help_text=_("Whether other social or health services are relevant."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AdviceTalk.Outcome.choices)
    talk_fields = ("held_on", "summary", "other_help_needed", "other_help_assessment", "outcome")
    field_order = talk_fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].required = self.fields["expressed_by"].required = False
        self.fields["channel"].choices = [("", "–"), *RequestChannel.choices]

    def talk(self):
        return [self[name] for name in self.talk_fields]

    def request_details(self):
        return [self[name] for name in self.fields if name not in self.talk_fields]


class TreatmentRequestForm(RequestDetailsForm):
    expressed_on = date_field(
        _("Wish for treatment first expressed on"),
        help_text=_("The day the citizen or a representative first asked for treatment, in any form."),
    )
    field_order = ["expressed_on"]


class WaiverForm(forms.Form):
    """A waiver under the local standard; free choice sets the guarantee aside only when it is
    recorded after the decision (SEL §101(6)), so it is not offered here."""

    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[choice for choice in WaiverReason.choices if choice[0] != WaiverReason.FREE_CHOICE],
        help_text=_("Only a reason the municipality's quality standard gives."),
    )
    waived_on = date_field(_("Date"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TreatmentStartForm(forms.Form):
    started_on = date_field(_("Treatment started on"))
    therapist = forms.ModelChoiceField(
        label=_("Therapist"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Becomes the responsible worker, so the plan, its reviews and the follow-ups reach their worklist."
        ),
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = (
            User.objects.filter(
                memberships__centre_id=course.centre_id, memberships__role=Role.THERAPIST, is_active=True
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.fields["therapist"].empty_label = _("Keep the current responsible worker")


class CloseForm(forms.Form):
    """Why a course ends from its own page; advice and refusals close their courses in their steps."""

    closed_on = date_field(_("Closed on"))
    kind = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=[
            (r.value, r.label) for r in (CloseReason.WITHDRAWN, CloseReason.MOVED, CloseReason.DIED, CloseReason.OTHER)
        ],
    )
    reason = forms.CharField(
        label=_("Explanation"), max_length=200, required=False, help_text=_("Required for “Other reason”.")
    )
