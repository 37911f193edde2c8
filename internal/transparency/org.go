package transparency

import (
	"fmt"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// orgLabelNames are the normalised header names of the column that names
// the body publishing the file.
var orgLabelNames = map[string]bool{"organisationlabel": true, "organisation": true}

// maxOrgLabels bounds the distinct labels kept: a file of many bodies'
// rows is named by its first few.
const maxOrgLabels = 20

// orgLabels collects a file's distinct OrganisationLabel values, so a
// file published by another body than the partner it is imported for is
// noticed once, not on every row.
type orgLabels struct {
	seen  map[string]bool
	order []string
	more  bool
}

func (o *orgLabels) add(cell string) {
	if cell == "" || o.seen[cell] {
		return
	}
	if o.seen == nil {
		o.seen = map[string]bool{}
	}
	if len(o.seen) >= maxOrgLabels {
		o.more = true
		return
	}
	cell = strings.Clone(cell) // the CSV reader's record is reused
	o.seen[cell] = true
	o.order = append(o.order, cell)
}

// notice is the file-level warning for labels that do not look like
// partner's name or id, or "" when every label does.
func (o *orgLabels) notice(partner *estate.Partner) string {
	var odd []string
	for _, l := range o.order {
		if l = oneLine(strings.TrimSpace(unguardFormula(l))); l != "" && !partner.NamedBy(l) {
			odd = append(odd, fmt.Sprintf("%q", shorten(l)))
		}
	}
	if len(odd) == 0 {
		return ""
	}
	what := odd[0]
	if len(odd) > 1 {
		what = strings.Join(odd[:min(len(odd), 3)], ", ")
		if len(odd) > 3 || o.more {
			what += " and more"
		}
	}
	whose := partner.ID
	if partner.Name != "" && partner.Name != partner.ID {
		whose += fmt.Sprintf(" (%s)", partner.Name)
	}
	return fmt.Sprintf("OrganisationLabel %s does not look like partner %s: check that the file is this partner's before keeping the import", what, whose)
}
