"""The outside world behind small interfaces: CRM data, vectors, embeddings, chat models."""
