"""Quality layer: checks, declarative policies and gates."""
