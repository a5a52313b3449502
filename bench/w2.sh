#!/usr/bin/env bash
# Benchmark W2 (BENCHMARKS.md, the M/M/c+M contact centre): callcap against the C + GSL anchor, back to
# back. Builds callcap in release mode, runs both ROUNDS times alternately
# and prints calls/s, events/s, peak memory and the ratio. These machines
# are noisy, so the ratio is given three ways: best time against best time,
# median against median, and the median of the rounds' own ratios (each
# round runs the two back to back, under the same load).
#
# Usage: bench/w2.sh [ROUNDS] [N]     (defaults: 5 rounds, N = 1e7 callers)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
calls=${2:-10000000}
anchor_source=${W2_ANCHOR:-../shared/bench/w2_gsl.c}   # W2_ANCHOR=path/to/w2_gsl.c from a worktree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

swift build -c release >/dev/null
horizon=$(awk -v n="$calls" 'BEGIN { printf "%d", n + 3600 }')
sed "s/^  horizon: .*/  horizon: ${horizon}s/" scenarios/bench-w2.yaml > "$work/w2.yaml"

anchor=$(anchor "$anchor_source" w2_gsl)


: >"$work/callcap.times"
: >"$work/anchor.times"
for round in $(seq "$rounds"); do
  if [ -n "$anchor" ]; then measure "$anchor" "$calls" >>"$work/anchor.times"; fi
  measure .build/release/callcap run "$work/w2.yaml" --out "$work/reports" --quiet --timing >>"$work/callcap.times"
  echo "round $round: callcap $(tail -1 "$work/callcap.times" | cut -d' ' -f1) s" \
    "${anchor:+, C anchor $(tail -1 "$work/anchor.times" | cut -d' ' -f1) s}" >&2
done

callcap_s=$(cut -d' ' -f1 "$work/callcap.times" | best)
timing=$(grep '^timing:' "$work/err" || true)
simulated=$(echo "$timing" | awk '{ print $2 }')
events=$(echo "$timing" | awk '{ print $4 }')
echo "W2, N = $calls, best of $rounds rounds, whole process:"
awk -v s="$callcap_s" -v c="$simulated" -v e="$events" -v kb="$(peak "$work/callcap.times")" 'BEGIN {
  printf "  callcap   %.2f s  %.2f M calls/s  %.2f M events/s  peak %.1f MiB\n", s, c / s / 1e6, e / s / 1e6, kb / 1024 }'
if [ -n "$anchor" ]; then compare_with_anchor "$calls"; fi
# The closed forms beside the simulated figures (mean callers 179.50, abandonment 0.417%, P(wait) 0.0605).
grep -E '^\| (abandon_rate|service_level|answer_wait_mean) ' "$work/reports/bench-w2/report.md" | sed 's/^/  /'
grep -E '^\| inbound ' "$work/reports/bench-w2/report.md" | sed 's/^/  /'
grep -E 'mean_concurrency' "$work/reports/bench-w2/summary.csv" | grep ',inbound,' | sed 's/^/  /'
