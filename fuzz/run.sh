#!/usr/bin/env bash
# Coverage-guided fuzzing of callcap's parsers with libFuzzer (Swift's
# -sanitize=fuzzer) and AddressSanitizer, for a bounded time per target.
# Target `scenario` loads whole scenarios and simulates every valid one
# briefly (20,000 calls per replication, 2 replications, 2 tiers), so
# traps in the engine and the reports are found too.
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#   targets: loader scenario quantity distribution number (default: all five)
# Keep runs short on a shared machine: e.g. `fuzz/run.sh 300 scenario`.
#
# Seeds: the example scenarios and the invalid-input corpus (loader), and
# fuzz/seeds/<target>/. New coverage is kept in fuzz/corpus/<target>/
# (not committed). A crash leaves fuzz/findings/<target>/crash-*: add it
# to Tests/CallcapKitTests/Fixtures/fuzz/<target>/ as a regression test
# (the tests replay that folder) and fix the parser.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(loader scenario quantity distribution number)

swift build -c release --build-path .build/fuzz --product callcap-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >/dev/null
binary=.build/fuzz/release/callcap-fuzz

for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  findings=fuzz/findings/$target
  mkdir -p "$corpus" "$findings"
  seeds=(fuzz/seeds/$target Tests/CallcapKitTests/Fixtures/fuzz/$target)
  if [ "$target" = loader ] || [ "$target" = scenario ]; then seeds+=(scenarios Tests/CallcapKitTests/Fixtures/invalid); fi
  existing=()
  for folder in "${seeds[@]}"; do [ -d "$folder" ] && existing+=("$folder"); done
  echo "fuzzing $target for ${seconds}s" >&2
  CALLCAP_FUZZ_TARGET=$target "$binary" "$corpus" "${existing[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$findings/" -print_final_stats=1 2>"$findings/log.txt" || {
    echo "$target: finding, see $findings/" >&2
    tail -30 "$findings/log.txt" >&2
    exit 1
  }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$findings/log.txt" | sed "s/^/$target: /"
done
