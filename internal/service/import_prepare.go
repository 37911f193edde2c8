package sqlite

import (
	"errors"
	"iter"
	"sync"

	"github.com/placetrust/placetrust/internal/estate"
)

// importBatch is how many rows travel together from one goroutine of an
// import to the next: enough to make the hand-over cheap, small enough to
// keep memory flat.
const importBatch = 256

// preparedRow is an item read and checked off the deciding goroutine,
// or, for the writer, a new asset encoded off the writing one.
type preparedRow struct {
	item    *estate.ImportItem
	readErr error
	invalid error   // the row's asset fails validation
	insert  *insert // column values of a new asset, for the writer
	key     uint64  // spatialKey of a new asset's location
	final   bool    // the whole file has been read: decide the row now
}

// prepareRows runs rows on a goroutine of its own and normalizes and
// validates each asset on another, so reading, checking and deciding
// (the caller) share the cores, and hands the rows over in batches, a few
// ahead. stop ends the goroutines early and waits for them, so the
// caller's reader is never used after ImportAssets returns.
func prepareRows(rows iter.Seq2[*estate.ImportItem, error], area estate.ServiceArea) (<-chan []preparedRow, func()) {
	read, stopRead := pipeline(4, func(yield func(preparedRow) bool) {
		for item, err := range rows {
			if !yield(preparedRow{item: item, readErr: err}) || err != nil {
				return
			}
		}
	})
	checked, stopCheck := pipeline(4, func(yield func(preparedRow) bool) {
		for batch := range read {
			for _, p := range batch {
				if p.readErr == nil {
					p = prepareRow(p.item, area)
				}
				if !yield(p) {
					return
				}
			}
		}
	})
	return checked, func() {
		stopCheck()
		stopRead()
	}
}

// pipeline runs produce on a goroutine of its own and hands what it
// yields over in batches, ahead batches ahead. stop ends the goroutine
// early and waits for it.
func pipeline[T any](ahead int, produce func(yield func(T) bool)) (<-chan []T, func()) {
	out := make(chan []T, ahead)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(out)
		batch := make([]T, 0, importBatch)
		send := func() bool {
			select {
			case out <- batch:
				batch = make([]T, 0, importBatch)
				return true
			case <-done:
				return false
			}
		}
		produce(func(v T) bool {
			batch = append(batch, v)
			return len(batch) < importBatch || send()
		})
		if len(batch) > 0 {
			send()
		}
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}

func prepareRow(item *estate.ImportItem, area estate.ServiceArea) preparedRow {
	p := preparedRow{item: item}
	a := item.Asset
	if a == nil {
		return p
	}
	a.ID, a.Version = 0, 0
	a.Normalize()
	// A row's place is checked against the area even when it will
	// update an asset stored before the area was narrowed: a file that
	// puts an asset outside the area is that row's error.
	if err := a.ValidateIn(area); err != nil {
		p.invalid = err
		return p
	}
	p.invalid = checkRAG(a)
	return p
}

// checkRAG requires a rationale with any rating but unrated, as the RAG
// resource does.
func checkRAG(a *estate.Asset) error {
	if a.RAG == estate.RAGUnrated {
		return nil
	}
	if err := (estate.RAGUpdate{Rating: a.RAG, Rationale: a.RAGRationale}).Validate(); err != nil {
		return &estate.Error{Code: estate.EINVALID, Message: "The asset is not valid.",
			Fields: []estate.FieldError{{Field: "rag_rationale", Message: "is required when rag is set"}}}
	}
	return nil
}

// rowProblem turns a row's error into report text; errors that are not
// about the row (a failing disk) are returned to stop the import.
func rowProblem(err error) (string, error) {
	var e *estate.Error
	if errors.As(err, &e) {
		return estate.ProblemText(err), nil
	}
	return "", err
}
