package postgres

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
	"github.com/placetrust/placetrust/internal/geo/bng"
	"github.com/placetrust/placetrust/internal/service"
)

var testTime = time.Date(2026, 11, 22, 9, 0, 0, 123456000, time.UTC)

// seed creates partners and assets straight through the store.
func seed(t *testing.T, db *DB, partners []string, assets ...*estate.Asset) {
	t.Helper()
	ctx := context.Background()
	for _, id := range partners {
		p := &estate.Partner{ID: id, Name: id, Kind: estate.KindOther, CreatedAt: testTime, UpdatedAt: testTime}
		if err := db.CreatePartner(ctx, p, nil); err != nil {
			t.Fatal(err)
		}
	}
	if len(assets) > 0 {
		if err := db.CreateAssets(ctx, writes(assets...)); err != nil {
			t.Fatal(err)
		}
	}
}

func writes(assets ...*estate.Asset) []service.AssetWrite {
	var out []service.AssetWrite
	for _, a := range assets {
		out = append(out, service.AssetWrite{Asset: a, Event: &estate.AuditEvent{Partner: a.Partner,
			Action: estate.ActionCreate, Actor: "test", At: testTime, Version: 1}})
	}
	return out
}

func asset(partner, code string) *estate.Asset {
	return &estate.Asset{Partner: partner, AssetCode: code, Name: code, Holding: estate.HoldingBuilding,
		Location: estate.Point{Lon: -2.2, Lat: 52.2}, RAG: estate.RAGUnrated, Version: 1,
		CreatedAt: testTime, UpdatedAt: testTime}
}

// Every field reads back as written: floats bit for bit, times to the
// microsecond, footprints and occupiers whole.
func TestAssetRowRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	a := estatetest.Full()
	a.Location = estate.Point{Lon: -2.2 + 1.0/3, Lat: 0.1 + 0.2 + 52}
	third := 1.0 / 3
	a.GIAM2 = &third
	a.Footprint[0][0][1].Lon = -2.2209 + 1e-13
	seed(t, db, []string{"county", "police"}, a)
	got, err := db.FindAsset(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := estatetest.Differing(got, a); len(d) > 0 || !reflect.DeepEqual(got, a) {
		t.Errorf("read back differs: %v\n got %+v\nwant %+v", d, got, a)
	}
	// The National Grid point is the project's own OSTN15's.
	var e, n float64
	if err := db.pool.QueryRow(ctx, `SELECT ST_X(bng), ST_Y(bng) FROM assets WHERE id = $1`, a.ID).Scan(&e, &n); err != nil {
		t.Fatal(err)
	}
	if we, wn, err := bng.FromWGS84(a.Location.Lon, a.Location.Lat); err != nil || e != we || n != wn {
		t.Errorf("bng (%v, %v), want (%v, %v) %v", e, n, we, wn, err)
	}
}

// An edit waits for nobody but a writer of the same asset: another
// partner's open transaction, holding its rows, does not hold it up.
func TestEditDoesNotWaitForOtherRows(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	mine, theirs := asset("county", "MINE"), asset("police", "THEIRS")
	seed(t, db, []string{"county", "police"}, mine, theirs)

	other, err := db.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Rollback(ctx)
	if _, err := other.Exec(ctx, `UPDATE assets SET name = 'busy' WHERE id = $1`, theirs.ID); err != nil {
		t.Fatal(err)
	}

	edit := func(a *estate.Asset, within time.Duration) error {
		c, cancel := context.WithTimeout(ctx, within)
		defer cancel()
		b := *a
		b.Name, b.Version = "edited", a.Version+1
		ev := &estate.AuditEvent{AssetID: a.ID, Partner: a.Partner, Action: estate.ActionUpdate, Actor: "test", At: testTime, Version: b.Version}
		return db.UpdateAsset(c, service.AssetWrite{Asset: &b, Event: ev}, a.Version)
	}
	// A hang detector, not a timing: the edit of another row returns at once.
	if err := edit(mine, 10*time.Second); err != nil {
		t.Fatalf("edit beside another partner's open write: %v", err)
	}
	// The same row does wait, so the test above can fail.
	if err := edit(theirs, 300*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("edit of a row another write holds: %v, want it to wait", err)
	}
}

// Two writers giving one partner the same code at once: the check before
// writing passes both, the unique constraint stops the second, named.
func TestCodeRaceIsConflict(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	seed(t, db, []string{"county"})
	first, err := db.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback(ctx)
	if err := insertAsset(ctx, first, map[string]bool{}, asset("county", "SAME"), writes(asset("county", "SAME"))[0].Event); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- db.CreateAssets(ctx, writes(asset("county", "SAME"))) }()
	time.Sleep(200 * time.Millisecond) // let it reach the unique index and wait there
	if err := first.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	err = <-done
	var e *estate.Error
	if !errors.As(err, &e) || e.Code != estate.ECONFLICT || len(e.Fields) != 1 || e.Fields[0].Field != "asset_code" {
		t.Errorf("second writer of a code: %v, want ECONFLICT naming asset_code", err)
	}
	var ie *service.ItemError
	if !errors.As(err, &ie) || ie.Index != 0 {
		t.Errorf("not wrapped as item 0: %v", err)
	}
}

// Each asset write ends by giving the register its next version, with the
// assets it changed.
func TestWritesBumpRegister(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	a, b := asset("county", "A"), asset("county", "B")
	seed(t, db, []string{"county"}, a, b)
	ev := &estate.AuditEvent{AssetID: a.ID, Partner: "county", Action: estate.ActionDelete, Actor: "test", At: testTime, Version: 2}
	if err := db.DeleteAsset(ctx, ev, 1); err != nil {
		t.Fatal(err)
	}
	var got [][]int64
	rows, err := db.pool.Query(ctx, `SELECT asset_ids FROM register_log ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var ids []int64
		if err := rows.Scan(&ids); err != nil {
			t.Fatal(err)
		}
		got = append(got, ids)
	}
	if want := [][]int64{{a.ID, b.ID}, {a.ID}}; !reflect.DeepEqual(got, want) {
		t.Errorf("register log %v, want %v", got, want)
	}
}

// A count is remembered until the register changes, whichever server
// changes it: a write through another handle on the same database is
// counted at once.
func TestCountCacheFollowsOtherServers(t *testing.T) {
	ctx := context.Background()
	db, url := mustOpen(t)
	seed(t, db, []string{"county"}, asset("county", "A"))
	other, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	count := func() (n int, cached bool) {
		f := estate.AssetFilter{Selection: estate.Selection{Partners: []string{"county"}}}
		_, cached, err := db.CachedCount(ctx, f, service.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if n, err = db.CountAssets(ctx, f, service.Scope{}); err != nil {
			t.Fatal(err)
		}
		return n, cached
	}
	if n, cached := count(); n != 1 || cached {
		t.Fatalf("first count %d (cached %v), want 1 counted", n, cached)
	}
	if n, cached := count(); n != 1 || !cached {
		t.Fatalf("second count %d (cached %v), want 1 from the cache", n, cached)
	}
	if err := other.CreateAssets(ctx, writes(asset("county", "B"))); err != nil {
		t.Fatal(err)
	}
	if n, cached := count(); n != 2 || cached {
		t.Errorf("count after another server's write %d (cached %v), want 2 counted afresh", n, cached)
	}
}

// A partner that owns or occupies an asset cannot be deleted, even if
// the service's decision let it: the foreign keys hold.
func TestPartnerInUseIsNotDeleted(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	a := asset("county", "A")
	a.Occupiers = []estate.Occupier{{Partner: "police"}}
	seed(t, db, []string{"county", "police"}, a)
	for _, id := range []string{"county", "police"} {
		err := db.DeletePartner(ctx, id, func(*service.PartnerRemoval) ([]*estate.AdminEvent, error) { return nil, nil })
		if estate.ErrorCode(err) != estate.ECONFLICT {
			t.Errorf("delete %s: %v, want ECONFLICT", id, err)
		}
		if _, err := db.FindPartner(ctx, id); err != nil {
			t.Errorf("partner %s: %v", id, err)
		}
	}
}

// The register's dates run from the first effective day's first second,
// year 0000 included, to the last updated_at of an asset with none.
func TestAssetDates(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	if _, _, ok, err := db.FindAssetDates(ctx, service.Scope{AllSensitive: true}); ok || err != nil {
		t.Fatalf("empty register: ok %v, %v", ok, err)
	}
	old, dated, undated := asset("county", "OLD"), asset("county", "DATED"), asset("county", "UNDATED")
	old.EffectiveDate, dated.EffectiveDate = "0000-01-01", "2020-05-06"
	seed(t, db, []string{"county"}, old, dated, undated)
	first, last, ok, err := db.FindAssetDates(ctx, service.Scope{AllSensitive: true})
	if wantFirst := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC); err != nil || !ok || !first.Equal(wantFirst) || !last.Equal(testTime) {
		t.Errorf("dates %v to %v (%v, %v), want %v to %v", first, last, ok, err, wantFirst, testTime)
	}
}

// The dates read every row in scope, so they are remembered until the
// register changes, whichever server changes it: a row changed behind
// the register's back (no new version) is not seen, another server's
// write is at once.
func TestAssetDatesCachedUntilTheRegisterChanges(t *testing.T) {
	ctx := context.Background()
	db, url := mustOpen(t)
	old := asset("county", "OLD")
	old.EffectiveDate = "2001-02-03"
	seed(t, db, []string{"county"}, old)
	firstDay := func() time.Time {
		t.Helper()
		first, _, ok, err := db.FindAssetDates(ctx, service.Scope{})
		if err != nil || !ok {
			t.Fatalf("dates: ok %v, %v", ok, err)
		}
		return first
	}
	if got, want := firstDay(), time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("first date %v, want %v", got, want)
	}
	if _, err := db.pool.Exec(ctx, `UPDATE assets SET effective_date = '1999-01-01'`); err != nil {
		t.Fatal(err)
	}
	if got, want := firstDay(), time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("first date %v with the register unchanged, want %v from the cache", got, want)
	}
	other, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.CreateAssets(ctx, writes(asset("county", "NEW"))); err != nil {
		t.Fatal(err)
	}
	if got, want := firstDay(), time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("first date %v after another server's write, want %v read afresh", got, want)
	}
}

// A partner's assets are written while the partner itself is being
// changed: the partner's lock keeps its key, which is all their foreign
// keys need.
func TestAssetWriteBesidePartnerUpdate(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	seed(t, db, []string{"county"})
	locked, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, err := db.UpdatePartner(ctx, "county", func(p *estate.Partner) (*estate.AdminEvent, error) {
			close(locked)
			<-release
			p.Name = "Renamed"
			return &estate.AdminEvent{Entity: estate.EntityPartner, EntityID: p.ID, Action: estate.ActionUpdate, Actor: "test", At: testTime}, nil
		})
		done <- err
	}()
	<-locked
	c, cancel := context.WithTimeout(ctx, 10*time.Second) // a hang detector
	err := db.CreateAssets(c, writes(asset("county", "NEW")))
	cancel()
	close(release)
	if err != nil {
		t.Errorf("asset write while its partner is being changed: %v", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
