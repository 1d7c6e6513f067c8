from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Username and password; django-axes counts the failures (settings.AXES_*)."""

    error_messages = {
        "invalid_login": _("The username or password is wrong. Both are case-sensitive."),
        "inactive": _("This user is deactivated. Contact your administrator."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Username")
        # Django sets max_length on this field after it is made, so no length check would run.
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))
        self.fields["password"].label = _("Password")


class TokenForm(forms.Form):
    """The six-digit code from the authenticator app."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Six digits. A new code is shown every 30 seconds."),
        max_length=6,
        min_length=6,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
        error_messages={
            "required": _("Enter the code from your authenticator app."),
            "min_length": _("The code has six digits."),
            "max_length": _("The code has six digits."),
        },
    )

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"]
        if not token.isdigit():
            raise forms.ValidationError(_("The code can only contain digits."))
        return token


class EnrolmentCodeForm(forms.Form):
    """The one-time enrolment code the user received by e-mail (or from the operator)."""

    enrolment_code = forms.CharField(
        label=_("Enrolment code"),
        help_text=_("Eight letters and digits, for example ABCD-EFGH. It was sent to your work e-mail."),
        max_length=20,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("Enter the enrolment code from your e-mail.")},
    )
