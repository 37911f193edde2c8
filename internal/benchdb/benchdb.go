// Package benchdb builds national-scale registers for benchmarks and load
// runs: demo.Scaled assets in a real database file, built once and reused
// while the file lasts, because building a million assets takes minutes.
package benchdb

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"

	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// Seed is the demo.Scaled seed of every benchmark register, so figures
// from different runs describe the same rows.
const Seed = 1

// AdminContext carries an admin actor, who sees every asset.
func AdminContext(ctx context.Context) context.Context {
	return estate.NewContextWithActor(ctx, estate.Actor{Name: "bench", Role: estate.RoleAdmin})
}

// Open opens the register at path, building it first when the file does
// not exist: the demo.ScalePartners and n assets of demo.Scaled(n, Seed).
// A file left by an earlier build is trusted only if it holds exactly n
// assets. The build goes to a temporary name and is renamed when complete,
// so an interrupted build is never mistaken for a finished one.
func Open(ctx context.Context, path string, n int) (*sqlite.DB, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := build(ctx, path, n); err != nil {
			return nil, err
		}
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	got, err := Services(db).Assets.CountAssets(AdminContext(ctx), estate.AssetFilter{})
	if err != nil {
		db.Close()
		return nil, err
	}
	if got != n {
		db.Close()
		return nil, fmt.Errorf("benchdb: %s holds %d assets, not the %d of a benchmark register: name a new file to build one there (remove the old one only if it is a benchmark register too)", path, got, n)
	}
	if err := checkProgramme(ctx, db, n); err != nil {
		db.Close()
		return nil, fmt.Errorf("benchdb: %s: %w", path, err)
	}
	return db, nil
}

// programmeFrom is the least register surely holding some of Scaled's
// disposal programme (a chance of none below 1e-14).
const programmeFrom = 1000

// checkProgramme refuses a register built before demo.Scaled had a
// disposal programme: it holds the same assets in number but none in the
// programme, so the programme's figures would be measured over nothing.
func checkProgramme(ctx context.Context, db *sqlite.DB, n int) error {
	if n < programmeFrom {
		return nil
	}
	in, err := Services(db).Assets.CountAssets(AdminContext(ctx), estate.AssetFilter{Selection: estate.Selection{
		Where: estate.CondCompare{Field: "disposal_stage", Op: estate.OpNe, Value: string(estate.StageNone)}}})
	if err != nil {
		return err
	}
	if in == 0 {
		return errors.New("built before demo.Scaled had a disposal programme (no asset in it): name a new file to build one there, or remove this one")
	}
	return nil
}

func build(ctx context.Context, path string, n int) error {
	tmp := path + ".building"
	removeTmp := func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
	}
	removeTmp()
	db, err := sqlite.Open(ctx, tmp)
	if err != nil {
		return err
	}
	if err := fill(AdminContext(ctx), db, n); err != nil {
		db.Close()
		removeTmp()
		return err
	}
	// Closing checkpoints the WAL into the file, so the rename moves a
	// complete database.
	if err := db.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Services are the services over a benchmark register, which lies in
// Great Britain.
func Services(db *sqlite.DB) *service.Services {
	return service.New(db, service.Options{})
}

// fill writes the demo.ScalePartners and n assets of demo.Scaled(n, Seed)
// into db.
func fill(ctx context.Context, db *sqlite.DB, n int) error {
	svc := Services(db)
	for _, p := range demo.ScalePartners() {
		if err := svc.Partners.CreatePartner(ctx, p); err != nil {
			return fmt.Errorf("benchdb: partner %s: %w", p.ID, err)
		}
	}
	// Scaled draws every asset from one stream, so the whole register is
	// generated once; each partner's share then goes in as a real register
	// is loaded, by one import of the partner's list, in the stream's order.
	all := demo.Scaled(n, Seed)
	inserted := 0
	for _, p := range demo.ScalePartners() {
		rep, err := svc.Imports.ImportAssets(ctx, p.ID, partnerRows(all, p.ID), estate.ImportOptions{ReportRows: 1})
		if err != nil {
			return fmt.Errorf("benchdb: import %s: %w", p.ID, err)
		}
		if rep.Errors > 0 {
			return fmt.Errorf("benchdb: import %s: %d rows wrong", p.ID, rep.Errors)
		}
		inserted += rep.Inserted
	}
	// Checked as a whole: a small register may leave a partner none.
	if inserted != n {
		return fmt.Errorf("benchdb: %d of %d assets inserted", inserted, n)
	}
	return nil
}

// partnerRows are the assets of partner among all as the rows of its file.
func partnerRows(all []*estate.Asset, partner string) iter.Seq2[*estate.ImportItem, error] {
	return func(yield func(*estate.ImportItem, error) bool) {
		row := 1
		for i, a := range all {
			if a == nil || a.Partner != partner {
				continue
			}
			row++
			all[i] = nil // the import keeps what it needs
			if !yield(&estate.ImportItem{Row: row, AssetCode: a.AssetCode, Asset: a, Fields: estate.AllFields}, nil) {
				return
			}
		}
	}
}
