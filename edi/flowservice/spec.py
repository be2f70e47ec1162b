"""The official XP Z12-013 OpenAPI descriptions, shipped in ``openapi/`` (see its README:
version 1.3.0, from fnfempe/France_RFE, Apache 2.0)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).with_name("openapi")
FLOW_SERVICE = FOLDER / "XP-Z12-013-Flow-Service-1.3.0.openapi.json"
DIRECTORY_SERVICE = FOLDER / "XP-Z12-013-Directory-Service-1.3.0.openapi.json"
VERSION = "1.3.0"


@cache
def flow_service() -> dict[str, Any]:
    return json.loads(FLOW_SERVICE.read_bytes())  # type: ignore[no-any-return]


def enum(name: str) -> tuple[str, ...]:
    """The values of one of the Flow Service's enumerated schemas (``FlowSyntax``...)."""
    return tuple(flow_service()["components"]["schemas"][name]["enum"])
