"""Who sees the anonymous services' records: only staff holding the anonymous-service role
(``Role.ANONYMOUS_COUNSELLOR``) at the record's centre. To everyone else the pages do not exist
(404, not 403), so nobody without the role learns that a record, or the service's list, exists."""

from collections.abc import Callable
from functools import wraps

from django.db.models import QuerySet
from django.http import Http404

from organisations.access import centre_ids_with_role
from organisations.models import Centre, Role

from .models import AnonymousClient

ROLE = Role.ANONYMOUS_COUNSELLOR


def service_centre_ids(user) -> set[int]:
    """The centres where ``user`` works in the anonymous service."""
    return centre_ids_with_role(user, [ROLE])


def anonymous_role_required(view: Callable) -> Callable:
    """View decorator: 404 unless the user holds the anonymous-service role at some centre."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not service_centre_ids(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.forlob_roles = (ROLE,)
    return wrapper


def scoped(queryset: QuerySet, user, *, centre_path: str = "centre") -> QuerySet:
    """Rows of ``queryset`` at the centres where ``user`` holds the role (``centre_path`` leads to
    the centre, e.g. ``"client__centre"``)."""
    return queryset.filter(**{f"{centre_path}_id__in": service_centre_ids(user)})


def clients_for(user) -> QuerySet[AnonymousClient]:
    return scoped(AnonymousClient.objects.all(), user)


def service_centre(municipality_id: int) -> Centre | None:
    """The centre that runs the municipality's anonymous service and receives what the public page
    sends: the municipality's own active centre (the first by name, as in ``Centre``'s ordering)."""
    return (
        Centre.objects.filter(municipality_id=municipality_id, kind=Centre.Kind.MUNICIPAL, is_active=True)
        .order_by("name", "id")
        .first()
    )
