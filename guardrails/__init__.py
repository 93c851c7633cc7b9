"""Policy and privacy for the AI layer: scopes, redaction, egress, output checks, audit.

No web framework is imported anywhere below this package.
"""
