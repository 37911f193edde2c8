package gpkg

import (
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

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

// gpkgColumn is an attribute of a layer, its GeoPackage data type and
// how an asset's value is written there.
type gpkgColumn struct {
	name, typ string
	value     func(*estate.Asset) any
}

// gpkgAssetColumns are the assets layer's attributes after fid and geom:
// every field of estate.Fields but the geometries, in order. Blank text
// is written as NULL, as GIS tools expect, but where a valid asset has
// none.
var gpkgAssetColumns = gpkgColumns(func(f *estate.Field) bool {
	return f.Kind != estate.FieldPoint && f.Kind != estate.FieldShape
})

// gpkgFootprintColumns are the footprints layer's attributes.
var gpkgFootprintColumns = gpkgColumns(func(f *estate.Field) bool {
	return f.Name == "partner" || f.Name == "asset_code" || f.Name == "name"
})

func gpkgColumns(keep func(*estate.Field) bool) []gpkgColumn {
	var out []gpkgColumn
	for i := range estate.Fields {
		if f := &estate.Fields[i]; keep(f) {
			typ, value := gpkgAttribute(f)
			out = append(out, gpkgColumn{f.Name, typ, value})
		}
	}
	return out
}

// gpkgAttribute gives a field's GeoPackage data type and writer.
func gpkgAttribute(f *estate.Field) (string, func(*estate.Asset) any) {
	switch f.Kind {
	case estate.FieldText:
		typ := "TEXT"
		if f.Date {
			typ = "DATE"
		}
		if f.Required {
			return typ, func(a *estate.Asset) any { return f.Text(a) }
		}
		return typ, func(a *estate.Asset) any { return null(f.Text(a)) }
	case estate.FieldWhole:
		return "INTEGER", func(a *estate.Asset) any { return *f.Whole(a) }
	case estate.FieldReal:
		return "DOUBLE", func(a *estate.Asset) any { return *f.Real(a) }
	case estate.FieldFlag:
		return "BOOLEAN", func(a *estate.Asset) any { return *f.Flag(a) }
	case estate.FieldInstant:
		return "DATETIME", func(a *estate.Asset) any { return gpkgTime(*f.Instant(a)) }
	case estate.FieldVersion:
		return "INTEGER", func(a *estate.Asset) any { return *f.Count(a) }
	case estate.FieldStamp:
		return "DATETIME", func(a *estate.Asset) any { return gpkgTimeOf(*f.Stamp(a)) }
	case estate.FieldOccupiers:
		return "TEXT", func(a *estate.Asset) any { return null(transparency.OccupiersText(a.Occupiers)) }
	case estate.FieldTags:
		return "TEXT", func(a *estate.Asset) any { return null(strings.Join(a.Tags, ";")) }
	}
	panic("gpkg: no GeoPackage attribute can hold field " + f.Name) // geometries are layers' own
}

// gpkgLayerSQL creates a feature table whose fid is the asset id and
// registers it with its geometry column.
func gpkgLayerSQL(table, geomType, description string, cols []gpkgColumn) []string {
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
