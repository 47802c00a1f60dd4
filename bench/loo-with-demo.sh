#!/usr/bin/env bash
# Experiment (issue 14, item 4; stop 28): the demo pair as a fourth, pseudo-labelled training pair.
# For each held-out section sN:
#   1. the held-out model PSEUDO/loo-sN.zip (trained without sN) registers the demo pair (deepclem register);
#   2. its registered chromatin, in the demo EM's frame, and the demo EM become a training pair beside the two other
#      hand-registered sections (a folder of links and two TIFFs under OUT/train-sN);
#   3. a model is trained on those three pairs as scripts/train-loo-models.sh trains (4000 steps, best validation step,
#      seed SEED) -> OUT/loo-sN.zip;
#   4. LeaveOneOutEvaluation registers sN's held-out cases with it -> OUT/loo-sN.csv (24 crops x 3 poses).
# sN never reaches a model that labels or learns: the pseudo-label comes from a model that did not see sN either.
# Compare with the same seed's held-out models without the demo:
#   LeaveOneOutEvaluation --summarize OUT/all.csv [--paired BASELINE.csv]
# Usage: bench/loo-with-demo.sh SEED PSEUDO_MODELS_DIR OUT_DIR [SECTION...]   (about 5 min per section on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seed="$1" pseudo="$2" out="$3"
shift 3
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(s6 s7 s8)
mod="$root/org.knime.deepclem"
(cd "$root" && mvn -B -q -o -pl org.knime.deepclem -am -DskipTests package >&2 \
  || mvn -B -q -pl org.knime.deepclem -am -DskipTests package >&2)
cp="$mod/target/test-classes:$mod/target/classes:$(cat "$mod/target/runtime-classpath.txt")"
data="$root/data/deepclem"
mkdir -p "$out"
for s in "${sections[@]}"; do
  train="$out/train-$s"
  rm -rf "$train" "$out/demo-$s"
  mkdir -p "$train/em" "$train/chromatin"
  "$root/deepclem" register --em "$data/example/EM.png" --lm "$data/example/Chromatin.png" \
    --model "$pseudo/loo-$s.zip" --out "$out/demo-$s" >&2
  for o in s6 s7 s8; do
    [ "$o" = "$s" ] && continue
    ln -s "$data/training/em/$o.png" "$train/em/$o.png"
    ln -s "$data/training/chromatin/$o.png" "$train/chromatin/$o.png"
  done
  # the EM as it is (training equalises it, as for every pair); pairs are matched by file name
  "$root/deepclem" preprocess "$data/example/EM.png" --out "$train/em/demo.tif" --equalize none >&2
  cp "$out/demo-$s/Chromatin_registered.tif" "$train/chromatin/demo.tif"
  "$root/deepclem" train --em "$train/em" --chromatin "$train/chromatin" --out "$out/loo-$s.zip" --steps 4000 \
    --scale 0.25 --patch 64 --batch 8 --seed "$seed" --max-minutes 60 --overwrite > "$out/train-$s.log" 2>&1
  tail -1 "$out/train-$s.log" >&2
  rm -f "$out/loo-$s.csv"
  java -cp "$cp" org.knime.deepclem.evaluation.LeaveOneOutEvaluation --root "$root" --models "$out" --sections "$s" \
    --methods pipeline --csv "$out/loo-$s.csv" > "$out/loo-$s.log" 2>&1
done
{ head -1 "$out/loo-${sections[0]}.csv"; for s in "${sections[@]}"; do tail -n +2 "$out/loo-$s.csv"; done; } > "$out/all.csv"
java -cp "$cp" org.knime.deepclem.evaluation.LeaveOneOutEvaluation --root "$root" --summarize "$out/all.csv"
