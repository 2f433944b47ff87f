"""Server time of the public hearing pages and of the planner's aggregates, in process.

Run from the repository root against a database filled by `consult synth`:
    python -m bench.pages DATABASE_URL

Server time is the time the application takes for the request inside the process (Flask's test
client: routing, queries, templates), without the network. Beside each page the same run measures
a reference: the privacy page (a template without database work) for the public pages, and the
one SQL aggregate query behind the summary for the dashboard and the summary.
"""

import sys

from sqlalchemy import func, select

from bench.common import (
    Figure,
    bench_app,
    cpu_ms,
    database_kind,
    emit,
    ensure_planner,
    log,
    median,
    percentile,
    signed_in_client,
    timings_ms,
)

PAGE_RUNS = 60
AGGREGATE_RUNS = 15
COMPUTED_RUNS = 5
PAGE_LIMIT_MS = 20
AGGREGATE_LIMIT_MS = 300


def busiest_province(app) -> str:
    from consult.extensions import db
    from consult.hearings.models import Hearing

    with app.app_context():
        return db.session.execute(
            select(Hearing.province_code, func.count())
            .group_by(Hearing.province_code)
            .order_by(func.count().desc())
            .limit(1)
        ).one()[0]


def sample_hearing(app, province_code: str) -> int:
    """An announced hearing of the province's latest cycle: the page a citizen opens most."""
    from consult.extensions import db
    from consult.hearings.models import STATUS_ANNOUNCED, Hearing

    with app.app_context():
        return db.session.scalar(
            select(Hearing.id)
            .where(Hearing.province_code == province_code, Hearing.status == STATUS_ANNOUNCED)
            .order_by(Hearing.cycle_id.desc(), Hearing.id)
            .limit(1)
        )


def largest_cycle(app) -> tuple[int, str, int]:
    """(cycle id, province code, inputs) of the cycle with the most inputs."""
    from consult.extensions import db
    from consult.inputs.models import CitizenInput

    with app.app_context():
        cycle_id, province, count = db.session.execute(
            select(CitizenInput.cycle_id, CitizenInput.province_code, func.count())
            .group_by(CitizenInput.cycle_id, CitizenInput.province_code)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
    return cycle_id, province, count


def _get(client, url: str):
    def action():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        response.close()

    return action


def public_pages(url: str) -> list[Figure]:
    app = bench_app(url)
    database = database_kind(url)
    from consult.extensions import db
    from consult.hearings.models import Hearing

    with app.app_context():
        hearings = db.session.scalar(select(func.count()).select_from(Hearing))
    province = busiest_province(app)
    hearing_id = sample_hearing(app, province)
    client = app.test_client()
    reference = median(timings_ms(_get(client, "/privacy"), PAGE_RUNS))
    figures = []
    for name, path in (
        (
            f"hearing list, province filter ({hearings:,} hearings, province {province})",
            f"/hearings?province={province}",
        ),
        ("hearing page", f"/hearings/{hearing_id}"),
        ("API hearing list, province filter", f"/api/v1/hearings?province={province}"),
    ):
        samples = timings_ms(_get(client, path), PAGE_RUNS)
        figures.append(
            emit(
                Figure(
                    f"{name}, median server time",
                    median(samples),
                    "ms",
                    PAGE_LIMIT_MS,
                    reference=reference,
                    reference_name="privacy page (no database)",
                    note=f"p95 {percentile(samples, 0.95):.1f} ms, CPU {cpu_ms(_get(client, path), PAGE_RUNS):.1f} ms",
                    database=database,
                )
            )
        )
    return figures


def aggregates(url: str, label: str, cycle: tuple[int, str, int] | None = None) -> list[Figure]:
    """The planner dashboard and the summary API for one cycle, beside the SQL aggregate."""
    app = bench_app(url)
    database = database_kind(url)
    cycle_id, province, inputs = cycle or largest_cycle(app)
    client = signed_in_client(app, ensure_planner(app, province))
    reference_samples = timings_ms(lambda: _aggregate_query(app, cycle_id), AGGREGATE_RUNS, warmup=1)
    reference = median(reference_samples)
    figures = []
    for name, path in (
        ("planner dashboard", f"/review/?cycle={cycle_id}"),
        ("summary API", f"/api/v1/cycles/{cycle_id}/summary"),
    ):
        first = timings_ms(_get(client, path), 1, warmup=0)[0]

        def computed():
            app.extensions.pop("consult_aggregate_cache", None)  # as after any change to the cycle
            _get(client, path)()

        computed_samples = timings_ms(computed, COMPUTED_RUNS, warmup=0)
        cached_samples = timings_ms(_get(client, path), AGGREGATE_RUNS, warmup=1)
        what = f"{name}, {label} ({inputs:,} inputs in the cycle)"
        figures += [
            emit(
                Figure(
                    f"{what}, computed (cache empty), median server time",
                    median(computed_samples),
                    "ms",
                    AGGREGATE_LIMIT_MS,
                    reference=reference,
                    reference_name="one SQL aggregate (inputs by issue)",
                    note=f"very first view {first:,.0f} ms; CPU {cpu_ms(computed, 2):,.0f} ms",
                    database=database,
                )
            ),
            emit(
                Figure(
                    f"{what}, repeated while the cycle is unchanged (cached), median server time",
                    median(cached_samples),
                    "ms",
                    AGGREGATE_LIMIT_MS,
                    reference=reference,
                    reference_name="one SQL aggregate (inputs by issue)",
                    note=f"p95 {percentile(cached_samples, 0.95):,.1f} ms",
                    database=database,
                )
            ),
        ]
    log(f"{label}: cycle {cycle_id}, province {province}, {inputs:,} inputs")
    return figures


def _aggregate_query(app, cycle_id: int):
    """Inputs per strategic issue of one cycle: the heaviest single aggregate the summary needs."""
    from consult.extensions import db
    from consult.inputs.models import MODERATION_HIDDEN, CitizenInput
    from consult.strategy.models import StrategicIssue
    from consult.tagging.models import TAG_REJECTED, InputTag

    with app.app_context():
        return db.session.execute(
            select(StrategicIssue.code, func.count())
            .select_from(CitizenInput)
            .join(InputTag, InputTag.input_id == CitizenInput.id)
            .join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
            .where(
                CitizenInput.cycle_id == cycle_id,
                CitizenInput.moderation != MODERATION_HIDDEN,
                InputTag.state != TAG_REJECTED,
            )
            .group_by(StrategicIssue.code)
        ).all()


def main() -> None:
    url = sys.argv[1]
    public_pages(url)
    aggregates(url, "largest cycle")


if __name__ == "__main__":
    main()
