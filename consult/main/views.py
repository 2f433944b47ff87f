from flask import abort, current_app, render_template, send_from_directory
from flask_login import current_user, login_required

from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL
from consult.calendar.queries import hearing_counts, timeline
from consult.extensions import db
from consult.geography.queries import all_provinces
from consult.hearings.queries import HearingFilter, upcoming_and_past
from consult.i18n import local_today
from consult.inputs.queue import queue_lag
from consult.review.charts import coverage_map
from consult.review.coverage import coverage
from consult.strategy.models import StrategyCycle
from consult.timeutil import utcnow

FAVICON_MAX_AGE = 7 * 24 * 3600


def index():
    return render_template("main/index.html", provinces=all_provinces())


def favicon():
    """Browsers ask for /favicon.ico on their own (for the API's JSON, for example)."""
    return send_from_directory(
        current_app.static_folder, "img/favicon.ico", mimetype="image/x-icon", max_age=FAVICON_MAX_AGE
    )


def cycle(cycle_id: int):
    """A strategy cycle's public page: where the calendar stands, its hearings, where to give input
    and what became of it (the site's layer, since it gathers every area's part of a cycle)."""
    item = db.session.get(StrategyCycle, cycle_id) or abort(404)
    today = local_today()
    return render_template(
        "main/cycle.html",
        cycle=item,
        today=today,
        current=item.current_phase(today),
        timeline=timeline(item, today),
        hearing_counts=hearing_counts(item),
        place_map=coverage_map(
            coverage(item, now=utcnow(), minutes_due_days=current_app.config["MINUTES_DUE_DAYS"]),
            item.province_code,
        ),
    )


def privacy():
    return render_template("main/privacy.html")


@login_required
def staff_home():
    if current_user.role == ROLE_OFFICIAL:
        upcoming = [
            h
            for code in sorted(current_user.subdistrict_codes)
            for h in upcoming_and_past(HearingFilter(subdistrict=code), utcnow())[0]
        ]
    elif current_user.province_code:
        upcoming = upcoming_and_past(HearingFilter(province=current_user.province_code), utcnow())[0]
    else:
        upcoming = []
    unique = list({hearing.id: hearing for hearing in upcoming}.values())
    # administrators see whether the tag workers keep up (also in /metrics)
    lag = queue_lag() if current_user.role == ROLE_ADMIN else None
    return render_template("main/staff.html", upcoming=unique, tag_queue=lag)
