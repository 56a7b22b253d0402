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

# (query, page that must be the first result): extend as the sources grow.
SEARCHES = [
    ("bounding box", "tasks/bounding_box.html"),
    ("Likert", "tasks/likert_rating.html"),
    ("hallucination", "tasks/hallucination_detection.html"),
    ("MQM", "tasks/translation_qa.html"),
    ("Needs Met", "tasks/search_relevance.html"),
    ("partial refusal", "policies/safety_policy.html"),
    # a platform's own page above the task pages that mention it (platform pages boost 2)
    ("Prolific", "platforms/prolific.html"),
    ("Toloka", "platforms/toloka.html"),
    # codes as CI prints them, in the rule families annotators and leads meet most
    ("LKT001", "rules/LKT001.html"),
    ("BOX003", "rules/BOX003.html"),
    ("DST001", "rules/DST001.html"),
    ("InstructGPT", "rubrics/likert_7pt.html"),
    ("baseline", "linting.html"),
    ("qualification", "qualification.html"),
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
    # results for this query show (their links carry it as ?h=... for highlighting; a page
    # whose own entry does not match, only its sections, is linked with an empty ?h=).
    marker = "h=" + query.split()[0].lower()
    box = page.locator("input.md-search__input")
    for _attempt in range(6):
        box.fill("")
        box.press_sequentially(query)
        try:
            page.wait_for_function(
                """marker => Array.from(
                    document.querySelectorAll(".md-search-result__item a"),
                    a => a.href.toLowerCase(),
                ).some(href => href.includes(marker))""",
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
    "path",
    [
        "index.html",
        "tasks/likert_rating.html",
        "rubrics/likert_rating.html",
        "cards/summarization_evaluation.html",
    ],
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


# -- practice pages -------------------------------------------------------------------------


def _rubric(rubric_id: str) -> dict:
    """A rubric of the sources the session site was built from."""
    import yaml

    from tests.generator.conftest import SOURCES

    return yaml.safe_load((SOURCES / "rubrics" / f"{rubric_id}.yaml").read_text("utf-8"))


def _practice_url(site_url: str, built_site: Path, where: str, rubric_id: str) -> str:
    if where == "file":
        return (built_site / "practice" / f"{rubric_id}.html").as_uri()
    return f"{site_url}practice/{rubric_id}.html"


def _answer_scores(question, values: list) -> None:
    """Tick one radio per dimension fieldset of a practice question (values in order)."""
    fieldsets = question.locator("fieldset.rubricate-practice__field")
    for index, value in enumerate(values):
        value_attr = "null" if value is None else str(value)
        fieldsets.nth(index).locator(f"input[type=radio][value='{value_attr}']").check()


def _score(page) -> str:
    return page.locator(".rubricate-practice__score-value").inner_text().strip()


@pytest.mark.parametrize("where", ["http", "file"])
def test_practice_likert_right_then_wrong(
    page, site_url: str, built_site: Path, where: str
) -> None:
    rubric = _rubric("likert_rating")
    dims = [d["id"] for d in rubric["dimensions"] if d.get("scale")]
    page.goto(_practice_url(site_url, built_site, where, "likert_rating"))
    assert _score(page) == "0 / 0"

    first = page.locator("[data-practice-q='0']")
    _answer_scores(first, [rubric["examples"][0]["label"]["scores"][d] for d in dims])
    first.get_by_role("button", name="Check answer").click()
    status = first.locator(".rubricate-practice__status")
    assert status.inner_text().startswith("Correct")
    assert status.get_attribute("aria-live") == "polite"
    assert _score(page) == "1 / 1"

    second = page.locator("[data-practice-q='1']")
    example = rubric["examples"][1]
    gold = [example["label"]["scores"][d] for d in dims]
    wrong = [3 if value != 3 else 4 for value in gold]
    _answer_scores(second, wrong)
    second.get_by_role("button", name="Check answer").click()
    status = second.locator(".rubricate-practice__status")
    assert status.inner_text().startswith("Not quite: 0 of 4")
    assert _score(page) == "1 / 2"
    details = second.locator(".rubricate-practice__details")
    assert details.is_visible()
    explanation = details.locator(".rubricate-practice-explanation")
    assert explanation.is_visible()
    assert example["explanation"].split(",")[0].strip("* ") in explanation.inner_text()
    assert '"helpfulness": ' + str(example["label"]["scores"]["helpfulness"]) in (
        details.locator("pre").inner_text()
    )
    wrong_marks = second.locator(".rubricate-practice__field.is-wrong .rubricate-practice__verdict")
    assert wrong_marks.count() == len(dims)
    assert "Gold:" in wrong_marks.first.inner_text()
    assert page.errors == []


def test_practice_ranking_answered_with_positions(page, site_url: str) -> None:
    rubric = _rubric("response_ranking")
    gold = rubric["examples"][0]["label"]["ranking"]
    page.goto(f"{site_url}practice/response_ranking.html")
    question = page.locator("[data-practice-q='0']")
    # Wrong first (reversed), then the gold order: the score counts the first check only.
    for position, response in enumerate(reversed(gold), start=1):
        question.get_by_label(f"Position of Response {response}").select_option(str(position))
    assert "Your order: " + " > ".join(reversed(gold)) in question.inner_text()
    question.get_by_role("button", name="Check answer").click()
    assert "Not quite" in question.locator(".rubricate-practice__status").inner_text()
    for position, response in enumerate(gold, start=1):
        question.get_by_label(f"Position of Response {response}").select_option(str(position))
    question.get_by_role("button", name="Check answer").click()
    status = question.locator(".rubricate-practice__status").inner_text()
    assert status.startswith("Correct") and "first check" in status
    assert _score(page) == "0 / 1"
    assert page.errors == []


def test_practice_preference_answered_with_radios(page, built_site: Path) -> None:
    import json

    label = _rubric("rlhf_preference")["examples"][0]["label"]
    page.goto((built_site / "practice" / "rlhf_preference.html").as_uri())
    question = page.locator("[data-practice-q='0']")
    values = [label["preference"], label["strength"], *label["dimensions"].values()]
    fieldsets = question.locator("fieldset.rubricate-practice__field")
    assert fieldsets.count() == len(values)
    for index, value in enumerate(values):
        fieldsets.nth(index).locator(f"input[value='{json.dumps(value)}']").check()
    question.get_by_role("button", name="Check answer").click()
    assert question.locator(".rubricate-practice__status").inner_text().startswith("Correct")
    assert _score(page) == "1 / 1"


def _tab_until(page, predicate: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"never focused: {predicate}")


def test_practice_keyboard_only(page, site_url: str) -> None:
    gold = _rubric("likert_7pt")["examples"][0]["label"]["scores"]["overall"]
    page.goto(f"{site_url}practice/likert_7pt.html")
    # The theme's first tab stop is "Skip to content": take it, as keyboard users do.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    in_first = "document.activeElement.closest(\"[data-practice-q='0']\") !== null"
    _tab_until(page, f"{in_first} && document.activeElement.type === 'radio'")
    page.keyboard.press("Space")  # ticks level 1
    for _ in range(gold - 1):
        page.keyboard.press("ArrowRight")
    checked = page.locator("[data-practice-q='0'] input[type=radio]:checked")
    assert checked.get_attribute("value") == str(gold)
    _tab_until(page, f"{in_first} && document.activeElement.type === 'submit'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "keyboard focus is visible"
    page.keyboard.press("Enter")
    status = page.locator("[data-practice-q='0'] .rubricate-practice__status")
    assert status.inner_text().startswith("Correct")
    assert _score(page) == "1 / 1"


def test_every_practice_page_builds_its_questions(page, site_url: str, built_site: Path) -> None:
    for html in sorted((built_site / "practice").glob("*.html")):
        if html.name == "index.html":
            continue
        page.goto(f"{site_url}practice/{html.name}")
        mounts = page.locator(".rubricate-practice-q")
        assert mounts.count() > 0, html.name
        assert page.locator("form.rubricate-practice__form").count() == mounts.count(), html.name
    assert page.errors == []


@pytest.mark.parametrize("rubric_id", ["likert_rating", "response_ranking", "metadata_tagging"])
def test_practice_phone_has_no_horizontal_scrolling(browser, site_url: str, rubric_id: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        page.goto(f"{site_url}practice/{rubric_id}.html")
        page.locator("[data-practice-q='0'] button[type=submit]").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


@pytest.fixture(scope="session")
def hostile_practice_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose probe rubric has a worked example that tries to leave the JSON block."""
    from tests.generator.conftest import add_xss_sources, make_project, mkdocs_build
    from tests.generator.test_practice import add_practice_probe

    root = make_project(tmp_path_factory.mktemp("practice-project"))
    add_xss_sources(root)
    add_practice_probe(root)
    site = tmp_path_factory.mktemp("practice-site")
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return site


def test_practice_author_script_never_runs(page, hostile_practice_site: Path) -> None:
    from tests.generator.test_practice import PRACTICE_XSS

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((hostile_practice_site / "practice" / "xss_probe.html").as_uri())
    question = page.locator("[data-practice-q='0']")
    assert PRACTICE_XSS in question.locator(".rubricate-practice__item").inner_text()
    question.locator("input[type=radio]").first.check()
    question.get_by_role("button", name="Check answer").click()
    question.locator(".rubricate-practice__details").wait_for()
    for element in question.locator("summary, label").all()[:6]:
        element.hover()
    assert "<img src=x onerror" in question.locator(".rubricate-practice__details").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert page.errors == []


def test_navigation_home_to_task_to_rubric_to_card(page, site_url: str) -> None:
    """Issue 5's path: home -> task -> its rubric -> its card, which shows the scale."""
    page.goto(site_url)
    page.locator("article a", has_text="Likert rating").first.click()
    page.wait_for_url("**/tasks/likert_rating.html")
    page.locator("article a[href$='rubrics/likert_rating.html']").first.click()
    page.wait_for_url("**/rubrics/likert_rating.html")
    page.locator("article a[href$='cards/likert_rating.html']").first.click()
    page.wait_for_url("**/cards/likert_rating.html")
    card = page.locator("article.rb-card[data-rubric='likert_rating']")
    assert card.is_visible()
    scale = card.locator("table.rb-scale").first
    assert scale.is_visible()
    assert scale.locator("th.rb-scale__value").all_inner_texts() == ["1", "2", "3", "4", "5"]
    # The QR code and short link point at the rubric page of the built site.
    assert (card.locator("a.rb-qr").get_attribute("href") or "").endswith(
        "rubrics/likert_rating.html"
    )
    assert page.errors == []


def test_card_print_button_is_focusable_and_prints(page, site_url: str) -> None:
    page.goto(site_url + "cards/likert_rating.html")
    button = page.locator("button.rb-print")
    assert button.is_visible()
    assert button.get_attribute("onclick") is None  # wired by cards.js, no inline handler
    button.focus()
    assert page.evaluate("document.activeElement.classList.contains('rb-print')")
    # Keyboard activation reaches window.print (stubbed: headless print would block).
    # (The trailing 0: Playwright calls an expression whose value is a function.)
    page.evaluate("window.__printed = []; window.print = () => window.__printed.push(1); 0")
    page.keyboard.press("Enter")
    printed = page.evaluate("window.__printed")
    assert len(printed) == 1, printed


def test_printing_a_card_page_prints_only_the_card(page, site_url: str) -> None:
    page.goto(site_url + "cards/likert_rating.html")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".rb-card-actions"):
        locator = page.locator(selector).first
        assert locator.count() == 0 or not locator.is_visible(), selector
    assert page.locator("article.rb-card").is_visible()
    # Material prints each link's URL after it; not inside the card.
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.rb-card a'), '::after').content"
    )
    assert after in ("none", "normal", "")


def test_card_index_lists_every_card(page, site_url: str, built_site: Path) -> None:
    page.goto(site_url + "cards/index.html")
    links = page.locator("article a[href$='.html']").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    )
    expected = {p.name for p in (built_site / "cards").glob("*.html")} - {"index.html"}
    assert expected <= {href.rsplit("/", 1)[-1] for href in links}
