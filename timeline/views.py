"""The citizen's timeline: every event of every course, newest first, filterable by kind, paged (keyset:
``?efter=``/``?foer=`` name the place of an event, see ``selectors``).

Scoped and audited through ``citizen_for_user`` (another centre's citizen: 404; the read logged).
The number of queries does not grow with the events (``selectors.timeline_page``).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from citizens.selectors import citizen_for_user
from organisations.access import has_role, role_required
from organisations.models import CASE_READ_ROLES, CASEWORK_ROLES

from .forms import TimelineFilterForm
from .selectors import timeline_page


@role_required(*CASE_READ_ROLES)
def citizen(request: HttpRequest, pk: int) -> HttpResponse:
    shown = citizen_for_user(request.user, pk)  # 404 outside the user's centres; the read is logged
    form = TimelineFilterForm(request.GET if "kind" in request.GET else None)
    kinds = form.chosen()
    page = timeline_page(shown.pk, kinds=kinds, params=request.GET)
    return render(
        request,
        "timeline/citizen.html",
        {
            "citizen": shown,
            "form": form,
            "page": page,
            "filtered": kinds is not None,
            "can_write": has_role(request.user, CASEWORK_ROLES, centre_id=shown.centre_id),
        },
    )
