package httpapi

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// staticFiles holds the ETag of each of the map's files: a hash of its
// content, made once. The files' URLs carry no version, so every use is
// revalidated (no-cache) and a new build shows at once; an unchanged file
// costs a 304 instead of its bytes (MapLibre alone is 1.1 MB).
type staticFiles struct {
	once  sync.Once
	etags map[string]string // by file name; directories have none
	err   error
}

// hashFiles makes the ETag of every regular file in fsys.
func hashFiles(fsys fs.FS) (map[string]string, error) {
	etags := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return err
		}
		etags[name] = `"` + base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:16]) + `"`
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("httpapi: web files: %w", err)
	}
	return etags, nil
}

// web serves the map application; unknown paths are 404 problems. Only
// files are served, by their clean names: "/" is index.html, and a
// directory or a path with "..", "." or empty segments names none, so no
// path reaches a file the router did not mean, and no directory bounces
// between its slash forms (trailing slashes are removed, slash.go).
func (s *Server) web(c echo.Context) error {
	if s.svc.Web == nil {
		return echo.ErrNotFound
	}
	st := &s.static
	st.once.Do(func() { st.etags, st.err = hashFiles(s.svc.Web) })
	if st.err != nil {
		return st.err
	}
	name, err := url.PathUnescape(c.Param("*"))
	if err != nil {
		return echo.ErrNotFound
	}
	if name == "" {
		name = "index.html"
	}
	tag, ok := st.etags[name]
	if !ok {
		return echo.ErrNotFound
	}
	f, err := s.svc.Web.Open(name)
	if err != nil {
		return fmt.Errorf("httpapi: web file %s: %w", name, err)
	}
	defer f.Close()
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		return errors.New("httpapi: web file " + name + " cannot seek")
	}
	h := c.Response().Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", s.pageCSP)
	// ServeContent answers If-None-Match with 304 and HEAD without a
	// body; embedded files have no modification time to offer.
	http.ServeContent(c.Response(), c.Request(), name, time.Time{}, rs)
	return nil
}
