"""The main navigation, showing only what the user's roles may use."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import roles_of
from .models import CASE_READ_ROLES, CASEWORK_ROLES, Role

# (label, url name, roles that see it; None = every verified staff user)
NAVIGATION = [
    (_("Home"), "home:index", None),
    (_("Worklist"), "deadlines:worklist", set(CASE_READ_ROLES)),
    (_("My courses"), "caseloads:mine", set(CASEWORK_ROLES)),
    (_("Calendar"), "appointments:week", set(CASE_READ_ROLES)),
    (_("Citizens"), "citizens:index", set(CASE_READ_ROLES)),
    (_("Quality standards"), "standards:index", None),
    (_("Centres and staff"), "organisations:centre_list", {Role.MANAGER, Role.ADMINISTRATOR}),
    (_("Key figures"), "dashboard:index", {Role.MANAGER}),
    (_("Reporting"), "smdb:index", {Role.MANAGER}),
    (_("Caseloads"), "caseloads:overview", {Role.MANAGER}),
    (_("Role requests"), "organisations:role_requests", {Role.MANAGER}),
    (_("Gift cards"), "treatment:gift_cards", {Role.MANAGER}),
    (_("Break-the-glass"), "emergency:review_list", {Role.MANAGER}),
    (_("Anonymous services"), "anonymous:index", {Role.ANONYMOUS_COUNSELLOR}),
    (_("Administration"), "admin:index", {Role.ADMINISTRATOR}),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"navigation": []}
    roles = roles_of(user)
    items = [
        {"label": label, "url": reverse(url_name), "current": False}
        for label, url_name, allowed in NAVIGATION
        if allowed is None or roles & allowed
    ]
    # The current item is the one whose address is the longest start of the page's (home: exact).
    home = reverse("home:index")
    matches = [
        item for item in items if request.path.startswith(item["url"]) and (item["url"] != home or request.path == home)
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True
    return {"navigation": items}
