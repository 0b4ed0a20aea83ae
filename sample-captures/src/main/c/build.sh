#!/bin/sh
# Builds the sample plugins into shared libraries, in two groups that go to two places:
#   examples/  plugins written to teach plugin authors; they go into the jar users get
#   fixtures/  plugins broken on purpose for tests; they go only into the test jar
# One directory per plugin, all built against include/. A directory with a "variants" file builds
# one library per line instead: "NAME CFLAGS...". Go plugins under ../go/GROUP are built with the
# Go toolchain (cgo, c-shared) when "go" is on the PATH, and skipped otherwise. The C driver, the
# baseline of the host benchmarks, goes with the examples (scapula bench runs it).
# Called by the Maven build with gcc, and by the release bundle with a cross compiler in CC (and
# GOARCH for Go). Usage: build.sh SOURCE_DIR EXAMPLES_OUT FIXTURES_OUT
set -eu
src="$1"
build_group() { # group, output directory
  group="$1"; out="$2"
  mkdir -p "$out"
  for dir in "$src/$group"/*/; do
    name="$(basename "$dir")"
    if [ -f "$dir/variants" ]; then
      grep -v '^#' "$dir/variants" | while read -r variant flags; do
        [ -n "$variant" ] || continue
        # shellcheck disable=SC2086 # flags are meant to split into words
        build_c "$out" "$variant" "$dir" $flags
      done
    else
      build_c "$out" "$name" "$dir"
    fi
  done
  [ -d "$src/../go/$group" ] || return 0
  if command -v go >/dev/null 2>&1; then
    cache="$(cd "$out/../../../.." && pwd)/go-cache"
    for dir in "$src/../go/$group"/*/; do
      name="$(basename "$dir")"
      (cd "$dir" && GO111MODULE=off GOFLAGS= GOCACHE="$cache" CGO_ENABLED=1 \
        go build -buildmode=c-shared -o "$out/$name.so" .)
      rm -f "$out/$name.h"
    done
  else
    echo "build.sh: go not found, skipping the Go sample plugins in $group" >&2
  fi
}
build_c() { # output directory, name, directory, extra flags...
  out="$1"; name="$2"; dir="$3"; shift 3
  "${CC:-gcc}" -O2 -fPIC -shared -Wall -Wextra -Werror -pthread -I"$src/include" "$@" -o "$out/$name.so" "$dir"*.c
}

build_group examples "$2"
build_group fixtures "$3"
"${CC:-gcc}" -O2 -Wall -Wextra -Werror -I"$src/include" -o "$2/driver" "$src/../driver/driver.c" -ldl
