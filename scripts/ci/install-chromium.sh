#!/usr/bin/env bash
# Debian's Chromium for the widget and console browser tests (playwright-core drives it; no browser
# download from anywhere but Debian's archive). Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium: installed"
