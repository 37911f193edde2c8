package estate

import "slices"

// rules says which of the checks on how an asset's fields agree, and on
// where it is, Validate runs; each field's own rules always run.
type rules struct {
	area      ServiceArea // where the location and footprint must be
	footprint bool        // the footprint is a valid simple feature
	lease     bool        // the break is not after the expiry
	occupancy bool        // occupiers use no more floor than the GIA
}

func allRules(area ServiceArea) rules {
	return rules{area: area, footprint: true, lease: true, occupancy: true}
}

// ValidateIn is Validate for a new asset of a register serving area: it
// also refuses a location or footprint position outside the area, in the
// same EINVALID error as any other wrong field.
func (a *Asset) ValidateIn(area ServiceArea) error {
	return a.validate(allRules(area))
}

// ValidateChange is ValidateIn for before changed into a, except that
// the checks on the asset's place (area, footprint validity) and on how
// its fields agree (lease dates, occupiers' area) run only when the
// change touches their fields. An asset stored before a check existed
// or the area was narrowed can so still be rated and edited, and a
// change is never refused for a field it left alone.
func (a *Asset) ValidateChange(before *Asset, area ServiceArea) error {
	r := allRules(area)
	if before != nil {
		sameFP := sameFootprint(a.Footprint, before.Footprint)
		if sameFP && a.Location == before.Location {
			r.area = World
		}
		r.footprint = !sameFP
		r.lease = a.LeaseBreak != before.LeaseBreak || a.LeaseExpiry != before.LeaseExpiry
		r.occupancy = !sameFloat(a.GIAM2, before.GIAM2) || !slices.EqualFunc(a.Occupiers, before.Occupiers,
			func(o, p Occupier) bool { return o.Partner == p.Partner && sameFloat(o.AreaM2, p.AreaM2) })
	}
	return a.validate(r)
}

func sameFootprint(a, b MultiPolygon) bool {
	return slices.EqualFunc(a, b, func(p, q Polygon) bool {
		return slices.EqualFunc(p, q, func(r, s Ring) bool { return slices.Equal(r, s) })
	})
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// checkLeaseOrder refuses a break after the expiry. A break is an early
// end: one after the expiry is a typo or the two columns swapped, and
// would put the lease event in the wrong year. Dates written YYYY-MM-DD
// compare as strings.
func checkLeaseOrder(pr *Problems, a *Asset) {
	if ValidDate(a.LeaseBreak) && ValidDate(a.LeaseExpiry) && a.LeaseBreak > a.LeaseExpiry {
		pr.Add("lease_break", "%s is after the lease's expiry (lease_expiry %s): a break ends a lease early", a.LeaseBreak, a.LeaseExpiry)
	}
}

// checkOccupancy refuses occupiers using more floor than the building
// has, when its GIA is known: more than all of it is a typo, and would
// overstate what each partner could give up. The slack is for sums of
// decimals, not for real overlaps.
func checkOccupancy(pr *Problems, a *Asset) {
	gia := a.GIAM2
	if gia == nil || anyNaN(*gia) || *gia < 0 {
		return
	}
	used := 0.0
	for _, o := range a.Occupiers {
		if o.AreaM2 != nil && !anyNaN(*o.AreaM2) && *o.AreaM2 > 0 {
			used += *o.AreaM2
		}
	}
	if used > *gia+1e-6*max(1, *gia) {
		pr.Add("occupiers", "occupy %s m² in all, more than the building's gia_m2 of %s m²", fmtFloat(used), fmtFloat(*gia))
	}
}
