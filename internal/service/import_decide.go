package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// decider decides the rows of one import against one view of the
// register, writing nothing: a read snapshot before the import takes the
// writer, or the write itself if the partner's assets changed meanwhile
// (import.go). Each row is matched, checked and changed as the import
// will write it, and spooled with its outcome. Rows see the file's
// earlier rows through what the decider remembers rather than through the
// store: the stored assets they claimed (seen), the codes of the new
// assets (codes) and the codes UPRN matches moved (recoded).
type decider struct {
	view    ImportView
	actor   estate.Actor
	partner string
	area    estate.ServiceArea
	now     time.Time
	// fresh is set when the partner has no assets: every row is then new,
	// and a code repeated in the file is that row's error.
	fresh bool
	// seen marks the stored assets a row has matched already, so two rows
	// of one file cannot both claim an asset.
	seen  []uint64
	codes *codeSet
	// recoded maps the code a row matched by UPRN gives a stored asset to
	// that asset, and the code the asset had to 0.
	recoded map[string]int64
	// deferred are rows whose code no stored asset has but whose UPRN a
	// stored asset unclaimed so far has. They are decided once the whole
	// file is read: by then every stored asset whose code is in the file
	// is claimed, and a row may take over only an asset whose code the
	// file leaves out.
	deferred []preparedRow
	partners map[string]bool
	// byCode and byUPRN hold what the view has for the codes and UPRNs
	// of the rows being decided, looked up a batch at a time (lookUp).
	byCode map[string]*estate.Asset
	byUPRN map[string][]*estate.Asset
	out    *spool
	errors int   // error rows spooled
	tail   int64 // where in out the deferred rows' decisions start
	// keep, when set, holds each decided row in kept for the writer, and
	// spools only its report (import_stream.go).
	keep bool
	kept []*spoolRecord
}

// newDecider decides rows for partner against view, which must see the
// partner (or the partner must be one the import creates).
func newDecider(ctx context.Context, view ImportView, out *spool, actor estate.Actor, partner string, area estate.ServiceArea, now time.Time) (*decider, error) {
	d := &decider{view: view, actor: actor, partner: partner, area: area, now: now, out: out,
		codes: newCodeSet(out), recoded: map[string]int64{}, partners: map[string]bool{partner: true},
		byCode: map[string]*estate.Asset{}, byUPRN: map[string][]*estate.Asset{}}
	owned, err := view.HasAssets(ctx, partner)
	if err != nil {
		return nil, err
	}
	d.fresh = !owned
	return d, nil
}

// decide decides one row, which must carry a row (see ImportItem), and
// spools it, or holds it to decide at the end of the file. It returns an
// error only when the import cannot go on.
func (d *decider) decide(ctx context.Context, p *preparedRow) error {
	it := p.item
	rec := &spoolRecord{row: estate.ImportRow{Row: it.Row, Line: it.Line, AssetCode: it.AssetCode,
		Warnings: it.Warnings, WarningKinds: it.WarningKinds}}
	row := &rec.row
	var err error
	switch {
	case it.Err != nil:
		row.Outcome = estate.OutcomeError
		row.Reason, err = estate.RowProblem(it.Err)
	case it.Skip != "":
		row.Outcome, row.Reason = estate.OutcomeSkipped, it.Skip
		err = d.mention(ctx, it.AssetCode)
	case p.invalid != nil:
		row.Outcome = estate.OutcomeError
		row.Reason, err = estate.RowProblem(p.invalid)
	case it.Asset.Partner != d.partner:
		row.Outcome, row.Reason = estate.OutcomeError, estate.ReasonOtherPartner(it.Asset.Partner, d.partner)
	default:
		rec.asset, rec.fields, rec.notes = it.Asset, it.Fields, it.NoteLines
		var later bool
		if later, err = d.upsert(ctx, p, rec); later {
			rec.kind = recLater // spooled in file order, to decide again if need be
			_, err = d.out.append(rec)
			return err
		}
	}
	if err != nil {
		return err
	}
	return d.emit(rec)
}

func (d *decider) emit(rec *spoolRecord) error {
	spooled := rec
	if d.keep {
		d.kept = append(d.kept, rec)
		spooled = &spoolRecord{kind: rec.kind, row: rec.row}
	}
	off, err := d.out.append(spooled)
	if err != nil {
		return err
	}
	if rec.kind == recInsert {
		d.codes.add(rec.asset.AssetCode, off)
	}
	if rec.row.Outcome == estate.OutcomeError {
		d.errors++
	}
	return nil
}

// decideAll decides rows, looking their matches up a batch at a time,
// until stop says the import will not go on.
func (d *decider) decideAll(ctx context.Context, rows iter.Seq2[preparedRow, error], stop func() bool) error {
	batch := make([]preparedRow, 0, importBatch)
	flush := func() error {
		defer func() { clear(batch); batch = batch[:0] }()
		if err := d.lookUp(ctx, batch); err != nil {
			return err
		}
		for i := range batch {
			if err := d.decide(ctx, &batch[i]); err != nil || stop() {
				return err
			}
		}
		return nil
	}
	for p, err := range rows {
		if err != nil {
			return err
		}
		if batch = append(batch, p); len(batch) == importBatch {
			if err := flush(); err != nil || stop() {
				return err
			}
		}
	}
	return flush()
}

// decideDeferred decides the deferred rows, now that the file is read,
// until stop says the import will not go on.
func (d *decider) decideDeferred(ctx context.Context, stop func() bool) error {
	d.tail = d.out.size
	rows := d.deferred
	d.deferred = nil
	return d.decideAll(ctx, func(yield func(preparedRow, error) bool) {
		for i := range rows {
			rows[i].final = true
			p := rows[i]
			rows[i] = preparedRow{} // let the row go
			if !yield(p, nil) {
				return
			}
		}
	}, stop)
}

// mention claims the stored asset with code, if any, for a row that
// names it but is skipped: its code is in the file, so no other row may
// take it over by UPRN.
func (d *decider) mention(ctx context.Context, code string) error {
	if d.fresh || code == "" {
		return nil
	}
	if id, moved := d.recoded[code]; moved {
		if id > 0 {
			d.claim(id)
		}
		return nil
	}
	// Or a new asset of the file, which no row can take.
	a, err := d.stored(ctx, code)
	if a != nil {
		d.claim(a.ID)
	}
	return err
}

// upsert decides whether the row's asset is new or changes the asset it
// matches. It returns later true, having decided nothing, for a row to
// decide at the end of the file.
func (d *decider) upsert(ctx context.Context, p *preparedRow, rec *spoolRecord) (later bool, err error) {
	a, row := p.item.Asset, &rec.row
	row.AssetCode = a.AssetCode
	if d.fresh {
		if dup, err := d.codes.has(a.AssetCode); err != nil || dup {
			row.Outcome, row.Reason = estate.OutcomeError, estate.RepeatedCodeReason(a.AssetCode)
			return false, err
		}
		return false, d.insert(ctx, rec)
	}
	before, how, taken, err := d.match(ctx, a, p.final)
	switch {
	case errors.Is(err, errLater):
		if len(d.deferred) >= estate.MaxDeferredImportRows {
			row.Outcome, row.Reason = estate.OutcomeError, estate.ReasonTooManyDeferred()
			return false, nil
		}
		d.deferred = append(d.deferred, *p)
		return true, nil
	case err != nil:
		return false, err
	case taken:
		row.Outcome, row.Reason = estate.OutcomeError, estate.RepeatedCodeReason(a.AssetCode)
		return false, nil
	case before == nil:
		return false, d.insert(ctx, rec)
	}
	d.claim(before.ID)
	row.AssetID = before.ID
	if how != "asset code" {
		row.NoteMatch(how, before, a.AssetCode)
	}
	if err := d.update(ctx, p, before, rec); err != nil || row.Outcome != estate.OutcomeUpdated {
		return false, err
	}
	if before.AssetCode != a.AssetCode {
		d.recoded[before.AssetCode], d.recoded[a.AssetCode] = 0, before.ID
	}
	return false, nil
}

// insert decides a new asset; one with occupiers needs them to be
// partners.
func (d *decider) insert(ctx context.Context, rec *spoolRecord) error {
	if err := estate.CheckDisposal(nil, rec.asset, d.now); err != nil {
		rec.row.Outcome = estate.OutcomeError
		rec.row.Reason, err = estate.RowProblem(err)
		return err
	}
	for _, o := range rec.asset.Occupiers {
		if ok, err := d.partnerExists(ctx, o.Partner); err != nil {
			return err
		} else if !ok {
			rec.row.Outcome, rec.row.Reason = estate.OutcomeError, estate.ReasonNoOccupier(o.Partner)
			return nil
		}
	}
	rec.kind, rec.row.Outcome = recInsert, estate.OutcomeInserted
	return nil
}

// update decides the row's change to the stored asset before.
func (d *decider) update(ctx context.Context, p *preparedRow, before *estate.Asset, rec *spoolRecord) error {
	row := &rec.row
	after, changes := estate.ImportChange(before, p.item, d.actor, d.now)
	if len(changes) == 0 {
		row.Outcome = estate.OutcomeUnchanged
		return nil
	}
	err := estate.CheckImportChange(before, after, d.area, d.now)
	if err == nil {
		err = estate.CheckAssetReferences(after, after.ID,
			func(id string) (bool, error) { return d.partnerExists(ctx, id) },
			func(partner, code string) (int64, bool, error) { return d.codeOwner(ctx, partner, code) })
	}
	if err != nil {
		row.Outcome = estate.OutcomeError
		row.Reason, err = estate.RowProblem(err)
		return err
	}
	enc, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("service: import: audit: %w", err)
	}
	rec.kind, rec.after, rec.changes = recUpdate, after, string(enc)
	row.Outcome = estate.OutcomeUpdated
	for _, c := range changes {
		row.Changed = append(row.Changed, c.Field)
	}
	return nil
}

// errLater says a row can be matched only once the whole file is read.
var errLater = errors.New("decide at the end of the file")

// match finds the partner's stored asset a row stands for: by asset code,
// or else by UPRN when exactly one asset no row has matched yet has it;
// how says which. It returns taken when the row's code is one an earlier
// row of the file has: the code of a stored asset that row matched, of a
// new asset, or that a UPRN match gave. Until final (the file read
// whole), a possible UPRN match returns errLater: the asset's own code
// may come in a later row.
func (d *decider) match(ctx context.Context, a *estate.Asset, final bool) (before *estate.Asset, how string, taken bool, err error) {
	id, moved := d.recoded[a.AssetCode]
	switch {
	case moved && id > 0:
		return nil, "", true, nil
	case !moved:
		if dup, err := d.codes.has(a.AssetCode); err != nil || dup {
			return nil, "", dup, err
		}
		if before, err = d.stored(ctx, a.AssetCode); err != nil || before != nil {
			return before, "asset code", before != nil && d.claimed(before.ID), err
		}
	}
	if a.UPRN == "" {
		return nil, "", false, nil
	}
	stored, err := d.withUPRN(ctx, a.UPRN)
	if err != nil {
		return nil, "", false, err
	}
	var found []*estate.Asset
	for _, s := range stored {
		if !d.claimed(s.ID) {
			found = append(found, s)
		}
	}
	if !final && len(found) > 0 {
		return nil, "", false, errLater
	}
	if len(found) != 1 {
		return nil, "", false, nil
	}
	return found[0], "UPRN " + a.UPRN, false, nil
}

func (d *decider) partnerExists(ctx context.Context, id string) (bool, error) {
	if ok, known := d.partners[id]; known {
		return ok, nil
	}
	ok, err := d.view.PartnerExists(ctx, id)
	if err != nil {
		return false, err
	}
	d.partners[id] = ok
	return ok, nil
}
