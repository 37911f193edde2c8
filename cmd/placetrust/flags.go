package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// flagSet is a subcommand's flags whose defaults come from PLACETRUST_*
// environment variables, so containers and systemd units need no flags.
type flagSet struct {
	*flag.FlagSet
	getenv func(string) string
	errs   []string
}

func newFlagSet(name string, getenv func(string) string, stderr io.Writer) *flagSet {
	fs := flag.NewFlagSet("placetrust "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return &flagSet{FlagSet: fs, getenv: getenv}
}

func envName(flagName string) string {
	return "PLACETRUST_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (f *flagSet) string(name, def, help string) *string {
	if v := f.getenv(envName(name)); v != "" {
		def = v
	}
	return f.String(name, def, help+" (env "+envName(name)+")")
}

func (f *flagSet) bool(name string, def bool, help string) *bool {
	if v := f.getenv(envName(name)); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Sprintf("%s=%q is not true or false", envName(name), v))
		}
		def = b
	}
	return f.Bool(name, def, help+" (env "+envName(name)+")")
}

func (f *flagSet) float(name string, def float64, help string) *float64 {
	if v := f.getenv(envName(name)); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			f.errs = append(f.errs, fmt.Sprintf("%s=%q is not a number", envName(name), v))
		}
		def = x
	}
	return f.Float64(name, def, help+" (env "+envName(name)+")")
}

func (f *flagSet) int(name string, def int, help string) *int {
	if v := f.getenv(envName(name)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Sprintf("%s=%q is not a whole number", envName(name), v))
		}
		def = n
	}
	return f.Int(name, def, help+" (env "+envName(name)+")")
}

// parse parses args and reports bad environment values with bad flags,
// both as usage errors (exit status 2).
func (f *flagSet) parse(args []string) error {
	if err := f.Parse(args); errors.Is(err, flag.ErrHelp) {
		return err
	} else if err != nil {
		return usageError(err.Error())
	}
	if len(f.errs) > 0 {
		return usageError(strings.Join(f.errs, "; "))
	}
	return nil
}

// parseNoArgs is parse for a command that takes flags only: a stray word
// (a partner id without --partner, say) is refused, not ignored.
func (f *flagSet) parseNoArgs(args []string) error {
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() > 0 {
		return usageError(fmt.Sprintf("%s: unexpected argument %q", strings.TrimPrefix(f.Name(), "placetrust "), f.Arg(0)))
	}
	return nil
}

const defaultDB = "placetrust.db"

// cliActor is who the command line acts as: the operator, with full rights,
// named in the audit trail.
var cliActor = estate.Actor{Name: "cli", Role: estate.RoleAdmin}

func cliContext(ctx context.Context) context.Context {
	return estate.NewContextWithActor(ctx, cliActor)
}

// services builds the register's services over st, serving area: the
// one wiring of a store and its services, which every command uses.
func services(st service.Store, area estate.ServiceArea) *service.Services {
	return service.New(st, service.Options{ServiceArea: area})
}

// serviceAreaHelp describes --service-area, which serve and import share.
const serviceAreaHelp = `where new, moved and imported assets may be: gb (Great Britain, Northern Ireland, the Isle of Man and the Channel Islands), world (anywhere), or WGS84 boxes minlon,minlat,maxlon,maxlat separated by ";" ("gb" may be one of them)`

// serviceArea adds --service-area and returns a function reading it once
// the flags are parsed: a bad setting is a usage error, found before
// anything is opened.
func (f *flagSet) serviceArea() func() (estate.ServiceArea, error) {
	s := f.string("service-area", "gb", serviceAreaHelp)
	return func() (estate.ServiceArea, error) {
		area, err := estate.ParseServiceArea(*s)
		if err != nil {
			return area, usageError(fmt.Sprintf("--service-area %q: %v", *s, err))
		}
		return area, nil
	}
}

// checkFormat refuses a --format the reports do not write.
func checkFormat(format string) error {
	if format != "table" && format != "json" && format != "csv" {
		return usageError(fmt.Sprintf("--format %q: use table, json or csv", format))
	}
	return nil
}

// checkBeforeOpen turns the first of a report's parameter checks that
// fails into a usage error. Reports call it before the database is
// opened, so a mistake creates no file.
func checkBeforeOpen(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return usageError(estate.ProblemText(err))
		}
	}
	return nil
}

// writeJSON writes v indented, for a person reading a terminal as much as
// for a program.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
