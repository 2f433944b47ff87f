"""The world of the security tests: one of everything a URL can name, in province 40."""

from datetime import timedelta

import pytest
from flask import url_for

from consult.auth.operations import create_user
from consult.extensions import db
from consult.geography.queries import subdistricts_by_codes
from consult.hearings.models import ProposedSlot, Registration, ScheduleProposal
from consult.inputs.models import InputImport
from consult.revisions.operations import draft_revision
from tests.review.conftest import review_world  # noqa: F401  (inputs with receipts in the cycle)

ANONYMOUS, OFFICIAL, OTHER_OFFICIAL, PLANNER, OTHER_PLANNER, ADMIN = (
    "anonymous",
    "official",
    "other_official",
    "planner",
    "other_planner",
    "admin",
)


def _proposal(world) -> ScheduleProposal:
    """A draft proposal for district 4001 with one slot for subdistrict 400101."""
    proposal = ScheduleProposal(
        cycle=world["cycle"],
        province_code="40",
        district_code="4001",
        per_day_limit=2,
        created_by_id=world["users"][PLANNER].id,
    )
    starts = world["hearing"].starts_at + timedelta(days=3)
    proposal.slots.append(
        ProposedSlot(
            district_code="4001",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            subdistricts=subdistricts_by_codes(["400101"]),
        )
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


@pytest.fixture
def matrix_world(review_world):  # noqa: F811  (the fixture imported above)
    world = review_world
    hearing, cycle, users = world["hearing"], world["cycle"], world["users"]
    registration = Registration(hearing=hearing, reference="ABCDEFGHJK", status="confirmed", name="สมชาย")
    staged = InputImport(
        hearing=hearing,
        uploaded_by_id=users[OFFICIAL].id,
        filename="inputs.csv",
        default_sector="citizen",
        channel="hearing_paper",
        rows=[],
    )
    db.session.add_all([registration, staged])
    db.session.commit()
    proposal = _proposal(world)
    revision = draft_revision(
        cycle,
        world["plan"].issues[0],
        title="ปรับถ้อยคำ",
        text_after="ข้อความใหม่",
        rationale="ตามความคิดเห็น",
        user=users[PLANNER],
    )
    item = world["inputs"][1]
    # An account of province 40 for the staff pages to act on, so that none of the roles above
    # is deactivated by the matrix's own requests.
    managed = create_user("matrix_official", "matrix-password", "official", subdistrict_codes=["400102"])
    db.session.commit()
    values = {
        "hearing_id": hearing.id,
        "cycle_id": cycle.id,
        "plan_id": world["plan"].id,
        "code": "40",
        "province_code": "40",
        "district_code": "4001",
        "issue_code": "SI01",
        "receipt": item.receipt,
        "input_id": item.id,
        "reference": registration.reference,
        "proposal_id": proposal.id,
        "slot_id": proposal.slots[0].id,
        "import_id": staged.id,
        "revision_id": revision.id,
        "kind": "csv",
        "key": "by_sector",
        "filename": "css/site.css",
        "user_id": managed.id,
        "token": "not-a-password-link",
        "job_id": 999999,  # no export job: its pages answer 404 to everyone
    }
    fresh = {"proposal_id": lambda: _proposal(world).id}
    return {**world, "values": values, "fresh": fresh, "registration": registration, "revision": revision}


# `code` names a province, a district, a strategic issue or a receipt depending on the rule.
CODE_OF = {
    "api.district_subdistricts": "district_code",
    "revisions.issue_versions": "issue_code",
    "results.issue_results_page": "issue_code",
    "inputs.receipt": "receipt",
    "inputs.erase_contact_details": "receipt",
}


def url_of(app, rule, values) -> str:
    """The rule's URL with every parameter taken from the world's values."""
    parameters = {
        name: values[CODE_OF.get(rule.endpoint, name) if name == "code" else name] for name in rule.arguments
    }
    with app.test_request_context():
        return url_for(rule.endpoint, **parameters)
