#!/bin/sh
# Install Debian's Chromium for the browser tests (never a downloaded browser build).
set -eu
if [ -x /usr/bin/chromium ]; then
    echo "chromium already at /usr/bin/chromium"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version || true
