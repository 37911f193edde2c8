package cql2_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/cql2"
)

// A filter as a map client sends one: a box, two attributes, a date.
const benchText = `S_INTERSECTS(geometry, BBOX(-1.5, 51.2, -0.9, 51.7)) AND rag IN ('red', 'amber') ` +
	`AND area_m2 >= 250 AND acquired_on > DATE('2010-01-01')`

func BenchmarkParseText(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		e, err := cql2.ParseText(benchText)
		if err != nil {
			b.Fatal(err)
		}
		if err := cql2.Check(e, queryables); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSON(b *testing.B) {
	src := []byte(examples[len(examples)-2].json) // and, a comparison and a bbox
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cql2.ParseJSON(src); err != nil {
			b.Fatal(err)
		}
	}
}
