-- Every asset row also carries its integer and text columns packed into
-- one JSON array (issue 4: a page of 1,000 features within 10 ms). A
-- page read then takes one column a row where SQLite would otherwise
-- read some forty and build the array on every read. The store writes
-- packed with the other columns on every insert and update (assetRow);
-- this fills it for the rows already stored. The layout is the one
-- asset_scan.go reads: version, sensitive, the five money columns, the
-- texts in table order, occupiers and tags as nested arrays.

ALTER TABLE assets ADD COLUMN packed TEXT NOT NULL DEFAULT '';

UPDATE assets SET packed = json_array(version, sensitive, annual_rent_gbp, backlog_gbp,
	market_value_gbp, book_value_gbp, running_cost_gbp_pa,
	partner_id, asset_code, uprn, name, street_number, street_name, town, postcode, holding, use,
	tenure, tenure_detail, lease_expiry, lease_break, condition, energy_rating, listed,
	json(occupiers), rag, rag_rationale, rag_set_by, rag_set_at, json(tags), notes,
	effective_date, created_at, updated_at);
