"""Settings of ``edi serve`` (TOML table ``[serve]``).

Authentication is off by default because the default bind is loopback; binding anywhere
else without a token or users is refused (see ``check_bind``), so a dashboard showing
SIRETs and invoice numbers is never exposed by accident.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
from dataclasses import dataclass
from typing import ClassVar

from edi.config import Bound, section

TOKEN_ENV = "EDI_SERVE_TOKEN"
_SCHEME = "pbkdf2_sha256"


@section("serve")
@dataclass(frozen=True)
class Serve:
    host: str = "127.0.0.1"
    port: int = 8080
    token: str | None = None            # bearer token; $EDI_SERVE_TOKEN overrides it
    users: tuple[str, ...] = ()         # "name:pbkdf2_sha256$iterations$salt$hash"
    health_max_scan_age: float = 30.0   # seconds since the watcher's last scan for /health
    page_size: int = 50                 # flows per page in the list
    poll_seconds: float = 3.0           # how often the list page asks for new flows

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "port": Bound(1, 65535, what="a TCP port"),
        "page_size": Bound(1, 500, what="a number of flows"),     # the API's largest page
        "poll_seconds": Bound(0.1, what="a duration in seconds"),
        "health_max_scan_age": Bound(0, what="a duration in seconds", strict=True),
    }

    def __post_init__(self) -> None:
        user_table(self)  # a malformed user is refused at start-up, not at first login

    @property
    def effective_token(self) -> str | None:
        return os.environ.get(TOKEN_ENV) or self.token or None

    @property
    def auth_required(self) -> bool:
        return bool(self.effective_token or self.users)


class BindError(Exception):
    """Refusal to serve the dashboard beyond loopback without authentication."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, treat it as exposed


def check_bind(serve: Serve, host: str) -> None:
    """Refuse a non-loopback bind unless a token or users are configured."""
    if not is_loopback(host) and not serve.auth_required:
        raise BindError(
            f"refusing to serve on {host}: beyond loopback the dashboard needs "
            f"authentication; set [serve] token (or ${TOKEN_ENV}) or [serve] users "
            f"(\"name:<hash>\", hash made by `edi serve --hash-password`), "
            f"or bind to 127.0.0.1")


def hash_password(password: str, iterations: int = 200_000) -> str:
    salt = secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"{_SCHEME}${iterations}${salt}${digest.hex()}"


def check_password(stored: str, password: str) -> bool:
    try:
        scheme, iterations, salt, expected = stored.split("$")
    except ValueError:
        return False
    if scheme != _SCHEME:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), int(iterations))
    return hmac.compare_digest(digest.hex(), expected)


def user_table(serve: Serve) -> dict[str, str]:
    """name -> stored hash; a malformed entry is a configuration error, not a silent skip."""
    from edi.config import ConfigError

    table: dict[str, str] = {}
    for entry in serve.users:
        name, sep, stored = entry.partition(":")
        if not sep or not name or not stored.startswith(_SCHEME + "$"):
            raise ConfigError(
                f"[serve] users: {entry.split(':')[0]!r} must be \"name:{_SCHEME}$...\" "
                f"(made by `edi serve --hash-password`)")
        table[name] = stored
    return table
