#!/usr/bin/env bash
# Checks the release configuration and builds every artefact as a snapshot, then looks inside one archive and
# the .deb for what a user expects: the binary, the completions for bash, zsh and fish, and the man page in the
# standard paths. It runs the packaged binary too. CI runs it; it needs Go and dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"

goreleaser=(go run github.com/goreleaser/goreleaser/v2@v2.16.0)
if command -v goreleaser >/dev/null && goreleaser --version 2>/dev/null | grep -q 'v2\.16\.0'; then
  goreleaser=(goreleaser)
fi

echo "== goreleaser check"
"${goreleaser[@]}" check

echo "== goreleaser release --snapshot --clean"
"${goreleaser[@]}" release --snapshot --clean > dist-build.log 2>&1 || { tail -40 dist-build.log; exit 1; }
rm -f dist-build.log

fail() { echo "release-check: $*" >&2; exit 1; }

expected=(linux_amd64.tar.gz linux_arm64.tar.gz darwin_amd64.tar.gz darwin_arm64.tar.gz windows_amd64.zip windows_arm64.zip)
for e in "${expected[@]}"; do
  ls dist/errcode_*_"$e" >/dev/null 2>&1 || fail "missing archive *_$e"
done
for p in 'errcode_*_amd64.deb' 'errcode_*_arm64.deb' 'errcode-*.x86_64.rpm' 'errcode-*.aarch64.rpm' 'errcode_*_x86_64.apk' 'errcode_*_aarch64.apk'; do
  compgen -G "dist/$p" >/dev/null || fail "missing package $p"
done
[ -s dist/checksums.txt ] || fail "missing checksums.txt"
[ -s dist/homebrew/Casks/errcode.rb ] || fail "missing Homebrew cask"

echo "== inside the linux amd64 archive"
archive=$(ls dist/errcode_*_linux_amd64.tar.gz)
listing=$(tar -tzf "$archive")
for f in errcode README.md LICENSE completions/errcode.bash completions/errcode.zsh completions/errcode.fish completions/errcode.ps1 manpages/errcode.1.gz manpages/errcode-explain.1.gz; do
  grep -qx "$f" <<<"$listing" || fail "$archive lacks $f"
done
echo "ok: $(wc -l <<<"$listing") files"

echo "== inside the amd64 .deb"
deb=$(ls dist/errcode_*_amd64.deb)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
for f in usr/bin/errcode usr/share/bash-completion/completions/errcode usr/share/zsh/site-functions/_errcode \
  usr/share/fish/vendor_completions.d/errcode.fish usr/share/man/man1/errcode.1.gz usr/share/man/man1/errcode-lookup.1.gz; do
  [ -s "$root/$f" ] || fail "$deb lacks /$f"
done
version=$("$root/usr/bin/errcode" --version)
echo "packaged binary: $version"
grep -q -- '-next' <<<"$version" || fail "the packaged binary does not carry the snapshot version: $version"
"$root/usr/bin/errcode" lookup NoSuchKey >/dev/null || fail "the packaged binary cannot look up NoSuchKey"
zcat "$root/usr/share/man/man1/errcode.1.gz" | grep -q '^\.TH "ERRCODE" "1"' || fail "errcode.1.gz is not a man page"
grep -q 'complete -o default -F __start_errcode errcode\|__start_errcode' "$root/usr/share/bash-completion/completions/errcode" ||
  fail "the bash completion is not errcode's"
echo "release-check: all artefacts present and sound"
