#!/usr/bin/env bash
# Registration benchmark: stage times (1280x954 and 8192x8192 pairs) and the synthetic cases through the engine's
# feature and correlation methods and Debian's elastix side by side. Options: --cases N, --big SIZE, --elastix PATH|none.
# Needs elastix on the PATH for the comparison (apt-get install -y elastix). Output is markdown on stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mod="$root/org.knime.deepclem"
cp_file="$mod/target/runtime-classpath.txt"
if [ ! -f "$cp_file" ] || [ -n "$(find "$mod/src" "$mod/pom.xml" "$root/pom.xml" -newer "$cp_file" -print -quit 2>/dev/null)" ]; then
  echo "registration.sh: building (first run or sources changed)..." >&2
  (cd "$root" && mvn -B -q -DskipTests package >&2)
fi
exec java -Xmx2g -Ddeepclem.root="$root" -cp "$mod/target/test-classes:$mod/target/classes:$(cat "$cp_file")" \
  org.knime.deepclem.engine.registration.RegistrationBenchmark "$@"
