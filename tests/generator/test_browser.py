"""The built site in a real browser (headless Debian Chromium through Playwright).

One site is built per session (``built_site``: the repository's sources plus a hostile
probe task) and served over HTTP on a random port; one browser serves every test.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the browser fixture skips the tests
    PlaywrightTimeout = TimeoutError

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# (query, page that must be the first result): extend as the sources grow.
SEARCHES = [
    ("bounding box", "tasks/bounding_box.html"),
    ("Likert", "tasks/likert_rating.html"),
    ("hallucination", "tasks/hallucination_detection.html"),
    ("MQM", "tasks/translation_qa.html"),
    ("Needs Met", "tasks/search_relevance.html"),
    ("partial refusal", "policies/safety_policy.html"),
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []  # console errors and uncaught exceptions, for assertions
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def _h1(page) -> str:
    """The page title as shown (without the permalink sign)."""
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def _search(page, query: str) -> str:
    """Type ``query`` into the search box; return the href of the first result."""
    opener = page.locator("label.md-header__button[for='__search']").first
    if opener.is_visible():  # narrow screens: the search box hides behind a button
        opener.click()
    # A query typed before the search worker has its index is dropped, so type again until
    # results for this query show (their links carry it as ?h=... for highlighting).
    marker = "h=" + query.split()[0].lower()
    box = page.locator("input.md-search__input")
    for _attempt in range(6):
        box.fill("")
        box.press_sequentially(query)
        try:
            page.wait_for_function(
                """marker => {
                    const a = document.querySelector(".md-search-result__item > a");
                    return a !== null && a.href.toLowerCase().includes(marker);
                }""",
                arg=marker,
                timeout=2_500,
            )
            break
        except PlaywrightTimeout:
            continue
    href = page.locator(".md-search-result__item > a").first.get_attribute("href") or ""
    return urlsplit(href).path


def test_home_page_loads_without_console_errors(page, site_url: str) -> None:
    page.goto(site_url)
    assert _h1(page) == "Rubricate guidelines"
    assert page.locator(".rubricate-version").inner_text().startswith("v")
    assert page.errors == []


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_search_lists_the_right_page_first(page, site_url: str, query: str, expected: str) -> None:
    page.goto(site_url)
    href = _search(page, query)
    assert href.endswith(expected), href


def test_navigation_home_to_task_to_rubric(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("article a", has_text="Likert rating").first.click()
    page.wait_for_url("**/tasks/likert_rating.html")
    assert _h1(page) == "Likert rating"
    page.locator("article a[href$='rubrics/likert_rating.html']").first.click()
    page.wait_for_url("**/rubrics/likert_rating.html")
    assert _h1(page).startswith("Likert rating (1-5")
    assert page.locator(".rubricate-scale table").first.is_visible()


def test_site_works_from_file_url(page, built_site: Path) -> None:
    page.goto((built_site / "tasks" / "likert_rating.html").as_uri())
    assert _h1(page) == "Likert rating"
    page.goto((built_site / "index.html").as_uri())
    href = _search(page, "Likert")
    assert "likert_rating" in href
    assert page.errors == []


@pytest.mark.parametrize(
    "path", ["index.html", "tasks/likert_rating.html", "rubrics/likert_rating.html"]
)
def test_phone_viewport_has_no_horizontal_scrolling(browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


@pytest.mark.parametrize(
    "path", ["index.html", "tasks/xss_probe.html", "rubrics/xss_probe.html", "tasks/index.html"]
)
def test_author_script_never_runs(page, site_url: str, path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url + path)
    page.mouse.move(400, 300)
    for element in page.locator("article em, article b").all()[:5]:
        element.hover()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    if "xss_probe" in path:
        assert "<script>" in page.locator("article").inner_text()
