"""The API docs page renders in a real browser with every request outside the site blocked."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.web.test_browser import browser  # noqa: F401  (the shared Chromium fixture)


@pytest.mark.slow
def test_the_docs_page_renders_offline(browser, live_server, transactional_db) -> None:  # noqa: F811
    page = browser.new_page(locale="vi-VN")
    site = urlparse(live_server.url).netloc
    outside: list[str] = []

    def only_the_site(route) -> None:
        if urlparse(route.request.url).netloc == site:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_site)
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert "nq57 API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".swagger-ui .opblock").count() == 9
    assert "Danh sách nhiệm vụ" in page.inner_text(".swagger-ui")
    assert outside == []
    page.close()
