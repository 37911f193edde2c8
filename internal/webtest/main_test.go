package webtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser is the one Chromium every test opens its tabs in; nil when
// none could be found or started (then skipReason says why).
var (
	browser    context.Context
	skipReason string
	artifacts  string
)

// chromiumPath finds Debian's chromium; no browser can be downloaded.
func chromiumPath() string {
	if p := os.Getenv("PLACETRUST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	artifacts = os.Getenv("PLACETRUST_ARTIFACTS")
	if artifacts == "" {
		artifacts = filepath.Join(os.TempDir(), "placetrust-webtest")
	}
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "webtest:", err)
		return 1
	}
	profile, err := os.MkdirTemp("", "placetrust-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "webtest:", err)
		return 1
	}
	defer os.RemoveAll(profile)
	defer func() {
		if template.path != "" {
			os.RemoveAll(filepath.Dir(template.path))
		}
	}()

	path := chromiumPath()
	if path == "" {
		skipReason = "no chromium: apt-get install chromium, or set PLACETRUST_CHROMIUM"
	} else {
		ctx, stop, err := startBrowser(path, profile)
		if err != nil {
			skipReason = fmt.Sprintf("chromium (%s) did not start: %v", path, err)
		} else {
			defer stop()
			browser = ctx
		}
	}
	if browser == nil && os.Getenv("CI") == "true" {
		// CI must run these tests, not skip them.
		fmt.Fprintln(os.Stderr, "webtest: FAIL:", skipReason)
		return 1
	}
	return m.Run()
}

// startBrowser starts headless Chromium with the flags that work as root
// in a container: software WebGL (SwiftShader) for MapLibre, nothing
// reaching out to the network, and a fresh profile.
func startBrowser(path, profile string) (context.Context, func(), error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() { cancelBrowser(); cancelAlloc() }
	// The first run starts the browser; it must not carry a timeout, or
	// the timeout would end the browser, so it is watched from outside.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(bctx) }()
	select {
	case err := <-done:
		if err != nil {
			stop()
			return nil, nil, err
		}
	case <-time.After(60 * time.Second):
		stop()
		return nil, nil, fmt.Errorf("no answer in 60s")
	}
	return bctx, stop, nil
}

// needBrowser skips the test on a developer's machine without Chromium;
// under CI=true TestMain has already failed the run.
func needBrowser(t testing.TB) {
	t.Helper()
	if browser == nil {
		t.Skip(skipReason)
	}
}
