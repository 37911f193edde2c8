package postgres

import (
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// where builds a WHERE clause whose values travel only as parameters: the
// SQL text depends on which filters are set, never on what they hold.
type where struct {
	conds []string
	args  []any
}

// arg adds v as the next parameter and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// planned returns the arguments for a query PostgreSQL must plan for
// the values it is given: the best plan for a page depends on them (a
// town's box is found through the GiST index, a box over half of England
// by walking the ids in order and testing each), and a prepared
// statement's generic plan, made for no value in particular, would serve
// every box alike. The statement's description is still cached, so this
// costs planning but no extra round trip.
func (w *where) planned() []any {
	return append([]any{pgx.QueryExecModeCacheDescribe}, w.args...)
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

func (w *where) String() string {
	if len(w.conds) == 0 {
		return "true"
	}
	return strings.Join(w.conds, " AND ")
}

// assetWhere compiles f within scope, as sqlite's assetWhere does, to a
// condition on assets as a; paged adds f's keyset cursor, in f's order.
func assetWhere(f estate.AssetFilter, scope service.Scope, paged bool) *where {
	w := &where{}
	switch {
	case scope.AllSensitive:
	case scope.Partner == "":
		w.add(`NOT a.sensitive`)
	default:
		w.add(`(NOT a.sensitive OR a.partner_id = ` + w.arg(scope.Partner) + `)`)
	}
	if len(f.IDs) > 0 {
		w.add(`a.id = ANY(` + w.arg(f.IDs) + `::int8[])`)
	}
	if len(f.Partners) > 0 {
		w.add(`a.partner_id = ANY(` + w.arg(f.Partners) + `::text[])`)
	}
	if len(f.RAGs) > 0 {
		w.add(`a.rag = ANY(` + w.arg(strs(f.RAGs)) + `::text[])`)
	}
	if len(f.Holdings) > 0 {
		w.add(`a.holding = ANY(` + w.arg(strs(f.Holdings)) + `::text[])`)
	}
	if len(f.Tenures) > 0 {
		w.add(`a.tenure = ANY(` + w.arg(strs(f.Tenures)) + `::text[])`)
	}
	if len(f.Tags) > 0 {
		w.add(`a.tags @> ` + w.arg(f.Tags) + `::text[]`) // every tag, on the GIN index
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		// search_text holds the fields q looks in, folded as q is here
		// (estate.Asset.SearchText). No index serves the LIKE (migration
		// 0002 says why); a DBA's trigram index would, unchanged.
		w.add(`a.search_text LIKE ` + w.arg("%"+likeEscaper.Replace(estate.FoldText(q))+"%") + `::text`)
	}
	if f.UPRN != "" {
		w.add(`a.uprn = ` + w.arg(f.UPRN) + `::text`)
	}
	if b := f.BBox; b != nil {
		// The GiST index finds candidates by their float4 boxes, rounded
		// outward; the exact bounds decide.
		x0, y0, x1, y1 := w.arg(b.MinLon)+"::float8", w.arg(b.MinLat)+"::float8", w.arg(b.MaxLon)+"::float8", w.arg(b.MaxLat)+"::float8"
		w.add(`a.bounds && ST_MakeEnvelope(` + x0 + `, ` + y0 + `, ` + x1 + `, ` + y1 + `, 4326)
			AND a.max_lon >= ` + x0 + ` AND a.min_lon <= ` + x1 + ` AND a.max_lat >= ` + y0 + ` AND a.min_lat <= ` + y1)
	}
	if f.Near != nil {
		b := estate.AroundBBox(*f.Near, f.WithinM)
		w.add(`a.bounds && ST_MakeEnvelope(` + w.arg(b.MinLon) + `::float8, ` + w.arg(b.MinLat) + `::float8, ` +
			w.arg(b.MaxLon) + `::float8, ` + w.arg(b.MaxLat) + `::float8, 4326)
			AND pt_distance(a.lon, a.lat, ` + w.arg(f.Near.Lon) + `::float8, ` + w.arg(f.Near.Lat) + `::float8) <= ` +
			w.arg(f.WithinM) + `::float8`)
	}
	// Time bounds are whole seconds, each including its whole second.
	if !f.UpdatedSince.IsZero() {
		w.add(`a.updated_at >= ` + w.arg(secondStart(f.UpdatedSince)) + `::timestamptz`)
	}
	if !f.UpdatedBefore.IsZero() {
		w.add(`a.updated_at < ` + w.arg(secondEnd(f.UpdatedBefore)) + `::timestamptz`)
	}
	if f.EffectiveFrom != "" {
		w.add(`a.effective_date <> '' AND a.effective_date >= ` + w.arg(f.EffectiveFrom) + `::text`)
	}
	if f.EffectiveTo != "" {
		w.add(`a.effective_date <> '' AND a.effective_date <= ` + w.arg(f.EffectiveTo) + `::text`)
	}
	// An asset's date is its effective_date's day, or its updated_at when
	// it has none: a day meets a bound when any second of it does.
	if !f.DatedFrom.IsZero() {
		w.add(`(CASE WHEN a.effective_date <> '' THEN a.effective_date >= ` + w.arg(f.DatedFrom.UTC().Format(time.DateOnly)) +
			`::text ELSE a.updated_at >= ` + w.arg(secondStart(f.DatedFrom)) + `::timestamptz END)`)
	}
	if !f.DatedTo.IsZero() {
		w.add(`(CASE WHEN a.effective_date <> '' THEN a.effective_date <= ` + w.arg(f.DatedTo.UTC().Format(time.DateOnly)) +
			`::text ELSE a.updated_at < ` + w.arg(secondEnd(f.DatedTo)) + `::timestamptz END)`)
	}
	if f.Where != nil {
		w.add(w.cond(f.Where, false)) // see asset_cond.go
	}
	if paged {
		w.keyset(f) // see asset_order.go
	}
	return w
}

// secondStart is the start of t's second; secondEnd the start of the next.
func secondStart(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }
func secondEnd(t time.Time) time.Time   { return secondStart(t).Add(time.Second) }

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
