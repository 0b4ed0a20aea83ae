#!/bin/sh
# Whole-process cost of a corpus run with one capture at a time against two at a time: records 8
# captures of 1,000,000 counter events (once; they are kept in DIR), then runs
# "scapula verify --corpus DIR/corpus -H fields --jobs N" RUNS times (default 3) for N = 1 and 2
# under /usr/bin/time -v, printing wall time, CPU time, peak RSS and the load average of each run,
# then the median wall time and peak RSS per N. Other work on the machine skews the result: note
# the load average beside the figures, and rerun on a quiet machine for the speed-up itself.
# Usage: benchmarks/corpus-jobs.sh [DIR]   (default: ${TMPDIR:-/tmp}/scapula-corpus-jobs)
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
scapula="$here/scapula"
dir="${1:-${TMPDIR:-/tmp}/scapula-corpus-jobs}"
runs="${RUNS:-3}"
mkdir -p "$dir/corpus"
i=1
while [ "$i" -le 8 ]; do
  capture="$dir/corpus/c$i.scap"
  if [ ! -f "$capture" ]; then
    # a different start per capture, so no two captures are the same bytes
    "$scapula" record -I "counter:count=1000000;size=64;start=$((1700000000000000000 + i * 10000000000000))" \
      -w "$capture" >&2
  fi
  i=$((i + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for jobs in 1 2; do
  : > "$dir/jobs$jobs.tsv"
  r=1
  while [ "$r" -le "$runs" ]; do
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    status=0
    /usr/bin/time -v -o "$dir/time.txt" "$scapula" verify --corpus "$dir/corpus" -H fields --jobs "$jobs" --json \
      > "$dir/report.json" || status=$?
    if [ "$status" -ne 0 ]; then
      echo "corpus-jobs.sh: verify --jobs $jobs exited $status (see $dir/report.json)" >&2
      exit 1
    fi
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; print s }' "$dir/time.txt")"
    cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$dir/time.txt")"
    rss="$(awk -F': ' '/Maximum resident set size/ { print int($2 / 1024) }' "$dir/time.txt")"
    printf 'jobs %s run %s: wall %.1f s, cpu %.1f s, peak RSS %s MB, load average before %s\n' \
      "$jobs" "$r" "$wall" "$cpu" "$rss" "$load"
    printf '%s\t%s\n' "$wall" "$rss" >> "$dir/jobs$jobs.tsv"
    r=$((r + 1))
  done
  printf 'jobs %s: median wall %.1f s, median peak RSS %s MB (%s runs)\n' "$jobs" \
    "$(cut -f1 "$dir/jobs$jobs.tsv" | median)" "$(cut -f2 "$dir/jobs$jobs.tsv" | median)" "$runs"
done
