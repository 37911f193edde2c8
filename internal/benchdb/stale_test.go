package benchdb

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// TestRefusesRegisterWithoutProgramme: a register of Scaled's assets as
// they were before Scaled had a disposal programme (the same number of
// assets, none in the programme) is refused, not measured as if current.
func TestRefusesRegisterWithoutProgramme(t *testing.T) {
	ctx := context.Background()
	const n = programmeFrom
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	svc := Services(db)
	admin := AdminContext(ctx)
	for _, p := range demo.ScalePartners() {
		if err := svc.Partners.CreatePartner(admin, p); err != nil {
			t.Fatal(err)
		}
	}
	all := demo.Scaled(n, Seed)
	for _, a := range all {
		a.DisposalStage, a.DisposalStageAt, a.DisposalTarget, a.DisposalNote = "", nil, "", ""
		a.ReceiptGBP, a.ReceiptDate, a.SurplusValueGBP = nil, "", nil
	}
	for _, p := range demo.ScalePartners() {
		if _, err := svc.Imports.ImportAssets(admin, p.ID, partnerRows(all, p.ID), estate.ImportOptions{ReportRows: 1}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if _, err := Open(ctx, path, n); err == nil || !strings.Contains(err.Error(), "disposal programme") {
		t.Errorf("a register without the programme opened: %v", err)
	}
}
