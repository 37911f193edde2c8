package transparency_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// BenchmarkImportAgainstFloorPostgres1M imports the million-row file,
// then has PostgreSQL write the very rows it stored again with no client
// in the way: the assets and their audit events copied out to files by
// the server, the tables emptied, and the files copied back in one
// transaction (binary COPY FROM a server file, every index, constraint
// and trigger in place). No importer can write those rows faster than
// PostgreSQL's one backend does here, so floor-rows/s is the ceiling the
// import's rows/s is measured against, in the same run. Run with
// -benchtime=1x; the server must be able to write to os.TempDir().
func BenchmarkImportAgainstFloorPostgres1M(b *testing.B) {
	const n = 1_000_000
	file := benchCSV(b, n)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		_, svc, url := openPG(b)
		start := time.Now()
		if rep := importPG(b, svc, "bench", openCSV(b, file), nil); rep.Inserted != n {
			b.Fatalf("%d inserted", rep.Inserted)
		}
		imported := time.Since(start)
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		dir, err := os.MkdirTemp("", "pgfloor")
		if err != nil {
			b.Fatal(err)
		}
		os.Chmod(dir, 0o777) // the server writes here as its own user
		assets, audit := filepath.Join(dir, "assets.bin"), filepath.Join(dir, "audit.bin")
		exec := func(sql string) {
			if _, err := conn.Exec(ctx, sql); err != nil {
				b.Fatalf("%s: %v", sql, err)
			}
		}
		// The columns written, by name: the generated ones are the
		// server's to compute again.
		var cols string
		if err := conn.QueryRow(ctx, `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
			FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'assets'
			AND is_generated = 'NEVER'`).Scan(&cols); err != nil {
			b.Fatal(err)
		}
		exec(fmt.Sprintf(`COPY audit_events TO '%s' (FORMAT binary)`, audit))
		exec(fmt.Sprintf(`COPY assets (%s) TO '%s' (FORMAT binary)`, cols, assets))
		// The trail is append-only (a trigger): lifted for emptying only.
		exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`)
		exec(`DELETE FROM audit_events`)
		exec(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`)
		exec(`DELETE FROM assets`)
		exec(`VACUUM (ANALYZE) assets`)
		exec(`VACUUM (ANALYZE) audit_events`)
		start = time.Now()
		exec(`BEGIN`)
		exec(fmt.Sprintf(`COPY assets (%s) FROM '%s' (FORMAT binary)`, cols, assets))
		exec(fmt.Sprintf(`COPY audit_events FROM '%s' (FORMAT binary)`, audit))
		exec(`COMMIT`)
		floor := time.Since(start)
		var got int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM assets`).Scan(&got); err != nil || got != n {
			b.Fatalf("%d assets after the floor's copy: %v", got, err)
		}
		conn.Close(ctx)
		os.RemoveAll(dir)
		b.ReportMetric(float64(n)/imported.Seconds(), "import-rows/s")
		b.ReportMetric(float64(n)/floor.Seconds(), "floor-rows/s")
		b.ReportMetric(floor.Seconds()/imported.Seconds(), "import/floor")
		b.StartTimer()
	}
}
