"""Authentication: required beyond loopback, enforced whenever configured."""

from __future__ import annotations

import base64

import pytest
from click.testing import CliRunner

from edi.config import ConfigError
from edi.web.settings import (
    BindError,
    Serve,
    check_bind,
    check_password,
    hash_password,
    is_loopback,
    user_table,
)
from tests.web.conftest import http, make_settings, start_server


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("::", False), ("dashboard.local", False)])
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_bind_beyond_loopback_needs_auth(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDI_SERVE_TOKEN", raising=False)
    with pytest.raises(BindError, match="needs authentication"):
        check_bind(Serve(), "0.0.0.0")
    check_bind(Serve(token="s3cret"), "0.0.0.0")
    check_bind(Serve(users=(f"ops:{hash_password('pw', 1000)}",)), "0.0.0.0")
    monkeypatch.setenv("EDI_SERVE_TOKEN", "from-env")
    check_bind(Serve(), "0.0.0.0")


def test_cli_refuses_with_a_clear_message(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edi.commands.serve import command

    monkeypatch.delenv("EDI_SERVE_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(command, ["--host", "0.0.0.0", "--port", "1"])
    assert result.exit_code == 1
    assert "refusing to serve on 0.0.0.0" in result.output and "token" in result.output


def test_passwords_and_user_table() -> None:
    stored = hash_password("correct horse", 1000)
    assert check_password(stored, "correct horse")
    assert not check_password(stored, "wrong")
    assert user_table(Serve(users=(f"ops:{stored}",))) == {"ops": stored}
    with pytest.raises(ConfigError, match="ops"):
        user_table(Serve(users=("ops:plaintext",)))


def test_serve_section_from_toml(tmp_path) -> None:
    settings = make_settings(tmp_path, '[serve]\nport = 9090\ntoken = "t"\n')
    serve = settings.section(Serve)
    assert serve.port == 9090 and serve.host == "127.0.0.1" and serve.auth_required
    with pytest.raises(ConfigError):
        make_settings(tmp_path, '[serve]\nport = "x"\n').section(Serve)


def test_token_and_users_are_enforced(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDI_SERVE_TOKEN", raising=False)
    stored = hash_password("pw", 1000)
    srv = start_server(tmp_path, f'[serve]\ntoken = "tok-123"\nusers = ["ops:{stored}"]\n')
    try:
        url = srv.url
        assert http(f"{url}/api/flows").status == 401
        assert http(f"{url}/metrics").status == 401
        assert http(f"{url}/flows", headers={"Authorization": "Bearer nope"}).status == 401
        assert http(f"{url}/api/flows",
                    headers={"Authorization": "Bearer tok-123"}).status == 200
        basic = base64.b64encode(b"ops:pw").decode()
        assert http(f"{url}/metrics", headers={"Authorization": f"Basic {basic}"}).status == 200
        bad = base64.b64encode(b"ops:nope").decode()
        assert http(f"{url}/flows", headers={"Authorization": f"Basic {bad}"}).status == 401
        # A browser link with ?token= trades it for a cookie and drops it from the URL.
        hop = http(f"{url}/flows?status=IN_REJETE&token=tok-123")
        assert hop.status == 303 and hop.headers["location"] == "/flows?status=IN_REJETE"
        cookie = hop.headers["set-cookie"].split(";")[0]
        assert "httponly" in hop.headers["set-cookie"].lower()
        assert http(f"{url}/flows", headers={"Cookie": cookie}).status == 200
        assert http(f"{url}/health").status in (200, 503)   # open for load balancers
        assert "securitySchemes" in http(f"{url}/openapi.json",
                                         headers={"Cookie": cookie}).text
    finally:
        srv.stop()
        srv.filled.ledger.close()
