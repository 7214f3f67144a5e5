"""Source connectors (files, S3, HTTP APIs, SQL, installed Python packages) and the source registry."""
