#!/usr/bin/env bash
# Measures errcode against a static hello-world Go binary in one run, so that the ratio does not depend on how
# busy the machine is. Prints each command's mean wall time, its ratio to hello world, and peak RSS; then streams
# a generated 1 GiB log through explain and prints the throughput and peak RSS.
#
#   bench/startup.sh             # needs Go; uses hyperfine when installed, else a timed loop
#   RUNS=2000 bench/startup.sh   # more runs for steadier numbers
#   BIG=0 bench/startup.sh       # skip the 1 GiB run
#
# Goals: lookup and completion within 1.3x of hello world; explain of a 1 MiB log under 10 ms; 1 GiB streamed at
# 200 MiB/s or more with peak RSS under 64 MiB.
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

go run ./bench/genlog -size 1MiB > "$out/1mib.log"

cmds=(
  "$out/hello-world"
  "$out/errcode lookup NoSuchKey"
  "$out/errcode __complete lookup No"
  "$out/errcode explain $out/1mib.log"
)

mean_ms() { # command -> mean wall time in ms over $runs runs, stdout to /dev/null
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 50 --runs "$runs" --export-json "$out/h.json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["results"][0]["mean"]*1000))' "$out/h.json"
  else
    local start end
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do $1 >/dev/null; done
    end=$(date +%s%N)
    echo "scale=3; ($end - $start) / $runs / 1000000" | bc
  fi
}

peak_rss_kb() { /usr/bin/time -f %M $1 2>&1 >/dev/null | tail -1; }

if ! [ -x /usr/bin/time ]; then
  echo "bench/startup.sh needs /usr/bin/time (Debian package: time)" >&2
  exit 1
fi

printf '%-45s %10s %8s %12s\n' command "mean ms" ratio "peak RSS KiB"
base=""
for c in "${cmds[@]}"; do
  ms=$(mean_ms "$c")
  [ -z "$base" ] && base=$ms
  ratio=$(python3 -c "print('%.2f' % ($ms / $base))")
  printf '%-45s %10s %8s %12s\n' "${c#"$out"/}" "$ms" "${ratio}x" "$(peak_rss_kb "$c")"
done

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
