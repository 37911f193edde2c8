package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/board"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
)

// writeBoard writes the board report, the page the server serves at
// /report, to the file out (standard output when ""): rendered whole
// first, so a failure leaves no half page behind.
func writeBoard(ctx context.Context, svc *insight.Service, partners estate.PartnerService, cp analysis.ColocationParams, asAt string, f estate.Selection, top int, out string, stdout io.Writer) error {
	figures, err := svc.Board(ctx, cp, asAt, f, top)
	if err != nil {
		return err
	}
	names, err := board.PartnerNames(ctx, partners)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := board.Render(&buf, figures, board.Meta{Filter: f, Generated: time.Now().UTC(), PartnerNames: names}); err != nil {
		return err
	}
	if out == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
