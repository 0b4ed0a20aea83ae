#!/usr/bin/env bash
# Runs the GitHub Action's shell part (.github/actions/scapula-check.sh) against a locally built
# bundle, as the action does, on sample plugins taken out of the bundle and a capture it records:
# a clean plugin passes, a nondeterministic one fails with a verify error in SARIF, an understated
# release fails lint and diff, the fail-on level decides, and bad inputs are exit 2.
# Usage: action-test.sh TARBALL
set -uo pipefail
tarball=$(readlink -f "$1")
script="$(cd "$(dirname "$0")/../../../.." && pwd)/.github/actions/scapula-check.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "action-test: $*" >&2; [ -f "$work/log" ] && cat "$work/log" >&2; exit 1; }
tar -C "$work" -xzf "$tarball" && mkdir -p "$work/repo/captures/more" "$work/plugins" "$work/tmp"
jar=$(echo "$work"/scapula-*/lib/scapula.jar)
for p in fields nondet versioned_1_0_0 versioned_1_0_1_wrong; do
  unzip -p "$jar" "dev/scapula/samples/$p.so" > "$work/plugins/lib$p.so"
done
"$work"/scapula-*/bin/scapula record -I counter -n 500 -w "$work/repo/captures/counter.scap" 2>/dev/null \
  || fail "could not record a capture"
cp "$work/repo/captures/counter.scap" "$work/repo/captures/more/again.scap"

passed=0 failed=0
# check NAME EXPECTED_EXIT VAR=VALUE...: runs the script in the fake repository with these inputs
check() {
  local name=$1 want=$2; shift 2
  (cd "$work/repo" && rm -rf scapula-sarif && env -i PATH=/usr/bin:/bin HOME="$work" RUNNER_TEMP="$work/tmp" \
    SCAPULA_BUNDLE="$tarball" SCAPULA_FUZZ_RUNS=50 "$@" bash "$script") > "$work/log" 2>&1
  local rc=$?
  if [ $rc -ne "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want" >&2; cat "$work/log" >&2; failed=$((failed + 1)); return 1
  fi
  passed=$((passed + 1))
}
# results SARIF LEVEL: how many results of that level the SARIF file holds
results() { jq --arg l "$2" '[.runs[].results[]? | select((.level // "warning") == $l)] | length' "$work/repo/scapula-sarif/$1"; }
expect() { [ "$@" ] || { echo "FAIL: expected [ $* ]" >&2; cat "$work/log" >&2; failed=$((failed + 1)); }; }

if check clean 0 SCAPULA_PLUGIN="$work/plugins/libfields.so" SCAPULA_CAPTURES="captures" SCAPULA_FIELDS=fields.seq; then
  expect -f "$work/repo/scapula-sarif/lint.sarif"
  expect -f "$work/repo/scapula-sarif/verify.sarif"
  expect "$(jq -r .version "$work/repo/scapula-sarif/verify.sarif")" = 2.1.0
  expect "$(results verify.sarif error)" = 0
  expect "$(results lint.sarif error)" = 0
  grep -q 'verify --corpus-list .* -f fields.seq' "$work/log" || { echo "FAIL clean: fields not handed to verify" >&2; failed=$((failed + 1)); }
  notes=$(results lint.sarif note)
  # the same plugin with fail-on note fails exactly when lint left a note
  if [ "$notes" -gt 0 ]; then want_note=1; else want_note=0; fi
  check fail-on-note $want_note SCAPULA_PLUGIN="$work/plugins/libfields.so" SCAPULA_CAPTURES="captures/*.scap" SCAPULA_FAIL_ON=note
fi
if check nondet 1 SCAPULA_PLUGIN="$work/plugins/libnondet.so" SCAPULA_CAPTURES="captures/counter.scap captures/more/*.scap" SCAPULA_CHECKS=verify; then
  expect ! -f "$work/repo/scapula-sarif/lint.sarif"
  expect "$(results verify.sarif error)" = 2
  grep -q 'more/again.scap' "$work/repo/scapula-sarif/verify.sarif" || { echo "FAIL nondet: the result does not name the capture" >&2; failed=$((failed + 1)); }
fi
check nondet-never 0 SCAPULA_PLUGIN="$work/plugins/libnondet.so" SCAPULA_CAPTURES="captures/counter.scap" SCAPULA_CHECKS=verify SCAPULA_FAIL_ON=never
if check understated 1 SCAPULA_PLUGIN="$work/plugins/libversioned_1_0_1_wrong.so" SCAPULA_PREVIOUS="$work/plugins/libversioned_1_0_0.so" SCAPULA_CAPTURES="captures/counter.scap"; then
  expect -f "$work/repo/scapula-sarif/diff.sarif"
  expect "$(jq '[.runs[].results[]? | select(.ruleId // "" | startswith("release/"))] | length' "$work/repo/scapula-sarif/lint.sarif")" -gt 0
fi
check no-plugin 2 SCAPULA_CAPTURES=captures
check missing-plugin 2 SCAPULA_PLUGIN=nowhere.so
check bad-fail-on 2 SCAPULA_PLUGIN="$work/plugins/libfields.so" SCAPULA_FAIL_ON=sometimes
check no-capture-matches 2 SCAPULA_PLUGIN="$work/plugins/libfields.so" SCAPULA_CAPTURES="captures/*.pcap"
# one mistyped pattern among good ones is refused too, not dropped while the others are checked
check one-pattern-matches-nothing 2 SCAPULA_PLUGIN="$work/plugins/libfields.so" \
  SCAPULA_CAPTURES="captures/counter.scap captures/*.pcap"
# a release by number with github.action_repository empty (as in composite actions): the repository
# comes from the action's checkout path; there is no network here, so the download fails, naming it
check release-from-action-path 2 SCAPULA_PLUGIN="$work/plugins/libfields.so" SCAPULA_BUNDLE= SCAPULA_VERSION=0.1.0 \
  GITHUB_ACTION_PATH=/home/runner/work/_actions/acme/scapula/v1 \
  && expect -n "$(grep -F 'https://github.com/acme/scapula/releases/download/v0.1.0/scapula-0.1.0-linux-' "$work/log")"
echo "action-test: $passed passed, $failed failed"
[ $failed -eq 0 ]
