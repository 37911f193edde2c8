package estate

import "time"

// Adding a field to an asset
//
// Fields below is the one description of an asset's fields. What derives
// from it follows a new entry by itself: the audit diff (Diff), copying
// (Clone, CopyFields, FieldSet), the redaction of money and of the
// partner's own people's words (RedactFor, AuditEvent.RedactFor), the
// text Normalize tidies, the OGC JSON Schema (httpapi), the GeoPackage's
// attributes (gpkg), and the CSV's own columns and their header names
// (transparency). What is left to do by hand, and the test that fails
// until it is done:
//
//  1. The field in Asset and its entry here, where its property should
//     stand in a feature (clients make their columns in this order): its
//     kind, what it holds (About), who sees it. TestFieldsDescribeTheAsset
//     fails while Asset has a field Fields lacks. Its checks go in
//     Asset.validate.
//  2. A migration (migrations/sqlite/) adding the column and rebuilding
//     the packed rows as 0003_packed_rows.sql does, and the store's fast
//     paths: its column lists, scanAsset, and the packed codec
//     (sqlite/asset_scan.go). TestStoreHoldsEveryField fails until the
//     store, its import spool and the newest packed-row migration carry
//     the field.
//  3. The import's audit encoding (sqlite/import_audit.go), which
//     TestInsertChangesMatchDiff holds to Diff. Its positional form is
//     stored: a field that is not last in Fields needs a new form, as rows
//     already written keep their positions.
//  4. The GeoJSON codec's fast paths, geojson.Props and appendProps:
//     TestFeatureHoldsEveryField. The CSV reader's own columns
//     (transparency/row_register.go), or a Transparency Code column in
//     transparency's codeColumns if the Code names the field:
//     TestFormatsCarryEveryField.
//  5. openapi.yaml's AssetProperties, then go generate ./api: the contract
//     tests fail until the spec and the server agree.
//  6. The golden files that list every field (estate/testdata,
//     httpapi/testdata/asset_schema.json, transparency/testdata/golden):
//     rewrite them with -update and read the difference.

// FieldKind says what Go value an asset field holds, and so how each
// format writes it.
type FieldKind int

// Field kinds. The kinds from FieldPoint on have one field each.
const (
	FieldText      FieldKind = iota + 1 // a string or a string enum; "" is empty
	FieldWhole                          // *int64, an optional whole number
	FieldReal                           // *float64, an optional figure
	FieldFlag                           // bool, never empty
	FieldInstant                        // *time.Time, an optional moment
	FieldVersion                        // int64, the asset's version; 0 before it is stored
	FieldStamp                          // time.Time, a moment the register keeps; zero before
	FieldPoint                          // Location, the feature's geometry
	FieldShape                          // Footprint
	FieldOccupiers                      // Occupiers
	FieldTags                           // Tags
)

// Field describes one field of an Asset: its name, its kind, who may see
// it, and how to read and write it. An asset's ID is its key, not one of
// its fields: every format writes it in a place of its own.
type Field struct {
	ID   int    // position in Fields, and the field's bit in a FieldSet
	Name string // in JSON, audit changes, the API and exports
	Kind FieldKind
	// About says what the field holds, for clients (the JSON Schema).
	About string
	// Enum lists the values a text field may take, if it is an enum.
	Enum []string
	// Date marks text holding a calendar date written YYYY-MM-DD.
	Date bool
	// Required text is never blank in a valid asset.
	Required bool
	// FreeText is text people type: line ends are made LF, and a
	// spreadsheet must not run it as a formula.
	FreeText bool
	// Server fields are set by the register, not by its editors.
	Server bool
	// Audited fields are recorded in the audit trail (Diff); the others
	// are the register's bookkeeping.
	Audited bool
	// Money is hidden from the anonymous public (Actor.SeesMoney).
	Money bool
	// People fields are the partner's own people's: notes, and who
	// rated. Others see them as Actor.SeesPeopleAndNotes says.
	People bool
	// NamesPerson marks a People field naming a person: outside the
	// partner it reads as the partner rather than blank.
	NamesPerson bool

	// Accessors: the ones of the field's kind are set.
	Text    func(*Asset) string      // FieldText
	SetText func(*Asset, string)     // FieldText
	Whole   func(*Asset) **int64     // FieldWhole
	Real    func(*Asset) **float64   // FieldReal
	Flag    func(*Asset) *bool       // FieldFlag
	Instant func(*Asset) **time.Time // FieldInstant
	Count   func(*Asset) *int64      // FieldVersion
	Stamp   func(*Asset) *time.Time  // FieldStamp
}

// Fields describes every field of an asset, in the order features write
// their properties. IDs are positions: an entry is added in its place and
// the ones after it move up, so nothing stored may hold an ID.
var Fields = numbered(
	text("partner", func(a *Asset) *string { return &a.Partner }, required, about("The owning partner's id.")),
	text("asset_code", func(a *Asset) *string { return &a.AssetCode }, required, freeText,
		about("The owner's own reference, unique per partner.")),
	text("uprn", func(a *Asset) *string { return &a.UPRN },
		about("Unique Property Reference Number, 1 to 12 digits, leading zeros kept.")),
	text("name", func(a *Asset) *string { return &a.Name }, required, freeText),
	text("street_number", func(a *Asset) *string { return &a.StreetNumber }, freeText),
	text("street_name", func(a *Asset) *string { return &a.StreetName }, freeText),
	text("town", func(a *Asset) *string { return &a.Town }, freeText),
	text("postcode", func(a *Asset) *string { return &a.Postcode }),
	enum("holding", func(a *Asset) *Holding { return &a.Holding }, Holdings),
	text("use", func(a *Asset) *string { return &a.Use }, freeText, about("Free text such as Library or Crematorium.")),
	Field{Name: "location", Kind: FieldPoint, Audited: true},
	Field{Name: "footprint", Kind: FieldShape, Audited: true,
		About: "The outline, a GeoJSON Polygon or MultiPolygon, where known."},
	enum("tenure", func(a *Asset) *Tenure { return &a.Tenure }, Tenures),
	enum("tenure_detail", func(a *Asset) *TenureDetail { return &a.TenureDetail }, TenureDetails),
	text("lease_expiry", func(a *Asset) *string { return &a.LeaseExpiry }, date),
	text("lease_break", func(a *Asset) *string { return &a.LeaseBreak }, date),
	whole("annual_rent_gbp", func(a *Asset) **int64 { return &a.AnnualRentGBP }, money,
		about("Rent paid a year for leased-in property, whole pounds.")),
	figure("gia_m2", func(a *Asset) **float64 { return &a.GIAM2 }, about("Gross internal area, square metres.")),
	figure("land_area_ha", func(a *Asset) **float64 { return &a.LandAreaHa }, about("Land area, hectares.")),
	figure("utilisation_pct", func(a *Asset) **float64 { return &a.UtilisationPct }, about("Share of the space in use, 0 to 100.")),
	enum("condition", func(a *Asset) *string { return &a.Condition }, Conditions,
		about("Condition survey grade, A (good) to D (bad).")),
	whole("backlog_gbp", func(a *Asset) **int64 { return &a.BacklogGBP }, money, about("Maintenance backlog, whole pounds.")),
	enum("energy_rating", func(a *Asset) *string { return &a.EnergyRating }, EnergyRatings, about("EPC or DEC band.")),
	enum("listed", func(a *Asset) *Listed { return &a.Listed }, ListedGrades),
	whole("market_value_gbp", func(a *Asset) **int64 { return &a.MarketValueGBP }, money,
		about("Whole pounds; hidden from the public.")),
	whole("book_value_gbp", func(a *Asset) **int64 { return &a.BookValueGBP }, money,
		about("Whole pounds; hidden from the public.")),
	whole("running_cost_gbp_pa", func(a *Asset) **int64 { return &a.RunningCostGBPPA }, money,
		about("Whole pounds a year; hidden from the public.")),
	Field{Name: "occupiers", Kind: FieldOccupiers, Audited: true, About: "Partners using the asset."},
	enum("rag", func(a *Asset) *RAG { return &a.RAG }, RAGs,
		about("Disposal rating: red unlikely, amber possible, green an opportunity.")),
	text("rag_rationale", func(a *Asset) *string { return &a.RAGRationale }, freeText),
	text("rag_set_by", func(a *Asset) *string { return &a.RAGSetBy }, freeText, server, people, namesPerson,
		about("Who set the rating; outside the owning partner, the partner, never the person.")),
	Field{Name: "rag_set_at", Kind: FieldInstant, Audited: true, Server: true,
		Instant: func(a *Asset) **time.Time { return &a.RAGSetAt }},
	Field{Name: "tags", Kind: FieldTags, Audited: true},
	text("notes", func(a *Asset) *string { return &a.Notes }, freeText, people,
		about("Officers' notes; hidden outside the owning partner.")),
	Field{Name: "sensitive", Kind: FieldFlag, Audited: true, Flag: func(a *Asset) *bool { return &a.Sensitive }},
	text("effective_date", func(a *Asset) *string { return &a.EffectiveDate }, date,
		about("The as-at date of the owner's data; what datetime selects by (updated_at where it is empty).")),
	// The programme's fields come after the others so the import audit's
	// positional form (sqlite/import_audit.go) only grows at its end.
	enum("disposal_stage", func(a *Asset) *DisposalStage { return &a.DisposalStage }, DisposalStages,
		about("Where the asset stands in the disposal programme; blank reads as none. Only the programme's moves are allowed.")),
	Field{Name: "disposal_stage_at", Kind: FieldInstant, Audited: true, Server: true,
		About:   "When disposal_stage last changed; set by the register.",
		Instant: func(a *Asset) **time.Time { return &a.DisposalStageAt }},
	text("disposal_target", func(a *Asset) *string { return &a.DisposalTarget }, date,
		about("The target completion date of the disposal.")),
	text("disposal_note", func(a *Asset) *string { return &a.DisposalNote }, freeText, people,
		about("Why the stage last moved, in the officer's words; hidden outside the owning partner, as notes are.")),
	whole("receipt_gbp", func(a *Asset) **int64 { return &a.ReceiptGBP }, money,
		about("What the sale raised, whole pounds; sold and transferred assets only. Hidden from the public.")),
	text("receipt_date", func(a *Asset) *string { return &a.ReceiptDate }, date,
		about("When the receipt arrived (or the transfer completed); not in the future.")),
	whole("surplus_value_gbp", func(a *Asset) **int64 { return &a.SurplusValueGBP }, money, server,
		about("market_value_gbp when the asset was declared surplus, set by the register: the estimate a sale is checked against. Hidden from the public.")),
	Field{Name: "version", Kind: FieldVersion, Server: true, Count: func(a *Asset) *int64 { return &a.Version }},
	Field{Name: "created_at", Kind: FieldStamp, Server: true, Stamp: func(a *Asset) *time.Time { return &a.CreatedAt }},
	Field{Name: "updated_at", Kind: FieldStamp, Server: true, Stamp: func(a *Asset) *time.Time { return &a.UpdatedAt }},
)

// FieldByName returns the named field's description, and false for a
// name that is not a field.
func FieldByName(name string) (*Field, bool) {
	i, ok := fieldIndex[name]
	if !ok {
		return nil, false
	}
	return &Fields[i], true
}

var fieldIndex = func() map[string]int {
	m := make(map[string]int, len(Fields))
	for i, f := range Fields {
		m[f.Name] = i
	}
	return m
}()

// fieldsWhere lists the fields keep holds for, in order, so hot paths
// loop over only the few they change.
func fieldsWhere(keep func(*Field) bool) []*Field {
	var out []*Field
	for i := range Fields {
		if keep(&Fields[i]) {
			out = append(out, &Fields[i])
		}
	}
	return out
}

func numbered(fs ...Field) []Field {
	for i := range fs {
		fs[i].ID = i
	}
	return fs
}

// option sets one property of a field in the table above.
type option func(*Field)

func required(f *Field)    { f.Required = true }
func freeText(f *Field)    { f.FreeText = true }
func server(f *Field)      { f.Server = true }
func money(f *Field)       { f.Money = true }
func people(f *Field)      { f.People = true }
func namesPerson(f *Field) { f.NamesPerson = true }
func date(f *Field)        { f.Date = true }

func about(s string) option { return func(f *Field) { f.About = s } }

func audited(f Field, opts []option) Field {
	f.Audited = true
	for _, o := range opts {
		o(&f)
	}
	return f
}

func text(name string, p func(*Asset) *string, opts ...option) Field {
	return enum(name, p, nil, opts...)
}

// enum describes a text field; values, if any, are the ones it may take.
func enum[T ~string](name string, p func(*Asset) *T, values []T, opts ...option) Field {
	f := Field{Name: name, Kind: FieldText,
		Text:    func(a *Asset) string { return string(*p(a)) },
		SetText: func(a *Asset, s string) { *p(a) = T(s) }}
	for _, v := range values {
		f.Enum = append(f.Enum, string(v))
	}
	return audited(f, opts)
}

func whole(name string, p func(*Asset) **int64, opts ...option) Field {
	return audited(Field{Name: name, Kind: FieldWhole, Whole: p}, opts)
}

func figure(name string, p func(*Asset) **float64, opts ...option) Field {
	return audited(Field{Name: name, Kind: FieldReal, Real: p}, opts)
}
