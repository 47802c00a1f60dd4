#!/usr/bin/env bash
# The same work on an earlier commit and on this checkout, side by side, for changes that should alter no result
# (docs/evaluation.md, "Before and after"). Builds REV in a temporary git worktree, then, for each build, in turns:
#   1. `deepclem batch` on N pairs (bench/speed.sh's pairs: the 1280x954 sections under synthetic LM poses), ROUNDS
#      times, alternating builds so that both see the same machine load; wall time per pair;
#   2. bench/registration.sh --cases CASES --big 0 --elastix none: stage times and the synthetic registration cases.
#   0. `deepclem register` on one of those pairs with its pixel sizes given (one JVM per pair, start-up and model load
#      included), REGISTERS times per build, alternating; median wall time (REGISTERS 0: no step 0);
# Then compares the batch results file by file: summary.csv without its seconds column, each transform.json, each
# virtual chromatin, registered image and overlay.
# Usage: bench/before-after.sh REV [N] [ROUNDS] [CASES] [REGISTERS]   (defaults: 16 pairs, 2 rounds, 6 cases,
# 0 registers; CASES 0: no step 2)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rev="${1:?usage: bench/before-after.sh REV [N] [ROUNDS] [CASES]}"
n="${2:-16}" rounds="${3:-2}" cases="${4:-6}" registers="${5:-0}"
work="$(mktemp -d)"
base="$work/base"
cleanup() { git -C "$root" worktree remove --force "$base" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git -C "$root" worktree add --detach "$base" "$rev" >/dev/null 2>&1
label_base="$(git -C "$base" log -1 --format='%h %s' | cut -c1-70)"
label_head="$(git -C "$root" log -1 --format='%h' HEAD)$(git -C "$root" diff --quiet HEAD || echo '+uncommitted')"
echo "== before: $label_base"
echo "== after:  $label_head (this checkout)"
for tree in "$base" "$root"; do
  (cd "$tree" && ./deepclem --version >/dev/null)   # builds if stale, outside the timing
  (cd "$tree" && mvn -B -q -DskipTests test-compile >&2)
done
mod="$root/org.knime.deepclem"
java -cp "$mod/target/test-classes:$mod/target/classes:$(cat "$mod/target/runtime-classpath.txt")" \
  org.knime.deepclem.evaluation.SpeedPairs "$root" "$work/pairs" "$n"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ "$registers" -gt 0 ]; then
  # the pair of bench/speed.sh's register figure: LM px = 1.6 EM px, so these sizes give the scale prior
  declare -A walls=([before]="" [after]="")
  for r in $(seq 1 "$registers"); do
    for side in before after; do
      tree="$root"; [ "$side" = before ] && tree="$base"
      rm -rf "$work/register-$side"
      start=$(date +%s.%N)
      "$tree/deepclem" register --em "$root/data/deepclem/training/em/s6.png" --lm "$work/pairs/lm0.png" \
        --em-pixel-size 10nm --lm-pixel-size 16nm --out "$work/register-$side" >/dev/null || echo "   $side: exit $?"
      walls[$side]+="$(echo "$start $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }') "
    done
  done
  for side in before after; do
    echo "${walls[$side]}" | tr ' ' '\n' | grep . | sort -n | awk -v s="$side" '{ v[NR] = $1 } END {
      m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "== %s: deepclem register, sizes known: median %.2f s wall of %d runs (min %.2f, max %.2f)\n", s, m, NR, v[1], v[NR] }'
  done
  echo "== load after registers: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
declare -A total=([before]=0 [after]=0)
for r in $(seq 1 "$rounds"); do
  for side in before after; do
    tree="$root"; [ "$side" = before ] && tree="$base"
    out="$work/$side-$r"
    start=$(date +%s.%N)
    "$tree/deepclem" batch --pairs "$work/pairs/pairs.csv" --out "$out" >/dev/null || [ $? -eq 1 ]
    secs=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }')
    total[$side]=$(echo "${total[$side]} $secs" | awk '{ print $1 + $2 }')
    echo "$side round $r: batch of $n pairs $secs s wall, $(echo "$secs $n" | awk '{ printf "%.2f", $1 / $2 }') s per pair"
  done
done
for side in before after; do
  echo "${total[$side]} $n $rounds" | awk -v s="$side" '{ printf "== %s: %.2f s per pair (mean of %d rounds)\n", s, $1 / ($2 * $3), $3 }'
done
echo "== load after batches: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== results of round 1, before vs after"
strip_seconds() { awk -F, -v OFS=, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == "seconds") s = i } { if (s) $s = ""; print }' "$1"; }
if diff <(strip_seconds "$work/before-1/summary.csv") <(strip_seconds "$work/after-1/summary.csv") >/dev/null; then
  echo "summary.csv (without seconds): identical"
else
  echo "summary.csv (without seconds): DIFFERS; the values that differ, before -> after:"
  awk -F, '{ sub(/\r$/, "") } NR == FNR { if (FNR == 1) split($0, name, ","); row[FNR] = $0; next }
    $0 != row[FNR] { split(row[FNR], b, ","); for (i = 1; i <= NF; i++) if (b[i] != $i) printf "  %s %s: %s -> %s\n", $1, name[i], b[i], $i }' \
    "$work/before-1/summary.csv" "$work/after-1/summary.csv" | grep -v ' seconds: ' | head -n 40 || true
fi
(cd "$work/before-1" && find . -type f ! -name summary.csv | sort) > "$work/files"
declare -A same differ
while read -r f; do
  kind="${f##*/}"; kind="${kind%.*}"; case "$kind" in *_registered) kind="registered-images";; esac
  if cmp -s "$work/before-1/$f" "$work/after-1/$f"; then
    same[$kind]=$(( ${same[$kind]:-0} + 1 ))
  else
    differ[$kind]=$(( ${differ[$kind]:-0} + 1 ))
  fi
done < "$work/files"
printf '%s\n' "${!same[@]}" "${!differ[@]}" | sort -u | while read -r k; do
  echo "$k: ${same[$k]:-0} byte-identical, ${differ[$k]:-0} differ"
done
# how far the images that differ are apart (round 1, before -> after)
images=()
while read -r f; do
  case "$f" in *.tif|*.png) cmp -s "$work/before-1/$f" "$work/after-1/$f" || images+=("$work/before-1/$f" "$work/after-1/$f");; esac
done < "$work/files"
if [ ${#images[@]} -gt 0 ]; then
  java -cp "$mod/target/test-classes:$mod/target/classes:$(cat "$mod/target/runtime-classpath.txt")" \
    org.knime.deepclem.evaluation.ImageDiff "${images[@]}" | sed "s/^/  /" | head -n 40 || true
fi

[ "$cases" -gt 0 ] || exit 0
for side in before after; do
  tree="$root"; [ "$side" = before ] && tree="$base"
  echo
  echo "== $side: bench/registration.sh --cases $cases --big 0 --elastix none"
  "$tree/bench/registration.sh" --cases "$cases" --big 0 --elastix none
done
