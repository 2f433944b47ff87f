"""A province's own rules for approving revisions, within the rules every province keeps (someone
other than the author approves, with the committee's decision); provinces without a row use the
defaults."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.timeutil import UTCDateTime, utcnow

APPROVER_PLANNER = "planner"  # another planner of the province, or an administrator
APPROVER_ADMIN = "admin"  # an administrator only
APPROVER_LABELS = {
    APPROVER_PLANNER: _l("Another planner of the province (or an administrator)"),
    APPROVER_ADMIN: _l("An administrator only"),
}


class ProvinceRevisionSettings(db.Model):
    __tablename__ = "province_revision_settings"
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), primary_key=True)
    approver_role: Mapped[str] = mapped_column(String(20), default=APPROVER_PLANNER)
    minutes_required: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def id(self) -> str:
        """The audit log names an object by table and id; here that is the province."""
        return self.province_code

    @property
    def approver_label(self) -> str:
        return str(APPROVER_LABELS.get(self.approver_role, self.approver_role))
