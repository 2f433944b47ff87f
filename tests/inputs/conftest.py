import re

import pytest

from tests.conftest import csrf_token

KEY_PATTERN = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')


def input_form_data(client, url: str, **fields) -> dict:
    """What a browser sends from the input form at `url`, with the given fields changed."""
    page = client.get(url).get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(client, url),
        "submission_key": KEY_PATTERN.search(page).group(1),
        "text": "อยากให้ขุดลอกหนองน้ำสาธารณะก่อนหน้าฝน",
        "sector": "citizen",
        "website": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def hearing_url(world):
    return f"/hearings/{world['hearing'].id}/input"
