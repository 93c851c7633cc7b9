"""Settings fail at start-up with a clear message; production refuses development secrets."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from assistant.settings import Settings


@pytest.mark.parametrize("over,needle", [
    ({"port": 0}, "port"),
    ({"environment": "production"}, "LUA_JWT_SECRET"),
    ({"environment": "production", "jwt_secret": "s" * 40}, "LUA_VAULT_KEY"),
    ({"environment": "production", "jwt_secret": "s" * 40, "vault_key": "v" * 40}, "LUA_AUDIT_KEY"),
    ({"jwt_secret": "short"}, "32"),
    ({"jwt_algorithm": "RS256", "environment": "production", "jwt_secret": "s" * 40}, "RS256"),
    ({"ssl_certfile": "/tmp/cert.pem"}, "LUA_SSL_KEYFILE"),
    ({"llm_provider": "skynet"}, "llm_provider"),
])
def test_bad_settings_are_refused(over, needle):
    with pytest.raises(ValidationError) as exc:
        Settings(**over)
    assert needle in str(exc.value)


def test_cli_stops_with_a_clear_message_on_bad_environment(tmp_path):
    env = {"LUA_PORT": "not-a-port", "LUA_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "migrate"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode != 0
    assert "invalid configuration" in proc.stderr and "port" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_serve_refuses_a_provider_that_trains_on_inputs(tmp_path):
    env = {"LUA_LLM_PROVIDER": "openai_compatible", "LUA_LLM_BASE_URL": "http://127.0.0.1:9/v1",
           "LUA_LLM_MODEL": "m", "LUA_LLM_TRAINS_ON_INPUTS": "yes", "LUA_DATA_DIR": str(tmp_path),
           "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "serve", "--port", "1"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "refusing to start" in proc.stderr
    env.update({"LUA_LLM_TRAINS_ON_INPUTS": "never", "LUA_LLM_REGION": "us"})
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "serve", "--port", "1"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "refusing to start" in proc.stderr
