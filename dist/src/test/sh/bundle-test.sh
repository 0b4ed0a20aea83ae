#!/usr/bin/env bash
# Unpacks a bundle into a temporary folder and runs it the ways a user will: with a PATH whose java
# always fails and no JAVA_HOME (so a bundle that quietly uses the system JDK fails), from a
# read-only copy, and through a symlink; checks that its natives are built for its architecture,
# and that the jar carries the example plugins and none of the test fixtures, as sample-captures'
# source tree sorts them.
# The aarch64 bundle runs on an x86_64 machine under qemu-user: through binfmt_misc when it is
# registered, else through the launcher's SCAPULA_RUNTIME_WRAPPER (so the launcher itself is still
# what runs). It needs the aarch64 libc, libstdc++ and zlib (Debian: libc6:arm64 libstdc++6:arm64
# zlib1g:arm64); without them or qemu it is skipped, and fails when CI is set.
# Usage: bundle-test.sh TARBALL VERSION ARCH ROOT (ROOT: the checkout)
set -euo pipefail
tarball=$1 version=$2 arch=$3 root=$4
fail() { echo "bundle-test $arch: $*" >&2; exit 1; }
wrapper=
if [ "$arch" != "$(uname -m)" ]; then
  [ "$arch" = aarch64 ] || fail "cannot run a $arch bundle on $(uname -m)"
  missing=
  [ -e /lib/ld-linux-aarch64.so.1 ] || missing="$missing libc6:arm64"
  [ -e /usr/lib/aarch64-linux-gnu/libstdc++.so.6 ] || missing="$missing libstdc++6:arm64"
  [ -e /usr/lib/aarch64-linux-gnu/libz.so.1 ] || [ -e /lib/aarch64-linux-gnu/libz.so.1 ] || missing="$missing zlib1g:arm64"
  if ! grep -qs '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64; then
    command -v qemu-aarch64-static >/dev/null && wrapper=qemu-aarch64-static || missing="$missing qemu-user-static"
  fi
  if [ -n "$missing" ]; then
    [ -n "${CI:-}" ] && fail "cannot run the aarch64 bundle under emulation, missing:$missing"
    echo "bundle-test $arch: skipped, missing:$missing" >&2
    exit 0
  fi
fi
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
(cd "$(dirname "$tarball")" && sha256sum -c --quiet "$(basename "$tarball").sha256") || fail "sha256 does not match"
tar -C "$work" -xzf "$tarball"
home="$work/scapula-$version"
[ "$(ls "$work")" = "scapula-$version" ] || fail "not one top folder scapula-$version: $(ls "$work")"

# e_machine of an ELF file on stdin: 62 x86_64, 183 aarch64
machine() { od -An -tu2 -j18 -N2 | tr -d ' '; }
case $arch in x86_64) want=62 ;; aarch64) want=183 ;; *) fail "unknown architecture $arch" ;; esac
[ "$(machine < "$home/runtime/bin/java")" = $want ] || fail "runtime/bin/java is not $arch"
[ "$(machine < "$home/runtime/lib/server/libjvm.so")" = $want ] || fail "libjvm.so is not $arch"
natives="$(unzip -Z1 "$home/lib/scapula.jar" 'dev/scapula/samples/*' 'dev/scapula/plugin/call/*.so' | grep -v -e '/$' -e '\.class$')"
[ -n "$natives" ] || fail "no sample plugins in lib/scapula.jar"
for entry in $natives; do
  [ "$(unzip -p "$home/lib/scapula.jar" "$entry" | machine)" = $want ] || fail "$entry in lib/scapula.jar is not $arch"
done

chmod -R a-w "$home"
mkdir "$work/fakebin" "$work/links" "$work/plugins"
printf '#!/bin/sh\necho "the system java was used" >&2\nexit 99\n' > "$work/fakebin/java"
chmod 755 "$work/fakebin/java"
ln -s "$home/bin/scapula" "$work/links/scapula"
# a plugin outside the bundle, given by path
unzip -p "$home/lib/scapula.jar" dev/scapula/samples/fields.so > "$work/plugins/libfields.so"
run() { (cd "$work" && env -u JAVA_HOME PATH="$work/fakebin:/usr/bin:/bin" SCAPULA_RUNTIME_WRAPPER="$wrapper" "$@"); }
for launcher in "$home/bin/scapula" "$work/links/scapula"; do
  out="$(run "$launcher" --version)" || fail "$launcher --version failed"
  grep -q "^scapula $version\$" <<< "$out" || fail "$launcher --version: no 'scapula $version' in: $out"
  grep -q "^plugin API 3\.[0-9]" <<< "$out" || fail "$launcher --version: no plugin API line in: $out"
  grep -q "^Java .*$home/runtime" <<< "$out" || fail "$launcher --version: not the bundled runtime: $out"
  demo="$work/demo-$RANDOM"
  run "$launcher" demo --dir "$demo" > "$work/demo.txt" 2>&1 || { cat "$work/demo.txt" >&2; fail "$launcher demo failed"; }
  grep -q '^demo: every step gave the expected result' "$work/demo.txt" || { cat "$work/demo.txt" >&2; fail "$launcher demo: no verdict"; }
  run "$launcher" verify -r "$demo/counter.scap" -H "$work/plugins/libfields.so" > "$work/verify.txt" 2>&1 \
    || { cat "$work/verify.txt" >&2; fail "$launcher verify of a plugin outside the bundle failed"; }
  grep -q "$work/plugins/libfields.so" "$work/verify.txt" || { cat "$work/verify.txt" >&2; fail "verify does not name the plugin it loaded"; }
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
how=natively
[ "$arch" != "$(uname -m)" ] && how="under qemu-user${wrapper:+ ($wrapper)}"
echo "bundle-test $arch: ok ($(basename "$tarball") $how: --version, demo and verify of a plugin outside the bundle, read-only, through a symlink, with a failing java on PATH; the examples in the jar, no fixture)"
