package httpapi

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// spoolFolder, under the spool directory ($TMPDIR by default), holds one
// folder per server process for the uploads it is importing. A process's
// folder holds a lock file it keeps locked while it runs: the kernel
// drops the lock when the process dies, however it dies (kill -9
// included), so a server starting later removes exactly the folders
// whose lock it can take, and never those of a live server sharing the
// same directory.
const spoolFolder = "placetrust-spool"

// legacySpoolPrefix named the spools of versions before the folder, loose
// in the temporary directory; a start removes those no import could still
// be reading.
const (
	legacySpoolPrefix = "placetrust-import-"
	legacySpoolAge    = 24 * time.Hour
	// newFolderAge is how long a folder still being made (locked, then
	// renamed into place) is left alone by another server's sweep.
	newFolderAge = time.Hour
)

// spoolDir is this server's folder of spools: made on the first upload,
// removed when the server stops.
type spoolDir struct {
	root string // <dir>/placetrust-spool
	base string // <dir>, for the legacy spools
	log  *slog.Logger

	mu     sync.Mutex
	dir    string   // this process's folder, "" until needed
	lock   *os.File // held locked while dir is in use
	closed bool
}

func newSpoolDir(base string, log *slog.Logger) *spoolDir {
	if base == "" {
		base = os.TempDir()
	}
	return &spoolDir{root: filepath.Join(base, spoolFolder), base: base, log: log}
}

// sweep removes what servers that are gone left behind: the folders whose
// lock is free, and legacy spools older than a day.
func (d *spoolDir) sweep() {
	entries, _ := os.ReadDir(d.root) // no folder yet: nothing to sweep
	for _, e := range entries {
		path := filepath.Join(d.root, e.Name())
		if !e.IsDir() || path == d.own() {
			continue
		}
		if strings.HasPrefix(e.Name(), ".new-") {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > newFolderAge {
				d.remove(path)
			}
			continue
		}
		lock, err := os.OpenFile(filepath.Join(path, "lock"), os.O_RDWR, 0)
		if err != nil {
			// A folder is renamed into place only once locked: one
			// without a lock file is a broken leftover.
			if errors.Is(err, os.ErrNotExist) {
				d.remove(path)
			}
			continue
		}
		if tryLock(lock) {
			d.remove(path)
		}
		lock.Close()
	}
	legacy, _ := filepath.Glob(filepath.Join(d.base, legacySpoolPrefix+"*"))
	for _, path := range legacy {
		if info, err := os.Lstat(path); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > legacySpoolAge {
			d.remove(path)
		}
	}
}

func (d *spoolDir) remove(path string) {
	if err := os.RemoveAll(path); err != nil {
		d.log.Warn("could not remove a stale import spool", "path", path, "err", err)
		return
	}
	d.log.Info("removed a stale import spool", "path", path)
}

func (d *spoolDir) own() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dir
}

// create makes a new file in this process's folder, making the folder on
// first use.
func (d *spoolDir) create(pattern string) (*os.File, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil, errors.New("httpapi: spool: the server is stopping")
	}
	if d.dir == "" {
		if err := d.open(); err != nil {
			return nil, fmt.Errorf("httpapi: spool: %w", err)
		}
	}
	f, err := os.CreateTemp(d.dir, pattern)
	if errors.Is(err, os.ErrNotExist) {
		// Something cleaning the temporary directory took the folder: a
		// new one, rather than no more imports until a restart.
		d.lock.Close()
		d.dir, d.lock = "", nil
		if err := d.open(); err != nil {
			return nil, fmt.Errorf("httpapi: spool: %w", err)
		}
		f, err = os.CreateTemp(d.dir, pattern)
	}
	if err != nil {
		return nil, fmt.Errorf("httpapi: spool: %w", err)
	}
	return f, nil
}

// open makes this process's folder: made under a name sweeps pass over,
// locked, and only then renamed into place, so no sweep ever sees it
// unlocked.
func (d *spoolDir) open() error {
	if err := os.MkdirAll(d.root, 0o700); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(d.root, ".new-")
	if err != nil {
		return err
	}
	lock, err := os.OpenFile(filepath.Join(tmp, "lock"), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil && canLock && !tryLock(lock) {
		lock.Close()
		err = errors.New("could not lock a new folder")
	}
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	// The pid names the owner for people looking; the lock, not the pid,
	// says whether it lives (pids are reused).
	dir := filepath.Join(d.root, fmt.Sprintf("%d-%s", os.Getpid(), strings.TrimPrefix(filepath.Base(tmp), ".new-")))
	if err := os.Rename(tmp, dir); err != nil {
		lock.Close()
		os.RemoveAll(tmp)
		return err
	}
	d.dir, d.lock = dir, lock
	return nil
}

// close removes this process's folder with any spools still in it (an
// import cut off by the shutdown's time limit), and makes no more.
func (d *spoolDir) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	if d.dir == "" {
		return
	}
	if err := os.RemoveAll(d.dir); err != nil {
		d.log.Warn("could not remove the import spools", "path", d.dir, "err", err)
	}
	d.lock.Close()
	d.dir, d.lock = "", nil
}
