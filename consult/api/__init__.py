from flask import Blueprint

api_blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

from consult.api import views  # noqa: E402,F401  (attaches the routes)
