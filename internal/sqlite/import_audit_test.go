package sqlite

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestInsertChangesMatchDiff holds the import's own encoding of a new
// asset's audit changes to estate.Diff: for assets whose fields are
// filled at random, by reflection, so a field Diff gains is filled too
// and its absence here fails the test.
func TestInsertChangesMatchDiff(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	seen := map[string]bool{}
	for i := range 300 {
		a := &estate.Asset{} // the first stays empty, the second is full
		if i > 0 {
			fill(r, reflect.ValueOf(a).Elem(), i > 1)
		}
		want := estate.Diff(nil, a)
		for _, c := range want {
			seen[c.Field] = true
		}
		enc, err := encodeInsertChanges(a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeChanges(enc)
		if err != nil {
			t.Fatalf("%v: %s", err, enc)
		}
		if g, w := jsonOf(t, got), jsonOf(t, want); !reflect.DeepEqual(g, w) {
			t.Fatalf("asset %d:\n got %v\nwant %v", i, g, w)
		}
	}
	// Every field Diff knows has been compared with a value.
	full := &estate.Asset{}
	fill(r, reflect.ValueOf(full).Elem(), false)
	if n := len(estate.Diff(nil, full)); len(seen) != n || n < 36 {
		t.Errorf("%d fields seen of %d: %v", len(seen), n, seen)
	}
}

// TestDecodeChangesForms checks every stored form reads back the same.
func TestDecodeChangesForms(t *testing.T) {
	array := `[{"field":"name","before":null,"after":"A \"b\""},{"field":"location","after":[-2.5,52]},{"field":"sensitive","before":null,"after":false}]`
	object := `{"name":"A \"b\"","location":[-2.5,52],"sensitive":false}`
	// name is the 4th field, location the 11th, sensitive the 35th.
	positional := `[1,"","","","A \"b\""` + strings.Repeat(`,""`, 6) + `,[-2.5,52]` + strings.Repeat(`,null`, 23) + `,false]`
	a, err := decodeChanges(array)
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{object, positional} {
		got, err := decodeChanges(form)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, got) || len(got) != 3 || got[0].Field != "name" || got[2].Field != "sensitive" {
			t.Errorf("array %v\n%s: %v", a, form, got)
		}
	}
	tooLong := `[1` + strings.Repeat(`,"x"`, len(insertFields)+1) + `]`
	for _, bad := range []string{`{"name":`, `[1,"a",`, tooLong} {
		if _, err := decodeChanges(bad); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}

// TestHistoryOfCompactEvent reads the history of an asset whose last
// event is in a compact form and whose row is gone: finding its
// sensitivity must not read the compact form's plain values as JSON.
func TestHistoryOfCompactEvent(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	admin := estate.NewContextWithActor(ctx, estate.Actor{Name: "a", Role: estate.RoleAdmin})
	positional := `[1,"county","","","x"` + strings.Repeat(`,""`, 30) + `,false]`
	for id, changes := range map[int64]string{77: `{"name":"x","sensitive":false}`, 78: positional} {
		if _, err := db.writer.ExecContext(ctx, `INSERT INTO audit_events (asset_id, partner_id, action, actor, at, version, changes)
			VALUES (?, 'county', 'import', 'a', '2026-01-01T00:00:00Z', 1, ?)`, id, changes); err != nil {
			t.Fatal(err)
		}
		hist, err := NewServices(db).Assets.FindAssetHistory(admin, id, estate.HistoryFilter{})
		if err != nil || len(hist) != 1 || len(hist[0].Changes) < 2 || hist[0].Changes[len(hist[0].Changes)-1].After != false {
			t.Fatalf("%s: %v %+v", changes, err, hist)
		}
	}
}

// jsonOf is changes as the API shows them: encoded to JSON and decoded
// back into plain values.
func jsonOf(t testing.TB, cs []estate.Change) any {
	t.Helper()
	b, err := json.Marshal(cs)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// fill sets v to random values, leaving a value empty a third of the
// time if empty is set; strings take quotes, controls, non-ASCII and
// invalid UTF-8.
func fill(r *rand.Rand, v reflect.Value, empty bool) {
	if empty && r.IntN(3) == 0 && v.Kind() != reflect.Struct {
		return
	}
	switch v.Kind() {
	case reflect.String:
		parts := []string{"a", "\"", "\\", "\n", "\x01", "é", "\xff", "<", "Asset 1", "0012"}
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		v.SetString(b.String())
	case reflect.Int64:
		v.SetInt(r.Int64N(1<<40) - 1<<39)
	case reflect.Float64:
		f := []float64{r.Float64()*200 - 100, 1e-7, 3e21, 0.1, 12.5}
		v.SetFloat(f[r.IntN(len(f))])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(r, v.Elem(), empty)
	case reflect.Slice:
		n := 1 + r.IntN(3)
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(r, v.Index(i), empty)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Unix(r.Int64N(4e9), r.Int64N(1e9)).UTC()))
			return
		}
		for i := range v.NumField() {
			fill(r, v.Field(i), empty)
		}
	}
}
