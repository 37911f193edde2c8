package sqlite

import "github.com/placetrust/placetrust/internal/service"

// DB is the store service.New takes: every read and write of
// service.Store, and the optional capabilities below, held to at build
// time.
var (
	_ service.Store              = (*DB)(nil)
	_ service.TagStore           = (*DB)(nil)
	_ service.ExtentStore        = (*DB)(nil)
	_ service.DateStore          = (*DB)(nil)
	_ service.CountCacheStore    = (*DB)(nil)
	_ service.FeedStore          = (*DB)(nil)
	_ service.ImportMappingStore = (*DB)(nil)
)
