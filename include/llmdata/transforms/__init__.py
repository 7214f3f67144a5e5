"""Processing stages: extraction, normalisation, deduplication, chunking."""
