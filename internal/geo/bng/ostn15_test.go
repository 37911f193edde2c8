package bng

import (
	"strconv"
	"strings"
	"testing"
)

// TestGridNodesMatchOrdnanceSurvey checks the decoded grid node by node
// against the 160 node shifts OS list beside their test results (RecNoS0..3,
// Se0..3, Sn0..3). OS number nodes from 1, row-major from the south-west.
func TestGridNodesMatchOrdnanceSurvey(t *testing.T) {
	g, err := loadGrid()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range loadTestPoints(t) {
		r := p.etrsRecord
		for k := range 4 {
			rec, err := strconv.Atoi(r[6+5*k])
			if err != nil {
				t.Fatal(err)
			}
			wantE, wantN := atof(t, r[7+5*k]), atof(t, r[8+5*k])
			nd := g.nodes[rec-1]
			gotE := g.baseE + float64(nd.e)/1000
			gotN := g.baseN + float64(nd.n)/1000
			if diff(gotE, wantE) > 0.0005 || diff(gotN, wantN) > 0.0005 {
				t.Errorf("%s node %d: shifts %.3f, %.3f; OS: %.3f, %.3f", p.id, rec, gotE, gotN, wantE, wantN)
			}
			checked++
		}
	}
	if checked != 160 {
		t.Fatalf("checked %d nodes, want 160", checked)
	}
}

// TestDecodeGridRejectsDamage guards the lazy decode: a damaged embedded file
// must be an error, never a grid of wrong shifts.
func TestDecodeGridRejectsDamage(t *testing.T) {
	flipped := []byte(ostn15GZ)
	flipped[len(flipped)/2] ^= 0x40
	cases := map[string]string{
		"empty":     "",
		"truncated": ostn15GZ[:len(ostn15GZ)/2],
		"flipped":   string(flipped),
		"not gzip":  "BNGOSTN1",
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if g, err := decodeGrid(strings.NewReader(data)); err == nil {
				t.Fatalf("decodeGrid = %d nodes, nil error; want an error", len(g.nodes))
			}
		})
	}
}

func diff(a, b float64) float64 {
	if a > b {
		return a - b
	}
	return b - a
}

func BenchmarkDecodeGrid(b *testing.B) {
	for b.Loop() {
		if _, err := decodeGrid(strings.NewReader(ostn15GZ)); err != nil {
			b.Fatal(err)
		}
	}
}
