"""Data-subject rights for the AI layer: access/export, erasure, restriction, rectification."""

from guardrails.subjects.profile import SubjectProfile, load_profile
from guardrails.subjects.restriction import lift_restriction, restrict, restricted_contact_ids
from guardrails.subjects.stores import SubjectStore, default_stores

__all__ = [
    "SubjectProfile",
    "SubjectStore",
    "default_stores",
    "lift_restriction",
    "load_profile",
    "restrict",
    "restricted_contact_ids",
]
