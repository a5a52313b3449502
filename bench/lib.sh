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
