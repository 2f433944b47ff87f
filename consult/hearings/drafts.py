"""Draft schedules: a planner's proposal for a district or province, accepted slot by slot by
the officials and then published as hearings. The placing itself is proposal.propose_schedule."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.auth.audit import record
from consult.auth.models import ROLE_OFFICIAL, ROLE_PLANNER
from consult.auth.permissions import can_act_for_subdistricts, can_review_province
from consult.extensions import db
from consult.geography.models import Subdistrict
from consult.hearings.models import (
    PROPOSAL_DRAFT,
    PROPOSAL_PUBLISHED,
    SLOT_ACCEPTED,
    SLOT_PROPOSED,
    SLOT_PUBLISHED,
    SLOT_UNPLACED,
    STATUS_CANCELLED,
    Hearing,
    ProposedSlot,
    ScheduleProposal,
    proposed_slot_subdistrict,
)
from consult.hearings.operations import (
    HearingDetails,
    HearingRejected,
    check_details,
    errors_and_warnings,
    new_hearing,
    slot_of,
)
from consult.hearings.proposal import propose_schedule
from consult.hearings.queries import officials_of, province_settings
from consult.hearings.rules import BANGKOK, HearingSlot, Problem
from consult.notifications.emails import render_email
from consult.notifications.operations import queue_email
from consult.strategy.models import PHASE_HEARINGS
from consult.urls import absolute_url

OPEN_SLOT_STATUSES = (SLOT_PROPOSED, SLOT_ACCEPTED)


class NothingToPropose(Exception):
    """Every subdistrict of the area has a hearing or a proposed date already."""


class TooLate(Exception):
    """With the notice period, the first possible day (``args[0]``) lies after the hearing phase."""


def draft_schedule(
    cycle,
    *,
    district_code: str | None,
    per_day_limit: int,
    group_size: int,
    respond_by: date | None,
    user,
    now: datetime,
) -> ScheduleProposal:
    """Propose a hearing for every subdistrict (or group of ``group_size`` neighbours) of the
    district, or of the whole province, that has none yet; tell their officials; commits."""
    if not can_review_province(user, cycle.province_code):
        raise PermissionError("only the province's planners may propose a schedule")
    if district_code and district_code[:2] != cycle.province_code:
        raise PermissionError("the district is not in the cycle's province")
    phase = cycle.phase(PHASE_HEARINGS)
    today = now.astimezone(BANGKOK).date()
    # Hearings are announced at least the province's notice period ahead.
    first_day = max(
        phase.starts_on, today + timedelta(days=province_settings(cycle.province_code).min_notice_days)
    )
    existing = [slot_of(hearing) for hearing in _hearings_in_phase(cycle)] + _open_slots(cycle)
    # Grouping only those without a hearing keeps one that has one out of a new group.
    heard = {code for slot in existing for code in slot.subdistricts}
    subdistricts = [s for s in _subdistricts(cycle.province_code, district_code) if s.code not in heard]
    if not subdistricts:
        raise NothingToPropose()
    units = _group(subdistricts, group_size)
    if first_day > phase.ends_on:
        raise TooLate(first_day)
    result = propose_schedule(
        units, phase_start=first_day, phase_end=phase.ends_on, per_day_limit=per_day_limit, existing=existing
    )
    by_code = {subdistrict.code: subdistrict for subdistrict in subdistricts}
    proposal = ScheduleProposal(
        cycle_id=cycle.id,
        province_code=cycle.province_code,
        district_code=district_code,
        per_day_limit=per_day_limit,
        group_size=group_size,
        respond_by=respond_by,
        created_by_id=user.id,
        status=PROPOSAL_DRAFT,
    )
    for hearing in result.hearings:
        proposal.slots.append(
            ProposedSlot(
                district_code=hearing.district,
                starts_at=hearing.starts_at,
                ends_at=hearing.ends_at,
                status=SLOT_PROPOSED,
                subdistricts=[by_code[code] for code in hearing.subdistricts],
            )
        )
    for unit in result.unplaced:
        proposal.slots.append(
            ProposedSlot(
                district_code=unit[0][:4], status=SLOT_UNPLACED, subdistricts=[by_code[code] for code in unit]
            )
        )
    db.session.add(proposal)
    db.session.flush()
    record(
        "schedule_proposal.create",
        proposal,
        {
            "district": district_code,
            "slots": len(result.hearings),
            "unplaced": len(result.unplaced),
            "already_scheduled": len(result.already_scheduled),
        },
        user=user,
    )
    _tell_officials(proposal)
    db.session.commit()
    return proposal


def accept_slot(
    slot: ProposedSlot, *, venue: str, starts_at: datetime, ends_at: datetime, user, now: datetime
) -> list[Problem]:
    """The official names the venue and keeps or adjusts the time; returns warnings; commits."""
    if not can_act_for_subdistricts(user, slot.subdistrict_codes):
        raise PermissionError("the user may not answer for these subdistricts")
    if slot.status not in OPEN_SLOT_STATUSES or slot.proposal.status != PROPOSAL_DRAFT:
        raise ValueError("this slot is no longer open")
    details = _details(slot, venue=venue, starts_at=starts_at, ends_at=ends_at)
    others = tuple(other for other in _open_slots(slot.proposal.cycle) if other.id != -slot.id)
    errors, warnings = errors_and_warnings(check_details(details, now=now, extra_others=others))
    if errors:
        raise HearingRejected(errors)
    adjusted = (starts_at, ends_at) != (slot.starts_at, slot.ends_at)
    slot.venue, slot.starts_at, slot.ends_at = venue.strip(), starts_at, ends_at
    slot.status = SLOT_ACCEPTED
    slot.responded_by_id, slot.responded_at = user.id, now
    record("proposed_slot.accept", slot, {"adjusted": adjusted, "venue": slot.venue}, user=user)
    db.session.commit()
    return warnings


def publish_accepted(
    proposal: ScheduleProposal, *, user, now: datetime
) -> tuple[list[Hearing], dict[int, list[Problem]]]:
    """Turn every accepted slot into a published hearing, checked again now; commits.

    Returns the new hearings and, per slot id, the problems that kept a slot back.
    """
    if not can_review_province(user, proposal.province_code):
        raise PermissionError("only the province's planners may publish the schedule")
    published, refused, planned = [], {}, []
    for slot in proposal.slots:
        if slot.status != SLOT_ACCEPTED:
            continue
        details = _details(slot, venue=slot.venue, starts_at=slot.starts_at, ends_at=slot.ends_at)
        errors, _ = errors_and_warnings(check_details(details, now=now, extra_others=tuple(planned)))
        if errors:
            refused[slot.id] = errors
            continue
        hearing = new_hearing(details, user=user, now=now)
        slot.hearing, slot.status = hearing, SLOT_PUBLISHED
        planned.append(
            HearingSlot(
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                venue=slot.venue,
                subdistricts=tuple(slot.subdistrict_codes),
            )
        )
        published.append(hearing)
    if all(slot.status in (SLOT_PUBLISHED, SLOT_UNPLACED) for slot in proposal.slots):
        proposal.status = PROPOSAL_PUBLISHED
    db.session.flush()
    record(
        "schedule_proposal.publish",
        proposal,
        {"hearings": [hearing.id for hearing in published], "refused": sorted(refused)},
        user=user,
    )
    db.session.commit()
    return published, refused


def discard_open_slots(proposal: ScheduleProposal, *, user) -> int:
    """Withdraw the slots not yet published, e.g. to draft again with other settings; commits."""
    if not can_review_province(user, proposal.province_code):
        raise PermissionError("only the province's planners may withdraw the schedule")
    withdrawn = [slot for slot in proposal.slots if slot.status != SLOT_PUBLISHED]
    for slot in withdrawn:
        proposal.slots.remove(slot)
    proposal.status = PROPOSAL_PUBLISHED if proposal.slots else proposal.status
    record("schedule_proposal.withdraw", proposal, {"slots": len(withdrawn)}, user=user)
    if not proposal.slots:
        db.session.delete(proposal)
    db.session.commit()
    return len(withdrawn)


def slots_for_user(user, *, statuses=OPEN_SLOT_STATUSES) -> list[ProposedSlot]:
    """Open slots of draft proposals in the official's subdistricts (or the planner's province)."""
    query = (
        select(ProposedSlot)
        .join(ScheduleProposal)
        .where(ScheduleProposal.status == PROPOSAL_DRAFT, ProposedSlot.status.in_(statuses))
        .options(selectinload(ProposedSlot.subdistricts), selectinload(ProposedSlot.proposal))
        .order_by(ProposedSlot.starts_at, ProposedSlot.id)
    )
    if user.role == ROLE_OFFICIAL:
        query = query.where(
            ProposedSlot.id.in_(
                select(proposed_slot_subdistrict.c.slot_id).where(
                    proposed_slot_subdistrict.c.subdistrict_code.in_(sorted(user.subdistrict_codes))
                )
            )
        )
    elif user.role == ROLE_PLANNER:
        query = query.where(ScheduleProposal.province_code == user.province_code)
    return [
        slot
        for slot in db.session.scalars(query).unique()
        if can_act_for_subdistricts(user, slot.subdistrict_codes)
    ]


def proposals_of(province_code: str | None) -> list[ScheduleProposal]:
    query = select(ScheduleProposal).order_by(ScheduleProposal.id.desc())
    if province_code:
        query = query.where(ScheduleProposal.province_code == province_code)
    return list(db.session.scalars(query))


def default_title(cycle, subdistricts) -> str:
    names = " ".join(f"ตำบล{subdistrict.name_th}" for subdistrict in subdistricts)
    return f"เวทีประชาคม{cycle.title} {names}"[:300]


def _details(slot: ProposedSlot, *, venue: str, starts_at: datetime, ends_at: datetime) -> HearingDetails:
    cycle = slot.proposal.cycle
    return HearingDetails(
        cycle=cycle,
        title=default_title(cycle, slot.subdistricts),
        subdistrict_codes=slot.subdistrict_codes,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        issue_ids=[issue.id for issue in cycle.plan.issues],
    )


def _subdistricts(province_code: str, district_code: str | None) -> list[Subdistrict]:
    query = select(Subdistrict).order_by(Subdistrict.code)
    if district_code:
        query = query.where(Subdistrict.district_code == district_code)
    else:
        query = query.where(Subdistrict.province_code == province_code)
    return list(db.session.scalars(query))


def _group(subdistricts: list[Subdistrict], size: int) -> list[tuple[str, ...]]:
    """Neighbouring subdistricts (in code order) of one district, ``size`` at a time."""
    by_district: dict[str, list[str]] = defaultdict(list)
    for subdistrict in subdistricts:
        by_district[subdistrict.district_code].append(subdistrict.code)
    return [
        tuple(codes[start : start + size])
        for codes in by_district.values()
        for start in range(0, len(codes), size)
    ]


def _hearings_in_phase(cycle) -> list[Hearing]:
    phase = cycle.phase(PHASE_HEARINGS)
    return list(
        db.session.scalars(
            select(Hearing)
            .where(
                Hearing.province_code == cycle.province_code,
                Hearing.status != STATUS_CANCELLED,
                Hearing.starts_at >= datetime.combine(phase.starts_on, time.min, BANGKOK),
                Hearing.starts_at < datetime.combine(phase.ends_on + timedelta(days=1), time.min, BANGKOK),
            )
            .options(selectinload(Hearing.subdistricts))
        )
    )


def _open_slots(cycle) -> list[HearingSlot]:
    """Slots other drafts hold: new drafts leave them free, as if they were hearings already.

    They carry the negated slot id, so that a slot can recognise (and skip) itself.
    """
    slots = db.session.scalars(
        select(ProposedSlot)
        .join(ScheduleProposal)
        .where(
            ScheduleProposal.cycle_id == cycle.id,
            ScheduleProposal.status == PROPOSAL_DRAFT,
            ProposedSlot.status.in_(OPEN_SLOT_STATUSES),
        )
        .options(selectinload(ProposedSlot.subdistricts))
    )
    return [
        HearingSlot(
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            venue=slot.venue or "",
            subdistricts=tuple(slot.subdistrict_codes),
            id=-slot.id,
        )
        for slot in slots
    ]


def _tell_officials(proposal: ScheduleProposal) -> None:
    slots_by_official = defaultdict(list)
    for slot in proposal.slots:
        if slot.status != SLOT_PROPOSED:
            continue
        for official in officials_of(slot.subdistrict_codes):
            slots_by_official[official].append(slot)
    for official, slots in slots_by_official.items():
        if not official.email:
            continue
        email = render_email(
            "slots_proposed",
            "th",
            proposal=proposal,
            slots=slots,
            reminders_url=absolute_url("hearing_staff.reminders"),
        )
        queue_email(
            official.email,
            email.subject,
            email.body,
            key=f"slots-proposed:{proposal.id}:user:{official.id}",
            language="th",
        )
