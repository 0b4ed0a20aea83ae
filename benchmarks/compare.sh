#!/usr/bin/env bash
# Whole-process comparison of scapula with libsinsp (issue 16): every row runs both programs as a
# user would, JVM start included, one after the other on the same machine, and prints the median
# wall time of several runs, the ratio (libsinsp time / scapula time: 1.00x or more means scapula is
# as fast), the CPU time and the peak RSS as /usr/bin/time -v measures them. A benchmark, never a test: it fails on
# a broken set-up only, not on a slow result.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  cat <<'EOF'
usage: benchmarks/compare.sh [--libsinsp DIR] [-n N] [--runs R] [--dir TMP] [--go-plugins DIR] [--no-gzip]
                             [--scapula CMD]

Runs every row of issue 16's table against a libsinsp baseline directory laid out like
/work/shared/baseline (bin/sinsp-baseline, plugins/libplugin_source.so, plugins/libplugin_extract.so)
and prints: work, scapula median wall seconds, CPU seconds (user + system) and peak RSS, the same for
libsinsp, the ratio of wall times (libsinsp / scapula) and the ratio of CPU times. On a machine shared
with other work the CPU ratio moves less than the wall ratio.

  --libsinsp DIR    the baseline directory (default /work/shared/baseline)
  -n N              events for every row instead of the issue's sizes (3M, 10M, 1M; verify at 1M and 10M): e.g. -n 1000000
                    so the whole table runs in minutes
  --runs R          runs per program and row, the median is printed (default 3)
  --dir TMP         where the captures are written (default: a new directory under ${TMPDIR:-/tmp})
  --go-plugins DIR  the Go SDK plugins (default /work/shared/plugins); the Go source row is left out
                    when libsdkgo_source.so is not there
  --no-gzip         leave out the gzip (-z) rows
  --scapula CMD     the scapula to time (default: this checkout's ./scapula), e.g. a launcher of an
                    older build, to compare two builds in the same conditions
EOF
}

baseline=/work/shared/baseline
go_plugins=/work/shared/plugins
events=""
runs=3
dir=""
gzip=1
scapula="$here/scapula"
while [ $# -gt 0 ]; do
  case "$1" in
    --libsinsp) baseline="$2"; shift 2 ;;
    -n) events="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --go-plugins) go_plugins="$2"; shift 2 ;;
    --no-gzip) gzip=0; shift ;;
    --scapula) scapula="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done

sinsp="$baseline/bin/sinsp-baseline"
src="$baseline/plugins/libplugin_source.so"
ext="$baseline/plugins/libplugin_extract.so"
for f in "$sinsp" "$src" "$ext" /usr/bin/time; do
  if [ ! -e "$f" ]; then
    echo "compare.sh: $f is missing (see --help)" >&2
    exit 2
  fi
done
case "$events$runs" in
  *[!0-9]*) echo "compare.sh: -n and --runs take whole numbers" >&2; exit 2 ;;
esac

# Build before timing anything, so no row pays for a build.
"$scapula" --version >/dev/null || { echo "compare.sh: $scapula --version failed" >&2; exit 2; }

if [ -z "$dir" ]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/scapula-compare.XXXXXX")"
  trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"

size() { echo "${events:-$1}"; }
millions() { awk -v n="$1" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000; else printf "%d", n }'; }

# One run: prints "seconds kilobytes"; stdout of the command goes to /dev/null.
one() {
  local rss_file="$dir/rss" start end
  start=$(date +%s%N)
  if ! /usr/bin/time -v -o "$rss_file" "$@" >/dev/null 2>"$dir/stderr"; then
    echo "compare.sh: failed: $*" >&2
    cat "$dir/stderr" >&2
    exit 2
  fi
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(awk -F': ' '/Maximum resident set size/ { kb = $2 }
    /User time|System time/ { cpu += $2 } END { printf "%d %d", kb, cpu * 1000 }' "$rss_file")"
}

# Median of --runs runs: prints "milliseconds kilobytes cpu-milliseconds" (RSS and CPU of the median-time run).
median() {
  local i
  local results
  results=$(for ((i = 0; i < runs; i++)); do one "$@" || exit 2; done) || return 2
  echo "$results" | sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'
}

echo "$(nproc) cores, $(uptime | sed 's/.*load/load/') (1, 5, 15 min) at the start; median of $runs"
printf '%-62s %25s %25s %8s %8s\n' "work" "scapula (wall, cpu, rss)" "libsinsp (wall, cpu, rss)" "ratio" "cpu"
row() { # row LABEL -- SCAPULA ARGS... -- SINSP ARGS...
  local label="$1"; shift; shift
  local ours=() theirs=()
  while [ "$1" != "--" ]; do ours+=("$1"); shift; done
  shift
  theirs=("$@")
  # in a variable first: a failing run's exit 2 inside <(...) would go unseen and print a row of zeros
  local our their
  our=$(median "${ours[@]}") || exit 2
  their=$(median "${theirs[@]}") || exit 2
  read -r our_ms our_kb our_cpu <<< "$our"
  read -r their_ms their_kb their_cpu <<< "$their"
  printf '%-62s %7.3f s %6.2f s %4d MB %7.3f s %6.2f s %4d MB %7.2fx %7.2fx\n' "$label" \
    "$(awk -v m="$our_ms" 'BEGIN { print m / 1000 }')" "$(awk -v m="$our_cpu" 'BEGIN { print m / 1000 }')" \
    $((our_kb / 1024)) \
    "$(awk -v m="$their_ms" 'BEGIN { print m / 1000 }')" "$(awk -v m="$their_cpu" 'BEGIN { print m / 1000 }')" \
    $((their_kb / 1024)) \
    "$(awk -v a="$their_ms" -v b="$our_ms" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
    "$(awk -v a="$their_cpu" -v b="$our_cpu" 'BEGIN { print (b > 0 ? a / b : 0) }')"
}

record_row() { # record_row N SOURCE.so [-z]
  local n="$1" plugin="$2" z="${3:-}" open="" name
  [ "$(basename "$plugin")" = libplugin_source.so ] && open="$n"
  name="record $(millions "$n") events, $(basename "$plugin")${z:+ $z}"
  row "$name" -- "$scapula" record -I "$plugin:$open" -n "$n" -w "$dir/s.scap" --force ${z:+"$z"} \
    -- "$sinsp" write -o "$dir/b.scap" -n "$n" --source "$plugin||$open" ${z:+"$z"}
}

# The capture both programs replay: written by libsinsp, so both read the very same bytes.
capture() { # capture N [-z] -> path
  local n="$1" z="${2:-}" f="$dir/in-$1${2:-}.scap"
  if [ ! -f "$f" ]; then
    "$sinsp" write -o "$f" -n "$n" --source "$src||$n" ${z:+"$z"} >"$dir/capture.log" 2>&1 \
      || { cat "$dir/capture.log" >&2; exit 2; }
  fi
  echo "$f"
}

replay_row() { # replay_row N [--text] [-z]
  local n="$1" text="" z="" f
  for a in "${@:2}"; do [ "$a" = --text ] && text="--text"; [ "$a" = -z ] && z="-z"; done
  f="$(capture "$n" "$z")"
  row "replay $(millions "$n"), sample.hello as ${text:-JSON lines}${z:+ (gzip)} > /dev/null" \
    -- "$scapula" replay -r "$f" -H "$src" -H "$ext" -f sample.hello ${text:+"$text"} \
    -- "$sinsp" read -i "$f" --plugin "$src|" --plugin "$ext|" -f sample.hello
}

verify_row() { # verify_row N
  local n="$1" f
  f="$(capture "$n")"
  row "verify $(millions "$n") (upstream pair) vs read -x" \
    -- "$scapula" verify -r "$f" -H "$src" -H "$ext" \
    -- "$sinsp" read -i "$f" --plugin "$src|" --plugin "$ext|" -f sample.hello -x
}

record_row "$(size 3000000)" "$src"
record_row "$(size 10000000)" "$src"
if [ -f "$go_plugins/libsdkgo_source.so" ]; then
  record_row "$(size 10000000)" "$go_plugins/libsdkgo_source.so"
fi
replay_row "$(size 10000000)"
replay_row "$(size 10000000)" --text
replay_row "$(size 1000000)"
verify_row "$(size 1000000)"
verify_row "$(size 10000000)"
if [ "$gzip" = 1 ]; then
  record_row "$(size 10000000)" "$src" -z
  replay_row "$(size 10000000)" -z
fi
small="$(capture 1000)"
row "start-up: info on 1,000 events vs read -q" -- "$scapula" info "$small" \
  -- "$sinsp" read -i "$small" --plugin "$src|" -q
row "start-up: --version vs fields" -- "$scapula" --version -- "$sinsp" fields --plugin "$src"
echo "$(uptime | sed 's/.*load/load/') at the end"
