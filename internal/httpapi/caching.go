package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// registerCaching marks the answers of the register's routes. Their body
// depends on who asks (money, sensitive assets), so they vary by
// Authorization, and a signed-in caller's answer is for that caller's
// own cache only (private). All are revalidated on every use (no-cache),
// so an edit shows at once; ETags make revalidation cheap where they
// exist. Handlers may tighten this (alwaysPrivate, /config.json).
func registerCaching(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Add("Vary", echo.HeaderAuthorization)
		if actorOf(c).IsAnonymous() {
			h.Set("Cache-Control", "no-cache")
		} else {
			h.Set("Cache-Control", "private, no-cache")
		}
		return next(c)
	}
}

// alwaysPrivate keeps the analyses out of shared caches even for the
// public: with serve --public-money they carry money figures to anyone.
func alwaysPrivate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "private, no-cache")
		return next(c)
	}
}

// An asset's view differs by reader (estate.Asset.RedactFor): its
// partner's staff and admins see it whole, other signed-in partners
// without notes and the person who rated it, the public without money
// too. Writers always see the whole view, whose ETag is the bare version,
// so If-Match keeps taking "3"; versionFrom answers any other with 412.
const (
	partnersViewSuffix = ".o"
	publicViewSuffix   = ".p"
)

// assetETag is the ETag of partner's asset's representation for the
// actor: different wherever the body differs, so no cache answers the
// public with a partner's copy or a partner with another's. variant
// names another encoding of the same view, such as "json" for the OGC
// item as application/json; "" is the usual one.
func assetETag(version int64, partner string, actor estate.Actor, variant string) string {
	tag := strconv.FormatInt(version, 10)
	switch {
	case !actor.SeesMoney():
		tag += publicViewSuffix
	case !actor.SeesPeopleAndNotes(partner):
		tag += partnersViewSuffix
	}
	if variant != "" {
		tag += "." + variant
	}
	return `"` + tag + `"`
}

// tileETag names a tile's body: the server's epoch, the register version
// it was drawn from, and the set of sensitive assets the caller may see,
// the only thing about the caller a tile depends on (tiles carry no
// money). The epoch, new at each start, keeps a tile cached from another
// database at the same version count from passing as current.
func tileETag(epoch string, version int64, actor estate.Actor) string {
	return `"` + epoch + "." + strconv.FormatInt(version, 10) + "." + tileViewer(actor) + `"`
}

// tileViewer names the actor's estate.Actor.SensitiveScope. Partner ids
// are slugs, so they are safe in an ETag.
func tileViewer(a estate.Actor) string {
	switch own, all := a.SensitiveScope(); {
	case all:
		return "all"
	case own == "":
		return "none"
	default:
		return "own-" + own
	}
}

// notModified reports whether the request's If-None-Match names tag,
// which then answers 304. If-None-Match compares weakly (RFC 9110
// 13.1.2), so W/"3" matches "3", and a list matches if any member does.
func notModified(c echo.Context, tag string) bool {
	h := c.Request().Header.Get("If-None-Match")
	if h == "" {
		return false
	}
	if strings.TrimSpace(h) == "*" {
		return true
	}
	want := strings.TrimPrefix(tag, "W/")
	for _, t := range strings.Split(h, ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == want {
			return true
		}
	}
	return false
}

// writeNotModified answers 304 with the validator, as RFC 9110 15.4.5
// asks; Cache-Control and Vary are already set by registerCaching.
func writeNotModified(c echo.Context, tag string) error {
	c.Response().Header().Set("ETag", tag)
	return c.NoContent(http.StatusNotModified)
}
