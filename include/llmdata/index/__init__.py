"""The RAG index: embedding and the Qdrant collection."""
