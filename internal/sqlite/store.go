package sqlite

import (
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// Store is the database as service.New takes it: every read and write of
// service.Store and its optional capabilities, on DB, and the feeds of
// the register's copies, on AssetService.
type Store struct {
	*DB
	*AssetService
}

// NewStore returns db's store; area bounds what its imports accept.
func NewStore(db *DB, area estate.ServiceArea) *Store {
	return &Store{DB: db, AssetService: NewAssetService(db).WithServiceArea(area)}
}

// Every capability the services can use, held to at build time.
var (
	_ service.Store              = (*Store)(nil)
	_ service.TagStore           = (*Store)(nil)
	_ service.ExtentStore        = (*Store)(nil)
	_ service.DateStore          = (*Store)(nil)
	_ service.CountCacheStore    = (*Store)(nil)
	_ service.FeedStore          = (*Store)(nil)
	_ service.ImportMappingStore = (*Store)(nil)
)
