"""Start-up checks: a bad configuration stops the service before it serves anything."""

from __future__ import annotations

from assistant.settings import Settings


class StartupError(SystemExit):
    pass


def check_startup(settings: Settings) -> None:
    """Refuse to start with a provider that could train on data or leaves the allowed regions,
    or with a local model file that is missing."""
    from assistant.llm_factory import check_llm_settings
    from guardrails.egress.errors import ProviderConfigError

    try:
        check_llm_settings(settings)
    except ProviderConfigError as exc:
        raise StartupError(f"refusing to start: {exc}") from None
    if settings.llm_provider == "local" and not settings.llm_model_path.is_file():
        raise StartupError(
            f"refusing to start: the local model file is missing ({settings.llm_model_path}); "
            "run `make install` (it assembles the model) or set LUA_LLM_MODEL_PATH"
        )
