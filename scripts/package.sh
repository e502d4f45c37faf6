#!/usr/bin/env bash
# Build the Debian package and the tarball for other distributions:
#   target/package/virast_VERSION_ARCH.deb
#   target/package/virast-VERSION-ARCH-linux.tar.gz   (bin/, share/, install.sh)
# Reuses the release build (`cargo build --release` is a no-op when it is up to date) and
# installs the packager, cargo-deb, through `cargo install --locked` if it is missing.
# Needs dpkg-dev (dpkg-shlibdeps computes Depends) on a Debian-like system.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DEB_VERSION=3.8.0
if ! cargo deb --version >/dev/null 2>&1; then
  echo "Installing cargo-deb $CARGO_DEB_VERSION (once)..."
  cargo install --locked "cargo-deb@$CARGO_DEB_VERSION"
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
arch=$(dpkg --print-architecture)
out=target/package
files=$out/files
mkdir -p "$out"

cargo build --release
bin=$(cargo metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release/virast

# Man pages and shell completions, generated from the clap definitions of this very binary.
rm -rf "$files"
"$bin" package-files "$files" >/dev/null

deb=$out/virast_${version}_${arch}.deb
cargo deb --no-build --output "$deb"

# The tarball: the package's /usr tree as a prefix (bin/, share/) and install.sh.
uname_arch=$(uname -m)
name=virast-$version-$uname_arch-linux
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dpkg-deb -x "$deb" "$stage/root"
mkdir -p "$stage/$name"
mv "$stage/root/usr/bin" "$stage/root/usr/share" "$stage/$name/"
install -m 755 packaging/install.sh "$stage/$name/install.sh"
tar -C "$stage" --owner=0 --group=0 -czf "$out/$name.tar.gz" "$name"

echo "$deb"
echo "$out/$name.tar.gz"
