"""A hearing's crowd on one Wi-Fi against the production way of serving: gunicorn with 2 workers,
rate limits on at their shipped defaults and counted in Redis (shared by both workers). 300
browsers, each with its own cookies, from one address (127.0.0.1) open a hearing's input form,
send it and open their receipt, 16 at a time; then one browser hammers the form.

    python -m bench.crowd [--redis redis://127.0.0.1:6379/0]

It makes a throw-away PostgreSQL database beside CONSULT_BENCH_POSTGRES_URL with `consult demo`
(whose hearings accept input today) and removes it afterwards.
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from bench.common import ROOT, Figure, bench_app, csrf_token, emit, log, scratch_database
from bench.load import gunicorn

CROWD = 300
AT_ONCE = 16
HAMMER = 30
WITHIN_SECONDS = 60
KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')


def _open_hearing(url: str) -> int:
    from consult.extensions import db
    from consult.hearings.models import Hearing
    from consult.timeutil import utcnow

    app = bench_app(url)
    with app.app_context():
        now = utcnow()
        return db.session.scalar(
            select(Hearing.id)
            .where(
                Hearing.input_opens_at <= now, Hearing.input_closes_at > now, Hearing.status != "cancelled"
            )
            .order_by(Hearing.id)
            .limit(1)
        )


def _browser():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def send(base: str, hearing_id: int, text: str, browser=None) -> int:
    """One citizen: the form, the post, the receipt. The status of the post (303 when stored and
    the receipt page opened, 429 when limited, another on failure)."""
    browser = browser or _browser()
    form_url = f"{base}/hearings/{hearing_id}/input"
    page = browser.open(form_url, timeout=30).read().decode()
    data = urllib.parse.urlencode(
        {
            "csrf_token": csrf_token(page),
            "submission_key": KEY.search(page).group(1),
            "text": text,
            "sector": "citizen",
            "website": "",
        }
    ).encode()
    try:
        answer = browser.open(form_url, data=data, timeout=30)  # follows the 303 to the receipt
    except urllib.error.HTTPError as error:
        return error.code
    return 303 if "/receipts/" in answer.geturl() and answer.status == 200 else answer.status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    redis_url = parser.parse_args().redis
    limits_on = {
        "RATELIMIT_ENABLED": "1",
        "RATELIMIT_STORAGE_URI": redis_url,
        # this run's counters of its own in a Redis that other runs share
        "RATELIMIT_KEY_PREFIX": f"bench-crowd-{secrets.token_hex(4)}",
        # plain HTTP on 127.0.0.1: the session cookie must not be Secure-only
        "CONSULT_PRODUCTION": "0",
    }
    with scratch_database("postgresql") as url:
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "consult", "demo"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url, "CONSULT_DEMO_PASSWORD": "bench-password-not-secret"},
            check=True,
            capture_output=True,
        )
        hearing_id = _open_hearing(url)
        with gunicorn("wsgi:app", url, "/", limits_on) as (port, _process):
            base = f"http://127.0.0.1:{port}"
            began = time.perf_counter()
            with ThreadPoolExecutor(AT_ONCE) as pool:
                statuses = list(
                    pool.map(
                        lambda n: send(
                            base, hearing_id, f"ข้อเสนอที่ {n}: ขอให้ซ่อมถนนและขุดลอกคลองหมู่ {n % 12 + 1}"
                        ),
                        range(CROWD),
                    )
                )
            seconds = time.perf_counter() - began
            bot = _browser()
            hammered = [
                send(base, hearing_id, f"ข้อความอัตโนมัติหมายเลข {n} ซื้อสินค้าราคาถูก", bot) for n in range(HAMMER)
            ]
    accepted = statuses.count(303)
    log(f"crowd statuses: { {status: statuses.count(status) for status in set(statuses)} }")
    log(f"hammering browser statuses: { {status: hammered.count(status) for status in set(hammered)} }")
    emit(Figure("crowd of one address accepted", accepted, "inputs", limit=CROWD, higher_is_better=True))
    emit(Figure("crowd of one address, wall time", seconds, "s", limit=WITHIN_SECONDS))
    emit(
        Figure(
            "one browser hammering, accepted",
            hammered.count(303),
            f"of {HAMMER} posts",
            limit=int(os.environ.get("CONSULT_INPUT_RATE_LIMIT", "6 per minute").split()[0]),
            note=f"{hammered.count(429)} answered 429",
        )
    )


if __name__ == "__main__":
    main()
