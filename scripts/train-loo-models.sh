#!/usr/bin/env bash
# Trains the leave-one-section-out models for held-out evaluation: for each training section sN, a model trained on
# the other pairs only (deepclem train --exclude sN). Same settings and steps as the bundled model (docs/model.md); the
# 60-minute cap only guards against a stalled machine (4000 steps take about 26 minutes on an idle 2-core machine). Usage: scripts/train-loo-models.sh [OUT_DIR] [SECTION...]
# Default OUT_DIR: target/loo-models (ignored by git); default sections: s6 s7 s8.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/loo-models}"
shift || true
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(s6 s7 s8)
mkdir -p "$out"
for s in "${sections[@]}"; do
  echo "== leave out $s -> $out/loo-$s.zip" >&2
  "$root/deepclem" train --em "$root/data/deepclem/training/em" --chromatin "$root/data/deepclem/training/chromatin" \
    --exclude "$s" --out "$out/loo-$s.zip" --steps 4000 --scale 0.25 --patch 64 --batch 8 --seed 42 \
    --max-minutes 60 --overwrite
done
