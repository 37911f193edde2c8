package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// runCopy moves a register from one store to another (SQLite to
// PostgreSQL and back): everything, every id kept, verified before the
// target commits, so a failed copy leaves the target as it was.
func runCopy(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("copy", getenv, stderr)
	from := fs.String("from", "", "the register to copy: a SQLite file or a postgres:// URL")
	to := fs.String("to", "", "where to copy it: a new or empty SQLite file, or an empty PostgreSQL database's postgres:// URL")
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	switch {
	case *from == "" || *to == "":
		return usageError("copy: give --from and --to")
	case sameDatabase(*from, *to):
		return fmt.Errorf("copy: --from and --to are the same database (%s)", storeName(*from))
	}
	src, err := openStore(ctx, *from, true)
	if err != nil {
		return fmt.Errorf("copy: --from %s: %w", storeName(*from), err)
	}
	defer src.Close()
	dumper, ok := src.(service.RegisterDumper)
	if !ok {
		return fmt.Errorf("copy: --from %s: this store cannot be copied from", storeName(*from))
	}
	_, statErr := os.Stat(*to)
	made := !isPostgresURL(*to) && errors.Is(statErr, os.ErrNotExist)
	start := time.Now()
	rep, err := copyInto(ctx, dumper, *to)
	if err != nil {
		if made {
			removeSQLite(*to) // the file this copy made
		}
		return fmt.Errorf("copy to %s: %s", storeName(*to), copyProblem(err))
	}
	fmt.Fprintf(stdout, "copied %s to %s in %s, verified record for record:\n", storeName(*from), storeName(*to), time.Since(start).Round(time.Millisecond))
	for _, k := range rep.Kinds {
		fmt.Fprintf(stdout, "  %-16s %10d  sha256 %.16s\n", k.Kind, k.Count, k.SHA256)
	}
	fmt.Fprintf(stdout, "  %-16s %10d\n", "next asset id", rep.NextAssetID)
	return nil
}

// copyInto opens the target and copies into it.
func copyInto(ctx context.Context, from service.RegisterDumper, to string) (*service.CopyReport, error) {
	dst, err := openStore(ctx, to, false)
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	loader, ok := dst.(service.RegisterLoader)
	if !ok {
		return nil, errors.New("this store cannot be copied into")
	}
	return service.CopyRegister(ctx, from, loader)
}

// copyProblem is an error as the operator should read it: the message
// of a refusal, the whole error otherwise.
func copyProblem(err error) string {
	if code := estate.ErrorCode(err); code != estate.EINTERNAL {
		return estate.ErrorMessage(err)
	}
	return err.Error()
}

// removeSQLite removes a SQLite database and its WAL files.
func removeSQLite(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}
