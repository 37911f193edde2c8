package service_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
	"github.com/placetrust/placetrust/internal/storetest"
)

// rowsOf, row and lgaFields are the suite's: a file's rows, one row,
// and the fields a Transparency Code file carries.
var (
	rowsOf    = storetest.Rows
	row       = storetest.Item
	lgaFields = storetest.FileFields
)

func importRows(t *testing.T, s *register, partner string, opts estate.ImportOptions, items ...*estate.ImportItem) (*estate.ImportReport, error) {
	t.Helper()
	return s.ImportAssets(adminCtx(), partner, rowsOf(items...), opts)
}

func outcomes(rep *estate.ImportReport) []string {
	var out []string
	for _, r := range rep.Rows {
		out = append(out, string(r.Outcome))
	}
	return out
}

func TestImportMatching(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := newRegister(db)
	ctx := adminCtx()
	c1 := newAsset("county", "C1", -2.2, 52.2)
	c1.UPRN = "100"
	c2 := newAsset("county", "C2", -2.3, 52.3)
	c2.UPRN = "0200" // leading zero kept
	if err := s.CreateAssets(ctx, []*estate.Asset{c1, c2}, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	// What officers set through the API, which the file does not carry.
	rated, err := s.SetAssetRAG(ctx, c1.ID, 1, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus"})
	if err != nil {
		t.Fatal(err)
	}

	renamed := newAsset("county", "C1", -2.2, 52.2)
	renamed.UPRN, renamed.Name = "100", "Renamed"
	recoded := newAsset("county", "NEW-CODE", -2.3, 52.3)
	recoded.UPRN, recoded.Name = "0200", c2.Name
	fresh := newAsset("county", "C3", -2.4, 52.4)
	items := func() []*estate.ImportItem {
		return []*estate.ImportItem{row(renamed.Clone()), row(recoded.Clone()), row(fresh.Clone())}
	}
	rep, err := importRows(t, s, "county", estate.ImportOptions{}, items()...)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(rep); !reflect.DeepEqual(got, []string{"updated", "updated", "inserted"}) {
		t.Fatalf("outcomes %v: %+v", got, rep.Rows)
	}
	if r := rep.Rows[0]; !reflect.DeepEqual(r.Changed, []string{"name"}) || r.AssetID != c1.ID {
		t.Errorf("rename: %+v", r)
	}
	if r := rep.Rows[1]; r.AssetID != c2.ID || !strings.Contains(r.Reason, "UPRN 0200") ||
		!reflect.DeepEqual(r.Changed, []string{"asset_code"}) {
		t.Errorf("match by UPRN: %+v", r)
	}
	got, err := s.FindAssetByID(ctx, c1.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The file's fields changed; the rating and money it does not carry
	// did not.
	if got.Name != "Renamed" || got.RAG != estate.RAGGreen || got.RAGSetAt == nil ||
		*got.MarketValueGBP != *rated.MarketValueGBP || got.Version != 3 {
		t.Errorf("after import: %+v", got)
	}
	hist, err := s.FindAssetHistory(ctx, c1.ID, estate.HistoryFilter{})
	if err != nil || hist[0].Action != estate.ActionImport || hist[0].Actor != "test-admin" {
		t.Errorf("history: %v %+v", err, hist[0])
	}

	// The same rows again change nothing.
	before := fingerprint(t, db)
	again, err := importRows(t, s, "county", estate.ImportOptions{}, items()...)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(again); !reflect.DeepEqual(got, []string{"unchanged", "unchanged", "unchanged"}) {
		t.Errorf("again: %v", got)
	}
	if after := fingerprint(t, db); before != after {
		t.Errorf("again changed the tables: %v -> %v", before, after)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	cases := []struct {
		name   string
		seed   bool // the partner has assets already: rows are looked up
		items  func() []*estate.ImportItem
		reason string
	}{
		{"repeated asset code, new partner", false, func() []*estate.ImportItem {
			return []*estate.ImportItem{row(newAsset("county", "A", -2, 52)), row(newAsset("county", "A", -2.1, 52))}
		}, `"A" is used by an earlier row of the file: to load the file as it is, import with --repeated-codes=suffix`},
		// A repeated code names the setting that would load the file
		// whether the rows are new or matched.
		{"repeated asset code", true, func() []*estate.ImportItem {
			return []*estate.ImportItem{row(newAsset("county", "A", -2, 52)), row(newAsset("county", "A", -2.1, 52))}
		}, `"A" is used by an earlier row of the file: to load the file as it is, import with --repeated-codes=suffix`},
		{"invalid row", false, func() []*estate.ImportItem {
			bad := newAsset("county", "B", -2, 52)
			bad.Postcode = "NOT A POSTCODE"
			return []*estate.ImportItem{row(newAsset("county", "A", -2, 52)), row(bad)}
		}, "postcode: must be a UK postcode"},
		{"reader error for a row", false, func() []*estate.ImportItem {
			return []*estate.ImportItem{row(newAsset("county", "A", -2, 52)),
				{Err: &estate.Error{Code: estate.EINVALID, Message: "x", Fields: []estate.FieldError{{Field: "geometry", Message: "is outside"}}}}}
		}, "geometry: is outside"},
		{"another partner's row", false, func() []*estate.ImportItem {
			return []*estate.ImportItem{row(newAsset("county", "A", -2, 52)), row(newAsset("police", "P", -2, 52))}
		}, `belongs to partner "police"`},
		// A row with occupiers is written alone, after the rows waiting.
		{"occupier that is no partner, new partner", false, func() []*estate.ImportItem {
			return []*estate.ImportItem{row(newAsset("county", "A", -2, 52)), row(occupiedBy("B", "nobody"))}
		}, `occupiers: no partner "nobody"`},
		{"occupier that is no partner", true, func() []*estate.ImportItem {
			return []*estate.ImportItem{row(newAsset("county", "A", -2, 52)), row(occupiedBy("B", "nobody"))}
		}, `occupiers: no partner "nobody"`},
		{"rating without rationale", false, func() []*estate.ImportItem {
			a := newAsset("county", "A", -2, 52)
			a.RAG = estate.RAGRed
			return []*estate.ImportItem{row(a)}
		}, "rag_rationale"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := MustOpen(t)
			seedPartners(t, db, "county", "police")
			s := newRegister(db)
			if c.seed {
				if err := s.CreateAsset(adminCtx(), newAsset("county", "OLD", -2, 52)); err != nil {
					t.Fatal(err)
				}
			}
			before := fingerprint(t, db)
			rep, err := importRows(t, s, "county", estate.ImportOptions{}, c.items()...)
			if estate.ErrorCode(err) != estate.EINVALID || rep == nil || rep.Errors != 1 || rep.Committed {
				t.Fatalf("err %v, report %+v", err, rep)
			}
			last := rep.Rows[len(rep.Rows)-1]
			if last.Outcome != estate.OutcomeError || !strings.Contains(last.Reason, c.reason) {
				t.Errorf("last row %+v, want reason %q", last, c.reason)
			}
			if after := fingerprint(t, db); before != after {
				t.Errorf("tables changed: %v -> %v", before, after)
			}
		})
	}
}

// occupiedBy is a county asset with code, tagged, that occupier shares.
func occupiedBy(code, occupier string) *estate.Asset {
	a := newAsset("county", code, -2.05, 52)
	a.Tags = []string{"hub-candidate"}
	a.Occupiers = []estate.Occupier{{Partner: occupier}}
	return a
}

// TestImportLinkedRows imports rows with tags and occupiers, which are
// written one at a time between groups of plain rows: each gets its own
// id, links and audit event, the others theirs.
func TestImportLinkedRows(t *testing.T) {
	for _, seed := range []bool{false, true} {
		db := MustOpen(t)
		seedPartners(t, db, "county", "police")
		s := newRegister(db)
		if seed {
			if err := s.CreateAsset(adminCtx(), newAsset("county", "OLD", -2, 52)); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := importRows(t, s, "county", estate.ImportOptions{}, row(newAsset("county", "A", -2, 52)),
			row(occupiedBy("B", "police")), row(newAsset("county", "C", -2.1, 52)), row(occupiedBy("D", "county")))
		if err != nil || rep.Inserted != 4 {
			t.Fatalf("seeded %v: %v %+v", seed, err, rep)
		}
		for _, r := range rep.Rows {
			a, err := s.FindAssetByID(adminCtx(), r.AssetID)
			if err != nil || a.AssetCode != r.AssetCode {
				t.Fatalf("seeded %v, row %d: asset %d is %+v (%v)", seed, r.Row, r.AssetID, a, err)
			}
			if linked := r.AssetCode == "B" || r.AssetCode == "D"; linked != (len(a.Tags) == 1 && len(a.Occupiers) == 1) {
				t.Errorf("seeded %v: %s has tags %v, occupiers %v", seed, a.AssetCode, a.Tags, a.Occupiers)
			}
			hist, err := s.FindAssetHistory(adminCtx(), a.ID, estate.HistoryFilter{})
			if err != nil || len(hist) != 1 || hist[0].Action != estate.ActionImport {
				t.Errorf("seeded %v: %s history %+v %v", seed, a.AssetCode, hist, err)
			}
		}
		if err := sqlitetest.Check(context.Background(), db); err != nil {
			t.Error(err)
		}
	}
}

func TestImportRefusals(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := newRegister(db)
	items := rowsOf(row(newAsset("county", "A", -2, 52)))
	for _, c := range []struct {
		ctx     context.Context
		partner string
		code    string
	}{
		{context.Background(), "county", estate.EUNAUTHORIZED},
		{estate.NewContextWithActor(context.Background(), estate.Actor{Name: "cop", Role: estate.RoleEditor, Partner: "police"}), "county", estate.EFORBIDDEN},
		{adminCtx(), "nobody", estate.EINVALID},
	} {
		if _, err := s.ImportAssets(c.ctx, c.partner, items, estate.ImportOptions{}); estate.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %s", c.partner, err, c.code)
		}
	}
	// An editor imports their own partner's assets.
	editor := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "clerk", Role: estate.RoleEditor, Partner: "county"})
	if rep, err := s.ImportAssets(editor, "county", items, estate.ImportOptions{}); err != nil || rep.Inserted != 1 {
		t.Errorf("editor: %v %+v", err, rep)
	}
}

func TestImportReadErrorStops(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := newRegister(db)
	broken := errors.New("lga: line 3: bare quote")
	rows := func(yield func(*estate.ImportItem, error) bool) {
		if !yield(row(newAsset("county", "A", -2, 52)), nil) {
			return
		}
		if yield(nil, broken) {
			t.Error("the import read on after an error")
		}
	}
	rep, err := s.ImportAssets(adminCtx(), "county", rows, estate.ImportOptions{})
	if !errors.Is(err, broken) || rep.Inserted != 1 || rep.Committed {
		t.Errorf("err %v report %+v", err, rep)
	}
	if n := count(t, db, "assets"); n != 0 {
		t.Errorf("%d assets written", n)
	}
}

func TestImportLimits(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := newRegister(db)
	var items []*estate.ImportItem
	for i := range 20 {
		items = append(items, row(newAsset("county", fmt.Sprint("A", i), -2, 52)))
	}
	seen := 0
	rep, err := importRows(t, s, "county", estate.ImportOptions{ReportRows: 5, OnRow: func(estate.ImportRow) { seen++ }}, items...)
	if err != nil || len(rep.Rows) != 5 || rep.Omitted != 15 || rep.Inserted != 20 || seen != 20 {
		t.Errorf("report rows %d omitted %d inserted %d seen %d: %v", len(rep.Rows), rep.Omitted, rep.Inserted, seen, err)
	}
	var bad []*estate.ImportItem
	for range 10 {
		bad = append(bad, &estate.ImportItem{Skip: "", Err: &estate.Error{Code: estate.EINVALID, Message: "wrong"}})
	}
	rep, err = importRows(t, s, "county", estate.ImportOptions{MaxErrors: 3}, bad...)
	if estate.ErrorCode(err) != estate.EINVALID || !rep.Stopped || rep.Errors != 3 {
		t.Errorf("max errors: %v %+v", err, rep)
	}
}

// TestImportUPRNKeepsIdentity: a row may take over a stored asset by UPRN
// only when the asset's own code is nowhere in the file, wherever in the
// file that code comes.
func TestImportUPRNKeepsIdentity(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := newRegister(db)
	a := newAsset("county", "A", -2.2, 52.2)
	a.UPRN, a.Name = "100", "Shire Hall"
	if err := s.CreateAssets(adminCtx(), []*estate.Asset{a}, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	item := func(code, name string) *estate.ImportItem {
		x := newAsset("county", code, -2.2, 52.2)
		x.UPRN, x.Name = "100", name
		return row(x)
	}
	// NEW comes first with A's UPRN; A's own row follows.
	rep, err := importRows(t, s, "county", estate.ImportOptions{DryRun: true}, item("NEW", "Shire Hall annexe"), item("A", "Shire Hall"))
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(rep); !reflect.DeepEqual(got, []string{"inserted", "unchanged"}) || rep.Rows[1].AssetID != a.ID {
		t.Errorf("NEW then A: %v %+v", got, rep.Rows)
	}
	// A row skipped for want of coordinates still names A.
	skipped := &estate.ImportItem{AssetCode: "A", Skip: "no coordinates"}
	rep, err = importRows(t, s, "county", estate.ImportOptions{DryRun: true}, item("NEW", "Shire Hall annexe"), skipped)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(rep); !reflect.DeepEqual(got, []string{"inserted", "skipped"}) {
		t.Errorf("NEW then A skipped: %v %+v", got, rep.Rows)
	}
	// Without A in the file, NEW is A recoded: matched by UPRN, warned.
	var streamed []int
	depot := item("B", "Depot")
	depot.Asset.UPRN = "200"
	rep, err = importRows(t, s, "county", estate.ImportOptions{OnRow: func(r estate.ImportRow) { streamed = append(streamed, r.Row) }},
		item("NEW", "Shire Hall"), depot)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(rep); !reflect.DeepEqual(got, []string{"updated", "inserted"}) || rep.Rows[0].AssetID != a.ID ||
		!reflect.DeepEqual(rep.Rows[0].Changed, []string{"asset_code"}) || !strings.Contains(strings.Join(rep.Rows[0].Warnings, " "), `asset code changes from "A" to "NEW"`) {
		t.Errorf("NEW alone: %v %+v", got, rep.Rows)
	}
	if !reflect.DeepEqual(streamed, []int{3, 2}) {
		t.Errorf("rows streamed in order %v: the UPRN match is decided last", streamed)
	}
	got, err := s.FindAssetByID(adminCtx(), a.ID)
	if err != nil || got.AssetCode != "NEW" {
		t.Errorf("after recoding: %v %+v", err, got)
	}
}
