package estate

import (
	"time"
)

// Holding says whether an asset is a building, land, or both.
type Holding string

// Holdings.
const (
	HoldingBuilding        Holding = "building"
	HoldingLand            Holding = "land"
	HoldingLandAndBuilding Holding = "land_and_building"
)

// Holdings lists every valid holding.
var Holdings = []Holding{HoldingBuilding, HoldingLand, HoldingLandAndBuilding}

// Tenure is the legal interest the owning partner holds.
type Tenure string

// Tenures.
const (
	TenureFreehold  Tenure = "freehold"
	TenureLeasehold Tenure = "leasehold"
	TenureLicence   Tenure = "licence"
	TenureOther     Tenure = "other"
)

// Tenures lists every valid tenure.
var Tenures = []Tenure{TenureFreehold, TenureLeasehold, TenureLicence, TenureOther}

// TenureDetail says how the asset is held or used.
type TenureDetail string

// Tenure details.
const (
	DetailOccupied    TenureDetail = "occupied"
	DetailVacant      TenureDetail = "vacant"
	DetailLeasedOut   TenureDetail = "leased_out"
	DetailLeasedIn    TenureDetail = "leased_in"
	DetailGroundLease TenureDetail = "ground_lease"
	DetailLicence     TenureDetail = "licence"
)

// TenureDetails lists every valid tenure detail.
var TenureDetails = []TenureDetail{DetailOccupied, DetailVacant, DetailLeasedOut,
	DetailLeasedIn, DetailGroundLease, DetailLicence}

// RAG is the disposal indicator of the Worcestershire register.
type RAG string

// RAG ratings: red = disposal unlikely (e.g. crematoria), amber = possible,
// green = disposal or shared-use opportunity, unrated = not yet assessed.
const (
	RAGRed     RAG = "red"
	RAGAmber   RAG = "amber"
	RAGGreen   RAG = "green"
	RAGUnrated RAG = "unrated"
)

// RAGs lists every rating, in display order.
var RAGs = []RAG{RAGRed, RAGAmber, RAGGreen, RAGUnrated}

// Valid reports whether r is a known rating.
func (r RAG) Valid() bool { return oneOf(r, RAGs) }

// Listed is a heritage listing grade.
type Listed string

// Listing grades.
const (
	ListedNone   Listed = "none"
	ListedII     Listed = "II"
	ListedIIStar Listed = "II*"
	ListedGradeI Listed = "I"
)

// ListedGrades lists every valid grade.
var ListedGrades = []Listed{ListedNone, ListedII, ListedIIStar, ListedGradeI}

// Conditions are the condition survey grades, A (good) to D (bad).
var Conditions = []string{"A", "B", "C", "D"}

// EnergyRatings are the EPC/DEC bands.
var EnergyRatings = []string{"A", "B", "C", "D", "E", "F", "G"}

// Occupier is a partner using part of an asset; a hub has several.
type Occupier struct {
	Partner string   `json:"partner"`
	AreaM2  *float64 `json:"area_m2,omitempty"`
}

// Asset is one building, piece of land, or land with buildings, owned or
// leased by a partner. Optional numbers and dates are nil when unknown;
// money is in whole pounds.
type Asset struct {
	// identity
	ID        int64
	Partner   string
	AssetCode string
	UPRN      string

	// description
	Name         string
	StreetNumber string
	StreetName   string
	Town         string
	Postcode     string
	Holding      Holding
	Use          string

	// place
	Location  Point
	Footprint MultiPolygon

	// tenure
	Tenure        Tenure
	TenureDetail  TenureDetail
	LeaseExpiry   string // YYYY-MM-DD
	LeaseBreak    string // YYYY-MM-DD
	AnnualRentGBP *int64

	// size, state and money
	GIAM2            *float64
	LandAreaHa       *float64
	UtilisationPct   *float64
	Condition        string
	BacklogGBP       *int64
	EnergyRating     string
	Listed           Listed
	MarketValueGBP   *int64
	BookValueGBP     *int64
	RunningCostGBPPA *int64

	// sharing
	Occupiers []Occupier

	// rating
	RAG          RAG
	RAGRationale string
	RAGSetBy     string
	RAGSetAt     *time.Time

	Tags          []string
	Notes         string
	Sensitive     bool
	EffectiveDate string // YYYY-MM-DD

	// disposal programme (disposal.go)
	DisposalStage   DisposalStage
	DisposalStageAt *time.Time // when the stage last changed; server-set
	DisposalTarget  string     // YYYY-MM-DD, the target completion
	DisposalNote    string     // why the last move was made
	ReceiptGBP      *int64     // what the sale raised
	ReceiptDate     string     // YYYY-MM-DD, when the receipt arrived
	SurplusValueGBP *int64     // market value when declared surplus; server-set

	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Bounds returns the asset's extent: its footprint, or its location.
func (a *Asset) Bounds() BBox { return Bounds(a.Location, a.Footprint) }

// Utilisation returns the used share of the asset as a fraction in [0,1];
// unknown utilisation counts as fully used, the cautious reading.
func (a *Asset) Utilisation() float64 {
	if a.UtilisationPct == nil {
		return 1
	}
	return *a.UtilisationPct / 100
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneMulti(m MultiPolygon) MultiPolygon {
	if m == nil {
		return nil
	}
	out := make(MultiPolygon, len(m))
	for i, p := range m {
		out[i] = make(Polygon, len(p))
		for j, r := range p {
			out[i][j] = append(Ring(nil), r...)
		}
	}
	return out
}
