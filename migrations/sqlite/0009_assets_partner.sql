-- A partner's assets in id order (issue 17). Without it `partner=police`
-- read the partner's rows through UNIQUE (partner_id, asset_code) and
-- sorted all of them for each page: 40-600 ms a page of 1,000 at a
-- million assets. SQLite appends the rowid (the id) to every index, so
-- this is (partner_id, id): a partner's pages, and pages sorted by
-- partner, walk it in order. 0007 and 0008 are taken by other branches.
CREATE INDEX assets_partner ON assets(partner_id);
