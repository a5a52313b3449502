#!/usr/bin/env bash
# Runs one callcap command as N shards on a Slurm cluster (a job array)
# and merges them in a job that starts only when every shard succeeded.
# The merged folder is byte-identical to the same command on one machine.
#
# Usage: scripts/slurm-shards.sh N OUT COMMAND SCENARIO... [OPTIONS...]
#   e.g. scripts/slurm-shards.sh 8 results run scenarios/launch-day.yaml --replications 400
#
# Shard files go to OUT/shards/, the merged report to OUT/. Prints the
# merge job's id. Environment: CALLCAP (default: callcap on PATH),
# SBATCH_OPTIONS (extra sbatch flags, e.g. "--partition=batch --time=1:00:00").
set -euo pipefail
if [ $# -lt 4 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 64
fi
shards=$1 out=$2
shift 2
callcap=${CALLCAP:-$(command -v callcap || true)}
if [ -z "$callcap" ]; then
  echo "error: callcap not found; set CALLCAP=/path/to/callcap" >&2
  exit 69
fi
case $shards in '' | *[!0-9]* | 0) echo "error: N must be a positive whole number" >&2; exit 64 ;; esac
mkdir -p "$out/shards"
quoted=$(printf ' %q' "$@")

# Each array task K (1...N) runs the replications r with r mod N = K - 1.
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --job-name=callcap-shard --array="1-$shards" \
  --output="$out/shards/slurm-%A_%a.out" \
  --wrap "exec $(printf %q "$callcap")$quoted --shard \$SLURM_ARRAY_TASK_ID/$shards --out $(printf %q "$out/shards") --quiet")
array=${array%%;*}

# The merge waits for every task of the array to end with exit 0, and is
# cancelled when one fails (its dependency can then never be satisfied).
sbatch --parsable ${SBATCH_OPTIONS:-} --job-name=callcap-merge --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$out/slurm-merge-%j.out" \
  --wrap "exec $(printf %q "$callcap") merge $(printf %q "$out/shards")/*.shard-*-of-$shards.json --out $(printf %q "$out") --quiet"
