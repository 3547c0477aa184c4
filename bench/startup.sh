#!/usr/bin/env bash
# Measures errcode's start-up against two floors in one run, so that the ratios do not depend on how busy the
# machine is: a static hello world, and a hello world that links cobra, lipgloss v2 and tablewriter (bench/floor,
# the floor errcode's libraries set). Prints each command's mean wall time, its ratio to both, and peak RSS; then
# the typo/exact ratio (a fuzzy lookup against an exact one); then streams a generated 1 GiB log through explain
# and prints the throughput and peak RSS.
#
#   bench/startup.sh             # needs Go; uses hyperfine when installed, else a timed loop
#   RUNS=2000 bench/startup.sh   # more runs for steadier numbers (ROUNDS=5 rounds share them)
#   BIG=0 bench/startup.sh       # skip the 1 GiB run
#
# Goals: exact lookup and completion at the library floor; a typo lookup and search within 1.3x of an exact
# lookup (the search index is generated, nothing is built at run time); explain of a 1 MiB log under 10 ms;
# 1 GiB streamed at 200 MiB/s or more with peak RSS under 64 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-500}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "building static binaries (CGO_ENABLED=0, -trimpath, -s -w) ..."
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/errcode" .
mkdir -p "$out/hello"
cat > "$out/hello/main.go" <<'GO'
package main

import "os"

func main() { os.Stdout.WriteString("hello\n") }
GO
(cd "$out/hello" && printf 'module hello\n\ngo 1.26\n' > go.mod && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/hello-world" .)
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/library-floor" ./bench/floor

go run ./bench/genlog -size 1MiB > "$out/1mib.log"

# Each command is one string; arguments with spaces are quoted as in a shell.
cmds=(
  "$out/hello-world"
  "$out/library-floor"
  "$out/errcode lookup NoSuchKey"
  "$out/errcode lookup NoSuhcKey"
  "$out/errcode search 'bucket not empty'"
  "$out/errcode __complete lookup No"
  "$out/errcode explain $out/1mib.log"
)

mean_ms() { # command -> mean wall time in ms over $runs runs, stdout and stderr to /dev/null
  if command -v hyperfine >/dev/null; then
    # -i: a typo lookup exits 1 (no exact match) by design.
    hyperfine -N -i --warmup 20 --runs "$runs" --export-json "$out/h.json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["results"][0]["mean"]*1000))' "$out/h.json"
  else
    local start end
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do eval "$1" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    echo "scale=3; ($end - $start) / $runs / 1000000" | bc
  fi
}

peak_rss_kb() { eval "/usr/bin/time -f %M $1" 2>&1 >/dev/null | tail -1; }

if ! [ -x /usr/bin/time ]; then
  echo "bench/startup.sh needs /usr/bin/time (Debian package: time)" >&2
  exit 1
fi

ratio() { python3 -c "print('%.2fx' % ($1 / $2))"; }

# The machine is shared, so its load drifts during a run: every command is measured in each of $rounds rounds
# (runs/rounds runs each), and the table shows the median of its round means, which one busy round cannot move.
rounds=${ROUNDS:-5}
per_round=$(( (runs + rounds - 1) / rounds ))
if command -v hyperfine >/dev/null; then
  echo "hyperfine $(hyperfine --version | cut -d' ' -f2), $rounds rounds of $per_round runs each"
else
  echo "hyperfine not installed: a timed loop, $rounds rounds of $per_round runs each"
fi
declare -A means
for ((r = 0; r < rounds; r++)); do
  for c in "${cmds[@]}"; do
    means[$c]+="$(runs=$per_round mean_ms "$c") "
  done
done
median() { python3 -c 'import statistics,sys; print("%.3f" % statistics.median(map(float, sys.argv[1:])))' $1; }

printf '%-45s %9s %10s %10s %13s\n' command "median ms" "vs hello" "vs floor" "peak RSS KiB"
hello=$(median "${means["$out/hello-world"]}")
floor=$(median "${means["$out/library-floor"]}")
for c in "${cmds[@]}"; do
  ms=$(median "${means[$c]}")
  case "$c" in
  *"lookup NoSuchKey") exact=$ms ;;
  *"lookup NoSuhcKey") typo=$ms ;;
  esac
  printf '%-45s %9s %10s %10s %13s\n' "${c//"$out/"/}" "$ms" "$(ratio "$ms" "$hello")" "$(ratio "$ms" "$floor")" "$(peak_rss_kb "$c")"
done
echo
echo "typo/exact: errcode lookup NoSuhcKey is $(ratio "$typo" "$exact") errcode lookup NoSuchKey"

if [ "${BIG:-1}" != 0 ]; then
  echo
  echo "streaming a generated 1 GiB log through errcode explain ..."
  go build -o "$out/genlog" ./bench/genlog
  "$out/genlog" -size 1GiB > "$out/1gib.log"
  bytes=$(stat -c %s "$out/1gib.log")
  /usr/bin/time -f "%e %M" -o "$out/big.time" "$out/errcode" explain < "$out/1gib.log" > /dev/null
  read -r secs rss < "$out/big.time"
  python3 -c "import sys; b,s,r=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'1 GiB log: {s:.2f} s, {b/s/2**20:.0f} MiB/s, peak RSS {r/1024:.1f} MiB')" "$bytes" "$secs" "$rss"
fi
