"""The policy verdict and the built-in policy.

`decide()` returns a frozen `Decision` carrying its reason and policy id, so a refusal can be
shown to the user and written to the audit record. An unknown capability or role is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guardrails.principal import Principal

CAPABILITIES = ("lead_summary", "message_draft", "analytics", "note_search", "chat")

# Built-in defaults, used until a tenant defines its own scope version.
BUILTIN_ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    "sales_rep": frozenset({"lead_summary", "message_draft", "note_search", "chat"}),
    "manager": frozenset({"lead_summary", "message_draft", "analytics", "note_search", "chat"}),
    "admin": frozenset({"lead_summary", "message_draft", "analytics", "note_search", "chat"}),
}

REFUSAL_TEXT = {
    "en": "Your organisation has not enabled {capability} for the {role} role.",
    "ar": "لم تقم مؤسستك بتفعيل {capability} لدور {role}.",
}
CAPABILITY_NAMES = {
    "en": {"lead_summary": "lead summaries", "message_draft": "message drafting",
           "analytics": "analytics questions", "note_search": "note search", "chat": "the assistant chat"},
    "ar": {"lead_summary": "ملخصات العملاء المحتملين", "message_draft": "صياغة الرسائل",
           "analytics": "أسئلة التحليلات", "note_search": "البحث في الملاحظات", "chat": "محادثة المساعد"},
}
ROLE_NAMES = {
    "en": {"sales_rep": "sales rep", "manager": "manager", "admin": "admin"},
    "ar": {"sales_rep": "مندوب المبيعات", "manager": "المدير", "admin": "المسؤول"},
}


@dataclass(frozen=True, slots=True)
class Task:
    """What a request wants to do. Only `capability` is required; every other part, when given,
    is checked against the scope too (an unknown or unlisted name is refused)."""

    capability: str
    lead_id: int | None = None
    entities: tuple[str, ...] = ()  # "contact", "activity", ...
    fields: tuple[str, ...] = ()  # "contact.email", ... fields the request needs explicitly
    channel: str | None = None  # message_draft: email | whatsapp | sms
    metrics: tuple[str, ...] = ()  # analytics
    dimensions: tuple[str, ...] = ()
    records: int | None = None  # how many records the request would touch, when known
    provider: str | None = None  # a tenant-chosen provider name, when known


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: str
    policy_id: str
    scope_version: int = 0
    messages: dict[str, str] = field(default_factory=dict)  # user-facing reason by language

    def message(self, language: str) -> str:
        return self.messages.get(language) or self.messages.get("en") or self.reason


def decide(principal: Principal, task: Task) -> Decision:
    """The built-in policy: capability enabled for the role, deny by default."""
    if task.capability not in CAPABILITIES:
        return Decision(False, "unknown capability", "builtin.unknown_capability",
                        messages={"en": "This capability does not exist.", "ar": "هذه الإمكانية غير موجودة."})
    allowed = BUILTIN_ROLE_CAPABILITIES.get(principal.role, frozenset())
    if task.capability not in allowed:
        return Decision(
            False, f"{task.capability} not enabled for role {principal.role}", "builtin.role_capability",
            messages={
                lang: REFUSAL_TEXT[lang].format(
                    capability=CAPABILITY_NAMES[lang][task.capability],
                    role=ROLE_NAMES[lang].get(principal.role, principal.role),
                )
                for lang in REFUSAL_TEXT
            },
        )
    return Decision(True, "capability enabled for role", "builtin.role_capability")
