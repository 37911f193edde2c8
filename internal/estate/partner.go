package estate

import (
	"context"
	"net/url"
	"regexp"
	"time"
)

// PartnerKind says what sort of public body a partner is.
type PartnerKind string

// Partner kinds.
const (
	KindCountyCouncil     PartnerKind = "county_council"
	KindDistrictCouncil   PartnerKind = "district_council"
	KindUnitaryCouncil    PartnerKind = "unitary_council"
	KindNHS               PartnerKind = "nhs"
	KindPolice            PartnerKind = "police"
	KindFire              PartnerKind = "fire"
	KindDWP               PartnerKind = "dwp"
	KindCentralGovernment PartnerKind = "central_government"
	KindEducation         PartnerKind = "education"
	KindOther             PartnerKind = "other"
)

// PartnerKinds lists every valid kind, in display order.
var PartnerKinds = []PartnerKind{KindCountyCouncil, KindDistrictCouncil, KindUnitaryCouncil,
	KindNHS, KindPolice, KindFire, KindDWP, KindCentralGovernment, KindEducation, KindOther}

// Valid reports whether k is a known kind.
func (k PartnerKind) Valid() bool { return oneOf(k, PartnerKinds) }

// Partner is a public body that owns or occupies assets.
type Partner struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	Kind      PartnerKind `json:"kind"`
	URI       string      `json:"uri,omitempty"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a lower-case slug of letters, digits and
// single hyphens, as partner ids and tags are.
func ValidSlug(s string) bool { return len(s) <= 64 && slugRE.MatchString(s) }

// Validate checks every field and returns an EINVALID error naming each
// wrong one.
func (p *Partner) Validate() error {
	var pr Problems
	if !ValidSlug(p.ID) {
		pr.Add("id", "must be a lower-case slug such as worcestershire-cc (letters, digits, hyphens; at most 64)")
	}
	validatePartnerFields(&pr, p.Name, p.Kind, p.URI)
	return pr.Err("The partner is not valid.")
}

func validatePartnerFields(pr *Problems, name string, kind PartnerKind, uri string) {
	if name == "" || len(name) > 200 {
		pr.Add("name", "is required, at most 200 characters")
	} else if msg := textFault(name, false); msg != "" {
		pr.Add("name", "%s", msg)
	}
	if !kind.Valid() {
		pr.Add("kind", "must be one of %v", PartnerKinds)
	}
	if uri != "" {
		u, err := url.Parse(uri)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			pr.Add("uri", "must be an absolute http(s) URI")
		}
	}
}

// PartnerUpdate changes a partner: nil fields stay as they are.
type PartnerUpdate struct {
	Name *string      `json:"name"`
	Kind *PartnerKind `json:"kind"`
	URI  *string      `json:"uri"`
}

// Apply validates the update against p and, if valid, applies it.
func (u PartnerUpdate) Apply(p *Partner) error {
	next := *p
	if u.Name != nil {
		next.Name = *u.Name
	}
	if u.Kind != nil {
		next.Kind = *u.Kind
	}
	if u.URI != nil {
		next.URI = *u.URI
	}
	if err := next.Validate(); err != nil {
		return err
	}
	*p = next
	return nil
}

// PartnerService manages partners.
type PartnerService interface {
	// FindPartnerByID returns one partner; ENOTFOUND if there is none.
	FindPartnerByID(ctx context.Context, id string) (*Partner, error)
	// FindPartners returns every partner ordered by id.
	FindPartners(ctx context.Context) ([]*Partner, error)
	// CreatePartner stores a new partner; EINVALID, ECONFLICT if the id is
	// taken, EFORBIDDEN unless the actor is an admin.
	CreatePartner(ctx context.Context, p *Partner) error
	// UpdatePartner changes a partner; EINVALID, ENOTFOUND, EFORBIDDEN.
	UpdatePartner(ctx context.Context, id string, upd PartnerUpdate) (*Partner, error)
	// DeletePartner removes a partner that owns and occupies nothing;
	// ENOTFOUND, ECONFLICT while assets refer to it, EFORBIDDEN.
	DeletePartner(ctx context.Context, id string) error
}

func oneOf[T comparable](v T, set []T) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}
