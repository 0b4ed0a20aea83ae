#!/usr/bin/env bash
# Makes docs/diff-report.png, the README's picture of the HTML diff report, again from the bundled
# samples: a capture of 10,000 counter events diffed from versioned 1.0.0 to 1.0.1_wrong (a changed
# meaning released as a patch, so the report shows the UNDERSTATED verdict, value changes and the
# chart), then a screenshot taken by Debian's headless Chromium (apt-get install -y chromium).
# Usage: docs/make-screenshot.sh [OUT.png]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/diff-report.png}"
command -v chromium >/dev/null || { echo "make-screenshot: chromium is missing (apt-get install -y chromium)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/scapula" record -I counter:count=10000 -w "$work/counter.scap" 2>/dev/null
# diff exits 1 because the bump is understated: that is the report we want, not a failure
status=0
"$root/scapula" diff --old versioned_1_0_0 --new versioned_1_0_1_wrong "$work/counter.scap" \
  --html "$work/report.html" >/dev/null || status=$?
[ "$status" -le 1 ] || { echo "make-screenshot: scapula diff failed (exit $status)" >&2; exit 2; }

# Chromium's sandbox needs an unprivileged user namespace, which root in a container lacks.
sandbox=()
[ "$(id -u)" = 0 ] && sandbox=(--no-sandbox)
# The chart is drawn by the page's script: a virtual time budget lets it run before the shot,
# however slow the machine, without waiting on the wall clock.
chromium --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --window-size=1000,800 \
  --virtual-time-budget=5000 --screenshot="$work/shot.png" "file://$work/report.html" 2>/dev/null
mv "$work/shot.png" "$out"
echo "make-screenshot: wrote $out ($(stat -c %s "$out") bytes)"
