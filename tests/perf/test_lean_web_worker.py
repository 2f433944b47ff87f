"""A web worker serves the citizen pages and the API without loading what only the tag worker
needs: scikit-learn (and SciPy) and PyThaiNLP's word dictionary. Checked in a fresh interpreter,
configured as in production (no tag worker thread), against the test's database."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVE_AND_REPORT = """
import json, sys
from wsgi import app
client = app.test_client()
hearing = sys.argv[1]
answered = {}
for path in ("/", "/hearings", "/hearings?province=40", f"/hearings/{hearing}", f"/hearings/{hearing}/input", "/track"):
    answered[path] = client.get(path).status_code
response = client.post(f"/api/v1/hearings/{hearing}/inputs", json={"text": "ถนนเป็นหลุมเป็นบ่อ ขอให้ซ่อม", "sector": "citizen"})
answered["POST api"] = response.status_code
answered["receipt page"] = client.get(f"/receipts/{response.get_json()['receipt']}").status_code
loaded = {name.split(".")[0] for name in sys.modules}
from pythainlp.corpus import common
from pythainlp.tokenize import word_dict_trie
print(json.dumps({
    "answered": answered,
    "sklearn": "sklearn" in loaded,
    "scipy": "scipy" in loaded,
    "word_list": bool(common._THAI_WORDS),
    "word_trie": word_dict_trie.cache_info().currsize,
}))
"""


def test_serving_citizen_pages_and_the_api_loads_neither_the_tagger_nor_the_dictionary(app, world):
    environment = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "CONSULT_TAG_WORKER_THREAD": "0",
        "RATELIMIT_ENABLED": "0",
    }
    finished = subprocess.run(
        [sys.executable, "-c", SERVE_AND_REPORT, str(world["hearing"].id)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    report = json.loads(finished.stdout.strip().splitlines()[-1])
    assert report["answered"] == {
        "/": 200,
        "/hearings": 200,
        "/hearings?province=40": 200,
        f"/hearings/{world['hearing'].id}": 200,
        f"/hearings/{world['hearing'].id}/input": 200,
        "/track": 200,
        "POST api": 201,
        "receipt page": 200,
    }
    assert report["sklearn"] is False
    assert report["scipy"] is False
    assert report["word_list"] is False and report["word_trie"] == 0
