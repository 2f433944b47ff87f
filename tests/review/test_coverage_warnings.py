"""Before the hearing phase closes, planners and officials hear which areas and sectors are silent."""

from datetime import timedelta

from sqlalchemy import select

from consult.extensions import db
from consult.notifications.models import OutboxMessage
from consult.review.models import InputTerms
from consult.review.notices import warn_coverage_gaps
from consult.review.tasks import review_sweep
from consult.review.terms import terms_for_inputs
from tests.conftest import login


def _closing_in(review_world, days: int) -> None:
    review_world["cycle"].phase("hearings").ends_on = review_world["today"] + timedelta(days=days)
    for name in ("planner", "official", "other_official", "other_planner"):
        review_world["users"][name].email = f"{name}@example.go.th"
    db.session.commit()


def test_warned_once_within_the_configured_days(app, review_world):
    assert app.config["COVERAGE_WARNING_DAYS"] == 10
    _closing_in(review_world, 5)
    assert warn_coverage_gaps() == 3
    assert warn_coverage_gaps() == 0  # the next run of the job queues nothing new
    messages = {m.recipient: m for m in db.session.scalars(select(OutboxMessage))}
    assert set(messages) == {
        "planner@example.go.th",
        "official@example.go.th",
        "other_official@example.go.th",
    }
    planner = messages["planner@example.go.th"].body
    assert "โคกสี" in planner  # 400103: its only hearing was cancelled and nobody wrote in
    assert "194 จาก 199 ตำบล" in planner
    assert "/review/cycles/" in planner and "/coverage" in planner
    official = messages["official@example.go.th"].body
    assert "ในเมือง" in official and "ภาควิชาการ" in official and "โคกสี" not in official
    assert "/coverage" not in official and "/staff/hearings/new" in official  # pages an official may open


def test_not_warned_while_the_close_is_far(review_world):
    _closing_in(review_world, 30)
    assert warn_coverage_gaps() == 0


def test_the_scheduler_job_warns_and_segments(review_world):
    _closing_in(review_world, 1)
    assert review_sweep() == {"coverage_warnings": 3, "inputs_segmented": 10}
    assert review_sweep() == {"coverage_warnings": 0, "inputs_segmented": 0}
    item = review_world["inputs"][2]
    stored = db.session.get(InputTerms, item.id)
    assert "ข้าว หอมมะลิ" in stored.terms.split("\n")
    assert terms_for_inputs([(item.id, item.text, stored.text_hash, stored.terms)])[
        item.id
    ] == stored.terms.split("\n")


def test_the_coverage_page_names_who_the_warnings_reach_or_says_no_one(client, review_world):
    login(client, "planner")
    url = f"/review/cycles/{review_world['cycle'].id}/coverage?lang=en"
    page = client.get(url).get_data(as_text=True)
    assert "Coverage warnings and the weekly digest reach no one" in page  # the world's planner has no email
    planner = review_world["users"]["planner"]
    planner.email = "planner@example.org"
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "reach no one" not in page
    assert f"go by email to: {planner.display_name}." in page
