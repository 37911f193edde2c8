package transparency

import (
	"slices"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// fieldNames are the report's names of the pseudo-targets; the others
// are named as estate.FieldSet names them.
var fieldNames = map[target]string{tX: "geo_x", tY: "geo_y", tCRS: "crs"}

func fieldName(t target) string {
	if n, ok := fieldNames[t]; ok {
		return n
	}
	return string(t)
}

// columns says, column by column, which field each went to and how its
// name was understood, and which were not read.
func (p *plan) columns() []estate.ImportColumn {
	reads := map[int][]target{}
	for t, b := range p.bindings {
		for _, pt := range b.parts {
			if pt.col >= 0 && !slices.Contains(reads[pt.col], t) {
				reads[pt.col] = append(reads[pt.col], t)
			}
		}
	}
	var out []estate.ImportColumn
	for i, c := range p.cols {
		text := strings.Join(strings.Fields(c.text), " ")
		ts := reads[i]
		if len(ts) == 0 {
			how := howUnread
			if c.m.t == tIgnore {
				how = howIgnored
			}
			if text != "" {
				out = append(out, estate.ImportColumn{Position: i + 1, Column: text, How: how})
			}
			continue
		}
		slices.Sort(ts)
		for _, t := range ts {
			how := c.m.how
			if p.bindings[t].mapped {
				how = p.mappedHow
			}
			out = append(out, estate.ImportColumn{Position: i + 1, Column: text, Field: fieldName(t), How: how})
		}
	}
	return out
}
