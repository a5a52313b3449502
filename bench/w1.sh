#!/usr/bin/env bash
# Benchmark W1 (BENCHMARKS.md): callcap against the C + GSL anchor, back to
# back. Builds callcap in release mode, runs both ROUNDS times alternately
# and prints calls/s, events/s, peak memory and the ratio. callcap runs
# W1 as a user writes it (scenarios/bench-w1.yaml has no `resolution:`,
# so the default for its horizon applies) and, in the same rounds, the
# same file with an explicit `resolution: 1m` (208,000 buckets at N = 1e7). These machines
# are noisy, so the ratio is given three ways: best time against best time,
# median against median, and the median of the rounds' own ratios (each
# round runs the two back to back, under the same load).
#
# Usage: bench/w1.sh [ROUNDS] [N]     (defaults: 5 rounds, N = 1e7 calls)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
calls=${2:-10000000}
# The anchor beside the repository (W1_ANCHOR=path for a worktree elsewhere).
anchor_source=${W1_ANCHOR:-../shared/bench/w1_gsl.c}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

swift build -c release >/dev/null
horizon=$(awk -v n="$calls" 'BEGIN { printf "%d", n / 0.8 }')
sed "s/^  horizon: .*/  horizon: ${horizon}s/" scenarios/bench-w1.yaml > "$work/w1.yaml"
mkdir -p "$work/1m"
sed "s/^  horizon: .*/  horizon: ${horizon}s\n  resolution: 1m/" scenarios/bench-w1.yaml > "$work/1m/w1.yaml"

anchor=$(anchor "$anchor_source" w1_gsl)


: >"$work/callcap.times"
: >"$work/anchor.times"
: >"$work/1m.times"
for round in $(seq "$rounds"); do
  if [ -n "$anchor" ]; then measure "$anchor" "$calls" >>"$work/anchor.times"; fi
  measure .build/release/callcap run "$work/1m/w1.yaml" --out "$work/1m/reports" --quiet >>"$work/1m.times"
  measure .build/release/callcap run "$work/w1.yaml" --out "$work/reports" --quiet --timing >>"$work/callcap.times"
  echo "round $round: callcap $(tail -1 "$work/callcap.times" | cut -d' ' -f1) s" \
    "(resolution 1m: $(tail -1 "$work/1m.times" | cut -d' ' -f1) s)" \
    "${anchor:+, C anchor $(tail -1 "$work/anchor.times" | cut -d' ' -f1) s}" >&2
done

callcap_s=$(cut -d' ' -f1 "$work/callcap.times" | best)
timing=$(grep '^timing:' "$work/err" || true)
simulated=$(echo "$timing" | awk '{ print $2 }')
events=$(echo "$timing" | awk '{ print $4 }')
echo "W1, N = $calls, best of $rounds rounds, whole process:"
awk -v s="$callcap_s" -v c="$simulated" -v e="$events" -v kb="$(peak "$work/callcap.times")" -v r="$(grep -o 'time series every [^.]*' "$work/reports/bench-w1/report.md" | head -1)" 'BEGIN {
  printf "  callcap   %.2f s  %.2f M calls/s  %.2f M events/s  peak %.1f MiB  (default resolution: %s)\n", s, c / s / 1e6, e / s / 1e6, kb / 1024, r }'
awk -v s="$(cut -d' ' -f1 "$work/1m.times" | best)" -v c="$simulated" -v kb="$(peak "$work/1m.times")" \
  -v csv="$(wc -c <"$work/1m/reports/bench-w1/timeseries.csv")" 'BEGIN {
  printf "  callcap, resolution: 1m   %.2f s  %.2f M calls/s  peak %.1f MiB  timeseries.csv %.1f MB\n", s, c / s / 1e6, kb / 1024, csv / 1e6 }'
if [ -n "$anchor" ]; then
  compare_with_anchor "$calls"
  round_ratio "$work/anchor.times" "$work/1m.times" 1 | awk '{ printf "  resolution: 1m  %.2fx median of the rounds'"'"' ratios\n", $1 }'
fi
grep -E '^\| (queue_wait_mean|queue_wait_p95) ' "$work/reports/bench-w1/report.md" | sed 's/^/  /'
grep -E '^\| outbound ' "$work/reports/bench-w1/report.md" | sed 's/^/  /'
