"""Schemathesis hook for the official Flow Service description (loaded unchanged from
../shared, then this one defect is mended in memory before the run).

``ReasonCode`` is ``oneOf: [ReasonCodeEnum, {type: string}]``: every enum value is also a
string, so it is valid under both and *no* ``ReasonCodeEnum`` value can satisfy
``oneOf``: the description means "one of these names, or another string" (its own words:
"A predefined set of reason code values + ability to extend this set"), i.e. ``anyOf``.
"""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.hook
def before_load_schema(context: Any, raw_schema: dict[str, Any]) -> None:
    reason_code = raw_schema["components"]["schemas"]["ReasonCode"]
    reason_code["anyOf"] = reason_code.pop("oneOf")
