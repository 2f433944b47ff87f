"""Where a subdistrict is drawn: north up, east right, inside the drawing, none lost silently."""

from consult.extensions import db
from consult.geography.maps import MAP_MARGIN, MAP_WIDTH, project
from consult.geography.models import Subdistrict
from consult.geography.queries import coordinates_in_province


def test_points_keep_north_up_and_east_right_inside_the_drawing():
    projection = project(
        {
            "south": (16.0, 102.0),
            "north": (17.0, 102.0),
            "east": (16.5, 103.0),
            "unknown": (None, None),
        }
    )
    points = projection.points
    assert points["north"].y < points["south"].y
    assert points["east"].x > points["south"].x
    assert projection.unplaced == ["unknown"]
    for point in points.values():
        assert MAP_MARGIN - 0.1 <= point.x <= MAP_WIDTH - MAP_MARGIN + 0.1
        assert MAP_MARGIN - 0.1 <= point.y <= projection.height - MAP_MARGIN + 0.1
    # a degree of longitude at 16.5° N is shorter than a degree of latitude: cos(16.5°) ≈ 0.96
    east_span = points["east"].x - points["south"].x
    north_span = points["south"].y - points["north"].y
    assert 0.9 < east_span / north_span < 1.0


def test_one_point_or_none_still_draws():
    assert project({"only": (16.4, 102.8)}).points["only"].x == MAP_WIDTH / 2
    empty = project({"a": (None, None)})
    assert empty.points == {} and empty.unplaced == ["a"]


def test_khon_kaen_fits_its_province_shape(app_context):
    coordinates = coordinates_in_province("40")
    assert len(coordinates) == db.session.query(Subdistrict).filter_by(province_code="40").count()
    projection = project(coordinates)
    assert len(projection.points) + len(projection.unplaced) == len(coordinates)
    # Khon Kaen is taller than wide (about 1.9° of latitude, 1.6° of longitude)
    assert projection.height > projection.width
