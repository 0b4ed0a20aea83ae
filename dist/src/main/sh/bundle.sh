#!/usr/bin/env bash
# Builds scapula-VERSION-linux-x86_64.tar.gz and scapula-VERSION-linux-aarch64.tar.gz (each with its
# .sha256) in TARGET: the shaded jar, a runtime jlink makes with only the JDK modules jdeps finds in
# it, the launcher, completion, man pages and licence texts. The aarch64 bundle's jar carries the
# sample plugins and the call library cross-compiled with aarch64-linux-gnu-gcc, and its runtime is
# linked by this JDK's jlink from an aarch64 JDK's jmods: SCAPULA_AARCH64_JDK, or else Debian's
# openjdk-N-jdk-headless:arm64 package, fetched with apt-get download into TARGET.
set -euo pipefail
version=$1 root=$2 target=$3
jdk_bin="$(dirname "$(readlink -f "$(command -v java)")")"
[ -n "${JAVA_HOME:-}" ] && jdk_bin="$JAVA_HOME/bin"
name="scapula-$version"
die() { echo "dist: $*" >&2; exit 1; }

# What every architecture shares: the jar, the launcher, completion, man pages, licence texts.
common="$target/bundle/common/$name"
rm -rf "$target/bundle" && mkdir -p "$common/bin" "$common/lib" "$common/share/doc/scapula"
cp "$root/cli/target/scapula.jar" "$common/lib/scapula.jar"
cp "$root/capture-format/target/classes/dev/scapula/capture/jvm.options" "$common/lib/jvm.options"
cp "$root/dist/src/main/sh/scapula" "$common/bin/scapula" && chmod 755 "$common/bin/scapula"
read -r -a flags < "$common/lib/jvm.options"
# bash completion and man pages for every command, from the picocli definitions (man pages as
# AsciiDoc: asciidoctor -b manpage turns them into roff; the text reads as it is)
mkdir -p "$common/share/bash-completion/completions" "$common/share/man/man1"
"$jdk_bin/java" "${flags[@]}" -cp "$common/lib/scapula.jar" picocli.AutoComplete --name scapula \
  --completionScript "$common/share/bash-completion/completions/scapula" --force dev.scapula.cli.Scapula
"$jdk_bin/java" "${flags[@]}" -cp "$common/lib/scapula.jar:$target/tools/picocli-codegen.jar" \
  picocli.codegen.docgen.manpage.ManPageGenerator -d "$common/share/man/man1" dev.scapula.cli.Scapula
cp "$root/README.md" "$common/share/doc/scapula/README.md"
# the README links into docs/ (relative links), so the pages travel with it
[ -d "$root/docs" ] && cp -r "$root/docs" "$common/share/doc/scapula/docs"
[ -f "$root/LICENSE" ] && cp "$root/LICENSE" "$common/share/doc/scapula/LICENSE"
# the licence texts of the libraries inside the jar, as their jars carry them
(cd "$common/share/doc/scapula" && mkdir -p libraries && cd libraries \
  && unzip -q -o "$common/lib/scapula.jar" 'META-INF/LICENSE*' 'META-INF/NOTICE*' 'META-INF/*/LICENSE*' 2>/dev/null || true)

# jdeps misses what is loaded by name (JNA, Chronicle, the JSON schema validator): the modules it
# finds plus the few such libraries reach for at run time.
modules="$("$jdk_bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 -q "$common/lib/scapula.jar")"
modules="$modules,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management"

# bundle ARCH JAR JLINK_OPTIONS...: one tarball from the common files, JAR and a runtime
bundle() {
  local arch=$1 jar=$2; shift 2
  local stage="$target/bundle/$arch/$name" tarball="$target/$name-linux-$arch.tar.gz"
  mkdir -p "$(dirname "$stage")" && cp -a "$common" "$stage" && cp "$jar" "$stage/lib/scapula.jar"
  "$jdk_bin/jlink" --add-modules "$modules" --no-header-files --no-man-pages --compress=2 "$@" \
    --output "$stage/runtime" >/dev/null
  cp -r "$stage/runtime/legal" "$stage/share/doc/scapula/java-runtime-legal"
  tar -C "$(dirname "$stage")" --owner=0 --group=0 -czf "$tarball" "$name"
  (cd "$target" && sha256sum "$(basename "$tarball")" > "$(basename "$tarball").sha256")
  echo "dist: wrote $tarball"
}

# --generate-cds-archive: the runtime's own class-data archive (-Xshare:auto in jvm.options uses it);
# without it every start loads and verifies the JDK's classes one by one. jlink makes it by running
# the linked java, so only for the machine's own architecture. An archive of scapula's own classes is
# left out: on JDK 17 it only works from the folder it was made in, not where a user unpacks.
bundle x86_64 "$common/lib/scapula.jar" --strip-debug --generate-cds-archive

# aarch64: an aarch64 JDK for its jmods and jni headers, of this JDK's feature release (jlink
# links only jmods of its own release)
feature="$("$jdk_bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
arm_jdk="${SCAPULA_AARCH64_JDK:-$target/aarch64-jdk/usr/lib/jvm/java-$feature-openjdk-arm64}"
if [ ! -d "$arm_jdk/jmods" ]; then
  [ -n "${SCAPULA_AARCH64_JDK:-}" ] && die "SCAPULA_AARCH64_JDK=$arm_jdk has no jmods folder"
  command -v apt-get >/dev/null || die "no aarch64 JDK: set SCAPULA_AARCH64_JDK to one (its jmods and include folders)"
  mkdir -p "$target/debs"
  (cd "$target/debs" && apt-get download -q "openjdk-$feature-jdk-headless:arm64" >/dev/null 2>&1) \
    || die "apt-get download openjdk-$feature-jdk-headless:arm64 failed (is the arm64 architecture added: dpkg --add-architecture arm64; apt-get update?)"
  dpkg-deb -x "$target"/debs/openjdk-"$feature"-jdk-headless_*_arm64.deb "$target/aarch64-jdk"
fi
cross=aarch64-linux-gnu-gcc
command -v "$cross" >/dev/null || die "$cross not found (Debian: apt-get install gcc-aarch64-linux-gnu)"
# the jar with every native file of ours rebuilt for aarch64, at the same names (JNA's jar already
# carries its linux-aarch64 library)
natives="$target/aarch64-natives"  # beside bundle/, so the Go build cache (TARGET/go-cache) is kept
rm -rf "$natives" "$target/aarch64-fixtures"
mkdir -p "$natives/dev/scapula/plugin/call"
# (the fixtures, which only tests load, are built too and left out)
CC=$cross GOARCH=arm64 sh "$root/sample-captures/src/main/c/build.sh" "$root/sample-captures/src/main/c" \
  "$natives/dev/scapula/samples" "$target/aarch64-fixtures/dev/scapula/samples" >/dev/null
CC=$cross sh "$root/plugin-host/src/main/c/build.sh" "$natives/dev/scapula/plugin/call/libscapula_calls.so" "$arm_jdk"
# every native entry of the x86_64 jar must have its aarch64 twin, and no more
unzip -Z1 "$common/lib/scapula.jar" 'dev/scapula/samples/*' 'dev/scapula/plugin/call/*.so' | grep -v -e '/$' -e '\.class$' | sort > "$natives.x86_64"
(cd "$natives" && find dev -type f | sort) > "$natives.aarch64"
diff "$natives.x86_64" "$natives.aarch64" >&2 || die "the aarch64 natives differ from the x86_64 jar's (above: < x86_64 only, > aarch64 only)"
cp "$common/lib/scapula.jar" "$natives.jar"
(cd "$natives" && "$jdk_bin/jar" --update --file "$natives.jar" $(cat "$natives.aarch64"))
bundle aarch64 "$natives.jar" --module-path "$arm_jdk/jmods" --strip-java-debug-attributes \
  --strip-native-debug-symbols "objcopy=$(command -v aarch64-linux-gnu-objcopy)"
