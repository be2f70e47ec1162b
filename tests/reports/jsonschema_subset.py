"""A validator for the JSON Schema keywords our compte rendu schema uses.

``jsonschema`` is not a dependency and one test file does not justify adding it; this
checks the same things for the subset we use, and refuses any keyword it does not know,
so that a schema edit can never be silently unchecked.
"""

from __future__ import annotations

import re
from typing import Any

_ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs", "format"}
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "boolean": (bool,),
    "null": (type(None),), "integer": (int,), "number": (int, float),
}


def errors(instance: Any, schema: dict[str, Any], root: dict[str, Any] | None = None,
           path: str = "$") -> list[str]:
    """Every way ``instance`` breaks ``schema``, as 'path: problem' strings."""
    root = root or schema
    found: list[str] = []
    for key, rule in schema.items():
        if key in _ANNOTATIONS or key in ("properties", "additionalProperties"):
            continue
        if key == "$ref":
            found += errors(instance, _resolve(root, rule), root, path)
        elif key == "type":
            names = rule if isinstance(rule, list) else [rule]
            if not any(_is(instance, n) for n in names):
                found.append(f"{path}: {instance!r} is not of type {names}")
        elif key == "enum":
            if not any(_same(instance, v) for v in rule):
                found.append(f"{path}: {instance!r} not in {rule}")
        elif key == "const":
            if not _same(instance, rule):
                found.append(f"{path}: {instance!r} != {rule!r}")
        elif key == "pattern":
            if isinstance(instance, str) and not re.search(rule, instance):
                found.append(f"{path}: {instance!r} does not match {rule}")
        elif key == "minimum":
            if _is(instance, "number") and instance < rule:
                found.append(f"{path}: {instance} < {rule}")
        elif key == "required":
            if isinstance(instance, dict):
                found += [f"{path}: missing {k}" for k in rule if k not in instance]
        elif key == "items":
            if isinstance(instance, list):
                for i, item in enumerate(instance):
                    found += errors(item, rule, root, f"{path}[{i}]")
        elif key == "oneOf":
            passing = sum(1 for s in rule if not errors(instance, s, root, path))
            if passing != 1:
                found.append(f"{path}: {passing} of oneOf match {instance!r}")
        else:
            raise ValueError(f"schema keyword {key!r} is not supported by this checker")
    if isinstance(instance, dict) and "properties" in schema:
        props = schema["properties"]
        for k, v in instance.items():
            if k in props:
                found += errors(v, props[k], root, f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: unexpected key {k!r}")
    return found


def _is(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[name])


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    assert ref.startswith("#/"), ref
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node
