package cql2_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/cql2"
)

func prop(n string) cql2.Property  { return cql2.Property{Name: n} }
func str(s string) cql2.String     { return cql2.String{Value: s} }
func num(f float64) cql2.Number    { return cql2.Number{Value: f} }
func boolean(b bool) cql2.Boolean  { return cql2.Boolean{Value: b} }
func not(e cql2.Expr) cql2.Not     { return cql2.Not{Arg: e} }
func and(es ...cql2.Expr) cql2.And { return cql2.And{Args: es} }
func or(es ...cql2.Expr) cql2.Or   { return cql2.Or{Args: es} }

func cmp(l cql2.Operand, op cql2.CompareOp, r cql2.Operand) cql2.Compare {
	return cql2.Compare{Op: op, Left: l, Right: r}
}

func date(s string) cql2.Date {
	d, _ := time.Parse(time.DateOnly, s)
	return cql2.Date{Value: d}
}

func stamp(s string) cql2.Timestamp {
	t, _ := time.Parse(time.RFC3339, s)
	return cql2.Timestamp{Value: t.UTC()}
}

// examples are the standard's own (OGC 21-065, its Annex examples and
// those of the requirement classes used here), in both encodings, with
// the tree each gives.
var examples = []struct {
	name, text, json string
	want             cql2.Expr
}{
	{"equal", `landsat:scene_id = 'LC82030282019133LGN00'`,
		`{"op":"=","args":[{"property":"landsat:scene_id"},"LC82030282019133LGN00"]}`,
		cmp(prop("landsat:scene_id"), cql2.Eq, str("LC82030282019133LGN00"))},
	{"greater", `floors>5`, `{"op":">","args":[{"property":"floors"},5]}`,
		cmp(prop("floors"), cql2.Gt, num(5))},
	{"at most", `taxes <= 500`, `{"op":"<=","args":[{"property":"taxes"},500]}`,
		cmp(prop("taxes"), cql2.Le, num(500))},
	{"not equal, negative", `balance <> -150.5`, `{"op":"<>","args":[{"property":"balance"},-150.5]}`,
		cmp(prop("balance"), cql2.Ne, num(-150.5))},
	{"like", `owner LIKE '%Jones%'`, `{"op":"like","args":[{"property":"owner"},"%Jones%"]}`,
		cql2.Like{Arg: prop("owner"), Pattern: str("%Jones%")}},
	{"not like", `owner NOT LIKE '%Mike%'`,
		`{"op":"not","args":[{"op":"like","args":[{"property":"owner"},"%Mike%"]}]}`,
		not(cql2.Like{Arg: prop("owner"), Pattern: str("%Mike%")})},
	{"boolean", `swimming_pool = true`, `{"op":"=","args":[{"property":"swimming_pool"},true]}`,
		cmp(prop("swimming_pool"), cql2.Eq, boolean(true))},
	{"and", `floors>5 AND swimming_pool=true`,
		`{"op":"and","args":[{"op":">","args":[{"property":"floors"},5]},{"op":"=","args":[{"property":"swimming_pool"},true]}]}`,
		and(cmp(prop("floors"), cql2.Gt, num(5)), cmp(prop("swimming_pool"), cql2.Eq, boolean(true)))},
	{"and of or", `swimming_pool=true AND (floors>5 OR material LIKE 'brick%' OR material LIKE '%brick')`,
		`{"op":"and","args":[{"op":"=","args":[{"property":"swimming_pool"},true]},{"op":"or","args":[
		  {"op":">","args":[{"property":"floors"},5]},{"op":"like","args":[{"property":"material"},"brick%"]},
		  {"op":"like","args":[{"property":"material"},"%brick"]}]}]}`,
		and(cmp(prop("swimming_pool"), cql2.Eq, boolean(true)), or(cmp(prop("floors"), cql2.Gt, num(5)),
			cql2.Like{Arg: prop("material"), Pattern: str("brick%")}, cql2.Like{Arg: prop("material"), Pattern: str("%brick")}))},
	{"or of and", `(floors>5 AND material='brick') OR swimming_pool=true`,
		`{"op":"or","args":[{"op":"and","args":[{"op":">","args":[{"property":"floors"},5]},{"op":"=","args":[{"property":"material"},"brick"]}]},
		  {"op":"=","args":[{"property":"swimming_pool"},true]}]}`,
		or(and(cmp(prop("floors"), cql2.Gt, num(5)), cmp(prop("material"), cql2.Eq, str("brick"))), cmp(prop("swimming_pool"), cql2.Eq, boolean(true)))},
	{"not, or", `NOT (floors<5) OR swimming_pool=true`,
		`{"op":"or","args":[{"op":"not","args":[{"op":"<","args":[{"property":"floors"},5]}]},{"op":"=","args":[{"property":"swimming_pool"},true]}]}`,
		or(not(cmp(prop("floors"), cql2.Lt, num(5))), cmp(prop("swimming_pool"), cql2.Eq, boolean(true)))},
	{"between", `eo:cloud_cover BETWEEN 0.1 AND 0.2`,
		`{"op":"between","args":[{"property":"eo:cloud_cover"},0.1,0.2]}`,
		cql2.Between{Arg: prop("eo:cloud_cover"), Low: num(0.1), High: num(0.2)}},
	{"not between", `depth NOT BETWEEN 100.0 AND 150.0`,
		`{"op":"not","args":[{"op":"between","args":[{"property":"depth"},100,150]}]}`,
		not(cql2.Between{Arg: prop("depth"), Low: num(100), High: num(150)})},
	{"in", `cityName IN ('Toronto', 'Frankfurt', 'Tokyo', 'New York')`,
		`{"op":"in","args":[{"property":"cityName"},["Toronto","Frankfurt","Tokyo","New York"]]}`,
		cql2.In{Arg: prop("cityName"), List: []cql2.Operand{str("Toronto"), str("Frankfurt"), str("Tokyo"), str("New York")}}},
	{"not in", `category NOT IN (1,2,3,4)`,
		`{"op":"not","args":[{"op":"in","args":[{"property":"category"},[1,2,3,4]]}]}`,
		not(cql2.In{Arg: prop("category"), List: []cql2.Operand{num(1), num(2), num(3), num(4)}})},
	{"is null", `geometry IS NULL`, `{"op":"isNull","args":[{"property":"geometry"}]}`,
		cql2.IsNull{Arg: prop("geometry")}},
	{"is not null", `"value" IS NOT NULL`, `{"op":"not","args":[{"op":"isNull","args":[{"property":"value"}]}]}`,
		not(cql2.IsNull{Arg: prop("value")})},
	{"date", `updated >= date('1970-01-01')`, `{"op":">=","args":[{"property":"updated"},{"date":"1970-01-01"}]}`,
		cmp(prop("updated"), cql2.Ge, date("1970-01-01"))},
	{"timestamp", `built > TIMESTAMP('2012-06-05T00:00:00Z')`,
		`{"op":">","args":[{"property":"built"},{"timestamp":"2012-06-05T00:00:00Z"}]}`,
		cmp(prop("built"), cql2.Gt, stamp("2012-06-05T00:00:00Z"))},
	{"t_before", `T_BEFORE(built, DATE('2015-01-01'))`,
		`{"op":"t_before","args":[{"property":"built"},{"date":"2015-01-01"}]}`,
		cql2.Temporal{Op: cql2.TBefore, Left: prop("built"), Right: date("2015-01-01")}},
	{"t_after", `T_AFTER(built,DATE('2012-06-05'))`,
		`{"op":"t_after","args":[{"property":"built"},{"date":"2012-06-05"}]}`,
		cql2.Temporal{Op: cql2.TAfter, Left: prop("built"), Right: date("2012-06-05")}},
	{"t_intersects interval", `T_INTERSECTS(event_time, INTERVAL('1969-07-16T05:32:00Z', '1969-07-24T16:50:35Z'))`,
		`{"op":"t_intersects","args":[{"property":"event_time"},{"interval":["1969-07-16T05:32:00Z","1969-07-24T16:50:35Z"]}]}`,
		cql2.Temporal{Op: cql2.TIntersects, Left: prop("event_time"),
			Right: cql2.Interval{Start: stamp("1969-07-16T05:32:00Z"), End: stamp("1969-07-24T16:50:35Z")}}},
	{"interval of properties, open", `T_INTERSECTS(INTERVAL(starts_at, ends_at), INTERVAL('..', '2017-06-11'))`,
		`{"op":"t_intersects","args":[{"interval":[{"property":"starts_at"},{"property":"ends_at"}]},{"interval":["..","2017-06-11"]}]}`,
		cql2.Temporal{Op: cql2.TIntersects, Left: cql2.Interval{Start: prop("starts_at"), End: prop("ends_at")},
			Right: cql2.Interval{End: date("2017-06-11")}}},
	{"s_intersects point", `S_INTERSECTS(geometry,POINT(36.319836 32.288087))`,
		`{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[36.319836,32.288087]}]}`,
		cql2.Spatial{Op: cql2.SIntersects, Left: prop("geometry"), Right: cql2.Point{X: 36.319836, Y: 32.288087}}},
	{"s_within bbox", `S_WITHIN(location,BBOX(-118,33.8,-117.9,34))`,
		`{"op":"s_within","args":[{"property":"location"},{"bbox":[-118,33.8,-117.9,34]}]}`,
		cql2.Spatial{Op: cql2.SWithin, Left: prop("location"), Right: cql2.BBox{MinX: -118, MinY: 33.8, MaxX: -117.9, MaxY: 34}}},
	{"s_intersects polygon", `S_INTERSECTS(geometry,POLYGON((-10.0 50.0,10.0 50.0,10.0 60.0,-10.0 60.0,-10.0 50.0)))`,
		`{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[-10,50],[10,50],[10,60],[-10,60],[-10,50]]]}]}`,
		cql2.Spatial{Op: cql2.SIntersects, Left: prop("geometry"), Right: cql2.Polygon{Rings: [][]cql2.Point{
			{{X: -10, Y: 50}, {X: 10, Y: 50}, {X: 10, Y: 60}, {X: -10, Y: 60}, {X: -10, Y: 50}}}}}},
	{"and spatial", `floors>5 AND S_WITHIN(geometry,BBOX(-118,33.8,-117.9,34))`,
		`{"op":"and","args":[{"op":">","args":[{"property":"floors"},5]},{"op":"s_within","args":[{"property":"geometry"},{"bbox":[-118,33.8,-117.9,34]}]}]}`,
		and(cmp(prop("floors"), cql2.Gt, num(5)),
			cql2.Spatial{Op: cql2.SWithin, Left: prop("geometry"), Right: cql2.BBox{MinX: -118, MinY: 33.8, MaxX: -117.9, MaxY: 34}})},
	{"literal true", `TRUE`, `true`, boolean(true)},
}

func TestExamples(t *testing.T) {
	for _, tc := range examples {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cql2.ParseText(tc.text)
			if err != nil {
				t.Fatalf("ParseText(%q): %v", tc.text, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseText(%q)\n got %#v\nwant %#v", tc.text, got, tc.want)
			}
			fromJSON, err := cql2.ParseJSON([]byte(tc.json))
			if err != nil {
				t.Fatalf("ParseJSON(%s): %v", tc.json, err)
			}
			if !reflect.DeepEqual(fromJSON, got) {
				t.Errorf("text and JSON differ\ntext %#v\njson %#v", got, fromJSON)
			}
			text := cql2.Text(got)
			again, err := cql2.ParseText(text)
			if err != nil {
				t.Fatalf("ParseText(Text) = ParseText(%q): %v", text, err)
			}
			if !reflect.DeepEqual(again, got) {
				t.Errorf("round trip through %q\n got %#v\nwant %#v", text, again, got)
			}
		})
	}
}
