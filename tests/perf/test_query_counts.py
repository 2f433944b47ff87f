"""The main pages send a bounded number of SQL statements, however much data there is: no page
loads its list items, tags or places one query at a time (N+1)."""

from sqlalchemy import func, select

from consult.extensions import db
from consult.hearings.models import STATUS_ANNOUNCED, Hearing, hearing_subdistrict
from consult.inputs.models import CitizenInput
from consult.strategy.models import StrategyCycle
from consult.synth.operations import SYNTHETIC_MARK_TH, SynthSpec, generate
from consult.tagging.models import InputTag
from tests.conftest import login
from tests.perf.querycount import counting_queries

# Statements per page view, counted with lists full (20 upcoming and 20 past hearings, 50 in the
# API); the planner's pages compute their aggregates (nothing cached yet).
CHUNKS_SLACK = 2
BOUNDS = {
    "home": 3,
    "hearing finder": 8,
    "hearing page": 12,
    "input form": 8,
    "receipt page": 9,
    "API hearing list": 6,
    # one more since sessions end server-side: a signed-in request reads its user to check the
    # session version (the planner's client asks for the summary)
    "summary API": 11,
    "planner dashboard": 50,
    "planners' search": 12,
}


def _pages() -> dict[str, str]:
    cycle = db.session.scalar(select(StrategyCycle).where(StrategyCycle.title.contains(SYNTHETIC_MARK_TH)))
    hearing_id = db.session.scalar(
        select(Hearing.id)
        .join(hearing_subdistrict, hearing_subdistrict.c.hearing_id == Hearing.id)
        .where(Hearing.cycle_id == cycle.id, Hearing.status == STATUS_ANNOUNCED)
        .group_by(Hearing.id)
        .order_by(func.count().desc(), Hearing.id)
        .limit(1)
    )
    receipt = db.session.scalar(
        select(CitizenInput.receipt)
        .join(InputTag, InputTag.input_id == CitizenInput.id)
        .where(CitizenInput.cycle_id == cycle.id, CitizenInput.hearing_id.is_not(None))
        .group_by(CitizenInput.id, CitizenInput.receipt)
        .order_by(func.count().desc(), CitizenInput.id)
        .limit(1)
    )
    return {
        "home": "/",
        "hearing finder": "/hearings?province=40",
        "hearing page": f"/hearings/{hearing_id}",
        "input form": f"/hearings/{hearing_id}/input",
        "receipt page": f"/receipts/{receipt}",
        "API hearing list": "/api/v1/hearings?province=40",
        "summary API": f"/api/v1/cycles/{cycle.id}/summary",
        "planner dashboard": f"/review/?cycle={cycle.id}",
        "planners' search": f"/tagging/cycles/{cycle.id}/search?q=น้ำ",  # a word of most synthetic texts
    }


def _count_statements(client, app) -> dict[str, tuple[int, str]]:
    counts = {}
    for name, url in _pages().items():
        client.get(url)  # first view: segmentation, compiled catalogs and the like are done once
        app.extensions.pop("consult_aggregate_cache", None)
        with counting_queries() as log:
            response = client.get(url)
        assert response.status_code == 200, f"{name} {url} answered {response.status_code}"
        counts[name] = (log.count, str(log))
    return counts


def test_main_pages_send_a_bounded_number_of_statements_whatever_the_data(app, client, world):
    login(client, "planner")
    generate(SynthSpec(inputs=600, hearings=120, provinces=("40",), cycles_per_province=1))
    smaller = _count_statements(client, app)
    generate(SynthSpec(inputs=1_200, hearings=240, provinces=("40",), cycles_per_province=1, seed=2))
    larger = _count_statements(client, app)
    problems = []
    for name, bound in BOUNDS.items():
        count, statements = larger[name]
        if count > bound:
            problems.append(f"{name}: {count} statements, bound {bound}:\n{statements}")
        # Twice the data may add a chunk to an IN list read in chunks of a capped sample (the
        # dashboard's voices), never a statement per item: an N+1 would add one per list entry.
        if not 0 <= count - smaller[name][0] <= CHUNKS_SLACK:
            problems.append(
                f"{name}: {smaller[name][0]} statements, then {count} with more data:\n{statements}"
            )
    assert not problems, "\n\n".join(problems)
