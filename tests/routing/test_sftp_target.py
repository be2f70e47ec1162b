"""SftpTarget against a real OpenSSH server: delivery, and every fault a partner's server
can throw at us. After each fault the remote folder must hold exactly the files that were
accepted, each once, and no leftovers under a final name.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import paramiko
import pytest

from edi.routing.base import DeliveryError
from edi.routing.sftp import SftpLocation
from tests.sftp.conftest import TargetFactory, listing
from tests.sftp.sshd import Sshd, write_key

INVOICE = b"<Invoice>F-2024-001</Invoice>\n"


def sftp_log(server: Sshd, since: int = 0) -> str:
    return server.log.read_text(errors="replace")[since:]


# -- delivery -----------------------------------------------------------------------------

def test_delivers_under_a_temporary_name_then_renames(
        remote: Path, make_target: TargetFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    real = paramiko.SFTPClient.posix_rename

    def watch(self: paramiko.SFTPClient, old: str, new: str) -> None:
        seen.append(listing(remote))   # what the partner could see just before the rename
        assert (old, new) == (f"{remote}/.F1_A-001.xml.part", f"{remote}/F1_A-001.xml")
        assert Path(old).read_bytes() == INVOICE
        real(self, old, new)

    monkeypatch.setattr(paramiko.SFTPClient, "posix_rename", watch)
    make_target().deliver("F1_A-001.xml", INVOICE)
    assert seen == [[".F1_A-001.xml.part"]]
    assert listing(remote) == ["F1_A-001.xml"]
    assert (remote / "F1_A-001.xml").read_bytes() == INVOICE


def test_redelivery_overwrites_instead_of_duplicating(remote: Path,
                                                      make_target: TargetFactory) -> None:
    target = make_target()
    assert not target.exists("F1_A-001.xml")
    target.deliver("F1_A-001.xml", INVOICE)
    assert target.exists("F1_A-001.xml")
    target.deliver("F1_A-001.xml", INVOICE)
    assert listing(remote) == ["F1_A-001.xml"]


@pytest.mark.parametrize("mode", ["rename", "direct"])
def test_other_rename_modes(mode: str, remote: Path, make_target: TargetFactory,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    for method in ("posix_rename", "rename"):
        real = getattr(paramiko.SFTPClient, method)

        def spy(self: paramiko.SFTPClient, old: str, new: str, real=real,
                method=method) -> None:
            calls.append(method)
            real(self, old, new)

        monkeypatch.setattr(paramiko.SFTPClient, method, spy)
    target = make_target(rename=mode)
    target.deliver("F2_B.xml", INVOICE)
    target.deliver("F2_B.xml", INVOICE)  # plain rename refuses to overwrite: must cope
    assert listing(remote) == ["F2_B.xml"]
    assert (remote / "F2_B.xml").read_bytes() == INVOICE
    assert calls == (["rename", "rename"] if mode == "rename" else [])


def test_one_connection_per_thread_reused(sshd: Sshd, remote: Path,
                                          make_target: TargetFactory) -> None:
    target = make_target()
    mark = len(sftp_log(sshd))

    def send(t: int) -> None:
        for i in range(10):
            target.deliver(f"F{t}_{i:02d}.xml", INVOICE)

    threads = [threading.Thread(target=send, args=(t,)) for t in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(listing(remote)) == 30
    assert sftp_log(sshd, mark).count("Accepted publickey") == 3


def test_rsa_key_with_passphrase_from_env_or_file(sshd: Sshd, remote: Path, tmp_path: Path,
                                                  make_target: TargetFactory,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    key = write_key(tmp_path / "rsa_enc", "rsa", passphrase="s3cret phrase")
    sshd.authorized.write_text(sshd.authorized.read_text() + key.public_line + "\n")
    monkeypatch.setenv("EDI_TEST_PASSPHRASE", "s3cret phrase")
    make_target(key_file=key.private, passphrase_env="EDI_TEST_PASSPHRASE").deliver(
        "a.xml", INVOICE)
    secret = tmp_path / "passphrase"
    secret.write_text("s3cret phrase\n")
    make_target(key_file=key.private, passphrase_file=secret).deliver("b.xml", INVOICE)
    make_target(key_file=sshd.rsa.private).deliver("c.xml", INVOICE)
    assert listing(remote) == ["a.xml", "b.xml", "c.xml"]

    monkeypatch.delenv("EDI_TEST_PASSPHRASE")
    with pytest.raises(DeliveryError, match="EDI_TEST_PASSPHRASE.*not set") as err:
        make_target(key_file=key.private, passphrase_env="EDI_TEST_PASSPHRASE").deliver(
            "d.xml", INVOICE)
    assert not err.value.transient
    secret.write_text("wrong\n")
    with pytest.raises(DeliveryError, match="cannot load key") as err:
        make_target(key_file=key.private, passphrase_file=secret).deliver("d.xml", INVOICE)
    assert not err.value.transient
    assert listing(remote) == ["a.xml", "b.xml", "c.xml"]


def test_url_parsing_refuses_passwords() -> None:
    loc = SftpLocation.parse("sftp://edi@partner.example:2222/in/factures")
    assert (loc.user, loc.host, loc.port, loc.path) == ("edi", "partner.example", 2222,
                                                        "/in/factures")
    assert loc.host_key_name == "[partner.example]:2222"
    assert SftpLocation.parse("sftp://edi@h/~/in").path == "in"
    assert SftpLocation.parse("sftp://edi@h/").port == 22
    with pytest.raises(Exception, match="password"):
        SftpLocation.parse("sftp://edi:hunter2@h/in")


# -- the server goes away -----------------------------------------------------------------

def test_server_down_at_start_then_back(own_sshd: Sshd, remote: Path,
                                        make_target: TargetFactory) -> None:
    own_sshd.stop()
    target = make_target(own_sshd)
    with pytest.raises(DeliveryError, match="cannot connect") as err:
        target.deliver("F3.xml", INVOICE)
    assert err.value.transient and not err.value.uncertain
    assert listing(remote) == []
    own_sshd.start()
    target.deliver("F3.xml", INVOICE)
    assert listing(remote) == ["F3.xml"]


def test_idle_connection_killed_is_replaced_silently(own_sshd: Sshd, remote: Path,
                                                     make_target: TargetFactory) -> None:
    target = make_target(own_sshd)
    target.deliver("F4_1.xml", INVOICE)
    assert own_sshd.kill_sessions() > 0
    time.sleep(0.2)
    assert not target.exists("nothing.xml")   # reconnects once, the operation is repeatable
    target.deliver("F4_2.xml", INVOICE)       # same for the first step of an upload
    assert listing(remote) == ["F4_1.xml", "F4_2.xml"]


def test_connection_killed_mid_upload_then_retry(own_sshd: Sshd, remote: Path,
                                                 make_target: TargetFactory) -> None:
    target = make_target(own_sshd)
    content = os.urandom(64 * 1024 * 1024)
    errors: list[BaseException] = []

    def upload() -> None:
        try:
            target.deliver("F5_big.xml", content)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    worker = threading.Thread(target=upload)
    worker.start()
    part = remote / ".F5_big.xml.part"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (part.exists() and part.stat().st_size > 1 << 20):
        time.sleep(0.005)
    assert part.exists(), "the upload never started"
    assert part.stat().st_size < len(content), "the upload finished before the kill"
    own_sshd.kill_sessions()
    worker.join(30)
    assert len(errors) == 1 and isinstance(errors[0], DeliveryError), errors
    assert errors[0].transient and not errors[0].uncertain
    assert not (remote / "F5_big.xml").exists()   # nothing under the final name

    assert not target.exists("F5_big.xml")
    target.deliver("F5_big.xml", content)
    assert listing(remote) == ["F5_big.xml"]
    assert (remote / "F5_big.xml").read_bytes() == content


def _sessions_signal(server: Sshd, sig: int) -> None:
    for pid in server.children():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def test_server_hangs_on_rename_is_uncertain(own_sshd: Sshd, remote: Path,
                                             make_target: TargetFactory,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The rename was sent and no answer came: the retry must look before sending."""
    target = make_target(own_sshd, timeout=1.0)
    real = paramiko.SFTPClient.posix_rename

    def freeze_then_rename(self: paramiko.SFTPClient, old: str, new: str) -> None:
        _sessions_signal(own_sshd, signal.SIGSTOP)   # a real hang: the server stops dead
        real(self, old, new)

    monkeypatch.setattr(paramiko.SFTPClient, "posix_rename", freeze_then_rename)
    with pytest.raises(DeliveryError) as err:
        target.deliver("F6.xml", INVOICE)
    assert err.value.transient and err.value.uncertain
    monkeypatch.setattr(paramiko.SFTPClient, "posix_rename", real)
    own_sshd.kill_sessions()   # the frozen session dies; its rename never ran
    assert not target.exists("F6.xml")
    target.deliver("F6.xml", INVOICE)
    assert listing(remote) == ["F6.xml"]


def test_connection_lost_after_rename_is_uncertain_and_exists_tells(
        own_sshd: Sshd, remote: Path, make_target: TargetFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Mocked in part: the reply to a rename cannot be lost on cue otherwise."""
    target = make_target(own_sshd)
    real = paramiko.SFTPClient.posix_rename

    def rename_then_drop(self: paramiko.SFTPClient, old: str, new: str) -> None:
        real(self, old, new)
        own_sshd.kill_sessions()
        raise paramiko.SSHException("Server connection dropped: ")

    monkeypatch.setattr(paramiko.SFTPClient, "posix_rename", rename_then_drop)
    with pytest.raises(DeliveryError) as err:
        target.deliver("F7.xml", INVOICE)
    assert err.value.transient and err.value.uncertain
    monkeypatch.setattr(paramiko.SFTPClient, "posix_rename", real)
    assert target.exists("F7.xml")        # so the pipeline does not send it again
    assert listing(remote) == ["F7.xml"]


# -- refusals that waiting will not cure ---------------------------------------------------

@pytest.fixture
def read_only_folder(remote: Path) -> Path:
    """A folder the login user may not write: chmod for a normal user; for root, whom
    permissions do not stop, the immutable attribute (EPERM, same SFTP status)."""
    folder = remote / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        result = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"root, and chattr +i is refused here: {result.stderr.strip()}")
        yield folder
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def test_permission_denied_is_not_transient(remote: Path, read_only_folder: Path,
                                            make_target: TargetFactory) -> None:
    target = make_target(folder=read_only_folder)
    with pytest.raises(DeliveryError, match="permission denied") as err:
        target.deliver("F8.xml", INVOICE)
    assert not err.value.transient
    assert listing(read_only_folder) == []
    make_target().deliver("F8.xml", INVOICE)  # the same server, a writable folder
    assert listing(remote) == ["F8.xml", "locked"]


def test_missing_folder_is_not_transient(remote: Path, make_target: TargetFactory) -> None:
    with pytest.raises(DeliveryError, match="no such file") as err:
        make_target(folder=remote / "absent").deliver("F9.xml", INVOICE)
    assert not err.value.transient


def test_unknown_host_is_refused_unless_recording_is_configured(
        sshd: Sshd, remote: Path, tmp_path: Path, make_target: TargetFactory) -> None:
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    with pytest.raises(DeliveryError, match=r"unknown host \[127.0.0.1\]:\d+ "
                                            r"\(ssh-ed25519 key SHA256:") as err:
        make_target(known_hosts=empty).deliver("F10.xml", INVOICE)
    assert not err.value.transient
    with pytest.raises(DeliveryError, match="does not exist"):
        make_target(known_hosts=tmp_path / "missing").deliver("F10.xml", INVOICE)
    assert listing(remote) == []

    make_target(known_hosts=empty, accept_unknown_host=True).deliver("F10.xml", INVOICE)
    assert sshd.host_key.public_line.split()[1] in empty.read_text()
    make_target(known_hosts=empty).deliver("F11.xml", INVOICE)  # now known: trusted
    assert listing(remote) == ["F10.xml", "F11.xml"]


def test_changed_host_key_is_refused_even_with_recording(
        sshd: Sshd, remote: Path, tmp_path: Path, make_target: TargetFactory) -> None:
    impostor = write_key(tmp_path / "other_host_key")
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{sshd.port} {impostor.public_line}\n")
    for accept in (False, True):
        with pytest.raises(DeliveryError, match="CHANGED") as err:
            make_target(known_hosts=known, accept_unknown_host=accept).deliver("F12.xml",
                                                                              INVOICE)
        assert not err.value.transient
        assert re.search(r"expects ssh-ed25519 SHA256:\S+", str(err.value))
    assert listing(remote) == []


def test_wrong_credentials(remote: Path, tmp_path: Path, make_target: TargetFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    stranger = write_key(tmp_path / "stranger")
    with pytest.raises(DeliveryError, match="authentication failed") as err:
        make_target(key_file=stranger.private).deliver("F13.xml", INVOICE)
    assert not err.value.transient
    monkeypatch.setenv("EDI_TEST_PASSWORD", "guess")
    with pytest.raises(DeliveryError, match="authentication failed") as err:
        make_target(key_file=None, password_env="EDI_TEST_PASSWORD").deliver("F13.xml",
                                                                            INVOICE)
    assert not err.value.transient
    assert listing(remote) == []


# -- the partner's disk is full ------------------------------------------------------------

def test_remote_disk_full_is_transient_and_leaves_nothing(
        tiny_disk: Path, make_target: TargetFactory) -> None:
    target = make_target(folder=tiny_disk)
    target.deliver("F14_small.xml", INVOICE)
    with pytest.raises(DeliveryError, match="failed writing") as err:
        target.deliver("F14_big.xml", os.urandom(2 * 1024 * 1024))
    assert err.value.transient and not err.value.uncertain
    assert listing(tiny_disk) == ["F14_small.xml"]   # no partial file, not even the .part
    target.deliver("F14_next.xml", INVOICE)           # the space came back
    assert listing(tiny_disk) == ["F14_next.xml", "F14_small.xml"]
