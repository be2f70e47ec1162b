"""Schemathesis hook for the Directory Service description: one defect mended in memory.

``directoryLineStatus`` (Enabled, Disabled, Upcoming) and ``uniqueDirectoryLineStatus``
(Enabled, Disabled) say ``maxLength: 7``, which "Disabled" and "Upcoming" (8 characters)
exceed: no answer could carry two of the description's own values. A ``maxLength`` shorter
than one of its schema's ``enum`` values is dropped (``mend``); nothing else is changed.
"""

from __future__ import annotations

from typing import Any

import schemathesis


def mend(raw_schema: dict[str, Any]) -> list[str]:
    """Drop each ``maxLength`` that one of its schema's enum values exceeds; the names."""
    mended = []
    for name, schema in raw_schema["components"]["schemas"].items():
        values = schema.get("enum") or []
        if "maxLength" in schema and any(len(str(v)) > schema["maxLength"] for v in values):
            del schema["maxLength"]
            mended.append(name)
    return mended


@schemathesis.hook
def before_load_schema(context: Any, raw_schema: dict[str, Any]) -> None:
    mend(raw_schema)
