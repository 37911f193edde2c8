package estate

import "context"

// TagCount is a tag in use and how many assets carry it.
type TagCount struct {
	Tag    string `json:"tag"`
	Assets int    `json:"assets"`
}

// TagSource lists the tags in use, for filters and suggestions.
type TagSource interface {
	// FindTags returns the tags on assets the actor may see, most used
	// first, at most limit of them. It returns no codes of its own: any
	// error is internal.
	FindTags(ctx context.Context, limit int) ([]TagCount, error)
}
