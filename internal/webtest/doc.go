// Package webtest drives the web map (web/) in a real headless Chromium
// against the real server over a real SQLite register holding the demo
// estate, with github.com/chromedp/chromedp.
//
// The tests need Debian's chromium (/usr/bin/chromium, or the path in
// PLACETRUST_CHROMIUM). Without it they skip on a developer's machine
// and fail when CI=true, so CI can never pass by not running them.
// Screenshots go to PLACETRUST_ARTIFACTS, or else to
// $TMPDIR/placetrust-webtest, and each test logs where it wrote them.
package webtest
