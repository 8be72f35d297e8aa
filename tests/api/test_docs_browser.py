"""The API docs page renders in a real browser with every request outside the site blocked."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from nq57.api.openapi import openapi_text
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
    operations = sum(len(path) for path in json.loads(openapi_text())["paths"].values())
    assert page.locator(".swagger-ui .opblock").count() == operations
    assert "Danh sách nhiệm vụ" in page.inner_text(".swagger-ui")
    assert outside == []
    page.close()
