-- A scenario's id is never given twice: a link to a deleted scenario
-- must not open the next one saved. INTEGER PRIMARY KEY alone gives a new
-- row the largest id plus one, so deleting the newest scenario handed its
-- id on; AUTOINCREMENT keeps the largest ever given in sqlite_sequence
-- (explicit ids, as a copy writes, raise it too). The table is made
-- again, as SQLite cannot add AUTOINCREMENT to one.
CREATE TABLE scenarios_new (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	partner_id  TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	shared_with TEXT NOT NULL DEFAULT '[]', -- JSON array of partner ids
	rules       TEXT NOT NULL DEFAULT '[]', -- JSON array of estate.ScenarioRule
	params      TEXT NOT NULL DEFAULT '{}', -- JSON object of receipt parameters
	version     INTEGER NOT NULL,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL,
	UNIQUE (partner_id, name)
) STRICT;
INSERT INTO scenarios_new SELECT * FROM scenarios;
DROP TABLE scenarios;
ALTER TABLE scenarios_new RENAME TO scenarios;
