"""Write .env for the Docker stack from .env.example, with fresh secrets (Fernet key, JWT secret, passwords).

Refuses to overwrite an existing .env (rotating secrets of a running stack is a deliberate act).
Usage: python scripts/make_secrets.py [--out .env]
"""

from __future__ import annotations

import argparse
import re
import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
GENERATED = {
    "AIRFLOW_FERNET_KEY": lambda: Fernet.generate_key().decode(),
    "AIRFLOW_JWT_SECRET": lambda: secrets.token_urlsafe(48),
    "AIRFLOW_ADMIN_PASSWORD": lambda: secrets.token_urlsafe(18),
    "POSTGRES_PASSWORD": lambda: secrets.token_urlsafe(24),
    "MINIO_ROOT_PASSWORD": lambda: secrets.token_urlsafe(24),
    "LAKE_SECRET_KEY": lambda: secrets.token_urlsafe(24),
    "QDRANT_API_KEY": lambda: secrets.token_urlsafe(32),
    "LLMDATA_PII_HASH_KEY": lambda: secrets.token_urlsafe(32),
}


def render(example: str) -> str:
    """``example`` with every generated variable given a fresh value."""
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"{name}={GENERATED[name]()}" if name in GENERATED else match.group(0)

    return re.sub(r"^([A-Z0-9_]+)=.*$", fill, example, flags=re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".env")
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out} exists; move it away first if you really want new secrets")
    args.out.write_text(render((ROOT / ".env.example").read_text()))
    args.out.chmod(0o600)
    print(f"wrote {args.out} with fresh secrets ({', '.join(GENERATED)})")


if __name__ == "__main__":
    main()
