-- The register: partners, assets with their spatial index, tags, occupiers.

CREATE TABLE partners (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	uri        TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE assets (
	id                  INTEGER PRIMARY KEY,
	partner_id          TEXT NOT NULL REFERENCES partners(id),
	asset_code          TEXT NOT NULL,
	uprn                TEXT NOT NULL DEFAULT '',
	name                TEXT NOT NULL,
	street_number       TEXT NOT NULL DEFAULT '',
	street_name         TEXT NOT NULL DEFAULT '',
	town                TEXT NOT NULL DEFAULT '',
	postcode            TEXT NOT NULL DEFAULT '',
	holding             TEXT NOT NULL DEFAULT '',
	use                 TEXT NOT NULL DEFAULT '',
	lon                 REAL NOT NULL,
	lat                 REAL NOT NULL,
	footprint           BLOB, -- WKB MultiPolygon, WGS84
	-- Exact bounds of location and footprint: the R*Tree holds float32
	-- bounds rounded outward, so queries re-check these.
	min_lon             REAL NOT NULL,
	min_lat             REAL NOT NULL,
	max_lon             REAL NOT NULL,
	max_lat             REAL NOT NULL,
	tenure              TEXT NOT NULL DEFAULT '',
	tenure_detail       TEXT NOT NULL DEFAULT '',
	lease_expiry        TEXT NOT NULL DEFAULT '',
	lease_break         TEXT NOT NULL DEFAULT '',
	annual_rent_gbp     INTEGER,
	gia_m2              REAL,
	land_area_ha        REAL,
	utilisation_pct     REAL,
	condition           TEXT NOT NULL DEFAULT '',
	backlog_gbp         INTEGER,
	energy_rating       TEXT NOT NULL DEFAULT '',
	listed              TEXT NOT NULL DEFAULT '',
	market_value_gbp    INTEGER,
	book_value_gbp      INTEGER,
	running_cost_gbp_pa INTEGER,
	occupiers           TEXT NOT NULL DEFAULT '[]', -- JSON [{partner, area_m2}]
	rag                 TEXT NOT NULL DEFAULT 'unrated',
	rag_rationale       TEXT NOT NULL DEFAULT '',
	rag_set_by          TEXT NOT NULL DEFAULT '',
	rag_set_at          TEXT NOT NULL DEFAULT '',
	tags                TEXT NOT NULL DEFAULT '[]', -- JSON, mirrored in asset_tags for filtering
	notes               TEXT NOT NULL DEFAULT '',
	sensitive           INTEGER NOT NULL DEFAULT 0,
	effective_date      TEXT NOT NULL DEFAULT '',
	version             INTEGER NOT NULL,
	created_at          TEXT NOT NULL,
	updated_at          TEXT NOT NULL,
	UNIQUE (partner_id, asset_code)
) STRICT;

CREATE INDEX assets_uprn ON assets(uprn) WHERE uprn <> '';
CREATE INDEX assets_rag ON assets(rag, id);
CREATE INDEX assets_updated_at ON assets(updated_at);

CREATE VIRTUAL TABLE assets_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

CREATE TABLE asset_tags (
	tag      TEXT NOT NULL,
	asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
	PRIMARY KEY (tag, asset_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX asset_tags_asset ON asset_tags(asset_id);

-- Keeps occupier partners referentially sound: a partner that occupies
-- an asset cannot be deleted.
CREATE TABLE asset_occupiers (
	asset_id   INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
	partner_id TEXT NOT NULL REFERENCES partners(id),
	PRIMARY KEY (asset_id, partner_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX asset_occupiers_partner ON asset_occupiers(partner_id);

-- Append-only audit trail. No foreign key to assets: history outlives
-- the asset it describes.
CREATE TABLE audit_events (
	id            INTEGER PRIMARY KEY,
	asset_id      INTEGER NOT NULL,
	partner_id    TEXT NOT NULL,
	action        TEXT NOT NULL,
	actor         TEXT NOT NULL,
	actor_partner TEXT NOT NULL DEFAULT '',
	at            TEXT NOT NULL,
	version       INTEGER NOT NULL,
	changes       TEXT NOT NULL -- JSON [{field, before, after}]
) STRICT;
CREATE INDEX audit_events_asset ON audit_events(asset_id, id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
	SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
	SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TABLE tokens (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	role       TEXT NOT NULL,
	partner_id TEXT REFERENCES partners(id) ON DELETE CASCADE,
	hash       BLOB NOT NULL UNIQUE, -- SHA-256 of the secret
	created_at TEXT NOT NULL,
	revoked_at TEXT
) STRICT;
