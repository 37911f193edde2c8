package pipeline_test

import (
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/pipeline"
)

// TestRun checks every value arrives once, in order, in batches of the
// size asked for but the last.
func TestRun(t *testing.T) {
	batches, stop := pipeline.Run(2, 4, func(yield func(int) bool) {
		for i := range 10 {
			if !yield(i) {
				return
			}
		}
	})
	defer stop()
	var got []int
	var sizes []int
	for b := range batches {
		got = append(got, b...)
		sizes = append(sizes, len(b))
	}
	if !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) || !slices.Equal(sizes, []int{4, 4, 2}) {
		t.Errorf("got %v in batches of %v", got, sizes)
	}
}

// TestRunStop checks stop ends a producer that would never end, and
// waits for it: nothing it uses is touched afterwards.
func TestRunStop(t *testing.T) {
	ended := false
	batches, stop := pipeline.Run(1, 2, func(yield func(int) bool) {
		defer func() { ended = true }()
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
		}
	})
	if b := <-batches; !slices.Equal(b, []int{0, 1}) {
		t.Errorf("first batch %v", b)
	}
	stop()
	stop() // twice is harmless
	if !ended {
		t.Error("the producer runs on after stop")
	}
}
