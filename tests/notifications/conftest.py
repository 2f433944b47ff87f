import pytest

from tests.notifications.smtp import running_smtp_server, smtp_config


@pytest.fixture
def smtp_inbox(app):
    """Mail from the app goes to a local SMTP server for the test; settings restored after."""
    saved = {name: app.config[name] for name in smtp_config(0)}
    with running_smtp_server() as (inbox, port):
        app.config.update(smtp_config(port))
        try:
            yield inbox
        finally:
            app.config.update(saved)
