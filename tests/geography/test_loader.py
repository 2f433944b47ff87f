from sqlalchemy import func, select, update

from consult.extensions import db
from consult.geography.loader import load_geography
from consult.geography.models import District, Province, ProvinceCluster, Subdistrict


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_all_of_thailand_is_loaded(app_context):
    assert count(Province) == 77
    assert count(District) == 928
    assert count(Subdistrict) == 7436
    assert count(ProvinceCluster) == 18


def test_bangkok_khet_and_khwaeng_are_included(app_context):
    bangkok = db.session.get(Province, "10")
    assert bangkok.name_th == "กรุงเทพมหานคร" and bangkok.cluster_id is None
    assert (
        db.session.scalar(select(func.count()).select_from(District).where(District.province_code == "10"))
        == 50
    )
    assert (
        db.session.scalar(
            select(func.count()).select_from(Subdistrict).where(Subdistrict.province_code == "10")
        )
        == 180
    )


def test_names_repeat_but_codes_keep_places_apart(app_context):
    mae_kha = db.session.get(Subdistrict, "500910"), db.session.get(Subdistrict, "500911")
    assert [s.name_en for s in mae_kha] == ["Mae Kha", "Mae Kha"]
    assert mae_kha[0].name_th != mae_kha[1].name_th


def test_clusters_are_keyed_by_number_and_hubs_marked(app_context):
    khon_kaen = db.session.get(Province, "40")
    assert khon_kaen.cluster is not None
    assert "ตะวันออกเฉียงเหนือ" in khon_kaen.cluster.name_th
    hubs = db.session.scalar(select(func.count()).select_from(Province).where(Province.is_cluster_hub))
    assert 10 <= hubs <= 18


def test_loading_twice_adds_nothing(app_context):
    assert load_geography().total == 0
    assert count(Subdistrict) == 7436


def test_subdistricts_carry_the_source_coordinates(app_context):
    placed = db.session.scalar(
        select(func.count()).select_from(Subdistrict).where(Subdistrict.latitude.is_not(None))
    )
    assert placed == 7436 - 85  # the source gives no point for 85 subdistricts
    phra_borom = db.session.get(Subdistrict, "100101")
    assert (phra_borom.latitude, phra_borom.longitude) == (13.751, 100.492)
    outside = db.session.scalar(
        select(func.count())
        .select_from(Subdistrict)
        .where(~Subdistrict.latitude.between(5.5, 20.5) | ~Subdistrict.longitude.between(97.3, 105.7))
    )
    assert outside == 0


def test_loading_fills_coordinates_missing_from_an_older_load(app_context):
    db.session.execute(
        update(Subdistrict).where(Subdistrict.district_code == "4001").values(latitude=None, longitude=None)
    )
    db.session.commit()
    result = load_geography()
    assert result.placed == db.session.scalar(
        select(func.count()).select_from(Subdistrict).where(Subdistrict.district_code == "4001")
    )
    assert db.session.get(Subdistrict, "400101").latitude is not None
