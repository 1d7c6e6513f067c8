"""The choice of municipality and period on the report page. Invalid input gets a Danish message."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forlob.forms import clean_year, year_field

from . import rules


def month_choices() -> list[tuple[str, str]]:
    months = [(str(month), date_format(date(2000, month, 1), "F").capitalize()) for month in range(1, 13)]
    return [("", gettext_lazy("The whole year")), *months]


class PeriodForm(forms.Form):
    kommune = forms.ChoiceField(label=gettext_lazy("Municipality"))
    aar = year_field()
    maaned = forms.ChoiceField(label=gettext_lazy("Month"), required=False)

    def __init__(self, *args, municipalities, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.municipalities = {m.code: m for m in municipalities}
        self.fields["kommune"].choices = [(m.code, f"{m.name} ({m.code})") for m in municipalities]
        self.fields["maaned"].choices = month_choices()

    def clean_kommune(self):
        return self.municipalities[self.cleaned_data["kommune"]]

    def clean_aar(self) -> int:
        return clean_year(
            self.cleaned_data.get("aar"), today=self.today, first_year=rules.FIRST_YEAR, choose=rules.year_choice
        )

    def clean_maaned(self) -> int | None:
        month = rules.month_choice(self.cleaned_data.get("maaned"))
        if month is False:  # the choice field already refuses anything else
            raise ValidationError(_("Choose a month."))
        return month

    def clean(self):
        cleaned = super().clean()
        year, month = cleaned.get("aar"), cleaned.get("maaned")
        if year and month and date(year, month, 1) > self.today:
            self.add_error("maaned", _("The month has not begun yet."))
        return cleaned
