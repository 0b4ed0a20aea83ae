#!/bin/sh
# Builds every sample plugin (one directory per plugin under src/main/c) into a shared library.
# Called by the Maven build; needs only gcc. Usage: build.sh SOURCE_DIR OUTPUT_DIR
set -eu
src="$1"
out="$2"
mkdir -p "$out"
for dir in "$src"/*/; do
  name="$(basename "$dir")"
  [ "$name" = include ] && continue
  gcc -O2 -fPIC -shared -Wall -Wextra -Werror -pthread -I"$src/include" -o "$out/$name.so" "$dir"*.c
done
