#!/bin/sh
# A plain shell step, for any CI or a terminal: builds the plugin, fetches its previous release and
# the bundle for this machine, checks the bundle's sha256, and runs lint, verify and diff on the
# plugin; the first that finds a problem stops the step with its exit code (1 findings, 2 bad
# input). Replace OWNER with where scapula is published.
set -eu
version=${SCAPULA_VERSION:-0.1.0}
releases=${SCAPULA_RELEASES:-https://github.com/OWNER/scapula/releases/download}
previous=${PREVIOUS_RELEASE:-https://example.org/releases/libmyplugin-0.3.0.so}
make                                # builds build/libmyplugin.so
curl -sSfLo previous.so "$previous"
bundle="scapula-$version-linux-$(uname -m).tar.gz"
curl -sSfLO "$releases/v$version/$bundle"
curl -sSfLO "$releases/v$version/$bundle.sha256"
sha256sum -c "$bundle.sha256"
tar -xzf "$bundle"
scapula="./scapula-$version/bin/scapula"
"$scapula" lint build/libmyplugin.so --previous previous.so --capture test/captures/sample.scap --fuzz-runs 200 --sarif lint.sarif
"$scapula" verify --corpus test/captures -H build/libmyplugin.so --sarif verify.sarif
"$scapula" diff --corpus test/captures --old previous.so --new build/libmyplugin.so --sarif diff.sarif
