# Shared by the benchmark scripts (source it after setting $work, a scratch folder).

best() { sort -n | head -1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure COMMAND... -> "seconds kilobytes user-seconds" of one run
measure() {
  /usr/bin/time -f "%e %M %U" -o "$work/time" "$@" >"$work/out" 2>"$work/err"
  cat "$work/time"
}

# anchor SOURCE NAME -> path of the C + GSL anchor built from SOURCE, or nothing
anchor() {
  if [ -f "$1" ] && command -v gcc >/dev/null; then
    gcc -O2 -o "$work/$2" "$1" -lgsl -lgslcblas -lm
    echo "$work/$2"
  fi
}

# peak FILE -> the highest peak memory (kilobytes) of FILE's rounds ("seconds kilobytes user-seconds" per line)
peak() { cut -d' ' -f2 "$1" | sort -n | tail -1; }

# round_ratio A B FIELD -> the median over rounds of A's FIELD / B's FIELD (line k of A against line k of B:
# the two ran back to back in round k, under the same load)
round_ratio() { paste -d' ' "$1" "$2" | awk -v f="$3" '{ print $f / $(f + 3) }' | median; }

# compare_with_anchor CALLS: the anchor's line and callcap's ratio to it, four ways, from
# $work/anchor.times and $work/callcap.times
compare_with_anchor() {
  local anchor_s anchor_median callcap_s callcap_median
  anchor_s=$(cut -d' ' -f1 "$work/anchor.times" | best)
  anchor_median=$(cut -d' ' -f1 "$work/anchor.times" | median)
  callcap_s=$(cut -d' ' -f1 "$work/callcap.times" | best)
  callcap_median=$(cut -d' ' -f1 "$work/callcap.times" | median)
  awk -v s="$anchor_s" -v n="$1" -v kb="$(peak "$work/anchor.times")" -v r="$callcap_s" -v sm="$anchor_median" -v rm="$callcap_median" 'BEGIN {
    printf "  C anchor  %.2f s  %.2f M calls/s  peak %.1f MiB\n", s, n / s / 1e6, kb / 1024
    printf "  ratio     %.2fx the anchor'"'"'s calls/s (best of each); medians %.2f s and %.2f s: %.2fx\n", s / r, rm, sm, sm / rm }'
  round_ratio "$work/anchor.times" "$work/callcap.times" 1 | awk '{ printf "            %.2fx median of the rounds'"'"' ratios\n", $1 }'
  round_ratio "$work/anchor.times" "$work/callcap.times" 3 |
    awk '{ printf "            %.2fx median of the rounds'"'"' ratios of user CPU time\n", $1 }'
}
