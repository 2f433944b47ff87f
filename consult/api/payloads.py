"""Checks the JSON body of an input before the shared input form validates its values."""

from flask_babel import gettext as _

from consult.inputs.forms import InputForm, new_input_from_form
from consult.inputs.operations import NewInput

TOP_LEVEL_FIELDS = {
    "text": str,
    "sector": str,
    "issues": list,
    "age_band": str,
    "gender": str,
    "village": str,
    "contact": dict,
    "consent": bool,
}
CONTACT_FIELDS = {"name", "email", "phone"}


def _type_errors(body: dict) -> dict[str, str]:
    errors = {}
    for name in body:
        if name not in TOP_LEVEL_FIELDS:
            errors[name] = _("Unknown field.")
    for name, expected in TOP_LEVEL_FIELDS.items():
        # null is refused like any other wrong type: leave a field out to not give it.
        if name in body and not isinstance(body[name], expected):
            errors[name] = _("Has the wrong type.")
    if isinstance(body.get("issues"), list) and not all(isinstance(code, str) for code in body["issues"]):
        errors["issues"] = _("Must be a list of issue codes.")
    contact = body.get("contact")
    if isinstance(contact, dict):
        for name, value in contact.items():
            if name not in CONTACT_FIELDS:
                errors[f"contact.{name}"] = _("Unknown field.")
            elif not isinstance(value, str):
                errors[f"contact.{name}"] = _("Has the wrong type.")
    return errors


def parse_input(body, plan_issues, idempotency_key: str | None) -> tuple[NewInput | None, dict[str, str]]:
    if not isinstance(body, dict):
        return None, {"body": _("The body must be a JSON object.")}
    errors = _type_errors(body)
    if errors:
        return None, errors
    contact = body.get("contact") or {}
    form = InputForm(
        formdata=None,
        meta={"csrf": False},
        data={
            "text": body.get("text"),
            "sector": body.get("sector"),
            "issues": body.get("issues") or [],
            "age_band": body.get("age_band") or "",
            "gender": body.get("gender") or "",
            "village": body.get("village"),
            "contact_name": contact.get("name"),
            "contact_email": contact.get("email"),
            "contact_phone": contact.get("phone"),
            "consent": bool(body.get("consent")),
        },
    )
    form.set_issue_choices(plan_issues)
    if not form.validate():
        return None, {
            ("contact" if name.startswith("contact_") else name): messages[0]
            for name, messages in form.errors.items()
        }
    return new_input_from_form(form, "api", submission_key=idempotency_key), {}
