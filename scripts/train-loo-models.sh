#!/usr/bin/env bash
# Trains the leave-one-section-out models for held-out evaluation: for each training section sN, a model trained on
# the other pairs only (deepclem train --exclude sN). Same settings and steps as the bundled model (docs/model.md); the
# 60-minute cap only guards against a stalled machine (4000 steps take 5-7 minutes on a 2-core machine).
# Usage: scripts/train-loo-models.sh [--seed=N] [other train flags, e.g. --average-weights] [OUT_DIR] [SECTION...]
# Default seed 42, OUT_DIR target/loo-models (ignored by git), sections s6 s7 s8.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seed=42
flags=()
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --seed=*) seed="${1#--seed=}" ;;
    *) flags+=("$1") ;;
  esac
  shift
done
out="${1:-$root/target/loo-models}"
shift || true
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(s6 s7 s8)
mkdir -p "$out"
for s in "${sections[@]}"; do
  echo "== leave out $s -> $out/loo-$s.zip (seed $seed${flags[*]:+, ${flags[*]}})" >&2
  "$root/deepclem" train --em "$root/data/deepclem/training/em" --chromatin "$root/data/deepclem/training/chromatin" \
    --exclude "$s" --out "$out/loo-$s.zip" --steps 4000 --scale 0.25 --patch 64 --batch 8 --seed "$seed" \
    --max-minutes 60 --overwrite ${flags[@]+"${flags[@]}"}
done
