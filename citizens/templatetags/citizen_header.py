"""``{% load citizen_header %}{% citizen_header citizen course %}``: the citizen at a glance.

On every citizen, course, assessment and decision page: name, masked CPR number, age, responsible
worker, course state, the next open deadline, and the alerts staff must not miss (children at
home, pregnancy, name and address protection, child-welfare notification sent, deceased).
"""

from django import template
from django.utils import timezone

from citizens.selectors import citizen_header as header_facts

register = template.Library()


@register.inclusion_tag("citizens/includes/header.html")
def citizen_header(citizen, course=None):
    if not citizen:
        return {"header": None}
    today = timezone.localdate()
    return {"header": header_facts(citizen, course or None, today=today), "today": today}
