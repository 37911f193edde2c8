package estate

import (
	"strconv"
	"strings"
	"testing"
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
