"""The Flow Service's HTTP server (uvicorn in a thread of the processor), and its
webhook dispatcher beside it."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from edi.config import ConfigError, Settings
from edi.flowservice.settings import FlowServiceSettings

if TYPE_CHECKING:
    from edi.intake.api import ApiIntake
    from edi.ledger import Ledger


class Server:
    def __init__(self, settings: Settings, ledger: Ledger, intake: ApiIntake) -> None:
        from edi.web.settings import is_loopback

        self.fs = settings.section(FlowServiceSettings)
        if not is_loopback(self.fs.host) and self.fs.tls_cert is None:
            raise ConfigError(f"[flow_service] host {self.fs.host}: beyond loopback the Flow "
                              "Service needs TLS (tls_cert, tls_key)")
        self.settings = settings
        self.ledger = ledger
        self.intake = intake
        self.port: int | None = None
        self._server: object | None = None
        self._thread: threading.Thread | None = None
        self.dispatcher: object | None = None

    @property
    def url(self) -> str:
        return f"{self.fs.scheme}://{self.fs.host}:{self.port}"

    def start(self) -> None:
        import uvicorn

        from edi.flowservice.app import create_app
        from edi.flowservice.webhooks import Dispatcher

        app = create_app(self.settings, self.ledger, self.intake)
        config = uvicorn.Config(
            app, host=self.fs.host, port=self.fs.port, log_level="warning", lifespan="off",
            access_log=False, timeout_keep_alive=30,
            ssl_certfile=str(self.settings.path(self.fs.tls_cert)) if self.fs.tls_cert else None,
            ssl_keyfile=str(self.settings.path(self.fs.tls_key)) if self.fs.tls_key else None)
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, name="edi-flow-service", daemon=True)
        thread.start()
        while not server.started:
            if not thread.is_alive():   # uvicorn said why in the log (bind, TLS files)
                raise ConfigError(f"[flow_service] the Flow Service could not listen on "
                                  f"{self.fs.host}:{self.fs.port} (address in use, or "
                                  f"tls_cert/tls_key unreadable)")
            time.sleep(0.02)
        self.port = server.servers[0].sockets[0].getsockname()[1]
        self._server, self._thread = server, thread
        dispatcher = Dispatcher(self.settings, self.ledger)
        dispatcher.start()
        self.dispatcher = dispatcher

    def stop(self) -> None:
        from edi.flowservice.webhooks import Dispatcher

        if isinstance(self.dispatcher, Dispatcher):
            self.dispatcher.stop()
        server = self._server
        if server is not None:
            server.should_exit = True  # type: ignore[attr-defined]
        if self._thread is not None:
            self._thread.join(timeout=10)
