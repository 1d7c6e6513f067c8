"""Filling in the admin's change forms as a browser would: the form's values and every inline's rows."""

from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory, totp_device


def change_form_data(response) -> dict:
    """POST data for an admin change page as it was shown (main form and inline formsets)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for index, row in enumerate(formset.initial_forms):
            data[f"{formset.prefix}-{index}-id"] = row.instance.pk
            data[f"{formset.prefix}-{index}-{formset.fk.name}"] = formset.instance.pk
    return data


def user_change_url(user) -> str:
    return reverse("admin:organisations_user_change", args=[user.pk])


def member(centre, role, *, username: str, email: str = ""):
    """A user with one role at ``centre`` and a confirmed authenticator app."""
    user = UserFactory(username=username, email=email or f"{username}@example.invalid")
    MembershipFactory(user=user, centre=centre, role=role)
    totp_device(user)
    return user
