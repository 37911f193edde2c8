package postgres

import (
	"context"
	"math/rand"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
)

// TestLikeAsEstate: PostgreSQL's LIKE with ESCAPE '\', given a pattern
// as it is, matches what estate.MatchLike does, over random patterns and
// texts of the characters LIKE treats specially, letters in both cases
// and a letter beyond ASCII. Patterns ending in a lone backslash are left
// out: estate.CheckCond refuses them, and PostgreSQL raises an error.
func TestLikeAsEstate(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewSource(1))
	alphabet := []rune(`aAé%_\*?[]`)
	draw := func(n int) string {
		rs := make([]rune, r.Intn(n))
		for i := range rs {
			rs[i] = alphabet[r.Intn(len(alphabet))]
		}
		return string(rs)
	}
	for n := 0; n < 2000; {
		p, s := draw(7), draw(6)
		var pr estate.Problems
		if estate.CheckCond(&pr, estate.CondLike{Field: "name", Pattern: p}); len(pr) > 0 {
			continue
		}
		n++
		if r.Intn(3) == 0 { // a text the pattern is likely to match
			s = sample(p, r)
		}
		var got bool
		if err := db.pool.QueryRow(ctx, `SELECT $1::text LIKE $2::text ESCAPE '\'`, s, p).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := estate.MatchLike(p, s); got != want {
			t.Errorf("%q LIKE %q: PostgreSQL says %v", s, p, got)
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
			out = append(out, []rune("aé%")[r.Intn(3)])
		case estate.LikeAny:
			out = append(out, []rune("_\\]")[:r.Intn(4)]...)
		}
	}
	return string(out)
}
