"""Real-browser tests: a headless Chromium driven by Playwright against the live server.

Chromium is the system one (``/usr/bin/chromium``), never a browser downloaded by
``playwright install``. When it is missing the tests fail, they do not skip: CI installs
it, and a skipped accessibility check is a check that silently stopped running.

Fixtures:

- ``page``: a fresh browser context per test, desktop size (1280x800);
- ``phone_page``: the same on a phone (390x844, mobile, touch);
- ``any_page``: parametrised over both, for tests that must pass at either width;
- ``assert_accessible(page)``: runs axe-core (WCAG 2.0/2.1 A and AA rules) and fails on
  serious or critical violations;
- ``assert_no_csp_violation(page)``: fails if the page broke its Content Security Policy;
- ``save_screenshot(page, label=…)``: writes
  ``test-artifacts/screenshots/<test>[-<label>]-<desktop|phone>.png``;
- ``story``: the ``Story`` of ``story_steps`` (pages per person), uploads in a temporary
  media folder.
"""

import json
import os
import re
import weakref
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API keeps an asyncio event loop in the test's thread, so Django's
# async-safety guard would refuse every ORM call made by the test (arranging data,
# flushing the database between tests). The test code itself is plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Runs before any script of each document: records what the CSP blocked.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || "?"}:${event.lineNumber || "?"})`
  );
});
"""

_page_kinds = weakref.WeakKeyDictionary()
_console_errors = weakref.WeakKeyDictionary()


@pytest.fixture(scope="session")
def chromium():
    if not os.access(CHROMIUM_PATH, os.X_OK):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM_PATH}: the browser tests need it "
            "(apt-get install chromium). They never use `playwright install`.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _open_page(chromium, live_server, kind, options):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        timezone_id="Europe/Paris",
        **options,
    )
    page = context.new_page()
    page.add_init_script(CSP_RECORDER)
    errors = []

    def record_console(message):
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    _page_kinds[page] = kind
    _console_errors[page] = errors
    return context, page


@pytest.fixture
def page(chromium, live_server, transactional_db):
    context, page = _open_page(chromium, live_server, "desktop", DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium, live_server, transactional_db):
    context, page = _open_page(chromium, live_server, "phone", PHONE)
    yield page
    context.close()


# The narrowest screen WCAG 1.4.10 (reflow) asks a page to fit without sideways scrolling.
NARROW = {**PHONE, "viewport": {"width": 320, "height": 640}}


@pytest.fixture
def narrow_page(chromium, live_server, transactional_db):
    context, page = _open_page(chromium, live_server, "narrow", NARROW)
    yield page
    context.close()


@pytest.fixture(params=["desktop", "phone"])
def any_page(request):
    return request.getfixturevalue("page" if request.param == "desktop" else "phone_page")


def _describe(violation):
    targets = "; ".join(
        " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
        for node in violation["nodes"][:5]
    )
    return (
        f"- [{violation['impact']}] {violation['id']}: {violation['help']}\n"
        f"  {violation['helpUrl']}\n  on: {targets}"
    )


@pytest.fixture
def assert_accessible():
    """Check the page against axe-core's WCAG 2.1 A/AA rules.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern,
    so the CSP under test stays exactly as the server sent it.
    """
    axe_source = AXE_PATH.read_text(encoding="utf-8")

    def check(page):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        results = page.evaluate(
            """async (tags) => {
                const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                return results.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map((n) => ({target: n.target})),
                }));
            }""",
            AXE_TAGS,
        )
        blocking = [v for v in results if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe found {len(blocking)} serious or critical accessibility violation(s) on "
            f"{page.url}:\n" + "\n".join(_describe(v) for v in blocking)
        )
        return results

    return check


@pytest.fixture
def assert_no_csp_violation():
    def check(page):
        violations = page.evaluate("window.__cspViolations || []")
        console = [
            text for text in _console_errors.get(page, []) if "Content Security Policy" in text
        ]
        assert violations == [] and console == [], (
            "The page broke its Content Security Policy:\n"
            + json.dumps({"events": violations, "console": console}, indent=2, ensure_ascii=False)
        )

    return check


@pytest.fixture
def console_errors():
    """The errors the page logged to its console, in order."""

    def errors(page):
        return list(_console_errors.get(page, []))

    return errors


@pytest.fixture
def save_screenshot(request):
    def save(page, *, full_page=True, label=""):
        # ``label`` tells apart the screenshots of one parametrised test.
        name = re.sub(r"[^\w.-]+", "_", "-".join(filter(None, [request.node.originalname, label])))
        path = SCREENSHOT_DIR / f"{name}-{_page_kinds.get(page, 'page')}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


@pytest.fixture
def story(
    chromium,
    live_server,
    transactional_db,
    assert_accessible,
    assert_no_csp_violation,
    save_screenshot,
    settings,
    tmp_path,
):
    # story_steps imports this module: import it once the fixtures are loaded.
    from tests.browser.story_steps import Story

    settings.MEDIA_ROOT = tmp_path
    story = Story(
        chromium, live_server, assert_accessible, assert_no_csp_violation, save_screenshot
    )
    yield story
    story.close()
