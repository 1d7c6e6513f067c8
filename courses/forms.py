from django import forms
from django.utils.translation import gettext_lazy as _

from forlob.forms import date_field

from .models import AdviceTalk, CourseKind, RequestChannel, WaiverReason


class CourseOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CourseKind.choices)
    first_contact_on = date_field(_("First contact"))


class AdviceTalkForm(forms.Form):
    held_on = date_field(_("Held on"))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    other_help_needed = forms.BooleanField(label=_("Needs help beyond substance use"), required=False)
    other_help_assessment = forms.CharField(
        label=_("Assessment of other help needed"),
        help_text=_("Whether other social or health services are relevant (G3.3.3–3.3.4)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AdviceTalk.Outcome.choices)


class TreatmentRequestForm(forms.Form):
    expressed_on = date_field(
        _("Wish for treatment first expressed on"),
        help_text=_("The day the citizen or a representative first asked for treatment, in any form (G3.4)."),
    )
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

    def clean(self):
        data = super().clean()
        expressed, attended = data.get("expressed_on"), data.get("attended_in_person_on")
        if expressed and attended and attended < expressed:
            self.add_error("attended_in_person_on", _("Attendance cannot be before the wish was expressed."))
        return data


class WaiverForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=WaiverReason.choices)
    waived_on = date_field(_("Date"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TreatmentStartForm(forms.Form):
    started_on = date_field(_("Treatment started on"))


class CloseForm(forms.Form):
    closed_on = date_field(_("Closed on"))
    reason = forms.CharField(label=_("Reason"), max_length=200)
