#!/usr/bin/env bash
# Benchmark `plan` on a many-tier scenario (issue 19): scenarios/bench-w1.yaml
# (W1, its 9 default tiers plus the configured CPS) planned with --jobs 1 and
# --jobs 2 back to back, ROUNDS times, each replication N calls. Prints the
# wall time of each, their ratio (best against best, and the median of the
# rounds' own ratios, which share the load of their moment), the replications
# the plan ran, and the machine's load average before and after, since other
# processes on a shared host take cores from --jobs 2 first. As a yardstick
# of what the machine gives a second thread at that moment, each round also
# times `run` of the same W1 with 10 independent replications at --jobs 1
# and 2 (no decision rule: the best a pool can do). The two plans' files are
# compared byte for byte: --jobs never changes the output.
#
# Usage: bench/plan.sh [ROUNDS] [N]     (defaults: 3 rounds, N = 1e5 calls)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
calls=${2:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

swift build -c release >/dev/null
horizon=$(awk -v n="$calls" 'BEGIN { printf "%d", n / 0.8 }')
sed "s/^  horizon: .*/  horizon: ${horizon}s/" scenarios/bench-w1.yaml > "$work/w1.yaml"
mkdir -p "$work/ten"
sed "s/^  replications: .*/  replications: 10/" "$work/w1.yaml" > "$work/ten/w1.yaml"

echo "load before: $(uptime | sed 's/.*load average: //')"
: >"$work/1.times"
: >"$work/2.times"
: >"$work/run1.times"
: >"$work/run2.times"
for round in $(seq "$rounds"); do
  measure .build/release/callcap plan "$work/w1.yaml" --jobs 1 --out "$work/jobs1" --quiet >>"$work/1.times"
  measure .build/release/callcap plan "$work/w1.yaml" --jobs 2 --out "$work/jobs2" --quiet >>"$work/2.times"
  measure .build/release/callcap run "$work/ten/w1.yaml" --jobs 1 --out "$work/run1" --quiet >>"$work/run1.times"
  measure .build/release/callcap run "$work/ten/w1.yaml" --jobs 2 --out "$work/run2" --quiet >>"$work/run2.times"
  echo "round $round: plan --jobs 1 $(tail -1 "$work/1.times" | cut -d' ' -f1) s, --jobs 2 $(tail -1 "$work/2.times" | cut -d' ' -f1) s;" \
    "run of 10 --jobs 1 $(tail -1 "$work/run1.times" | cut -d' ' -f1) s, --jobs 2 $(tail -1 "$work/run2.times" | cut -d' ' -f1) s" >&2
done
echo "load after: $(uptime | sed 's/.*load average: //')"

diff -r "$work/jobs1" "$work/jobs2" >/dev/null || { echo "plan output differs between --jobs 1 and --jobs 2" >&2; exit 1; }
one=$(cut -d' ' -f1 "$work/1.times" | best)
two=$(cut -d' ' -f1 "$work/2.times" | best)
echo "plan bench-w1 (10 settings), N = $calls calls per replication, best of $rounds rounds, whole process:"
awk -v a="$one" -v b="$two" -v ka="$(peak "$work/1.times")" -v kb="$(peak "$work/2.times")" 'BEGIN {
  printf "  --jobs 1  %.2f s  peak %.1f MiB\n  --jobs 2  %.2f s  peak %.1f MiB\n  ratio     %.2f (best of each)\n", a, ka / 1024, b, kb / 1024, b / a }'
round_ratio "$work/2.times" "$work/1.times" 1 | awk '{ printf "            %.2f median of the rounds'"'"' ratios\n", $1 }'
# Work run ahead and then not needed shows as extra CPU time at --jobs 2.
round_ratio "$work/2.times" "$work/1.times" 3 |
  awk '{ printf "            %.2f median of the rounds'"'"' ratios of user CPU time (work run ahead in vain)\n", $1 }'
round_ratio "$work/run2.times" "$work/run1.times" 1 |
  awk '{ printf "  yardstick: run of 10 replications, --jobs 2 / --jobs 1: %.2f median of the rounds'"'"' ratios\n", $1 }'
grep -E '^\| ' "$work/jobs1/bench-w1/report.md" | grep -iE 'replications|CPS' | head -14 | sed 's/^/  /' || true
