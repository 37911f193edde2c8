-- Pages sorted by partner (issue 17's sortby=partner) in code point
-- order, as Go and SQLite order partner ids, whatever the database's
-- collation: glibc's English ones, for one, skip hyphens, which partner
-- ids have. assets_partner (partner_id, id) keeps serving a partner's
-- pages in id order: an index serves only comparisons in its own
-- collation. 0004 and 0005 are taken by other branches.
CREATE INDEX assets_partner_sort ON assets (partner_id COLLATE "C", id);
