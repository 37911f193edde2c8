package estate

import "time"

// The rating rules, written once: every writer of assets (the services,
// imports) applies them through these.

// CheckRating requires a rationale with any rating but unrated, as a
// RAGUpdate does, so every decision can be explained later; EINVALID
// naming rag_rationale.
func (a *Asset) CheckRating() error {
	if a.RAG == RAGUnrated {
		return nil
	}
	if err := (RAGUpdate{Rating: a.RAG, Rationale: a.RAGRationale}).Validate(); err != nil {
		return &Error{Code: EINVALID, Message: "The asset is not valid.",
			Fields: []FieldError{{Field: "rag_rationale", Message: "is required when rag is set"}}}
	}
	return nil
}

// SameRating reports whether a and b carry the same rating, rationale
// and rater: a change to any of them is a new rating, which only the
// rag resource (or an import) makes, recording who rated and when.
func SameRating(a, b *Asset) bool {
	return a.RAG == b.RAG && a.RAGRationale == b.RAGRationale && a.RAGSetBy == b.RAGSetBy
}

// RateBy records actor as having rated a at now.
func (a *Asset) RateBy(actor Actor, now time.Time) {
	a.RAGSetBy, a.RAGSetAt = actor.AuditName(), &now
}

// StampNewRating records who rated a new asset that comes rated: actor,
// at now, unless it says when it was rated (an import of a file that
// carries the rating's date and rater).
func (a *Asset) StampNewRating(actor Actor, now time.Time) {
	if a.RAG != RAGUnrated && a.RAGSetAt == nil {
		a.RateBy(actor, now)
	}
}
