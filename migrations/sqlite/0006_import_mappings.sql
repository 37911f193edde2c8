-- A partner's saved import mapping (issue 14: every partner's list loads
-- as published, in one command). A mapping worked out once for a
-- partner's file is kept here and used by its next imports that give
-- none of their own, so a quarterly republication loads with no flags.
-- One row per partner: saving again replaces it (the audit trail keeps
-- every version, as admin_events entity partner, field import_mapping).
-- The mapping goes with its partner.
CREATE TABLE import_mappings (
	partner_id TEXT PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
	items      TEXT NOT NULL, -- JSON array of "Target=Source[+Source...]", as lga.ParseMapping reads them
	delimiter  TEXT NOT NULL DEFAULT '', -- one character; '' for a comma
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
) STRICT;
