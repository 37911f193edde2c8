// Package service implements the register's services (the interfaces
// internal/estate declares and internal/httpapi consumes) over a store,
// and holds every rule a second store would otherwise have to copy: who
// may read and change what (access and the visibility of sensitive
// assets), validation and normalization, the rating rules, token secrets
// (made here, and hashed here: a store keeps and looks up SHA-256 hashes
// only), and the content of every audit event (the before and after of
// each field, the actor recorded, the time).
//
// A store persists and queries; it decides nothing. Store, in store.go,
// is everything a store must do, each method with what it must guarantee:
// a change, its version bump and its audit event commit together or not
// at all; a write conditional on a version answers a *StaleError when
// the record moved on; ids are never given twice; reads take a Scope,
// the visibility the service worked out, never an actor. Optional
// capabilities (tags, extents, dates, cached counts, the register feeds,
// saved import mappings) are interfaces in the same file: New finds them
// once, and leaves nil the services a store cannot give, so the server
// can leave their routes off and say so.
//
// To add a store: implement Store (and whichever capabilities the engine
// can answer well) in a package named after the engine, run the
// conformance suite (internal/storetest) against it, and hand it to New
// in cmd/placetrust. Nothing else changes.
package service
