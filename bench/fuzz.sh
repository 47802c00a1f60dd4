#!/usr/bin/env bash
# Longer fuzzing of the image (PNG/TIFF) and transform (JSON/XML/CSV/TXT) readers than CI's 20 s each.
# Usage: bench/fuzz.sh [SECONDS per target, default 600] [SEED, default: the time] [images|transforms|all]
# Exit code 1 when anything was found; the offending inputs are kept in org.knime.deepclem/target/fuzz-findings/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-600}"; seed="${2:-$(date +%s)}"; what="${3:-all}"
mod="$root/org.knime.deepclem"
(cd "$root" && mvn -B -q -o -DskipTests package test-compile >&2)
cd "$mod"
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/runtime-classpath.txt)" \
  org.knime.deepclem.reliability.Fuzzer "$what" "$secs" "$seed"
