#!/bin/sh
# Builds every sample plugin (one directory per plugin under src/main/c) into a shared library.
# A directory with a "variants" file builds one library per line instead: "NAME CFLAGS...".
# Plugins under ../go are built with the Go toolchain (cgo, c-shared) when "go" is on the PATH,
# and skipped otherwise. Called by the Maven build with gcc, and by the release bundle with a cross
# compiler in CC (and GOARCH for Go). Usage: build.sh SOURCE_DIR OUTPUT_DIR
set -eu
src="$1"
out="$2"
mkdir -p "$out"
build() { # name, directory, extra flags...
  name="$1"; dir="$2"; shift 2
  "${CC:-gcc}" -O2 -fPIC -shared -Wall -Wextra -Werror -pthread -I"$src/include" "$@" -o "$out/$name.so" "$dir"*.c
}
for dir in "$src"/*/; do
  name="$(basename "$dir")"
  [ "$name" = include ] && continue
  if [ -f "$dir/variants" ]; then
    grep -v '^#' "$dir/variants" | while read -r variant flags; do
      [ -n "$variant" ] || continue
      # shellcheck disable=SC2086 # flags are meant to split into words
      build "$variant" "$dir" $flags
    done
  else
    build "$name" "$dir"
  fi
done

# The C driver: calls plugins directly, the baseline of the host benchmarks.
"${CC:-gcc}" -O2 -Wall -Wextra -Werror -I"$src/include" -o "$out/driver" "$src/../driver/driver.c" -ldl

if command -v go >/dev/null 2>&1; then
  cache="$(cd "$out/../../../.." && pwd)/go-cache"
  for dir in "$src"/../go/*/; do
    name="$(basename "$dir")"
    (cd "$dir" && GO111MODULE=off GOFLAGS= GOCACHE="$cache" CGO_ENABLED=1 \
      go build -buildmode=c-shared -o "$out/$name.so" .)
    rm -f "$out/$name.h"
  done
else
  echo "build.sh: go not found, skipping the Go sample plugins" >&2
fi
