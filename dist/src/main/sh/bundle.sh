#!/usr/bin/env bash
# Builds scapula-VERSION-linux-x86_64.tar.gz (and its .sha256) in TARGET: the shaded jar, a
# runtime jlink makes with only the JDK modules jdeps finds in it, the launcher and licence texts.
set -euo pipefail
version=$1 root=$2 target=$3
jdk_bin="$(dirname "$(readlink -f "$(command -v java)")")"
[ -n "${JAVA_HOME:-}" ] && jdk_bin="$JAVA_HOME/bin"
name="scapula-$version"
stage="$target/bundle/$name"
rm -rf "$target/bundle" && mkdir -p "$stage/bin" "$stage/lib" "$stage/share/doc/scapula"
cp "$root/cli/target/scapula.jar" "$stage/lib/scapula.jar"
cp "$root/capture-format/target/classes/dev/scapula/capture/jvm.options" "$stage/lib/jvm.options"
cp "$root/dist/src/main/sh/scapula" "$stage/bin/scapula" && chmod 755 "$stage/bin/scapula"
# jdeps misses what is loaded by name (JNA, Chronicle, the JSON schema validator): the modules it
# finds plus the few such libraries reach for at run time.
modules="$("$jdk_bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 -q "$stage/lib/scapula.jar")"
modules="$modules,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management"
# --generate-cds-archive: the runtime's own class-data archive (-Xshare:auto in jvm.options uses it);
# without it every start loads and verifies the JDK's classes one by one. An archive of scapula's own
# classes is left out: on JDK 17 it only works from the folder it was made in, not where a user unpacks.
"$jdk_bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --generate-cds-archive --output "$stage/runtime" >/dev/null
# bash completion from the picocli definitions, made by the bundled runtime itself
mkdir -p "$stage/share/bash-completion/completions"
read -r -a flags < "$stage/lib/jvm.options"
"$stage/runtime/bin/java" "${flags[@]}" -cp "$stage/lib/scapula.jar" picocli.AutoComplete --name scapula \
  --completionScript "$stage/share/bash-completion/completions/scapula" --force dev.scapula.cli.Scapula
# man pages for every command from the same definitions, as AsciiDoc (asciidoctor -b manpage turns
# them into roff; the text reads as it is)
mkdir -p "$stage/share/man/man1"
"$stage/runtime/bin/java" "${flags[@]}" -cp "$stage/lib/scapula.jar:$target/tools/picocli-codegen.jar" \
  picocli.codegen.docgen.manpage.ManPageGenerator -d "$stage/share/man/man1" dev.scapula.cli.Scapula
cp "$root/README.md" "$stage/share/doc/scapula/README.md"
[ -f "$root/LICENSE" ] && cp "$root/LICENSE" "$stage/share/doc/scapula/LICENSE"
cp -r "$stage/runtime/legal" "$stage/share/doc/scapula/java-runtime-legal"
# the licence texts of the libraries inside the jar, as their jars carry them
(cd "$stage/share/doc/scapula" && mkdir -p libraries && cd libraries \
  && unzip -q -o "$stage/lib/scapula.jar" 'META-INF/LICENSE*' 'META-INF/NOTICE*' 'META-INF/*/LICENSE*' 2>/dev/null || true)
tarball="$target/$name-linux-x86_64.tar.gz"
tar -C "$target/bundle" --owner=0 --group=0 -czf "$tarball" "$name"
(cd "$target" && sha256sum "$(basename "$tarball")" > "$(basename "$tarball").sha256")
echo "dist: wrote $tarball ($modules)"
