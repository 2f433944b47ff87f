"""Errors answer in the visitor's language: JSON under /api, a page elsewhere."""

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from consult.extensions import db


def error_messages() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        403: _("You do not have permission to do this."),
        404: _("The page or item you asked for does not exist."),
        405: _("This method is not allowed here."),
        409: _("This conflicts with the current state."),
        413: _("What you sent is too large."),
        429: _("Too many requests. Please wait a moment and try again."),
        500: _("Something went wrong on our side. Please try again."),
        503: _("The service is briefly unavailable. Please try again shortly."),
    }


def api_error(status: int, code: str, message: str, fields: dict | None = None, headers=None):
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app) -> None:
    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        status = error.code or 500
        message = error_messages().get(status, error.description or "")
        # Keep what the error itself says about the request, such as Allow on a 405.
        headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        if status in (429, 503):
            headers.setdefault("Retry-After", "60")
        if _wants_json():
            code = (error.name or "error").lower().replace(" ", "_")
            return api_error(status, code, message, headers=headers)
        response = app.make_response(
            (render_template("errors/error.html", status=status, message=message), status)
        )
        response.headers.update(headers)
        return response

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def handle_database_unavailable(error):
        # A lost database connection is temporary: tell clients to retry instead of failing hard.
        db.session.rollback()
        app.logger.warning("database unavailable: %s", error)
        message = error_messages()[503]
        if _wants_json():
            return api_error(503, "unavailable", message, headers={"Retry-After": "5"})
        response = app.make_response((render_template("errors/error.html", status=503, message=message), 503))
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error")
        message = error_messages()[500]
        if _wants_json():
            return api_error(500, "internal_error", message)
        return render_template("errors/error.html", status=500, message=message), 500
