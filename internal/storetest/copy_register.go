package storetest

import (
	"fmt"
	"testing"

	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// copiedRegister is the register the copy tests copy: the demo estate as
// some use leaves it, with what a copy must carry exactly.
type copiedRegister struct {
	// secrets of tokens made in it: live ones, and one revoked.
	live, revoked string
	// highest is the highest asset id it ever gave or showed.
	highest int64
}

// bulkRows is how many rows the new partner's import has: past the
// import's write-ahead (4,096), so it is written while read and a late
// wrong row leaves ids reported but never stored; and enough with the
// demo estate for a store's bulk paths (SQLite packs its R*Tree from
// 5,000 entries).
const bulkRows = 4200

// buildCopiedRegister fills svc's empty register.
func buildCopiedRegister(t testing.TB, svc *service.Services) *copiedRegister {
	t.Helper()
	r := &copiedRegister{}
	ps, as := demo.Estate(demo.DefaultSeed)
	for _, p := range ps {
		must(t, svc.Partners.CreatePartner(admin, p))
	}
	must(t, svc.Assets.CreateAssets(admin, as, estate.ActionCreate))
	for _, id := range []string{"bulk", "failed", "gone", "tenant"} {
		must(t, svc.Partners.CreatePartner(admin, &estate.Partner{ID: id, Name: "Partner " + id, Kind: estate.KindOther}))
	}

	// A new partner's long list, written while read: compact audit rows.
	rep, err := svc.Imports.ImportAssets(admin, "bulk", bulkFile("bulk", bulkRows, false), estate.ImportOptions{})
	must(t, err)
	if !rep.Committed || rep.Inserted != bulkRows {
		t.Fatalf("bulk import: committed %v, %d inserted", rep.Committed, rep.Inserted)
	}
	// One that fails on its last row: ids shown, never stored, retired.
	rep, err = svc.Imports.ImportAssets(admin, "failed", bulkFile("failed", bulkRows, true), estate.ImportOptions{})
	if estate.ErrorCode(err) != estate.EINVALID {
		t.Fatalf("failing import: %v", err)
	}
	for _, row := range rep.Rows {
		r.highest = max(r.highest, row.AssetID)
	}

	// Edits, ratings and deletions by officers.
	owner := ps[0].ID
	a, b, c, d := as[0], as[1], as[2], as[3]
	editor := As(estate.RoleEditor, a.Partner)
	_, err = svc.Assets.UpdateAsset(editor, a.ID, a.Version, func(x *estate.Asset) error {
		x.Name += " (renamed)"
		x.Notes = "Boiler replaced;\nsee the survey."
		x.Tags = []string{"copied-hub", "surplus"}
		x.Footprint = square(x.Location.Lon, x.Location.Lat, 0.0003)
		x.Occupiers = []estate.Occupier{{Partner: "tenant", AreaM2: ptr(12.5)}} // owning nothing
		x.Sensitive = true
		return nil
	})
	must(t, err)
	_, err = svc.Assets.SetAssetRAG(As(estate.RoleEditor, b.Partner), b.ID, b.Version,
		estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus after the move"})
	must(t, err)
	for v := c.Version; v < c.Version+2; v++ {
		_, err = svc.Assets.UpdateAsset(admin, c.ID, v, func(x *estate.Asset) error {
			x.GIAM2 = ptr(0.1 + float64(v)) // a figure with no short decimal form
			return nil
		})
		must(t, err)
	}
	must(t, svc.Assets.DeleteAsset(admin, d.ID, d.Version))
	newest := estate.AssetFilter{Selection: estate.Selection{Partners: []string{"bulk"}}, Page: estate.Page{Before: 1<<62 - 1, Limit: 1}}
	last, err := svc.Assets.FindAssets(admin, newest)
	must(t, err)
	if len(last) != 1 {
		t.Fatalf("newest bulk asset: %d found", len(last))
	}
	must(t, svc.Assets.DeleteAsset(admin, last[0].ID, last[0].Version))
	r.highest = max(r.highest, last[0].ID)

	// Partners, tokens and saved mappings, audited.
	name := "Renamed Council"
	_, err = svc.Partners.UpdatePartner(admin, owner, estate.PartnerUpdate{Name: &name})
	must(t, err)
	r.live, err = svc.Tokens.CreateToken(admin, &estate.Token{Name: "copy-editor", Role: estate.RoleEditor, Partner: owner})
	must(t, err)
	_, err = svc.Tokens.CreateToken(admin, &estate.Token{Name: "gone-viewer", Role: estate.RoleViewer, Partner: "gone"})
	must(t, err)
	r.revoked, err = svc.Tokens.CreateToken(admin, &estate.Token{Name: "revoked-admin", Role: estate.RoleAdmin})
	must(t, err)
	toks, err := svc.Tokens.FindTokens(admin)
	must(t, err)
	must(t, svc.Tokens.RevokeToken(admin, toks[0].ID)) // newest first: revoked-admin
	for _, m := range []*estate.ImportMapping{
		{Partner: owner, Map: []string{"AssetCode=E_CODE", "GeoX=E", "GeoY=N"}, Delimiter: ";"},
		{Partner: "gone", Map: []string{"AssetCode=REF"}},
		{Partner: owner, Map: []string{"AssetCode=E_CODE"}},
	} {
		must(t, svc.ImportMappings.SetImportMapping(admin, m))
	}
	copyScenarios(t, svc, owner)
	must(t, svc.Partners.DeletePartner(admin, "gone")) // revokes its token, forgets its mapping and scenario
	must(t, svc.Partners.DeletePartner(admin, "failed"))
	return r
}

// bulkFile is a new partner's file of n rows, the last one wrong if bad.
func bulkFile(partner string, n int, bad bool) func(yield func(*estate.ImportItem, error) bool) {
	items := make([]*estate.ImportItem, n)
	for i := range items {
		a := NewAsset(partner, fmt.Sprintf("B%05d", i), -2.3+float64(i%70)*0.002, 52.1+float64(i/70)*0.002)
		a.UPRN = fmt.Sprint(200000000 + i)
		if bad && i == n-1 {
			a.Name = "" // required
		}
		items[i] = Item(a)
	}
	return Rows(items...)
}

// copyScenarios saves scenarios as partners' editors would: one changed
// twice (version 3), one deleted (a gap in the ids), parameters with no
// short decimal form, one of a partner deleted later (gone with it).
func copyScenarios(t testing.TB, svc *service.Services, owner string) {
	t.Helper()
	if svc.Scenarios == nil {
		t.Fatal("the copy tests need stores that keep scenarios")
	}
	ed := As(estate.RoleEditor, owner)
	green, lead := estate.RAGGreen, 0.1+0.2
	var saved []*estate.Scenario
	for i, sc := range []*estate.Scenario{
		{Name: "Amber libraries go green", Description: "Board paper,\nMarch", SharedWith: []string{"bulk", "tenant"},
			Rules:  []estate.ScenarioRule{{Uses: []string{"Library"}, RAGs: []estate.RAG{estate.RAGAmber}, RAG: &green}},
			Params: map[string]float64{"p_amber": 0.6, "discount_rate": 0.1 + 0.2}},
		{Name: "To delete", Rules: []estate.ScenarioRule{{Tags: []string{"surplus"}, LeadYears: &lead}}},
		{Name: "Police station closes", Rules: []estate.ScenarioRule{{IDs: []int64{1, 2}, Target: "2028-03-31"}}},
	} {
		must(t, svc.Scenarios.CreateScenario(ed, sc))
		saved = append(saved, sc)
		if i == 0 {
			for range 2 {
				upd := *sc
				upd.Description += " (revised)"
				must(t, svc.Scenarios.UpdateScenario(ed, &upd, sc.Version))
				sc = &upd
			}
		}
	}
	must(t, svc.Scenarios.DeleteScenario(ed, saved[1].ID, saved[1].Version))
	must(t, svc.Scenarios.CreateScenario(As(estate.RoleEditor, "gone"), &estate.Scenario{Name: "Gone with its partner",
		Rules: []estate.ScenarioRule{{RAG: &green}}}))
}
