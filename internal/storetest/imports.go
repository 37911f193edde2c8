package storetest

import (
	"context"
	"iter"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// Rows yields items as a file of them would, numbering from 2 (under the
// header) the rows that have no number. A store's own import tests can
// use it too.
func Rows(items ...*estate.ImportItem) iter.Seq2[*estate.ImportItem, error] {
	return func(yield func(*estate.ImportItem, error) bool) {
		for i, it := range items {
			if it.Row == 0 {
				it.Row = i + 2
			}
			if !yield(it, nil) {
				return
			}
		}
	}
}

// FileFields are the fields a Transparency Code file carries.
var FileFields = estate.FieldSetOf("asset_code", "uprn", "name", "street_name", "town", "postcode",
	"holding", "location", "tenure", "gia_m2")

// Item is a file's row holding a, carrying FileFields.
func Item(a *estate.Asset) *estate.ImportItem {
	return &estate.ImportItem{AssetCode: a.AssetCode, Asset: a, Fields: FileFields}
}

func outcomes(rep *estate.ImportReport) []estate.ImportOutcome {
	var out []estate.ImportOutcome
	for _, r := range rep.Rows {
		out = append(out, r.Outcome)
	}
	return out
}

func testImports(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police")
	c1, c2 := NewAsset("county", "C1", -2.2, 52.2), NewAsset("county", "C2", -2.3, 52.3)
	c1.UPRN, c2.UPRN = "100", "0200"
	e.create(c1, c2)
	// What officers set through the API, which the file does not carry.
	_, err := e.Assets.SetAssetRAG(admin, c1.ID, 1, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus"})
	must(t, err)

	file := func() []*estate.ImportItem {
		renamed := NewAsset("county", "C1", -2.2, 52.2)
		renamed.UPRN, renamed.Name = "100", "Renamed"
		recoded := NewAsset("county", "NEW-CODE", -2.3, 52.3)
		recoded.UPRN, recoded.Name = "0200", c2.Name
		return []*estate.ImportItem{Item(renamed), Item(recoded), Item(NewAsset("county", "C3", -2.4, 52.4))}
	}
	matched := []estate.ImportOutcome{estate.OutcomeUpdated, estate.OutcomeUpdated, estate.OutcomeInserted}

	t.Run("dry run writes nothing", func(t *testing.T) {
		s := e.in(t)
		before := s.state()
		rep, err := e.Imports.ImportAssets(admin, "county", Rows(file()...), estate.ImportOptions{DryRun: true})
		must(t, err)
		if !rep.DryRun || rep.Committed || !reflect.DeepEqual(outcomes(rep), matched) {
			t.Errorf("dry run: %+v", rep)
		}
		s.unchanged("dry run", before)
	})
	t.Run("match by code then UPRN", func(t *testing.T) {
		rep, err := e.Imports.ImportAssets(admin, "county", Rows(file()...), estate.ImportOptions{})
		must(t, err)
		if !rep.Committed || rep.Inserted != 1 || rep.Updated != 2 || !reflect.DeepEqual(outcomes(rep), matched) {
			t.Fatalf("report %+v", rep)
		}
		if r := rep.Rows[0]; r.AssetID != c1.ID || !reflect.DeepEqual(r.Changed, []string{"name"}) {
			t.Errorf("matched by code: %+v", r)
		}
		if r := rep.Rows[1]; r.AssetID != c2.ID || !strings.Contains(r.Reason, "UPRN 0200") || !reflect.DeepEqual(r.Changed, []string{"asset_code"}) {
			t.Errorf("matched by UPRN: %+v", r)
		}
		s := e.in(t)
		// The file's fields changed; the rating it does not carry did not.
		if got := s.get(admin, c1.ID); got.Name != "Renamed" || got.RAG != estate.RAGGreen || got.Version != 3 {
			t.Errorf("after import: %+v", got)
		}
		if h := s.history(admin, c1.ID); h[0].Action != estate.ActionImport || h[0].Actor != "admin" {
			t.Errorf("import's history event: %+v", h[0])
		}
		if got := s.get(admin, rep.Rows[2].AssetID); got.AssetCode != "C3" || got.Version != 1 {
			t.Errorf("inserted: %+v", got)
		}
	})
	t.Run("again changes nothing", func(t *testing.T) {
		s := e.in(t)
		before := s.state()
		rep, err := e.Imports.ImportAssets(admin, "county", Rows(file()...), estate.ImportOptions{})
		must(t, err)
		unchanged := []estate.ImportOutcome{estate.OutcomeUnchanged, estate.OutcomeUnchanged, estate.OutcomeUnchanged}
		if !reflect.DeepEqual(outcomes(rep), unchanged) {
			t.Errorf("outcomes %v, want %v", outcomes(rep), unchanged)
		}
		s.unchanged("the same file again", before)
	})

	wrong := func() []*estate.ImportItem {
		bad := NewAsset("county", "BAD", -2.2, 52.2)
		bad.Name = ""
		return append(file(), Item(NewAsset("county", "C4", -2.5, 52.5)), Item(bad))
	}
	importing := func(ctx context.Context, partner string, items ...*estate.ImportItem) func() error {
		return func() error {
			_, err := e.Imports.ImportAssets(ctx, partner, Rows(items...), estate.ImportOptions{})
			return err
		}
	}
	e.refuse([]refusal{
		{"a wrong row", importing(admin, "county", wrong()...), estate.EINVALID},
		{"a row the reader found wrong", importing(admin, "county", Item(NewAsset("county", "C5", -2.2, 52.2)),
			&estate.ImportItem{AssetCode: "C6", Err: estate.Errorf(estate.EINVALID, "no easting")}), estate.EINVALID},
		{"a file that cannot be read", func() error {
			broken := func(yield func(*estate.ImportItem, error) bool) {
				if yield(Item(NewAsset("county", "C7", -2.2, 52.2)), nil) {
					yield(nil, estate.Errorf(estate.EINVALID, "Line 3 has a bare quote."))
				}
			}
			_, err := e.Imports.ImportAssets(admin, "county", broken, estate.ImportOptions{})
			return err
		}, estate.EINVALID},
		{"an unknown partner", importing(admin, "nobody", Item(NewAsset("nobody", "N1", -2.2, 52.2))), estate.EINVALID},
		{"another partner's editor", importing(As(estate.RoleEditor, "police"), "county", file()...), estate.EFORBIDDEN},
		{"the partner's viewer", importing(As(estate.RoleViewer, "county"), "county", file()...), estate.EFORBIDDEN},
	})
	t.Run("a wrong row's report", func(t *testing.T) {
		rep, err := e.Imports.ImportAssets(admin, "county", Rows(wrong()...), estate.ImportOptions{})
		wantCode(t, "import", err, estate.EINVALID)
		if rep == nil || rep.Committed || rep.Errors != 1 || rep.Rows[len(rep.Rows)-1].Outcome != estate.OutcomeError {
			t.Errorf("report %+v", rep)
		}
	})
}
