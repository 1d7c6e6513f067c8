from django import template
from django.utils.translation import gettext as _

from deadlines import rules

register = template.Library()

LABELS = {
    "met": lambda d: _("Met %(date)s") % {"date": f"{d.met_on:%d.%m.%Y}"},
    "waived": lambda d: _("Waived – start as soon as possible"),
    "overdue": lambda d: _("Overdue"),
    "due_soon": lambda d: _("Due soon"),
    "open": lambda d: _("Open"),
}


@register.inclusion_tag("deadlines/_status.html")
def deadline_status(deadline, today):
    code = rules.status(due_on=deadline.due_on, met_on=deadline.met_on, waived_on=deadline.waived_on, today=today)
    return {"code": code, "label": LABELS[code](deadline)}
