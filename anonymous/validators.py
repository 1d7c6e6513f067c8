"""Field validators that keep identifying numbers out of the anonymous records (``rules``)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from . import rules


def no_identifying_digits(value: str) -> None:
    """Refuse a CPR number, phone number or any other run of six or more digits."""
    if rules.identifying_digits(value):
        raise ValidationError(
            _("Do not write a CPR number, a phone number or other long numbers here: the record must stay anonymous."),
            code="identifying_digits",
        )


reference_code = RegexValidator(rules.REFERENCE_CODE, _("A reference code is eight letters, e.g. KQWM-TRPA."))
danish_phone = RegexValidator(r"^[2-9]\d{7}$", _("Enter a Danish phone number of eight digits."))
