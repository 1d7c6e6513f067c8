"""Forms of the group course pages. Choices come from querysets the view has scoped to the user's
service centres, so another centre's group or client can never be picked."""

from datetime import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anonymous.models import Attendance, Service
from anonymous.validators import no_identifying_digits
from forlob.forms import date_field

from . import rules


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class ClientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        label = obj.reference_code
        if obj.nickname:
            label = f"{label} ({obj.nickname})"
        return label


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.starts_on:%d.%m.%Y})"


class GroupForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=None, empty_label=None)
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=None,
        empty_label=None,
        help_text=_("Where the group meets: one of the providers the municipality has contracted (SEL §101a(2))."),
    )
    service = forms.ChoiceField(
        label=_("Service"),
        choices=[(Service.DRUG_TREATMENT, Service.DRUG_TREATMENT.label), (Service.ALCOHOL, Service.ALCOHOL.label)],
    )
    name = forms.CharField(label=_("Name of the group"), max_length=100, validators=[no_identifying_digits])
    first_date = date_field(_("Date of the first session"))
    first_time = forms.TimeField(label=_("Time"), widget=TimeInput(), help_text=_("For example 17:00."))
    every_days = forms.IntegerField(
        label=_("Days between sessions"),
        initial=rules.DEFAULT_EVERY_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    sessions = forms.IntegerField(
        label=_("Number of group sessions"), validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    minutes = forms.IntegerField(
        label=_("Length of a session (minutes)"),
        initial=rules.DEFAULT_MINUTES,
        validators=[MinValueValidator(10), MaxValueValidator(480)],
    )
    closing_talk = forms.BooleanField(label=_("An individual closing talk is offered"), required=False)

    def __init__(self, *args, centres, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        if len(centres) == 1:
            self.fields["centre"].widget = forms.HiddenInput()
        self.fields["provider"].queryset = providers

    def clean(self):
        data = super().clean()
        day, at = data.get("first_date"), data.get("first_time")
        if day and at:
            data["first_session"] = timezone.make_aware(datetime.combine(day, at))
        return data

    def step_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("first_date")
        data.pop("first_time")
        return data


class EnrolForm(forms.Form):
    client = ClientChoiceField(label=_("Client"), queryset=None, empty_label=None)
    joined_on = date_field(_("Joined on"))

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients


class LeaveForm(forms.Form):
    left_on = date_field(_("Left on"))
    next_group = GroupChoiceField(
        label=_("Goes on in the group"),
        queryset=None,
        required=False,
        empty_label=_("No group now"),
        help_text=_("Rolling intake: the client continues in another group of the same service."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_group"].queryset = groups


class AttendanceForm(forms.Form):
    """One row per member on the session's day; ``cancelled`` instead marks the session cancelled."""

    cancelled = forms.BooleanField(label=_("The session was cancelled (no attendance is recorded)"), required=False)

    def __init__(self, *args, members, recorded, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for enrolment in members:
            client = enrolment.client
            label = client.reference_code + (f" ({client.nickname})" if client.nickname else "")
            self.fields[f"client_{client.pk}"] = forms.ChoiceField(
                label=label,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=recorded.get(client.pk),
            )

    def rows(self):
        return [self[f"client_{enrolment.client_id}"] for enrolment in self.members]

    def clean(self):
        data = super().clean()
        if not data.get("cancelled"):
            missing = [e for e in self.members if not data.get(f"client_{e.client_id}")]
            for enrolment in missing:
                self.add_error(f"client_{enrolment.client_id}", _("Choose attended, absent or excused."))
        return data

    def step_data(self) -> dict:
        data = self.cleaned_data
        statuses = {} if data["cancelled"] else {e.client_id: data[f"client_{e.client_id}"] for e in self.members}
        return {"statuses": statuses, "cancelled": data["cancelled"]}


class ClosingTalkForm(forms.Form):
    HELD, DECLINED = "held", "declined"
    outcome = forms.ChoiceField(
        label=_("The closing talk"),
        choices=[
            (HELD, _("Held: record the talk and complete the course")),
            (DECLINED, _("Not held (declined or not offered): complete the course without it")),
        ],
        widget=forms.RadioSelect,
        initial=HELD,
    )
    held_on = date_field(_("Date"), help_text=_("The day of the closing talk, or the day the course ended."))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[no_identifying_digits],
        help_text=_("Nothing that identifies the person: no name, CPR number, phone number or address."),
    )

    def step_data(self) -> dict:
        data = self.cleaned_data
        held = data["outcome"] == self.HELD
        return {"held": held, "held_on": data["held_on"], "note": data["note"] if held else ""}
