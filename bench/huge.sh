#!/usr/bin/env bash
# Huge-image check: a SIZE x SIZE EM (default 16384) through predict, register and apply with a HEAP (default 3g)
# Java heap. Prints wall time, peak heap (from the GC log) and max RSS (/usr/bin/time -v) per command.
# The LM is the EM shrunk by LM_FACTOR (default 4; the registration accepts scales 0.2-5, so 8 fails by design).
# Usage: bench/huge.sh [SIZE] [HEAP] [LM_FACTOR]   e.g. bench/huge.sh 16384 3g 4   or   bench/huge.sh 4096 320m 4
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-16384}"; heap="${2:-3g}"; lmf="${3:-4}"
mod="$root/org.knime.deepclem"
work="${HUGE_WORK:-$(mktemp -d /tmp/deepclem-huge.XXXXXX)}"
[ -n "${HUGE_NO_BUILD:-}" ] || (cd "$root" && mvn -B -q -o -DskipTests package test-compile >&2)
cp="$mod/target/classes:$mod/target/test-classes:$(cat "$mod/target/runtime-classpath.txt")"
export TF_CPP_MIN_LOG_LEVEL=2
[ -f "$work/in/known.json" ] && [ -f "$work/in/lm.png" ] && [ "$(cat "$work/in/lm_factor" 2>/dev/null)" = "$lmf" ] || java -Xmx8g -cp "$cp" org.knime.deepclem.reliability.HugeInputs "$work/in" "$size" "$lmf"
echo "$lmf" > "$work/in/lm_factor"
steps="${HUGE_STEPS:-predict register apply}"  # e.g. HUGE_STEPS=apply HUGE_WORK=/tmp/x bench/huge.sh to redo one step
run() { # name, deepclem arguments...
  local name="$1"; shift
  local t0; t0=$(date +%s.%N)
  set +e
  /usr/bin/time -v -o "$work/$name.time" java "-Xmx$heap" "-Xlog:gc:file=$work/$name.gc" -cp "$cp" \
    org.knime.deepclem.cli.Main "$@" > "$work/$name.out" 2>&1
  local rc=$?
  set -e
  if [ "$rc" != 0 ] && ! { [ "$name" = register ] && [ "$rc" = 1 ]; }; then failed=1; fi
  local secs; secs=$(echo "$(date +%s.%N) - $t0" | bc)
  local rss; rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/$name.time")
  # peak heap: the largest "before" figure of any GC line, e.g. "Pause Young ... 2345M->1200M(3072M)"
  local peak; peak=$(grep -o '[0-9]*M->' "$work/$name.gc" | sed 's/M->//' | sort -n | tail -1 || true)
  printf '%-9s exit %d  %6.1f s  peak heap %5s MB  max RSS %5s MB  (-Xmx%s, %sx%s EM)  %s\n' "$name" "$rc" "$secs" \
    "${peak:-?}" "$rss" "$heap" "$size" "$size" "$(tail -1 "$work/$name.out")"
}
has() { [[ " $steps " == *" $1 "* ]] && rm -rf "${work:?}/$1"; }
has predict && run predict predict --em "$work/in/em.tif" --model "$work/in/model" --out "$work/predict/vc.tif"
has register && run register register --em "$work/in/em.tif" --lm "$work/in/lm.png" --model "$work/in/model" --out "$work/register"
# apply with the transform the inputs were made with (in/known.json): the register step may rightly call the
# tiled, self-repeating EM ambiguous
has apply && run apply apply --transform "$work/in/known.json" --reference "$work/in/em.tif" --out "$work/apply" \
  "$work/in/lm.png"
echo "work folder: $work"
exit "${failed:-0}"
