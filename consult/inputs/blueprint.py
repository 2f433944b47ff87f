"""URL rules of the inputs area: giving input and receipts; the staff's
transcription, sheet imports, hearing kit and moderation."""

from flask import Blueprint

from consult.inputs import staff_views, views
from consult.inputs.masking import mask_personal_data
from consult.participants import sector_label

inputs_blueprint = Blueprint("inputs", __name__)
staff_inputs_blueprint = Blueprint("inputs_staff", __name__, url_prefix="/staff")

inputs_blueprint.add_url_rule(
    "/hearings/<int:hearing_id>/input", view_func=views.hearing_input, methods=["GET", "POST"]
)
inputs_blueprint.add_url_rule(
    "/cycles/<int:cycle_id>/input", view_func=views.cycle_input, methods=["GET", "POST"]
)
inputs_blueprint.add_url_rule("/receipts/<code>", view_func=views.receipt)
inputs_blueprint.add_url_rule(
    "/receipts/<code>/erase-contact", view_func=views.erase_contact_details, methods=["POST"]
)
inputs_blueprint.add_url_rule("/track", view_func=views.track)

staff_inputs_blueprint.add_url_rule("/inputs", view_func=staff_views.home)
staff_inputs_blueprint.add_url_rule(
    "/hearings/<int:hearing_id>/transcribe", view_func=staff_views.transcribe, methods=["GET", "POST"]
)
staff_inputs_blueprint.add_url_rule(
    "/hearings/<int:hearing_id>/import", view_func=staff_views.import_sheet, methods=["GET", "POST"]
)
staff_inputs_blueprint.add_url_rule(
    "/imports/<int:import_id>", view_func=staff_views.import_preview, methods=["GET", "POST"]
)
staff_inputs_blueprint.add_url_rule("/hearings/<int:hearing_id>/kit", view_func=staff_views.kit)
staff_inputs_blueprint.add_url_rule(
    "/hearings/<int:hearing_id>/kit/cards", view_func=staff_views.reserve, methods=["POST"]
)
staff_inputs_blueprint.add_url_rule("/moderation", view_func=staff_views.moderation)
staff_inputs_blueprint.add_url_rule(
    "/moderation/<int:input_id>", view_func=staff_views.moderate_input, methods=["POST"]
)
staff_inputs_blueprint.add_url_rule(
    "/moderation/policy/<province_code>", view_func=staff_views.publication_policy, methods=["POST"]
)

inputs_blueprint.add_app_template_filter(mask_personal_data, "masked")
inputs_blueprint.add_app_template_filter(sector_label, "sector_label")
