//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package httpapi_test

import (
	"os"
	"testing"
)

// lockForTest: without file locks a server sweeps no folder (spool_nolock.go).
func lockForTest(t *testing.T, _ *os.File) { t.Skip("no file locks on this system") }
