#!/usr/bin/env bash
# The shell part of the scapula GitHub Action (action.yml at the repository root), usable from any
# CI: installs a release bundle for this machine's architecture, runs scapula lint and verify (and
# diff against a previous release) on a plugin and its captures, and writes one SARIF file per
# command. Inputs are environment variables:
#   SCAPULA_PLUGIN    the plugin .so to check (required)
#   SCAPULA_CAPTURES  captures: paths, folders (every capture under them) or globs, separated by
#                     spaces or newlines
#   SCAPULA_FIELDS    fields verify compares (comma-separated; default: every field)
#   SCAPULA_PREVIOUS  the previous release's .so: lint gives the semver verdict and diff compares
#                     values on the captures
#   SCAPULA_CHECKS    which commands: lint, verify or both (default: lint,verify)
#   SCAPULA_FAIL_ON   error, warning, note or never: the lowest SARIF level that fails (default error)
#   SCAPULA_FUZZ_RUNS executions lint fuzzes a sourceless extractor for (default 200)
#   SCAPULA_BUNDLE    a bundle .tar.gz already on disk, or
#   SCAPULA_VERSION   a release version (0.2.0) or a bundle URL, where {arch} stands for the
#                     architecture; a version is fetched from SCAPULA_RELEASES/vVERSION/ (default
#                     https://github.com/$SCAPULA_ACTION_REPOSITORY/releases/download), checked
#                     against the .sha256 beside it
#   SCAPULA_SARIF_DIR where the SARIF files go (default scapula-sarif), emptied of *.sarif first
# Exit 0 when no SARIF result reaches SCAPULA_FAIL_ON, 1 when one does, 2 on a usage or input error.
set -uo pipefail
die() { echo "scapula-check: $*" >&2; exit 2; }

plugin=${SCAPULA_PLUGIN:-}
[ -n "$plugin" ] || die "SCAPULA_PLUGIN (the plugin .so) is required"
[ -f "$plugin" ] || die "$plugin: no such file"
checks=${SCAPULA_CHECKS:-lint,verify}
fail_on=${SCAPULA_FAIL_ON:-error}
case $fail_on in
  error) levels='["error"]' ;;
  warning) levels='["error","warning"]' ;;
  note) levels='["error","warning","note"]' ;;
  never) levels='[]' ;;
  *) die "SCAPULA_FAIL_ON=$fail_on: expected error, warning, note or never" ;;
esac
for c in ${checks//,/ }; do
  case $c in lint|verify) ;; *) die "SCAPULA_CHECKS=$checks: expected lint, verify or lint,verify" ;; esac
done
[ -z "${SCAPULA_PREVIOUS:-}" ] || [ -f "$SCAPULA_PREVIOUS" ] || die "$SCAPULA_PREVIOUS: no such file"
command -v jq >/dev/null || die "jq is needed to read the SARIF files"

# install the bundle for this architecture
arch=$(uname -m)
case $arch in x86_64|aarch64) ;; arm64) arch=aarch64 ;; *) die "no scapula bundle for $arch" ;; esac
install_dir=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/scapula.XXXXXX")
# kept when a workflow's later steps get scapula on their PATH
trap 'rm -f "${list:-}"; [ -n "${GITHUB_PATH:-}" ] || rm -rf "$install_dir"' EXIT
bundle=${SCAPULA_BUNDLE:-}
if [ -z "$bundle" ]; then
  version=${SCAPULA_VERSION:-}
  [ -n "$version" ] || die "SCAPULA_BUNDLE or SCAPULA_VERSION is required"
  if [[ $version == *://* ]]; then
    url=${version//\{arch\}/$arch}
  else
    repo=${SCAPULA_ACTION_REPOSITORY:-}
    # github.action_repository can be empty inside a composite action; the runner checks the action
    # out under .../_actions/OWNER/REPO/REF, which names the repository too
    if [ -z "$repo" ] && [[ ${GITHUB_ACTION_PATH:-} == */_actions/*/*/* ]]; then
      IFS=/ read -r owner name _ <<< "${GITHUB_ACTION_PATH#*/_actions/}"
      repo="$owner/$name"
    fi
    # the releases input first; SCAPULA_RELEASES set in the job's environment next (an empty input
    # must not hide it)
    releases=${SCAPULA_RELEASES_INPUT:-${SCAPULA_RELEASES:-https://github.com/$repo/releases/download}}
    [[ $releases != *//releases/* ]] || die "SCAPULA_RELEASES (or SCAPULA_ACTION_REPOSITORY) is needed to find version $version"
    url="$releases/v${version#v}/scapula-${version#v}-linux-$arch.tar.gz"
  fi
  bundle="$install_dir/$(basename "$url")"
  curl -sSfL -o "$bundle" "$url" || die "$url: download failed"
  curl -sSfL -o "$bundle.sha256" "$url.sha256" || die "$url.sha256: download failed"
  (cd "$install_dir" && sha256sum -c --quiet "$(basename "$bundle").sha256") || die "$url: sha256 does not match"
fi
[ -f "$bundle" ] || die "$bundle: no such file"
tar -C "$install_dir" -xzf "$bundle" || die "$bundle: not a scapula bundle (tar failed)"
scapula=$(echo "$install_dir"/scapula-*/bin/scapula)
[ -x "$scapula" ] || die "$bundle: no scapula-VERSION/bin/scapula inside"
[ -n "${GITHUB_PATH:-}" ] && dirname "$scapula" >> "$GITHUB_PATH"
"$scapula" --version | head -1 >&2 || die "$bundle: the bundle does not run on $arch"

# the captures in a list file verify and diff read, in the current folder (the repository's root
# in a workflow), so that SARIF locates each result at the capture's path in the repository
out=${SCAPULA_SARIF_DIR:-scapula-sarif}
mkdir -p "$out" && rm -f "$out"/*.sarif
list="$PWD/.scapula-captures.$$.txt"
: > "$list"
# split the input into patterns with globbing off, so a pattern that matches nothing stays a word
# here and is refused below instead of vanishing under nullglob
set -f
patterns=(${SCAPULA_CAPTURES:-})
set +f
for pattern in "${patterns[@]}"; do
  shopt -s nullglob globstar
  matches=($pattern)
  shopt -u nullglob globstar
  [ ${#matches[@]} -gt 0 ] || die "captures: $pattern matches no file"
  for m in "${matches[@]}"; do
    if [ -d "$m" ]; then
      find "$m" -type f \( -name '*.scap' -o -name '*.scap.gz' -o -name '*.scap.zst' -o -name '*.scap[0-9]*' \) -print0 \
        | sort -z | xargs -0 -r realpath -s --relative-base="$PWD" >> "$list"
    else
      realpath -s --relative-base="$PWD" "$m" >> "$list"
    fi
  done
done
[ -n "${SCAPULA_CAPTURES:-}" ] && [ ! -s "$list" ] && die "captures: no capture found in $SCAPULA_CAPTURES"

status=0
run() { # SARIF_NAME COMMAND...: runs scapula, keeps the worst exit code
  local name=$1; shift
  echo "+ scapula $*" >&2
  "$scapula" "$@"
  local rc=$?
  [ $rc -ge 2 ] && { echo "scapula-check: scapula $1 failed (exit $rc)" >&2; status=2; }
  [ $rc -ne 0 ] && [ ! -f "$out/$name.sarif" ] && [ $status -lt 2 ] && { echo "scapula-check: scapula $1 exited $rc without writing $out/$name.sarif" >&2; status=2; }
  return 0
}
fields=()
field_list=${SCAPULA_FIELDS:-}
for f in ${field_list//,/ }; do fields+=(-f "$f"); done
if [[ ,$checks, == *,lint,* ]]; then
  args=(lint "$plugin" --fuzz-runs "${SCAPULA_FUZZ_RUNS:-200}" --sarif "$out/lint.sarif")
  [ -n "${SCAPULA_PREVIOUS:-}" ] && args+=(--previous "$SCAPULA_PREVIOUS")
  while read -r capture; do args+=(-r "$capture"); done < "$list"
  run lint "${args[@]}"
fi
if [[ ,$checks, == *,verify,* ]] && [ -s "$list" ]; then
  run verify verify --corpus-list "$list" -H "$plugin" "${fields[@]}" --sarif "$out/verify.sarif"
  [ -n "${SCAPULA_PREVIOUS:-}" ] && run diff diff --corpus-list "$list" --old "$SCAPULA_PREVIOUS" --new "$plugin" --sarif "$out/diff.sarif"
fi

# the verdict from the SARIF results, at or above the fail-on level (SARIF's default level is warning)
failing=0
for sarif in "$out"/*.sarif; do
  [ -f "$sarif" ] || continue
  counts=$(jq -r '[.runs[].results[]? | (.level // "warning")] | "\(map(select(. == "error")) | length) error, \(map(select(. == "warning")) | length) warning, \(map(select(. == "note")) | length) note"' "$sarif") \
    || die "$sarif: not valid SARIF JSON"
  n=$(jq --argjson levels "$levels" '[.runs[].results[]? | (.level // "warning") | select(IN($levels[]))] | length' "$sarif")
  echo "scapula-check: $sarif: $counts" >&2
  failing=$((failing + n))
done
[ -n "${GITHUB_OUTPUT:-}" ] && echo "sarif-dir=$out" >> "$GITHUB_OUTPUT"
[ $status -eq 2 ] && exit 2
if [ $failing -gt 0 ]; then
  echo "scapula-check: $failing result(s) at level $fail_on or above" >&2
  exit 1
fi
echo "scapula-check: no result at level $fail_on or above" >&2
exit 0
