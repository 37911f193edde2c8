-- Asset ids are never given twice (issue 13). SQLite gives a new row the
-- largest id plus one, so deleting the newest asset handed its id, and
-- with it the deleted asset's history, links and ETags, to the next one.
-- The store now names every new asset's id itself: one above the largest
-- in assets, in the audit trail (which keeps the id of every asset ever
-- committed, deleted ones included) and this floor, which an import that
-- failed after its report showed ids raises past them. All three travel
-- with the database, so a backup restored keeps them too.
CREATE TABLE asset_id_floor (
	one  INTEGER PRIMARY KEY CHECK (one = 1),
	next INTEGER NOT NULL -- no asset is given an id below this
) STRICT;

INSERT INTO asset_id_floor (one, next) VALUES (1, 1);
