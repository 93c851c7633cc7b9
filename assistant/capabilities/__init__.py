"""Capabilities: lead summaries, message drafts, analytics, note search, the chat router."""
