-- The disposal programme on assets (issue 18): where each asset stands
-- (disposal_stage, none for most), when that last changed, the target
-- completion, why the last move was made (an officer's words, so not in
-- the GIS views, as notes are not), and what a sale raised and when, with
-- the estimate the register held when the asset was declared surplus.
-- Dates are 'YYYY-MM-DD' text, '' for none, as the other dates are.

ALTER TABLE assets
	ADD COLUMN disposal_stage    text NOT NULL DEFAULT 'none',
	ADD COLUMN disposal_stage_at timestamptz,
	ADD COLUMN disposal_target   text NOT NULL DEFAULT '',
	ADD COLUMN disposal_note     text NOT NULL DEFAULT '',
	ADD COLUMN receipt_gbp       bigint,
	ADD COLUMN receipt_date      text NOT NULL DEFAULT '',
	ADD COLUMN surplus_value_gbp bigint,
	ADD CONSTRAINT assets_disposal_dates CHECK (disposal_target ~ '^(\d{4}-\d{2}-\d{2})?$'
		AND receipt_date ~ '^(\d{4}-\d{2}-\d{2})?$');

-- The GIS views gain the programme at their end (CREATE OR REPLACE VIEW
-- may only add columns there), so grants on them stay.
CREATE OR REPLACE VIEW gis.assets AS
SELECT a.id, a.partner_id AS partner, p.name AS partner_name, a.asset_code, a.uprn, a.name,
	a.street_number, a.street_name, a.town, a.postcode, a.holding, a.use,
	a.tenure, a.tenure_detail, nullif(a.lease_expiry, '') AS lease_expiry,
	nullif(a.lease_break, '') AS lease_break, a.annual_rent_gbp,
	a.gia_m2, a.land_area_ha, a.utilisation_pct, a.condition, a.backlog_gbp, a.energy_rating,
	a.listed, a.market_value_gbp, a.book_value_gbp, a.running_cost_gbp_pa,
	a.rag, a.rag_rationale, a.rag_set_at, array_to_string(a.tags, ';') AS tags,
	nullif(a.effective_date, '') AS effective_date, a.version, a.created_at, a.updated_at,
	a.location AS geom,
	a.disposal_stage, a.disposal_stage_at, nullif(a.disposal_target, '') AS disposal_target,
	a.receipt_gbp, nullif(a.receipt_date, '') AS receipt_date, a.surplus_value_gbp
FROM assets a JOIN partners p ON p.id = a.partner_id
WHERE NOT a.sensitive;

CREATE OR REPLACE VIEW gis.assets_bng AS
SELECT a.id, a.partner_id AS partner, p.name AS partner_name, a.asset_code, a.uprn, a.name,
	a.street_number, a.street_name, a.town, a.postcode, a.holding, a.use,
	a.tenure, a.tenure_detail, nullif(a.lease_expiry, '') AS lease_expiry,
	nullif(a.lease_break, '') AS lease_break, a.annual_rent_gbp,
	a.gia_m2, a.land_area_ha, a.utilisation_pct, a.condition, a.backlog_gbp, a.energy_rating,
	a.listed, a.market_value_gbp, a.book_value_gbp, a.running_cost_gbp_pa,
	a.rag, a.rag_rationale, a.rag_set_at, array_to_string(a.tags, ';') AS tags,
	nullif(a.effective_date, '') AS effective_date, a.version, a.created_at, a.updated_at,
	a.bng AS geom,
	a.disposal_stage, a.disposal_stage_at, nullif(a.disposal_target, '') AS disposal_target,
	a.receipt_gbp, nullif(a.receipt_date, '') AS receipt_date, a.surplus_value_gbp
FROM assets a JOIN partners p ON p.id = a.partner_id
WHERE NOT a.sensitive AND a.bng IS NOT NULL;
