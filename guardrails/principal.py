"""Who is asking: the authenticated principal, built from a verified token only."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("sales_rep", "manager", "admin")


@dataclass(frozen=True, slots=True)
class Principal:
    tenant_id: int
    tenant_slug: str
    user_id: int
    role: str
    branch_ids: frozenset[int]
    language: str = "en"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"
