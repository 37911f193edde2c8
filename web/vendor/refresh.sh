#!/usr/bin/env bash
# Re-fetches the pinned MapLibre GL JS release from the npm registry and
# copies the minified browser build and its licence into maplibre-gl/.
# The page imports these files directly, so `go build` needs no npm and no
# build step; run this only to change the pinned version (edit VERSION
# below, then look at the map in a browser and run the browser tests).
set -euo pipefail
VERSION=6.17.0
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "maplibre-gl@$VERSION" >/dev/null && tar xzf "maplibre-gl-$VERSION.tgz")
out=maplibre-gl
rm -rf "$out"
mkdir -p "$out"
# v6 is ESM only: the map module loads its worker from the same folder
# (maplibre-gl-worker.mjs, found through import.meta.url).
for f in dist/maplibre-gl.mjs dist/maplibre-gl-worker.mjs dist/maplibre-gl.css LICENSE.txt; do
	cp "$work/package/$f" "$out/"
done
# The source maps are not shipped: drop the comment that points at them so
# browsers do not ask for a file that is not there.
sed -i '/^\/\/# sourceMappingURL=/d' "$out"/*.mjs
echo "$VERSION" > "$out/VERSION"
ls -l "$out"
