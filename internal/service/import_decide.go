package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// decider decides the rows of one import against one view of the
// register, writing nothing: a read snapshot before the import takes the
// writer, or the write transaction itself if the partner's assets changed
// meanwhile (import.go). Each row is matched, checked and changed as the
// import will write it, and spooled with its outcome. Rows see the file's
// earlier rows through what the decider remembers rather than through the
// database: the stored assets they claimed (seen), the codes of the new
// assets (codes) and the codes UPRN matches moved (recoded).
type decider struct {
	q       *sql.Tx
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
	out      *spool
	errors   int   // error rows spooled
	tail     int64 // where in out the deferred rows' decisions start

	byCode, byCodeID, byUPRN, byID *sql.Stmt
}

// newDecider decides rows for partner against q, which must see the
// partner (or the partner must be one the import creates: known).
func newDecider(ctx context.Context, q *sql.Tx, out *spool, actor estate.Actor, partner string, area estate.ServiceArea, now time.Time) (*decider, error) {
	d := &decider{q: q, actor: actor, partner: partner, area: area, now: now, out: out,
		codes: newCodeSet(out), recoded: map[string]int64{}, partners: map[string]bool{partner: true}}
	var owned bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assets WHERE partner_id = ?)`, partner).Scan(&owned); err != nil {
		return nil, fmt.Errorf("sqlite: import: %w", err)
	}
	d.fresh = !owned
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&d.byCode, `SELECT ` + assetColumnsPacked + ` FROM assets a WHERE a.partner_id = ? AND a.asset_code = ?`},
		{&d.byCodeID, `SELECT id FROM assets WHERE partner_id = ? AND asset_code = ?`},
		{&d.byUPRN, `SELECT id FROM assets WHERE partner_id = ? AND uprn = ? AND uprn <> '' ORDER BY id`},
		{&d.byID, `SELECT ` + assetColumnsPacked + ` FROM assets a WHERE a.id = ?`},
	} {
		st, err := q.PrepareContext(ctx, p.sql)
		if err != nil {
			d.close()
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		*p.dst = st
	}
	return d, nil
}

func (d *decider) close() {
	for _, st := range []*sql.Stmt{d.byCode, d.byCodeID, d.byUPRN, d.byID} {
		if st != nil {
			st.Close()
		}
	}
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
		row.Reason, err = rowProblem(it.Err)
	case it.Skip != "":
		row.Outcome, row.Reason = estate.OutcomeSkipped, it.Skip
		err = d.mention(ctx, it.AssetCode)
	case p.invalid != nil:
		row.Outcome = estate.OutcomeError
		row.Reason, err = rowProblem(p.invalid)
	case it.Asset.Partner != d.partner:
		row.Outcome = estate.OutcomeError
		row.Reason = fmt.Sprintf("partner: the row belongs to partner %q; this import is for %q", it.Asset.Partner, d.partner)
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
	off, err := d.out.append(rec)
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

// maxDeferred bounds the rows held until the end of the file: rows that
// change their asset code and are matched by UPRN instead. A register
// recoded wholesale goes in parts.
const maxDeferred = 20000

// decideDeferred decides the deferred rows, now that the file is read,
// until stop says the import will not go on.
func (d *decider) decideDeferred(ctx context.Context, stop func() bool) error {
	d.tail = d.out.size
	rows := d.deferred
	d.deferred = nil
	for i := range rows {
		rows[i].final = true
		if err := d.decide(ctx, &rows[i]); err != nil {
			return err
		}
		rows[i] = preparedRow{} // let the row go
		if stop() {
			return nil
		}
	}
	return nil
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
	var id int64
	err := d.byCodeID.QueryRowContext(ctx, d.partner, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // or a new asset of the file, which no row can take
	} else if err != nil {
		return fmt.Errorf("sqlite: import: %w", err)
	}
	d.claim(id)
	return nil
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
		if len(d.deferred) >= maxDeferred {
			row.Outcome = estate.OutcomeError
			row.Reason = fmt.Sprintf("more than %d rows have asset codes the register lacks but UPRNs it holds: import the file in parts", maxDeferred)
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
		row.Reason = fmt.Sprintf("matched by %s (asset code was %q)", how, before.AssetCode)
		row.Warn(estate.WarnCodeChanged, fmt.Sprintf("asset code changes from %q to %q: the row matched asset %d by %s, and no row of the file has code %q",
			before.AssetCode, a.AssetCode, before.ID, how, before.AssetCode))
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
	for _, o := range rec.asset.Occupiers {
		if ok, err := d.partnerExists(ctx, o.Partner); err != nil {
			return err
		} else if !ok {
			rec.row.Outcome, rec.row.Reason = estate.OutcomeError, fmt.Sprintf("occupiers: no partner %q", o.Partner)
			return nil
		}
	}
	rec.kind, rec.row.Outcome = recInsert, estate.OutcomeInserted
	return nil
}

// update decides the row's change to the stored asset before.
func (d *decider) update(ctx context.Context, p *preparedRow, before *estate.Asset, rec *spoolRecord) error {
	a, row := p.item.Asset, &rec.row
	after := before.Clone()
	estate.CopyFields(after, a, p.item.Fields)
	if n := p.item.NoteLines; n != nil {
		n.Merge(before, after)
	}
	after.Normalize()
	if ragState(after) != ragState(before) && !p.item.Fields.Has("rag_set_by") {
		now := d.now
		after.RAGSetBy, after.RAGSetAt = d.actor.AuditName(), &now
	}
	changes := estate.Diff(before, after)
	if len(changes) == 0 {
		row.Outcome = estate.OutcomeUnchanged
		return nil
	}
	err := after.ValidateChange(before, d.area)
	if err == nil {
		if rerr := checkRAG(after); rerr != nil {
			row.Outcome, row.Reason = estate.OutcomeError, estate.ProblemText(rerr)
			return nil
		}
		err = checkReferences(ctx, after, after.ID, d.partnerExists, d.codeOwner)
	}
	if err != nil {
		row.Outcome = estate.OutcomeError
		row.Reason, err = rowProblem(err)
		return err
	}
	enc, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("sqlite: import: audit: %w", err)
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
		before, err := scanAssetPacked(d.byCode.QueryRowContext(ctx, d.partner, a.AssetCode))
		switch {
		case err == nil:
			return before, "asset code", d.claimed(before.ID), nil
		case !errors.Is(err, sql.ErrNoRows):
			return nil, "", false, err
		}
	}
	if a.UPRN == "" {
		return nil, "", false, nil
	}
	found, err := d.unclaimedByUPRN(ctx, a.UPRN)
	if err != nil {
		return nil, "", false, err
	}
	if !final && len(found) > 0 {
		return nil, "", false, errLater
	}
	if len(found) != 1 {
		return nil, "", false, nil
	}
	if before, err = scanAssetPacked(d.byID.QueryRowContext(ctx, found[0])); err != nil {
		return nil, "", false, fmt.Errorf("sqlite: import: %w", err)
	}
	return before, "UPRN " + a.UPRN, false, nil
}

func (d *decider) unclaimedByUPRN(ctx context.Context, uprn string) ([]int64, error) {
	rows, err := d.byUPRN.QueryContext(ctx, d.partner, uprn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: import: match uprn: %w", err)
	}
	defer rows.Close()
	var found []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: import: match uprn: %w", err)
		}
		if !d.claimed(id) {
			found = append(found, id)
		}
	}
	return found, rows.Err()
}

func (d *decider) partnerExists(ctx context.Context, id string) (bool, error) {
	if ok, known := d.partners[id]; known {
		return ok, nil
	}
	var ok bool
	if err := d.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM partners WHERE id = ?)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("sqlite: check partner: %w", err)
	}
	d.partners[id] = ok
	return ok, nil
}
