package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// compareRegisters checks a copy holds what the source does, as the
// services read them: partners, tokens, saved mappings, every asset
// field by field, every asset's history (deleted assets' too) and the
// admins' audit trail.
func compareRegisters(t *testing.T, src, dst *copyEnv) {
	t.Helper()
	a, b := src.svc, dst.svc
	ps, err := a.Partners.FindPartners(admin)
	must(t, err)
	qs, err := b.Partners.FindPartners(admin)
	must(t, err)
	sameJSON(t, "partners", ps, qs)
	ts, err := a.Tokens.FindTokens(admin)
	must(t, err)
	us, err := b.Tokens.FindTokens(admin)
	must(t, err)
	sameJSON(t, "tokens", ts, us)
	ss, err := a.Scenarios.FindScenarios(admin)
	must(t, err)
	rs, err := b.Scenarios.FindScenarios(admin)
	must(t, err)
	if len(ss) < 2 || ss[0].Version != 3 {
		t.Errorf("the source's scenarios: %d, the first at version %d; want two or more, at 3", len(ss), ss[0].Version)
	}
	sameJSON(t, "scenarios", ss, rs)
	for _, p := range append(ps, &estate.Partner{ID: "gone"}) {
		m, err := a.ImportMappings.FindImportMapping(admin, p.ID)
		n, err2 := b.ImportMappings.FindImportMapping(admin, p.ID)
		if estate.ErrorCode(err) != estate.ErrorCode(err2) {
			t.Errorf("mapping of %s: %v and %v", p.ID, err, err2)
		}
		sameJSON(t, "mapping of "+p.ID, m, n)
	}

	var as, bs []*estate.Asset
	for x, err := range estate.AllAssets(context.Background(), a.Assets, estate.AssetFilter{}) {
		must(t, err)
		as = append(as, x)
	}
	for x, err := range estate.AllAssets(context.Background(), b.Assets, estate.AssetFilter{}) {
		must(t, err)
		bs = append(bs, x)
	}
	if len(as) != len(bs) {
		t.Fatalf("%d assets, the copy %d", len(as), len(bs))
	}
	for i := range as {
		sameAsset(t, as[i], bs[i])
	}

	// What the stores keep beside each row (SQLite's R*Tree and tag
	// table) answers the same.
	for _, f := range []estate.AssetFilter{
		{Selection: estate.Selection{BBox: &estate.BBox{MinLon: -2.3, MinLat: 52.1, MaxLon: -2.1, MaxLat: 52.2}}},
		{Selection: estate.Selection{Tags: []string{"copied-hub"}}},
		{Selection: estate.Selection{Q: "renamed"}},
	} {
		n, err := a.Assets.CountAssets(admin, f)
		must(t, err)
		m, err := b.Assets.CountAssets(admin, f)
		must(t, err)
		if n != m || n == 0 {
			t.Errorf("%+v: %d assets, the copy %d", f.Selection, n, m)
		}
	}
	if a.Tags != nil && b.Tags != nil {
		x, err := a.Tags.FindTags(admin, 100)
		must(t, err)
		y, err := b.Tags.FindTags(admin, 100)
		must(t, err)
		sameJSON(t, "tags", x, y)
	}

	// Every asset's history but the bulk import's, of which one in 50
	// (the record-for-record digests cover every event already).
	bulk := map[int64]bool{}
	for _, x := range as {
		bulk[x.ID] = x.Partner == "bulk" && x.ID%50 != 0
	}
	for id := range historyIDs(t, src.Store) {
		if bulk[id] {
			continue
		}
		h, err := a.Assets.FindAssetHistory(admin, id, estate.HistoryFilter{Limit: 1000})
		must(t, err)
		g, err := b.Assets.FindAssetHistory(admin, id, estate.HistoryFilter{Limit: 1000})
		must(t, err)
		sameJSON(t, "history", h, g)
	}
	f := estate.AdminEventFilter{Limit: 1000}
	for {
		h, err := a.Audit.FindAdminEvents(admin, f)
		must(t, err)
		g, err := b.Audit.FindAdminEvents(admin, f)
		must(t, err)
		sameJSON(t, "admin events", h, g)
		if len(h) == 0 {
			break
		}
		f.Before = h[len(h)-1].ID
	}
}

// sameAsset compares every field estate.Fields describes, as an audit
// records it (moments as UTC text, so an instant is compared, not its
// location).
func sameAsset(t *testing.T, a, b *estate.Asset) {
	t.Helper()
	if a.ID != b.ID {
		t.Fatalf("asset %d, the copy's %d", a.ID, b.ID)
	}
	for i := range estate.Fields {
		f := &estate.Fields[i]
		if x, y := f.Value(a), f.Value(b); !reflect.DeepEqual(x, y) {
			t.Errorf("asset %d %s: %v, the copy's %v", a.ID, f.Name, x, y)
		}
	}
}

// sameJSON compares what the services return as their clients see it.
func sameJSON(t *testing.T, what string, a, b any) {
	t.Helper()
	x, err := json.Marshal(a)
	must(t, err)
	y, err := json.Marshal(b)
	must(t, err)
	if string(x) != string(y) {
		t.Errorf("%s differ:\n%s\nthe copy's:\n%s", what, x, y)
	}
}

// historyIDs is every asset id the store's audit trail holds.
func historyIDs(t *testing.T, s CopyStore) map[int64]bool {
	ids := map[int64]bool{}
	must(t, s.DumpRegister(context.Background(), func(d *service.RegisterDump) error {
		for ev, err := range d.AssetEvents {
			if err != nil {
				return err
			}
			ids[ev.AssetID] = true
		}
		return nil
	}))
	return ids
}
