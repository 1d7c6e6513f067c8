"""Server-rendered SVG bar charts of a figure's monthly trend (no script: CSP and no JS).

The geometry is computed here; ``dashboard/includes/chart.html`` draws it. Each chart has a
``<title>`` and a description naming every month's value, and the same numbers stand in a table
right under it.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .figures import DAYS, PERCENT, Figure, Series, month_label

WIDTH, HEIGHT = 600, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 36


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the month, short
    value: str  # the value in words ("62,5 %", "–")


@dataclass
class Chart:
    title: str
    description: str
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (y, label)
    target_y: float | None = None
    target_label: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT


def value_text(value, unit: str) -> str:
    if value is None:
        return "–"
    if unit == PERCENT:
        return f"{number_format(value, 1)} %"
    if unit == DAYS:
        return _("%(days)s days") % {"days": value}
    return str(value)


def _short_month(month) -> str:
    return f"{month[1]:02d}/{month[0] % 100:02d}"


def chart(figure: Figure, series: Series) -> Chart | None:
    """A bar per month of ``series``; the y axis 0-100 % for shares, 0 to a round maximum for days."""
    if not series.points:
        return None
    values = [p.value for p in series.points if p.value is not None]
    if series.unit == PERCENT:
        top = 100
    else:
        top = max(values, default=0) or 1
        step = 10 ** max(len(str(int(top))) - 1, 0)
        top = (int(top) // step + 1) * step
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT
    slot = plot_width / len(series.points)
    bars = []
    for index, point in enumerate(series.points):
        height = 0 if point.value is None else plot_height * min(point.value, top) / top
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=_short_month(point.month),
                value=value_text(point.value, series.unit),
            )
        )
    ticks = [(round(TOP + plot_height * (1 - f), 1), value_text(top * f, series.unit)) for f in (0, 0.5, 1)]
    if series.unit == PERCENT:
        ticks = [(y, f"{round(top * f)} %") for (y, _label), f in zip(ticks, (0, 0.5, 1), strict=True)]
    target_y = None
    if series.target is not None and series.unit == PERCENT:
        target_y = round(TOP + plot_height * (1 - series.target.limit / 100), 1)
    described = "; ".join(f"{month_label(p.month)}: {value_text(p.value, series.unit)}" for p in series.points)
    title = f"{figure.measure.title}, {series.label.lower()}, {_('by month')}"
    return Chart(
        title=title,
        description=described,
        bars=bars,
        ticks=ticks,
        target_y=target_y,
        target_label=(
            _("Target: %(value)s") % {"value": value_text(series.target.limit, PERCENT)} if target_y is not None else ""
        ),
    )


@dataclass
class Shown:
    """A figure with what its section on the page needs: the chart and the table's rows."""

    figure: Figure
    chart: Chart | None
    rows: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # month, [(value, detail)]

    def __getattr__(self, name):
        return getattr(self.figure, name)


def decorate(figure: Figure) -> Shown:
    """The chart of the figure's first series with a trend, and the monthly table of every series."""
    trend = [s for s in figure.series if s.points]
    shown = Shown(figure, chart(figure, trend[0]) if trend else None)
    if trend:
        for index, point in enumerate(trend[0].points):
            shown.rows.append(
                (
                    month_label(point.month),
                    [(value_text(s.points[index].value, s.unit), s.points[index].detail) for s in trend],
                )
            )
    return shown
