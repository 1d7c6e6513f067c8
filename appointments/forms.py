from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlob.forms import date_field
from organisations.models import CASEWORK_ROLES, User

from . import rules
from .models import AppointmentKind, Attendance, ReminderChannel


class TimeInput(forms.TimeInput):
    """The browser's time field; the value travels as HH:MM."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class BookForm(forms.Form):
    """The appointment's date and local time (Europe/Copenhagen) are asked separately; ``clean``
    joins them into ``starts_at`` for the service."""

    kind = forms.ChoiceField(label=_("Kind"), choices=AppointmentKind.choices)
    starts_on = date_field(_("Date"))
    starts_time = forms.TimeField(label=_("Time"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=rules.LONGEST_APPOINTMENT_MINUTES, initial=60
    )
    worker = forms.ModelChoiceField(label=_("Worker"), queryset=User.objects.none())
    place = forms.CharField(
        label=_("Place or room"),
        max_length=200,
        required=False,
        help_text=_("Shown in the reminder to the citizen: do not name the treatment."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    # The service's field names and the form's, where they differ.
    service_fields = {"starts_at": "starts_on"}

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = (
            User.objects.filter(
                memberships__centre_id=course.centre_id, memberships__role__in=CASEWORK_ROLES, is_active=True
            )
            .distinct()
            .order_by("first_name", "last_name", "pk")
        )

    def clean(self):
        data = super().clean()
        day, time = data.get("starts_on"), data.get("starts_time")
        if day is not None and time is not None:
            data["starts_at"] = timezone.make_aware(datetime.combine(day, time))
        return data

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("starts_on", None)
        data.pop("starts_time", None)
        return data


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        label=_("What happened"),
        choices=[("", "–"), *((value, label) for value, label in Attendance.choices if value != Attendance.PLANNED)],
        help_text=_("A no-show creates a task to reach out to the citizen."),
    )


class ConsentForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=ReminderChannel.choices,
        help_text=_("Must be the contact channel agreed with the citizen."),
    )
    given_on = date_field(_("Consent given on"))


class WithdrawForm(forms.Form):
    withdrawn_on = date_field(_("Consent withdrawn on"))
