"""The province's emblem: administrators upload it, the committee report and memo show it."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import can_review_province, roles_required
from consult.extensions import db
from consult.forms import Form
from consult.geography.models import Province, ProvinceEmblem
from consult.review.emblems import (
    EMBLEM_MAX_BYTES,
    EmblemRefused,
    remove_province_emblem,
    set_province_emblem,
)
from consult.review.forms import EmblemForm
from consult.timeutil import utcnow


@roles_required(ROLE_ADMIN)
def emblem_page(province_code: str):
    province = db.session.get(Province, province_code) or abort(404)
    form, removal = EmblemForm(), Form(prefix="remove")
    status = 200
    if request.method == "POST" and request.form.get("action") == "remove":
        if removal.validate_on_submit() and remove_province_emblem(province_code, user=current_user):
            flash(_("The emblem was removed."), "success")
        return redirect(url_for("review.emblem_page", province_code=province_code))
    if form.validate_on_submit():
        with form.image.data.stream as upload:  # a large upload is spooled to a temporary file
            data = upload.read(EMBLEM_MAX_BYTES + 1)
        try:
            set_province_emblem(province_code, data, user=current_user, now=utcnow())
        except EmblemRefused as refusal:
            form.image.errors.append(str(refusal))
        else:
            flash(_("The emblem was saved; the committee report and memo now show it."), "success")
            return redirect(url_for("review.emblem_page", province_code=province_code))
    if form.errors:
        status = 400
    emblem = db.session.get(ProvinceEmblem, province_code)
    return render_template(
        "review/emblem.html", province=province, emblem=emblem, form=form, removal=removal
    ), status


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def province_emblem(province_code: str):
    if not can_review_province(current_user, province_code):
        abort(403)
    emblem = db.session.get(ProvinceEmblem, province_code) or abort(404)
    response = Response(emblem.image, mimetype=emblem.content_type)
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
