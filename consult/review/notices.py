"""Mail the review sends through the outbox: "your input was used" to contributors who gave an
email address with consent, and the coverage warning to planners and officials before the
hearing phase closes. Each message has an idempotency key, so it is queued once however often
the step or the job runs."""

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from consult.auth.models import ROLE_OFFICIAL, ROLE_PLANNER, User
from consult.extensions import db
from consult.i18n import LOCAL_ZONE
from consult.inputs.notices import contact_email
from consult.notifications.emails import render_email
from consult.notifications.operations import queue_email
from consult.participants import SECTORS
from consult.review.coverage import coverage
from consult.strategy.models import PHASE_HEARINGS, CyclePhase, StrategyCycle
from consult.timeutil import utcnow
from consult.urls import absolute_url

log = logging.getLogger(__name__)
LISTED_MAX = 60  # subdistricts named in one message; the rest are counted


def notify_inputs_used(revision) -> int:
    """Queue "your input was used" for each cited input whose author consented to be contacted
    and gave an email address; the caller commits with the publication."""
    queued = 0
    for item in revision.inputs:
        recipient = contact_email(item)
        if recipient is None:
            continue
        email = render_email(
            "review_input_used",
            "th",
            revision=revision,
            item=item,
            receipt_url=absolute_url("inputs.receipt", code=item.receipt),
            revision_url=absolute_url("revisions.published", revision_id=revision.id),
        )
        try:
            if queue_email(recipient, email.subject, email.body, key=f"input-used:{revision.id}:{item.id}"):
                queued += 1
        except ValueError as error:  # an address that cannot be mailed must not stop the publication
            log.warning("input %s: not notified: %s", item.id, error)
    return queued


def warn_coverage_gaps(now: datetime | None = None) -> int:
    """Before a hearing phase closes (COVERAGE_WARNING_DAYS ahead), tell the province's planners
    which subdistricts have neither a hearing nor input and which sectors are silent where, and
    each official the same about their own subdistricts. Returns the messages queued."""
    now = now or utcnow()
    today = now.astimezone(LOCAL_ZONE).date()
    horizon = today + timedelta(days=current_app.config["COVERAGE_WARNING_DAYS"])
    closing = db.session.execute(
        select(StrategyCycle, CyclePhase)
        .join(CyclePhase, CyclePhase.cycle_id == StrategyCycle.id)
        .where(CyclePhase.key == PHASE_HEARINGS, CyclePhase.ends_on >= today, CyclePhase.ends_on <= horizon)
    ).all()
    queued = 0
    for cycle, phase in closing:
        result = coverage(cycle, now=now, minutes_due_days=current_app.config["MINUTES_DUE_DAYS"])
        gaps = [item for item in result.subdistricts if not item.has_hearing and not item.inputs]
        quiet = [
            (district, district.missing_sectors) for district in result.districts if district.missing_sectors
        ]
        if not gaps and not quiet:
            continue
        key = f"coverage-gaps:{cycle.id}:{phase.ends_on.isoformat()}"
        planners = warning_recipients(cycle.province_code)
        if not planners:  # said where someone will read it: the log, and the coverage page
            log.warning(
                "cycle %s: the coverage warning reaches no planner: none of province %s has an email address",
                cycle.id,
                cycle.province_code,
            )
        for user in planners:
            queued += _send(
                user,
                key,
                cycle=cycle,
                phase=phase,
                gaps=gaps,
                quiet=quiet,
                total=result.total,
                link=absolute_url("review.coverage_page", cycle_id=cycle.id),
            )
        by_code = {item.code: item for item in result.subdistricts}
        for user in _staff(cycle.province_code, ROLE_OFFICIAL):
            own = [by_code[code] for code in sorted(user.subdistrict_codes) if code in by_code]
            own_gaps = [item for item in own if not item.has_hearing and not item.inputs]
            own_quiet = [(item, item.missing_sectors) for item in own if item.missing_sectors]
            if own_gaps or own_quiet:
                queued += _send(
                    user,
                    key,
                    cycle=cycle,
                    phase=phase,
                    gaps=own_gaps,
                    quiet=own_quiet,
                    total=len(own),
                    link=absolute_url("hearings.schedule"),
                )
    db.session.commit()
    return queued


def warning_recipients(province_code: str) -> list[User]:
    """The planners the province's coverage warnings and weekly digests go to: the active ones
    with an email address. The coverage page names them, or says that there are none."""
    return _staff(province_code, ROLE_PLANNER)


def planners_without_email(province_code: str) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.role == ROLE_PLANNER,
                User.province_code == province_code,
                User.active.is_(True),
                User.email.is_(None),
            )
            .order_by(User.id)
        )
    )


def _staff(province_code: str, role: str) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.role == role,
                User.province_code == province_code,
                User.active.is_(True),
                User.email.is_not(None),
            )
            .order_by(User.id)
        )
    )


def _send(user: User, key: str, **context) -> int:
    email = render_email(
        "review_coverage_gaps",
        "th",
        user=user,
        sectors=SECTORS,
        listed_max=LISTED_MAX,
        planner=user.role == ROLE_PLANNER,
        **context,
    )
    try:
        return 1 if queue_email(user.email, email.subject, email.body, key=f"{key}:{user.id}") else 0
    except ValueError as error:
        log.warning("user %s: coverage warning not queued: %s", user.id, error)
        return 0
