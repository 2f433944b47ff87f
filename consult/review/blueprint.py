"""URL rules of the review area: the planners' review (dashboard, coverage, inputs, exports,
committee report), their tag review and search (the tagging pages), and the public results."""

from flask import Blueprint

from consult.review import (
    contact_views,
    emblem_views,
    export_views,
    input_views,
    results_views,
    tagging_views,
    views,
)
from consult.review.charts import heat_level
from consult.review.filters import filter_args

review_blueprint = Blueprint("review", __name__, url_prefix="/review")
results_blueprint = Blueprint("results", __name__)
tagging_blueprint = Blueprint("tagging", __name__, url_prefix="/tagging")

review_blueprint.add_url_rule("/", view_func=views.dashboard)
review_blueprint.add_url_rule("/cycles/<int:cycle_id>/coverage", view_func=views.coverage_page)

review_blueprint.add_url_rule(
    "/cycles/<int:cycle_id>/export/inputs.<any(csv, xlsx):kind>", view_func=export_views.export_inputs
)
review_blueprint.add_url_rule(
    "/cycles/<int:cycle_id>/export/aggregates.xlsx", view_func=export_views.export_aggregates
)
review_blueprint.add_url_rule(
    "/cycles/<int:cycle_id>/export/<key>.csv", view_func=export_views.export_aggregate_csv
)
review_blueprint.add_url_rule(
    "/cycles/<int:cycle_id>/contacts", view_func=contact_views.contact_export, methods=["GET", "POST"]
)
review_blueprint.add_url_rule("/exports/<int:job_id>", view_func=export_views.export_job_page)
review_blueprint.add_url_rule("/exports/<int:job_id>/download", view_func=export_views.export_job_download)
review_blueprint.add_url_rule(
    "/provinces/<province_code>/emblem", view_func=emblem_views.emblem_page, methods=["GET", "POST"]
)
review_blueprint.add_url_rule("/provinces/<province_code>/emblem.img", view_func=emblem_views.province_emblem)
review_blueprint.add_url_rule("/cycles/<int:cycle_id>/report", view_func=export_views.report)
review_blueprint.add_url_rule("/cycles/<int:cycle_id>/report.docx", view_func=export_views.report_document)

review_blueprint.add_url_rule("/cycles/<int:cycle_id>/inputs", view_func=input_views.inputs)
review_blueprint.add_url_rule(
    "/cycles/<int:cycle_id>/inputs/actions", view_func=input_views.input_actions, methods=["POST"]
)
review_blueprint.add_url_rule(
    "/inputs/<int:input_id>", view_func=input_views.input_detail, methods=["GET", "POST"]
)

results_blueprint.add_url_rule("/cycles/<int:cycle_id>/results", view_func=results_views.cycle_results_page)
results_blueprint.add_url_rule(
    "/cycles/<int:cycle_id>/results/<code>", view_func=results_views.issue_results_page
)
results_blueprint.add_url_rule("/cycles/<int:cycle_id>/voices", view_func=results_views.voices)
results_blueprint.add_url_rule("/cycles/<int:cycle_id>/voices/<int:input_id>", view_func=results_views.voice)

tagging_blueprint.add_url_rule("/review", view_func=tagging_views.latest_review)
tagging_blueprint.add_url_rule("/search", view_func=tagging_views.latest_search)
tagging_blueprint.add_url_rule("/cycles/<int:cycle_id>/review", view_func=tagging_views.review)
tagging_blueprint.add_url_rule(
    "/inputs/<int:input_id>/tags", view_func=tagging_views.decide, methods=["POST"]
)
tagging_blueprint.add_url_rule(
    "/cycles/<int:cycle_id>/review/confirm-confident",
    view_func=tagging_views.confirm_confident,
    methods=["POST"],
)
tagging_blueprint.add_url_rule("/cycles/<int:cycle_id>/search", view_func=tagging_views.search)

review_blueprint.add_app_template_filter(heat_level, "heat")


@review_blueprint.app_context_processor
def review_helpers():
    return {"filter_args": filter_args}
