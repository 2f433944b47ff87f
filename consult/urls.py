"""Absolute links, the ones that leave the page: QR codes in the printed kit, emails, og:url,
calendar feeds and the API's links.

In production they are built on CONSULT_BASE_URL only, never on the request's Host header: a
forged Host would otherwise end up in a printed QR code, a shared link or a cached feed. During
development a page's links follow the host it was opened on, and work without any set-up.
"""

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for


def absolute_url(endpoint: str, **values) -> str:
    if has_request_context() and not current_app.config["PRODUCTION"]:
        return url_for(endpoint, _external=True, **values)
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def absolute_url_of_page(with_query: bool = True) -> str:
    """The address of the page being served, e.g. for its og:url."""
    values = dict(request.view_args or {})
    if with_query:
        values.update(request.args.to_dict())
    return absolute_url(request.endpoint, **values)


def init_app(app) -> None:
    app.jinja_env.globals.update(absolute_url=absolute_url, absolute_url_of_page=absolute_url_of_page)
