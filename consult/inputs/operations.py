"""Storing citizen input: one function for the web form, the API, transcription and imports.

A submission stores the input, the issues its author chose and a row in the tag worker's queue
in one short transaction, and answers: the tagger's suggestions and the search index words
follow from the queue (consult/inputs/queue.py, consult/inputs/tag_worker.py), so a request
never segments Thai text nor runs the tagger, and the web workers never load either.
"""

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from consult.auth.audit import record
from consult.extensions import db
from consult.hearings.models import Hearing
from consult.inputs.models import CitizenInput, CommentCard, InputContact, InputTargetVersion
from consult.inputs.queue import enqueue
from consult.inputs.receipts import new_receipt, normalize_receipt
from consult.strategy.models import StrategicPlan, StrategyCycle
from consult.tagging.models import SOURCE_CITIZEN, InputTag
from consult.timeutil import utcnow

SUBMISSION_KEY_LENGTH = 64
TARGETS_PER_PROCESS = 512  # hearings whose graph (a few dozen objects) a process keeps


class InputWindowClosed(Exception):
    """The hearing no longer (or not yet) accepts input."""


class CardRefused(Exception):
    """A comment card's code cannot take this input: `reason` is unknown, other_hearing or used."""

    def __init__(self, reason: str, card: CommentCard | None = None):
        super().__init__(reason)
        self.reason = reason
        self.card = card


@dataclass
class NewInput:
    text: str
    sector: str
    channel: str
    issue_codes: list[str] = field(default_factory=list)
    age_band: str | None = None
    gender: str | None = None
    village: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    consent: bool = False
    submission_key: str | None = None
    card_code: str | None = None
    submitted_at: datetime | None = None


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def normalize_submission_key(key: str | None) -> str | None:
    """Keys from forms and Idempotency-Key headers: longer ones are hashed to fit the column."""
    key = _blank_to_none(key)
    if key and len(key) > SUBMISSION_KEY_LENGTH:
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key


def unused_receipt() -> str:
    return unused_receipts(1)[0]


def fresh_receipt() -> str:
    """A receipt code for one new input, checked in one query against the printed comment cards
    only: an input already holding it is caught by the unique constraint when the input is stored
    (then _store draws another), but a card's code must stay free for the card's own input."""
    while True:
        code = new_receipt()
        # through the session's connection: a plain SELECT, without the ORM's statement handling
        if db.session.connection().scalar(select(CommentCard.id).where(CommentCard.code == code)) is None:
            return code


class _TargetCache:
    """Hearings with their cycle, plan, issues and subdistricts, detached from any session, each
    with the InputTargetVersion it was read at; the least recently used go first."""

    def __init__(self, capacity: int = TARGETS_PER_PROCESS):
        self.capacity = capacity
        self.entries: OrderedDict[int, tuple[int, Hearing]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, hearing_id: int, version: int) -> Hearing | None:
        with self.lock:
            entry = self.entries.get(hearing_id)
            if entry is None or entry[0] != version:
                return None
            self.entries.move_to_end(hearing_id)
            return entry[1]

    def put(self, hearing_id: int, version: int, hearing: Hearing) -> None:
        with self.lock:
            self.entries[hearing_id] = (version, hearing)
            self.entries.move_to_end(hearing_id)
            while len(self.entries) > self.capacity:
                self.entries.popitem(last=False)


def _load_detached(hearing_id: int) -> Hearing | None:
    """The hearing's graph read through a session of its own and closed: clean detached objects
    that the cache can hand to any later session, never expired by this request's commit."""
    with Session(db.engine) as loader:
        return loader.get(
            Hearing,
            hearing_id,
            options=[
                joinedload(Hearing.cycle).joinedload(StrategyCycle.plan).selectinload(StrategicPlan.issues),
                selectinload(Hearing.subdistricts),
            ],
        )


def hearing_for_input(hearing_id: int) -> Hearing | None:
    """The hearing with its cycle, plan, the plan's issues and the hearing's subdistricts, in the
    request's session. Cached per process while nothing of them changed (one primary-key read
    of InputTargetVersion, which database triggers move on every change), then merged into the
    session without SQL: a submission reads nothing else to know where its input goes."""
    # through the session's connection: a plain SELECT, without the ORM's statement handling
    version = db.session.connection().scalar(
        select(InputTargetVersion.version).where(InputTargetVersion.id == 1)
    )
    cache = current_app.extensions.setdefault("consult_input_targets", _TargetCache())
    hearing = cache.get(hearing_id, version) if version is not None else None
    if hearing is None:
        hearing = _load_detached(hearing_id)
        if hearing is None:
            return None
        if version is not None:
            cache.put(hearing_id, version, hearing)
    return db.session.merge(hearing, load=False)


def only_subdistrict(hearing) -> str | None:
    """The code of the hearing's subdistrict when it has exactly one (a group hearing: None)."""
    subdistricts = hearing.subdistricts  # loaded once per session, however many inputs are built
    return subdistricts[0].code if len(subdistricts) == 1 else None


def unused_receipts(count: int) -> list[str]:
    """Receipt codes that no input and no printed comment card holds yet, checked in one go."""
    codes: set[str] = set()
    while len(codes) < count:
        candidates = {new_receipt() for _ in range(count - len(codes))} - codes
        taken = set(
            db.session.scalars(select(CitizenInput.receipt).where(CitizenInput.receipt.in_(candidates)))
        )
        taken |= set(db.session.scalars(select(CommentCard.code).where(CommentCard.code.in_(candidates))))
        codes |= candidates - taken
    return list(codes)


def card_for(code: str | None, hearing) -> CommentCard | None:
    """The unused card of this hearing that `code` names; None when no code was given."""
    if not _blank_to_none(code):
        return None
    normalized = normalize_receipt(code)
    card = (
        db.session.scalar(select(CommentCard).where(CommentCard.code == normalized)) if normalized else None
    )
    return usable_card(card, hearing)


def usable_card(card: CommentCard | None, hearing) -> CommentCard:
    if card is None:
        raise CardRefused("unknown")
    if hearing is None or card.hearing_id != hearing.id:
        raise CardRefused("other_hearing", card)
    if card.input_id is not None:
        raise CardRefused("used", card)
    return card


def build_input(
    data: NewInput,
    *,
    cycle,
    hearing=None,
    subdistrict_code: str | None = None,
    entered_by=None,
    now: datetime,
    receipt: str,
) -> CitizenInput:
    """A new input with its contact and the issues its author chose, added to nothing yet; the
    tagger's suggestions come from the queue once it is stored."""
    if hearing is not None and subdistrict_code is None:
        subdistrict_code = only_subdistrict(hearing)
    issues_by_code = {issue.code: issue for issue in cycle.plan.issues}
    item = CitizenInput(
        receipt=receipt,
        cycle_id=cycle.id,
        hearing_id=hearing.id if hearing else None,
        province_code=cycle.province_code,
        district_code=hearing.district_code if hearing else (subdistrict_code or "")[:4] or None,
        subdistrict_code=subdistrict_code,
        text=data.text.strip(),
        sector=data.sector,
        channel=data.channel,
        age_band=_blank_to_none(data.age_band),
        gender=_blank_to_none(data.gender),
        village=_blank_to_none(data.village),
        consent=bool(data.consent),
        submission_key=normalize_submission_key(data.submission_key),
        entered_by_id=getattr(entered_by, "id", None),
        submitted_at=data.submitted_at or now,
    )
    contact = [_blank_to_none(v) for v in (data.contact_name, data.contact_email, data.contact_phone)]
    if any(contact) and data.consent:
        item.contact = InputContact(name=contact[0], email=contact[1], phone=contact[2], created_at=now)
    chosen = [issues_by_code[code] for code in dict.fromkeys(data.issue_codes) if code in issues_by_code]
    item.tags = [InputTag(issue=issue, source=SOURCE_CITIZEN) for issue in chosen]
    return item


def submit_input(
    data: NewInput,
    *,
    cycle,
    hearing=None,
    subdistrict_code: str | None = None,
    entered_by=None,
    now: datetime | None = None,
    check_window: bool = True,
) -> tuple[CitizenInput, bool]:
    """Store one input, the issues its author chose and its place in the tag worker's queue;
    returns (input, created). A repeated submission key returns
    the input stored the first time, so a double tap or a refresh never stores it twice.

    Staff entering inputs (entered_by) are recorded in the audit log. Transcription passes
    check_window=False: a paper card handed in at the hearing counts even if typed in later."""
    now = now or utcnow()
    key = normalize_submission_key(data.submission_key)
    if key:
        existing = find_by_submission_key(key)
        if existing:
            return existing, False
    if hearing is not None and hearing.is_cancelled:
        raise InputWindowClosed()
    if check_window and hearing is not None and not hearing.input_open_at(now):
        raise InputWindowClosed()
    card = card_for(data.card_code, hearing)
    item = build_input(
        data,
        cycle=cycle,
        hearing=hearing,
        subdistrict_code=subdistrict_code,
        entered_by=entered_by,
        now=now,
        receipt=card.code if card else fresh_receipt(),
    )
    if card is not None:
        card.input = item
    return _store(item, key, card, entered_by, now)


def _store(
    item: CitizenInput,
    key: str | None,
    card: CommentCard | None,
    entered_by,
    now: datetime,
    attempts: int = 5,
) -> tuple[CitizenInput, bool]:
    # The author's tags go in as one multi-row INSERT: the session would send one INSERT … RETURNING per
    # tag on SQLite. They are read back from the database when next asked for.
    tag_rows = [
        {
            "issue_id": tag.issue.id,
            "source": tag.source,
            "confidence": tag.confidence,
            "model_version": tag.model_version,
        }
        for tag in item.tags
    ]
    item.tags = []
    for _ in range(attempts):
        db.session.add(item)
        try:
            db.session.flush()
            if tag_rows:
                db.session.connection().execute(
                    insert(InputTag.__table__), [{"input_id": item.id, **row} for row in tag_rows]
                )
            enqueue([item.id], now)
            if entered_by is not None:
                record(
                    "input.entered",
                    item,
                    {
                        "channel": item.channel,
                        "hearing": item.hearing_id,
                        "card": card.number if card else None,
                    },
                    user=entered_by,
                )
            _commit_keeping_loaded()
            db.session.expire(item, ["tags"])
            return item, True
        except IntegrityError:
            db.session.rollback()
            # The same submission raced us and won, the card was used meanwhile, or the random
            # receipt was taken.
            existing = find_by_submission_key(key) if key else None
            if existing is not None:
                return existing, False
            if card is not None:
                raise CardRefused("used", card) from None
            item.receipt = fresh_receipt()
    raise RuntimeError("could not store the input with a unique receipt")


def _commit_keeping_loaded() -> None:
    """Commit without expiring what the session holds: the caller answers with the receipt and
    status just written, which would otherwise be read back from the database."""
    session = db.session()
    expire = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


def find_by_submission_key(key: str) -> CitizenInput | None:
    return db.session.scalar(select(CitizenInput).where(CitizenInput.submission_key == key))


def find_by_receipt(text: str) -> CitizenInput | None:
    code = normalize_receipt(text)
    if code is None:
        return None
    return db.session.scalar(select(CitizenInput).where(CitizenInput.receipt == code))


def find_card_by_code(text: str) -> CommentCard | None:
    code = normalize_receipt(text)
    if code is None:
        return None
    return db.session.scalar(select(CommentCard).where(CommentCard.code == code))
