"""The hearing a request names, loaded for the person asking: missing is 404, outside the
official's subdistricts (or the planner's province) 403. Shared by every staff page on one hearing."""

from flask import abort
from flask_login import current_user

from consult.auth.permissions import can_manage_hearing
from consult.extensions import db
from consult.hearings.models import Hearing


def managed_hearing(hearing_id: int) -> Hearing:
    hearing = db.session.get(Hearing, hearing_id) or abort(404)
    if not can_manage_hearing(current_user, hearing):
        abort(403)
    return hearing
