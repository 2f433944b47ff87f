"""Reads of the revisions area: a province's approval rules."""

from consult.extensions import db
from consult.revisions.models import APPROVER_PLANNER, ProvinceRevisionSettings


def revision_settings(province_code: str) -> ProvinceRevisionSettings:
    """The province's rules, or the defaults (not stored) when it has set none."""
    settings = db.session.get(ProvinceRevisionSettings, province_code)
    if settings is None:
        settings = ProvinceRevisionSettings(
            province_code=province_code, approver_role=APPROVER_PLANNER, minutes_required=False
        )
    return settings
