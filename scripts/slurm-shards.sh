#!/usr/bin/env bash
# Submits `callcap COMMAND SCENARIO... --shard K/N` as a Slurm job array of N
# tasks, and a merge job that runs only when every task succeeded
# (--dependency=afterok). Run it from the checkout, on a shared file system:
#
#   scripts/slurm-shards.sh 8 plan scenarios/launch-day.yaml
#
# Shard files go to $SHARDS (default shards/), the merged report to $OUT
# (default reports/). Prints the two job ids. Not yet exercised on a real
# cluster by CI.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 N COMMAND SCENARIO... [OPTIONS]" >&2
  exit 64
fi
n=$1
shift
callcap=${CALLCAP:-$(pwd)/.build/release/callcap}
shards=${SHARDS:-shards}
out=${OUT:-reports}
args=$(printf '%q ' "$@")
mkdir -p "$shards"
array=$(sbatch --parsable --job-name=callcap-shard --array="1-$n" --output="$shards/slurm-%A_%a.out" \
  --wrap "$callcap $args --shard \$SLURM_ARRAY_TASK_ID/$n --out $shards --quiet")
merge=$(sbatch --parsable --job-name=callcap-merge --dependency="afterok:$array" --output="$shards/slurm-merge-%j.out" \
  --wrap "$callcap merge $shards/*.shard-*-of-$n.json --out $out")
echo "shards: job $array (array 1-$n); merge: job $merge"
