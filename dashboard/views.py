"""The manager's dashboard (/ledelse/): key figures, their definitions, drill-downs and downloads.

Managers only, and only the centres where the user is a manager. The figure pages show no
citizen (numbers and the workers' own caseloads), so they are not list reads; the drill-down
names citizens and is logged with the citizens it showed (``audit_list_read``); every download is
an export event.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_list_read, audit_record
from courses.models import Course, CourseState
from forlob.paging import keyset_page
from organisations.access import memberships_of, role_required
from organisations.models import Role
from standards.selectors import standard_in_force

from . import charts, exports, figures, selectors
from .forms import FilterForm, default_data, managed_units

DRILLDOWN_PAGE = 50


def _filters(request: HttpRequest):
    """The filter form bound to the request (or the defaults), and its selection when valid."""
    today = timezone.localdate()
    units = managed_units([m for m in memberships_of(request.user) if m.role == Role.MANAGER])
    data = request.GET if "enhed" in request.GET else default_data(units, today)
    form = FilterForm(data, units=units, today=today)
    return form, (form.selection() if form.is_valid() else None), today


def _figures(selection, today):
    data = selectors.dashboard_data(selection.centre_ids, selection.first, selection.last, today)
    standard = standard_in_force(selection.municipality_id, min(selection.last, today))
    return data, standard, figures.compute(data, selection.months, today, standard)


def _query(request: HttpRequest) -> str:
    """The filters as a query string, for the links that keep them."""
    kept = request.GET.copy()
    for name in ("efter", "foer", "udvalg"):
        kept.pop(name, None)
    return kept.urlencode()


@role_required(Role.MANAGER)
def index(request: HttpRequest) -> HttpResponse:
    """The key figures for the chosen centres and period, each with its trend, target and links."""
    form, selection, today = _filters(request)
    context = {"form": form, "selection": selection, "today": today, "query": _query(request)}
    if selection is not None:
        _data, standard, shown = _figures(selection, today)
        context.update(figures=[charts.decorate(f) for f in shown], standard=standard)
    return render(request, "dashboard/index.html", context, status=200 if form.is_valid() else 400)


@role_required(Role.MANAGER)
def definitions(request: HttpRequest) -> HttpResponse:
    """How every figure is counted, in plain words with its source (the same text as docs/measures.md)."""
    return render(request, "dashboard/definitions.html", {"measures": figures.MEASURES})


def _measure(key: str) -> figures.Measure:
    measure = figures.BY_KEY.get(key)
    if measure is None:
        raise Http404
    return measure


@role_required(Role.MANAGER)
def drilldown(request: HttpRequest, key: str) -> HttpResponse:
    """The courses behind one figure, in the same centres and period, paged; logged with the
    citizens shown."""
    measure = _measure(key)
    form, selection, today = _filters(request)
    if selection is None:
        return render(request, "dashboard/drilldown.html", {"measure": measure, "form": form}, status=400)
    everything = request.GET.get("udvalg") == figures.ALL
    courses = Course.objects.filter(centre_id__in=selection.centre_ids)
    if key == "sagsstamme":
        courses = courses.filter(responsible__isnull=False).exclude(state=CourseState.CLOSED)
    else:
        data, standard, _shown = _figures(selection, today)
        target = figures.m.readmission_target(getattr(standard, "readmission_target", None))
        ids = figures.behind(
            key, data, today, figures.ALL if everything else figures.BREACHES, months=target[1] if target else 12
        )
        courses = courses.filter(pk__in=ids)
    page = keyset_page(
        courses.select_related("citizen", "responsible"),
        order=("-opened_on", "-id"),
        params=request.GET,
        size=DRILLDOWN_PAGE,
    )
    audit_list_read(actor=request.user, citizen_ids=[c.citizen_id for c in page], what="dashboard:drilldown")
    context = {
        "measure": measure,
        "selection": selection,
        "page": page,
        "everything": everything,
        "has_selections": key not in ("ventetid", "behandlingstid", "sagsstamme"),
        "query": _query(request),
        "form": form,
    }
    return render(request, "dashboard/drilldown.html", context)


def _export_audit(request, selection, what: str, fmt: str) -> None:
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        centre_id=selection.centre_ids[0] if len(selection.centre_ids) == 1 else None,
        changes={
            "what": what,
            "format": fmt,
            "centres": list(selection.centre_ids),
            "period": [selection.first.isoformat(), selection.last.isoformat()],
        },
    )


@role_required(Role.MANAGER)
def download_csv(request: HttpRequest, key: str) -> HttpResponse:
    """One figure's monthly table as CSV (semicolon-separated, Danish headings, no citizen data)."""
    measure = _measure(key)
    form, selection, today = _filters(request)
    if selection is None:
        return HttpResponse(_("The filters are not valid."), status=400, content_type="text/plain; charset=utf-8")
    _data, _standard, shown = _figures(selection, today)
    figure = next(f for f in shown if f.key == measure.key)
    _export_audit(request, selection, f"dashboard:{key}", "csv")
    response = HttpResponse(exports.figure_csv(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(selection, key, "csv")}"'
    return response


@role_required(Role.MANAGER)
def download_xlsx(request: HttpRequest) -> HttpResponse:
    """The whole dashboard as one workbook, a sheet per figure."""
    form, selection, today = _filters(request)
    if selection is None:
        return HttpResponse(_("The filters are not valid."), status=400, content_type="text/plain; charset=utf-8")
    _data, _standard, shown = _figures(selection, today)
    _export_audit(request, selection, "dashboard", "xlsx")
    response = HttpResponse(
        exports.dashboard_xlsx(shown, selection),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(selection, "noegletal", "xlsx")}"'
    return response
