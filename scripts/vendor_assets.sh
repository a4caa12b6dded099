#!/usr/bin/env bash
# Refresh the browser libraries the pages ship (no CDN at run time): each is taken from its npm
# package at the pinned version, and only the built files and the licence are kept, under
# src/opmodel/server/pages/static/vendor/NAME-VERSION/. Change a version here, run this, then
# update the paths in the templates (base.html) and the table in that folder's README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
HTMX=2.0.11 BOOTSTRAP=5.3.9 ECHARTS=6.1.0
out=src/opmodel/server/pages/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() {  # npm package, version -> unpacked in $work/NAME
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null && mkdir -p "$1" &&
   tar xzf "$1-$2.tgz" -C "$1" --strip-components=1)
}
fetch htmx.org "$HTMX"
fetch bootstrap "$BOOTSTRAP"
fetch echarts "$ECHARTS"
rm -rf "$out"/htmx-* "$out"/bootstrap-* "$out"/echarts-*
mkdir -p "$out/htmx-$HTMX" "$out/bootstrap-$BOOTSTRAP" "$out/echarts-$ECHARTS"
cp "$work"/htmx.org/dist/htmx.min.js "$work"/htmx.org/LICENSE "$out/htmx-$HTMX/"
cp "$work"/bootstrap/dist/css/bootstrap.min.css "$work"/bootstrap/dist/js/bootstrap.bundle.min.js \
   "$work"/bootstrap/LICENSE "$out/bootstrap-$BOOTSTRAP/"
cp "$work"/echarts/dist/echarts.min.js "$work"/echarts/LICENSE "$work"/echarts/NOTICE \
   "$out/echarts-$ECHARTS/"
echo "vendored htmx $HTMX, bootstrap $BOOTSTRAP, echarts $ECHARTS into $out"
