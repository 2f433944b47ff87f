"""Importing a sheet of inputs for a hearing: staged for a preview with every row checked, then
saved in one go (every valid row) with an exact list of the rows refused and why."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from consult.auth.audit import record
from consult.auth.permissions import can_manage_hearing
from consult.extensions import db
from consult.i18n import LANGUAGES, LOCAL_ZONE, current_language, format_date, local_today, to_local
from consult.inputs.forms import InputForm, new_input_from_form
from consult.inputs.models import IMPORT_SAVED, CitizenInput, CommentCard, InputImport
from consult.inputs.operations import CardRefused, NewInput, build_input, unused_receipts, usable_card
from consult.inputs.queue import enqueue
from consult.inputs.receipts import normalize_receipt
from consult.inputs.sheets import (
    GENDER_ALIASES,
    SECTOR_ALIASES,
    SheetError,
    age_band_for,
    consent_from,
    issue_codes_from,
    key_for_label,
    label_lookup,
    parse_date,
    phone_from,
    read_sheet,
)
from consult.participants import AGE_BANDS, GENDERS, SECTORS
from consult.timeutil import utcnow

CHANNELS_AT_HEARING = ("hearing_paper", "hearing_verbal")
# Problems name the sheet's column, not the web form's question.
COLUMN_LABELS = {
    "text": _l("Input"),
    "sector": _l("Sector"),
    "issues": _l("Strategic issues"),
    "age_band": _l("Age"),
    "gender": _l("Gender"),
    "village": _l("Village (หมู่บ้าน)"),
    "contact_name": _l("Name"),
    "contact_phone": _l("Phone"),
    "contact_email": _l("Email"),
    "consent": _l("Consent"),
}


def sheet_error_message(error: SheetError) -> str:
    return {
        "file_type": _("Please send a CSV file or an Excel workbook (.xlsx)."),
        "encoding": _("The file's characters could not be read. Save it as “CSV UTF-8” and try again."),
        "unreadable": _(
            "The file could not be read as a sheet. Save it again as .xlsx or CSV and try again."
        ),
        "empty": _("The sheet is empty."),
        "no_text_column": _(
            "The sheet has no column for the input text. Name the first row's column “ความคิดเห็น” (or “text”)."
        ),
        "no_rows": _("The sheet has headings but no inputs under them."),
        "too_many_rows": _(
            "The sheet has more than %(limit)s inputs. Split it into smaller sheets.",
            limit=error.params.get("limit", 0),
        ),
        "too_large": _(
            "The sheet holds more text than can be checked at once. Split it into smaller sheets."
        ),
    }[error.code]


def card_refusal_message(refusal: CardRefused) -> str:
    if refusal.reason == "unknown":
        return _("No comment card has this code. Check the code written on the card.")
    if refusal.reason == "other_hearing":
        return _(
            "This card was printed for another hearing (%(title)s).", title=refusal.card.hearing.display_title
        )
    return _("This card has already been entered (card no. %(number)s).", number=refusal.card.number)


def stage_import(hearing, user, filename: str, data: bytes, default_sector: str, channel: str) -> InputImport:
    """Read the sheet and keep its rows for the preview; nothing is saved as input yet."""
    if not can_manage_hearing(user, hearing):
        raise PermissionError("not this user's hearing")
    sheet = read_sheet(filename, data, current_app.config["INPUT_IMPORT_MAX_ROWS"])
    staged = InputImport(
        hearing_id=hearing.id,
        uploaded_by_id=user.id,
        filename=(filename or "")[:255],
        default_sector=default_sector,
        channel=channel,
        rows=sheet.rows,
        outcome={"ignored_headings": sheet.ignored_headings},
    )
    db.session.add(staged)
    db.session.commit()
    return staged


@dataclass
class RowCheck:
    row: int
    excerpt: str
    new_input: NewInput | None = None
    card: CommentCard | None = None
    problems: list[str] = field(default_factory=list)
    already_saved: bool = False

    @property
    def valid(self) -> bool:
        return not self.problems and not self.already_saved


def _row_key(hearing_id: int, row: dict) -> str:
    """The same row of the same sheet gives the same key, so importing a sheet twice saves once."""
    content = json.dumps([hearing_id, row["row"], row["cells"]], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def allowed_days(hearing, today: date) -> tuple[date, date]:
    """Input given on paper dates from the opening of the hearing's input window up to today."""
    return to_local(hearing.input_opens_at).date(), today


def _submitted_at(day: date, hearing) -> datetime:
    """A date-only cell: the hearing's own time on the hearing's day, otherwise midday."""
    if day == to_local(hearing.starts_at).date():
        return hearing.starts_at
    return datetime.combine(day, time(12, 0), tzinfo=LOCAL_ZONE)


@dataclass
class SheetContext:
    """What checking every row needs, read once per sheet: label lookups, the hearing's issues,
    the keys already saved and the cards the sheet names."""

    staged: InputImport
    today: date
    sectors: dict[str, str]
    genders: dict[str, str]
    age_bands: dict[str, str]
    saved_keys: set[str]
    cards: dict[str, CommentCard]
    first_row_of_card: dict[str, int]

    @classmethod
    def of(cls, staged: InputImport, today: date) -> "SheetContext":
        rows = staged.rows or []
        keys = [_row_key(staged.hearing_id, row) for row in rows]
        first_row_of_card = {}
        for row in rows:
            code = normalize_receipt(row["cells"].get("card", ""))
            if code:
                first_row_of_card.setdefault(code, row["row"])
        codes = set(first_row_of_card)
        saved = (
            set(
                db.session.scalars(
                    select(CitizenInput.submission_key).where(CitizenInput.submission_key.in_(keys))
                )
            )
            if keys
            else set()
        )
        cards = (
            {
                card.code: card
                for card in db.session.scalars(select(CommentCard).where(CommentCard.code.in_(codes)))
            }
            if codes
            else {}
        )
        return cls(
            staged=staged,
            today=today,
            sectors=label_lookup(SECTORS, SECTOR_ALIASES),
            genders=label_lookup(GENDERS, GENDER_ALIASES),
            age_bands=label_lookup(AGE_BANDS),
            saved_keys=saved,
            cards=cards,
            first_row_of_card=first_row_of_card,
        )


def check_row(row: dict, context: SheetContext) -> RowCheck:
    staged = context.staged
    hearing = staged.hearing
    cells = row["cells"]
    check = RowCheck(row=row["row"], excerpt=(cells.get("text") or "")[:140])
    form = InputForm(
        formdata=None,
        meta={"csrf": False},
        data={
            "text": cells.get("text", ""),
            "sector": key_for_label(cells.get("sector", ""), context.sectors)
            or cells.get("sector")
            or staged.default_sector,
            "issues": issue_codes_from(cells.get("issues", "")),
            "age_band": age_band_for(cells.get("age_band", ""), context.age_bands)
            or cells.get("age_band", ""),
            "gender": key_for_label(cells.get("gender", ""), context.genders) or cells.get("gender", ""),
            "village": cells.get("village"),
            "contact_name": cells.get("contact_name"),
            "contact_email": cells.get("contact_email"),
            "contact_phone": phone_from(cells.get("contact_phone", "")),
            "consent": bool(consent_from(cells.get("consent", ""))),
        },
    )
    form.set_issue_choices(hearing.cycle.plan.issues)
    if not form.validate():
        for name, messages in form.errors.items():
            check.problems.append(f"{COLUMN_LABELS.get(name, form[name].label.text)}: {messages[0]}")
    if consent_from(cells.get("consent", "")) is None:
        check.problems.append(_("Consent: write “ใช่” (yes) or leave it empty."))
    submitted_at = None
    if cells.get("date"):
        try:
            day = parse_date(cells["date"])
        except ValueError:
            check.problems.append(
                _("Date: “%(value)s” is not a date such as 23/11/2569.", value=cells["date"])
            )
        else:
            first, last = allowed_days(hearing, context.today)
            if not first <= day <= last:
                check.problems.append(
                    _(
                        "Date: must be between %(first)s and %(last)s.",
                        first=format_date(first),
                        last=format_date(last),
                    )
                )
            submitted_at = _submitted_at(day, hearing)
    if cells.get("card"):
        try:
            check.card = usable_card(context.cards.get(normalize_receipt(cells["card"]) or ""), hearing)
        except CardRefused as refusal:
            check.problems.append(_("Card: %(problem)s", problem=card_refusal_message(refusal)))
        else:
            if context.first_row_of_card[check.card.code] != row["row"]:
                check.problems.append(_("Card: the same card appears on an earlier row."))
    key = _row_key(hearing.id, row)
    check.already_saved = key in context.saved_keys
    if not check.problems:
        check.new_input = new_input_from_form(
            form, staged.channel, submission_key=key, submitted_at=submitted_at
        )
    return check


def check_rows(
    staged: InputImport, today: date | None = None, only: set[int] | None = None
) -> list[RowCheck]:
    """Every row checked (or only the sheet rows numbered in `only`), in the current language."""
    context = SheetContext.of(staged, today or local_today())
    return [check_row(row, context) for row in staged.rows or [] if only is None or row["row"] in only]


class ImportConflict(Exception):
    """Someone saved inputs from this sheet or its cards at the same moment."""


def confirm_import(staged: InputImport, user, now: datetime | None = None) -> dict:
    """Save every valid row of a staged sheet at once, or nothing if the database refuses one;
    the outcome lists each saved row's receipt and each refused row's problems in both languages.
    The staged rows are dropped afterwards: what was saved lives on as inputs."""
    if staged.status == IMPORT_SAVED:
        return staged.outcome
    hearing = staged.hearing
    if not can_manage_hearing(user, hearing):
        raise PermissionError("not this user's hearing")
    now = now or utcnow()
    today = to_local(now).date()
    # Every check runs before anything is added: a later check must not see this import's inputs.
    # Refused rows are checked again in the other language, so the result reads in either.
    checks = check_rows(staged, today)
    problems = {check.row: {current_language(): check.problems} for check in checks if check.problems}
    for language in LANGUAGES:
        if language != current_language() and problems:
            with force_locale(language):
                for check in check_rows(staged, today, only=set(problems)):
                    problems[check.row][language] = check.problems
    already = [check.row for check in checks if check.already_saved]
    saved = []
    valid = [check for check in checks if check.valid]
    receipts = iter(unused_receipts(sum(1 for check in valid if check.card is None)))
    try:
        with db.session.no_autoflush:  # one flush at the end, not one per row
            for check in valid:
                item = build_input(
                    check.new_input,
                    cycle=hearing.cycle,
                    hearing=hearing,
                    entered_by=user,
                    now=now,
                    receipt=check.card.code if check.card else next(receipts),
                )
                if check.card is not None:
                    check.card.input = item
                db.session.add(item)
                saved.append((check.row, item))
        db.session.flush()
        enqueue([item.id for _, item in saved], now)  # tagged and indexed like input given online
    except IntegrityError as error:
        db.session.rollback()
        raise ImportConflict() from error
    outcome = {
        "ignored_headings": (staged.outcome or {}).get("ignored_headings", []),
        "saved": [{"row": row, "receipt": item.receipt} for row, item in saved],
        "already_saved": already,
        "refused": [{"row": row, "problems": problems[row]} for row in sorted(problems)],
    }
    staged.status = IMPORT_SAVED
    staged.saved_at = now
    staged.rows = None
    staged.outcome = outcome
    record(
        "inputs.imported",
        staged,
        {"hearing": hearing.id, "saved": len(saved), "refused": len(problems), "already_saved": len(already)},
        user=user,
    )
    db.session.commit()
    return outcome
