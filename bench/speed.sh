#!/usr/bin/env bash
# Speed of the pipeline from the command line (see docs/evaluation.md): 'deepclem register' on one 1280x954 pair
# (wall time including JVM start and model load) and 'deepclem batch' on N pairs (per-pair time from summary.csv).
# Usage: bench/speed.sh [MODEL] [N]   (MODEL default: the bundled model, N default 8). Prints the machine load, since
# the cores may be shared, and the CPU time next to the wall time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model_opt=()
[ -n "${1:-}" ] && model_opt=(--model "$1")
n="${2:-8}"
mod="$root/org.knime.deepclem"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/deepclem" --version >/dev/null   # builds if stale, outside the timing
java -cp "$mod/target/test-classes:$mod/target/classes:$(cat "$mod/target/runtime-classpath.txt")" \
  org.knime.deepclem.evaluation.SpeedPairs "$root" "$work/pairs" "$n"
TIMEFORMAT='%R s wall, %U s user + %S s sys CPU'
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== deepclem register (1280x954 EM, $(file -b "$work/pairs/lm0.png" | cut -d, -f2) LM) ${model_opt[*]:-(bundled model)}"
time "$root/deepclem" register --em "$root/data/deepclem/training/em/s6.png" --lm "$work/pairs/lm0.png" \
  "${model_opt[@]}" --out "$work/register" || echo "(exit $?)"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== deepclem batch, $n pairs"
time "$root/deepclem" batch --pairs "$work/pairs/pairs.csv" "${model_opt[@]}" --out "$work/batch" || echo "(exit $?)"
awk -F, 'NR > 1 { n++; s += $NF; printf "   %s %s %.2f s\n", $1, $4, $NF } END { printf "== batch: %d pairs, mean %.2f s per pair (summary.csv seconds)\n", n, s / n }' "$work/batch/summary.csv"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
