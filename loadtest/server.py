"""The service as `make load` runs it: the real app (`create_app`, with its rate limits, abuse guard,
security headers and spooling audit sink) and the fake model provider, on 127.0.0.1. The load
runner sizes the rate-limit budgets through LUA_RATE_* so that the walls stay on but 50 sessions
fit in them."""

from __future__ import annotations

import argparse
import logging

import uvicorn

from assistant.api.app import create_app
from assistant.settings import Settings


def build_app(settings: Settings):
    return create_app(settings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    settings = Settings()
    uvicorn.run(build_app(settings), host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
