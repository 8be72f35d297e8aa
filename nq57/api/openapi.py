"""The OpenAPI document as checked into the repository (docs/openapi.json)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from ninja.responses import NinjaJSONEncoder

from nq57.api.main import api

DOCUMENT_PATH = Path(settings.BASE_DIR).parent / "docs" / "openapi.json"
REGENERATE = ".venv/bin/nq57 manage export_openapi"


def openapi_text() -> str:
    """The API's OpenAPI document as stable, readable JSON (the same as /api/openapi.json)."""
    schema = api.get_openapi_schema()
    return json.dumps(schema, cls=NinjaJSONEncoder, ensure_ascii=False, indent=2) + "\n"
