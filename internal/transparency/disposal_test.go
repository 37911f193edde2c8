package transparency_test

import (
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestImportDisposalStage: a file's stage column, under the names people
// give it, sets the stage; a value that is no stage is the row's error
// (and so the file imports nothing); a later file moves an asset only as
// the programme allows, and a sale needs its receipt.
func TestImportDisposalStage(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "county", estate.KindCountyCouncil)
	file := "AssetCode,PropertyName,GeoX,GeoY,Disposal Status,Target date\r\n" +
		"A1,Old library,-2.22,52.19,Declared surplus,2027-03-31\r\n" +
		"A2,Depot,-2.21,52.19,Under review,\r\n" +
		"A3,Hall,-2.20,52.19,demolished,\r\n" +
		"A4,Office,-2.19,52.19,,\r\n"
	rep, err := importCSV(t, db, "county", strings.NewReader(file), "", estate.ImportOptions{})
	if estate.ErrorCode(err) != estate.EINVALID || rep == nil || rep.Errors != 1 {
		t.Fatalf("a bad stage: %v %+v", err, rep)
	}
	for _, r := range rep.Rows {
		if r.AssetCode == "A3" && (r.Outcome != estate.OutcomeError || !strings.Contains(r.Reason, "disposal_stage")) {
			t.Errorf("A3: %s %q, want an error naming disposal_stage", r.Outcome, r.Reason)
		}
	}
	if n := len(allAssets(t, db, "county")); n != 0 {
		t.Fatalf("a file with a wrong row stored %d assets", n)
	}
	file = strings.Replace(file, "A3,Hall,-2.20,52.19,demolished,\r\n", "", 1)
	if rep, err = importCSV(t, db, "county", strings.NewReader(file), "", estate.ImportOptions{}); err != nil || rep.Inserted != 3 {
		t.Fatalf("%v %+v", err, rep)
	}
	got := allAssets(t, db, "county")
	if a := got["A1"]; a.DisposalStage != estate.StageDeclaredSurplus || a.DisposalTarget != "2027-03-31" || a.DisposalStageAt == nil {
		t.Errorf("A1: %s target %q at %v", a.DisposalStage, a.DisposalTarget, a.DisposalStageAt)
	}
	if a := got["A2"]; a.DisposalStage != estate.StageUnderReview {
		t.Errorf("A2: %s", a.DisposalStage)
	}
	if a := got["A4"]; a.DisposalStage != estate.StageNone || a.DisposalStageAt != nil {
		t.Errorf("A4: %s at %v", a.DisposalStage, a.DisposalStageAt)
	}

	// A1 declared_surplus -> sold skips the marketing: refused. A2
	// under_review -> declared_surplus is a move. A4 none -> sold without
	// a receipt is refused, naming the receipt.
	file = "AssetCode,PropertyName,GeoX,GeoY,Stage\r\n" +
		"A1,Old library,-2.22,52.19,sold\r\n" +
		"A2,Depot,-2.21,52.19,declared_surplus\r\n" +
		"A4,Office,-2.19,52.19,Sold\r\n"
	rep, err = importCSV(t, db, "county", strings.NewReader(file), "", estate.ImportOptions{})
	if rep == nil || rep.Errors != 2 {
		t.Fatalf("second file: %v %+v", err, rep)
	}
	for _, r := range rep.Rows {
		switch r.AssetCode {
		case "A1":
			if r.Outcome != estate.OutcomeError || !strings.Contains(r.Reason, "disposal_stage") {
				t.Errorf("A1: %s %q", r.Outcome, r.Reason)
			}
		case "A4":
			if r.Outcome != estate.OutcomeError || !strings.Contains(r.Reason, "receipt_gbp") {
				t.Errorf("A4: %s %q", r.Outcome, r.Reason)
			}
		}
	}
	rep, err = importCSV(t, db, "county", strings.NewReader(strings.Join(strings.SplitAfter(file, "\r\n")[0:3:3], "")),
		"", estate.ImportOptions{})
	if err == nil || rep.Errors != 1 {
		t.Fatalf("A1's move alone: %v %+v", err, rep)
	}
	file = "AssetCode,PropertyName,GeoX,GeoY,Stage\r\nA2,Depot,-2.21,52.19,declared_surplus\r\n"
	if rep, err = importCSV(t, db, "county", strings.NewReader(file), "", estate.ImportOptions{}); err != nil || rep.Updated != 1 {
		t.Fatalf("A2's move: %v %+v", err, rep)
	}
	got = allAssets(t, db, "county")
	if got["A1"].DisposalStage != estate.StageDeclaredSurplus || got["A2"].DisposalStage != estate.StageDeclaredSurplus ||
		got["A2"].DisposalStageAt == nil || !got["A2"].DisposalStageAt.After(*got["A1"].DisposalStageAt) {
		t.Errorf("after the moves: A1 %s, A2 %s at %v", got["A1"].DisposalStage, got["A2"].DisposalStage, got["A2"].DisposalStageAt)
	}
}
