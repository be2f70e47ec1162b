"""A client of any XP Z12-013 Flow Service (the standard library's http.client only).

``FlowServiceClient.submit`` posts a flow (multipart ``flowInfo`` + ``file``, with its
``sha256``), ``search`` and ``get`` read flows; a bearer token is static or fetched by
OAuth2 client credentials (and fetched again once refused). Transport failures raise
``Unreachable``, saying whether the request may have arrived (``sent``).
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import ssl
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit


class Unreachable(Exception):
    """No answer: refused, timed out, or the connection dropped (``sent``: after the
    request was written, so it may have been taken)."""

    def __init__(self, message: str, *, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def _context(url: str, ca_file: Path | None) -> ssl.SSLContext | None:
    if urlsplit(url).scheme != "https":
        return None
    return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)


def request(method: str, url: str, body: bytes | None, headers: dict[str, str], *,
            timeout: float, ca_file: Path | None = None) -> Answer:
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname or "", parts.port, timeout=timeout,
                                           context=_context(url, ca_file))
    elif parts.scheme == "http":
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)
    else:
        raise Unreachable(f"{url}: not an http:// or https:// URL", sent=False)
    sent = False
    try:
        try:
            conn.connect()
        except (OSError, http.client.HTTPException) as exc:
            raise Unreachable(f"{parts.netloc}: cannot connect: {exc}", sent=False) from exc
        try:
            conn.request(method, path, body=body, headers=headers)
            sent = True
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise Unreachable(f"{method} {url}: {type(exc).__name__}: {exc}",
                              sent=sent) from exc
        return Answer(response.status, data, {k.lower(): v for k, v in response.getheaders()})
    finally:
        conn.close()


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float,
         ca_file: Path | None = None) -> tuple[int, bytes]:
    answer = request("POST", url, body, headers, timeout=timeout, ca_file=ca_file)
    return answer.status, answer.body


def multipart(info: dict[str, Any], file_name: str, content: bytes, media: str
              ) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    safe = file_name.replace('"', "_").replace("\r", "_").replace("\n", "_")
    body = b"".join([
        f"--{boundary}\r\n".encode(),
        b'Content-Disposition: form-data; name="flowInfo"\r\n',
        b"Content-Type: application/json\r\n\r\n",
        json.dumps(info).encode(), b"\r\n",
        f"--{boundary}\r\n".encode(),
        f'Content-Disposition: form-data; name="file"; filename="{safe}"\r\n'.encode(),
        f"Content-Type: {media}\r\n\r\n".encode(),
        content, b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ])
    return body, f"multipart/form-data; boundary={boundary}"


def syntax_of(content: bytes) -> tuple[str, str]:
    """The ``flowSyntax`` of an invoice file and its media type."""
    if content[:5] == b"%PDF-":
        return "Factur-X", "application/pdf"
    head = content[:4096]
    if b"CrossIndustryInvoice" in head:
        return "CII", "application/xml"
    if b"CrossDomainAcknowledgementAndResponse" in head:
        return "CDAR", "application/xml"
    return "UBL", "application/xml"


class FlowServiceClient:
    def __init__(self, base_url: str, *, token: str | None = None,
                 client_id: str | None = None, client_secret: str | None = None,
                 token_url: str | None = None, ca_file: Path | None = None,
                 timeout: float = 30.0) -> None:
        self.base = base_url.rstrip("/")
        self.static = token
        self.client_id, self.client_secret = client_id, client_secret
        self.token_url = token_url or f"{self.base}/v1/token"
        self.ca_file = ca_file
        self.timeout = timeout
        self._token: tuple[str, float] | None = None

    def _bearer(self, renew: bool = False) -> str:
        if self.static:
            return self.static
        if not (self.client_id and self.client_secret):
            raise ValueError("a Flow Service client needs a token or client credentials")
        if renew or self._token is None or self._token[1] < time.time() + 30:
            basic = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
            answer = request("POST", self.token_url,
                             urlencode({"grant_type": "client_credentials"}).encode(),
                             {"Authorization": f"Basic {basic}",
                              "Content-Type": "application/x-www-form-urlencoded"},
                             timeout=self.timeout, ca_file=self.ca_file)
            if answer.status != 200:
                raise Unreachable(f"token endpoint {self.token_url}: HTTP {answer.status} "
                                  f"{answer.body[:200]!r}", sent=False)
            data = answer.json()
            self._token = (data["access_token"], time.time() + float(data["expires_in"]))
        return self._token[0]

    def call(self, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> Answer:
        for attempt in (0, 1):
            head = {"Authorization": f"Bearer {self._bearer(renew=attempt == 1)}",
                    "Request-Id": str(uuid.uuid4()), **(headers or {})}
            answer = request(method, self.base + path, body, head, timeout=self.timeout,
                             ca_file=self.ca_file)
            if answer.status != 401 or self.static:
                return answer
        return answer

    def submit(self, file_name: str, content: bytes, *, tracking_id: str | None = None,
               syntax: str | None = None, profile: str | None = None) -> Answer:
        found, media = syntax_of(content)
        info: dict[str, Any] = {"name": file_name, "flowSyntax": syntax or found,
                                "sha256": hashlib.sha256(content).hexdigest()}
        if tracking_id:
            info["trackingId"] = tracking_id
        if profile:
            info["flowProfile"] = profile
        body, ctype = multipart(info, file_name, content, media)
        return self.call("POST", "/v1/flows", body, {"Content-Type": ctype})

    def search(self, where: dict[str, Any], limit: int = 25,
               cursor: str | None = None) -> Answer:
        params: dict[str, Any] = {"where": where, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self.call("POST", "/v1/flows/search", json.dumps(params).encode(),
                         {"Content-Type": "application/json"})

    def get(self, flow_id: str, doc_type: str = "Metadata") -> Answer:
        from urllib.parse import quote

        return self.call("GET", f"/v1/flows/{quote(flow_id, safe='')}?docType={doc_type}")

    def lifecycle_flows(self, updated_after: datetime | None = None
                        ) -> tuple[list[dict[str, Any]], datetime | None]:
        """The lifecycle flows (CDAR, flowType CustomerInvoiceLC / SupplierInvoiceLC) the
        platform publishes to us, updated after ``updated_after`` (strictly, as
        ``updatedAfter`` says; None: all of them), page by page from its ``nextCursor``;
        and the platform's clock when it answered the first page (its ``Date``)."""
        where: dict[str, Any] = {"flowType": list(LIFECYCLE_FLOW_TYPES)}
        if updated_after is not None:
            where["updatedAfter"] = stamp(updated_after)
        found: list[dict[str, Any]] = []
        cursor: str | None = None
        clock: datetime | None = None
        while True:
            answer = self.search(where, limit=100, cursor=cursor)
            if answer.status != 200:
                raise Unreachable(f"{self.base}/v1/flows/search: HTTP {answer.status} "
                                  f"{answer.body[:200]!r}", sent=True)
            if cursor is None:
                clock = date_of(answer)
            body = answer.json() or {}
            found += body.get("results") or []
            cursor = body.get("nextCursor")
            if not cursor:
                return found, clock

    def webhooks(self) -> Answer:
        return self.call("GET", "/v1/webhooks")

    def subscribe(self, callback_url: str, **filters: Any) -> Answer:
        """``POST /v1/webhooks``: 201 with the ``webhookId`` and its ``signingKey``."""
        body = json.dumps({"callbackUrl": callback_url, **filters}).encode()
        return self.call("POST", "/v1/webhooks", body, {"Content-Type": "application/json"})

    def unsubscribe(self, webhook_id: str) -> Answer:
        from urllib.parse import quote

        return self.call("DELETE", f"/v1/webhooks/{quote(webhook_id, safe='')}")


LIFECYCLE_FLOW_TYPES = ("CustomerInvoiceLC", "SupplierInvoiceLC")


def stamp(at: datetime) -> str:
    """An RFC 3339 date-time in UTC, to the microsecond (what ``updatedAfter`` takes)."""
    aware = at if at.tzinfo else at.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


def moment(text: Any) -> datetime | None:
    """A Flow's ``updatedAt`` (RFC 3339), or None when missing or unreadable."""
    if not isinstance(text, str):
        return None
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def date_of(answer: Answer) -> datetime | None:
    """The server's clock from its ``Date`` header (to the second), if it sent one."""
    from email.utils import parsedate_to_datetime

    raw = answer.headers.get("date")
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw).astimezone(UTC)
    except (TypeError, ValueError):
        return None
