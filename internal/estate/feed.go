package estate

import "context"

// RegisterFeed is the one change feed from a store to the copy of the
// register held in memory (internal/register), which the vector tiles
// and the analyses read. A copy is read whole once, then kept current
// from the changes, so an edit shows on the next tile or analysis
// without the register being read again.
//
// The feed carries only the fields the copy holds, FeedFields: a store
// fills those of every Asset it gives and leaves the rest zero. A field
// a new analysis or tile needs is added to FeedFields, to the store's
// feed and to the copy together; a test in each holds them to this list.
type RegisterFeed interface {
	// ReadRegister calls fn with every asset, in id order and sensitive
	// ones included, read from one snapshot of the register, and returns
	// the register's version at that snapshot: a number that grows with
	// every committed change to any asset. fn may keep nothing of the
	// Asset it is given past its return (the store reuses it); an error
	// from fn stops the read and is returned.
	ReadRegister(ctx context.Context, fn func(*Asset) error) (version int64, err error)
	// RegisterChanges returns what changed after version since, read
	// from one snapshot. When nothing has (nearly always), it costs one
	// lookup and returns Changes{Version: since}.
	RegisterChanges(ctx context.Context, since int64) (Changes, error)
}

// Changes is what changed in the register after a version: the current
// state (FeedFields only) of the assets created or changed, in id order,
// and the ids of the assets deleted, in id order, which bring a copy to
// Version. When Reload is set the lists are empty: more changed than is
// worth patching, or the register went back (another database under the
// copy), and the copy must be read again whole with ReadRegister.
type Changes struct {
	Version int64
	Reload  bool
	Changed []*Asset
	Deleted []int64
}

// ChangesOf is the change at version to the assets ids names (ascending,
// distinct): found are those still in the register, read in id order,
// and every id missing from found was deleted.
func ChangesOf(version int64, ids []int64, found []*Asset) Changes {
	ch := Changes{Version: version, Changed: found}
	next := 0
	for _, a := range found {
		for next < len(ids) && ids[next] < a.ID {
			ch.Deleted = append(ch.Deleted, ids[next])
			next++
		}
		next++
	}
	ch.Deleted = append(ch.Deleted, ids[min(next, len(ids)):]...)
	return ch
}

// MaxFeedChanges is how many changed assets a Changes may carry before a
// store asks for a Reload instead: reading one asset by id costs about
// what reading ten in a full scan does, so past this a reload of a large
// register is as cheap, and a small register reloads fast anyway.
const MaxFeedChanges = 20_000

// FeedFields names the fields of Asset that RegisterFeed carries: what
// the tiles and the analyses read, and no more. Addresses but the street
// and postcode (for the analyses' text filter), footprints, notes,
// occupiers and the audit fields stay in the store, which keeps a
// national register's copy small.
var FeedFields = []string{
	"ID", "Partner", "AssetCode", "UPRN", "Name", "StreetName", "Town", "Postcode", "Use",
	"Holding", "Location", "Tenure", "TenureDetail", "AnnualRentGBP", "GIAM2", "UtilisationPct",
	"MarketValueGBP", "RunningCostGBPPA", "RAG", "RAGRationale", "RAGSetAt", "Tags", "Sensitive",
	"DisposalStage", "DisposalStageAt", "DisposalTarget", "ReceiptGBP", "ReceiptDate", "SurplusValueGBP",
}
