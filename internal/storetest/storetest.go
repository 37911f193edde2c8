// Package storetest is the behaviour every placetrust store must show,
// written once against the estate service interfaces so that each engine
// runs the same tests by adding one line to its own:
//
//	func TestConformance(t *testing.T) { storetest.Run(t, openRegister) }
//
// It is imported only by tests; nothing in a server or command uses it.
// It tests what a client of the services can observe (answers, error
// codes, versions, history, the change feed), never an engine's tables,
// so a new store passes it by behaving, not by being built alike.
package storetest

import (
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Register is one fresh, empty register as the services httpapi consumes.
// The five services are required; the capabilities below them are
// optional, and the subtests needing one that is nil are skipped.
type Register struct {
	Partners estate.PartnerService
	Assets   estate.AssetService
	Tokens   estate.TokenService
	Audit    estate.AuditService
	Imports  estate.ImportService

	Tags   estate.TagSource
	Extent estate.ExtentSource
	// Feed is the register's change feed (see feed.go).
	Feed estate.RegisterFeed
	// Scenarios keeps saved what-ifs (see scenarios.go).
	Scenarios estate.ScenarioService

	// Reopen opens the same register again as a new process would after
	// a crash, without closing this one first, writing with the same
	// clock. It is nil where the engine keeps nothing beyond the process.
	Reopen func(t testing.TB) *Register
}

// Factory opens a fresh, empty register that stamps every write with
// the time now returns, and closes it when t ends. now is safe to call
// from several goroutines.
type Factory func(t testing.TB, now func() time.Time) *Register

// subjects are the suite's parts, one file each.
var subjects = []struct {
	name string
	run  func(t *testing.T, open Factory)
}{
	{"Assets", testAssets},
	{"Partners", testPartners},
	{"Tokens", testTokens},
	{"IfMatch", testIfMatch},
	{"History", testHistory},
	{"IDs", testIDs},
	{"Visibility", testVisibility},
	{"Access", testAccess},
	{"Filters", testFilters},
	{"Paging", testPaging},
	{"Sort", testSort},
	{"Where", testWhere},
	{"Extent", testExtent},
	{"Tags", testTags},
	{"Imports", testImports},
	{"Feed", testFeed},
	{"Programme", testProgramme},
	{"Concurrency", testConcurrency},
	{"Reopen", testReopen},
	{"Scenarios", testScenarios},
}

// Run runs the whole suite against the registers open makes, each part
// as a subtest named after its subject.
func Run(t *testing.T, open Factory) {
	for _, s := range subjects {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			s.run(t, open)
		})
	}
}

// RunWhere runs the Where subject alone (Run runs it too), for a store to
// hold its compiled conditions to estate.MatchCond again under a variation
// of its own, such as a database whose collation is not code point order.
func RunWhere(t *testing.T, open Factory) { testWhere(t, open) }
