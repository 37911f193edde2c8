package transparency

// commonNames are the column names estates teams use for what the
// Transparency Code calls otherwise, normalised with normName. They are
// kept apart from headerTargets so a report can say a column was read
// by a synonym rather than by the Code's own name.
//
// A name goes in only when it means one thing in an asset list: "Value"
// (market, book, insured?), "Area" (land or floor?), "Type" (of what?),
// "Reference" and "Code" (whose?) are left out, and so are NIA and GEA,
// which are not the gross internal area the register keeps.
var commonNames = map[string]target{
	// Synonyms the reader has long known.
	"organisation": tIgnore, "uniquepropertyreferencenumber": "uprn",
	"assetreference": "asset_code", "assetref": "asset_code", "assetid": "asset_code",
	"propertyreference": "asset_code", "propertyref": "asset_code",
	"assetname": "name", "sitename": "name", "name": "name",
	"buildingnumber": "street_number", "housenumber": "street_number",
	"street": "street_name", "town": "town", "city": "town",
	"crs": tCRS, "coordinatesystem": tCRS, "srs": tCRS,
	"x": tX, "easting": tX, "eastings": tX, "longitude": tX, "lon": tX, "long": tX, "lng": tX,
	"y": tY, "northing": tY, "northings": tY, "latitude": tY, "lat": tY,
	"tenure": "tenure", "holding": "holding",
	"gia": "gia_m2", "giam2": "gia_m2", "grossinternalarea": "gia_m2",
	"landareaha": "land_area_ha", "sitearea": "land_area_ha",
	"epc": "energy_rating", "epcrating": "energy_rating",

	// The partner's own reference for the asset.
	"assetno": "asset_code", "assetnumber": "asset_code", "assetrefno": "asset_code",
	"assetidentifier": "asset_code", "uniqueassetid": "asset_code", "uniqueassetidentity": "asset_code",
	"uniqueassetidentifier": "asset_code", "uniqueassetreference": "asset_code",
	"propertyid": "asset_code", "propertycode": "asset_code", "propertyno": "asset_code",
	"propertynumber": "asset_code", "propertyrefno": "asset_code", "propertyreferencenumber": "asset_code",
	"siteid": "asset_code", "sitecode": "asset_code", "sitereference": "asset_code", "siteref": "asset_code",
	"buildingid": "asset_code", "buildingcode": "asset_code", "buildingreference": "asset_code", "buildingref": "asset_code",
	"premisesid": "asset_code", "premisesreference": "asset_code", "premisesref": "asset_code",
	"stationid": "asset_code", "stationcode": "asset_code", "estatecode": "asset_code", "terrierreference": "asset_code",
	"terrierref": "asset_code", "terrierno": "asset_code", "terriernumber": "asset_code",

	// Names.
	"premisesname": "name", "buildingname": "name", "stationname": "name", "nameofpremises": "name",
	"nameofproperty": "name", "nameofsite": "name", "nameofbuilding": "name", "nameofasset": "name",
	"property": "name", "premises": "name", "site": "name", "facilityname": "name", "establishment": "name",
	"establishmentname": "name", "locationname": "name",

	// The address. Several address-line columns are joined, in order, into
	// the street address (plan.go).
	"address": "street_name", "siteaddress": "street_name", "propertyaddress": "street_name",
	"premisesaddress": "street_name", "stationaddress": "street_name", "buildingaddress": "street_name",
	"fulladdress": "street_name", "streetaddress": "street_name", "road": "street_name",
	"address1": "street_name", "addressline1": "street_name", "address2": "street_name",
	"addressline2": "street_name", "address3": "street_name", "addressline3": "street_name",
	"firstlineofaddress": "street_name", "locality": "street_name", "localarea": "street_name",
	"houseno": "street_number", "buildingno": "street_number",
	"streetno": "street_number", "propertynumberorname": "street_number",
	"towncity": "town", "townorcity": "town", "posttownorcity": "town",
	"postalcode": "postcode", "postcodes": "postcode", "sitepostcode": "postcode",
	"propertypostcode": "postcode", "stationpostcode": "postcode",

	// Places: a single column of "easting, northing", or a heading over
	// the pair (find.go splits it over the two columns).
	"mapreference": tX, "mapref": tX, "gridreference": tX, "gridref": tX, "osgridreference": tX,
	"osgridref": tX, "nationalgridreference": tX, "coordinates": tX, "coordinate": tX,
	"xcoordinate": tX, "ycoordinate": tY, "xcoord": tX, "ycoord": tY,
	"stationeasting": tX, "siteeasting": tX, "stationnorthing": tY, "sitenorthing": tY,

	// Tenure and holding.
	"ownership": "tenure", "ownershiptype": "tenure", "typeofownership": "tenure", "ownershipstatus": "tenure",
	"tenancy": "tenure", "typeoftenancy": "tenure", "tenancytype": "tenure", "tenurestatus": "tenure",
	"freeholdleasehold": "tenure", "freeholdorleasehold": "tenure", "propertyinterest": "tenure",
	"legalinterest": "tenure", "interestheld": "tenure",
	"occupancy": "tenure_detail", "occupationstatus": "tenure_detail", "occupancystatus": "tenure_detail",
	"landorbuilding": "holding", "landbuilding": "holding", "landorbuildings": "holding",

	// Use.
	"assettype": "use", "propertytype": "use", "premisestype": "use", "sitetype": "use",
	"buildingtype": "use", "typeofpremises": "use", "typeofproperty": "use", "typeofasset": "use",
	"typeofbuilding": "use", "typeofsite": "use", "typeofuse": "use", "usetype": "use",
	"propertyuse": "use", "currentuse": "use", "primaryuse": "use", "assetuse": "use", "usage": "use",
	"usageclass": "use", "landuse": "use",

	// Areas. A unit named in the header ("Site area (acres)") is applied
	// to bare numbers (match.go).
	"floorarea": "gia_m2", "grossfloorarea": "gia_m2", "grossinternalfloorarea": "gia_m2",
	"internalfloorarea": "gia_m2", "buildingarea": "gia_m2", "floorspace": "gia_m2",
	"sizeofpremises": "gia_m2", "premisessize": "gia_m2", "sizeofbuilding": "gia_m2",
	"buildingfloorarea": "gia_m2", "totalfloorarea": "gia_m2",
	"sizeofland": "land_area_ha", "landsize": "land_area_ha", "sitesize": "land_area_ha",
	"sizeofsite": "land_area_ha", "plotsize": "land_area_ha", "plotarea": "land_area_ha",
	"totalsitearea": "land_area_ha", "acreage": "land_area_ha",

	// Energy and condition.
	"energyperformancerating": "energy_rating", "energyperformancecertificate": "energy_rating",
	"epcband": "energy_rating", "epcgrade": "energy_rating",
	"conditiongrade": "condition", "conditionrating": "condition", "buildingcondition": "condition",
	"propertycondition": "condition", "overallcondition": "condition", "conditioncategory": "condition",
	"requiredmaintenance": "backlog_gbp", "requiredmaintenancecosts": "backlog_gbp",
	"requiredmaintenancecost": "backlog_gbp", "backlogmaintenance": "backlog_gbp",
	"maintenancebacklog": "backlog_gbp", "backlog": "backlog_gbp", "backlogcost": "backlog_gbp",

	// Dates and other columns.
	"dateofdata": "effective_date", "asat": "effective_date", "asatdate": "effective_date",
	"comments": "notes", "comment": "notes", "remarks": "notes",
	"frsfullname": tService, "fireandrescueauthority": tService, "frs": tService,

	// Known, and deliberately not read: an OS AddressPoint reference
	// identifies an address, which several assets can share, so it is no
	// asset code; an ONS code names the body, not the asset.
	"osapr": tIgnore, "addresspointreference": tIgnore, "ecode": tIgnore, "onscode": tIgnore,
}

// numberNames name a street number when the column stands just before
// a street column ("No | Street Name"): on their own they may as well
// count the rows.
var numberNames = map[string]bool{"no": true, "number": true, "num": true, "nos": true}

// pairHeadings name a pair of coordinate columns under one heading, such
// as "Map reference" over Easting and Northing. latFirst headings give
// latitude, then longitude.
var pairHeadings = map[string]struct{ latFirst bool }{
	"mapreference": {}, "mapref": {}, "gridreference": {}, "gridref": {}, "osgridreference": {},
	"osgridref": {}, "nationalgridreference": {}, "coordinates": {}, "coordinate": {}, "location": {},
	"xy": {}, "eastingnorthing": {}, "eastingsnorthings": {}, "eastingandnorthing": {},
	"eastingsandnorthings": {}, "longitudelatitude": {}, "longlat": {}, "lonlat": {},
	"latlong": {latFirst: true}, "latlon": {latFirst: true}, "latitudelongitude": {latFirst: true},
	"latlng": {latFirst: true}, "geolocation": {}, "spatialreference": {},
}
