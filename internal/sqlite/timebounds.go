package sqlite

import "time"

// Times are stored as RFC 3339 text with the fraction's trailing zeros
// trimmed ("…:05Z", "…:05.5Z"), so text order is not time order within
// one second: '.' sorts before 'Z'. Bounds on updated_at are therefore
// whole seconds, written so that text comparison is exact: a lower bound
// is the second without its zone, a prefix that sorts before every time
// in that second; an upper bound is the second with "Z", which sorts after
// every fraction of it. Both bounds include their whole second.

const secondLayout = "2006-01-02T15:04:05"

// lowerTimeBound is the text t's second starts at, for updated_at >= ?.
func lowerTimeBound(t time.Time) string { return t.UTC().Format(secondLayout) }

// upperTimeBound is the text t's second ends at, for updated_at <= ?.
func upperTimeBound(t time.Time) string { return t.UTC().Format(secondLayout) + "Z" }
