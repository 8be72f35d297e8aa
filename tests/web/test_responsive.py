"""A 200-page PDF uploaded for review keeps one request busy for seconds; the server must go on
answering everyone else meanwhile (the live test server is threaded, as gunicorn runs with
`--threads`)."""

from __future__ import annotations

import http.cookiejar
import re
import threading
import time
import urllib.request
import uuid
from pathlib import Path

from nq57.imports.models import PlanImport
from nq57.orgs.models import Membership, Unit, User
from tests.fixtures.build_documents import long_pdf

CACHE = Path(__file__).resolve().parents[2] / "var" / "test-cache" / "documents"


def _signed_in(base: str) -> tuple[urllib.request.OpenerDirector, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/dang-nhap/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    data = f"csrfmiddlewaretoken={token}&username=vp&password=mat-khau-dai-2025".encode()
    opener.open(urllib.request.Request(f"{base}/dang-nhap/", data=data))
    form = opener.open(f"{base}/nhap-ke-hoach/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    return opener, token


def _multipart(token: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="dai.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_the_server_answers_others_while_a_long_pdf_is_read(live_server, transactional_db):
    unit = Unit.objects.create(name="Ủy ban nhân dân Quận 3", level="district")
    user = User.objects.create_user("vp", password="mat-khau-dai-2025")
    Membership.objects.create(user=user, unit=unit, role="standing_office")
    opener, token = _signed_in(live_server.url)
    body, kind = _multipart(token, long_pdf(CACHE))
    upload = urllib.request.Request(
        f"{live_server.url}/nhap-ke-hoach/", data=body, headers={"Content-Type": kind}
    )
    result: dict[str, int] = {}
    worker = threading.Thread(target=lambda: result.update(status=opener.open(upload).status))
    worker.start()
    time.sleep(0.5)
    waits = []
    while worker.is_alive():
        start = time.perf_counter()
        assert urllib.request.urlopen(f"{live_server.url}/dang-nhap/").status == 200
        waits.append(time.perf_counter() - start)
        time.sleep(0.2)
    worker.join()
    assert result["status"] == 200  # the review page, after the redirect
    assert PlanImport.objects.get().rows.count() > 2000
    assert len(waits) >= 3 and max(waits) < 3.0, waits
