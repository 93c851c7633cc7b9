"""The product surface: HTTP API, capabilities, CLI and settings."""

__version__ = "0.1.0"
