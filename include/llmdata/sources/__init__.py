"""Source connectors and the source registry."""
