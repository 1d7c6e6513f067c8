"""The home page: the user's centres and roles, and each municipality's standard in force."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisations.access import memberships_of
from organisations.models import Role
from standards.selectors import standard_in_force, standard_shortfalls

WARNING_ROLES = {Role.MANAGER, Role.ADMINISTRATOR}


def index(request: HttpRequest) -> HttpResponse:
    centres: dict = {}
    for membership in memberships_of(request.user):
        centres.setdefault(membership.centre, []).append(membership)
    municipalities = []
    for municipality in sorted({centre.municipality for centre in centres}, key=lambda m: m.name):
        roles = {m.role for centre, ms in centres.items() if centre.municipality == municipality for m in ms}
        standard = standard_in_force(municipality.pk)
        municipalities.append(
            {
                "municipality": municipality,
                "centres": [(c, ms) for c, ms in centres.items() if c.municipality == municipality],
                "standard": standard,
                "shortfalls": standard_shortfalls(standard) if standard and roles & WARNING_ROLES else None,
            }
        )
    return render(request, "home/index.html", {"municipalities": municipalities})
