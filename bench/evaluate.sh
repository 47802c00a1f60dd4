#!/usr/bin/env bash
# Held-out evaluation of the whole DeepCLEM pipeline (see docs/evaluation.md).
# 1. Trains the leave-one-section-out models bench/models/loo-sN.zip with scripts/train-loo-models.sh (same settings and
#    steps as the bundled model) for the sections evaluated, unless present. One at a time, with nice: the cores are
#    shared. Set DEEPCLEM_LOO_MODELS to evaluate models trained elsewhere (other seeds or flags).
# 2. Runs org.knime.deepclem.evaluation.LeaveOneOutEvaluation (test scope): synthetic cases per held-out section,
#    registered by the pipeline with the held-out model, by SIFT directly on EM vs LM and by elastix; prints a table.
# Usage: bench/evaluate.sh [--cases N] [--poses P] [--baseline-cases K] [--sections s6,s7,s8]
#        [--methods pipeline,unrelated,mirrored,pipeline+mirror,mirrored+mirror,pipeline+tta,sift,elastix]
#        [--verbose]   (any options are passed to LeaveOneOutEvaluation; defaults: 24 cases, baselines on all of them)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${DEEPCLEM_LOO_MODELS:-$root/bench/models}"
mkdir -p "$models"
mod="$root/org.knime.deepclem"
# build first (the launcher would otherwise build on the first train call), plus the test classes
(cd "$root" && nice mvn -B -q -o -pl org.knime.deepclem -am -DskipTests package >&2 \
  || nice mvn -B -q -pl org.knime.deepclem -am -DskipTests package >&2)
touch "$mod/target/runtime-classpath.txt"
# only the sections asked for: a models folder of other seeds or flags must not be filled up with default models
sections="s6,s7,s8"
args=("$@")
for i in "${!args[@]}"; do
  [ "${args[$i]}" = "--sections" ] && sections="${args[$((i + 1))]:-$sections}"
done
for s in ${sections//,/ }; do
  [ -f "$models/loo-$s.zip" ] && continue
  start=$(date +%s)
  nice "$root/scripts/train-loo-models.sh" "$models" "$s" >&2
  echo "== $s trained in $(( $(date +%s) - start )) s" >&2
done
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
echo "== machine load before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
exec nice java -cp "$mod/target/test-classes:$mod/target/classes:$(cat "$mod/target/runtime-classpath.txt")" \
  org.knime.deepclem.evaluation.LeaveOneOutEvaluation --root "$root" --models "$models" "$@"
