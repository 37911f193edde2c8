package transparency_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// TestDryRunReportsAsImport: for published files loaded new, reloaded
// with changes, and either with a repeated row (which fails), a dry
// run's report is the real import's, but for committing and the ids of
// new assets, which a dry run never takes.
func TestDryRunReportsAsImport(t *testing.T) {
	files := []struct{ partner, file, mapping, name string }{
		{"trafford", trafford, "", "PropertyName"},
		{"fire", fireStations, transparency.Presets["home-office-fire-stations"], "STATION_NAME"},
	}
	for _, f := range files {
		original := readTestdata(t, f.file)
		changed := editCSV(t, original, func(i int, rec []string, col map[string]int) []string {
			switch {
			case i%5 == 0:
				rec[col[f.name]] += " (renamed)"
			case i == 12 && col["AssetCode"] > 0:
				rec[col["AssetCode"]] = "RECODED-12" // the same UPRN: matched by it
			case i == 30 && col["TenureDetail"] > 0:
				rec[col["TenureDetail"]] = "Leased out" // a note line the file owns
			case i == 20:
				return nil
			}
			return rec
		})
		repeated := append(slices.Clone(original), bytes.SplitAfter(original, []byte("\n"))[3]...)
		for _, c := range []struct {
			name        string
			first, next []byte // first is loaded for real first, if set
		}{
			{"new", nil, original},
			{"new with a repeated row", nil, repeated},
			{"reload with changes", original, changed},
			{"reload with a repeated row", original, repeated},
		} {
			t.Run(f.partner+"/"+c.name, func(t *testing.T) {
				db := mustOpen(t)
				seedPartner(t, db, f.partner, estate.KindUnitaryCouncil)
				if c.first != nil {
					if _, err := importCSV(t, db, f.partner, bytes.NewReader(c.first), f.mapping, estate.ImportOptions{}); err != nil {
						t.Fatal(err)
					}
				}
				dry, dryErr := importCSV(t, db, f.partner, bytes.NewReader(c.next), f.mapping, estate.ImportOptions{DryRun: true, ReportRows: 1 << 20})
				real, realErr := importCSV(t, db, f.partner, bytes.NewReader(c.next), f.mapping, estate.ImportOptions{ReportRows: 1 << 20})
				if (dryErr == nil) != (realErr == nil) || real.Committed != (realErr == nil) {
					t.Fatalf("dry run: %v; import: %v (committed %v)", dryErr, realErr, real.Committed)
				}
				if realErr == nil && real.Inserted+real.Updated == 0 {
					t.Fatalf("the case changes nothing: %+v", real)
				}
				if realErr != nil && real.Errors == 0 {
					t.Fatalf("the import failed with no wrong row: %v", realErr)
				}
				real.DryRun, real.Committed = true, false
				for i, r := range real.Rows {
					if r.Outcome == estate.OutcomeInserted {
						real.Rows[i].AssetID = 0
					}
				}
				if !reflect.DeepEqual(dry, real) {
					t.Errorf("dry run and import differ:\n%s", reportDiff(dry, real))
				}
			})
		}
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// editCSV rewrites each record after the header with edit, which gets the
// record's ordinal from 1 and the header's column indexes, and may return
// nil to leave the record out.
func editCSV(t *testing.T, file []byte, edit func(i int, rec []string, col map[string]int) []string) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.UseCRLF = true
	w.Write(recs[0])
	for i, rec := range recs[1:] {
		if rec = edit(i+1, rec, col); rec != nil {
			w.Write(rec)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// reportDiff names the first rows and totals two reports differ in.
func reportDiff(a, b *estate.ImportReport) string {
	var out bytes.Buffer
	for i := range max(len(a.Rows), len(b.Rows)) {
		var ra, rb estate.ImportRow
		if i < len(a.Rows) {
			ra = a.Rows[i]
		}
		if i < len(b.Rows) {
			rb = b.Rows[i]
		}
		if !reflect.DeepEqual(ra, rb) && out.Len() < 2000 {
			fmt.Fprintf(&out, "  %+v\n  %+v\n", ra, rb)
		}
	}
	a2, b2 := *a, *b
	a2.Rows, b2.Rows = nil, nil
	fmt.Fprintf(&out, "totals\n  %+v\n  %+v\n", a2, b2)
	return out.String()
}
