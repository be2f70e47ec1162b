"""Who calls the Flow Service: bearer tokens, as its ``securitySchemes`` say.

Two ways to a token, both giving ``Authorization: Bearer <token>``:

- a static token per client, read from the environment variable its ``token_env`` names
  (and ``$EDI_API_TOKEN``: client ``env``, every structure's rights);
- OAuth2 client credentials: ``POST /v1/token`` with ``grant_type=client_credentials`` and
  the client's id and secret (form fields or HTTP Basic) answers an access token valid
  ``token_ttl`` seconds. The token is ``<client>.<expiry>.<HMAC-SHA-256 of both under the
  client's secret>``: nothing to store, still valid after a restart, void once the
  secret changes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from dataclasses import dataclass

from edi.flowservice.settings import ENV_CLIENT, ENV_TOKEN, Client, FlowServiceSettings


@dataclass(frozen=True)
class Caller:
    """An authenticated client: its name and which structures' flows it may see."""

    name: str
    structures: tuple[str, ...] = ()
    every_structure: bool = False

    def may_act_for(self, organization: str | None) -> bool:
        """Whether ``Organization-Id`` (a SIREN or SIRET) is one of this caller's."""
        if organization is None or self.every_structure:
            return True
        return organization[:9] in self.structures


class AuthError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _secret(name: str | None) -> str | None:
    return os.environ.get(name) or None if name else None


class Authenticator:
    def __init__(self, settings: FlowServiceSettings) -> None:
        self.settings = settings
        self.clients = {c.name: c for c in settings.client}

    def caller(self, authorization: str | None) -> Caller:
        """The caller an ``Authorization`` header proves, or AuthError."""
        if not authorization:
            raise AuthError("MISSING_TOKEN", "no Authorization header; expected "
                            "'Bearer <token>'")
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthError("INVALID_TOKEN", f"Authorization scheme {scheme!r}; expected "
                            "'Bearer <token>'")
        env = os.environ.get(ENV_TOKEN)
        if env and hmac.compare_digest(token.encode(), env.encode()):
            return Caller(ENV_CLIENT, every_structure=True)
        for client in self.clients.values():
            static = _secret(client.token_env)
            if static and hmac.compare_digest(token.encode(), static.encode()):
                return _caller(client)
        signed = self._signed(token)
        if signed is None:
            raise AuthError("INVALID_TOKEN", "the bearer token is unknown or expired")
        return _caller(signed)

    def issue(self, client_id: str, secret: str) -> tuple[str, int]:
        """An access token for the client credentials, and its lifetime in seconds."""
        client = self.clients.get(client_id)
        expected = _secret(client.secret_env) if client else None
        if client is None or expected is None or not hmac.compare_digest(
                secret.encode(), expected.encode()):
            raise AuthError("invalid_client", "unknown client or wrong secret")
        ttl = int(self.settings.token_ttl)
        expiry = int(time.time()) + ttl
        return f"{client.name}.{expiry}.{_mac(expected, client.name, expiry)}", ttl

    def _signed(self, token: str) -> Client | None:
        head, _, mac = token.rpartition(".")
        name, _, expiry = head.rpartition(".")
        client = self.clients.get(name)
        secret = _secret(client.secret_env) if client else None
        if client is None or secret is None or not expiry.isdigit():
            return None
        if int(expiry) < time.time():
            return None
        if not hmac.compare_digest(mac, _mac(secret, name, int(expiry))):
            return None
        return client


def _mac(secret: str, name: str, expiry: int) -> str:
    digest = hmac.new(secret.encode(), f"{name}.{expiry}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _caller(client: Client) -> Caller:
    return Caller(client.name, tuple(client.structures))


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """(id, secret) from ``Authorization: Basic ...`` (RFC 6749 section 2.3.1)."""
    if not authorization or not authorization.lower().startswith("basic "):
        return None
    try:
        raw = base64.b64decode(authorization[6:].strip(), validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    client_id, sep, secret = raw.partition(":")
    return (client_id, secret) if sep else None
