package estate

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAssetFilterCaps checks over-long filter lists are refused naming the
// field, and lists at the cap accepted.
func TestAssetFilterCaps(t *testing.T) {
	strs := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "v" + strconv.Itoa(i)
		}
		return out
	}
	rags := func(n int) []RAG {
		out := make([]RAG, n)
		for i := range out {
			out[i] = RAGRed
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		f     AssetFilter
		field string // "" for valid
	}{
		{"tags at cap", AssetFilter{Selection: Selection{Tags: strs(MaxFilterTags)}}, ""},
		{"tags over", AssetFilter{Selection: Selection{Tags: strs(MaxFilterTags + 1)}}, "tag"},
		{"3000 tags", AssetFilter{Selection: Selection{Tags: strs(3000)}}, "tag"},
		{"partners at cap", AssetFilter{Selection: Selection{Partners: strs(MaxFilterPartners)}}, ""},
		{"40000 partners", AssetFilter{Selection: Selection{Partners: strs(40000)}}, "partner"},
		{"ids over", AssetFilter{Selection: Selection{IDs: make([]int64, MaxFilterIDs+1)}}, "id"},
		{"rags at cap", AssetFilter{Selection: Selection{RAGs: rags(MaxFilterEnums)}}, ""},
		{"rags repeated", AssetFilter{Selection: Selection{RAGs: rags(30000)}}, "rag"},
		{"holdings over", AssetFilter{Selection: Selection{Holdings: make([]Holding, MaxFilterEnums+1)}}, "holding"},
		{"tenures over", AssetFilter{Selection: Selection{Tenures: make([]Tenure, MaxFilterEnums+1)}}, "tenure"},
		{"q at cap", AssetFilter{Selection: Selection{Q: strings.Repeat("x", MaxFilterQLen)}}, ""},
		{"q over", AssetFilter{Selection: Selection{Q: strings.Repeat("x", MaxFilterQLen+1)}}, "q"},
		{"q at cap in accented letters", AssetFilter{Selection: Selection{Q: strings.Repeat("é", MaxFilterQLen)}}, ""},
		{"q over in accented letters", AssetFilter{Selection: Selection{Q: strings.Repeat("é", MaxFilterQLen+1)}}, "q"},
	} {
		err := tt.f.Validate()
		fields := ErrorFields(err)
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.field != "" && (len(fields) != 1 || fields[0].Field != tt.field || ErrorCode(err) != EINVALID):
			t.Errorf("%s: want one %s error, got %v", tt.name, tt.field, err)
		}
	}
}

// TestSelectionCheck: each member's rule, each wrong member named once
// however many of its values are wrong.
func TestSelectionCheck(t *testing.T) {
	near := &Point{Lon: -2.2, Lat: 52.2}
	for _, tt := range []struct {
		name   string
		s      Selection
		fields []string
	}{
		{"empty", Selection{}, nil},
		{"every member right", Selection{IDs: []int64{1}, Partners: []string{"county"}, RAGs: []RAG{RAGRed}, Holdings: []Holding{HoldingLand},
			Tenures: []Tenure{TenureFreehold}, Tags: []string{"hub-candidate"}, Q: "hall", UPRN: "000100012345",
			BBox: &BBox{-3, 52, -2, 53}, Near: near, WithinM: 100}, nil},
		{"partners not slugs", Selection{Partners: []string{"County", "Police Force"}}, []string{"partner"}},
		{"tags not slugs", Selection{Tags: []string{"Hub", "x y"}}, []string{"tag"}},
		{"ratings unknown", Selection{RAGs: []RAG{"blue", "purple"}}, []string{"rag"}},
		{"box upside down", Selection{BBox: &BBox{0, 10, 1, 0}}, []string{"bbox"}},
		{"uprn with letters", Selection{UPRN: "12ab"}, []string{"uprn"}},
		{"uprn too long", Selection{UPRN: "1234567890123"}, []string{"uprn"}},
		{"near without within", Selection{Near: near}, []string{"within"}},
		{"within without near", Selection{WithinM: 5}, []string{"near"}},
		{"near off the globe", Selection{Near: &Point{Lon: 500, Lat: 0}, WithinM: 5}, []string{"near"}},
		{"several wrong", Selection{Holdings: []Holding{"castle"}, Tenures: []Tenure{"owned"}, Q: "a\u202eb"}, []string{"holding", "tenure", "q"}},
	} {
		var got []string
		for _, f := range ErrorFields(tt.s.Validate()) {
			got = append(got, f.Field)
		}
		if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.fields)
		}
	}
	f := AssetFilter{Page: Page{Limit: MaxPageSize + 1, After: -1}}
	if fields := ErrorFields(f.Validate()); len(fields) != 2 || fields[0].Field != "limit" || fields[1].Field != "cursor" {
		t.Errorf("page: %v", fields)
	}
}

// TestSelectionMembers: Members names what a selection sets, a blank q
// setting nothing, as neither the store nor the analyses read one.
func TestSelectionMembers(t *testing.T) {
	s := Selection{Tags: []string{"a"}, Q: "  ", Near: &Point{}, DatedTo: time.Unix(1, 0)}
	if got := fmt.Sprint(s.Members()); got != "[tag near dated_to]" {
		t.Errorf("members %s", got)
	}
	if m := (&Selection{}).Members(); len(m) != 0 {
		t.Errorf("empty selection sets %v", m)
	}
}

// TestSelectionJSON: a selection's JSON form keeps every member, under
// the names a query uses, and leaves out those it does not set.
func TestSelectionJSON(t *testing.T) {
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	s := Selection{IDs: []int64{3}, Partners: []string{"county"}, RAGs: []RAG{RAGAmber}, Holdings: []Holding{HoldingLand},
		Tenures: []Tenure{TenureLicence}, Tags: []string{"surplus"}, Q: "hall", UPRN: "1", BBox: &BBox{-3, 52, -2, 53},
		Near: &Point{Lon: -2.2, Lat: 52.2}, WithinM: 50, UpdatedSince: at, UpdatedBefore: at.Add(time.Hour),
		EffectiveFrom: "2026-01-01", EffectiveTo: "2026-12-31", DatedFrom: at, DatedTo: at.Add(2 * time.Hour),
		Where: CondAll{CondCompare{Field: "rag", Op: OpEq, Value: "green"}, CondCompare{Field: "gia_m2", Op: OpGt, Value: 0.1},
			CondTemporal{Field: "updated_at", Op: TemporalAfter, To: at}}}
	// Every member set, so a member added without its JSON fails here:
	// OGC API's counts are keyed by this form.
	for i, v := 0, reflect.ValueOf(s); i < v.NumField(); i++ {
		if v.Field(i).IsZero() {
			t.Fatalf("the test leaves %s unset", v.Type().Field(i).Name)
		}
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Selection
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, s) {
		t.Errorf("round trip of %s: %+v %v", b, back, err)
	}
	if b, _ := json.Marshal(Selection{BBox: &BBox{-3, 52, -2, 53}, Tags: []string{"surplus"}}); string(b) != `{"bbox":[-3,52,-2,53],"tag":["surplus"]}` {
		t.Errorf("echo %s", b)
	}
	for body, field := range map[string]string{`{"bbox":[1,2,3]}`: "bbox", `{"near":[1]}`: "near"} {
		if fields := ErrorFields(json.Unmarshal([]byte(body), &back)); len(fields) != 1 || fields[0].Field != field {
			t.Errorf("%s: %v", body, fields)
		}
	}
}
