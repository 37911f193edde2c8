-- Audit trail of partners and tokens (issue 3: every write is audited).
-- Asset events keep audit_events, whose asset_id and version these
-- records do not have; the same append-only triggers guard both.

CREATE TABLE admin_events (
	id            INTEGER PRIMARY KEY,
	entity        TEXT NOT NULL, -- partner or token
	entity_id     TEXT NOT NULL, -- the partner id, or the token id
	action        TEXT NOT NULL, -- create, update, delete, revoke
	actor         TEXT NOT NULL,
	actor_partner TEXT NOT NULL DEFAULT '',
	at            TEXT NOT NULL,
	changes       TEXT NOT NULL  -- JSON [{field, before, after}]; never a token's hash
) STRICT;
CREATE INDEX admin_events_entity ON admin_events(entity, entity_id, id);

CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events
BEGIN
	SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events
BEGIN
	SELECT RAISE(ABORT, 'audit events are append-only');
END;

-- Tokens outlive their partner: deleting a partner revokes its tokens
-- (audited) instead of the foreign key's ON DELETE CASCADE erasing them,
-- so "who was this token" stays answerable. partner_id keeps the id the
-- token acted for; the store checks it exists when the token is made.
CREATE TABLE tokens_new (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	role       TEXT NOT NULL,
	partner_id TEXT,
	hash       BLOB NOT NULL UNIQUE, -- SHA-256 of the secret
	created_at TEXT NOT NULL,
	revoked_at TEXT
) STRICT;
INSERT INTO tokens_new (id, name, role, partner_id, hash, created_at, revoked_at)
	SELECT id, name, role, partner_id, hash, created_at, revoked_at FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE INDEX tokens_partner ON tokens(partner_id) WHERE partner_id IS NOT NULL;
