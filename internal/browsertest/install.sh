#!/usr/bin/env bash
# Installs Debian's chromium for the browser test of report.html
# (internal/browsertest), if it is missing. Run as root, or with sudo
# available. It touches nothing else.
set -euo pipefail

for b in chromium chromium-browser; do
	if command -v "$b" >/dev/null 2>&1; then
		echo "browsertest: $b is installed: $("$b" --version 2>/dev/null || echo "version unknown")"
		exit 0
	fi
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "browsertest: chromium is missing; run this script as root to install it" >&2
		exit 1
	fi
	sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends chromium
chromium --version
