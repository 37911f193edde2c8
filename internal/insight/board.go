package insight

import (
	"context"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// BoardFigures is everything the board report shows, from one snapshot
// of the register and one co-location run of it, so the page's figures
// agree with each other.
type BoardFigures struct {
	RegisterVersion int64                      `json:"register_version"`
	AsAt            string                     `json:"as_at"`
	Trust           analysis.TrustView         `json:"trust"`
	Receipts        analysis.ReceiptsReport    `json:"receipts"`
	Profile         analysis.YearProfile       `json:"profile"`
	Stages          []analysis.StageRow        `json:"stages"`
	Outcome         analysis.OutcomeReport     `json:"outcome"`
	Colocation      analysis.ColocationSummary `json:"colocation"`
	Hubs            []analysis.Opportunity     `json:"hubs"` // the top ones, largest saving first
}

// Board gathers the board report's figures for the assets f selects as at
// asAt ("" for today), with the top co-location opportunities.
func (s *Service) Board(ctx context.Context, p analysis.ColocationParams, asAt string, f estate.Selection, top int) (BoardFigures, error) {
	snap, rep, err := s.report(ctx, p, f)
	if err != nil {
		return BoardFigures{}, err
	}
	b := BoardFigures{RegisterVersion: snap.version, AsAt: s.asAt(asAt), Colocation: rep.ColocationSummary,
		Hubs: rep.Opportunities[:min(top, len(rep.Opportunities))]}
	rp := p.ReceiptParams
	if b.Trust, err = analysis.Trust(snap.assets, rp, f, &rep.ColocationSummary); err != nil {
		return BoardFigures{}, err
	}
	b.Trust.RegisterVersion = snap.version
	if b.Receipts, err = analysis.Receipts(snap.assets, rp, f, analysis.ByPartner); err != nil {
		return BoardFigures{}, err
	}
	if b.Profile, err = analysis.Profile(snap.assets, rp, b.AsAt, f, analysis.ByStage); err != nil {
		return BoardFigures{}, err
	}
	if b.Stages, err = analysis.Stages(snap.assets, f); err != nil {
		return BoardFigures{}, err
	}
	if b.Outcome, err = analysis.Outcome(snap.assets, rp, f); err != nil {
		return BoardFigures{}, err
	}
	return b, nil
}
