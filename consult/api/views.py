from flask import current_app, jsonify, request
from flask_babel import gettext as _

from consult.api import serializers
from consult.api.openapi import openapi_document
from consult.api.payloads import parse_input
from consult.errors import api_error
from consult.extensions import db, limiter
from consult.geography.models import District, Province
from consult.geography.queries import all_provinces, districts_of, subdistricts_of
from consult.hearings.models import Hearing
from consult.hearings.queries import list_hearings, parse_hearing_filter
from consult.inputs.idempotency import IdempotencyConflict
from consult.inputs.operations import InputWindowClosed, find_by_receipt, hearing_for_input, submit_input
from consult.limits import lookup_limits
from consult.review.filters import parse_review_filter
from consult.review.queries import cycle_summary
from consult.strategy.models import StrategicPlan, StrategyCycle
from consult.strategy.queries import cycles_of
from consult.timeutil import utcnow
from consult.urls import absolute_url

MAX_IDEMPOTENCY_KEY = 64
MAX_PAGE = 100_000


def _not_found():
    return api_error(404, "not_found", _("The page or item you asked for does not exist."))


def openapi():
    return jsonify(openapi_document(absolute_url("api.provinces").rsplit("/", 1)[0]))


def provinces():
    return jsonify(items=[serializers.place(p) for p in all_provinces()])


def province_districts(code: str):
    if db.session.get(Province, code) is None:
        return _not_found()
    return jsonify(items=[serializers.place(d) for d in districts_of(code)])


def district_subdistricts(code: str):
    if db.session.get(District, code) is None:
        return _not_found()
    return jsonify(items=[serializers.place(s) for s in subdistricts_of(code)])


def cycles():
    province = request.args.get("province", "") or None
    if province is not None and not (province.isascii() and province.isdigit() and len(province) == 2):
        return api_error(
            400,
            "invalid_query",
            _("Some filters are not valid."),
            {"province": _("Must be a %(length)s-digit code.", length=2)},
        )
    return jsonify(items=[serializers.cycle(c) for c in cycles_of(province)])


def summary(cycle_id: int):
    """Takes the dashboard's filters (phase, hearing, district, subdistrict, sector) as well."""
    cycle = db.session.get(StrategyCycle, cycle_id)
    if cycle is None:
        return _not_found()
    filters, errors = parse_review_filter(request.args, cycle, strict=False)
    if errors:
        return api_error(400, "invalid_query", _("Some filters are not valid."), errors)
    return jsonify(cycle_summary(cycle, filters).as_api())


def plan_issues(plan_id: int):
    plan = db.session.get(StrategicPlan, plan_id)
    if plan is None:
        return _not_found()
    return jsonify(
        items=[{"code": i.code, "title_th": i.title_th, "title_en": i.title_en} for i in plan.issues]
    )


def hearings():
    criteria, errors = parse_hearing_filter(request.args)
    page = request.args.get("page", "") or "1"
    if not (page.isascii() and page.isdigit()) or not 1 <= int(page) <= MAX_PAGE:
        errors["page"] = _("Must be a whole number from 1 to %(max)s.", max=MAX_PAGE)
    if errors:
        return api_error(400, "invalid_query", _("Some filters are not valid."), errors)
    page = int(page)
    size = current_app.config["API_PAGE_SIZE"]
    found = list_hearings(criteria, offset=(page - 1) * size, limit=size + 1)
    now = utcnow()
    next_url = None
    if len(found) > size:
        args = request.args.to_dict()
        args["page"] = page + 1
        next_url = absolute_url("api.hearings", **args)
    return jsonify(items=[serializers.hearing(h, now) for h in found[:size]], next=next_url)


def hearing(hearing_id: int):
    item = db.session.get(Hearing, hearing_id)
    return jsonify(serializers.hearing(item)) if item else _not_found()


@limiter.limit(lambda: current_app.config["API_INPUT_RATE_LIMIT"])
def submit(hearing_id: int):
    item = hearing_for_input(hearing_id)
    if item is None:
        return _not_found()
    if not request.is_json:
        return api_error(
            415, "unsupported_media_type", _("Send the input as JSON (Content-Type: application/json).")
        )
    body = request.get_json(silent=True)
    if body is None:
        return api_error(400, "invalid_json", _("The body is not valid JSON."))
    idempotency_key = request.headers.get("Idempotency-Key") or None
    if idempotency_key is not None and len(idempotency_key) > MAX_IDEMPOTENCY_KEY:
        return api_error(
            400,
            "invalid_header",
            _("Some fields are not valid."),
            {"Idempotency-Key": _("Too long: at most %(max)d characters.") % {"max": MAX_IDEMPOTENCY_KEY}},
        )
    new_input, errors = parse_input(body, item.cycle.plan.issues, idempotency_key)
    if errors:
        return api_error(400, "invalid_input", _("Some fields are not valid."), errors)
    try:
        stored, created = submit_input(new_input, cycle=item.cycle, hearing=item)
    except InputWindowClosed:
        return api_error(409, "input_closed", _("This hearing is not accepting input now."))
    except IdempotencyConflict:
        return api_error(
            409,
            "idempotency_key_reused",
            _(
                "This Idempotency-Key was already used for this hearing with a different body. "
                "Send a new input with a new key."
            ),
        )
    return jsonify(receipt=stored.receipt, status=stored.status), 201 if created else 200


@lookup_limits
def receipt(receipt: str):
    item = find_by_receipt(receipt)
    return jsonify(serializers.receipt(item)) if item else _not_found()
