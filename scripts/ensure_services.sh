#!/usr/bin/env bash
# Test set-up: the integration tests start a real PostgreSQL from Debian's package on 127.0.0.1, and the UI test
# drives Debian's Chromium headless. Install what the machine lacks (CI machines are fresh); the S3 server
# (SeaweedFS) and the browser driver (playwright, pointed at /usr/bin/chromium) come from PyPI.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages for the tests: run 'sudo apt-get install -y ${missing[*]}' and retry." >&2
    exit 1
fi
echo "==> installing Debian's ${missing[*]} for the integration tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
