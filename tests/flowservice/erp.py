"""A test ERP: a Flow Service client built from the official XP Z12-013 description alone.

Nothing of edi-flux's own client (edi/flowservice/client.py) is used: what this client
knows of the API it reads from the OpenAPI document given to it, as an ERP vendor would
from the published file:

- an operation is found by its ``operationId`` (or method and path template); its URL is
  the ``paths`` template with its path parameters filled in, its query parameters only
  those the operation declares (an undeclared one is refused before anything is sent);
- the headers are the operation's header parameters: ``Request-Id`` (a fresh UUID, as
  its ``format: uuid`` says), ``Organization-Id`` when the ERP is given one; a required
  header it has no value for is refused; the credentials follow the document's
  ``security`` (a bearer token);
- ``POST /v1/flows``'s multipart parts are the requestBody schema's properties (a
  ``format: binary`` property is the file part, the others JSON parts), each with the
  ``encoding`` content type; ``flowInfo`` is checked against its schema (``FlowInfo``,
  with the optional ``sha256`` of the file) before it is sent;
- every answer is checked against the document: its status code must be one the
  operation declares, its media type one of that response's ``content``, its declared
  headers must match their schemas, and a JSON body must validate against the response's
  schema ($ref resolved in the document; formats checked) -- else :class:`NotAsSpecified`.

One defect of the document is mended in memory (:data:`MENDS`), as
tests/flowservice/schemathesis_hooks.py does for schemathesis: ``ReasonCode`` is
``oneOf: [ReasonCodeEnum, {type: string}]``, under which no ``ReasonCodeEnum`` value is
valid (it matches both branches); the description means ``anyOf`` ("A predefined set of
reason code values + ability to extend this set"). ``test_erp_client.py`` proves the
defect on the unmended document, so that a corrected description shows up there.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema_rs
import requests

Json = dict[str, Any]


class NotAsSpecified(AssertionError):
    """An answer (or a request about to be sent) that the description does not allow."""


def _mend_reason_code(doc: Json) -> None:
    schema = doc["components"]["schemas"]["ReasonCode"]
    if "oneOf" in schema:
        schema["anyOf"] = schema.pop("oneOf")


MENDS: tuple[Callable[[Json], None], ...] = (_mend_reason_code,)


def _pointer(doc: Json, ref: str) -> Any:
    if not ref.startswith("#/"):
        raise NotAsSpecified(f"$ref {ref!r}: only references inside the document are known")
    node: Any = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def resolve(doc: Json, node: Any, seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every ``$ref`` replaced by what it points to in ``doc``."""
    if isinstance(node, list):
        return [resolve(doc, x, seen) for x in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            raise NotAsSpecified(f"$ref {ref!r} refers to itself: {' -> '.join(seen)}")
        return resolve(doc, _pointer(doc, ref), (*seen, ref))
    return {k: resolve(doc, v, seen) for k, v in node.items()}


class Description:
    """The OpenAPI document, read once, its references resolvable."""

    def __init__(self, path: Path, mend: bool = True) -> None:
        self.path = path
        self.doc: Json = json.loads(path.read_bytes())
        if not str(self.doc.get("openapi", "")).startswith("3.0"):
            raise NotAsSpecified(f"{path}: expected an OpenAPI 3.0 document, got "
                                 f"{self.doc.get('openapi')!r}")
        if mend:
            self.doc = copy.deepcopy(self.doc)
            for fix in MENDS:
                fix(self.doc)

    def operation(self, operation_id: str | None = None, *, method: str | None = None,
                  path: str | None = None) -> Operation:
        for template, item in self.doc["paths"].items():
            shared = item.get("parameters", [])
            for verb, op in item.items():
                if verb == "parameters" or not isinstance(op, dict):
                    continue
                if (operation_id is not None and op.get("operationId") == operation_id) or \
                        (operation_id is None and verb == (method or "").lower()
                         and template == path):
                    security: list[Json] = op["security"] if "security" in op else \
                        self.doc.get("security", [])
                    params = {(p["in"], p["name"]): p
                              for p in resolve(self.doc, shared + op.get("parameters", []))}
                    return Operation(self, verb.upper(), template, op.get("operationId", ""),
                                     list(params.values()),
                                     resolve(self.doc, op.get("requestBody")),
                                     resolve(self.doc, op["responses"]),
                                     security)
        raise KeyError(f"{self.path.name} has no operation {operation_id or (method, path)}")

    def schema(self, name: str) -> Json:
        return resolve(self.doc, self.doc["components"]["schemas"][name])

    def check(self, schema: Json, value: Any, what: str) -> None:
        """``value`` against ``schema`` (resolved), formats (date-time, uuid, uri) checked."""
        validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
        problems = [f"{'/'.join(map(str, e.instance_path)) or '(root)'}: {e.message}"
                    for e in validator.iter_errors(value)]
        if problems:
            raise NotAsSpecified(f"{what}: not as the description says: "
                                 + "; ".join(problems[:5]))


@dataclass
class Operation:
    spec: Description
    method: str
    path: str
    operation_id: str
    parameters: list[Json]
    request_body: Json | None
    responses: Json
    security: list[Json]

    def where(self, place: str) -> list[Json]:
        return [p for p in self.parameters if p["in"] == place]

    def url(self, base: str, path_params: dict[str, str], query: dict[str, str]) -> str:
        declared = {p["name"]: p for p in self.where("path")}
        missing = set(declared) - set(path_params)
        unknown = set(path_params) - set(declared)
        if missing or unknown:
            raise NotAsSpecified(f"{self.operation_id}: path parameters {sorted(declared)} "
                                 f"expected, got {sorted(path_params)}")
        for name, value in path_params.items():
            self.spec.check(declared[name]["schema"], value, f"path parameter {name}")
        path = re.sub(r"\{([^}]+)\}", lambda m: quote(path_params[m.group(1)], safe=""),
                      self.path)
        known = {p["name"]: p for p in self.where("query")}
        for name, value in query.items():
            if name not in known:
                raise NotAsSpecified(f"{self.operation_id}: no query parameter {name!r}; "
                                     f"declared: {sorted(known)}")
            self.spec.check(known[name]["schema"], value, f"query parameter {name}")
        return base.rstrip("/") + path

    def headers(self, values: dict[str, str]) -> dict[str, str]:
        out = {}
        for p in self.where("header"):
            name = p["name"]
            value = values.get(name)
            if value is None and p.get("schema", {}).get("format") == "uuid":
                value = str(uuid.uuid4())   # a correlation id: a fresh one per request
            if value is None:
                if p.get("required"):
                    raise NotAsSpecified(f"{self.operation_id}: header {name} is required")
                continue
            self.spec.check(p["schema"], value, f"header {name}")
            out[name] = value
        return out

    def request_schema(self, media_type: str) -> Json:
        if self.request_body is None or media_type not in self.request_body["content"]:
            raise NotAsSpecified(f"{self.operation_id} takes no {media_type} body")
        return self.request_body["content"][media_type]

    def response(self, status: int) -> Json:
        responses = self.responses
        found = responses.get(str(status)) or responses.get(f"{status // 100}XX") or \
            responses.get("default")
        if found is None:
            raise NotAsSpecified(f"{self.operation_id} answered {status}, which it does not "
                                 f"declare ({', '.join(responses)})")
        return found

    def validate(self, status: int, headers: Mapping[str, str], body: bytes) -> Any:
        """The answer checked against the description; its JSON body (or None)."""
        what = f"{self.operation_id} {status}"
        declared = self.response(status)
        lower = {k.lower(): v for k, v in headers.items()}
        for name, header in declared.get("headers", {}).items():
            if name.lower() in lower:
                self.spec.check(header["schema"], lower[name.lower()], f"{what} header {name}")
            elif header.get("required"):
                raise NotAsSpecified(f"{what}: header {name} is missing")
        content = declared.get("content")
        if not content:
            if body:
                raise NotAsSpecified(f"{what}: declares no content, got {len(body)} bytes")
            return None
        media = lower.get("content-type", "").split(";")[0].strip()
        if media not in content:
            raise NotAsSpecified(f"{what}: media type {media!r}, expected one of "
                                 f"{sorted(content)}")
        if media != "application/json":
            return None
        try:
            value = json.loads(body)
        except ValueError as exc:
            raise NotAsSpecified(f"{what}: the body is not JSON: {exc}") from exc
        schema = content[media].get("schema")
        if schema is not None:
            self.spec.check(schema, value, f"{what} body")
        return value


@dataclass
class Answer:
    status: int
    headers: Mapping[str, str]   # case-insensitive (requests' CaseInsensitiveDict)
    content: bytes
    body: Any   # the JSON body, validated; None for a file or an empty answer


@dataclass
class Erp:
    """An ERP depositing its invoices on its platform (PA) through the Flow Service."""

    spec: Description
    base_url: str
    token: str
    organization_id: str | None = None
    timeout: float = 30
    log: list[tuple[str, int]] = field(default_factory=list)   # (operationId, status)

    def _auth(self, op: Operation) -> dict[str, str]:
        schemes = self.spec.doc["components"].get("securitySchemes", {})
        for requirement in op.security:
            for name in requirement:
                scheme = schemes[name]
                if scheme["type"] == "http" and scheme["scheme"].lower() == "bearer":
                    return {"Authorization": f"Bearer {self.token}"}
        if op.security:
            raise NotAsSpecified(f"{op.operation_id}: no bearer scheme among "
                                 f"{op.security}; this ERP holds a bearer token only")
        return {}

    def call(self, operation_id: str, *, path: dict[str, str] | None = None,
             query: dict[str, str] | None = None, json_body: Any = None,
             files: dict[str, tuple[str | None, bytes, str]] | None = None,
             headers: dict[str, str] | None = None) -> Answer:
        op = self.spec.operation(operation_id)
        url = op.url(self.base_url, path or {}, query or {})
        given = {"Organization-Id": self.organization_id} if self.organization_id else {}
        sent = {**op.headers({**given, **(headers or {})}), **self._auth(op)}
        data = None
        if json_body is not None:
            media = op.request_schema("application/json")
            self.spec.check(media["schema"], json_body, f"{operation_id} request body")
            data = json.dumps(json_body).encode()
            sent["Content-Type"] = "application/json"
        answer = requests.request(op.method, url, params=query, data=data, files=files,
                                  headers=sent, timeout=self.timeout)
        self.log.append((operation_id, answer.status_code))
        body = op.validate(answer.status_code, dict(answer.headers), answer.content)
        return Answer(answer.status_code, answer.headers, answer.content, body)

    # -- the operations an ERP uses -------------------------------------------------------

    def deposit(self, name: str, content: bytes, flow_syntax: str, *,
                tracking_id: str | None = None, processing_rule: str | None = None,
                flow_profile: str | None = None, sha256: str | None | bool = True
                ) -> Answer:
        """``createFlow``: the file and its flowInfo as the requestBody schema lays out."""
        op = self.spec.operation("createFlow")
        media = op.request_schema("multipart/form-data")
        schema, encoding = media["schema"], media.get("encoding", {})
        info: Json = {"name": name, "flowSyntax": flow_syntax}
        for key, value in (("trackingId", tracking_id), ("processingRule", processing_rule),
                           ("flowProfile", flow_profile)):
            if value is not None:
                info[key] = value
        if sha256 is True:
            info["sha256"] = hashlib.sha256(content).hexdigest()
        elif isinstance(sha256, str):
            info["sha256"] = sha256
        parts: dict[str, tuple[str, bytes, str]] = {}
        for prop, sub in schema["properties"].items():
            types = [t.strip() for t in encoding.get(prop, {}).get("contentType", "").split(",")]
            if sub.get("format") == "binary":
                wanted = "application/pdf" if name.lower().endswith(".pdf") else \
                    "application/xml"
                parts[prop] = (name, content, wanted if wanted in types else types[0])
            else:
                self.spec.check(sub, info, f"createFlow part {prop}")
                parts[prop] = ("", json.dumps(info).encode(), types[0] or "application/json")
        missing = set(schema.get("required", [])) - set(parts)
        if missing:
            raise NotAsSpecified(f"createFlow: parts {sorted(missing)} are required")
        # requests sends a part with an empty filename as a plain form field
        files = {k: (v[0] or None, v[1], v[2]) for k, v in parts.items()}
        return self.call("createFlow", files=files)

    def flow(self, flow_id: str) -> Json:
        answer = self.call("getFlow", path={"flowId": flow_id})
        if answer.status != 200:
            raise NotAsSpecified(f"getFlow {flow_id}: {answer.status} {answer.body}")
        return answer.body

    def download(self, flow_id: str, doc_type: str) -> Answer:
        return self.call("getFlow", path={"flowId": flow_id}, query={"docType": doc_type})

    def search(self, where: Json, limit: int = 100) -> Iterator[Json]:
        """``searchFlows``, every page (``nextCursor``) in turn."""
        params: Json = {"where": where, "limit": limit}
        while True:
            answer = self.call("searchFlows", json_body=params)
            if answer.status != 200:
                raise NotAsSpecified(f"searchFlows: {answer.status} {answer.body}")
            yield from answer.body.get("results", [])
            cursor = answer.body.get("nextCursor")
            if not cursor:
                return
            params = {"where": where, "limit": limit, "cursor": cursor}

    def follow(self, flow_id: str, timeout: float = 60, every: float = 0.1
               ) -> tuple[list[str], Json]:
        """Poll ``getFlow`` until the acknowledgement is no longer Pending: the statuses
        seen in order (repeats dropped) and the last Flow."""
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            flow = self.flow(flow_id)
            status = flow["acknowledgement"]["status"]
            if not seen or seen[-1] != status:
                seen.append(status)
            if status != "Pending":
                return seen, flow
            if time.monotonic() > deadline:
                raise AssertionError(f"{flow_id} still Pending after {timeout} s")
            time.sleep(every)
