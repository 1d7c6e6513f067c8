"""The quality standard: staff pages (all versions, sources, law check) and the public page."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from organisations.access import get_or_404, has_role, scope_to_municipalities
from organisations.models import Municipality, Role

from .display import document_name, offer_rows, standard_sections
from .models import QualityStandard
from .selectors import standard_in_force, standard_shortfalls

WARNING_ROLES = (Role.MANAGER, Role.ADMINISTRATOR)
# Every staff role may read its own municipality's standard (no citizen data in it).
STAFF_ROLES = tuple(Role)


def standard_list(request: HttpRequest) -> HttpResponse:
    standards = scope_to_municipalities(
        QualityStandard.objects.select_related("municipality"), request.user, roles=STAFF_ROLES
    )
    return render(request, "standards/standard_list.html", {"standards": standards})


def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    standards = scope_to_municipalities(
        QualityStandard.objects.select_related("municipality"), request.user, roles=STAFF_ROLES
    )
    standard = get_or_404(standards.prefetch_related("offers"), pk=pk)
    context = {
        "standard": standard,
        "source_document": document_name(standard.source_document),
        "sections": standard_sections(standard),
        "offers": offer_rows(standard.offers.all()),
        "shortfalls": standard_shortfalls(standard) if has_role(request.user, WARNING_ROLES) else None,
    }
    return render(request, "standards/standard_detail.html", context)


@login_not_required
def public_standard(request: HttpRequest, code: str) -> HttpResponse:
    """The standard in force, published for citizens (G2.8.1: easy to find on the website)."""
    if not (code.isdigit() and len(code) == 3):  # municipality numbers are three digits
        raise Http404
    municipality = get_object_or_404(Municipality, code=code)
    standard = standard_in_force(municipality.pk)
    if standard is None:
        raise Http404
    return render(
        request,
        "standards/public_standard.html",
        {"standard": standard, "sections": standard_sections(standard), "offers": offer_rows(standard.offers.all())},
    )
