"""Finding: a planner's `/review/?cycle=99999999999999999999` answered 500. Every page that reads
a whole number from its query string is tried with numbers no database column holds, negative
ones and ones that are no number: each answers, never with a server error."""

import pytest

from tests.conftest import login
from tests.security.conftest import ADMIN, PLANNER, url_of

HUGE = "99999999999999999999"
# Every name a page reads a whole number from (ids, pages, batches), with the other query names.
NUMBER_PARAMETERS = ("cycle", "page", "hearing", "issue", "revision", "batch", "plan", "input", "days")


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "2147483648", "-1", "1e400", "٣"])
def test_no_page_fails_on_a_number_out_of_range(app, matrix_world, value):
    clients = {}
    for role in (PLANNER, ADMIN):
        clients[role] = app.test_client()
        assert login(clients[role], role).status_code == 302
    failures = []
    query = "&".join(f"{name}={value}" for name in NUMBER_PARAMETERS)
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint):
        if "GET" not in rule.methods or rule.endpoint in ("static", "auth.logout"):
            continue
        url = f"{url_of(app, rule, matrix_world['values'])}?{query}"
        for role, client in clients.items():
            response = client.get(url)
            response.close()
            if response.status_code >= 500:
                failures.append(f"{url} as {role}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_the_finding_itself_answers_404(app, matrix_world):
    client = app.test_client()
    login(client, PLANNER)
    assert client.get(f"/review/?cycle={HUGE}").status_code == 404
