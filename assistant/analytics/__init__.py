"""Analytics answered by code: catalogue, typed plan, bilingual parser, compiler, answer.

Entry point: `assistant.analytics.service.ask(...)`; HTTP: POST /v1/analytics/ask.
"""
