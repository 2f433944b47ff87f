"""Benchmark: bytes a phone downloads for each public citizen page, fonts aside (budget 60 KB).

Run from the repository root (needs /usr/bin/chromium and Playwright):
    python -m bench.page_weight

It makes a throw-away demo database (`consult demo`), serves it with `flask --app wsgi run` on a
free port, and opens each page in a fresh Chromium context (empty cache, 360 px wide, Thai,
JavaScript on so that the script is counted too). Bytes are the response bodies as sent by the
server, uncompressed (the development server does not compress); the gzip column shows what a
compressing front server would send. Exits non-zero if a page reaches the budget.
"""

import gzip
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BUDGET = 60 * 1024
PAGES = [
    ("home", "/"),
    ("finder: provinces", "/hearings"),
    ("finder: province", "/hearings?province=40"),
    ("finder: district", "/hearings?province=40&district=4001"),
    ("finder: subdistrict", "/hearings?province=40&district=4001&subdistrict=400102"),
    ("hearing", "/hearings/2"),
    ("input form (hearing)", "/hearings/2/input"),
    ("input form (whole cycle)", "/cycles/1/input?subdistrict=400105"),
    ("what people said", "/cycles/1/voices"),
    ("track", "/track"),
    ("privacy notice", "/privacy"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(folder: Path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "RATELIMIT_ENABLED": "0",
        "CONSULT_DEMO_PASSWORD": "bench-password",
        "FLASK_DEBUG": "0",
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "consult", "demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [*flask, "run", "--port", str(port), "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the site did not start")


def weigh(browser, base: str, path: str) -> dict:
    """Bytes by kind for one page opened with an empty cache."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=base, locale="th")
    context.add_cookies([{"name": "lang", "value": "th", "url": base}])
    page = context.new_page()
    bodies = []

    def keep(request):
        response = request.response()
        if response is not None and not 300 <= response.status < 400:
            bodies.append((request.resource_type, request.url, response.body()))

    page.on("requestfinished", keep)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    context.close()
    counted = [(kind, body) for kind, url, body in bodies if "/static/fonts/" not in url]
    weight = {"document": 0, "stylesheet": 0, "script": 0, "other": 0}
    for kind, body in counted:
        weight[kind if kind in weight else "other"] += len(body)
    weight["total"] = sum(len(body) for _kind, body in counted)
    weight["gzip"] = sum(len(gzip.compress(body)) for _kind, body in counted)
    weight["fonts"] = sum(len(body) for kind, url, body in bodies if "/static/fonts/" in url)
    return weight


def receipt_path(browser, base: str) -> str:
    """Send one input through the form; the receipt page it leads to is weighed on its own."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto("/hearings/2/input")
    page.fill("#text", "อยากให้ขุดลอกหนองน้ำสาธารณะของหมู่บ้านก่อนหน้าแล้ง")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    path = page.url.removeprefix(base)
    context.close()
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        server, base = serve(Path(folder))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                rows = [(name, path, weigh(browser, base, path)) for name, path in PAGES]
                receipt = receipt_path(browser, base)
                rows.append(("receipt and tracking", receipt, weigh(browser, base, receipt)))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print("| page | path | HTML | CSS | JS | total (fonts aside) | gzip | fonts |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    over = []
    for name, path, weight in rows:
        print(
            f"| {name} | `{path}` | {weight['document'] / 1024:.1f} KB | {weight['stylesheet'] / 1024:.1f} KB | "
            f"{weight['script'] / 1024:.1f} KB | **{weight['total'] / 1024:.1f} KB** | {weight['gzip'] / 1024:.1f} KB | "
            f"{weight['fonts'] / 1024:.1f} KB |"
        )
        if weight["total"] >= BUDGET:
            over.append(name)
    if over:
        print(f"over the {BUDGET // 1024} KB budget: {', '.join(over)}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
