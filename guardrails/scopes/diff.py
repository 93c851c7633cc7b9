"""Structural diff of two scope documents, stored with each version and shown in the history."""

from __future__ import annotations

from typing import Any


def structural_diff(before: Any, after: Any, path: str = "") -> list[dict[str, Any]]:
    """Changes from `before` to `after`: one entry per changed leaf; lists of names as added/removed.

    Entries: {"op": "add"|"remove"|"change", "path", "before"?, "after"?, "added"?, "removed"?}.
    Scope documents hold configuration only (names, numbers), so values may appear in the diff.
    """
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[dict[str, Any]] = []
        for key in list(before) + [k for k in after if k not in before]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in after:
                out.append({"op": "remove", "path": sub, "before": before[key]})
            elif key not in before:
                out.append({"op": "add", "path": sub, "after": after[key]})
            else:
                out.extend(structural_diff(before[key], after[key], sub))
        return out
    if isinstance(before, list) and isinstance(after, list) and _scalars(before) and _scalars(after):
        if before == after:
            return []
        added = [x for x in after if x not in before]
        removed = [x for x in before if x not in after]
        if not added and not removed:  # same items, new order
            return [{"op": "change", "path": path, "before": before, "after": after}]
        return [{"op": "change", "path": path, "added": added, "removed": removed}]
    if before != after:
        return [{"op": "change", "path": path, "before": before, "after": after}]
    return []


def _scalars(items: list[Any]) -> bool:
    return all(not isinstance(x, (dict, list)) for x in items)
