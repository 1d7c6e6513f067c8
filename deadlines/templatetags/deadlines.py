"""One way to show a deadline's status on every page: the rule's code, in Danish words."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import CloseReason
from deadlines.models import DeadlineKind
from forlob.citations import danish_citation, danish_text, law_citation

register = template.Library()
KIND_LABELS = dict(DeadlineKind.choices)  # lazy labels: translated when shown


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _closed_reason(value: str) -> str:
    return CloseReason(value).label if value in CloseReason.values else _("reason not recorded")


OPTED_OUT = "opted_out"  # the citizen declined follow-up after discharge (G3.12.3): not a guarantee waiver


def status_label(status, deadline) -> str:
    """The words for ``status`` (a ``rules.DeadlineStatus``) of ``deadline`` (a row)."""
    code = status.code
    if code in ("waived", "waived_late") and getattr(deadline, "waiver_reason", "") == OPTED_OUT:
        return _opted_out_label(status)
    if code == "kept":
        return _("Met %(date)s") % {"date": _day(status.ended_on)}
    if code == "late":
        return ngettext(
            "Overdue by %(days)s day – met %(date)s", "Overdue by %(days)s days – met %(date)s", status.days_late
        ) % {"days": status.days_late, "date": _day(status.ended_on)}
    if code == "waived":
        return _("Waived – start as soon as possible")
    if code == "waived_late":
        return _("Overdue from %(from)s until waived on %(date)s") % {
            "from": _day(status.overdue_from),
            "date": _day(status.ended_on),
        }
    if code == "closed":
        return _("Closed %(date)s: %(reason)s") % {
            "date": _day(status.ended_on),
            "reason": _closed_reason(deadline.closed_reason),
        }
    if code == "closed_late":
        return _("Overdue from %(from)s until closed %(date)s: %(reason)s") % {
            "from": _day(status.overdue_from),
            "date": _day(status.ended_on),
            "reason": _closed_reason(deadline.closed_reason),
        }
    if code == "overdue":
        return ngettext("Overdue by %(days)s day", "Overdue by %(days)s days", status.days_overdue) % {
            "days": status.days_overdue
        }
    return _("Due soon") if code == "due_soon" else _("Open")


def _opted_out_label(status) -> str:
    if status.code == "waived_late":
        return _("Overdue from %(from)s until the citizen declined follow-up on %(date)s") % {
            "from": _day(status.overdue_from),
            "date": _day(status.ended_on),
        }
    return _("The citizen declined follow-up (%(date)s)") % {"date": _day(status.ended_on)}


@register.filter
def deadline_title(deadline) -> str:
    """The deadline's kind, and which one where a course has several: the follow-up's months after
    discharge, the plan version a review makes."""
    title = KIND_LABELS.get(deadline.kind, deadline.kind)
    if deadline.kind == "follow_up" and deadline.ref.isdigit():
        months = int(deadline.ref)
        return ngettext(
            "Follow-up %(months)s month after discharge", "Follow-up %(months)s months after discharge", months
        ) % {"months": months}
    if deadline.kind == "plan_review" and deadline.ref.isdigit():
        return _("%(title)s (version %(number)s)") % {"title": title, "number": deadline.ref}
    return title


@register.simple_tag
def deadline_status(deadline, today) -> str:
    """The status as a labelled badge (``status--<code>``; ``status--breach`` when the law was broken).
    Built in code, not a template per row: a worklist shows a hundred of them."""
    status = deadline.status_on(today)
    breach = " status--breach" if status.is_breach else ""
    return format_html(
        '<span class="status status--{}{}" data-status="{}">{}</span>',
        status.code,
        breach,
        status.code,
        status_label(status, deadline),
    )


@register.filter
def legal(source: str) -> str:
    """A compact source code in Danish legal notation, laws only (``forlob.citations.law_citation``)."""
    return law_citation(source or "")


@register.filter
def legal_full(source: str) -> str:
    """Every part of a compact source code in Danish notation (``forlob.citations.danish_citation``)."""
    return danish_citation(source or "")


@register.filter
def legal_text(text: str) -> str:
    """Running text with its compact legal references in Danish notation (``forlob.citations.danish_text``)."""
    return danish_text(text or "")
