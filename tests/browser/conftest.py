"""Browser tests: Debian's Chromium driven by Playwright against the site served by
`flask --app wsgi run` (the README's server) on 127.0.0.1, with the demo data."""

import functools
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "browser-demo-password"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE, DESKTOP = 360, 1280

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    skip = (
        None
        if Path(CHROMIUM).exists()
        else pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium (./run-tests does)")
    )
    for item in items:
        if "tests/browser" in str(item.fspath):
            # Under pytest-xdist (--dist loadgroup) one worker runs them all: one demo site and one
            # Chromium, not one per worker.
            item.add_marker(pytest.mark.xdist_group("browser"))
            if skip:
                item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served_demo_site(folder: Path):
    """`consult demo` on a throw-away SQLite file in ``folder``, served by `flask run`; yields
    (base URL, database URL) and stops the server afterwards."""
    database_url = f"sqlite:///{folder / 'demo.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CONSULT_DEMO_PASSWORD": DEMO_PASSWORD,
        "RATELIMIT_ENABLED": "0",
        "FLASK_DEBUG": "0",
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "consult", "demo"], cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    with (folder / "server.log").open("w") as log:  # the server writes to its own copy of the descriptor
        server = subprocess.Popen(
            [*flask, "run", "--port", str(port), "--no-reload"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the site did not start: " + (folder / "server.log").read_text()) from None
            time.sleep(0.2)
    try:
        yield base, database_url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The demo site on a throw-away SQLite database; yields its base URL."""
    with served_demo_site(tmp_path_factory.mktemp("live")) as (base, _database_url):
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser, live_server):
    """open_page(width, language) → a page in a fresh context with that viewport and language."""
    contexts = []

    def opener(width: int = PHONE, language: str = "th"):
        # bypass_csp lets the tests inject axe-core; the site itself allows no inline script.
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale=language, base_url=live_server, bypass_csp=True
        )
        context.add_cookies([{"name": "lang", "value": language, "url": live_server}])
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A and AA violations axe-core finds on the page as it is now."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: " + json.dumps(violations, ensure_ascii=False, indent=1)


def sign_in(page, username: str) -> None:
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")


# Two or more English words in a row: an msgid that was never translated. Elements marked with
# another language, or translate="no" (codes, addresses), are left out.
UNTRANSLATED_JS = r"""() => {
  const english = /\b[A-Za-z][a-z]+(?: +[A-Za-z][a-z]*)+\b/g;
  const skip = '[lang]:not([lang^="th"]), [translate=no], script, style, code, kbd, samp';
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(skip)) continue;
    for (const match of node.textContent.matchAll(english)) found.push(match[0]);
  }
  for (const element of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
    if (element.closest(skip)) continue;
    for (const attribute of ['placeholder', 'aria-label', 'title', 'alt']) {
      for (const match of (element.getAttribute(attribute) || '').matchAll(english)) found.push(match[0]);
    }
  }
  return found;
}"""


def assert_in_thai(page) -> None:
    """No English wording left on a page served in Thai."""
    assert page.locator("html").get_attribute("lang") == "th", page.url
    english = page.evaluate(UNTRANSLATED_JS)
    assert english == [], f"{page.url}: untranslated {english}"


def assert_fits(page, width: int) -> None:
    """Nothing scrolls sideways: wide tables scroll inside their own box."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


# Form controls without a <label> of their own (axe-core accepts a placeholder or a title instead).
UNLABELLED_JS = """() => [...document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea')]
  .filter(element => element.labels.length === 0 && !element.getAttribute('aria-labelledby'))
  .map(element => element.id || element.name)"""


def assert_labelled(page) -> None:
    assert page.evaluate(UNLABELLED_JS) == [], f"{page.url}: form controls without a label"


def check_page(page, width: int, language: str) -> None:
    """What every page of a journey must pass: fits the width, axe-core's WCAG 2.1 A/AA rules, a label
    for every form control, and (in Thai) no untranslated wording."""
    page.wait_for_load_state()
    assert_fits(page, width)
    assert_accessible(page)
    assert_labelled(page)
    if language == "th":
        assert_in_thai(page)


# Full journeys run twice: in Thai on a phone and in English on a desktop.
JOURNEYS = pytest.mark.parametrize(
    ("width", "language"), [(PHONE, "th"), (DESKTOP, "en")], ids=["th-360", "en-1280"]
)


@functools.cache
def _catalog(language: str):
    from babel.messages.pofile import read_po

    with (PROJECT_ROOT / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def words(language: str, msgid: str, **values) -> str:
    """The site's wording of an English msgid in ``language``, from the catalog it serves."""
    message = _catalog(language).get(msgid)
    text = message.string if message is not None and message.string else msgid
    return text % values if values else text


def plural_words(language: str, singular: str, plural: str, count: int, **values) -> str:
    """The site's wording of an English plural message for ``count`` (Thai has one form)."""
    message = _catalog(language).get(singular)
    forms = message.string if message is not None and all(message.string) else (singular, plural)
    return forms[0 if len(forms) == 1 or count == 1 else 1] % {"count": count, **values}
