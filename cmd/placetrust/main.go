// Command placetrust runs the property trust register: the HTTP service
// and its administration commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "placetrust:", err)
		}
		os.Exit(exitCode(err))
	}
}

const usage = `placetrust: one register of every public body's land and buildings.

Usage: placetrust <command> [flags]

Commands:
  serve     run the HTTP API and map (--demo loads the demo estate)
  migrate   create or upgrade the database schema
  demo      write the synthetic demo estate into the database
  token     create, list or revoke API tokens
  import    load a partner's published asset list (Transparency Code CSV or GeoJSON)
  mapping   show, set or clear a partner's saved import mapping
  export    write the register as GeoJSON, CSV or GeoPackage
  report    print the property trust view and top co-location hubs
  quality   print how complete each partner's list is, and places held twice
  backup    write a consistent copy of the live database
  copy      move a register to another store (--from, --to: a SQLite file or postgres:// URL)
  version   print the version

Run "placetrust <command> -h" for a command's flags.
--db and the serve flags can also be set with PLACETRUST_* environment variables.
`

// run is the whole program, with its environment passed in so tests can
// drive it like a user.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, rest, getenv, stdout, stderr)
	case "demo":
		return runDemo(ctx, rest, getenv, stdout, stderr)
	case "token":
		return runToken(ctx, rest, getenv, stdout, stderr)
	case "backup":
		return runBackup(ctx, rest, getenv, stdout, stderr)
	case "copy":
		return runCopy(ctx, rest, getenv, stdout, stderr)
	case "import":
		return runImport(ctx, rest, getenv, stdout, stderr)
	case "mapping":
		return runMapping(ctx, rest, getenv, stdout, stderr)
	case "export":
		return runExport(ctx, rest, getenv, stdout, stderr)
	case "report":
		return runReport(ctx, rest, getenv, stdout, stderr)
	case "quality":
		return runQuality(ctx, rest, getenv, stdout, stderr)
	case "version":
		if len(rest) > 0 {
			return usageError(fmt.Sprintf("version: unexpected argument %q", rest[0]))
		}
		fmt.Fprintln(stdout, "placetrust", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError(fmt.Sprintf("unknown command %q", cmd))
}

type usageError string

func (e usageError) Error() string { return string(e) }

// exitCode is 2 for usage mistakes, 1 for everything else.
func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}
