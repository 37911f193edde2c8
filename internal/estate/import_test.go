package estate_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

func importPtr[T any](v T) *T { return &v }

// full has every field set.
func full() *estate.Asset {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return &estate.Asset{Partner: "county", AssetCode: "A", UPRN: "1", Name: "N", StreetNumber: "1",
		StreetName: "S", Town: "T", Postcode: "WR1", Holding: estate.HoldingLand, Use: "U",
		Location: estate.Point{Lon: -2, Lat: 52}, Footprint: estate.MultiPolygon{{{{Lon: -2, Lat: 52}, {Lon: -2.1, Lat: 52}, {Lon: -2, Lat: 52.1}, {Lon: -2, Lat: 52}}}},
		Tenure: estate.TenureFreehold, TenureDetail: estate.DetailVacant, LeaseExpiry: "2030-01-01", LeaseBreak: "2029-01-01",
		AnnualRentGBP: importPtr[int64](1), GIAM2: importPtr(2.0), LandAreaHa: importPtr(3.0), UtilisationPct: importPtr(4.0), Condition: "A",
		BacklogGBP: importPtr[int64](5), EnergyRating: "B", Listed: estate.ListedII, MarketValueGBP: importPtr[int64](6),
		BookValueGBP: importPtr[int64](7), RunningCostGBPPA: importPtr[int64](8), Occupiers: []estate.Occupier{{Partner: "police"}},
		RAG: estate.RAGRed, RAGRationale: "R", RAGSetBy: "B", RAGSetAt: &at, Tags: []string{"t"}, Notes: "N",
		Sensitive: true, EffectiveDate: "2025-01-01", DisposalStage: estate.StageSold, DisposalStageAt: &at,
		DisposalTarget: "2025-02-01", DisposalNote: "D", ReceiptGBP: importPtr[int64](9), ReceiptDate: "2025-03-01",
		SurplusValueGBP: importPtr[int64](10)}
}

// TestFieldSetCoversEveryField keeps FieldSet in step with the fields an
// audit diff knows: a field added to one must be added to the other.
func TestFieldSetCoversEveryField(t *testing.T) {
	var diffed []string
	for _, c := range estate.Diff(nil, full()) {
		if c.Field != "partner" {
			diffed = append(diffed, c.Field)
		}
	}
	if got := estate.AllFields.Names(); !reflect.DeepEqual(got, diffed) {
		t.Errorf("FieldSet fields\n got %v\nwant %v", got, diffed)
	}
	// Copying every field makes an equal asset; copying some copies those.
	dst := &estate.Asset{Partner: "county"}
	estate.CopyFields(dst, full(), estate.AllFields)
	if d := estate.Diff(full(), dst); len(d) != 0 {
		t.Errorf("copy of every field differs: %+v", d)
	}
	dst = &estate.Asset{Partner: "county", Name: "Kept"}
	estate.CopyFields(dst, full(), estate.FieldSetOf("uprn", "tags"))
	if dst.UPRN != "1" || dst.Name != "Kept" || !reflect.DeepEqual(dst.Tags, []string{"t"}) {
		t.Errorf("partial copy: %+v", dst)
	}
	if _, ok := estate.FieldNamed("colour"); ok {
		t.Error("colour is a field")
	}
}

func TestImportReport(t *testing.T) {
	var rep estate.ImportReport
	for i, o := range []estate.ImportOutcome{estate.OutcomeInserted, estate.OutcomeUpdated, estate.OutcomeUnchanged,
		estate.OutcomeSkipped, estate.OutcomeError, estate.OutcomeInserted, estate.OutcomeError} {
		rep.Add(estate.ImportRow{Row: i + 2, Outcome: o, Warnings: []string{"w"}}, 3)
	}
	if rep.Total != 7 || rep.Inserted != 2 || rep.Updated != 1 || rep.Unchanged != 1 || rep.Skipped != 1 ||
		rep.Errors != 2 || rep.Warnings != 7 || len(rep.Rows) != 5 || rep.Omitted != 2 {
		t.Errorf("report %+v", rep)
	}
	maxErrors, rows := estate.ImportOptions{}.Limits()
	if maxErrors != estate.DefaultImportMaxErrors || rows != estate.DefaultImportReportRows {
		t.Errorf("default limits %d %d", maxErrors, rows)
	}
}
