"""Settings of the XP Z12-013 Flow Service (TOML table ``[flow_service]``).

```toml
[flow_service]
enabled = true               # `edi watch` serves it too (`edi flow-service` always does)
host = "127.0.0.1"
port = 8443
tls_cert = "/etc/edi/api.pem"         # HTTPS when both are given (beyond loopback: required)
tls_key = "/etc/edi/api.key"
max_bytes = 104857600                 # the specification's 100 MB per file

[[flow_service.client]]               # who may call it; secrets are named, never written
name = "erp-acme"
token_env = "EDI_API_TOKEN_ACME"      # a static bearer token, from the environment
secret_env = "EDI_API_SECRET_ACME"    # or OAuth2 client credentials at POST /v1/token
structures = ["123456789"]            # SIRENs whose flows it sees (besides its own)

[[flow_service.platform]]             # a Flow Service our https:// route targets reach
url = "https://api.flow.pa.example/flow-service"
token_env = "EDI_PA_TOKEN"            # or client_id + secret_env (OAuth2), ca_file
follow_every = 300.0                  # `edi watch` follows it every N seconds (0: never)
name = "pa"                           # our receiving endpoint: POST /v1/hooks/pa
webhook = true                        # its callbacks are received there...
webhook_key_env = "EDI_PA_HOOK_KEY"   # ...checked with the signingKey it answered
callback_url = "https://edi.example/v1/hooks/pa"   # `edi flow-service subscribe` registers
```

``$EDI_API_TOKEN`` is accepted as a bearer token of client ``env`` with every
structure's rights (scripts, tests).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from edi.config import Bound, ConfigError, section

MAX_BYTES = 100 * 1024 * 1024   # "Flow file: Max size = 100 MB" (FlowPostRequest)
MIN_FOLLOW_EVERY = 0.5
HOOK_NAME = re.compile(r"[A-Za-z0-9_-]{1,60}")
ENV_TOKEN = "EDI_API_TOKEN"
ENV_CLIENT = "env"


@dataclass(frozen=True)
class Client:
    name: str = ""
    token_env: str | None = None
    secret_env: str | None = None
    structures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Platform:
    """A Flow Service we deliver to (a route target ``https://...`` under this url)."""

    url: str = ""
    token_env: str | None = None          # a static bearer token, from the environment
    client_id: str | None = None          # or OAuth2 client credentials
    secret_env: str | None = None
    token_url: str | None = None          # default <url>/v1/token
    ca_file: Path | None = None           # trust this CA (a self-signed certificate)
    timeout: float = 30.0
    follow_every: float = 300.0           # seconds between `edi watch`'s follows; 0: none
    name: str | None = None               # in our receiving endpoint: /v1/hooks/<name>
    webhook: bool = False                 # receive its webhook callbacks there
    webhook_key_env: str | None = None    # the signingKey its POST /v1/webhooks answered
    callback_url: str | None = None       # what `edi flow-service subscribe` registers
                                          # (default: our [flow_service] address)

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "follow_every": Bound(0, what="a duration in seconds (0: not followed by edi watch)"),
    }


@section("flow_service")
@dataclass(frozen=True)
class FlowServiceSettings:
    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = 8443
    tls_cert: Path | None = None
    tls_key: Path | None = None
    max_bytes: int = MAX_BYTES
    token_ttl: float = 3600.0           # seconds an OAuth2 access token is valid
    webhook_backoff_initial: float = 2.0
    webhook_backoff_max: float = 600.0
    webhook_timeout: float = 10.0
    webhook_poll: float = 1.0           # seconds between looks at the ledger and outbox
    client: tuple[Client, ...] = ()
    platform: tuple[Platform, ...] = ()

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "port": Bound(0, 65535, what="a TCP port (0: any free one)"),
        "max_bytes": Bound(1, MAX_BYTES, what="a number of bytes (at most 100 MB)"),
        "token_ttl": Bound(1, what="a duration in seconds"),
        "webhook_backoff_initial": Bound(0, what="a duration in seconds", strict=True),
        "webhook_backoff_max": Bound(0, what="a duration in seconds", strict=True),
        "webhook_timeout": Bound(0, what="a duration in seconds", strict=True),
        "webhook_poll": Bound(0.05, what="a duration in seconds"),
    }

    def __post_init__(self) -> None:
        names = [c.name for c in self.client]
        for c in self.client:
            if not c.name or c.name == ENV_CLIENT or names.count(c.name) > 1:
                raise ConfigError(f"[[flow_service.client]] name {c.name!r}: empty, reserved "
                                  f"({ENV_CLIENT!r}) or used twice")
            if not (c.token_env or c.secret_env):
                raise ConfigError(f"[[flow_service.client]] {c.name}: give token_env or "
                                  "secret_env (the environment variable holding its secret)")
            for siren in c.structures:
                if not (len(siren) == 9 and siren.isdigit()):
                    raise ConfigError(f"[[flow_service.client]] {c.name}: structures: "
                                      f"{siren!r} is not a SIREN (9 digits)")
        for p in self.platform:
            if not p.url.startswith(("https://", "http://")):
                raise ConfigError(f"[[flow_service.platform]] url {p.url!r}: expected an "
                                  "https:// (or http://) URL")
            if not (p.token_env or (p.client_id and p.secret_env)):
                raise ConfigError(f"[[flow_service.platform]] {p.url}: give token_env, or "
                                  "client_id and secret_env")
            if 0 < p.follow_every < MIN_FOLLOW_EVERY:
                raise ConfigError(f"[[flow_service.platform]] {p.url}: follow_every "
                                  f"{p.follow_every:g}: 0 (never) or at least "
                                  f"{MIN_FOLLOW_EVERY:g} seconds")
            if p.name is not None and not HOOK_NAME.fullmatch(p.name):
                raise ConfigError(f"[[flow_service.platform]] {p.url}: name {p.name!r}: "
                                  "expected letters, digits, '-', '_' (a URL path segment)")
            if p.webhook and not (p.name and p.webhook_key_env):
                raise ConfigError(f"[[flow_service.platform]] {p.url}: webhook = true needs "
                                  "name (the path /v1/hooks/<name>) and webhook_key_env "
                                  "(the variable holding the signingKey)")
            if p.callback_url is not None and not p.callback_url.startswith(
                    ("https://", "http://")):
                raise ConfigError(f"[[flow_service.platform]] {p.url}: callback_url "
                                  f"{p.callback_url!r}: expected an https:// (or http://) URL")
        named = [p.name for p in self.platform if p.name]
        if len(named) != len(set(named)):
            raise ConfigError(f"[[flow_service.platform]] names {named}: each at most once")
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ConfigError("[flow_service] tls_cert and tls_key go together")

    @property
    def scheme(self) -> str:
        return "https" if self.tls_cert else "http"


def platform_for(settings: FlowServiceSettings, url: str) -> Platform | None:
    """The platform settings of a target URL: the longest configured url it starts with."""
    found = [p for p in settings.platform if url.rstrip("/").startswith(p.url.rstrip("/"))]
    return max(found, key=lambda p: len(p.url)) if found else None


def platform_named(settings: FlowServiceSettings, name: str) -> Platform | None:
    return next((p for p in settings.platform if p.name == name), None)
