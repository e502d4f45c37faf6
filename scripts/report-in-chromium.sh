#!/usr/bin/env bash
# Open the HTML review report in headless Chromium: a screenshot (docs/screenshot-report.png by
# default) and a PDF via --print-to-pdf, and check both are non-empty.
# usage: scripts/report-in-chromium.sh [PROJECT] [SCREENSHOT.png]
# PROJECT defaults to the demo project of examples/make_demo (approved, sent back with a
# comment, edited after approval, untranslated).
# Needs Debian's `chromium` (apt-get install chromium); installs it when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${2:-docs/screenshot-report.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

project=${1:-$work/demo.virast.json}
[[ -n ${1:-} ]] || cargo run -q --example make_demo -- "$project" >/dev/null
cargo run -q -- export "$project" --format html -o "$work/report.html"

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars
  "--user-data-dir=$work/profile")
chromium "${flags[@]}" --window-size=1280,900 "--screenshot=$shot" "file://$work/report.html" 2>/dev/null
chromium "${flags[@]}" "--print-to-pdf=$work/report.pdf" --no-pdf-header-footer "file://$work/report.html" 2>/dev/null

png=$(stat -c %s "$shot")
pdf=$(stat -c %s "$work/report.pdf")
pages=$(grep -c '/Type /Page\b' "$work/report.pdf" || true)
[[ $png -gt 10000 && $pdf -gt 10000 ]] || { echo "report-in-chromium: empty output (png $png B, pdf $pdf B)" >&2; exit 1; }
if command -v pdftoppm >/dev/null 2>&1; then
  pdftoppm -png -r 60 -f 1 -l 1 "$work/report.pdf" "$work/pdf-page" && echo "first PDF page rendered by pdftoppm"
fi
echo "screenshot $shot: $png bytes; PDF: $pdf bytes, $pages page(s)"
