package gpkg

import "strings"

// GeoPackage 1.3 core tables, as the standard (and GDAL's validator)
// defines them, and the WGS84 reference system every layer uses.
const gpkgCore = `
CREATE TABLE gpkg_spatial_ref_sys (
	srs_name TEXT NOT NULL,
	srs_id INTEGER PRIMARY KEY,
	organization TEXT NOT NULL,
	organization_coordsys_id INTEGER NOT NULL,
	definition TEXT NOT NULL,
	description TEXT
);
INSERT INTO gpkg_spatial_ref_sys VALUES
	('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
	('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
	('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (
	table_name TEXT NOT NULL PRIMARY KEY,
	data_type TEXT NOT NULL,
	identifier TEXT UNIQUE,
	description TEXT DEFAULT '',
	last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	min_x DOUBLE,
	min_y DOUBLE,
	max_x DOUBLE,
	max_y DOUBLE,
	srs_id INTEGER,
	CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
	table_name TEXT NOT NULL,
	column_name TEXT NOT NULL,
	geometry_type_name TEXT NOT NULL,
	srs_id INTEGER NOT NULL,
	z TINYINT NOT NULL,
	m TINYINT NOT NULL,
	CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
	CONSTRAINT uk_gc_table_name UNIQUE (table_name),
	CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
	CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE gpkg_extensions (
	table_name TEXT,
	column_name TEXT,
	extension_name TEXT NOT NULL,
	definition TEXT NOT NULL,
	scope TEXT NOT NULL,
	CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
);`

// gpkgAssetColumns are the assets layer's attributes after fid and geom,
// with GeoPackage data types; blank text is written as NULL, as GIS tools
// expect.
var gpkgAssetColumns = []struct{ name, typ string }{
	{"partner", "TEXT"}, {"asset_code", "TEXT"}, {"uprn", "TEXT"}, {"name", "TEXT"},
	{"street_number", "TEXT"}, {"street_name", "TEXT"}, {"town", "TEXT"}, {"postcode", "TEXT"},
	{"holding", "TEXT"}, {"use", "TEXT"}, {"tenure", "TEXT"}, {"tenure_detail", "TEXT"},
	{"lease_expiry", "DATE"}, {"lease_break", "DATE"}, {"annual_rent_gbp", "INTEGER"},
	{"gia_m2", "DOUBLE"}, {"land_area_ha", "DOUBLE"}, {"utilisation_pct", "DOUBLE"},
	{"condition", "TEXT"}, {"backlog_gbp", "INTEGER"}, {"energy_rating", "TEXT"}, {"listed", "TEXT"},
	{"market_value_gbp", "INTEGER"}, {"book_value_gbp", "INTEGER"}, {"running_cost_gbp_pa", "INTEGER"},
	{"occupiers", "TEXT"}, {"rag", "TEXT"}, {"rag_rationale", "TEXT"}, {"rag_set_by", "TEXT"},
	{"rag_set_at", "DATETIME"}, {"tags", "TEXT"}, {"notes", "TEXT"}, {"sensitive", "BOOLEAN"},
	{"effective_date", "DATE"}, {"version", "INTEGER"}, {"created_at", "DATETIME"}, {"updated_at", "DATETIME"},
}

// gpkgFootprintColumns are the footprints layer's attributes.
var gpkgFootprintColumns = []struct{ name, typ string }{
	{"partner", "TEXT"}, {"asset_code", "TEXT"}, {"name", "TEXT"},
}

// gpkgLayerSQL creates a feature table whose fid is the asset id and
// registers it with its geometry column.
func gpkgLayerSQL(table, geomType, description string, cols []struct{ name, typ string }) []string {
	defs := []string{`fid INTEGER PRIMARY KEY`, `geom ` + geomType}
	for _, c := range cols {
		defs = append(defs, `"`+c.name+`" `+c.typ)
	}
	return []string{
		`CREATE TABLE "` + table + `" (` + strings.Join(defs, ", ") + `)`,
		`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
			VALUES ('` + table + `', 'features', '` + table + `', '` + description + `', 4326)`,
		`INSERT INTO gpkg_geometry_columns VALUES ('` + table + `', 'geom', '` + geomType + `', 4326, 0, 0)`,
	}
}

// gpkgRTreeSQL indexes a layer (GeoPackage 1.3 extension F.3): the R*Tree
// is filled from the layer, then the standard triggers keep it in step
// with later edits by GDAL, QGIS or anyone else.
func gpkgRTreeSQL(t string) []string {
	r := "rtree_" + t + "_geom"
	upsert := `INSERT OR REPLACE INTO ` + r + ` VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));`
	return []string{
		`CREATE VIRTUAL TABLE ` + r + ` USING rtree(id, minx, maxx, miny, maxy)`,
		`INSERT INTO ` + r + ` SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom)
			FROM "` + t + `" WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)`,
		`INSERT INTO gpkg_extensions VALUES ('` + t + `', 'geom', 'gpkg_rtree_index',
			'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`,
		`CREATE TRIGGER ` + r + `_insert AFTER INSERT ON "` + t + `"
			WHEN (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
			BEGIN ` + upsert + ` END`,
		`CREATE TRIGGER ` + r + `_update1 AFTER UPDATE OF geom ON "` + t + `"
			WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
			BEGIN ` + upsert + ` END`,
		`CREATE TRIGGER ` + r + `_update2 AFTER UPDATE OF geom ON "` + t + `"
			WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
			BEGIN DELETE FROM ` + r + ` WHERE id = OLD.fid; END`,
		`CREATE TRIGGER ` + r + `_update3 AFTER UPDATE ON "` + t + `"
			WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
			BEGIN DELETE FROM ` + r + ` WHERE id = OLD.fid; ` + upsert + ` END`,
		`CREATE TRIGGER ` + r + `_update4 AFTER UPDATE ON "` + t + `"
			WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
			BEGIN DELETE FROM ` + r + ` WHERE id IN (OLD.fid, NEW.fid); END`,
		`CREATE TRIGGER ` + r + `_delete AFTER DELETE ON "` + t + `"
			WHEN old.geom NOT NULL
			BEGIN DELETE FROM ` + r + ` WHERE id = OLD.fid; END`,
	}
}
