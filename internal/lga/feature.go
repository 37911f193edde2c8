package lga

import "time"

// readOnlyProps are set by the server: written on export, ignored on
// import, where the store sets them afresh.
var readOnlyProps = map[string]bool{"version": true, "created_at": true, "updated_at": true}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
