#!/usr/bin/env bash
# Unpacks the bundle into a temporary folder and runs it the ways a user will: with a PATH whose
# java always fails and no JAVA_HOME (so a bundle that quietly uses the system JDK fails), from a
# read-only copy, and through a symlink. Checks that the jar carries the example plugins and none
# of the test fixtures, as sample-captures' source tree sorts them.
set -euo pipefail
tarball=$1 version=$2 root=$3
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
(cd "$(dirname "$tarball")" && sha256sum -c --quiet "$(basename "$tarball").sha256")
tar -C "$work" -xzf "$tarball"
home="$work/scapula-$version"
chmod -R a-w "$home"
mkdir "$work/fakebin" "$work/links"
printf '#!/bin/sh\necho "the system java was used" >&2\nexit 99\n' > "$work/fakebin/java"
chmod 755 "$work/fakebin/java"
ln -s "$home/bin/scapula" "$work/links/scapula"
fail() { echo "bundle-test: $*" >&2; exit 1; }
for launcher in "$home/bin/scapula" "$work/links/scapula"; do
  out="$(cd "$work" && env -u JAVA_HOME PATH="$work/fakebin:/usr/bin:/bin" "$launcher" --version)" \
    || fail "$launcher --version failed"
  grep -q "^scapula $version\$" <<< "$out" || fail "$launcher --version: no 'scapula $version' in: $out"
  grep -q "^plugin API 3\.[0-9]" <<< "$out" || fail "$launcher --version: no plugin API line in: $out"
  grep -q "^Java .*$home/runtime" <<< "$out" || fail "$launcher --version: not the bundled runtime: $out"
  (cd "$work" && env -u JAVA_HOME PATH="$work/fakebin:/usr/bin:/bin" "$launcher" demo --dir "$work/demo-$RANDOM") \
    > "$work/demo.txt" 2>&1 || { cat "$work/demo.txt" >&2; fail "$launcher demo failed"; }
done
# the completion offers the commands after "scapula "
words="$(bash -c 'source "$1"; COMP_WORDS=(scapula ""); COMP_CWORD=1; COMP_LINE="scapula "; COMP_POINT=8;
  _complete_scapula scapula "" scapula; printf "%s\n" "${COMPREPLY[@]}"' _ "$home/share/bash-completion/completions/scapula")"
for c in demo record replay verify diff lint; do
  grep -qx "$c" <<< "$words" || fail "bash completion does not offer $c: $words"
done
# a man page for every command the completion offers
for c in $words; do
  [ "$c" = help ] && continue
  grep -q "^= scapula-$c(1)" "$home/share/man/man1/scapula-$c.adoc" 2>/dev/null || fail "no man page for $c"
done
# the sample plugins: every example, no fixture (names as sample-captures/src/main/c/build.sh makes them)
samples() { # group: one plugin name a line
  for dir in "$root/sample-captures/src/main/c/$1"/*/; do
    if [ -f "$dir/variants" ]; then grep -v '^#' "$dir/variants" | awk 'NF { print $1 }'; else basename "$dir"; fi
  done
  for dir in "$root/sample-captures/src/main/go/$1"/*/; do
    if [ -d "$dir" ]; then basename "$dir"; fi
  done
}
in_jar="$(unzip -Z1 "$home/lib/scapula.jar" 'dev/scapula/samples/*.so' | sed 's|^dev/scapula/samples/||; s|\.so$||')"
for name in $(samples examples); do
  grep -qx "$name" <<< "$in_jar" || fail "the example plugin $name is not in lib/scapula.jar"
done
for name in $(samples fixtures); do
  if grep -qx "$name" <<< "$in_jar"; then fail "the test fixture $name is in lib/scapula.jar"; fi
done
echo "bundle-test: ok ($tarball: --version and demo, read-only, through a symlink, with a failing java on PATH; the examples in the jar, no fixture)"
