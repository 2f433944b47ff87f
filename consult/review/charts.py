"""Geometry of the server-drawn SVG charts (templates/review/_charts.html draws them): readable
without JavaScript, printable, and each one paired with a table of its numbers."""

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from consult.geography.maps import project
from consult.geography.queries import coordinates_in_province
from consult.review.coverage import Coverage
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


LABEL_MAX_LETTERS = 34  # what fits on one bar chart row


def fit_label(text: str, limit: int = LABEL_MAX_LETTERS) -> str:
    """The text cut to `limit` spacing letters, never between a Thai letter and the vowel or tone
    marks above or below it (those take no width, and a cut there leaves a stray mark)."""
    letters = 0
    for index, character in enumerate(text):
        if unicodedata.category(character) != "Mn":
            letters += 1
            if letters > limit:
                return text[:index].rstrip() + "…"
    return text


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


# ---------------------------------------------------------------------------------------------
# The coverage map: one mark per subdistrict at its official point (the geography has no
# boundaries). The mark's shape tells its state, so the map reads in black and white too.

MAP_HEARD = "heard"  # input received: a filled circle, darker with more inputs
MAP_HEARING_ONLY = "hearing"  # a hearing but no input yet: a square
MAP_UNHEARD = "unheard"  # neither: a hollow circle
MAP_STATES = (MAP_UNHEARD, MAP_HEARING_ONLY, MAP_HEARD)


@dataclass
class MapMark:
    code: str
    name: str
    district_name: str
    x: float
    y: float
    state: str
    inputs: int
    hearings: int
    level: int  # 1–4 shade of a heard subdistrict, 0 otherwise


@dataclass
class ShadeRange:
    level: int
    lowest: int
    highest: int


@dataclass
class CoverageMap:
    width: int
    height: int
    radius: float
    marks: list[MapMark]  # drawn in this order: the unheard first, so the heard stay on top
    unplaced: list[str]  # names of subdistricts the source gives no point for
    counts: dict[str, int] = field(default_factory=dict)
    shades: list[ShadeRange] = field(default_factory=list)

    @property
    def square(self) -> float:
        """Side of a hearing-only square with the area of a dot."""
        return round(self.radius * math.sqrt(math.pi), 1)


def coverage_map(result: Coverage, province_code: str) -> CoverageMap:
    """The subdistricts of the coverage result placed on a map of their province (or of the
    chosen district: the projection fits whatever the coverage holds)."""
    coordinates = coordinates_in_province(province_code)
    items = {item.code: item for item in result.subdistricts}
    projection = project({code: coordinates.get(code, (None, None)) for code in items})
    largest = max((item.inputs for item in result.subdistricts), default=0)
    marks = []
    for code, point in projection.points.items():
        item = items[code]
        state = MAP_HEARD if item.inputs else MAP_HEARING_ONLY if item.has_hearing else MAP_UNHEARD
        marks.append(
            MapMark(
                code=code,
                name=item.name,
                district_name=item.district_name,
                x=point.x,
                y=point.y,
                state=state,
                inputs=item.inputs,
                hearings=len(item.hearings),
                level=heat_level(item.inputs, largest),
            )
        )
    marks.sort(key=lambda mark: (MAP_STATES.index(mark.state), mark.level, mark.code))
    counts = {state: 0 for state in MAP_STATES}
    for item in result.subdistricts:
        counts[MAP_HEARD if item.inputs else MAP_HEARING_ONLY if item.has_hearing else MAP_UNHEARD] += 1
    return CoverageMap(
        width=projection.width,
        height=projection.height,
        radius=projection.radius,
        marks=marks,
        unplaced=[items[code].name for code in projection.unplaced],
        counts=counts,
        shades=shade_ranges(largest),
    )


def shade_ranges(largest: int) -> list[ShadeRange]:
    """The values each shade of heat_level stands for, for a legend (empty shades left out):
    level k holds the values v with (k-1)·largest ≤ 4v-1 < k·largest."""
    ranges = []
    for level in range(1, 5):
        lowest = math.ceil(((level - 1) * largest + 1) / 4)
        highest = largest if level == 4 else math.ceil((level * largest + 1) / 4) - 1
        if lowest <= highest:
            ranges.append(ShadeRange(level=level, lowest=lowest, highest=highest))
    return ranges
