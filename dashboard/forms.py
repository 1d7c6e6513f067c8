"""The dashboard's filters: which centres (one, or all of a municipality's that the user manages)
and which period (a year, or a span of whole months). A GET form; invalid input gets a Danish
message on the form and the page falls back to nothing rather than a guess."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from . import measures

MAX_MONTHS = 36
_MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})[./-](\d{4}))\s*$")


class MonthInput(forms.TextInput):
    """The browser's month picker where there is one; elsewhere a text box taking 2026-03 or 3/2026."""

    input_type = "month"


def parse_month(value: str) -> measures.Month | None:
    """``2026-03``, ``3/2026``, ``03.2026`` or ``3-2026`` as (2026, 3); None when not a month."""
    match = _MONTH.match(value or "")
    if not match:
        return None
    year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
    year, month = int(year), int(month)
    return (year, month) if 1 <= month <= 12 and 2000 <= year <= 2100 else None


@dataclass(frozen=True)
class Selection:
    """What the filters chose: the centres, how to name them, and the period."""

    centre_ids: tuple[int, ...]
    label: str  # "Rusmiddelcenter Randers" or "Randers Kommune (alle centre)"
    slug: str  # for file names
    municipality_id: int
    first: date
    last: date

    @property
    def months(self) -> list[measures.Month]:
        return measures.months_between(self.first, self.last)


def managed_units(memberships) -> list[tuple[str, str, tuple[int, ...], str, int]]:
    """The choices of centre: each municipality where the user manages a centre (all those
    centres), then each centre. (value, label, centre ids, slug, municipality id)."""
    centres = sorted({m.centre for m in memberships}, key=lambda c: (c.municipality.name, c.name))
    units = []
    for municipality in sorted({c.municipality for c in centres}, key=lambda mu: mu.name):
        own = tuple(c.pk for c in centres if c.municipality_id == municipality.pk)
        if len(own) > 1:
            label = _("%(municipality)s: all my centres") % {"municipality": municipality.name}
            units.append((f"k{municipality.pk}", label, own, f"kommune-{municipality.code}", municipality.pk))
    for centre in centres:
        units.append((f"c{centre.pk}", centre.name, (centre.pk,), f"center-{centre.pk}", centre.municipality_id))
    return units


class FilterForm(forms.Form):
    enhed = forms.ChoiceField(label=_("Centre"))
    aar = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("A whole year, or leave empty and choose months below."),
        error_messages={
            "invalid": _("Enter a year as four digits, e.g. 2026."),
            "min_value": _("Enter a year from 2000."),
            "max_value": _("Enter a year up to 2100."),
        },
    )
    fra = forms.CharField(
        label=_("From month"), required=False, widget=MonthInput(), help_text=_("As 2026-01 or 1/2026.")
    )
    til = forms.CharField(
        label=_("To month"), required=False, widget=MonthInput(), help_text=_("As 2026-06 or 6/2026.")
    )

    def __init__(self, data, *, units, today: date):
        super().__init__(data)
        self.units = {u[0]: u for u in units}
        self.fields["enhed"].choices = [(u[0], u[1]) for u in units]
        self.today = today

    def clean(self):
        cleaned = super().clean()
        fra, til = cleaned.get("fra"), cleaned.get("til")
        if fra or til:
            first, last = parse_month(fra), parse_month(til)
            if fra and first is None:
                self.add_error("fra", _("Enter a month as 2026-01 or 1/2026."))
            if til and last is None:
                self.add_error("til", _("Enter a month as 2026-06 or 6/2026."))
            if not fra:
                self.add_error("fra", _("Enter the first month of the period."))
            if not til:
                self.add_error("til", _("Enter the last month of the period."))
            if first and last:
                if last < first:
                    self.add_error("til", _("The last month must be the same as or after the first."))
                elif len(measures.months_between(date(*first, 1), date(*last, 1))) > MAX_MONTHS:
                    self.add_error("til", _("Choose at most 36 months."))
            cleaned["span"] = (first, last)
        else:
            year = cleaned.get("aar") or (None if self.errors.get("aar") else self.today.year)
            cleaned["span"] = ((year, 1), (year, 12)) if year else (None, None)
        return cleaned

    def selection(self) -> Selection:
        unit = self.units[self.cleaned_data["enhed"]]
        _value, label, centre_ids, slug, municipality_id = unit
        (fy, fm), (ty, tm) = self.cleaned_data["span"]
        last = date(ty, tm, calendar.monthrange(ty, tm)[1])
        return Selection(tuple(centre_ids), str(label), slug, municipality_id, date(fy, fm, 1), last)


def default_data(units, today: date) -> dict:
    """The page's first view: the first choice of centre, this year."""
    return {"enhed": units[0][0], "aar": str(today.year)} if units else {}
