package geojson

import (
	"encoding/json"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Props are an asset's GeoJSON properties, named as openapi.yaml's
// AssetProperties. The server-set ones (version, times, who rated) are
// written out and read back, and callers decide what to do with them.
type Props struct {
	Partner          string               `json:"partner"`
	AssetCode        string               `json:"asset_code"`
	UPRN             string               `json:"uprn,omitempty"`
	Name             string               `json:"name"`
	StreetNumber     string               `json:"street_number,omitempty"`
	StreetName       string               `json:"street_name,omitempty"`
	Town             string               `json:"town,omitempty"`
	Postcode         string               `json:"postcode,omitempty"`
	Holding          estate.Holding       `json:"holding,omitempty"`
	Use              string               `json:"use,omitempty"`
	Footprint        json.RawMessage      `json:"footprint,omitempty"`
	Tenure           estate.Tenure        `json:"tenure,omitempty"`
	TenureDetail     estate.TenureDetail  `json:"tenure_detail,omitempty"`
	LeaseExpiry      string               `json:"lease_expiry,omitempty"`
	LeaseBreak       string               `json:"lease_break,omitempty"`
	AnnualRentGBP    *int64               `json:"annual_rent_gbp,omitempty"`
	GIAM2            *float64             `json:"gia_m2,omitempty"`
	LandAreaHa       *float64             `json:"land_area_ha,omitempty"`
	UtilisationPct   *float64             `json:"utilisation_pct,omitempty"`
	Condition        string               `json:"condition,omitempty"`
	BacklogGBP       *int64               `json:"backlog_gbp,omitempty"`
	EnergyRating     string               `json:"energy_rating,omitempty"`
	Listed           estate.Listed        `json:"listed,omitempty"`
	MarketValueGBP   *int64               `json:"market_value_gbp,omitempty"`
	BookValueGBP     *int64               `json:"book_value_gbp,omitempty"`
	RunningCostGBPPA *int64               `json:"running_cost_gbp_pa,omitempty"`
	Occupiers        []estate.Occupier    `json:"occupiers,omitempty"`
	RAG              estate.RAG           `json:"rag,omitempty"`
	RAGRationale     string               `json:"rag_rationale,omitempty"`
	RAGSetBy         string               `json:"rag_set_by,omitempty"`
	RAGSetAt         *time.Time           `json:"rag_set_at,omitempty"`
	Tags             []string             `json:"tags"`
	Notes            string               `json:"notes,omitempty"`
	Sensitive        bool                 `json:"sensitive"`
	EffectiveDate    string               `json:"effective_date,omitempty"`
	DisposalStage    estate.DisposalStage `json:"disposal_stage,omitempty"`
	DisposalStageAt  *time.Time           `json:"disposal_stage_at,omitempty"`
	DisposalTarget   string               `json:"disposal_target,omitempty"`
	DisposalNote     string               `json:"disposal_note,omitempty"`
	ReceiptGBP       *int64               `json:"receipt_gbp,omitempty"`
	ReceiptDate      string               `json:"receipt_date,omitempty"`
	SurplusValueGBP  *int64               `json:"surplus_value_gbp,omitempty"`
	Version          int64                `json:"version,omitempty"`
	CreatedAt        *time.Time           `json:"created_at,omitempty"`
	UpdatedAt        *time.Time           `json:"updated_at,omitempty"`
}

// PropsOf maps an asset's fields to its properties; tags are always an
// array, so clients need no null check.
func PropsOf(a *estate.Asset) *Props {
	p := &Props{Partner: a.Partner, AssetCode: a.AssetCode, UPRN: a.UPRN, Name: a.Name,
		StreetNumber: a.StreetNumber, StreetName: a.StreetName, Town: a.Town, Postcode: a.Postcode,
		Holding: a.Holding, Use: a.Use, Tenure: a.Tenure, TenureDetail: a.TenureDetail,
		LeaseExpiry: a.LeaseExpiry, LeaseBreak: a.LeaseBreak, AnnualRentGBP: a.AnnualRentGBP,
		GIAM2: a.GIAM2, LandAreaHa: a.LandAreaHa, UtilisationPct: a.UtilisationPct,
		Condition: a.Condition, BacklogGBP: a.BacklogGBP, EnergyRating: a.EnergyRating,
		Listed: a.Listed, MarketValueGBP: a.MarketValueGBP, BookValueGBP: a.BookValueGBP,
		RunningCostGBPPA: a.RunningCostGBPPA, Occupiers: a.Occupiers, RAG: a.RAG,
		RAGRationale: a.RAGRationale, RAGSetBy: a.RAGSetBy, RAGSetAt: a.RAGSetAt, Tags: a.Tags,
		Notes: a.Notes, Sensitive: a.Sensitive, EffectiveDate: a.EffectiveDate,
		DisposalStage: a.DisposalStage, DisposalStageAt: a.DisposalStageAt, DisposalTarget: a.DisposalTarget,
		DisposalNote: a.DisposalNote, ReceiptGBP: a.ReceiptGBP, ReceiptDate: a.ReceiptDate,
		SurplusValueGBP: a.SurplusValueGBP, Version: a.Version,
		CreatedAt: timePtr(a.CreatedAt), UpdatedAt: timePtr(a.UpdatedAt)}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	return p
}

// Asset copies the properties into a new asset; location and footprint
// travel apart and are the caller's to set.
func (p *Props) Asset() *estate.Asset {
	return &estate.Asset{Partner: p.Partner, AssetCode: p.AssetCode, UPRN: p.UPRN, Name: p.Name,
		StreetNumber: p.StreetNumber, StreetName: p.StreetName, Town: p.Town, Postcode: p.Postcode,
		Holding: p.Holding, Use: p.Use, Tenure: p.Tenure, TenureDetail: p.TenureDetail,
		LeaseExpiry: p.LeaseExpiry, LeaseBreak: p.LeaseBreak, AnnualRentGBP: p.AnnualRentGBP,
		GIAM2: p.GIAM2, LandAreaHa: p.LandAreaHa, UtilisationPct: p.UtilisationPct,
		Condition: p.Condition, BacklogGBP: p.BacklogGBP, EnergyRating: p.EnergyRating,
		Listed: p.Listed, MarketValueGBP: p.MarketValueGBP, BookValueGBP: p.BookValueGBP,
		RunningCostGBPPA: p.RunningCostGBPPA, Occupiers: p.Occupiers, RAG: p.RAG,
		RAGRationale: p.RAGRationale, RAGSetBy: p.RAGSetBy, RAGSetAt: p.RAGSetAt, Tags: p.Tags,
		Notes: p.Notes, Sensitive: p.Sensitive, EffectiveDate: p.EffectiveDate,
		DisposalStage: p.DisposalStage, DisposalStageAt: p.DisposalStageAt, DisposalTarget: p.DisposalTarget,
		DisposalNote: p.DisposalNote, ReceiptGBP: p.ReceiptGBP, ReceiptDate: p.ReceiptDate,
		SurplusValueGBP: p.SurplusValueGBP}
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
