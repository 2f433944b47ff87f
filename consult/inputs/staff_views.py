"""Staff screens around input: the hearing kit, transcription, sheet imports and moderation."""

from uuid import uuid4

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL, ROLE_PLANNER
from consult.auth.permissions import can_review_province, roles_required
from consult.extensions import csrf, db
from consult.geography.models import Province
from consult.hearings.access import managed_hearing
from consult.hearings.models import Hearing
from consult.hearings.queries import HearingFilter, upcoming_and_past
from consult.inputs.cards import card_batches, cards_of_batch, has_cards, reserve_cards
from consult.inputs.forms import (
    CHANNELS_AT_HEARING,
    ConfirmForm,
    ImportForm,
    ModerationForm,
    PublicationForm,
    ReserveCardsForm,
    TranscriptionForm,
    new_input_from_form,
)
from consult.inputs.idempotency import CHANGED_AFTER_SENDING, IdempotencyConflict
from consult.inputs.imports import (
    ImportConflict,
    card_refusal_message,
    check_rows,
    confirm_import,
    sheet_error_message,
    stage_import,
)
from consult.inputs.kit import hearing_agenda, qr_svg, sign_in_pages
from consult.inputs.masking import segments
from consult.inputs.models import (
    HIDE_REASONS,
    IMPORT_SAVED,
    MODERATION_LABELS,
    MODERATION_PENDING,
    CitizenInput,
    InputImport,
)
from consult.inputs.moderation import moderate, publishes_texts, set_publication, suggested_reason
from consult.inputs.operations import CardRefused, InputWindowClosed, submit_input
from consult.inputs.queries import entered_count, moderation_queue, pending_count, recent_entries
from consult.inputs.sheets import SheetError
from consult.limits import kiosk_hearing
from consult.participants import SECTORS
from consult.timeutil import utcnow
from consult.urls import absolute_url

STAFF = (ROLE_OFFICIAL, ROLE_PLANNER, ROLE_ADMIN)


def _my_hearings():
    now = utcnow()
    if current_user.role == ROLE_OFFICIAL:
        found = {}
        for code in sorted(current_user.subdistrict_codes):
            upcoming, past = upcoming_and_past(HearingFilter(subdistrict=code), now)
            found.update({hearing.id: hearing for hearing in upcoming + past})
        hearings = list(found.values())
    else:
        upcoming, past = upcoming_and_past(HearingFilter(province=current_user.province_code), now)
        hearings = upcoming + past
    upcoming = sorted((h for h in hearings if h.ends_at >= now), key=lambda h: h.starts_at)
    past = sorted((h for h in hearings if h.ends_at < now), key=lambda h: h.starts_at, reverse=True)
    return upcoming, past


@roles_required(*STAFF)
def home():
    upcoming, past = _my_hearings()
    reviewer = current_user.role in (ROLE_PLANNER, ROLE_ADMIN)
    waiting = pending_count(current_user.province_code) if reviewer else None
    return render_template("inputs/staff_home.html", upcoming=upcoming, past=past, waiting=waiting)


# --- transcription ---------------------------------------------------------------------------


@roles_required(*STAFF)
@csrf.exempt  # TranscriptionForm checks the token itself and keeps the typed text on failure
def transcribe(hearing_id: int):
    hearing = managed_hearing(hearing_id)
    form = TranscriptionForm()
    form.set_issue_choices(hearing.cycle.plan.issues)
    if request.method == "GET":
        # The hearing is in the URL; sector and channel come back with each saved entry.
        remembered_sector = request.args.get("sector")
        form.sector.data = remembered_sector if remembered_sector in SECTORS else "citizen"
        remembered_channel = request.args.get("channel")
        form.channel.data = (
            remembered_channel if remembered_channel in CHANNELS_AT_HEARING else "hearing_paper"
        )
    if form.validate_on_submit():
        data = new_input_from_form(form, form.channel.data)
        data.card_code = form.card_code.data
        try:
            item, created = submit_input(
                data, cycle=hearing.cycle, hearing=hearing, entered_by=current_user, check_window=False
            )
        except CardRefused as refusal:
            form.card_code.errors.append(card_refusal_message(refusal))
        except InputWindowClosed:
            form.form_errors.append(_("This hearing is cancelled: inputs cannot be entered for it."))
        except IdempotencyConflict:
            form.submission_key.data = uuid4().hex
            form.form_errors.append(str(CHANGED_AFTER_SENDING))
        else:
            message = (
                _("Saved as %(receipt)s.", receipt=item.receipt_display)
                if created
                else _("Already saved as %(receipt)s.", receipt=item.receipt_display)
            )
            flash(message, "success")
            return redirect(
                url_for(
                    ".transcribe", hearing_id=hearing.id, sector=form.sector.data, channel=form.channel.data
                ),
                code=303,
            )
    if not form.submission_key.data:
        form.submission_key.data = uuid4().hex
    status = 400 if form.errors else 200
    return render_template(
        "inputs/transcribe.html",
        hearing=hearing,
        form=form,
        recent=recent_entries(hearing.id),
        entered=entered_count(hearing.id),
        cards=has_cards(hearing.id),
    ), status


# --- sheet import ----------------------------------------------------------------------------


@roles_required(*STAFF)
def import_sheet(hearing_id: int):
    hearing = managed_hearing(hearing_id)
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.sheet.data
        try:
            staged = stage_import(
                hearing,
                current_user,
                upload.filename,
                upload.read(),
                form.default_sector.data,
                form.channel.data,
            )
        except SheetError as error:
            form.sheet.errors.append(sheet_error_message(error))
        else:
            return redirect(url_for(".import_preview", import_id=staged.id), code=303)
    return render_template("inputs/import.html", hearing=hearing, form=form), 400 if form.errors else 200


@roles_required(*STAFF)
def import_preview(import_id: int):
    staged = db.session.get(InputImport, import_id) or abort(404)
    hearing = managed_hearing(staged.hearing_id)
    form = ConfirmForm()
    if staged.status != IMPORT_SAVED and form.validate_on_submit():
        try:
            outcome = confirm_import(staged, current_user)
        except ImportConflict:
            db.session.refresh(staged)
            flash(
                _(
                    "Someone saved inputs from this sheet or its cards at the same moment. Check the "
                    "rows below and save again."
                ),
                "warning",
            )
        else:
            flash(
                ngettext(
                    "%(count)s input saved.",
                    "%(count)s inputs saved.",
                    len(outcome["saved"]),
                    count=len(outcome["saved"]),
                )
                + " "
                + ngettext(
                    "%(count)s row refused.",
                    "%(count)s rows refused.",
                    len(outcome["refused"]),
                    count=len(outcome["refused"]),
                ),
                "success",
            )
        return redirect(url_for(".import_preview", import_id=staged.id), code=303)
    if staged.status == IMPORT_SAVED:
        return render_template(
            "inputs/import_result.html", hearing=hearing, staged=staged, outcome=staged.outcome
        )
    checks = check_rows(staged)
    return render_template(
        "inputs/import_preview.html",
        hearing=hearing,
        staged=staged,
        checks=checks,
        form=form,
        valid=sum(1 for check in checks if check.valid),
        refused=sum(1 for check in checks if check.problems),
        already=sum(1 for check in checks if check.already_saved),
    )


# --- the printed kit -------------------------------------------------------------------------


def _kit_page(hearing: Hearing, reserve_form: ReserveCardsForm, status: int = 200):
    batches = card_batches(hearing.id)
    batch = request.args.get("batch", type=int)
    if batch not in {item.number for item in batches}:
        batch = batches[-1].number if batches else None
    issues = hearing.issues or hearing.cycle.plan.issues
    return render_template(
        "inputs/kit.html",
        kiosk=kiosk_hearing() == hearing.id,
        kiosk_form=ConfirmForm(formdata=None),
        hearing=hearing,
        issues=issues,
        batches=batches,
        batch=batch,
        cards=cards_of_batch(hearing.id, batch) if batch else [],
        reserve_form=reserve_form,
        agenda=hearing_agenda(hearing, issues),
        sign_in_pages=range(sign_in_pages(hearing.capacity)),
        qr_svg=qr_svg,
        hearing_url=absolute_url("hearings.detail", hearing_id=hearing.id),
        track_url=absolute_url("inputs.track"),
    ), status


@roles_required(*STAFF)
def kit(hearing_id: int):
    return _kit_page(managed_hearing(hearing_id), ReserveCardsForm())


@roles_required(*STAFF)
def reserve(hearing_id: int):
    hearing = managed_hearing(hearing_id)
    form = ReserveCardsForm()
    if not form.validate_on_submit():
        return _kit_page(hearing, form, 400)
    cards = reserve_cards(hearing, form.count.data, current_user)
    flash(
        _(
            "Comment cards %(first)s–%(last)s are reserved. Print them now.",
            first=cards[0].number,
            last=cards[-1].number,
        ),
        "success",
    )
    return redirect(url_for(".kit", hearing_id=hearing.id, batch=cards[0].batch, _anchor="cards"), code=303)


# --- moderation ------------------------------------------------------------------------------


def _moderated_province() -> Province | None:
    """Planners moderate their province; an administrator chooses one (or sees every province)."""
    if current_user.role == ROLE_PLANNER:
        return current_user.province
    return (
        db.session.get(Province, request.args.get("province", "")[:2])
        if request.args.get("province")
        else None
    )


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def moderation():
    province = _moderated_province()
    state = request.args.get("state", MODERATION_PENDING)
    if state not in MODERATION_LABELS:
        state = MODERATION_PENDING
    page = moderation_queue(
        province.code if province else None, state, number=request.args.get("page", 1, type=int) or 1
    )
    policy_form = PublicationForm(publish_texts=publishes_texts(province.code)) if province else None
    return render_template(
        "inputs/moderation.html",
        province=province,
        state=state,
        page=page,
        states=MODERATION_LABELS,
        reasons=HIDE_REASONS,
        segments=segments,
        suggested_reason=suggested_reason,
        policy_form=policy_form,
        waiting=pending_count(province.code if province else None),
    )


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def moderate_input(input_id: int):
    item = db.session.get(CitizenInput, input_id) or abort(404)
    if not can_review_province(current_user, item.province_code):
        abort(403)
    form = ModerationForm()
    back = url_for(
        ".moderation",
        state=request.args.get("state"),
        page=request.args.get("page"),
        province=request.args.get("province"),
        _anchor=f"input-{item.id}",
    )
    if not form.validate_on_submit():
        for messages in form.errors.values():
            flash(messages[0], "warning")
        return redirect(back, code=303)
    moderate(item, form.action.data, current_user, form.reason.data or None)
    flash(
        {
            "approve": _("Input no. %(id)s is approved for publication.", id=item.id),
            "hide": _("Input no. %(id)s is hidden.", id=item.id),
            "restore": _("Input no. %(id)s is back in the queue.", id=item.id),
        }[form.action.data],
        "success",
    )
    return redirect(back, code=303)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def publication_policy(province_code: str):
    province = db.session.get(Province, province_code[:2]) or abort(404)
    if not can_review_province(current_user, province.code):
        abort(403)
    form = PublicationForm()
    if form.validate_on_submit():
        set_publication(province.code, form.publish_texts.data, current_user)
        flash(
            _("Approved input texts are now published.")
            if form.publish_texts.data
            else _("Input texts are no longer published; only counts are public."),
            "success",
        )
    return redirect(url_for(".moderation", province=province.code), code=303)
