"""Loads the shipped Thai geography (see consult/data/geography/README.md) into the database."""

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update

from consult.extensions import db
from consult.geography.models import District, Province, ProvinceCluster, Subdistrict

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geography"


@dataclass
class LoadResult:
    clusters: int = 0
    provinces: int = 0
    districts: int = 0
    subdistricts: int = 0
    placed: int = 0  # existing subdistricts given the coordinates they lacked

    @property
    def total(self) -> int:
        return self.clusters + self.provinces + self.districts + self.subdistricts + self.placed


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_geography(data_dir: Path = DATA_DIR) -> LoadResult:
    """Insert whatever is missing, keyed by official code: running it twice changes nothing."""
    rows = _read(data_dir / "subdistricts.csv")
    cluster_rows = _read(data_dir / "province_clusters.csv")
    result = LoadResult()

    known_clusters = set(db.session.scalars(select(ProvinceCluster.id)))
    clusters = {}
    for row in cluster_rows:
        clusters.setdefault(int(row["cluster_no"]), row)
    new_clusters = [
        {
            "id": number,
            "name_th": row["cluster_name_th"],
            "name_en": row["cluster_name_en"],
            "region_th": row["region_th"],
            "region_en": row["region_en"],
        }
        for number, row in sorted(clusters.items())
        if number not in known_clusters
    ]
    membership = {row["province_code"]: row for row in cluster_rows}

    provinces, districts = {}, {}
    for row in rows:
        code = row["province_code"]
        if code not in provinces:
            member = membership.get(code)
            provinces[code] = {
                "code": code,
                "name_th": row["province_name_th"],
                "name_en": row["province_name_en"],
                "cluster_id": int(member["cluster_no"]) if member else None,
                "is_cluster_hub": bool(member and member["is_hub"] == "1"),
            }
        districts.setdefault(
            row["district_code"],
            {
                "code": row["district_code"],
                "province_code": code,
                "name_th": row["district_name_th"],
                "name_en": row["district_name_en"],
            },
        )
    subdistricts = [
        {
            "code": row["subdistrict_code"],
            "district_code": row["district_code"],
            "province_code": row["province_code"],
            "name_th": row["subdistrict_name_th"],
            "name_en": row["subdistrict_name_en"],
            "postal_code": row["postal_code"],
            "latitude": _degrees(row["latitude"]),
            "longitude": _degrees(row["longitude"]),
        }
        for row in rows
    ]

    known_provinces = set(db.session.scalars(select(Province.code)))
    known_districts = set(db.session.scalars(select(District.code)))
    known_subdistricts = set(db.session.scalars(select(Subdistrict.code)))
    unplaced = set(db.session.scalars(select(Subdistrict.code).where(Subdistrict.latitude.is_(None))))
    batches = [
        (ProvinceCluster, new_clusters, "clusters"),
        (Province, [p for c, p in provinces.items() if c not in known_provinces], "provinces"),
        (District, [d for c, d in districts.items() if c not in known_districts], "districts"),
        (Subdistrict, [s for s in subdistricts if s["code"] not in known_subdistricts], "subdistricts"),
    ]
    for model, new_rows, field in batches:
        if new_rows:
            db.session.execute(insert(model), new_rows)
        setattr(result, field, len(new_rows))
    # A database loaded before the coordinates were shipped gets them on the next load.
    placements = [
        {"place": s["code"], "lat": s["latitude"], "lon": s["longitude"]}
        for s in subdistricts
        if s["code"] in unplaced and s["latitude"] is not None
    ]
    if placements:
        table = Subdistrict.__table__
        db.session.execute(
            update(table)
            .where(table.c.code == bindparam("place"))
            .values(latitude=bindparam("lat"), longitude=bindparam("lon")),
            placements,
        )
    result.placed = len(placements)
    db.session.commit()
    return result


def _degrees(text: str) -> float | None:
    return float(text) if text else None
