"""The follow and webhook settings of ``[[flow_service.platform]]`` are checked at load:
a mistake is refused naming the setting, before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from edi.config import ConfigError, load
from edi.flowservice.settings import FlowServiceSettings, platform_named

BASE = '[[flow_service.platform]]\nurl = "https://pa.example"\ntoken_env = "PA_TOKEN"\n'


def _load(tmp_path: Path, text: str) -> FlowServiceSettings:
    (tmp_path / "edi.toml").write_text(text, encoding="utf-8")
    return load(tmp_path / "edi.toml", base_dir=tmp_path).section(FlowServiceSettings)


def test_the_defaults_follow_every_five_minutes_and_receive_no_webhook(tmp_path: Path) -> None:
    (p,) = _load(tmp_path, BASE).platform
    assert p.follow_every == 300.0 and not p.webhook and p.name is None


def test_a_webhook_platform_is_found_by_its_name(tmp_path: Path) -> None:
    conf = _load(tmp_path, BASE + 'name = "pa"\nwebhook = true\nwebhook_key_env = "K"\n'
                 'follow_every = 0\n')
    found = platform_named(conf, "pa")
    assert found is not None and found.webhook and found.follow_every == 0
    assert platform_named(conf, "other") is None


@pytest.mark.parametrize(("extra", "said"), [
    ("webhook = true\n", "webhook = true needs name"),
    ('webhook = true\nname = "pa"\n', "webhook_key_env"),
    ('name = "p/a"\n', "a URL path segment"),
    ("follow_every = 0.1\n", "follow_every 0.1"),
    ("follow_every = -1\n", "is negative"),
    ('callback_url = "ftp://x"\n', "callback_url"),
])
def test_a_wrong_follow_or_webhook_setting_is_refused_naming_it(
        tmp_path: Path, extra: str, said: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, BASE + extra)
    assert said in str(caught.value), caught.value


def test_two_platforms_may_not_share_a_name(tmp_path: Path) -> None:
    twice = BASE + 'name = "pa"\n' + BASE.replace("pa.example", "pb.example") + 'name = "pa"\n'
    with pytest.raises(ConfigError, match="each at most once"):
        _load(tmp_path, twice)
