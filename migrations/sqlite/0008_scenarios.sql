-- Saved what-if scenarios (issue 18): rules that override ratings,
-- probabilities, lead times or target dates in the analyses' figures,
-- never in the register. Owned by a partner (and gone with it), shared
-- with others by id. Rules, shares and parameters are JSON, read whole:
-- nothing queries inside them but the shares (json_each).
CREATE TABLE scenarios (
	id          INTEGER PRIMARY KEY,
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
