package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", getenv, stderr)
	dbPath := fs.string("db", defaultDB, dbHelp)
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	db, err := openStore(ctx, *dbPath, false)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "%s is at schema version %d\n", storeName(*dbPath), schemaVersion(db))
	return nil
}

func runDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", getenv, stderr)
	dbPath := fs.string("db", defaultDB, dbHelp)
	scale := fs.Int("scale", 0, "instead of the demo estate, build a new database of this many synthetic assets spread over England, for benchmarks and load runs")
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	switch {
	case *scale < 0:
		return usageError("--scale must be a whole number of assets")
	case *scale > 0 && *dbPath == "":
		return usageError("--db is empty")
	case *scale > 0 && isPostgresURL(*dbPath):
		return sqliteOnly(*dbPath, "demo --scale", "build the file, then copy it (placetrust copy --from FILE --to URL)")
	case *scale > 0:
		return buildScaled(ctx, *dbPath, *scale, stdout)
	}
	db, err := openStore(ctx, *dbPath, false)
	if err != nil {
		return err
	}
	defer db.Close()
	return loadDemo(ctx, db, stdout)
}

// buildScaled builds a register of n demo.Scaled assets at path, the one
// the benchmarks use (benchdb), so a load run and BenchmarkServer1M read
// the same rows. An existing file is kept only if it holds exactly n.
func buildScaled(ctx context.Context, path string, n int, stdout io.Writer) error {
	start := time.Now()
	db, err := benchdb.Open(ctx, path, n)
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo: %s holds %d synthetic assets (seed %d, %s)\n", path, n, benchdb.Seed, time.Since(start).Round(time.Second))
	return nil
}

// loadDemo writes the demo estate into an empty register; a register that
// already has partners is left alone, so restarts never duplicate it.
func loadDemo(ctx context.Context, db service.Store, stdout io.Writer) error {
	ctx = estate.NewContextWithActor(ctx, estate.Actor{Name: "demo", Role: estate.RoleAdmin})
	svc := services(db, estate.GreatBritain) // where the demo lies
	existing, err := svc.Partners.FindPartners(ctx)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		fmt.Fprintf(stdout, "demo: the register already has %d partners; left as it is\n", len(existing))
		return nil
	}
	ps, as := demo.Estate(demo.DefaultSeed)
	for _, p := range ps {
		if err := svc.Partners.CreatePartner(ctx, p); err != nil {
			return fmt.Errorf("demo: partner %s: %w", p.ID, err)
		}
	}
	if err := svc.Assets.CreateAssets(ctx, as, estate.ActionCreate); err != nil {
		return fmt.Errorf("demo: assets: %w", err)
	}
	fmt.Fprintf(stdout, "demo: loaded %d partners and %d assets (synthetic data)\n", len(ps), len(as))
	return nil
}

// printDemoTokens makes fresh tokens to try the demo with: one admin and
// one editor per partner. Secrets exist only now, so each start makes new
// ones.
func printDemoTokens(ctx context.Context, db service.Store, stdout io.Writer) error {
	ctx = cliContext(ctx)
	svc := services(db, estate.GreatBritain)
	tokens := svc.Tokens
	ps, err := svc.Partners.FindPartners(ctx)
	if err != nil {
		return err
	}
	stamp := time.Now().UTC().Format("20060102T150405.000")
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "demo tokens (shown once):\nROLE\tPARTNER\tTOKEN")
	make := func(role estate.Role, partner string) error {
		name := fmt.Sprintf("demo-%s-%s-%s", role, partner, stamp)
		secret, err := tokens.CreateToken(ctx, &estate.Token{Name: name, Role: role, Partner: partner})
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", role, partner, secret)
		return nil
	}
	if err := make(estate.RoleAdmin, ""); err != nil {
		return err
	}
	for _, p := range ps {
		if err := make(estate.RoleEditor, p.ID); err != nil {
			return err
		}
	}
	return tw.Flush()
}

const tokenUsage = `Usage: placetrust token create --name N --role viewer|editor|admin [--partner P]
       placetrust token list
       placetrust token revoke ID
`

// runToken creates, lists or revokes API tokens. Everything the command
// line says is checked before the database is opened, so a mistake
// changes nothing, not even by creating an empty database file.
func runToken(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	action, err := subcommandAction("token", args, tokenUsage, stderr, "create", "list", "revoke")
	if err != nil {
		return err
	}
	fs := newFlagSet("token "+action, getenv, stderr)
	dbPath := fs.string("db", defaultDB, dbHelp)
	var name, role, partner *string
	if action == "create" {
		name = fs.String("name", "", "a name for the token, shown in the audit trail")
		role = fs.String("role", "viewer", "viewer, editor or admin")
		partner = fs.String("partner", "", "the partner a viewer or editor acts for")
	}
	if err := fs.parse(args[1:]); err != nil {
		return err
	}
	var tok *estate.Token
	var id int64
	switch {
	case action == "revoke" && fs.NArg() != 1:
		return usageError("token revoke: give the token's id (see token list)")
	case action == "revoke":
		var err error
		if id, err = strconv.ParseInt(fs.Arg(0), 10, 64); err != nil {
			return usageError("token revoke: the id must be a number")
		}
	case fs.NArg() > 0:
		return usageError(fmt.Sprintf("token %s: unexpected argument %q", action, fs.Arg(0)))
	case action == "create":
		tok = &estate.Token{Name: *name, Role: estate.Role(*role), Partner: *partner}
		if err := tok.Validate(); err != nil {
			return usageError("token create: " + estate.ProblemText(err))
		}
	}
	// The first admin token is made on a new database.
	db, err := openStore(ctx, *dbPath, action != "create")
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = cliContext(ctx)
	tokens := services(db, estate.GreatBritain).Tokens
	switch action {
	case "create":
		secret, err := tokens.CreateToken(ctx, tok)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, secret)
		return nil
	case "list":
		ts, err := tokens.FindTokens(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tPARTNER\tCREATED\tREVOKED")
		for _, t := range ts {
			revoked := "-"
			if t.RevokedAt != nil {
				revoked = t.RevokedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, t.Partner, t.CreatedAt.Format(time.RFC3339), revoked)
		}
		return tw.Flush()
	}
	if err := tokens.RevokeToken(ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "token %d revoked\n", id)
	return nil
}

func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("backup", getenv, stderr)
	dbPath := fs.string("db", defaultDB, "SQLite database file (PostgreSQL is backed up with pg_dump)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("backup: give the file to write, such as placetrust-backup.db")
	}
	if err := sqliteOnly(*dbPath, "backup", "use pg_dump (README: Running on PostgreSQL)"); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbPath, true)
	if err != nil {
		return err
	}
	defer st.Close()
	db, ok := st.(*sqlite.DB)
	if !ok {
		return errors.New("backup: this store cannot be backed up by placetrust")
	}
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", fs.Arg(0))
	return nil
}

// subcommandAction reads the action a command with actions (token create,
// mapping show...) was given as its first word: one of actions, or help
// (its usage on stderr and flag.ErrHelp), or a usage error naming them.
func subcommandAction(command string, args []string, usage string, stderr io.Writer, actions ...string) (string, error) {
	action := ""
	if len(args) > 0 {
		action = args[0]
	}
	say := strings.Join(actions[:len(actions)-1], ", ") + " or " + actions[len(actions)-1]
	switch {
	case slices.Contains(actions, action):
		return action, nil
	case action == "help" || action == "-h" || action == "-help" || action == "--help":
		fmt.Fprint(stderr, usage)
		return "", flag.ErrHelp
	case action == "":
		return "", usageError(command + ": say " + say)
	}
	return "", usageError(fmt.Sprintf("%s: unknown action %q: say %s", command, action, say))
}
