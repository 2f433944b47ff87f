"""Telling contributors what became of their input: each who left an email address with consent
is mailed once when their input is not taken up (with the planners' reason) or hidden by
moderation (with the reason, in words they can read). "Used in a revision" is mailed by the
revision's publication (consult.review.notices). Every message goes through the outbox with a
key of the input and the outcome, so it is queued once however often the status is set."""

import logging

from consult.inputs.models import CitizenInput
from consult.notifications.emails import render_email
from consult.notifications.operations import queue_email
from consult.urls import absolute_url

log = logging.getLogger(__name__)


def contact_email(item: CitizenInput) -> str | None:
    """The address a contributor asked to be told at, if they consented and gave one."""
    contact = item.contact
    return contact.email if item.consent and contact and contact.email else None


def _notify(item: CitizenInput, template: str, outcome: str) -> bool:
    recipient = contact_email(item)
    if recipient is None:
        return False
    email = render_email(
        template, "th", item=item, receipt_url=absolute_url("inputs.receipt", code=item.receipt)
    )
    try:
        return queue_email(recipient, email.subject, email.body, key=f"input-{outcome}:{item.id}") is not None
    except ValueError as error:  # an address that cannot be mailed must not stop the decision
        log.warning("input %s: not notified: %s", item.id, error)
        return False


def notify_not_taken_up(item: CitizenInput) -> bool:
    """Queue "not taken up, and why" in the caller's transaction; True when a message was queued."""
    return _notify(item, "input_not_taken_up", "not-taken-up")


def notify_hidden(item: CitizenInput) -> bool:
    """Queue "hidden, and why" in the caller's transaction; True when a message was queued."""
    return _notify(item, "input_hidden", "hidden")
