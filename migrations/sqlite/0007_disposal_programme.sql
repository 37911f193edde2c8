-- The disposal programme on assets (issue 18): where each asset stands
-- (disposal_stage, none for most), when that last changed, the target
-- completion, why the last move was made, and what a sale raised and
-- when, with the estimate the register held when the asset was declared
-- surplus. Packed rows gain the same seven values at their end (the
-- layout asset_scan.go reads), rebuilt here for the rows already stored.

ALTER TABLE assets ADD COLUMN disposal_stage TEXT NOT NULL DEFAULT 'none';
ALTER TABLE assets ADD COLUMN disposal_stage_at TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN disposal_target TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN disposal_note TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN receipt_gbp INTEGER;
ALTER TABLE assets ADD COLUMN receipt_date TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN surplus_value_gbp INTEGER;

UPDATE assets SET packed = json_array(version, sensitive, annual_rent_gbp, backlog_gbp,
	market_value_gbp, book_value_gbp, running_cost_gbp_pa,
	partner_id, asset_code, uprn, name, street_number, street_name, town, postcode, holding, use,
	tenure, tenure_detail, lease_expiry, lease_break, condition, energy_rating, listed,
	json(occupiers), rag, rag_rationale, rag_set_by, rag_set_at, json(tags), notes,
	effective_date, created_at, updated_at,
	disposal_stage, disposal_stage_at, disposal_target, disposal_note, receipt_gbp, receipt_date,
	surplus_value_gbp);
