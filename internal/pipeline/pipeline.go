// Package pipeline hands values from one goroutine to the next in
// batches, so the stages of a long job (reading, checking, deciding,
// encoding, writing) share the cores. An import's service and its store
// each run such a stage.
package pipeline

import "sync"

// Run runs produce on a goroutine of its own and hands what it yields
// over in batches of size, ahead batches ahead: enough to make the
// hand-over cheap, few enough to keep memory flat. stop ends the
// goroutine early and waits for it, so nothing produce uses is touched
// once stop returns; it may be called more than once.
func Run[T any](ahead, size int, produce func(yield func(T) bool)) (batches <-chan []T, stop func()) {
	out := make(chan []T, ahead)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(out)
		batch := make([]T, 0, size)
		send := func() bool {
			select {
			case out <- batch:
				batch = make([]T, 0, size)
				return true
			case <-done:
				return false
			}
		}
		produce(func(v T) bool {
			batch = append(batch, v)
			return len(batch) < size || send()
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
