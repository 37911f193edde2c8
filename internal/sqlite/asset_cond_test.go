package sqlite

import (
	"context"
	"math/rand"
	"path/filepath"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestLikeAsGlob: SQLite's GLOB, given likeGlob's pattern, matches what
// estate.MatchLike does, over random patterns and texts of the
// characters either syntax treats specially, letters in both cases and
// a letter beyond ASCII.
func TestLikeAsGlob(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "glob.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewSource(1))
	alphabet := []rune(`aAé%_\*?[]^-!`)
	draw := func(n int) string {
		rs := make([]rune, r.Intn(n))
		for i := range rs {
			rs[i] = alphabet[r.Intn(len(alphabet))]
		}
		return string(rs)
	}
	for range 5000 {
		p, s := draw(7), draw(6)
		if r.Intn(3) == 0 { // a text the pattern is likely to match
			s = sample(p, r)
		}
		var got bool
		if err := db.reads.QueryRowContext(ctx, `SELECT ? GLOB ?`, s, likeGlob(p)).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := estate.MatchLike(p, s); got != want {
			t.Errorf("%q LIKE %q: GLOB %q says %v", s, p, likeGlob(p), got)
		}
	}
}

// sample is a text p matches, its wildcards filled at random.
func sample(p string, r *rand.Rand) string {
	var out []rune
	for _, t := range estate.LikeTokens(p) {
		switch t.Kind {
		case estate.LikeLiteral:
			out = append(out, t.Rune)
		case estate.LikeOne:
			out = append(out, []rune("aé[")[r.Intn(3)])
		case estate.LikeAny:
			out = append(out, []rune("*?]")[:r.Intn(4)]...)
		}
	}
	return string(out)
}

// TestTimeKeyOrder: pt_time_key's text sorts as the times it stands for,
// as stored (fractions trimmed, so the stored text does not).
func TestTimeKeyOrder(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "key.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	base := time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)
	steps := []time.Duration{0, time.Nanosecond, time.Microsecond, 5 * time.Millisecond, 50 * time.Millisecond, 500 * time.Millisecond, 999999999, time.Second}
	for _, a := range steps {
		for _, b := range steps {
			ta, tb := base.Add(a), base.Add(b)
			var less bool
			if err := db.reads.QueryRowContext(ctx, `SELECT pt_time_key(?) < pt_time_key(?)`, formatTime(ta), formatTime(tb)).Scan(&less); err != nil {
				t.Fatal(err)
			}
			if less != ta.Before(tb) {
				t.Errorf("%s < %s: %v", formatTime(ta), formatTime(tb), less)
			}
		}
	}
	var null any = "x"
	if err := db.reads.QueryRowContext(ctx, `SELECT pt_time_key('')`).Scan(&null); err != nil || null != nil {
		t.Errorf("pt_time_key(''): %v %v", null, err)
	}
}

// TestFilteredStatements: the queries of selections with a Where go
// through a cache of their own, capped, so that clients sending filters
// of ever new shapes never fill the cache the hot queries use.
func TestFilteredStatements(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "stmts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	assets := NewServices(db).Assets
	admin := estate.NewContextWithActor(ctx, estate.Actor{Name: "admin", Role: estate.RoleAdmin})
	if _, err := assets.FindAssets(admin, estate.AssetFilter{}); err != nil {
		t.Fatal(err)
	}
	hot := len(db.reads.stmts)
	for i := range 2 * maxCachedFilterStmts {
		var c estate.Cond = estate.CondIsNull{Field: "town"}
		for range i % 20 {
			c = estate.CondNot{Cond: c}
		}
		if i >= 20 {
			c = estate.CondAll{c, estate.CondIn{Field: "rag", Values: make([]any, i)}}
			for k := range i {
				c.(estate.CondAll)[1].(estate.CondIn).Values[k] = "red"
			}
		}
		f := estate.AssetFilter{Selection: estate.Selection{Where: c}}
		if _, err := assets.FindAssets(admin, f); err != nil {
			t.Fatal(err)
		}
		if _, err := assets.CountAssets(admin, f); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(db.reads.stmts); n != hot {
		t.Errorf("filters added %d statements to the hot cache", n-hot)
	}
	if n := len(db.filtered.stmts); n != maxCachedFilterStmts {
		t.Errorf("%d filtered statements cached, want the cap %d", n, maxCachedFilterStmts)
	}
}
