-- pg_featureserv's side of the issue 16 comparison: the register's public
-- rows (what a --public-read server shows) as a plain table beside ours,
-- in the same database: a point in EPSG:4326 with its own GiST index, an
-- integer primary key (so pg_featureserv writes feature ids), and the
-- asset's GeoJSON properties in the API's order, the footprint as GeoJSON.
-- This is pg_featureserv's best case (a narrow table shaped for it, freshly
-- analysed); a view over assets would make it read through placetrust's
-- wider rows. Rebuild it after a reload of the register:
--   psql "$DB" -v ON_ERROR_STOP=1 -f cmd/placetrust-load/pgfs/assets.sql
DROP SCHEMA IF EXISTS pgfs CASCADE;
CREATE SCHEMA pgfs;

CREATE TABLE pgfs.assets AS
SELECT a.id,
	a.location::geometry(Point, 4326) AS geom,
	a.partner_id AS partner,
	a.asset_code,
	NULLIF(a.uprn, '') AS uprn,
	a.name,
	NULLIF(a.street_number, '') AS street_number,
	NULLIF(a.street_name, '') AS street_name,
	NULLIF(a.town, '') AS town,
	NULLIF(a.postcode, '') AS postcode,
	NULLIF(a.holding, '') AS holding,
	NULLIF(a.use, '') AS use,
	ST_AsGeoJSON(a.footprint)::json AS footprint,
	NULLIF(a.tenure, '') AS tenure,
	NULLIF(a.tenure_detail, '') AS tenure_detail,
	NULLIF(a.lease_expiry, '') AS lease_expiry,
	NULLIF(a.lease_break, '') AS lease_break,
	a.annual_rent_gbp,
	a.gia_m2,
	a.land_area_ha,
	a.utilisation_pct,
	NULLIF(a.condition, '') AS condition,
	a.backlog_gbp,
	NULLIF(a.energy_rating, '') AS energy_rating,
	NULLIF(a.listed, '') AS listed,
	a.market_value_gbp,
	a.book_value_gbp,
	a.running_cost_gbp_pa,
	NULLIF(a.occupiers, '[]'::jsonb) AS occupiers,
	a.rag,
	NULLIF(a.rag_rationale, '') AS rag_rationale,
	NULLIF(a.rag_set_by, '') AS rag_set_by,
	a.rag_set_at,
	a.tags,
	NULLIF(a.notes, '') AS notes,
	a.sensitive,
	NULLIF(a.effective_date, '') AS effective_date,
	a.version,
	a.created_at,
	a.updated_at
FROM assets a
WHERE NOT a.sensitive
ORDER BY a.id;

ALTER TABLE pgfs.assets ADD PRIMARY KEY (id);
CREATE INDEX assets_geom ON pgfs.assets USING gist (geom);
VACUUM ANALYZE pgfs.assets;
SELECT count(*) AS pgfs_assets FROM pgfs.assets;
