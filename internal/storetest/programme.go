package storetest

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// testProgramme holds a store to the disposal programme (issue 18) as the
// services apply it: a move is stamped at the write's time and recorded
// with who and why; a refused or stale move writes nothing; the feed and
// the public's reading carry what they should.
func testProgramme(t *testing.T, open Factory) {
	e := newEnv(t, open, "county")
	editor := As(estate.RoleEditor, "county")
	a := NewAsset("county", "P1", -2.2, 52.2)
	e.create(a)
	moved, err := e.Assets.UpdateAsset(editor, a.ID, 1, func(x *estate.Asset) error {
		x.DisposalStage, x.DisposalNote, x.DisposalTarget = estate.StageDeclaredSurplus, "Cabinet, 12 March", "2027-03-31"
		return nil
	})
	must(t, err)
	got := e.get(admin, a.ID)
	if got.DisposalStage != estate.StageDeclaredSurplus || got.DisposalStageAt == nil || !got.DisposalStageAt.Equal(moved.UpdatedAt) ||
		got.SurplusValueGBP == nil || *got.SurplusValueGBP != 1_000_000 || got.DisposalTarget != "2027-03-31" || got.Version != 2 {
		t.Fatalf("after the move: %+v", got)
	}
	t.Run("audited with who and why", func(t *testing.T) {
		ev := e.history(admin, a.ID)[0]
		changes := map[string]estate.Change{} // numbers read back from JSON, as float64
		for _, c := range ev.Changes {
			changes[c.Field] = c
		}
		if ev.Actor != "county-editor" || ev.Version != 2 || changes["disposal_stage"].Before != "none" ||
			changes["disposal_stage"].After != "declared_surplus" || changes["disposal_note"].After != "Cabinet, 12 March" ||
			changes["surplus_value_gbp"].After != 1e6 || changes["disposal_stage_at"].After == nil {
			t.Errorf("the move's event: %+v", ev)
		}
	})
	sell := func(x *estate.Asset) error {
		x.DisposalStage, x.ReceiptGBP, x.ReceiptDate = estate.StageSold, ptr[int64](900_000), "2026-10-01"
		return nil
	}
	e.refuse([]refusal{
		{"a move the programme does not allow", func() error { _, err := e.Assets.UpdateAsset(editor, a.ID, 2, sell); return err }, estate.EINVALID},
		{"a stale move", func() error {
			_, err := e.Assets.UpdateAsset(editor, a.ID, 1, func(x *estate.Asset) error { x.DisposalStage = estate.StageMarketed; return nil })
			return err
		}, estate.EPRECONDITIONFAILED},
	})
	for _, s := range []estate.DisposalStage{estate.StageMarketed, estate.StageUnderOffer} {
		_, err := e.Assets.UpdateAsset(editor, a.ID, e.get(admin, a.ID).Version, func(x *estate.Asset) error { x.DisposalStage = s; return nil })
		must(t, err)
	}
	sold, err := e.Assets.UpdateAsset(editor, a.ID, 4, sell)
	must(t, err)
	if got := e.get(admin, a.ID); got.DisposalStage != estate.StageSold || *got.ReceiptGBP != 900_000 ||
		got.ReceiptDate != "2026-10-01" || !got.DisposalStageAt.Equal(sold.UpdatedAt) || *got.SurplusValueGBP != 1_000_000 {
		t.Errorf("sold: %+v", got)
	}
	t.Run("the public sees the stage, not the money or the note", func(t *testing.T) {
		got := e.in(t).get(public, a.ID)
		if got.DisposalStage != estate.StageSold || got.ReceiptDate != "2026-10-01" || got.ReceiptGBP != nil ||
			got.SurplusValueGBP != nil || got.DisposalNote != "" {
			t.Errorf("the public read %+v", got)
		}
	})
	t.Run("the feed carries the programme", func(t *testing.T) {
		if e.Feed == nil {
			t.Skip("no feed")
		}
		var fed *estate.Asset
		_, err := e.Feed.ReadRegister(admin, func(x *estate.Asset) error { fed = x.Clone(); return nil })
		must(t, err)
		if fed.DisposalStage != estate.StageSold || *fed.ReceiptGBP != 900_000 || fed.ReceiptDate != "2026-10-01" ||
			*fed.SurplusValueGBP != 1_000_000 || !fed.DisposalStageAt.Equal(sold.UpdatedAt) || fed.DisposalTarget != "2027-03-31" {
			t.Errorf("the feed gives %+v", fed)
		}
	})
}
