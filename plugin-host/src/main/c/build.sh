#!/bin/sh
# Builds the host's JNI call library. Called by the Maven build with gcc, and by the release
# bundle with a cross compiler in CC (then JNI_HOME is the target JDK, for its jni headers).
# Usage: build.sh OUTPUT_FILE JNI_HOME
set -eu
src="$(dirname "$0")"
"${CC:-gcc}" -O2 -fPIC -shared -Wall -Wextra -Werror -I"$2/include" -I"$2/include/linux" \
  -o "$1" "$src/plugin_calls.c" "$src/table_digest.c"
