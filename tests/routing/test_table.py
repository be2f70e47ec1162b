"""The route table: matching, defaults, named and inline targets, reports to depositors."""

from __future__ import annotations

from pathlib import Path

import pytest

from edi import config
from edi.config import ConfigError, Settings
from edi.model import Document, Flow, FlowStatus, Invoice, Syntax, utcnow
from edi.routing import table
from edi.routing.local import LocalTarget
from edi.routing.sftp import SftpTarget
from tests.sftp.conftest import listing
from tests.sftp.sshd import Sshd


def settings_from(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "edi.toml"
    path.write_text(text)
    return config.load(path, base_dir=tmp_path)


def doc(fmt: Syntax = Syntax.UBL, **invoice: str) -> Document:
    return Document(seq=1, name="a.xml", content=b"<Invoice/>", syntax=fmt,
                    invoice=Invoice(**invoice))  # type: ignore[arg-type]


def flow(interface: str = "inbox", fmt: str | None = "UBL") -> Flow:
    return Flow(flow_id="F20250101T000000000000-abcd", file_name="a.xml", sha256="0" * 64,
                size=10, interface=interface, status=FlowStatus.IN_RECU,
                received_at=utcnow(), format=fmt)


def names(targets: list) -> list[str]:
    return [t.name for t in targets]


def test_no_configuration_sends_everything_to_the_local_outbox(tmp_path: Path) -> None:
    settings = config.load(None, base_dir=tmp_path)
    targets = table.targets_for(doc(), flow(), settings)
    assert len(targets) == 1 and isinstance(targets[0], LocalTarget)
    assert targets[0].folder == tmp_path / "outbox"
    assert table.report_targets_for(flow(), settings) == []
    assert table.targets_for(doc(), flow(), settings)[0] is targets[0]   # cached


ROUTES = """
[routes]
default = ["outbox"]

[[routes.target]]
name = "etat"
url = "sftp://edi@127.0.0.1:2222/depot"
key_file = "keys/etat"
known_hosts = "known_hosts"

[[routes.target]]
name = "archive-client"
url = "exports/client"

[[routes.route]]
name = "state buyers"
match = { buyer_siren = "110000007", format = ["UBL", "cii"] }
targets = ["outbox", "etat"]

[[routes.route]]
name = "one supplier"
match = { supplier = "FR40303265045" }
targets = ["archive-client"]

[[routes.route]]
name = "from acme"
match = { interface = "sftp:acme" }
targets = ["sftp://edi@127.0.0.1:2222/acme-copies"]
reports_to_depositor = true

[routes.sftp]
key_file = "keys/default"
rename = "rename"

[[sftp_intake.partner]]
name = "acme"
url = "sftp://acme@127.0.0.1:2222/out"
reports_folder = "/out/cr"
"""


def test_first_matching_route_wins_else_default(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, ROUTES)
    # SIREN taken from the SIRET when BT-47 is absent; format compared case-blind
    state = doc(buyer_siret="110 000 007 00015")
    assert names(table.targets_for(state, flow(), settings)) == ["outbox", "etat"]
    assert names(table.targets_for(doc(Syntax.CII, buyer_siren="110000007"), flow("inbox", "CII"),
                                   settings)) == ["outbox", "etat"]
    by_vat = doc(seller_vat="FR40303265045", buyer_siren="110000007")
    assert names(table.targets_for(by_vat, flow(), settings)) == ["outbox", "etat"]  # order
    assert names(table.targets_for(doc(seller_vat="FR40303265045"), flow(),
                                   settings)) == ["archive-client"]
    assert names(table.targets_for(doc(buyer_siren="999999999"), flow(), settings)) == ["outbox"]
    acme = table.targets_for(doc(), flow("sftp:acme"), settings)
    assert names(acme) == ["sftp://edi@127.0.0.1:2222/acme-copies"]


def test_targets_are_built_from_their_settings(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, ROUTES)
    etat = table.targets_for(doc(buyer_siren="110000007"), flow(), settings)[1]
    assert isinstance(etat, SftpTarget)
    assert etat.options.key_file == tmp_path / "keys/etat"
    assert etat.options.known_hosts == tmp_path / "known_hosts"
    assert etat.options.rename == "posix"
    inline = table.targets_for(doc(), flow("sftp:acme"), settings)[0]
    assert isinstance(inline, SftpTarget)
    assert (inline.options.key_file, inline.options.rename) == (tmp_path / "keys/default",
                                                                "rename")
    local = table.targets_for(doc(seller_vat="FR40303265045"), flow(), settings)[0]
    assert isinstance(local, LocalTarget) and local.folder == tmp_path / "exports/client"


def test_reports_go_back_to_the_depositor_partner(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, ROUTES)
    [report] = table.report_targets_for(flow("sftp:acme"), settings)
    assert isinstance(report, SftpTarget)
    assert report.location.url == "sftp://acme@127.0.0.1:2222/out/cr"
    assert table.report_targets_for(flow("inbox"), settings) == []


@pytest.mark.parametrize(("snippet", "message"), [
    ('[routes]\ndefault = ["nowhere"]', "unknown target 'nowhere'"),
    ('[[routes.route]]\ntargets = ["sftp://edi:pw@h/x"]', "password"),
    ('[[routes.target]]\nname = "outbox"\nurl = "x/y"', "reserved"),
    ('[[routes.target]]\nname = "t"\nurl = "sftp://e@h/x"\nrename = "mv"', "rename"),
    ('[[routes.route]]\nmatch = { colour = "red" }', "colour"),
    ('[[sftp_intake.partner]]\nname = "p"\nurl = "sftp://e@h/x"\nafter = "move"', "move_to"),
])
def test_configuration_mistakes_are_named(tmp_path: Path, snippet: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):  # refused as soon as it is loaded
        settings_from(tmp_path, snippet)


def test_report_delivered_to_the_partner_folder(sshd: Sshd, remote: Path,
                                                tmp_path: Path) -> None:
    (remote / "cr").mkdir()
    settings = settings_from(tmp_path, f"""
[[routes.route]]
match = {{ interface = "sftp:acme" }}
targets = ["outbox"]
reports_to_depositor = true

[[sftp_intake.partner]]
name = "acme"
url = "{sshd.url(remote)}"
reports_folder = "{remote}/cr"
known_hosts = "{sshd.known_hosts}"
key_file = "{sshd.ed25519.private}"
""")
    try:
        for target in table.report_targets_for(flow("sftp:acme"), settings):
            target.deliver("F1.cr.xml", b"<CompteRendu/>")
    finally:
        table.close_targets()
    assert listing(remote / "cr") == ["F1.cr.xml"]
