"""SFTP intake: collect flows that partners leave in their folders on an SFTP server.

A remote file is taken only once it is stable (same size and mtime on two polls: a
partner still uploading does not get half-read), downloaded to the work area, and claimed
exactly like an inbox file. Only once the flow is durably recorded is the remote file
deleted (or moved); if we die in between, the same file is seen again, and the ledger
knows it by partner, path and hash (``find_by_source``): it is removed, not taken twice.

Several processes may poll one partner: before downloading a file, a process claims it in
the ledger (``remote_claims``, a lease renewed by its heartbeat); the others leave it
alone, so two processes never both take one file. Each process downloads into a staging
folder of its own (``work/sftp/<partner>/<owner>/``).
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import paramiko

from edi.config import Settings
from edi.durable import fsync_dir
from edi.intake.sftp_settings import Partner, SftpIntakeSettings
from edi.model import Flow
from edi.routing.base import DeliveryError
from edi.routing.sftp import SftpSession

log = logging.getLogger(__name__)

STAGING = "sftp"      # under the work area: same filesystem, so the claim is a rename


class Ledger(Protocol):
    owner: str

    def find_by_source(self, interface: str, source: str, sha256: str) -> Flow | None: ...

    def claim_remote(self, interface: str, source: str) -> bool: ...

    def release_remote(self, interface: str, source: str) -> None: ...

    def remote_owners(self) -> set[str]: ...


Claim = Callable[..., Flow | None]
Signature = tuple[int, int]   # size, mtime


class SftpIntake:
    """Polls each configured partner on its own interval; ``poll()`` returns new flows."""

    def __init__(self, settings: Settings, ledger: Ledger, claim: Claim | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if claim is None:
            from edi.intake.claim import claim_file

            claim = claim_file
        self.settings = settings
        self.config = settings.section(SftpIntakeSettings)
        self.ledger = ledger
        self.claim: Claim = claim
        self.clock = clock
        self.sessions = {p.name: SftpSession(p.url, p.ssh_options(settings), name=p.name)
                         for p in self.config.partner}
        self.seen: dict[str, dict[str, Signature]] = {p.name: {} for p in self.config.partner}
        self.due: dict[str, float] = {p.name: 0.0 for p in self.config.partner}
        self.errors: dict[str, str] = {}   # last failure per partner, for status displays
        self._clear_staging()

    def _clear_staging(self) -> None:
        """Downloads left by a crash are copies: the remote file goes only once recorded.
        Those of a process still downloading (its remote claims live) stay."""
        staging = self.settings.path(self.settings.paths.work) / STAGING
        live = {_folder_name(owner) for owner in self.ledger.remote_owners()}
        for leftover in staging.glob("*/*"):
            if leftover.is_file():   # the layout before per-process staging folders
                leftover.unlink()
            elif leftover.is_dir() and leftover.name not in live:
                for part in leftover.iterdir():
                    part.unlink(missing_ok=True)
                leftover.rmdir()

    def _staging(self, partner: Partner) -> Path:
        return (self.settings.path(self.settings.paths.work) / STAGING / partner.name
                / _folder_name(self.ledger.owner))

    @property
    def partners(self) -> tuple[Partner, ...]:
        return self.config.partner

    def next_due(self) -> float | None:
        """Seconds until the next partner is due, or None without partners."""
        if not self.due:
            return None
        return max(0.0, min(self.due.values()) - self.clock())

    def poll(self, force: bool = False) -> list[Flow]:
        """Poll every partner that is due; one partner's failure does not stop the others."""
        flows: list[Flow] = []
        now = self.clock()
        for partner in self.partners:
            if not force and self.due[partner.name] > now:
                continue
            self.due[partner.name] = now + partner.interval
            try:
                flows.extend(self.poll_partner(partner))
                self.errors.pop(partner.name, None)
            except DeliveryError as exc:
                self.errors[partner.name] = str(exc)
                log.warning("SFTP intake %s: %s", partner.name, exc)
        return flows

    def poll_partner(self, partner: Partner) -> list[Flow]:
        session = self.sessions[partner.name]
        folder = session.location.path
        entries = session.run(f"listing {folder}", lambda sftp: sftp.listdir_attr(folder))
        current: dict[str, Signature] = {}
        for attrs in entries:
            name = attrs.filename
            if (name.startswith(".") or name.endswith(self.config.ignore_suffixes)
                    or not fnmatch.fnmatchcase(name, partner.pattern)
                    or not stat.S_ISREG(attrs.st_mode or 0)):
                continue
            current[name] = (attrs.st_size or 0, attrs.st_mtime or 0)
        before = self.seen[partner.name]
        stable = sorted((sig[1], name) for name, sig in current.items()
                        if before.get(name) == sig)
        self.seen[partner.name] = dict(current)
        flows = []
        for _, name in stable:
            self.seen[partner.name].pop(name, None)
            try:
                flow = self.take(partner, session, name, current[name])
            except DeliveryError as exc:   # the connection is likely gone: next poll
                self.errors[partner.name] = str(exc)
                log.warning("SFTP intake %s: %s", partner.name, exc)
                break
            if flow is not None:
                flows.append(flow)
        return flows

    def take(self, partner: Partner, session: SftpSession, name: str,
             signature: Signature) -> Flow | None:
        """Claim the remote file in the ledger, download, claim the download, and only
        then remove the remote file; None when another process has it."""
        source = session.location.url.rstrip("/") + "/" + name
        interface = partner.interface_name
        if not self.ledger.claim_remote(interface, source):
            log.info("SFTP intake %s: %s is being taken by another process", partner.name,
                     source)
            return None
        try:
            return self._take(partner, session, name, signature, source)
        finally:
            self.ledger.release_remote(interface, source)
            staging = self._staging(partner)   # this process's own: nobody else writes it
            if staging.is_dir() and not any(staging.iterdir()):
                staging.rmdir()

    def _take(self, partner: Partner, session: SftpSession, name: str,
              signature: Signature, source: str) -> Flow | None:
        remote = session.location.join(name)
        staging = self._staging(partner)
        staging.mkdir(parents=True, exist_ok=True)
        part = staging / f"{name}.part"
        try:
            digest = self._download(session, remote, part, signature)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        if digest is None:   # changed while we read it: wait for it to settle again
            part.unlink(missing_ok=True)
            return None
        interface = partner.interface_name
        earlier = self.ledger.find_by_source(interface, source, digest)
        if earlier is not None:
            # recorded before a crash or a failed removal: finish the job, no second flow
            part.unlink(missing_ok=True)
            log.info("SFTP intake %s: %s is flow %s already; removing it remotely",
                     partner.name, remote, earlier.flow_id)
            self._done_remotely(partner, session, remote, name)
            return None
        local = staging / name
        os.replace(part, local)
        fsync_dir(staging)
        flow = self.claim(local, interface=interface, source=source, ledger=self.ledger,
                          settings=self.settings)
        if flow is None:
            return None
        log.info("SFTP intake %s: %s received as flow %s", partner.name, remote, flow.flow_id)
        try:
            self._done_remotely(partner, session, remote, name)
        except DeliveryError as exc:
            # the flow is safe with us; the next poll finds it by source and retries this
            log.warning("SFTP intake %s: flow %s recorded, but %s", partner.name,
                        flow.flow_id, exc)
        return flow

    def _download(self, session: SftpSession, remote: str, part: Path,
                  signature: Signature) -> str | None:
        """The file's SHA-256 once it is on our disk, or None if it moved meanwhile."""

        def fetch(sftp: paramiko.SFTPClient) -> str | None:
            h = hashlib.sha256()
            size = 0
            try:
                src_file = sftp.open(remote, "rb")
            except FileNotFoundError:
                # listed, then taken by another process (it removes the file before it
                # releases its claim): nothing to take, and no reason to stop this poll
                log.info("%s is gone since the listing: taken by another process", remote)
                return None
            with src_file as src, open(part, "wb") as dst:
                src.prefetch(signature[0])
                while chunk := src.read(1 << 20):
                    h.update(chunk)
                    dst.write(chunk)
                    size += len(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            after = sftp.stat(remote)
            if (size, after.st_size, after.st_mtime) != (signature[0],) + signature:
                log.info("%s changed while downloading; waiting for it to settle", remote)
                return None
            return h.hexdigest()

        return session.run(f"downloading {remote}", fetch)

    def _done_remotely(self, partner: Partner, session: SftpSession, remote: str,
                       name: str) -> None:
        dest = f"{partner.move_to.rstrip('/')}/{name}"

        def finish(sftp: paramiko.SFTPClient) -> None:
            try:
                if partner.after == "delete":
                    sftp.remove(remote)
                elif partner.rename == "posix":
                    sftp.posix_rename(remote, dest)
                else:
                    sftp.rename(remote, dest)
            except FileNotFoundError:
                # gone already (an earlier try whose reply was lost) is fine; a missing
                # move_to folder is not
                if _exists(sftp, remote):
                    raise

        doing = f"removing {remote}" if partner.after == "delete" else \
            f"moving {remote} to {dest}"
        session.run(doing, finish)

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()


def _folder_name(owner: str) -> str:
    """A process's staging folder name (its ledger owner, as a file name)."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in owner)


def _exists(sftp: paramiko.SFTPClient, path: str) -> bool:
    try:
        sftp.stat(path)
    except FileNotFoundError:
        return False
    return True


class SftpSource:
    """The partners' SFTP folders as one intake source (``edi.intake.sources``)."""

    name = "sftp"

    def __init__(self, intake: SftpIntake) -> None:
        self.intake = intake

    def batches(self, claim: Callable[..., list[Flow]],
                stop_requested: Callable[[], bool]) -> Iterator[tuple[list[Flow], int]]:
        if stop_requested():
            return
        flows = self.intake.poll()   # claimed one by one as downloaded
        yield flows, len(flows)

    def next_due(self) -> float | None:
        return self.intake.next_due()

    def hint(self, wake: threading.Event) -> None:
        return None   # polled on each partner's interval

    def close(self) -> None:
        self.intake.close()


def open_sftp(settings: Settings, ledger: Ledger) -> SftpSource | None:
    """The partners' SFTP folders, polled on their own schedules, when any is configured."""
    if not settings.section(SftpIntakeSettings).partner:
        return None
    return SftpSource(SftpIntake(settings, ledger))
