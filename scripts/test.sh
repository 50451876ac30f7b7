#!/usr/bin/env bash
# Set up everything the tests need (Debian packages, the package with its extras), then check the code
# (ruff, mypy) and run the tests. This is the CI command.
# Usage: bash scripts/test.sh [pytest options]     e.g. bash scripts/test.sh -m "not slow"   (the fast loop)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
need=()
for pkg in chromium poppler-utils libreoffice-calc-nogui fonts-noto-core git; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi

python3 -m pip install -q --disable-pip-version-check -e ".[all]"
python3 -m ruff check src tests
python3 -m mypy src
python3 -m pytest "$@"
