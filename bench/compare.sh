#!/usr/bin/env bash
# Compares explain's speed with a baseline revision in one run, so that both are measured on the same machine
# in the same state: BenchmarkExplain1MiBLog alternately for both, then a generated 1 GiB log streamed through
# each binary. Prints each figure and the ratio new/base (above 1.10 means more than 10% slower).
#
#   bench/compare.sh            # against the previous commit
#   BASE=3b00a32 bench/compare.sh
#   BIG=0 bench/compare.sh      # skip the 1 GiB stream
set -euo pipefail
cd "$(dirname "$0")/.."
base=${BASE:-HEAD~1}
rounds=${ROUNDS:-3}
out=$(mktemp -d)
trap 'git worktree remove --force "$out/base" >/dev/null 2>&1 || true; rm -rf "$out"' EXIT

git worktree add -q --detach "$out/base" "$base"
(cd "$out/base" && go test -c -o "$out/base.test" ./codes && CGO_ENABLED=0 go build -o "$out/base-errcode" .)
go test -c -o "$out/new.test" ./codes
CGO_ENABLED=0 go build -o "$out/new-errcode" .

bench() { # test binary -> ns/op
  (cd codes && "$1" -test.run '^$' -test.bench '^BenchmarkExplain1MiBLog$' -test.benchtime 300x) |
    awk '/^BenchmarkExplain1MiBLog/ {print $3}'
}

echo "BenchmarkExplain1MiBLog, $rounds rounds alternating (ns/op): base $(git rev-parse --short "$base") vs working tree"
b_sum=0 n_sum=0
for ((i = 1; i <= rounds; i++)); do
  b=$(bench "$out/base.test")
  n=$(bench "$out/new.test")
  printf '  round %d: base %s  new %s\n' "$i" "$b" "$n"
  b_sum=$((b_sum + b)) n_sum=$((n_sum + n))
done
python3 -c "import sys; b,n=int(sys.argv[1]),int(sys.argv[2]); print(f'  mean: base {b/1e6/int(sys.argv[3]):.2f} ms, new {n/1e6/int(sys.argv[3]):.2f} ms, ratio {n/b:.2f}')" "$b_sum" "$n_sum" "$rounds"

if [ "${BIG:-1}" != 0 ]; then
  go run ./bench/genlog -size 1GiB > "$out/1gib.log"
  bytes=$(stat -c %s "$out/1gib.log")
  for who in base new new base; do
    start=$(date +%s%N)
    "$out/$who-errcode" explain < "$out/1gib.log" > /dev/null
    end=$(date +%s%N)
    python3 -c "import sys; b,ns=int(sys.argv[1]),int(sys.argv[2]); print(f'1 GiB stream, {sys.argv[3]:4}: {ns/1e9:.2f} s, {b/(ns/1e9)/2**20:.0f} MiB/s')" "$bytes" "$((end - start))" "$who"
  done
fi
