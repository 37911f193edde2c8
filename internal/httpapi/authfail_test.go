package httpapi_test

import (
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// from makes a request come from addr, through the trusted proxy the
// tests' loopback connection stands for.
func from(addr string) map[string]string { return map[string]string{"X-Forwarded-For": addr} }

// TestGuessingIsThrottled is issue 13's item 3: with --rate 5, a client
// guessing tokens gets 429 with Retry-After once its failures are spent,
// while real clients, one behind the guesser's own address and one
// elsewhere, get every answer at once; failures are logged with the
// address.
func TestGuessingIsThrottled(t *testing.T) {
	logs := &lockedBuffer{}
	ts := newTestServer(t, httpapi.Config{RatePerSecond: 5, RateBurst: 10, AuthFailureBurst: httpapi.AuthFailureBurst,
		TrustedProxies: []string{"127.0.0.1"}, Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	const guesser, elsewhere = "198.51.100.9", "203.0.113.4"
	// A real client behind the guesser's address (one NAT) was working before.
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "county-viewer", Header: from(guesser)}), 200)

	const workers, guesses = 4, 10
	results := make(chan *response, workers*guesses)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range guesses {
				results <- ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: fmt.Sprintf("pt_guess_%d_%d", w, i), Header: from(guesser)})
			}
		})
	}
	for token, addr := range map[string]string{"county-viewer": guesser, "police-viewer": elsewhere} {
		wg.Go(func() {
			for i := range 6 {
				if res := ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: token, Header: from(addr)}); res.Status != 200 {
					t.Errorf("%s from %s, request %d, while guessing went on: %d %s", token, addr, i+1, res.Status, res.Body)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(results)

	refused, failed := 0, 0
	for res := range results {
		switch res.Status {
		case 401:
			failed++
		case 429:
			refused++
			if p := res.Problem(t); p.Code != "too_many_requests" {
				t.Errorf("429 with code %q", p.Code)
			}
			if s, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || s < 1 {
				t.Errorf("429 with Retry-After %q", res.Header.Get("Retry-After"))
			}
		default:
			t.Errorf("a guess answered %d: %s", res.Status, res.Body)
		}
	}
	// The budget's burst, then one a second while the guessing lasted.
	if most := httpapi.AuthFailureBurst + int(elapsed.Seconds()) + 1; refused == 0 || failed > most {
		t.Errorf("%d guesses in %v: %d looked up (401), %d refused (429); want at most %d looked up", workers*guesses, elapsed, failed, refused, most)
	}
	// Another address's failures are its own.
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "pt_typo", Header: from(elsewhere)}), 401)

	warned := map[string]int{}
	for _, msg := range []string{"authentication failed", "authentication failures throttled"} {
		for _, rec := range logs.records(t, msg) {
			if rec["level"] != "WARN" {
				t.Errorf("%q logged at %v", msg, rec["level"])
			}
			warned[msg+" "+fmt.Sprint(rec["addr"])]++
		}
	}
	if warned["authentication failed "+guesser] != failed || warned["authentication failures throttled "+guesser] < 1 {
		t.Errorf("log lines by message and address %v: want each of the %d failures and the throttling, with the address", warned, failed)
	}
	// A flood is not a flood of log lines: one per spell of refusals,
	// and a spell ends only when a refill lets one more failure through.
	if n := warned["authentication failures throttled "+guesser]; n > failed-httpapi.AuthFailureBurst+1 {
		t.Errorf("%d refusals logged %d lines, with %d failures let through", refused, n, failed)
	}
}

// TestGuessingThrottleSparesKnownTokens pins what an address over its
// failure budget may still do, with a refill slow enough (the rate, when
// lower than one a second) that nothing refills meanwhile.
func TestGuessingThrottleSparesKnownTokens(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{RatePerSecond: 0.01, RateBurst: 10, AuthFailureBurst: httpapi.AuthFailureBurst,
		TrustedProxies: []string{"127.0.0.1"}})
	const shared, other = "198.51.100.20", "203.0.113.20"
	get := func(token, addr string) *response {
		return ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: token, Header: from(addr)})
	}
	must(t, get("county-viewer", shared), 200)
	for i := range httpapi.AuthFailureBurst {
		must(t, get("pt_guess_"+strconv.Itoa(i), shared), 401)
	}
	res := must(t, get("pt_guess_last", shared), 429)
	if s, _ := strconv.Atoi(res.Header.Get("Retry-After")); s < 90 {
		t.Errorf("Retry-After %q at 0.01 failures a second, want about 100", res.Header.Get("Retry-After"))
	}
	// A token that already authenticated from the address is not slowed.
	must(t, get("county-viewer", shared), 200)
	// A token new to the address is refused unlooked-at: answering it 200
	// would tell a guesser its guess was right as fast as it can ask.
	must(t, get("police-viewer", shared), 429)
	// Elsewhere, both are answered as ever.
	must(t, get("police-viewer", other), 200)
	must(t, get("pt_guess_elsewhere", other), 401)
	// A malformed header guesses nothing and is not counted or throttled.
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Header: map[string]string{"Authorization": "Basic x", "X-Forwarded-For": shared}}), 401)
}
