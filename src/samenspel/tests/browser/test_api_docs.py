"""The API docs page in a real browser with the app's CSP enforced: Swagger UI must render
the schema with no CSP violation and no request to another host."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_under_the_strict_csp(browser, live_server):
    # A fresh context without bypass_csp, unlike the shared one: the CSP is what is tested.
    context = browser.new_context()
    problems: list[str] = []
    foreign: list[str] = []
    try:
        page = context.new_page()
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type == "error" or "Content Security Policy" in m.text else None,
        )
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url))
        page.goto(f"{live_server.url}/api/v1/docs/")
        page.wait_for_selector("text=/api/v1/users/", timeout=15000)
        assert page.locator(".opblock").count() >= 6
    finally:
        context.close()
    assert not [p for p in problems if "Content Security Policy" in p or "EvalError" in p], problems
    assert not foreign, foreign
