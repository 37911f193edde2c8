package estate_test

import (
	"encoding/json"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/golden"
)

// TestDiffAndRedactGolden holds what the description derives, audit diffs
// and redaction, to what they were when each was written out by hand.
func TestDiffAndRedactGolden(t *testing.T) {
	changed := full()
	changed.Name, changed.GIAM2, changed.Tags, changed.Footprint = "Other", nil, []string{"t", "u"}, nil
	changed.Occupiers[0].AreaM2 = importPtr(9.5)
	out := map[string]any{
		"create": estate.Diff(nil, full()),
		"delete": estate.Diff(full(), nil),
		"update": estate.Diff(full(), changed),
		"bare":   estate.Diff(nil, &estate.Asset{}),
	}
	for name, actor := range map[string]estate.Actor{"public": estate.Anonymous,
		"other": {Name: "v", Role: estate.RoleViewer, Partner: "police"},
		"own":   {Name: "v", Role: estate.RoleViewer, Partner: "county"}} {
		a := full()
		a.RedactFor(actor)
		out["redact "+name] = estate.Diff(nil, a)
		ev := &estate.AuditEvent{Partner: "county", Actor: "Jane", ActorPartner: "county", Changes: estate.Diff(nil, full())}
		ev.RedactFor(actor, "county")
		out["event "+name] = ev
	}
	got, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "diff_redact.json", got)
}
