"""The SMTP fixture of the notification tests, for the password emails."""

from tests.notifications.conftest import smtp_inbox  # noqa: F401
