//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package httpapi_test

import (
	"os"
	"syscall"
)

// lockForTest holds f's lock, as a live server holds its spool folder's.
func lockForTest(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
