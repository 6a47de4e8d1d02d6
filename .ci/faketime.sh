#!/usr/bin/env bash
# libfaketime from Debian packages, for CI's run of the suite with the system date moved ahead.
set -euo pipefail
command -v faketime >/dev/null && exit 0
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq faketime >&2
