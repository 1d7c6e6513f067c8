"""The one scoping helper every view uses: staff see only their own centres' data.

Scope follows a user's memberships (centre + role) and nothing else; not even a superuser sees
another centre's data through the app. A missing object and a forbidden one look the same (404).
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from .models import Membership

M = TypeVar("M", bound=Model)


def memberships_of(user) -> list[Membership]:
    """The user's memberships at active centres, fetched once per request (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_forlob_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, centre__is_active=True).select_related("centre__municipality", "team")
        )
        user._forlob_memberships = cached
    return cached


def centre_ids_with_role(user, roles: Iterable[str]) -> set[int]:
    """Centres where the user holds one of ``roles`` (a role at one centre opens nothing at another)."""
    wanted = set(roles)
    return {m.centre_id for m in memberships_of(user) if m.role in wanted}


def roles_of(user, *, centre_id: int | None = None) -> set[str]:
    return {m.role for m in memberships_of(user) if centre_id is None or m.centre_id == centre_id}


def has_role(user, roles: Iterable[str], *, centre_id: int | None = None) -> bool:
    return bool(roles_of(user, centre_id=centre_id) & set(roles))


def _lookup(path: str) -> str:
    return f"{path}__in" if path else "pk__in"


def scope_to_centres(queryset: QuerySet[M], user, *, roles: Iterable[str], centre_path: str = "centre") -> QuerySet[M]:
    """Rows of ``queryset`` that belong to a centre where the user holds one of ``roles``.

    ``centre_path`` is the lookup from the model to its centre ("" when the model is Centre). There
    is no "any role" variant: a role at one centre opens only what that role may see there.
    """
    return queryset.filter(**{_lookup(centre_path): centre_ids_with_role(user, roles)})


def scope_to_municipalities(
    queryset: QuerySet[M], user, *, roles: Iterable[str], municipality_path: str = "municipality"
) -> QuerySet[M]:
    """Rows of ``queryset`` that belong to a municipality where the user holds one of ``roles``."""
    wanted = set(roles)
    ids = {m.centre.municipality_id for m in memberships_of(user) if m.role in wanted}
    return queryset.filter(**{_lookup(municipality_path): ids})


def get_or_404(queryset: QuerySet[M], **lookup) -> M:
    """One object from an already scoped queryset, or 404 (out of scope looks like missing)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing


def role_required(*roles: str) -> Callable:
    """View decorator: the user must hold one of ``roles`` at one of their centres (else 403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.forlob_roles = roles
        return wrapper

    return decorator
