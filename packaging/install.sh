#!/bin/sh
# Install Virast from this folder (the tarball for distributions without the .deb):
#   ./install.sh                 into ~/.local (as a normal user) or /usr/local (as root)
#   ./install.sh --prefix DIR    into DIR (bin/virast, share/...)
#   ./install.sh --uninstall [--prefix DIR]
# Copies bin/ and share/ (program, desktop entry, file type, icons, AppStream metadata, man
# pages, completions, licences), then refreshes the desktop's caches where the tools exist.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" = 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
uninstall=false
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
              prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) uninstall=true; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Every file of the package, relative to the prefix (zsh completions go where zsh looks
# outside Debian's vendor folder).
files=$(cd "$here" && find bin share -type f | sed 's#^share/zsh/vendor-completions/#share/zsh/site-functions/#')

refresh() {
  if command -v update-mime-database >/dev/null 2>&1 && [ -d "$prefix/share/mime/packages" ]; then
    update-mime-database "$prefix/share/mime" || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$prefix/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
  fi
}

if $uninstall; then
  for f in $files; do rm -f "$prefix/$f"; done
  refresh
  echo "Removed Virast from $prefix"
  exit 0
fi

for f in $files; do
  src=$(echo "$f" | sed 's#^share/zsh/site-functions/#share/zsh/vendor-completions/#')
  mkdir -p "$(dirname "$prefix/$f")"
  case "$f" in
    bin/*) mode=755 ;;
    *) mode=644 ;;
  esac
  cp "$here/$src" "$prefix/$f"
  chmod "$mode" "$prefix/$f"
done
refresh

echo "Installed Virast into $prefix"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to your PATH to run virast from a terminal." ;;
esac
