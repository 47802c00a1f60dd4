#!/usr/bin/env bash
# Speed of the pipeline from the command line (see docs/evaluation.md, "Speed"): 'deepclem register' on one 1280x954
# pair (wall time including JVM start and model load); then N pairs two ways, side by side: the baseline, one
# 'deepclem register' per pair in a shell loop, and one 'deepclem batch' (one JVM, one model load, pairs in parallel).
# Then the same register and batch with the pixel sizes known (--em-pixel-size 10nm --lm-pixel-size 16nm: the pairs'
# LM px = 1.6 EM px), so that the registration searches only scales within 15 % of 1.6 (the scale prior).
# Usage: bench/speed.sh [MODEL] [N] [OPTION...]   (MODEL default, or "": the bundled model; N default 32; OPTIONs go
# to every register and batch, e.g. --mirror). Prints the machine load, since the cores may be shared, and the CPU
# time next to the wall time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model_opt=()
[ -n "${1:-}" ] && model_opt=(--model "$1")
n="${2:-32}"
extra=("${@:3}")
mod="$root/org.knime.deepclem"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/deepclem" --version >/dev/null   # builds if stale, outside the timing
java -cp "$mod/target/test-classes:$mod/target/classes:$(cat "$mod/target/runtime-classpath.txt")" \
  org.knime.deepclem.evaluation.SpeedPairs "$root" "$work/pairs" "$n"
TIMEFORMAT='%R s wall, %U s user + %S s sys CPU'
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== deepclem register (1280x954 EM, $(file -b "$work/pairs/lm0.png" | cut -d, -f2) LM) ${model_opt[*]:-(bundled model)} ${extra[*]}"
time "$root/deepclem" register --em "$root/data/deepclem/training/em/s6.png" --lm "$work/pairs/lm0.png" \
  "${model_opt[@]}" "${extra[@]}" --out "$work/register" || echo "(exit $?)"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
sizes=(--em-pixel-size 10nm --lm-pixel-size 16nm)
echo "== deepclem register, pixel sizes known (${sizes[*]})"
time "$root/deepclem" register --em "$root/data/deepclem/training/em/s6.png" --lm "$work/pairs/lm0.png" \
  "${model_opt[@]}" "${extra[@]}" "${sizes[@]}" --out "$work/register-sized" || echo "(exit $?)"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== baseline: deepclem register once per pair, $n pairs in a shell loop"
start=$(date +%s.%N)
time (tail -n +2 "$work/pairs/pairs.csv" | while IFS=, read -r em lm id; do
  "$root/deepclem" register --em "$em" --lm "$work/pairs/$lm" "${model_opt[@]}" "${extra[@]}" --out "$work/loop/$id" >/dev/null \
    || echo "   $id: exit $?"
done)
echo "$start $(date +%s.%N) $n" | awk '{ printf "== loop: %.2f s per pair (wall / %d)\n", ($2 - $1) / $3, $3 }'
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== deepclem batch, $n pairs"
start=$(date +%s.%N)
time "$root/deepclem" batch --pairs "$work/pairs/pairs.csv" "${model_opt[@]}" "${extra[@]}" --out "$work/batch" | tail -n 1 \
  || echo "(exit $?)"
echo "$start $(date +%s.%N) $n" | awk '{ printf "== batch: %.2f s per pair (wall / %d, start-up and model load included)\n", ($2 - $1) / $3, $3 }'
awk -F, 'NR > 1 { n++; s += $NF; ok += ($5 == "ok") } END { printf "   (each pair took %.2f s on average, two at a time: summary.csv seconds; %d of %d ok)\n", s / n, ok, n }' "$work/batch/summary.csv"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== deepclem batch, $n pairs, pixel sizes known (${sizes[*]})"
start=$(date +%s.%N)
time "$root/deepclem" batch --pairs "$work/pairs/pairs.csv" "${model_opt[@]}" "${extra[@]}" "${sizes[@]}" --out "$work/batch-sized" \
  | tail -n 1 || echo "(exit $?)"
echo "$start $(date +%s.%N) $n" | awk '{ printf "== batch, sizes known: %.2f s per pair (wall / %d, start-up and model load included)\n", ($2 - $1) / $3, $3 }'
awk -F, 'NR > 1 { n++; s += $NF; ok += ($5 == "ok") } END { printf "   (each pair took %.2f s on average, two at a time; %d of %d ok)\n", s / n, ok, n }' "$work/batch-sized/summary.csv"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
