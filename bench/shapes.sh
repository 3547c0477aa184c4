#!/usr/bin/env bash
# Streams each hostile input shape of issue 13 and an ordinary log through the static binary's explain, and prints
# the throughput (wall and CPU) and peak RSS of each against the goals: 100 MiB/s or more for every hostile shape
# (long lines, unclosed XML bodies, pretty-printed JSON, every line an error, many distinct errors, and a few errors
# whose every line carries ids of its own, as real logs do); 800 MiB/s or more and a peak RSS under 64 MiB for an
# ordinary log with one error line in 1000. The inputs come from internal/loggen (bench/genlog -shape), the same
# generators as BenchmarkExplainHostileShape.
#
#   bench/shapes.sh                     # 128 MiB of each hostile shape, 1 GiB of ordinary log
#   SIZE=32MiB BIG=256MiB bench/shapes.sh
#   SHAPES="pretty-json unclosed-xml" BIG=0 bench/shapes.sh   # some shapes only, no ordinary log
#
# Wall-clock MiB/s is the figure the goals speak of; on a machine shared with other work it reads lower than the
# CPU figure (bytes per second of user+system time), which shows what the code itself does.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${SIZE:-128MiB}
big=${BIG:-1GiB}
shapes=${SHAPES:-"long-lines unclosed-xml pretty-json every-line-an-error many-distinct-errors unique-ids"}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if ! [ -x /usr/bin/time ]; then
  echo "bench/shapes.sh needs /usr/bin/time (Debian package: time)" >&2
  exit 1
fi

echo "building static binaries (CGO_ENABLED=0, -trimpath, -s -w) ..."
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/errcode" .
go build -o "$out/genlog" ./bench/genlog

# run NAME FILE GOAL_MIBS [RSS_GOAL_MIB]: streams FILE through explain and prints one row.
run() {
  local name=$1 file=$2 goal=$3 rss_goal=${4:-}
  /usr/bin/time -f "%e %M %U %S" -o "$out/time" "$out/errcode" explain < "$file" > /dev/null 2> "$out/stderr" || {
    # explain exits 1 when its input holds no error; anything above that is a failure.
    rc=$?
    if [ "$rc" -gt 1 ]; then
      echo "explain failed on $name (exit $rc):" >&2
      cat "$out/stderr" >&2
      exit 1
    fi
  }
  read -r secs rss user sys < <(tail -1 "$out/time")
  python3 - "$name" "$(stat -c %s "$file")" "$secs" "$rss" "$user" "$sys" "$goal" "$rss_goal" <<'PY'
import sys
name, size, secs, rss, user, sys_ = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
goal, rss_goal = float(sys.argv[7]), sys.argv[8]
mib = size / 2**20
wall = mib / max(secs, 1e-3)
cpu = mib / max(user + sys_, 1e-3)
rss_mib = rss / 1024
ok = wall >= goal and (not rss_goal or rss_mib < float(rss_goal))
goal_text = f">= {goal:.0f} MiB/s" + (f", RSS < {rss_goal} MiB" if rss_goal else "")
print(f"{name:24} {mib:8.0f} {secs:8.2f} {wall:10.0f} {cpu:10.0f} {rss_mib:9.1f}  {goal_text:28} {'met' if ok else 'NOT MET'}")
PY
}

printf '%-24s %8s %8s %10s %10s %9s  %-28s %s\n' input MiB seconds "wall MiB/s" "cpu MiB/s" "RSS MiB" goal verdict
for s in $shapes; do
  "$out/genlog" -shape "$s" -size "$size" > "$out/input"
  sync # the input just written is flushed before the run, not during it
  run "$s" "$out/input" 100
done
if [ "$big" != 0 ]; then
  "$out/genlog" -size "$big" -error-every 1000 > "$out/input"
  sync
  run "ordinary (1 in 1000)" "$out/input" 800 64
fi
