"""The anonymous services' counts for reporting (SEL §101a; DOMAIN.md §2.10): a page and a CSV.

Only counts: no internal numbers, no reference codes, no nicknames, no birth years, nothing per
person. Who may see them: staff of the anonymous service (``Role.ANONYMOUS_COUNSELLOR``) and the
managers of a municipality's service centre (counts are not records; reporting is the manager's
job). To everyone else the pages do not exist (404, like every anonymous page). The CSV is a
logged export, so it is POST only (as the citizen's copy in ``exports``).
"""

import csv
import io
from collections.abc import Callable
from functools import wraps

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from anonymous.access import ROLE, service_centre, service_centre_ids
from anonymous.models import Service
from audit.models import AuditEvent
from audit.services import audit_record
from forlob.forms import clean_year, year_field
from organisations.access import memberships_of
from organisations.models import Centre, Role

from . import rules, selectors


def counts_centre_ids(user) -> set[int]:
    """The centres whose counts ``user`` sees: where they work in the anonymous service, and the
    service centre of a municipality (``anonymous.access.service_centre``) where they are manager."""
    ids = set(service_centre_ids(user))
    for membership in memberships_of(user):
        if membership.role == Role.MANAGER and membership.centre_id not in ids:
            centre = service_centre(membership.centre.municipality_id)
            if centre is not None and centre.pk == membership.centre_id:
                ids.add(centre.pk)
    return ids


def counts_access_required(view: Callable) -> Callable:
    """View decorator: 404 unless the user sees the counts of some centre (``counts_centre_ids``)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        centre_ids = counts_centre_ids(request.user)
        if not centre_ids:
            raise Http404
        request.anonymous_counts_centres = centre_ids
        return view(request, *args, **kwargs)

    wrapper.forlob_roles = (ROLE, Role.MANAGER)
    return wrapper


class YearForm(forms.Form):
    aar = year_field(required=False)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_aar(self) -> int:
        return clean_year(
            self.cleaned_data.get("aar"), today=self.today, first_year=rules.FIRST_YEAR, choose=rules.year_choice
        )


def _year(data) -> tuple[YearForm, int | None]:
    today = timezone.localdate()
    form = YearForm(data, today=today)
    return form, (form.cleaned_data["aar"] if form.is_valid() else None)


def _table(request: HttpRequest, year: int) -> list[rules.ServiceYear]:
    return rules.year_table(selectors.year_counts(request.anonymous_counts_centres, year))


def service_label(code: str) -> str:
    return str(Service(code).label) if code in Service.values else _("All services")


@counts_access_required
@require_GET
def counts(request: HttpRequest) -> HttpResponse:
    form, year = _year(request.GET if "aar" in request.GET else {"aar": ""})
    context = {
        "form": form,
        "year": year,
        "centres": Centre.objects.filter(pk__in=request.anonymous_counts_centres).order_by("name"),
        "measure_labels": [rules.MEASURE_LABELS[m] for m in rules.MEASURES],
        "months": [rules.MonthRow(m, {}).first_day for m in rules.MONTHS],
    }
    if year is not None:
        table = _table(request, year)
        together = rules.all_services(table)
        context.update(
            services=[(service_label(s.service), s) for s in table],
            together=together,
            summary=[(service_label(s.service), s.total_values()) for s in table],
            bars=rules.bars([row.counts["contacts"] for row in together.rows]),
            chart_width=rules.CHART_WIDTH,
            chart_height=rules.CHART_HEIGHT + 20,
            bar_width=rules.BAR_WIDTH,
        )
    return render(request, "anonymous/reporting/counts.html", context)


def counts_csv_text(table: list[rules.ServiceYear], year: int) -> str:
    """The CSV: one line per service and month and a total line per service; semicolons, as
    Danish spreadsheets expect. Counts only."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Year"), _("Month"), _("Service"), *[str(rules.MEASURE_LABELS[m]) for m in rules.MEASURES]])
    for service_year in table:
        label = service_label(service_year.service)
        for row in service_year.rows:
            writer.writerow([year, row.month, label, *row.values()])
        writer.writerow([year, _("Total"), label, *service_year.total_values()])
    return out.getvalue()


@never_cache
@counts_access_required
@require_POST
def counts_csv(request: HttpRequest) -> HttpResponse:
    form, year = _year(request.POST)
    if year is None:
        context = {"form": form, "year": None, "centres": [], "measure_labels": [], "months": []}
        return render(request, "anonymous/reporting/counts.html", context, status=400)
    text = counts_csv_text(_table(request, year), year)
    centre_ids = sorted(request.anonymous_counts_centres)
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        centre_id=centre_ids[0] if len(centre_ids) == 1 else None,
        changes={"anonymous": True, "what": "counts", "year": year, "centres": centre_ids},
    )
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"anonyme-tilbud-tal-{year}.csv"
    )
    return response
