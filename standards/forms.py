from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anonymous.rules import normalise_phone
from forlob.forms import date_field
from organisations.models import Centre

from .models import QualityStandard

CRITERIA_MAX_LINES = 10
CRITERION_MAX_LENGTH = 300


class NewVersionForm(forms.Form):
    valid_from = date_field(
        _("The new version applies from"),
        help_text=_("Requests from this date get the new version; earlier requests keep the version they have."),
    )


class LinesField(forms.CharField):
    """A JSON list of short texts edited as a textarea, one text a line; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, *, max_lines: int = CRITERIA_MAX_LINES, max_line_length: int = CRITERION_MAX_LENGTH, **kwargs):
        self.max_lines, self.max_line_length = max_lines, max_line_length
        kwargs.setdefault("required", False)
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(line) for line in value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, (list, tuple)):
            return [str(line).strip() for line in value if str(line).strip()]
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > self.max_lines:
            raise ValidationError(
                _("Write at most %(max)s lines (you wrote %(count)s)."),
                code="max_lines",
                params={"max": self.max_lines, "count": len(value)},
            )
        too_long = [n for n, line in enumerate(value, 1) if len(line) > self.max_line_length]
        if too_long:
            raise ValidationError(
                _("Line %(line)s is longer than %(max)s characters; shorten it or split it in two."),
                code="line_too_long",
                params={"line": too_long[0], "max": self.max_line_length},
            )

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial) != self.to_python(data)


class ProviderChoiceField(forms.ModelMultipleChoiceField):
    """The centres a standard may name as providers of anonymous treatment, each said to lie outside
    the municipality when it does (SEL §101a(2) asks for at least one such)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, centre: Centre) -> str:
        if centre.outside_municipality:
            return _("%(name)s (outside the municipality)") % {"name": centre.name}
        return centre.name


class QualityStandardAdminForm(forms.ModelForm):
    """The standard's change form in the admin: the anonymous-treatment settings in plain fields."""

    anonymous_criteria = LinesField(
        label=QualityStandard._meta.get_field("anonymous_criteria").verbose_name,
        help_text=_(
            "One criterion a line, as the standard publishes them (at most %(lines)s lines of %(length)s characters)."
        )
        % {"lines": CRITERIA_MAX_LINES, "length": CRITERION_MAX_LENGTH},
    )

    class Meta:
        model = QualityStandard
        # Every field of the standard (the admin's own fieldsets and read-only rules apply); this
        # form shapes the anonymous-treatment ones.
        fields = "__all__"  # noqa: DJ007 (an admin form: the ModelAdmin decides which fields show)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        providers = self.fields.get("anonymous_provider_centres")
        if providers is not None and self.instance.municipality_id:
            providers.queryset = providers.queryset.filter(municipality_id=self.instance.municipality_id)

    def clean_anonymous_contact_phone(self) -> str:
        typed = (self.cleaned_data.get("anonymous_contact_phone") or "").strip()
        if not typed:
            return ""
        phone = normalise_phone(typed)
        if phone is None:
            raise ValidationError(_("Enter a Danish phone number of eight digits."), code="invalid")
        return phone

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        providers = cleaned.get("anonymous_provider_centres")
        if municipality is not None and providers is not None:
            others = [centre.name for centre in providers if centre.municipality_id != municipality.pk]
            if others:
                self.add_error(
                    "anonymous_provider_centres",
                    _("Choose only centres of the standard's municipality (%(names)s is not).")
                    % {"names": ", ".join(others)},
                )
        return cleaned
