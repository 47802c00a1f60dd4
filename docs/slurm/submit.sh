#!/bin/bash
# Registers every pair of a list on a Slurm cluster: an array of SHARDS batch jobs, then one merge job.
#   PAIRS=/data/project/pairs.csv OUT=/data/project/deepclem SHARDS=16 bash submit.sh
# `deepclem` must be on the PATH of the compute nodes; MODEL (optional) is a trained model's folder or .zip.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PAIRS:?set PAIRS}" "${OUT:?set OUT}" "${SHARDS:?set SHARDS}"
export PAIRS OUT SHARDS MODEL="${MODEL:-}"
array=$(sbatch --parsable --export=ALL --array=1-"$SHARDS" "$here/deepclem-array.sbatch")
# afterany: merge also when a shard failed, so that the report names what is missing
sbatch --export=ALL --dependency=afterany:"$array" "$here/deepclem-merge.sbatch"
