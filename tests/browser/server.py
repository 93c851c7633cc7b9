"""The real app on loopback for browser tests: uvicorn in a thread, tiny CRM, the fake model."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from tests.fixtures import TinyCrm, build_tiny_crm, make_settings, shared_redactor, summary_reply


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fake_reply(request) -> str:
    """Summaries get the JSON the summary capability expects; anything else a short plain answer."""
    text = request.text
    if "needs" in text and "blockers" in text:
        return summary_reply(request)
    return "Thanks for your time today. Following up on our conversation about the renewal offer."


@dataclass
class LiveApp:
    base_url: str
    crm: TinyCrm
    settings: object
    services: object
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_app(tmp: Path, **settings_over) -> LiveApp:
    from assistant.api.app import create_app
    from assistant.llm_factory import build_egress_guard
    from assistant.services import build_services
    from connectors.llm.fake import FakeChatModel

    crm = build_tiny_crm(f"sqlite:///{tmp / 'lua.sqlite3'}")
    settings = make_settings(tmp, database_url=crm.url, **settings_over)
    services = build_services(settings)
    fake = FakeChatModel(script=[fake_reply], repeat_last=True)
    services.redactor_factory = shared_redactor
    services.egress_factory = lambda: build_egress_guard(settings, models={"fake": fake})
    services.fake_model = fake  # type: ignore[attr-defined]
    app = create_app(settings, services=services)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-browser-tests", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    return LiveApp(base_url=f"http://127.0.0.1:{port}", crm=crm, settings=settings, services=services,
                   server=server, thread=thread)
