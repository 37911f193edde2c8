package transparency_test

import (
	"bytes"
	"io"
	"iter"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
	"github.com/placetrust/placetrust/internal/geojson"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/transparency"
)

// TestFormatsCarryEveryField stores an asset with every field of
// estate.Fields set, exports it as CSV and as GeoJSON, and imports each
// into an empty register: every field comes back, so a field added to the
// description but not to a reader or a writer fails here.
func TestFormatsCarryEveryField(t *testing.T) {
	bookkeeping := []string{"version", "created_at", "updated_at"}
	db := mustOpen(t)
	seedPartner(t, db, "county", estate.KindOther)
	seedPartner(t, db, "police", estate.KindOther)
	if err := services(db).Assets.CreateAsset(adminCtx(), estatetest.Full()); err != nil {
		t.Fatal(err)
	}
	stored := allAssets(t, db, "county")[estatetest.Full().AssetCode]
	if d := estatetest.Differing(stored, estatetest.Full(), bookkeeping...); len(d) > 0 {
		t.Fatalf("the store lost %v", d)
	}
	all := func() iter.Seq2[*estate.Asset, error] {
		return estate.AllAssets(adminCtx(), services(db).Assets, estate.AssetFilter{})
	}
	for _, format := range []struct {
		name  string
		write func(io.Writer) error
		read  func(*sqlite.DB, io.Reader) error
	}{
		{"csv", func(w io.Writer) error {
			_, err := transparency.WriteCSV(w, all(), nil)
			return err
		}, func(db *sqlite.DB, r io.Reader) error {
			_, err := importCSV(t, db, "county", r, "", estate.ImportOptions{})
			return err
		}},
		{"geojson", func(w io.Writer) error {
			_, err := geojson.Write(w, all())
			return err
		}, func(db *sqlite.DB, r io.Reader) error {
			rd, err := geojson.NewReader(r, "county")
			if err == nil {
				_, err = services(db).Imports.ImportAssets(adminCtx(), "county", rd.Items(), estate.ImportOptions{})
			}
			return err
		}},
	} {
		t.Run(format.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := format.write(&out); err != nil {
				t.Fatal(err)
			}
			fresh := mustOpen(t)
			seedPartner(t, fresh, "county", estate.KindOther)
			seedPartner(t, fresh, "police", estate.KindOther)
			if err := format.read(fresh, &out); err != nil {
				t.Fatal(err)
			}
			got := allAssets(t, fresh, "county")[stored.AssetCode]
			if got == nil {
				t.Fatal("the asset did not come back")
			}
			if d := estatetest.Differing(got, stored, bookkeeping...); len(d) > 0 {
				t.Errorf("lost or changed on the way: %v", d)
			}
		})
	}
}
