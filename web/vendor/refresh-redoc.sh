#!/usr/bin/env bash
# Re-fetches the pinned Redoc release from the npm registry and copies its
# self-contained browser bundle and licence into redoc/. The API reference
# page (/api/v1/docs) loads the bundle directly, so `go build` needs no npm
# and no build step; run this only to change the pinned version (edit
# VERSION below, then open /api/v1/docs in a browser and run the browser
# tests). Redoc 3 is a React library without a standalone bundle; 2.x is.
set -euo pipefail
VERSION=2.5.4
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "redoc@$VERSION" >/dev/null && tar xzf "redoc-$VERSION.tgz")
out=redoc
rm -rf "$out"
mkdir -p "$out"
cp "$work/package/bundles/redoc.standalone.js" "$work/package/bundles/redoc.standalone.js.LICENSE.txt" "$work/package/LICENSE" "$out/"
# The source map is not shipped: drop the comment that points at it.
sed -i '/^\/\/# sourceMappingURL=/d' "$out/redoc.standalone.js"
# The sidebar's credit shows Redocly's logo from their CDN: the page asks
# nothing of another origin (its policy would refuse it), so the image is
# dropped and the credit's link and text stay. Fail if the bundle changed.
logo='e?n.createElement("img",{alt:"redocly logo"'
grep -qF "$logo" "$out/redoc.standalone.js"
sed -i "s|e?n.createElement(\"img\",{alt:\"redocly logo\"|!1\&\&e?n.createElement(\"img\",{alt:\"redocly logo\"|" "$out/redoc.standalone.js"
grep -qF "!1&&$logo" "$out/redoc.standalone.js"
echo "$VERSION" > "$out/VERSION"
ls -l "$out"
