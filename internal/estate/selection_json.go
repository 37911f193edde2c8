package estate

import (
	"encoding/json"
	"time"
)

// selectionJSON is a Selection as clients write it, under the member
// names (Member): the bbox as the [minLon, minLat, maxLon, maxLat] array
// of GeoJSON and of the bbox query parameter, near as [lon, lat].
type selectionJSON struct {
	BBox          []float64  `json:"bbox,omitempty"`
	Partners      []string   `json:"partner,omitempty"`
	RAGs          []RAG      `json:"rag,omitempty"`
	Holdings      []Holding  `json:"holding,omitempty"`
	Tenures       []Tenure   `json:"tenure,omitempty"`
	Tags          []string   `json:"tag,omitempty"`
	Q             string     `json:"q,omitempty"`
	IDs           []int64    `json:"id,omitempty"`
	UPRN          string     `json:"uprn,omitempty"`
	Near          []float64  `json:"near,omitempty"`
	WithinM       float64    `json:"within,omitempty"`
	UpdatedSince  *time.Time `json:"updated_since,omitempty"`
	UpdatedBefore *time.Time `json:"updated_before,omitempty"`
	EffectiveFrom string     `json:"effective_from,omitempty"`
	EffectiveTo   string     `json:"effective_to,omitempty"`
	DatedFrom     *time.Time `json:"dated_from,omitempty"`
	DatedTo       *time.Time `json:"dated_to,omitempty"`
	// Filter is Where in its own JSON form (MarshalCond).
	Filter json.RawMessage `json:"filter,omitempty"`
}

// MarshalJSON writes the selection as reports echo it: only the members
// it sets.
func (s Selection) MarshalJSON() ([]byte, error) {
	j := selectionJSON{Partners: s.Partners, RAGs: s.RAGs, Holdings: s.Holdings, Tenures: s.Tenures, Tags: s.Tags,
		Q: s.Q, IDs: s.IDs, UPRN: s.UPRN, WithinM: s.WithinM, EffectiveFrom: s.EffectiveFrom, EffectiveTo: s.EffectiveTo,
		UpdatedSince: timeOrNil(s.UpdatedSince), UpdatedBefore: timeOrNil(s.UpdatedBefore),
		DatedFrom: timeOrNil(s.DatedFrom), DatedTo: timeOrNil(s.DatedTo)}
	if s.BBox != nil {
		j.BBox = []float64{s.BBox.MinLon, s.BBox.MinLat, s.BBox.MaxLon, s.BBox.MaxLat}
	}
	if s.Near != nil {
		j.Near = []float64{s.Near.Lon, s.Near.Lat}
	}
	if s.Where != nil {
		var err error
		if j.Filter, err = MarshalCond(s.Where); err != nil {
			return nil, err
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a selection as MarshalJSON writes it; a bbox that
// is not four numbers, or a near that is not two, is an EINVALID error
// naming it. Values are left for Validate to check.
func (s *Selection) UnmarshalJSON(b []byte) error {
	var j selectionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	out := Selection{Partners: j.Partners, RAGs: j.RAGs, Holdings: j.Holdings, Tenures: j.Tenures, Tags: j.Tags,
		Q: j.Q, IDs: j.IDs, UPRN: j.UPRN, WithinM: j.WithinM, EffectiveFrom: j.EffectiveFrom, EffectiveTo: j.EffectiveTo,
		UpdatedSince: timeOrZero(j.UpdatedSince), UpdatedBefore: timeOrZero(j.UpdatedBefore),
		DatedFrom: timeOrZero(j.DatedFrom), DatedTo: timeOrZero(j.DatedTo)}
	var err error
	if j.BBox != nil {
		out.BBox, err = BBoxOf(j.BBox)
	}
	if j.Near != nil && err == nil {
		out.Near, err = NearOf(j.Near)
	}
	if j.Filter != nil && err == nil {
		out.Where, err = UnmarshalCond(j.Filter)
	}
	if err != nil {
		return err
	}
	*s = out
	return nil
}

// BBoxOf returns the box of the four numbers minLon,minLat,maxLon,maxLat;
// any other count is an EINVALID error naming bbox. The box's range is
// Validate's to check.
func BBoxOf(v []float64) (*BBox, error) {
	if len(v) != 4 {
		return nil, memberError(MemberBBox, "must be four numbers: minLon,minLat,maxLon,maxLat")
	}
	return &BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}, nil
}

// NearOf returns the point of the two numbers lon,lat; any other count is
// an EINVALID error naming near.
func NearOf(v []float64) (*Point, error) {
	if len(v) != 2 {
		return nil, memberError(MemberNear, "must be two numbers: lon,lat")
	}
	return &Point{Lon: v[0], Lat: v[1]}, nil
}

func memberError(m Member, message string) error {
	pr := Problems{{Field: string(m), Message: message}}
	return pr.Err("The filter is not valid.")
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func timeOrZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
