package analysis

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// Filter selects the assets an analysis looks at. Zero fields select
// everything; several values in one field match any of them, except tags,
// which must all be present (as in estate.AssetFilter); different fields must
// all match. JSON and query names: bbox, partner, rag, holding, tenure, tag,
// q.
//
// The bbox tests the asset's location, edges included, not its footprint:
// a place's figures count each asset where its point is, as co-location
// measures distances between points. Q has the meaning of the asset
// list's q: text in the name, street, town, postcode, use or asset code,
// whatever its case or Unicode normal form (estate.FoldText).
type Filter struct {
	BBox     *estate.BBox
	Partners []string
	RAGs     []estate.RAG
	Holdings []estate.Holding
	Tenures  []estate.Tenure
	Tags     []string
	Q        string
}

// Validate returns an EINVALID error naming each wrong field, or nil.
func (f Filter) Validate() error {
	var pr estate.Problems
	f.check(&pr)
	return pr.Err("The filter is not valid.")
}

func (f Filter) check(pr *estate.Problems) {
	if f.BBox != nil {
		if err := f.BBox.Validate(); err != nil {
			pr.Add("bbox", "%s", err.Error())
		}
	}
	for _, p := range f.Partners {
		if !estate.ValidSlug(p) {
			pr.Add("partner", "%q is not a partner id", p)
			break
		}
	}
	for _, r := range f.RAGs {
		if !r.Valid() {
			pr.Add("rag", "must be one of %v", estate.RAGs)
			break
		}
	}
	for _, h := range f.Holdings {
		if !slices.Contains(estate.Holdings, h) {
			pr.Add("holding", "must be one of %v", estate.Holdings)
			break
		}
	}
	for _, t := range f.Tenures {
		if !slices.Contains(estate.Tenures, t) {
			pr.Add("tenure", "must be one of %v", estate.Tenures)
			break
		}
	}
	for _, t := range f.Tags {
		if !estate.ValidSlug(t) {
			pr.Add("tag", "%q is not a lower-case slug such as hub-candidate", t)
			break
		}
	}
	estate.CheckFilterQ(pr, f.Q)
}

// Matcher returns a test of whether the filter selects an asset, ready
// for many assets: it folds q once, not once an asset. An asset with no
// rating, or one this package does not know, counts as unrated.
func (f Filter) Matcher() func(*estate.Asset) bool { return f.matcher().match }

// matcher is a filter ready to test many assets, its q folded once.
type matcher struct {
	Filter
	q string // Q trimmed and folded by estate.FoldText; "" for none
}

func (f Filter) matcher() *matcher {
	return &matcher{Filter: f, q: estate.FoldText(strings.TrimSpace(f.Q))}
}

func (m *matcher) match(a *estate.Asset) bool {
	f := &m.Filter
	if f.BBox != nil && !f.BBox.Contains(a.Location) {
		return false
	}
	if len(f.Partners) > 0 && !slices.Contains(f.Partners, a.Partner) {
		return false
	}
	if len(f.RAGs) > 0 && !slices.Contains(f.RAGs, rating(a)) {
		return false
	}
	if len(f.Holdings) > 0 && !slices.Contains(f.Holdings, a.Holding) {
		return false
	}
	if len(f.Tenures) > 0 && !slices.Contains(f.Tenures, a.Tenure) {
		return false
	}
	for _, t := range f.Tags {
		if !slices.Contains(a.Tags, t) {
			return false
		}
	}
	return m.q == "" || a.MatchesQ(m.q)
}

// empty reports whether the filter selects everything, so the hot loops can
// skip it.
func (f Filter) empty() bool {
	return f.BBox == nil && len(f.Partners) == 0 && len(f.RAGs) == 0 && len(f.Holdings) == 0 &&
		len(f.Tenures) == 0 && len(f.Tags) == 0 && strings.TrimSpace(f.Q) == ""
}

// rating returns a's rating, unknown or blank ratings read as unrated.
func rating(a *estate.Asset) estate.RAG { return ratings[ragIndex(a.RAG)] }

// filterJSON is Filter as clients write it: the bbox as the
// [minLon, minLat, maxLon, maxLat] array of GeoJSON and of the bbox query
// parameter, not estate.BBox's field names.
type filterJSON struct {
	BBox     []float64        `json:"bbox,omitempty"`
	Partners []string         `json:"partner,omitempty"`
	RAGs     []estate.RAG     `json:"rag,omitempty"`
	Holdings []estate.Holding `json:"holding,omitempty"`
	Tenures  []estate.Tenure  `json:"tenure,omitempty"`
	Tags     []string         `json:"tag,omitempty"`
	Q        string           `json:"q,omitempty"`
}

// MarshalJSON writes the filter as it is echoed in reports.
func (f Filter) MarshalJSON() ([]byte, error) {
	j := filterJSON{Partners: f.Partners, RAGs: f.RAGs, Holdings: f.Holdings, Tenures: f.Tenures, Tags: f.Tags, Q: f.Q}
	if f.BBox != nil {
		j.BBox = []float64{f.BBox.MinLon, f.BBox.MinLat, f.BBox.MaxLon, f.BBox.MaxLat}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a filter from a JSON scenario; a bbox that is not
// four numbers is an EINVALID error naming bbox.
func (f *Filter) UnmarshalJSON(b []byte) error {
	var j filterJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	out := Filter{Partners: j.Partners, RAGs: j.RAGs, Holdings: j.Holdings, Tenures: j.Tenures, Tags: j.Tags, Q: j.Q}
	if j.BBox != nil {
		if len(j.BBox) != 4 {
			var pr estate.Problems
			pr.Add("bbox", "must be four numbers: minLon,minLat,maxLon,maxLat")
			return pr.Err("The filter is not valid.")
		}
		out.BBox = &estate.BBox{MinLon: j.BBox[0], MinLat: j.BBox[1], MaxLon: j.BBox[2], MaxLat: j.BBox[3]}
	}
	*f = out
	return nil
}
