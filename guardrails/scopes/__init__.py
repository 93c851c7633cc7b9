"""AI scopes: what the AI may read and do for a principal. Deny by default.

`ScopeEngine(factory).decide(principal, task)` → (Decision, DataScope) under the tenant's
current scope version; the built-in `decide` stays for callers not yet switched.
"""

from guardrails.scopes.datascope import DataScope, default_fields
from guardrails.scopes.decision import CAPABILITIES, Decision, Task, decide
from guardrails.scopes.engine import ScopeEngine

__all__ = ["CAPABILITIES", "DataScope", "Decision", "ScopeEngine", "Task", "decide", "default_fields"]
