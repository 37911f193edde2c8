package cql2

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Literal checks both encodings share, each returning an error whose
// text the parsers place at the literal's position.

func parseNumber(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("number %s out of range", s)
	}
	return f, nil
}

// parseDate reads a full date, YYYY-MM-DD.
func parseDate(s string) (Date, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return Date{d}, nil
}

// parseTimestamp reads an RFC 3339 instant; the standard writes UTC with
// Z, and an offset is taken and turned to UTC.
func parseTimestamp(s string) (Timestamp, error) {
	ts, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return Timestamp{}, fmt.Errorf("timestamp %q is not RFC 3339, such as 2024-01-31T09:30:00Z", s)
	}
	return Timestamp{ts.UTC()}, nil
}

// intervalEnd reads one end of an interval given as a string: '..' is
// open, ten characters a date, anything else a timestamp.
func intervalEnd(s string) (Operand, error) {
	switch len(s) {
	case 2:
		if s == ".." {
			return nil, nil
		}
	case len(time.DateOnly):
		return parseDate(s)
	}
	return parseTimestamp(s)
}

// instantOf is when an interval's literal end starts, for ordering.
func instantOf(v Operand) (time.Time, bool) {
	switch v := v.(type) {
	case Date:
		return v.Value, true
	case Timestamp:
		return v.Value, true
	}
	return time.Time{}, false
}

func checkInterval(iv Interval) error {
	s, ok1 := instantOf(iv.Start)
	e, ok2 := instantOf(iv.End)
	if ok1 && ok2 && s.After(e) {
		return errors.New("interval ends before it starts")
	}
	return nil
}

func checkBBox(b BBox) error {
	if b.MinX > b.MaxX || b.MinY > b.MaxY {
		return errors.New("box's minimum above its maximum (a box across the antimeridian is not supported)")
	}
	return nil
}

// checkRing holds a polygon ring to the simple-features rules a store's
// geometry functions need: closed, and four points or more.
func checkRing(r []Point) error {
	if len(r) < 4 {
		return errors.New("polygon ring of fewer than 4 points")
	}
	if r[0] != r[len(r)-1] {
		return errors.New("polygon ring not closed: its last point must repeat its first")
	}
	return nil
}
