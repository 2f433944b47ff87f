"""Indexes on other areas' tables that the benchmarks showed to be needed (see BENCHMARKS.md).

They are declared here, beside the reason for each, rather than in the owners' models; they
attach to the same tables, so the schema test and Alembic see them like any other index.
"""

from sqlalchemy import Index

from consult.hearings.models import Hearing
from consult.inputs.models import CitizenInput
from consult.tagging.models import InputTag

# Every aggregate over a cycle (summary, dashboard breakdowns, activity by day, areas) filters on
# the cycle and moderation and groups by one of these columns: with all of them in one index the
# database reads the cycle's entries side by side instead of one table page per input, which at a
# million inputs was most of the dashboard's time.
CYCLE_AGGREGATES = Index(
    "ix_citizen_input_cycle_aggregates",
    CitizenInput.cycle_id,
    CitizenInput.moderation,
    CitizenInput.sector,
    CitizenInput.channel,
    CitizenInput.age_band,
    CitizenInput.gender,
    CitizenInput.status,
    CitizenInput.district_code,
    CitizenInput.subdistrict_code,
    CitizenInput.submitted_at,
)

# Counting inputs per strategic issue joins each input to its tags and keeps the tags not
# rejected: with the state and the issue in the index the join never reads the tag rows.
TAGS_OF_INPUT = Index("ix_input_tag_input_state_issue", InputTag.input_id, InputTag.state, InputTag.issue_id)

# "Upcoming hearings" of a province or district keeps those that end after now, in order of
# their start: with the end in the index the past ones are skipped without reading their rows.
PROVINCE_HEARINGS = Index(
    "ix_hearing_province_starts_ends", Hearing.province_code, Hearing.starts_at, Hearing.ends_at
)
DISTRICT_HEARINGS = Index(
    "ix_hearing_district_starts_ends", Hearing.district_code, Hearing.starts_at, Hearing.ends_at
)
