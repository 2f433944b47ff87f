"""The notifications' scheduled job: deliver what the outbox holds."""

import logging

from consult.notifications.sender import send_due_messages

log = logging.getLogger("consult.scheduler")


def send_outbox() -> dict[str, int]:
    report = send_due_messages()
    if report.sent or report.failed:
        log.info("outbox: %s sent, %s failed", report.sent, report.failed)
    return {"sent": report.sent, "failed": report.failed}
