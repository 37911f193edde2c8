package service_test

import (
	"context"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// pausedRows yields items as a file of them would (rows numbered from 2),
// and before the item at pause (after the last if pause is len(items))
// waits until release is called; reached is closed when it gets there.
func pausedRows(items []*estate.ImportItem, pause int) (rows iter.Seq2[*estate.ImportItem, error], reached <-chan struct{}, release func()) {
	at, go_ := make(chan struct{}), make(chan struct{})
	rows = func(yield func(*estate.ImportItem, error) bool) {
		for i := 0; i <= len(items); i++ {
			if i == pause {
				close(at)
				<-go_
			}
			if i == len(items) {
				return
			}
			if items[i].Row == 0 {
				items[i].Row = i + 2
			}
			if !yield(items[i], nil) {
				return
			}
		}
	}
	return rows, at, func() { close(go_) }
}

type importResult struct {
	rep *estate.ImportReport
	err error
}

// importPaused starts importing items for partner, pausing at row pause,
// and returns once the import is there, with release to let it go on
// and the channel its result comes on.
func importPaused(t *testing.T, s *register, partner string, items []*estate.ImportItem, pause int, opts estate.ImportOptions) (release func(), done <-chan importResult) {
	t.Helper()
	rows, reached, release := pausedRows(items, pause)
	out := make(chan importResult, 1)
	go func() {
		rep, err := s.ImportAssets(adminCtx(), partner, rows, opts)
		out <- importResult{rep, err}
	}()
	select {
	case <-reached:
	case r := <-out:
		t.Fatalf("the import ended before its pause: %v %+v", r.err, r.rep)
	}
	return release, out
}

// writesWithin runs write with a deadline: it fails the test if write has
// to wait for the writer longer than a busy machine could explain.
func writesWithin(t *testing.T, what string, write func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(adminCtx(), 10*time.Second)
	defer cancel()
	if err := write(ctx); err != nil {
		t.Errorf("%s while an import reads its file: %v", what, err)
	}
}

func manyRows(partner string, n int) []*estate.ImportItem {
	var items []*estate.ImportItem
	for i := range n {
		items = append(items, row(newAsset(partner, fmt.Sprint("A", i), -2+float64(i)/1e4, 52)))
	}
	return items
}

// TestImportDryRunTakesNoWriteLock: a dry run halfway through its file
// holds no write lock, so another writer gets the writer at once.
func TestImportDryRunTakesNoWriteLock(t *testing.T) {
	db, s := countyAndPolice(t, newAsset("county", "OLD", -2, 52))
	release, done := importPaused(t, s, "county", manyRows("county", 1000), 600, estate.ImportOptions{DryRun: true})
	writesWithin(t, "a create", func(ctx context.Context) error {
		return s.CreateAsset(ctx, newAsset("police", "P", -2, 52))
	})
	release()
	r := <-done
	if r.err != nil || !r.rep.DryRun || r.rep.Committed || r.rep.Inserted != 1000 {
		t.Fatalf("dry run: %v %+v", r.err, r.rep)
	}
	// OLD and the police asset, each with its event.
	if a, e := count(t, db, "assets"), count(t, db, "audit_events"); a != 2 || e != 2 {
		t.Errorf("after the dry run: %d assets, %d audit events", a, e)
	}
}

// TestImportLetsEditsThroughWhileReading: a committed import halfway
// through its file lets an officer's edit through, then writes its rows.
// (A new partner's file longer than this one is written while it is read,
// holding the writer: import_stream.go.)
func TestImportLetsEditsThroughWhileReading(t *testing.T) {
	station := newAsset("police", "P", -2, 52)
	db, s := countyAndPolice(t, station)
	release, done := importPaused(t, s, "county", manyRows("county", 1000), 600, estate.ImportOptions{})
	writesWithin(t, "an edit", func(ctx context.Context) error {
		_, err := s.UpdateAsset(ctx, station.ID, station.Version, func(a *estate.Asset) error {
			a.Name = "Police station"
			return nil
		})
		return err
	})
	release()
	r := <-done
	if r.err != nil || !r.rep.Committed || r.rep.Inserted != 1000 {
		t.Fatalf("import: %v %+v", r.err, r.rep)
	}
	if n := count(t, db, "assets"); n != 1001 {
		t.Errorf("%d assets after the import, want 1001", n)
	}
}
