package webtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// BenchmarkMap1M times the page over a national register of a million
// assets (internal/benchdb; PLACETRUST_BENCH_DB keeps the file between
// runs, as for the store's benchmarks): milliseconds from navigation to
// the map's first idle (tiles in view drawn) and to everything loaded,
// and the mean time from a 400 px pan to idle at zooms 6 to 15. Server
// caches are warmed by one load first, as they are after a server's
// first visitor.
func BenchmarkMap1M(b *testing.B) {
	needBrowser(b)
	path := os.Getenv("PLACETRUST_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "national.db")
	}
	ctx := context.Background()
	db, err := benchdb.Open(ctx, path, 1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	secret, err := services(db).Tokens.CreateToken(benchdb.AdminContext(ctx), &estate.Token{Name: "webbench-" + time.Now().UTC().Format("20060102T150405.000"), Role: estate.RoleAdmin})
	if err != nil {
		b.Fatal(err)
	}
	// The first load of a national register reads it whole into the
	// analyses' and the tiles' copies: far longer than any later load.
	srv := &server{DB: db, Tokens: map[string]string{"admin": secret}, Settle: 5 * time.Minute}
	srv.serve(b, db, httpapi.Config{})
	benchPage(b, srv, [2]float64{-3.1920334, 53.1841633})
}

// BenchmarkMapDemo is BenchmarkMap1M over the demo estate.
func BenchmarkMapDemo(b *testing.B) {
	needBrowser(b)
	benchPage(b, newServer(b, httpapi.Config{}), [2]float64{worcesterLon, worcesterLat})
}

// benchPage loads the page once to warm the server's caches (logging
// how long that first load took), then times loads and pans round at.
func benchPage(b *testing.B, srv *server, at [2]float64) {
	p := open(b, srv, "admin", "/", 1280, 800, false)
	var cold struct{ MapIdle, FirstIdle float64 }
	p.eval(`placetrust.timings`, &cold)
	b.Logf("first load after the server started: map idle %.0f ms, everything %.0f ms", cold.MapIdle, cold.FirstIdle)
	var mapIdle, allIdle, pan float64
	for b.Loop() {
		p.visit("admin", "/")
		var t struct{ MapIdle, FirstIdle float64 }
		p.eval(`placetrust.timings`, &t)
		mapIdle += t.MapIdle
		allIdle += t.FirstIdle
		var ms float64
		p.eval(fmt.Sprintf(`(async () => {
			const m = placetrust.map, idle = () => new Promise((r) => m.once('idle', r));
			const pan = async () => { const t0 = performance.now(), p = idle(); m.panBy([400, 0], {animate: false}); await p; return performance.now() - t0; };
			let sum = 0, n = 0;
			for (const z of [6, 9, 12, 15]) {
				const p = idle(); m.jumpTo({center: [%f, %f], zoom: z}); await p;
				for (let i = 0; i < 3; i++) { sum += await pan(); n++; }
			}
			return sum / n;
		})()`, at[0], at[1]), &ms)
		pan += ms
	}
	n := float64(b.N)
	b.ReportMetric(mapIdle/n, "map-idle-ms")
	b.ReportMetric(allIdle/n, "all-idle-ms")
	b.ReportMetric(pan/n, "pan-ms")
}
