#!/usr/bin/env bash
# Sourced by scripts/demo and scripts/test: a project virtualenv with the app (and test extras)
# installed, and the CJK font the charts need. Every step says what it does and how long it took,
# so a first run (a few minutes of pip) cannot be mistaken for a hang. Re-running is cheap: pip only
# runs when pyproject.toml changed since the last install, the font only when it is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${GC_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"
SETUP_STARTED=$SECONDS

say() { printf '%s\n' "$*" >&2; }
# step "what" "how long it usually takes" -- command...: prints the step, runs it, prints its time.
step() {
  local what="$1" expect="$2" started=$SECONDS
  shift 2
  say "== set-up: $what ($expect) =="
  "$@"
  say "   done in $((SECONDS - started)) s"
}

install_project() {
  # pip's own progress (Collecting / Downloading / Installing) stays visible: no --quiet.
  "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar on -e "$ROOT[test]"
  rm -f "$VENV"/.installed-*
  touch "$STAMP"
}

install_cjk_font() {
  # Debian's Noto CJK: the charts label their axes in the user's language, and Chinese without a
  # CJK font renders as boxes. Without apt (or root) the charts still render, with a warning.
  export DEBIAN_FRONTEND=noninteractive
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq fonts-noto-cjk; } >&2; then
    say "   warning: could not install fonts-noto-cjk; Chinese chart labels may show as boxes"
  fi
}

has_cjk_font() { command -v fc-list >/dev/null && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; }

if [ ! -x "$VENV/bin/python" ]; then
  step "a Python virtualenv in ${VENV#"$ROOT"/}" "a few seconds" "$PY" -m venv "$VENV"
fi
STAMP="$VENV/.installed-$(sha1sum "$ROOT/pyproject.toml" | cut -c1-12)"
if [ ! -f "$STAMP" ]; then
  step "installing Guide Copilot and its dependencies with pip" \
       "2-3 minutes on a fresh machine, seconds when only the project changed" install_project
fi
if ! has_cjk_font; then
  step "installing the Noto CJK font from Debian packages (fonts-noto-cjk)" "about 30 seconds" install_cjk_font
fi
if [ $((SECONDS - SETUP_STARTED)) -gt 1 ]; then
  say "== set-up finished in $((SECONDS - SETUP_STARTED)) s =="
fi
export PATH="$VENV/bin:$PATH"
