"""Request glue shared by every page: remembered language, security headers, safe redirects."""

from urllib.parse import urlsplit

from flask import abort, request, url_for
from werkzeug.routing import IntegerConverter

from consult.i18n import LANGUAGE_COOKIE, LANGUAGES

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'"
)
ONE_YEAR = 365 * 24 * 3600
MAX_DATABASE_ID = 2**31 - 1  # the largest value of the database's integer id columns
MAX_PAGE = 100_000  # no listing has more pages; a page number past it is not found


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` in every route: an id too large for the database's integer is simply not found,
    instead of an overflow error inside the database driver."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_DATABASE_ID)
        super().__init__(map, *args, **kwargs)


def is_database_id(number: int | None) -> bool:
    """Whether a number can be an id at all; ids from a query string do not pass the converter."""
    return number is not None and 0 < number <= MAX_DATABASE_ID


def id_arg(name: str) -> int | None:
    """An id from the query string: None when absent or not a number, 404 when no row could have it."""
    number = request.args.get(name, type=int)
    if number is not None and not is_database_id(number):
        abort(404)
    return number


def page_arg(name: str = "page") -> int:
    """A page number from the query string: 1 when absent, not a number or below 1; 404 past any
    page there could be (the database could not even be asked for it)."""
    number = request.args.get(name, 1, type=int) or 1
    if number > MAX_PAGE:
        abort(404)
    return max(number, 1)


def safe_next_url(default: str) -> str:
    """Follow ?next= only to a path on this site, never to another host."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or "\\" in target or parts.netloc:
        return default
    return target


def url_with_language(language: str) -> str:
    args = request.args.to_dict()
    args["lang"] = language
    endpoint = request.endpoint or "main.index"
    return url_for(endpoint, **(request.view_args or {}), **args)


def init_app(app) -> None:
    @app.after_request
    def remember_language_and_harden(response):
        chosen = request.args.get("lang")
        if chosen in LANGUAGES and request.cookies.get(LANGUAGE_COOKIE) != chosen:
            response.set_cookie(
                LANGUAGE_COOKIE,
                chosen,
                max_age=ONE_YEAR,
                samesite="Lax",
                httponly=True,
                secure=app.config["PRODUCTION"],
            )
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config["PRODUCTION"]:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    @app.context_processor
    def language_links():
        return {"languages": LANGUAGES, "url_with_language": url_with_language}
