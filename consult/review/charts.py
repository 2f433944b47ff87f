"""Geometry of the server-drawn SVG charts (templates/review/_charts.html draws them): readable
without JavaScript, printable, and each one paired with a table of its numbers."""

from dataclasses import dataclass
from datetime import date

from consult.review.tables import DayActivity

WIDTH = 320  # viewBox units; the chart scales to its box, so text stays legible on a phone
ROW_HEIGHT = 40
PLOT_HEIGHT = 96
AXIS_HEIGHT = 12  # room for the hearing marks under the axis


@dataclass
class Bar:
    label: str
    value: int
    y: float
    width: float


@dataclass
class BarChart:
    bars: list[Bar]
    height: int
    label_width: int = 0
    bar_height: int = 11


def bar_chart(items: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars, one row each: the label on top, the bar under it, the number at its end."""
    largest = max((value for _, value in items), default=0) or 1
    usable = WIDTH - 48  # room for the number after the longest bar
    bars = [
        Bar(label=label, value=value, y=index * ROW_HEIGHT + 22, width=round(usable * value / largest, 1))
        for index, (label, value) in enumerate(items)
    ]
    return BarChart(bars=bars, height=len(items) * ROW_HEIGHT + 2)


@dataclass
class Column:
    day: date
    inputs: int
    hearings: int
    x: float
    height: float


@dataclass
class TimeChart:
    columns: list[Column]
    column_width: float
    largest: int
    today_x: float | None = None
    height: int = PLOT_HEIGHT + AXIS_HEIGHT
    plot_height: int = PLOT_HEIGHT
    width: int = WIDTH

    @property
    def first(self) -> date | None:
        return self.columns[0].day if self.columns else None

    @property
    def last(self) -> date | None:
        return self.columns[-1].day if self.columns else None

    @property
    def hearing_columns(self) -> list[Column]:
        return [column for column in self.columns if column.hearings]


def time_chart(days: list[DayActivity], today: date) -> TimeChart:
    """Inputs per day as columns; a mark under each day with a hearing; a line at today."""
    largest = max((day.inputs for day in days), default=0)
    step = WIDTH / max(len(days), 1)
    columns = [
        Column(
            day=day.day,
            inputs=day.inputs,
            hearings=day.hearings,
            x=round(index * step, 2),
            height=round((PLOT_HEIGHT - 4) * day.inputs / largest, 2) if largest else 0,
        )
        for index, day in enumerate(days)
    ]
    today_x = next((round(column.x + step / 2, 2) for column in columns if column.day == today), None)
    return TimeChart(
        columns=columns, column_width=round(max(step - 0.6, 0.6), 2), largest=largest, today_x=today_x
    )


def heat_level(value: int, largest: int) -> int:
    """0 for nothing, then 1–4 by quarters of the largest value: the shade of a table cell."""
    if not value or not largest:
        return 0
    return min(4, 1 + (4 * value - 1) // largest)
