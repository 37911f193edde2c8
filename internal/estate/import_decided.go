package estate

import (
	"cmp"
	"fmt"
	"slices"
)

// DecidedKind says what a store writes for a decided import row.
type DecidedKind byte

// What a decided row writes.
const (
	DecidedNothing DecidedKind = iota // unchanged, skipped or wrong: reported only
	DecidedInsert                     // a new asset
	DecidedUpdate                     // a change to a stored asset
)

// DecidedRow is one row of an import as the service decided it, for a
// store to write.
type DecidedRow struct {
	Kind DecidedKind
	// Row is the row's report; writing an insert sets its AssetID.
	Row *ImportRow
	// Asset is, for an insert, the new asset stamped (StampNewAsset) and
	// without an id; for an update, the stored asset as the row leaves
	// it, with its id and the version it had when decided.
	Asset *Asset
	// Changes are an update's audit changes: Diff's, as JSON.
	Changes string
}

// MaxDeferredImportRows bounds the rows an import holds until the end of
// its file: rows that change their asset code and are matched by UPRN
// instead. A register recoded wholesale goes in parts.
const MaxDeferredImportRows = 20000

// ReasonTooManyDeferred is the reason of a row past
// MaxDeferredImportRows.
func ReasonTooManyDeferred() string {
	return fmt.Sprintf("more than %d rows have asset codes the register lacks but UPRNs it holds: import the file in parts", MaxDeferredImportRows)
}

// ReasonOtherPartner is the reason of a row of another partner than the
// import's.
func ReasonOtherPartner(row, partner string) string {
	return fmt.Sprintf("partner: the row belongs to partner %q; this import is for %q", row, partner)
}

// ReasonNoOccupier is the reason of a new asset whose occupier is no
// partner.
func ReasonNoOccupier(partner string) string {
	return fmt.Sprintf("occupiers: no partner %q", partner)
}

// NoteMatch says in r that its row matched stored asset before other
// than by asset code (how, such as "UPRN 100"), so the row changes the
// asset's code to code: a reason and a warning.
func (r *ImportRow) NoteMatch(how string, before *Asset, code string) {
	r.Reason = fmt.Sprintf("matched by %s (asset code was %q)", how, before.AssetCode)
	r.Warn(WarnCodeChanged, fmt.Sprintf("asset code changes from %q to %q: the row matched asset %d by %s, and no row of the file has code %q",
		before.AssetCode, code, before.ID, how, before.AssetCode))
}

// SortRows puts the report in file order: rows matched by UPRN are
// decided last.
func (rep *ImportReport) SortRows() {
	slices.SortStableFunc(rep.Rows, func(a, b ImportRow) int { return cmp.Compare(a.Row, b.Row) })
}

// Failed is the error of an import its wrong rows stopped: EINVALID,
// pointing to the report.
func (rep *ImportReport) Failed() error {
	msg := fmt.Sprintf("%d of %d rows are wrong, so nothing was imported: see the report for each row's reason.", rep.Errors, rep.Total)
	if rep.Stopped {
		msg = fmt.Sprintf("Reading stopped at %d wrong rows of the first %d, so nothing was imported: see the report for each row's reason.", rep.Errors, rep.Total)
	}
	return Errorf(EINVALID, "%s", msg)
}

// RecordChanges are the changes of the import's own audit event, beside
// its assets' events: what it did. An import that changed nothing (a
// file loaded again) leaves no record, as it leaves no other trace: nil.
func (rep *ImportReport) RecordChanges() []Change {
	if rep.Inserted+rep.Updated == 0 {
		return nil
	}
	var changes []Change
	for _, c := range []struct {
		field string
		n     int
	}{{"rows", rep.Total}, {"inserted", rep.Inserted}, {"updated", rep.Updated},
		{"unchanged", rep.Unchanged}, {"skipped", rep.Skipped}, {"warnings", rep.Warnings}} {
		changes = append(changes, Change{Field: c.field, After: c.n})
	}
	return changes
}

// NotePartner puts first among the report's notices that the import
// creates partner p, or would (created false: a dry run, or an import
// that failed).
func (rep *ImportReport) NotePartner(p *Partner, created bool) {
	what := "would be created"
	if created {
		what = "created"
	}
	rep.Notices = slices.Insert(rep.Notices, 0, fmt.Sprintf("partner %q (%s) %s", p.ID, p.Name, what))
}
