"""Chat conversations: ids bound to (tenant, user), turns stored redacted with their vault."""

from assistant.conversations.store import ConversationStore, StoredTurn, new_conversation_id, vault_id

__all__ = ["ConversationStore", "StoredTurn", "new_conversation_id", "vault_id"]
