"""Where each subdistrict goes on a drawn map of its area. The source data has one point per
subdistrict and no boundaries, so a map is a field of points: longitude and latitude projected
equirectangularly about the area's middle latitude (at Thailand's size the distortion is far below
a dot's width), scaled to fit a fixed drawing width."""

import math
from dataclasses import dataclass

MAP_WIDTH = 320  # viewBox units, like the charts: the drawing scales to its box
MAP_MAX_HEIGHT = 400
MAP_MARGIN = 10
SMALLEST_RADIUS = 2.5
LARGEST_RADIUS = 9.0


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass
class Projection:
    width: int
    height: int
    radius: float  # a dot size that keeps neighbours mostly apart
    points: dict[str, Point]
    unplaced: list[str]  # codes the source gives no coordinates for


def project(
    coordinates: dict[str, tuple[float | None, float | None]],
    width: int = MAP_WIDTH,
    max_height: int = MAP_MAX_HEIGHT,
) -> Projection:
    """code → (latitude, longitude) in degrees, to points in a width × height drawing."""
    placed = {
        code: (lat, lon) for code, (lat, lon) in coordinates.items() if lat is not None and lon is not None
    }
    unplaced = sorted(code for code in coordinates if code not in placed)
    if not placed:
        return Projection(width=width, height=0, radius=0, points={}, unplaced=unplaced)
    latitudes = [lat for lat, _ in placed.values()]
    middle = math.radians((min(latitudes) + max(latitudes)) / 2)
    planar = {code: (lon * math.cos(middle), -lat) for code, (lat, lon) in placed.items()}
    left = min(x for x, _ in planar.values())
    top = min(y for _, y in planar.values())
    span_x = max(x for x, _ in planar.values()) - left
    span_y = max(y for _, y in planar.values()) - top
    usable_x, usable_y = width - 2 * MAP_MARGIN, max_height - 2 * MAP_MARGIN
    scales = [usable / span for usable, span in ((usable_x, span_x), (usable_y, span_y)) if span > 0]
    scale = min(scales) if scales else 0.0
    height = round(span_y * scale + 2 * MAP_MARGIN) if span_y else 2 * MAP_MARGIN + 20
    offset_x = MAP_MARGIN + (usable_x - span_x * scale) / 2  # centred when the height limits it
    offset_y = (height - span_y * scale) / 2
    points = {
        code: Point(round(offset_x + (x - left) * scale, 1), round(offset_y + (y - top) * scale, 1))
        for code, (x, y) in planar.items()
    }
    spacing = math.sqrt(usable_x * max(height - 2 * MAP_MARGIN, 1) / len(points))
    radius = round(min(LARGEST_RADIUS, max(SMALLEST_RADIUS, 0.3 * spacing)), 1)
    return Projection(width=width, height=height, radius=radius, points=points, unplaced=unplaced)
