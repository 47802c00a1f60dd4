#!/usr/bin/env bash
# Which training step registers a held-out section best (docs/evaluation.md, "Which step to keep"): trains the
# leave-one-out model of SECTION as scripts/train-loo-models.sh does (seed SEED, default 42), writes its weights every
# EVERY steps (default 400) with org.knime.deepclem.engine.train.CheckpointSweep (test scope), then registers the
# held-out section with each checkpoint (24 crops, one pose) and prints one table row per step.
# Usage: bench/checkpoint-sweep.sh SECTION [SEED] [EVERY] [OUT_DIR]   (CSVs: OUT_DIR/step-NNNN.csv)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
section="$1" seed="${2:-42}" every="${3:-400}" out="${4:-$root/target/checkpoint-sweep-$1}"
mod="$root/org.knime.deepclem"
(cd "$root" && mvn -B -q -o -pl org.knime.deepclem -am -DskipTests package >&2 \
  || mvn -B -q -pl org.knime.deepclem -am -DskipTests package >&2)
cp="$mod/target/test-classes:$mod/target/classes:$(cat "$mod/target/runtime-classpath.txt")"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
nice java -cp "$cp" org.knime.deepclem.engine.train.CheckpointSweep "$root" "$section" "$seed" "$every" "$out/models" \
  2>&1 | grep -v '^I0000\|^WARNING'
for d in "$out"/models/step-*; do
  step="$(basename "$d")"
  nice java -cp "$cp" org.knime.deepclem.evaluation.LeaveOneOutEvaluation --root "$root" --models "$d" \
    --sections "$section" --methods pipeline --cases 24 --poses 1 --csv "$out/$step.csv" 2>/dev/null \
    | grep "^$section " | head -1 | sed "s/^/$step /"
done
