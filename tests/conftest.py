"""Suite-wide settings: offline models, no real model providers, test environment."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", " ")
os.environ["LUA_ENVIRONMENT"] = "test"
# No real model provider may be called from the suite: any non-loopback provider request raises.
os.environ["LUA_ALLOW_REAL_PROVIDERS"] = "0"

import connectors.llm  # noqa: E402  (after the environment above)

connectors.llm.ALLOW_MODEL_REQUESTS = False

pytest_plugins = ["tests.fixtures"]
