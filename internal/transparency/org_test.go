package transparency_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// TestOrganisationWarning: a file whose OrganisationLabel names another
// body imports with one file-level warning naming the label and the
// partner; into the body it names, with none.
func TestOrganisationWarning(t *testing.T) {
	for _, c := range []struct {
		id, name string
		warn     bool
	}{
		{"worcestershire-cc", "Worcestershire County Council", true},
		{"trafford", "Trafford Council", false},
		{"trafford", "", false}, // compared with the id alone
	} {
		db := mustOpen(t)
		seedPartner(t, db, c.id, estate.KindOther)
		f, err := os.Open(filepath.Join("testdata", trafford))
		if err != nil {
			t.Fatal(err)
		}
		rd, err := transparency.NewReader(f, transparency.Options{Partner: c.id, PartnerName: c.name})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := imports(db).ImportAssets(adminCtx(), c.id, rd.Items(), estate.ImportOptions{DryRun: true})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, n := range rep.Notices {
			if strings.Contains(n, "OrganisationLabel") {
				found = append(found, n)
			}
		}
		for _, r := range rep.Rows {
			for _, w := range r.Warnings {
				if strings.Contains(w, "OrganisationLabel") {
					t.Fatalf("%s: a row warns about the organisation: %q", c.id, w)
				}
			}
		}
		switch {
		case c.warn && (len(found) != 1 || !strings.Contains(found[0], `"Trafford Council"`) || !strings.Contains(found[0], c.id) || !strings.Contains(found[0], c.name)):
			t.Errorf("into %s (%s): notices %q, want one naming the label and the partner", c.id, c.name, rep.Notices)
		case !c.warn && len(found) != 0:
			t.Errorf("into %s (%s): unexpected %q", c.id, c.name, found)
		}
	}
}
