package storetest

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// As returns a context acting for a token of role for partner ("" for an
// admin), named after both so the audit shows who acted. A context with
// no actor is the public reading a register served with --public-read.
func As(role estate.Role, partner string) context.Context {
	name := string(role)
	if partner != "" {
		name = partner + "-" + name
	}
	return estate.NewContextWithActor(context.Background(), estate.Actor{Name: name, Role: role, Partner: partner})
}

var (
	admin  = As(estate.RoleAdmin, "")
	public = context.Background()
)

// clock moves on a second (or step) each time it is read, so every write
// has a second of its own and whole-second time bounds can tell writes
// apart.
type clock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(cmp.Or(c.step, time.Second))
	return c.now
}

// env is one register under test with the clock it writes with.
type env struct {
	*Register
	t     *testing.T
	clock *clock
}

// newEnv opens a fresh register and creates the given partners in it.
func newEnv(t *testing.T, open Factory, partners ...string) *env {
	t.Helper()
	c := &clock{now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	e := &env{Register: open(t, c.Now), t: t, clock: c}
	for _, id := range partners {
		must(t, e.Partners.CreatePartner(admin, &estate.Partner{ID: id, Name: "Partner " + id, Kind: estate.KindOther}))
	}
	return e
}

// in returns the same register for a subtest t.
func (e *env) in(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// NewAsset returns a valid asset around Worcester; every one the suite
// makes starts from it.
func NewAsset(partner, code string, lon, lat float64) *estate.Asset {
	return &estate.Asset{Partner: partner, AssetCode: code, Name: "Asset " + code,
		Holding: estate.HoldingBuilding, Location: estate.Point{Lon: lon, Lat: lat},
		Tenure: estate.TenureFreehold, GIAM2: ptr(500.0), MarketValueGBP: ptr[int64](1_000_000)}
}

// create stores assets as an admin, in one transaction.
func (e *env) create(assets ...*estate.Asset) {
	e.t.Helper()
	must(e.t, e.Assets.CreateAssets(admin, assets, estate.ActionCreate))
}

// find returns the assets f selects for the actor in ctx.
func (e *env) find(ctx context.Context, f estate.AssetFilter) []*estate.Asset {
	e.t.Helper()
	got, err := e.Assets.FindAssets(ctx, f)
	must(e.t, err)
	return got
}

// get reads one asset as ctx's actor.
func (e *env) get(ctx context.Context, id int64) *estate.Asset {
	e.t.Helper()
	a, err := e.Assets.FindAssetByID(ctx, id)
	must(e.t, err)
	return a
}

// history returns an asset's whole history as ctx's actor sees it.
func (e *env) history(ctx context.Context, id int64) []*estate.AuditEvent {
	e.t.Helper()
	h, err := e.Assets.FindAssetHistory(ctx, id, estate.HistoryFilter{Limit: 1000})
	must(e.t, err)
	return h
}

// codes lists the assets' codes in the order given.
func codes(assets []*estate.Asset) []string {
	out := []string{}
	for _, a := range assets {
		out = append(out, a.AssetCode)
	}
	return out
}

// actions lists the events' actions in the order given.
func actions(events []*estate.AuditEvent) []estate.AuditAction {
	var out []estate.AuditAction
	for _, ev := range events {
		out = append(out, ev.Action)
	}
	return out
}

// denied stands for either refusal of a write by the public: the
// services' contract lets a store ask it to sign in (EUNAUTHORIZED) or
// refuse it (EFORBIDDEN).
const denied = estate.EUNAUTHORIZED + " or " + estate.EFORBIDDEN

// wantCode fails unless err carries code ("" for no error, or denied).
func wantCode(t testing.TB, what string, err error, code string) {
	t.Helper()
	got := estate.ErrorCode(err)
	if code == denied && (got == estate.EUNAUTHORIZED || got == estate.EFORBIDDEN) {
		return
	}
	if got != code {
		t.Errorf("%s: error code %q (%v), want %q", what, got, err, code)
	}
}

// state is what a client can see of the whole register: partners,
// tokens, every asset and its history, the change feed's version and the
// admins' audit. Two equal states mean nothing was written between them.
type state struct {
	Partners    []*estate.Partner
	Tokens      []*estate.Token
	Assets      []*estate.Asset
	History     map[int64][]*estate.AuditEvent
	Version     int64
	AdminEvents []*estate.AdminEvent
}

func (e *env) state() state {
	e.t.Helper()
	s := state{Assets: e.find(admin, estate.AssetFilter{Page: estate.Page{Limit: estate.MaxPageSize}}), History: map[int64][]*estate.AuditEvent{}}
	for _, a := range s.Assets {
		s.History[a.ID] = e.history(admin, a.ID)
	}
	if fs := feeds(e.Register); len(fs) > 0 {
		v, err := fs[0].version(admin)
		must(e.t, err)
		s.Version = v
	}
	var err error
	s.AdminEvents, err = e.Audit.FindAdminEvents(admin, estate.AdminEventFilter{Limit: 1000})
	must(e.t, err)
	s.Partners, err = e.Partners.FindPartners(admin)
	must(e.t, err)
	s.Tokens, err = e.Tokens.FindTokens(admin)
	must(e.t, err)
	return s
}

// refusal is a call the register must refuse with code, writing nothing.
type refusal struct {
	name string
	do   func() error
	code string
}

// refuse runs each refusal as a subtest.
func (e *env) refuse(cases []refusal) {
	e.t.Helper()
	for _, c := range cases {
		e.t.Run(c.name, func(t *testing.T) {
			s := e.in(t)
			before := s.state()
			wantCode(t, c.name, c.do(), c.code)
			s.unchanged(c.name, before)
		})
	}
}

// unchanged fails if the register's state differs from before.
func (e *env) unchanged(what string, before state) {
	e.t.Helper()
	if after := e.state(); !reflect.DeepEqual(before, after) {
		e.t.Errorf("%s wrote to the register:\nbefore %d assets, version %d, %d admin events\nafter  %d assets, version %d, %d admin events",
			what, len(before.Assets), before.Version, len(before.AdminEvents),
			len(after.Assets), after.Version, len(after.AdminEvents))
	}
}

// ids lists the assets' ids, sorted.
func ids(assets []*estate.Asset) []int64 {
	out := []int64{}
	for _, a := range assets {
		out = append(out, a.ID)
	}
	slices.Sort(out)
	return out
}
