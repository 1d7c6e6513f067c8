"""Shared form pieces."""

from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput())


def year_field(*, required: bool = True) -> forms.CharField:
    """A calendar year typed by a person (four digits), for the report pages; checked by ``clean_year``."""
    return forms.CharField(
        label=gettext_lazy("Year"),
        required=required,
        max_length=20,
        help_text=gettext_lazy("Four digits, e.g. 2026."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
    )


def clean_year(typed, *, today: date, first_year: int, choose: Callable[..., int | None]) -> int:
    """The year ``choose(typed, today=today)`` makes of the typing, or a Danish message naming the
    years there can be figures for (``first_year`` to this year)."""
    year = choose(typed, today=today)
    if year is None:
        years = {"first": first_year, "last": today.year}
        raise ValidationError(gettext("Enter a year from %(first)s to %(last)s, e.g. %(last)s.") % years)
    return year


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class Submitted(NamedTuple):
    """What ``submit`` did: ``done`` when the step ran, with what it returned."""

    done: bool
    result: Any = None


def submit(request, form: forms.Form, step: Callable[..., Any], *, saved: str | Callable[[Any], str] = "") -> Submitted:
    """Run one workflow step with a bound form's data, the way every form page does.

    On a POST with a valid form, ``step(**form.cleaned_data)`` runs; a refusal (ValidationError)
    goes onto the form (``add_service_errors``), and nothing is done; otherwise ``saved`` (a text,
    or a function of the step's result) becomes the success message. The view then redirects when
    ``done`` and renders the form (with its errors and the user's input) when not.
    """
    if request.method != "POST" or not form.is_valid():
        return Submitted(False)
    try:
        result = step(**form.cleaned_data)
    except ValidationError as refused:
        add_service_errors(form, refused)
        return Submitted(False)
    message = saved(result) if callable(saved) else saved
    if message:
        messages.success(request, message)
    return Submitted(True, result)
