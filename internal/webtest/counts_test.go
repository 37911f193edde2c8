package webtest

import (
	"net/url"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// A server that leaves numberMatched out until its background count is
// done (as on a national register) still gets the legend's counts: the
// legend asks again rather than showing nothing or NaN.
func TestLegendWaitsForDeferredCounts(t *testing.T) {
	srv := newServer(t, httpapi.Config{CountBudget: -1}) // pages never wait for a count
	p := open(t, srv, "admin", "/", 1280, 800, false)
	p.waitIdle()
	checkLegend(t, p, url.Values{}, rags)
}
