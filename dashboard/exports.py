"""Downloads of the figure tables: one CSV per figure, or the whole dashboard as one XLSX workbook
with a sheet per figure. Danish headings, the monthly numbers only: never a citizen (the caseload
sheet names workers, as the page does).
"""

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .figures import PERCENT, Figure, month_label
from .forms import Selection


def _number(value, unit: str):
    if value is None:
        return None
    return round(value, 1) if unit == PERCENT else value


def figure_table(figure: Figure) -> tuple[list[str], list[list]]:
    """Headings and rows: one row per month, a value column (and its detail) per series; a figure
    without a trend (the caseload) is a row per worker; the period's total comes last."""
    if figure.workers:
        headings = [_("Worker"), _("Open courses")]
        return headings, [[row.worker_name, row.open_courses] for row in figure.workers]
    trend = [s for s in figure.series if s.points]
    headings = [_("Month")]
    for series in trend:
        unit = "%" if series.unit == PERCENT else _("days")
        headings += [f"{figure.measure.title}: {series.label} ({unit})", f"{series.label}: {_('counted')}"]
    rows = []
    if trend:
        for index, point in enumerate(trend[0].points):
            row = [month_label(point.month)]
            for series in trend:
                row += [_number(series.points[index].value, series.unit), series.points[index].detail]
            rows.append(row)
        total = [_("The whole period")]
        for series in trend:
            total += [_number(series.value, series.unit), series.detail]
        rows.append(total)
    return headings, rows


def figure_csv(figure: Figure) -> str:
    """The table as CSV: semicolons and decimal commas, as Danish spreadsheets read it."""
    headings, rows = figure_table(figure)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headings)
    for row in rows:
        writer.writerow(["" if v is None else str(v).replace(".", ",") if isinstance(v, float) else v for v in row])
    return "\ufeff" + out.getvalue()  # a byte-order mark, so Excel reads the æøå


def dashboard_xlsx(figures: list[Figure], selection: Selection) -> bytes:
    """Every figure's table in one workbook, a sheet per figure, with the selection on top."""
    book = Workbook()
    book.remove(book.active)
    for figure in figures:
        sheet = book.create_sheet(_sheet_name(str(figure.measure.title)))
        sheet.append([str(figure.measure.title)])
        sheet.append([selection.label, f"{selection.first:%d.%m.%Y}–{selection.last:%d.%m.%Y}"])
        sheet.append([])
        headings, rows = figure_table(figure)
        sheet.append(headings)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "", title)[:31]


def filename(selection: Selection, what: str, ext: str) -> str:
    """``noegletal-center-3-2026-01-2026-12.xlsx``: what, which centres, which period."""
    return f"{what}-{selection.slug}-{selection.first:%Y-%m}-{selection.last:%Y-%m}.{ext}"
