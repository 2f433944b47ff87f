"""Read-only queries over the geography, shared by pages and the API."""

from sqlalchemy import select

from consult.extensions import db
from consult.geography.models import District, Province, Subdistrict


def all_provinces() -> list[Province]:
    return list(db.session.scalars(select(Province).order_by(Province.code)))


def districts_of(province_code: str) -> list[District]:
    return list(
        db.session.scalars(
            select(District).where(District.province_code == province_code).order_by(District.code)
        )
    )


def subdistricts_of(district_code: str) -> list[Subdistrict]:
    return list(
        db.session.scalars(
            select(Subdistrict).where(Subdistrict.district_code == district_code).order_by(Subdistrict.code)
        )
    )


def subdistricts_by_codes(codes) -> list[Subdistrict]:
    codes = list(codes)
    if not codes:
        return []
    return list(
        db.session.scalars(select(Subdistrict).where(Subdistrict.code.in_(codes)).order_by(Subdistrict.code))
    )


def subdistricts_in_province(province_code: str) -> list[Subdistrict]:
    return list(
        db.session.scalars(
            select(Subdistrict).where(Subdistrict.province_code == province_code).order_by(Subdistrict.code)
        )
    )


def coordinates_in_province(province_code: str) -> dict[str, tuple[float | None, float | None]]:
    """code → (latitude, longitude) of every subdistrict of the province (None where unknown)."""
    return {
        code: (latitude, longitude)
        for code, latitude, longitude in db.session.execute(
            select(Subdistrict.code, Subdistrict.latitude, Subdistrict.longitude).where(
                Subdistrict.province_code == province_code
            )
        )
    }
