"""Imports every domain's models so that the metadata (and Alembic) sees all tables."""

from consult.auth.models import AuditEvent, SignInThrottle, User  # noqa: F401
from consult.geography.models import District, Province, ProvinceCluster, ProvinceEmblem, Subdistrict  # noqa: F401
from consult.hearings.models import Hearing  # noqa: F401
from consult.inputs.models import CitizenInput, InputContact  # noqa: F401
from consult.notifications.models import OutboxMessage  # noqa: F401
from consult.review.models import ExportJob, InputTerms  # noqa: F401
from consult.revisions.models import ProvinceRevisionSettings  # noqa: F401
from consult.scale import indexes  # noqa: F401  (indexes the benchmarks asked for)
from consult.scale.cache import CycleDataVersion  # noqa: F401
from consult.strategy.models import (  # noqa: F401
    CyclePhase,
    IssueVersion,
    Revision,
    StrategicIssue,
    StrategicPlan,
    StrategyCycle,
)
from consult.tagging.models import InputTag  # noqa: F401
