package httpapi_test

import (
	"fmt"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestTags lists the tags in use per caller: most used first, and a tag
// only on another partner's sensitive asset never shown to that partner's
// neighbours or the public.
func TestTags(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	add := func(partner, code string, sensitive bool, tags ...string) {
		f := feature(partner, code, -2.22, 52.19)
		f["properties"].(map[string]any)["tags"] = tags
		f["properties"].(map[string]any)["sensitive"] = sensitive
		ts.create(f)
	}
	add("county", "C1", false, "surplus", "vacant")
	add("county", "C2", false, "surplus")
	add("police", "P1", false, "surplus", "hub-candidate")
	add("police", "P2", true, "custody")

	list := func(token, query string) string {
		t.Helper()
		var out struct {
			Tags []struct {
				Tag    string
				Assets int
			}
		}
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/tags" + query, Token: token}), 200).JSON(t, &out)
		s := ""
		for _, tc := range out.Tags {
			s += fmt.Sprintf("%s:%d ", tc.Tag, tc.Assets)
		}
		return s
	}
	for _, c := range []struct{ token, query, want string }{
		{"admin", "", "surplus:3 custody:1 hub-candidate:1 vacant:1 "},
		{"police-viewer", "", "surplus:3 custody:1 hub-candidate:1 vacant:1 "},
		{"county-viewer", "", "surplus:3 hub-candidate:1 vacant:1 "},
		{"", "", "surplus:3 hub-candidate:1 vacant:1 "},
		{"admin", "?limit=2", "surplus:3 custody:1 "},
	} {
		if got := list(c.token, c.query); got != c.want {
			t.Errorf("%q%s: %q, want %q", c.token, c.query, got, c.want)
		}
	}
	for _, q := range []string{"?limit=0", "?limit=1001", "?limit=x", "?tag=surplus"} {
		if p := must(t, ts.do(req{Method: "GET", Path: "/api/v1/tags" + q, Token: "admin"}), 400).Problem(t); len(p.Errors) == 0 {
			t.Errorf("%s: no field named: %+v", q, p)
		}
	}
	// A change shows at once: the cached list belongs to the old register.
	add("county", "C3", false, "vacant")
	if got := list("admin", ""); got != "surplus:3 vacant:2 custody:1 hub-candidate:1 " {
		t.Errorf("after a new asset: %q", got)
	}
}
