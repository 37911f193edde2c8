package webtest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// faults is a proxy between the browser and the server that passes
// every request on, except those a test has told it to hold back (until
// released) or to answer with an error, as a slow or failing server
// would.
type faults struct {
	mu    sync.Mutex
	rules []*fault
}

// brokenDetail is the detail of every problem the proxy makes up.
const brokenDetail = "The test broke this request."

type fault struct {
	prefix  string        // path prefix the rule applies to
	status  int           // answer this with a problem document; 0 passes on
	release chan struct{} // if not nil, wait until it is closed
	hits    int
}

// withFaults puts a fault proxy in front of the server: from now on
// srv.URL, which the page and the test's own API calls use, is the
// proxy's. The proxy passes on its own Host, so the server must allow
// it: AllowedHosts 127.0.0.1.
func (s *server) withFaults(t testing.TB) *faults {
	t.Helper()
	target, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	f := &faults{}
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Host = r.In.Host // links the server writes point back here
	}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rule := f.match(r.URL.Path); rule != nil {
			if rule.release != nil {
				select {
				case <-rule.release:
				case <-r.Context().Done():
					return
				}
			}
			if rule.status != 0 {
				w.Header().Set("Content-Type", "application/problem+json")
				w.WriteHeader(rule.status)
				fmt.Fprintf(w, `{"type":"about:blank","title":%q,"status":%d,"detail":%q}`, http.StatusText(rule.status), rule.status, brokenDetail)
				return
			}
		}
		proxy.ServeHTTP(w, r)
	})}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	s.URL = "http://" + ln.Addr().String()
	return f
}

func (f *faults) match(path string) *fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.rules {
		if strings.HasPrefix(path, r.prefix) {
			r.hits++
			return r
		}
	}
	return nil
}

// hold holds back requests for paths starting with prefix until the
// returned function is called.
func (f *faults) hold(prefix string) (hits func() int, release func()) {
	r := &fault{prefix: prefix, release: make(chan struct{})}
	f.add(r)
	var once sync.Once
	return func() int { return f.hits(r) }, func() { once.Do(func() { close(r.release); f.remove(r) }) }
}

// fail answers requests for paths starting with prefix with status,
// until the returned function is called.
func (f *faults) fail(prefix string, status int) (hits func() int, stop func()) {
	r := &fault{prefix: prefix, status: status}
	f.add(r)
	return func() int { return f.hits(r) }, func() { f.remove(r) }
}

func (f *faults) add(r *fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = append(f.rules, r)
}

func (f *faults) remove(r *fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, x := range f.rules {
		if x == r {
			f.rules = append(f.rules[:i], f.rules[i+1:]...)
			return
		}
	}
}

func (f *faults) hits(r *fault) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return r.hits
}
