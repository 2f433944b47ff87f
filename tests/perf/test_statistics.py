"""The daily statistics job keeps SQLite's plans on the covering indexes as tables grow."""

import re

from sqlalchemy import select, text

from consult.extensions import db
from consult.jobs import JOBS
from consult.strategy.models import StrategyCycle
from consult.synth.operations import SynthSpec, generate


def test_statistics_job_puts_the_issue_counts_on_the_covering_index(app_context):
    generate(SynthSpec(inputs=3_000, hearings=200, cycles_per_province=2))
    cycle_id = db.session.scalar(select(StrategyCycle.id).where(StrategyCycle.province_code == "40").limit(1))
    outcome = JOBS["refresh_statistics"]()
    if db.engine.dialect.name != "sqlite":
        assert outcome == {"analyzed": 0}  # autovacuum's business
        return
    assert outcome == {"analyzed": 1}
    db.session.remove()
    db.engine.dispose()  # as the hourly recycling does: open connections keep their statistics
    plan = " ".join(
        row[-1]
        for row in db.session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT input_tag.issue_id, count(*) FROM citizen_input "
                "JOIN input_tag ON input_tag.input_id = citizen_input.id "
                "WHERE citizen_input.cycle_id = :cycle AND citizen_input.moderation != 'hidden' "
                "AND input_tag.state != 'rejected' GROUP BY input_tag.issue_id"
            ),
            {"cycle": cycle_id},
        )
    )
    # Either covering index of a cycle's inputs serves; which one depends on their sizes.
    assert re.search(
        r"SEARCH citizen_input USING COVERING INDEX ix_citizen_input_cycle_(aggregates|tag_cube)", plan
    )
    assert "COVERING INDEX ix_input_tag_input_state_issue" in plan
