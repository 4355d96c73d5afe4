package schema

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/sahelsim/sahelsim/sim"
)

// The small schema of these tests: a table with leaves of every kind, a
// promoted embedded struct, a sub-table, an optional table and a map of
// named tables.
type (
	testRoot struct {
		Name   string     `toml:"name" doc:"the name"`
		Kind   string     `toml:"kind" doc:"which kind" enum:"a|b"`
		Count  int        `toml:"count" doc:"how many" unit:"items" min:"1" max:"10"`
		Small  uint8      `toml:"small" doc:"a byte"`
		Rate   float64    `toml:"rate" doc:"a rate" min:"0" max:"1"`
		On     bool       `toml:"on" doc:"a switch"`
		Start  sim.Date   `toml:"start" doc:"first day"`
		End    sim.Date   `toml:"end" doc:"last day"`
		Tags   []string   `toml:"tags" doc:"labels"`
		Pair   [2]float64 `toml:"pair" doc:"two numbers"`
		hidden int
		testEmbedded
		Sub   testSub             `toml:"sub" doc:"a table"`
		Opt   *testOpt            `toml:"opt" doc:"an optional table"`
		Areas map[string]*testOpt `toml:"areas" doc:"named tables"`
	}
	testEmbedded struct {
		Seed uint64 `toml:"seed" doc:"promoted to the root"`
	}
	testSub struct {
		Level int `toml:"level" doc:"a level" min:"0"`
	}
	testOpt struct {
		Weight float64  `toml:"weight" doc:"a weight"`
		Start  sim.Date `toml:"start" doc:"from"`
		End    sim.Date `toml:"end" doc:"to"`
	}
)

func (o *testOpt) SetDefaults() { o.Weight = 0.5 }

func newRoot() *testRoot { return &testRoot{Kind: "a", Count: 1} }

func TestCheck(t *testing.T) {
	if errs := Check(reflect.TypeFor[testRoot]()); len(errs) > 0 {
		t.Errorf("Check of a good schema: %v", errs)
	}
	type bad struct {
		Map    map[int]testSub `toml:"map" doc:"ids must be strings"`
		NoDoc  int             `toml:"no_doc"`
		Camel  int             `toml:"camelCase" doc:"x"`
		Min    string          `toml:"min" doc:"x" min:"1"`
		Order  float64         `toml:"order" doc:"x" min:"2" max:"1"`
		Enum   int             `toml:"enum" doc:"x" enum:"1|x"`
		Out    int             `toml:"out" doc:"x" enum:"1|5" max:"3"`
		Ranged testSub         `toml:"ranged" doc:"x" min:"0"`
		Opt    *struct {
			On bool `toml:"enabled" doc:"x"`
		} `toml:"opt" doc:"x"`
		Twice   int      `toml:"no_doc" doc:"x"`
		Channel chan int `toml:"channel" doc:"x"`
	}
	var got []string
	for _, err := range Check(reflect.TypeFor[bad]()) {
		got = append(got, err.Error())
	}
	for _, want := range []string{
		`map: type map[int]schema.testSub is not supported`,
		`no_doc: no doc tag`,
		`camelCase: key "camelCase" is not snake_case`,
		`min: tag min on a string`,
		`order: min 2 above max 1`,
		`enum: enum value "x"`,
		`out: enum value "5" out of its own range`,
		`ranged: tag min on a table`,
		`opt.enabled: key "enabled" clashes`,
		`two fields with the key "no_doc"`,
		`channel: type chan int is not supported`,
	} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("Check does not report %q; it reports:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

func TestSetGet(t *testing.T) {
	tests := []struct {
		path  string
		value any
		want  any // what Get returns after Set
	}{
		{"name", "x", "x"},
		{"count", 3, 3},
		{"count", 4.0, 4}, // an integral float for an integer
		{"rate", 1, 1.0},  // an integer for a float
		{"small", uint8(7), uint8(7)},
		{"on", true, true},
		{"start", "2018-01-02", sim.NewDate(2018, 1, 2)},
		{"start", "", sim.Date{}},
		{"tags", []string{"a", "b"}, []string{"a", "b"}},
		{"tags", []any{}, []string(nil)},
		{"pair", []float64{1, 2}, [2]float64{1, 2}},
		{"seed", 9, uint64(9)}, // promoted from the embedded struct
		{"sub.level", 2, 2},
		{"opt.weight", 0.25, 0.25},
		{"areas.north.weight", 2, 2.0},
	}
	for _, tt := range tests {
		r := newRoot()
		path := strings.Split(tt.path, ".")
		if err := Set(r, path, tt.value); err != nil {
			t.Errorf("Set(%s, %v): %v", tt.path, tt.value, err)
			continue
		}
		got, err := Get(r, path)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Get(%s) after Set(%v) = %#v, %v; want %#v", tt.path, tt.value, got, err, tt.want)
		}
	}
}

func TestOptionalTables(t *testing.T) {
	r := newRoot()
	if on, _ := Get(r, []string{"opt", EnabledKey}); on != false {
		t.Errorf("opt.enabled of a new root = %v, want false", on)
	}
	if _, err := Get(r, []string{"opt", "weight"}); !errors.Is(err, ErrOff) {
		t.Errorf("Get under an optional table that is off: %v, want ErrOff", err)
	}
	if err := SetDecoded(r, []string{"opt"}, Table{}); err != nil || r.Opt == nil || r.Opt.Weight != 0.5 {
		t.Fatalf("naming the table: %v, %+v; want it on with its defaults", err, r.Opt)
	}
	if err := Set(r, []string{"opt", EnabledKey}, false); err != nil || r.Opt != nil {
		t.Errorf("enabled = false: %v, %+v; want it off", err, r.Opt)
	}
	if err := Set(r, []string{"areas", "south", EnabledKey}, true); err != nil || r.Areas["south"] == nil || r.Areas["south"].Weight != 0.5 {
		t.Errorf("a new entry: %v, %v; want one with its defaults", err, r.Areas)
	}
	if err := Set(r, []string{"areas", "south", EnabledKey}, false); err != nil || len(r.Areas) != 0 {
		t.Errorf("enabled = false on an entry: %v, %v; want it removed", err, r.Areas)
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		path  string
		value any
		kind  error
		key   string // the key the error names
		text  string
	}{
		{"nam", "x", ErrUnknownKey, "nam", `did you mean "name"?`},
		{"count", "many", ErrType, "count", `want an integer, got string "many"`},
		{"count", 11, ErrRange, "count", "want a value from 1 to 10, got 11"},
		{"count", 2.5, ErrType, "count", "want an integer, got float 2.5"},
		{"small", 300, ErrRange, "small", "300 does not fit in uint8"},
		{"rate", math.NaN(), ErrRange, "rate", "want a finite number"},
		{"kind", "c", ErrRange, "kind", `want one of "a", "b", got "c"`},
		{"start", "2018-13-01", ErrType, "start", "want a TOML date, written without quotes as YYYY-MM-DD"},
		{"pair", []float64{1}, ErrType, "pair", "want an array of 2 numbers, got 1 elements"},
		{"tags", []any{"a", 1}, ErrType, "tags", "element 2: want a string, got integer 1"},
		{"name.x", 1, ErrType, "name.x", "name is a string, not a table"},
		{"sub", 1, ErrType, "sub", "want a table, got integer 1"},
		{"sub.levl", 1, ErrUnknownKey, "sub.levl", `did you mean "level"?`},
		{"opt.enabled", "yes", ErrType, "opt.enabled", "want a boolean"},
		{"areas.North.weight", 1, ErrInvalid, "areas.North", "invalid id"},
		{"hidden", 1, ErrUnknownKey, "hidden", ""},
	}
	for _, tt := range tests {
		r := newRoot()
		before := Clone(r)
		err := Set(r, strings.Split(tt.path, "."), tt.value)
		var ke *KeyError
		if !errors.As(err, &ke) || !errors.Is(err, tt.kind) || JoinKey(ke.Path) != tt.key || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("Set(%s, %v) = %v; want a %v at %s saying %q", tt.path, tt.value, err, tt.kind, tt.key, tt.text)
		}
		if !reflect.DeepEqual(r, before) {
			t.Errorf("Set(%s, %v) failed but changed the value", tt.path, tt.value)
		}
	}
}

// TestSetDecoded checks the values of a TOML text as the decoder gives
// them: a local date is a date, a datetime is not.
func TestSetDecoded(t *testing.T) {
	var raw map[string]any
	if _, err := toml.Decode("start = 2018-01-02\nend = 2018-01-02T10:00:00Z\n", &raw); err != nil {
		t.Fatal(err)
	}
	r := newRoot()
	if err := SetDecoded(r, []string{"start"}, raw["start"]); err != nil || r.Start != sim.NewDate(2018, 1, 2) {
		t.Errorf("a local date: %v, %v", err, r.Start)
	}
	if err := SetDecoded(r, []string{"end"}, raw["end"]); !errors.Is(err, ErrType) {
		t.Errorf("a datetime for a date: %v, want ErrType", err)
	}
}

func TestPathsAndClone(t *testing.T) {
	r := newRoot()
	r.Areas = map[string]*testOpt{"b": {}, "a": {}}
	got := Paths(r)
	want := []string{"name", "kind", "count", "small", "rate", "on", "start", "end", "tags", "pair", "seed",
		"sub.level", "opt.enabled", "opt.weight", "opt.start", "opt.end",
		"areas.a.enabled", "areas.a.weight", "areas.a.start", "areas.a.end",
		"areas.b.enabled", "areas.b.weight", "areas.b.start", "areas.b.end"}
	if !slices.Equal(got, want) {
		t.Errorf("Paths = %q\nwant %q", got, want)
	}
	r.Tags = []string{"x"}
	c := Clone(r)
	c.Tags[0], c.Areas["a"].Weight = "y", 9
	if r.Tags[0] != "x" || r.Areas["a"].Weight != 0 {
		t.Error("changing the clone changed the original")
	}
}

func TestCheckDates(t *testing.T) {
	r := newRoot()
	r.Start, r.End = sim.NewDate(2018, 1, 1), sim.NewDate(2019, 1, 1)
	r.Areas = map[string]*testOpt{"a": {Start: sim.NewDate(2018, 5, 1), End: sim.NewDate(2018, 4, 1)}}
	err := CheckDates(r)
	var ke *KeyError
	if !errors.As(err, &ke) || !errors.Is(err, ErrInvalid) || JoinKey(ke.Path) != "areas.a.end" || ke.Value != sim.NewDate(2018, 4, 1) {
		t.Errorf("CheckDates = %v, want an ErrInvalid at areas.a.end", err)
	}
	r.Areas["a"].End = sim.Date{} // no date: nothing to check
	if err := CheckDates(r); err != nil {
		t.Errorf("CheckDates with no end date: %v", err)
	}
}

// TestEncodeRoundTrip checks that decoding Encode's text and setting every
// key gives back the value, and that the omitted keys are left out.
func TestEncodeRoundTrip(t *testing.T) {
	r := newRoot()
	r.Name, r.Rate, r.Tags, r.Start = `a "quoted" name`, 0.1, []string{"x", "y"}, sim.NewDate(2017, 3, 4)
	r.Opt = &testOpt{Weight: 2}
	r.Areas = map[string]*testOpt{"north": {Weight: 1e-7}, "east": {}}
	var b bytes.Buffer
	if err := Encode(&b, r, "seed"); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{"# how many [items]\ncount = 1\n", "[opt]\n", "[areas.east]\n", "rate = 0.1\n", `name = "a \"quoted\" name"`} {
		if !strings.Contains(text, want) {
			t.Errorf("Encode lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "seed") {
		t.Errorf("Encode wrote the omitted key seed:\n%s", text)
	}
	if strings.Index(text, "[areas.east]") > strings.Index(text, "[areas.north]") {
		t.Errorf("map entries not sorted by id:\n%s", text)
	}
	var raw map[string]any
	md, err := toml.Decode(text, &raw)
	if err != nil {
		t.Fatalf("Encode's text is not TOML: %v\n%s", err, text)
	}
	got := &testRoot{}
	for _, k := range md.Keys() {
		v := any(raw)
		for _, part := range k {
			v = v.(map[string]any)[part]
		}
		if m, ok := v.(map[string]any); ok {
			if len(m) > 0 {
				continue
			}
			v = Table{}
		}
		if err := SetDecoded(got, k, v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, r)
	}
	r.Rate = math.Inf(1)
	if err := Encode(&b, r); err == nil || !strings.Contains(err.Error(), "rate") {
		t.Errorf("Encode of an infinite rate = %v, want an error naming it", err)
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0.0"},
		{1, "1.0"},
		{-4.3, "-4.3"},
		{0.1, "0.1"},
		{2e6, "2e+06"},
		{46900, "46900.0"},
		{1e-7, "1e-07"},
		{math.Copysign(0, -1), "-0.0"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
	}
	for _, tt := range tests {
		if got := formatFloat(tt.f, 64); got != tt.want {
			t.Errorf("formatFloat(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestJoinKey(t *testing.T) {
	for _, tt := range []struct {
		path []string
		want string
	}{
		{[]string{"groups", "flm", "fighters"}, "groups.flm.fighters"},
		{[]string{"zones", "a b", "label"}, `zones."a b".label`},
		{[]string{""}, `""`},
	} {
		if got := JoinKey(tt.path); got != tt.want {
			t.Errorf("JoinKey(%q) = %s, want %s", tt.path, got, tt.want)
		}
	}
}
