#!/usr/bin/env bash
# Install headless Chromium and its WebDriver from Debian packages, if missing, for the browser tests
# (tests/e2e/test_product_list_page_browser.py). Selenium gets both paths explicitly: nothing is downloaded.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq chromium chromium-driver >&2
/usr/bin/chromium --version >&2
