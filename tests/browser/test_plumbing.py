"""The browser checks themselves: they must catch what they claim to catch.

Without these, a broken axe injection or a CSP recorder that never fires would let
every other browser test pass without checking anything.
"""

import pytest

pytestmark = pytest.mark.browser


def test_assert_accessible_fails_on_an_image_without_alternative(page, assert_accessible):
    page.goto("/")
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "/theme.css";
            document.querySelector("main").append(image);
        }"""
    )

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)

    assert "image-alt" in str(failure.value)


def test_assert_accessible_returns_the_rules_that_ran(page, assert_accessible):
    page.goto("/")

    violations = assert_accessible(page)

    rules = page.evaluate("axe.getRules(['wcag2aa']).map((rule) => rule.ruleId)")
    assert "color-contrast" in rules
    assert [v for v in violations if v["impact"] in {"serious", "critical"}] == []


def test_assert_no_csp_violation_fails_on_an_inline_style(page, assert_no_csp_violation):
    page.goto("/")
    page.evaluate(
        """() => {
            document.querySelector("main").insertAdjacentHTML(
                "beforeend", '<p style="color: red">inline</p>'
            );
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")

    with pytest.raises(AssertionError) as failure:
        assert_no_csp_violation(page)

    assert "style-src" in str(failure.value)


def test_server_sends_the_strict_csp(page):
    response = page.goto("/")

    policy = response.header_value("content-security-policy")
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
