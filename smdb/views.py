"""The manager's page for the report to Stofmisbrugsdatabasen (/indberetning/). Thin.

Who: managers (``Role.MANAGER``), for the municipalities where they manage a centre; another
municipality looks missing (404). The page shows counts per record kind, the records that lack a
required field (course, citizen by name and masked CPR, what is missing; a logged list read), the
months of the year with their due dates and whether each was marked as reported. The file (with
CPR numbers, as the register is keyed on them) and the marking are POST only and audited; the
file comes as an attachment that no cache keeps.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from audit.services import audit_list_read
from organisations.access import memberships_of, role_required
from organisations.models import Role

from . import rules, selectors, services
from .forms import PeriodForm
from .models import MonthlyReport

ERRORS_PER_PAGE = 100

# The register's column names as people read them on the page.
COLUMN_LABELS = {
    "cpr": gettext_lazy("CPR number"),
    "municipality_code": gettext_lazy("municipality number"),
    "request_date": gettext_lazy("request date"),
    "start_date": gettext_lazy("treatment start"),
    "enrolment_date": gettext_lazy("enrolment date"),
    "provider_id": gettext_lazy("provider"),
    "offer_kind": gettext_lazy("kind of offer"),
    "discharge_date": gettext_lazy("discharge date"),
    "drug_use_status": gettext_lazy("drug use at discharge"),
    "discharge_reason": gettext_lazy("reason for ending"),
    "self_help_contact": gettext_lazy("contact with a self-help network"),
    "drug_free_partner": gettext_lazy("moves in with a drug-free partner"),
    "housing": gettext_lazy("housing after discharge"),
    "income": gettext_lazy("source of income"),
}


def kind_labels() -> dict[str, str]:
    return {
        rules.REQUEST: _("Requests"),
        rules.START: _("Treatment starts"),
        rules.ENROLMENT: _("Enrolments"),
        rules.DISCHARGE: _("Discharges"),
    }


def _centre_in(user, municipality) -> int | None:
    """The user's managed centre in the municipality (the audit event's centre)."""
    ids = sorted(
        m.centre_id
        for m in memberships_of(user)
        if m.role == Role.MANAGER and m.centre.municipality_id == municipality.pk
    )
    return ids[0] if ids else None


def _form(request: HttpRequest, data) -> PeriodForm:
    """The period form over the user's municipalities; a municipality they do not manage is 404."""
    municipalities = list(selectors.managed_municipalities(request.user))
    code = (data.get("kommune") or "").strip()
    if code and code not in {m.code for m in municipalities}:
        raise Http404
    return PeriodForm(data, municipalities=municipalities, today=timezone.localdate())


def _default_data(request: HttpRequest) -> dict:
    """Without a choice: the first municipality and the last month (the report due next)."""
    today = timezone.localdate()
    year, month = rules.previous_month(today.year, today.month)
    first = selectors.managed_municipalities(request.user).first()
    return {"kommune": first.code if first else "", "aar": str(year), "maaned": str(month)}


def _query(form: PeriodForm, **extra) -> str:
    data = form.cleaned_data
    values = {"kommune": data["kommune"].code, "aar": data["aar"], "maaned": data["maaned"] or ""}
    return urlencode(values | extra)


def _months(municipality, year: int, today) -> list[dict]:
    """The months of the year that have ended: due date, and whether (when, by whom) it was reported."""
    reports = {
        r.month: r
        for r in MonthlyReport.objects.filter(municipality=municipality, year=year).select_related("reported_by")
    }
    rows = []
    for month in range(1, 13):
        if rules.month_end(year, month) >= today:
            break
        due_on = rules.report_due_on(year, month)
        report = reports.get(month)
        rows.append(
            {
                "month": month,
                "first_day": rules.period(year, month)[0],
                "due_on": due_on,
                "report": report,
                "overdue": report is None and due_on < today,
            }
        )
    return rows


@require_GET
@role_required(Role.MANAGER)
def index(request: HttpRequest) -> HttpResponse:
    data = request.GET if "kommune" in request.GET else _default_data(request)
    form = _form(request, data)
    context: dict = {"form": form, "kind_labels": kind_labels()}
    if form.is_valid():
        municipality, year, month = (form.cleaned_data[name] for name in ("kommune", "aar", "maaned"))
        export = selectors.export_for(municipality, year, month, with_cpr=False)
        page = Paginator(export.errors, ERRORS_PER_PAGE).get_page(request.GET.get("side"))
        audit_list_read(actor=request.user, citizen_ids=[e.citizen_id for e in page.object_list], what="smdb:index")
        context.update(
            export=export,
            municipality=municipality,
            year=year,
            month=month,
            counts=[(kind_labels()[kind], rules.REGISTER_PART[kind], n) for kind, n in export.counts.items()],
            errors=[
                (e, kind_labels()[e.record_kind], [str(COLUMN_LABELS.get(c, c)) for c in e.missing])
                for e in page.object_list
            ],
            page=page,
            query=_query(form),
            months=_months(municipality, year, timezone.localdate()),
        )
    return render(request, "smdb/index.html", context, status=200 if form.is_valid() else 400)


@never_cache
@require_POST
@role_required(Role.MANAGER)
def download(request: HttpRequest) -> HttpResponse:
    form = _form(request, request.POST)
    if not form.is_valid():
        return render(request, "smdb/index.html", {"form": form, "kind_labels": kind_labels()}, status=400)
    municipality, year, month = (form.cleaned_data[name] for name in ("kommune", "aar", "maaned"))
    export = selectors.export_for(municipality, year, month)
    services.audit_export(export, actor=request.user, centre_id=_centre_in(request.user, municipality))
    response = HttpResponse(services.csv_text(export), content_type="text/csv; charset=utf-8")
    name = services.file_name(export)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["Cache-Control"] = "no-store, private"
    return response


@require_POST
@role_required(Role.MANAGER)
def mark_reported(request: HttpRequest) -> HttpResponse:
    form = _form(request, request.POST)
    if not form.is_valid() or not form.cleaned_data.get("maaned"):
        if form.is_valid():
            form.add_error("maaned", _("Choose a month."))
        return render(request, "smdb/index.html", {"form": form, "kind_labels": kind_labels()}, status=400)
    municipality, year, month = (form.cleaned_data[name] for name in ("kommune", "aar", "maaned"))
    try:
        services.month_mark_reported(
            municipality=municipality, year=year, month=month, by=request.user, reported_on=timezone.localdate()
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The month is marked as reported to Stofmisbrugsdatabasen."))
    return redirect(f"{reverse('smdb:index')}?{_query(form)}")
