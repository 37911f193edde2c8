package estate

import (
	"errors"
	"fmt"
	"time"
)

// The rules an import decides its rows by, as pure functions: who may
// import, what a row must be, what it changes, and what the report and
// the audit trail say. The service applies them; stores only persist.

// CheckImportAccess says whether a may import partner's files: its
// editors and admins, who may also save its import mapping
// (CheckImportMappingAccess). EUNAUTHORIZED for the anonymous public,
// EFORBIDDEN for anyone else.
func CheckImportAccess(a Actor, partner string) error {
	switch {
	case a.CanEdit(partner):
		return nil
	case a.IsAnonymous():
		return Errorf(EUNAUTHORIZED, "Sign in with a token to import assets.")
	}
	return Errorf(EFORBIDDEN, "You may not import assets for partner %q.", partner)
}

// CheckImportCreatingPartner says whether an import by a may create
// partner id, which does not exist, as p: only an admin may, and only
// with a valid p. With no p the import is refused for naming an unknown
// partner. Errors: EINVALID, EFORBIDDEN.
func CheckImportCreatingPartner(a Actor, p *Partner, id string) error {
	if p == nil {
		return &Error{Code: EINVALID, Message: fmt.Sprintf("No partner %q: create it first.", id),
			Fields: []FieldError{{Field: "partner", Message: "does not exist"}}}
	}
	if !a.IsAdmin() {
		return Errorf(EFORBIDDEN, "Only an admin may create partners.")
	}
	return p.Validate()
}

// PrepareAsset readies an asset given by a client, a new one or an
// import's row, for deciding: the store gives ids and versions, never the
// client. It returns what is wrong with the
// asset, as the row's EINVALID error. A row's place is checked against
// area even when it will update an asset stored before the area was
// narrowed: a file that puts an asset outside the area is that row's
// error.
func PrepareAsset(a *Asset, area ServiceArea) error {
	a.ID, a.Version = 0, 0
	a.Normalize()
	if err := a.ValidateIn(area); err != nil {
		return err
	}
	return a.CheckRating()
}

// RowProblem turns a row's error into its report's reason; an error that
// is not about the row (a failing disk) is returned, to stop the import.
func RowProblem(err error) (string, error) {
	var e *Error
	if errors.As(err, &e) {
		return ProblemText(err), nil
	}
	return "", err
}

// ImportChange is what the row it makes of the stored asset before: the
// fields the file carries copied over, the notes merged, and a rating
// the file changes stamped as set by actor at now unless the file says
// who set it. changes is the audit's diff: none for an unchanged row.
func ImportChange(before *Asset, it *ImportItem, actor Actor, now time.Time) (after *Asset, changes []Change) {
	after = before.Clone()
	CopyFields(after, it.Asset, it.Fields)
	if n := it.NoteLines; n != nil {
		n.Merge(before, after)
	}
	after.Normalize()
	if !SameRating(after, before) && !it.Fields.Has("rag_set_by") {
		after.RateBy(actor, now)
	}
	StampDisposal(before, after, now)
	return after, Diff(before, after)
}

// CheckImportChange checks before changed into after by a row at now, in
// area: as any change (ValidateChange), a rating needs its rationale, and
// the disposal programme allows the move (CheckDisposal).
func CheckImportChange(before, after *Asset, area ServiceArea, now time.Time) error {
	if err := after.ValidateChange(before, area); err != nil {
		return err
	}
	if err := CheckDisposal(before, after, now); err != nil {
		return err
	}
	return after.CheckRating()
}

// StampNewAsset stamps a new asset as its creation does: version 1,
// created and updated at now, and a rating given without its date set by
// actor at now.
func StampNewAsset(a *Asset, actor Actor, now time.Time) {
	a.Version, a.CreatedAt, a.UpdatedAt = 1, now, now
	a.StampNewRating(actor, now)
	StampDisposal(nil, a, now)
}

// CheckAssetReferences says whether a, stored as asset self (0 for a new
// one), refers only to partners that exist, and whether its code is free
// for it: partnerExists looks a partner up, and codeOwner finds the
// partner's asset with a code (found false for none) in the register as
// the write will leave it. Errors: EINVALID naming the partners,
// ECONFLICT for a code another asset has.
func CheckAssetReferences(a *Asset, self int64, partnerExists func(id string) (bool, error),
	codeOwner func(partner, code string) (id int64, found bool, err error)) error {
	var pr Problems
	ok, err := partnerExists(a.Partner)
	if err != nil {
		return err
	}
	if !ok {
		pr.Add("partner", "no partner %q: create it first", a.Partner)
	}
	for _, o := range a.Occupiers {
		if ok, err := partnerExists(o.Partner); err != nil {
			return err
		} else if !ok {
			pr.Add("occupiers", "no partner %q", o.Partner)
		}
	}
	if err := pr.Err("The asset refers to partners that do not exist."); err != nil {
		return err
	}
	other, found, err := codeOwner(a.Partner, a.AssetCode)
	switch {
	case err != nil:
		return err
	case found && other != self:
		return &Error{Code: ECONFLICT,
			Message: fmt.Sprintf("Partner %s already has an asset with code %q (asset %d).", a.Partner, a.AssetCode, other),
			Fields:  []FieldError{{Field: "asset_code", Message: "is already used by this partner"}}}
	}
	return nil
}
