package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/metrics"
)

// TestImportOutcome checks how each end of an import is counted: the
// client's mistakes are refusals, everything else a failure.
func TestImportOutcome(t *testing.T) {
	for _, c := range []struct {
		name string
		rep  *estate.ImportReport
		err  error
		want string
	}{
		{"committed", &estate.ImportReport{Committed: true}, nil, metrics.ImportCommitted},
		{"dry run", &estate.ImportReport{DryRun: true}, nil, metrics.ImportDryRun},
		{"wrong rows", &estate.ImportReport{Errors: 1}, estate.Errorf(estate.EINVALID, "2 rows are wrong"), metrics.ImportRefused},
		{"unreadable file", nil, invalid("body", "could not be read"), metrics.ImportRefused},
		{"too large", nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge), metrics.ImportRefused},
		{"store failed", &estate.ImportReport{}, errors.New("sqlite: disk I/O error"), metrics.ImportFailed},
		{"client left", nil, fmt.Errorf("sqlite: import: %w", context.Canceled), metrics.ImportFailed},
	} {
		if got := importOutcome(c.rep, c.err); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
