"""Template filters of the assessment pages."""

from django import template

from assessments import rules

register = template.Library()


@register.filter
def cites_a_law(source: str) -> bool:
    """Whether ``source`` names a law, not only guideline numbers (``rules.cites_a_law``)."""
    return rules.cites_a_law(source or "")
