from datetime import datetime

from sqlalchemy import Float, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.i18n import current_language
from consult.timeutil import UTCDateTime, utcnow


class NamedPlace:
    """Thai and English names; `name` follows the visitor's language."""

    name_th: Mapped[str]
    name_en: Mapped[str]

    @property
    def name(self) -> str:
        return self.name_en if current_language() == "en" else self.name_th


class ProvinceCluster(NamedPlace, db.Model):
    __tablename__ = "province_cluster"
    id: Mapped[int] = mapped_column(primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    region_th: Mapped[str] = mapped_column(String(100))
    region_en: Mapped[str] = mapped_column(String(100))
    provinces: Mapped[list["Province"]] = relationship(back_populates="cluster")


class Province(NamedPlace, db.Model):
    __tablename__ = "province"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("province_cluster.id"), index=True)
    is_cluster_hub: Mapped[bool] = mapped_column(default=False)
    cluster: Mapped[ProvinceCluster | None] = relationship(back_populates="provinces")
    districts: Mapped[list["District"]] = relationship(back_populates="province", order_by="District.code")

    @property
    def is_bangkok(self) -> bool:
        return self.code == "10"


class District(NamedPlace, db.Model):
    __tablename__ = "district"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    province: Mapped[Province] = relationship(back_populates="districts")
    subdistricts: Mapped[list["Subdistrict"]] = relationship(
        back_populates="district", order_by="Subdistrict.code"
    )


class Subdistrict(NamedPlace, db.Model):
    __tablename__ = "subdistrict"
    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"), index=True)
    # Denormalised so that province-wide filters need no join through district.
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    postal_code: Mapped[str] = mapped_column(String(5))
    # WGS 84 degrees of the subdistrict's point in the source data (no boundaries exist there);
    # None for the 85 subdistricts the source gives no point for.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    district: Mapped[District] = relationship(back_populates="subdistricts")
    province: Mapped[Province] = relationship()


class ProvinceEmblem(db.Model):
    """The province's emblem (ตราประจำจังหวัด), uploaded by an administrator, printed at the top
    of the committee memo. Kept in the database so that backups carry it."""

    __tablename__ = "province_emblem"
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(20))
    image: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def id(self) -> str:  # the audit log names an object by its id
        return self.province_code
