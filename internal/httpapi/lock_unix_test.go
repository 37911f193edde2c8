//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package httpapi_test

import (
	"os"
	"syscall"
	"testing"
)

// lockForTest holds f's lock, as a live server holds its spool folder's.
func lockForTest(t *testing.T, f *os.File) {
	t.Helper()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatalf("could not lock %s: %v", f.Name(), err)
	}
}
