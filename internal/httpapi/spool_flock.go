//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package httpapi

import (
	"os"
	"syscall"
)

// canLock says whether tryLock locks on this system.
const canLock = true

// tryLock takes an exclusive lock on f without waiting, and reports
// whether it got it. The kernel releases it when the process ends.
func tryLock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
