-- Read-only views for GIS tools (QGIS, ArcGIS, GDAL's PostgreSQL driver),
-- in a schema of their own so a reader's role can be given the views and
-- nothing else. A view runs with its owner's rights, so a role granted
-- SELECT on schema gis reads these without any right on the tables.
--
-- What they show is what a partner's viewer sees through the API: assets
-- that are not sensitive, money included, never officers' notes or who
-- set a rating. The register's own tables stay the store's: write through
-- the API, never here.
--
-- gis.assets_bng is the layer for British National Grid work: its points
-- are the store's own OSTN15 conversion (internal/geo/bng), written with
-- every asset, so they agree with the API's EPSG:27700 output exactly
-- rather than with whatever transformation a client picks. Its spatial
-- index makes a QGIS pan over a million assets a lookup: SP-GiST, whose
-- insert costs an import about a third of a GiST's for points (2.5 against
-- 6-8 us a row, measured beside the import); gis.assets (EPSG:4326)
-- has none, to keep an import's index upkeep down: add
--   CREATE INDEX assets_location ON assets USING gist (location);
-- where clients read that layer by box at scale.

CREATE SCHEMA gis;
COMMENT ON SCHEMA gis IS 'placetrust: read-only views of the register for GIS tools';

CREATE INDEX assets_bng ON assets USING spgist (bng);

CREATE VIEW gis.assets AS
SELECT a.id, a.partner_id AS partner, p.name AS partner_name, a.asset_code, a.uprn, a.name,
	a.street_number, a.street_name, a.town, a.postcode, a.holding, a.use,
	a.tenure, a.tenure_detail, nullif(a.lease_expiry, '') AS lease_expiry,
	nullif(a.lease_break, '') AS lease_break, a.annual_rent_gbp,
	a.gia_m2, a.land_area_ha, a.utilisation_pct, a.condition, a.backlog_gbp, a.energy_rating,
	a.listed, a.market_value_gbp, a.book_value_gbp, a.running_cost_gbp_pa,
	a.rag, a.rag_rationale, a.rag_set_at, array_to_string(a.tags, ';') AS tags,
	nullif(a.effective_date, '') AS effective_date, a.version, a.created_at, a.updated_at,
	a.location AS geom
FROM assets a JOIN partners p ON p.id = a.partner_id
WHERE NOT a.sensitive;
COMMENT ON VIEW gis.assets IS 'placetrust assets that are not sensitive, located in EPSG:4326 (longitude, latitude)';

CREATE VIEW gis.assets_bng AS
SELECT a.id, a.partner_id AS partner, p.name AS partner_name, a.asset_code, a.uprn, a.name,
	a.street_number, a.street_name, a.town, a.postcode, a.holding, a.use,
	a.tenure, a.tenure_detail, nullif(a.lease_expiry, '') AS lease_expiry,
	nullif(a.lease_break, '') AS lease_break, a.annual_rent_gbp,
	a.gia_m2, a.land_area_ha, a.utilisation_pct, a.condition, a.backlog_gbp, a.energy_rating,
	a.listed, a.market_value_gbp, a.book_value_gbp, a.running_cost_gbp_pa,
	a.rag, a.rag_rationale, a.rag_set_at, array_to_string(a.tags, ';') AS tags,
	nullif(a.effective_date, '') AS effective_date, a.version, a.created_at, a.updated_at,
	a.bng AS geom
FROM assets a JOIN partners p ON p.id = a.partner_id
WHERE NOT a.sensitive AND a.bng IS NOT NULL;
COMMENT ON VIEW gis.assets_bng IS 'placetrust assets that are not sensitive and lie on the OSTN15 grid, located in EPSG:27700 (easting, northing) by the project''s own OSTN15 conversion';

CREATE VIEW gis.footprints AS
SELECT a.id, a.partner_id AS partner, a.asset_code, a.name, a.rag, a.footprint AS geom
FROM assets a
WHERE NOT a.sensitive AND a.footprint IS NOT NULL;
COMMENT ON VIEW gis.footprints IS 'placetrust assets'' footprints (not sensitive), EPSG:4326';

CREATE VIEW gis.partners AS
SELECT id, name, kind, uri FROM partners;
COMMENT ON VIEW gis.partners IS 'placetrust partners';
