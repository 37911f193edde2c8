package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/placetrust/placetrust/internal/estate"
)

// importer applies rows to one partner's assets inside one transaction.
type importer struct {
	tx      *Tx
	w       *assetWriter
	actor   estate.Actor
	partner string
	area    estate.ServiceArea // see AssetService.WithServiceArea
	// fresh is set when the partner had no assets: every row is then new,
	// so no row needs looking up, and a repeated asset code shows up as a
	// uniqueness failure.
	fresh bool
	// Assets with ids above maxID were inserted by this import; seen marks
	// older ones a row has matched already, so two rows of one file
	// cannot both claim an asset.
	maxID  int64
	seen   []uint64
	added  []rtreeCell // the R*Tree entries of the assets inserted
	nextID int64       // the id the next new asset gets
	// deferred are rows whose code no stored asset has but whose UPRN a
	// stored asset unclaimed so far has. They are decided once the whole
	// file is read: by then every stored asset whose code is in the file
	// is claimed, and a row may take over only an asset whose code the
	// file leaves out.
	deferred []preparedRow

	byCode, byCodeID, byUPRN *sql.Stmt
	group                    *groupInserts
}

func newImporter(ctx context.Context, tx *Tx, actor estate.Actor, partner string) (*importer, error) {
	im := &importer{tx: tx, actor: actor, partner: partner,
		group: &groupInserts{tx: tx, stmts: map[groupKey]*groupStmt{}, audits: map[int]*sql.Stmt{}}}
	var known, owned int
	err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM partners WHERE id = ?),
		(SELECT count(*) FROM assets WHERE partner_id = ?)`, partner, partner).Scan(&known, &owned)
	if err != nil {
		return nil, fmt.Errorf("sqlite: import: %w", err)
	}
	if known == 0 {
		return nil, &estate.Error{Code: estate.EINVALID, Message: fmt.Sprintf("No partner %q: create it first.", partner),
			Fields: []estate.FieldError{{Field: "partner", Message: "does not exist"}}}
	}
	im.fresh = owned == 0
	if im.nextID, err = nextAssetID(ctx, tx); err != nil {
		return nil, err
	}
	im.maxID = im.nextID - 1
	if im.w, err = newAssetWriter(ctx, tx); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&im.byCode, `SELECT ` + assetColumns + ` FROM assets a WHERE a.partner_id = ? AND a.asset_code = ?`},
		{&im.byCodeID, `SELECT id FROM assets WHERE partner_id = ? AND asset_code = ?`},
		{&im.byUPRN, `SELECT id FROM assets WHERE partner_id = ? AND uprn = ? AND uprn <> '' ORDER BY id`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			im.close()
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		*p.dst = st
		im.w.stmts = append(im.w.stmts, st) // closed with the writer's
	}
	return im, nil
}

// finish writes the rows still waiting and indexes the inserted assets.
func (im *importer) finish(ctx context.Context) error {
	if err := im.flush(ctx); err != nil {
		return err
	}
	return indexInserted(ctx, im.tx, im.maxID, im.added)
}

func (im *importer) close() {
	im.group.close()
	if im.w != nil {
		im.w.close()
	}
}

// apply decides and writes one row. It returns nil for an item that is
// not a row, and an error only when the import cannot go on. A new row
// may be left waiting (see groupInserts): its outcome is set once flush
// has run.
func (im *importer) apply(ctx context.Context, p *preparedRow) (*estate.ImportRow, error) {
	if !im.fresh {
		// Matching reads the register: it must see every row so far.
		if err := im.flush(ctx); err != nil {
			return nil, err
		}
	}
	it := p.item
	row := &estate.ImportRow{Row: it.Row, Line: it.Line, AssetCode: it.AssetCode, Warnings: it.Warnings, WarningKinds: it.WarningKinds}
	var err error
	switch {
	case it.Err != nil:
		row.Outcome = estate.OutcomeError
		row.Reason, err = rowProblem(it.Err)
	case it.Skip != "":
		row.Outcome, row.Reason = estate.OutcomeSkipped, it.Skip
		err = im.mention(ctx, it.AssetCode)
	case it.Asset == nil:
		return nil, nil
	case p.invalid != nil:
		row.Outcome = estate.OutcomeError
		row.Reason, err = rowProblem(p.invalid)
	case it.Asset.Partner != im.partner:
		row.Outcome = estate.OutcomeError
		row.Reason = fmt.Sprintf("partner: the row belongs to partner %q; this import is for %q", it.Asset.Partner, im.partner)
	default:
		var later bool
		if later, err = im.upsert(ctx, p, row); later {
			return nil, err
		}
	}
	return row, err
}

// maxDeferred bounds the rows held until the end of the file: rows that
// change their asset code and are matched by UPRN instead. A register
// recoded wholesale goes in parts.
const maxDeferred = 20000

// applyDeferred decides the deferred rows, now that the file is read.
func (im *importer) applyDeferred(ctx context.Context, yield func(*estate.ImportRow) bool) error {
	if err := im.flush(ctx); err != nil {
		return err
	}
	rows := im.deferred
	im.deferred = nil
	for i := range rows {
		rows[i].final = true
		row, err := im.apply(ctx, &rows[i])
		if err == nil {
			err = im.flush(ctx)
		}
		if err != nil {
			return err
		}
		rows[i] = preparedRow{} // let the row go
		if !yield(row) {
			return nil
		}
	}
	return nil
}

// mention claims the stored asset with code, if any, for a row that
// names it but is skipped: its code is in the file, so no other row may
// take it over by UPRN.
func (im *importer) mention(ctx context.Context, code string) error {
	if im.fresh || code == "" {
		return nil
	}
	var id int64
	err := im.byCodeID.QueryRowContext(ctx, im.partner, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("sqlite: import: %w", err)
	}
	im.claim(id)
	return nil
}

// upsert inserts the row's asset or applies it to the asset it matches.
// It returns later true, having done nothing, for a row to decide at the
// end of the file (see importer.deferred).
func (im *importer) upsert(ctx context.Context, p *preparedRow, row *estate.ImportRow) (later bool, err error) {
	a := p.item.Asset
	row.AssetCode = a.AssetCode
	if im.fresh {
		return false, im.insertRow(ctx, p, row)
	}
	before, how, err := im.match(ctx, a, p.final)
	switch {
	case errors.Is(err, errLater):
		if len(im.deferred) >= maxDeferred {
			row.Outcome = estate.OutcomeError
			row.Reason = fmt.Sprintf("more than %d rows have asset codes the register lacks but UPRNs it holds: import the file in parts", maxDeferred)
			return false, nil
		}
		im.deferred = append(im.deferred, *p)
		return true, nil
	case err != nil:
		return false, err
	case before == nil:
		return false, im.insertRow(ctx, p, row)
	case im.claimed(before.ID) && how == "asset code":
		row.Outcome = estate.OutcomeError
		row.Reason = estate.RepeatedCodeReason(a.AssetCode)
		return false, nil
	case im.claimed(before.ID):
		row.Outcome = estate.OutcomeError
		row.Reason = fmt.Sprintf("%s matches asset %d, which an earlier row of the file already gave", how, before.ID)
		return false, nil
	}
	im.claim(before.ID)
	row.AssetID = before.ID
	if how != "asset code" {
		row.Reason = fmt.Sprintf("matched by %s (asset code was %q)", how, before.AssetCode)
		row.Warn(estate.WarnCodeChanged, fmt.Sprintf("asset code changes from %q to %q: the row matched asset %d by %s, and no row of the file has code %q",
			before.AssetCode, a.AssetCode, before.ID, how, before.AssetCode))
	}
	return false, im.update(ctx, p, before, row)
}

// update applies the row to the stored asset before.
func (im *importer) update(ctx context.Context, p *preparedRow, before *estate.Asset, row *estate.ImportRow) error {
	a := p.item.Asset
	after := before.Clone()
	estate.CopyFields(after, a, p.item.Fields)
	if p.item.Merge != nil {
		p.item.Merge(before, after)
	}
	after.Normalize()
	if ragState(after) != ragState(before) && !p.item.Fields.Has("rag_set_by") {
		now := im.tx.now
		after.RAGSetBy, after.RAGSetAt = im.actor.AuditName(), &now
	}
	changes := estate.Diff(before, after)
	if len(changes) == 0 {
		row.Outcome = estate.OutcomeUnchanged
		return nil
	}
	if err := after.ValidateChange(before, im.area); err != nil {
		row.Outcome = estate.OutcomeError
		row.Reason, err = rowProblem(err)
		return err
	}
	if err := checkRAG(after); err != nil {
		row.Outcome, row.Reason = estate.OutcomeError, estate.ProblemText(err)
		return nil
	}
	if err := im.w.update(ctx, after, im.actor, estate.ActionImport, changes); err != nil {
		row.Outcome = estate.OutcomeError
		row.Reason, err = rowProblem(err)
		return err
	}
	row.Outcome = estate.OutcomeUpdated
	for _, c := range changes {
		row.Changed = append(row.Changed, c.Field)
	}
	return nil
}

// errLater says a row can be matched only once the whole file is read.
var errLater = errors.New("decide at the end of the file")

// match finds the partner's asset a row stands for: by asset code, or
// else by UPRN when exactly one asset not yet matched by this import has
// it. how says which matched. Until final (the file read whole), a
// possible UPRN match returns errLater: the asset's own code may come in
// a later row.
func (im *importer) match(ctx context.Context, a *estate.Asset, final bool) (*estate.Asset, string, error) {
	before, err := scanAsset(im.byCode.QueryRowContext(ctx, im.partner, a.AssetCode))
	if err == nil {
		return before, "asset code", nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, "", err
	}
	if a.UPRN == "" {
		return nil, "", nil
	}
	rows, err := im.byUPRN.QueryContext(ctx, im.partner, a.UPRN)
	if err != nil {
		return nil, "", fmt.Errorf("sqlite: import: match uprn: %w", err)
	}
	var found []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, "", fmt.Errorf("sqlite: import: match uprn: %w", err)
		}
		if !im.claimed(id) {
			found = append(found, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if !final && len(found) > 0 {
		return nil, "", errLater
	}
	if len(found) != 1 {
		return nil, "", nil
	}
	before, err = scanAsset(im.tx.QueryRowContext(ctx, `SELECT `+assetColumns+` FROM assets a WHERE a.id = ?`, found[0]))
	if err != nil {
		return nil, "", fmt.Errorf("sqlite: import: %w", err)
	}
	return before, "UPRN " + a.UPRN, nil
}

func (im *importer) claimed(id int64) bool {
	if id > im.maxID {
		return true
	}
	i := int(id / 64)
	return i < len(im.seen) && im.seen[i]&(1<<(id%64)) != 0
}

func (im *importer) claim(id int64) {
	i := int(id / 64)
	for len(im.seen) <= i {
		im.seen = append(im.seen, make([]uint64, max(i+1-len(im.seen), 1024))...)
	}
	im.seen[i] |= 1 << (id % 64)
}

// insertRow writes a new asset with its index entry and audit event.
func (im *importer) insertRow(ctx context.Context, p *preparedRow, row *estate.ImportRow) error {
	ins := p.insert
	if ins == nil {
		var err error
		if ins, err = encodeInsert(p.item.Asset, im.actor, im.tx.now); err != nil {
			return err
		}
	}
	p.insert = ins
	if im.fresh || im.groupable(p) {
		im.group.pending = append(im.group.pending, pendingInsert{p, row})
		return nil
	}
	if err := im.flush(ctx); err != nil {
		return err
	}
	return im.insertAlone(ctx, p, row)
}

// insertAlone writes one new asset that cannot wait for others: one with
// tags or occupiers, linked once it has its id.
func (im *importer) insertAlone(ctx context.Context, p *preparedRow, row *estate.ImportRow) error {
	a := p.item.Asset
	for _, o := range a.Occupiers {
		if ok, err := im.w.partnerExists(ctx, o.Partner); err != nil {
			return err
		} else if !ok {
			row.Outcome, row.Reason = estate.OutcomeError, fmt.Sprintf("occupiers: no partner %q", o.Partner)
			return nil
		}
	}
	r := pendingInsert{p, row}
	if err := im.insertGroup(ctx, []pendingInsert{r}); isUnique(err) {
		return im.uniqueFailed(r, err)
	} else if err != nil {
		return err
	}
	if len(a.Tags) > 0 || len(a.Occupiers) > 0 {
		return im.w.writeLinks(ctx, a, false)
	}
	return nil
}

func isUnique(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}
