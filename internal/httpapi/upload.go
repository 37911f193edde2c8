package httpapi

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// Defaults of the upload caps (Config.MaxUploads, Config.SpoolLimit). An
// import holds the one write connection, so more uploads at once only
// queue, each holding its file on disk meanwhile: two let one upload
// arrive while another imports.
const (
	DefaultMaxUploads = 2
	DefaultSpoolLimit = "1G"
)

// uploadRetryAfter is the Retry-After, in seconds, of an upload refused
// because the others fill the server: about as long as a large import.
const uploadRetryAfter = 30

// uploads caps the imports in flight, each with its spooled file, by
// number and by the bytes their files hold together.
type uploads struct {
	slots chan struct{}
	limit int64
	mu    sync.Mutex
	used  int64 // bytes held or reserved by the spools in flight
}

func newUploads(n int, limit int64) *uploads {
	return &uploads{slots: make(chan struct{}, n), limit: limit}
}

// errUploadsFull is why an upload was refused: the others fill the server
// for now.
func errUploadsFull(why string) error {
	return estate.Errorf(estate.ETOOMANYREQUESTS, "The server is busy with other uploads (%s): send the file again after the Retry-After seconds.", why)
}

// begin takes an upload's place, reserving the bytes the client declared,
// or refuses it at once rather than queue a client that would hold its
// connection open meanwhile.
func (u *uploads) begin(declared int64) (*upload, error) {
	select {
	case u.slots <- struct{}{}:
	default:
		return nil, errUploadsFull(fmt.Sprintf("at most %d at once", cap(u.slots)))
	}
	up := &upload{u: u}
	if declared > 0 && !up.grow(declared) {
		up.end()
		return nil, errUploadsFull(fmt.Sprintf("their files may hold %d bytes together", u.limit))
	}
	return up, nil
}

// upload is one upload's place and the bytes it holds.
type upload struct {
	u    *uploads
	held int64
}

// grow makes the upload hold n bytes, if that keeps every upload's files
// within the limit.
func (up *upload) grow(n int64) bool {
	if n <= up.held {
		return true
	}
	up.u.mu.Lock()
	defer up.u.mu.Unlock()
	if up.u.used+n-up.held > up.u.limit {
		return false
	}
	up.u.used += n - up.held
	up.held = n
	return true
}

// end gives the place and the bytes back.
func (up *upload) end() {
	up.u.mu.Lock()
	up.u.used -= up.held
	up.held = 0
	up.u.mu.Unlock()
	<-up.u.slots
}

// beginUpload is begin for a request, with the Retry-After a refusal
// carries.
func (s *Server) beginUpload(c echo.Context) (*upload, error) {
	up, err := s.uploads.begin(c.Request().ContentLength)
	if err != nil {
		c.Response().Header().Set("Retry-After", strconv.Itoa(uploadRetryAfter))
	}
	return up, err
}

// spooledBody is a request body copied to a file, removed on Close.
type spooledBody struct{ *os.File }

func (b spooledBody) Close() error {
	err := b.File.Close()
	os.Remove(b.Name())
	return err
}

// spool copies the body to a file in this server's spool folder before
// the import begins, so the one write connection is never held waiting
// on a slow upload. The body limit middleware bounds the copy (going
// over it stays a 413), and so does the upload's share of the spool
// limit (a 429).
func (s *Server) spool(c echo.Context, up *upload) (spooledBody, error) {
	f, err := s.spools.create("upload-*")
	if err != nil {
		return spooledBody{}, err
	}
	b := spooledBody{f}
	if _, err := io.Copy(&spoolWriter{f: f, up: up}, c.Request().Body); err != nil {
		b.Close()
		var he *echo.HTTPError
		switch {
		case errors.As(err, &he):
			return spooledBody{}, he
		case estate.ErrorCode(err) == estate.ETOOMANYREQUESTS:
			c.Response().Header().Set("Retry-After", strconv.Itoa(uploadRetryAfter))
			return spooledBody{}, err
		case errors.Is(err, errSpoolWrite):
			return spooledBody{}, fmt.Errorf("httpapi: import: spool: %w", err)
		}
		return spooledBody{}, invalid("body", "could not be read to the end: "+err.Error())
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		b.Close()
		return spooledBody{}, fmt.Errorf("httpapi: import: spool: %w", err)
	}
	return b, nil
}

// errSpoolWrite marks a failure to write the spool (a full disk), the
// server's fault, apart from a failure to read the client's body.
var errSpoolWrite = errors.New("write")

// spoolWriter writes a spool, growing the upload's share of the spool
// limit as it goes, for bodies sent without a Content-Length.
type spoolWriter struct {
	f       *os.File
	up      *upload
	written int64
}

func (w *spoolWriter) Write(p []byte) (int, error) {
	if !w.up.grow(w.written + int64(len(p))) {
		return 0, errUploadsFull(fmt.Sprintf("their files may hold %d bytes together", w.up.u.limit))
	}
	n, err := w.f.Write(p)
	w.written += int64(n)
	if err != nil {
		return n, fmt.Errorf("%w: %w", errSpoolWrite, err)
	}
	return n, nil
}
