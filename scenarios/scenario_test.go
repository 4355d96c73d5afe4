package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/sim"
)

func TestList(t *testing.T) {
	list := List()
	if len(list) == 0 || list[0].Name != "baseline" {
		t.Fatalf("List() = %v, want baseline first", list)
	}
	names := make([]string, len(list))
	for i, info := range list {
		names[i] = info.Name
		if info.Description == "" {
			t.Errorf("built-in %q has no description", info.Name)
		}
		if _, ok := Builtin(info.Name); !ok {
			t.Errorf("Builtin(%q) not found", info.Name)
		}
	}
	if !slices.IsSorted(names[1:]) {
		t.Errorf("List() names %v are not sorted after baseline", names)
	}
	for _, id := range append(agents.LeverIDs[:], "combined") {
		if !slices.Contains(names, id) {
			t.Errorf("no built-in scenario for %q", id)
		}
	}
	for _, name := range []string{"", "baseline.toml", "x/baseline", "nope"} {
		if _, ok := Builtin(name); ok {
			t.Errorf("Builtin(%q) found", name)
		}
	}
}

// Every built-in scenario loads, is named after its file, and the lever
// scenarios turn on exactly their lever.
func TestBuiltins(t *testing.T) {
	for _, info := range List() {
		s, err := Load(info.Name)
		if err != nil {
			t.Fatalf("Load(%q): %v", info.Name, err)
		}
		if s.Name != info.Name || s.Description != info.Description {
			t.Errorf("Load(%q): Name, Description = %q, %q, want %q, %q", info.Name, s.Name, s.Description, info.Name, info.Description)
		}
		var on []string
		for _, id := range agents.LeverIDs {
			if enabled, _ := s.Get("policy." + id + ".enabled"); enabled == true {
				on = append(on, id)
			}
		}
		var want []string
		switch info.Name {
		case "baseline", "epstein", "history": // no lever; epstein is the reference model, history the baseline's world to 2025
		case "combined":
			want = agents.LeverIDs[:]
		default:
			want = []string{info.Name}
		}
		if !slices.Equal(on, want) {
			t.Errorf("Load(%q): levers on = %v, want %v", info.Name, on, want)
		}
	}
}

func TestBaseline(t *testing.T) {
	s, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	want := agents.Default()
	if !reflect.DeepEqual(s.Groups, want.Groups) || !reflect.DeepEqual(s.Forces, want.Forces) {
		t.Errorf("baseline groups or forces differ from agents.Default()")
	}
	if s.Model != "sahel" || s.Start != sim.NewDate(2017, 1, 1) || s.End != sim.NewDate(2020, 9, 30) || s.StepDays != 7 || s.Seed != 1 {
		t.Errorf("baseline: model %q, %v to %v, step %d, seed %d", s.Model, s.Start, s.End, s.StepDays, s.Seed)
	}
	zones := map[string]int{"northern_mali": 3, "central_mali": 2, "northern_burkina": 3, "eastern_burkina_niger": 4, "southwestern_burkina": 3}
	if len(s.Zones) != len(zones) {
		t.Errorf("baseline has %d zones, want %d", len(s.Zones), len(zones))
	}
	for id, n := range zones {
		if z := s.Zones[id]; z == nil || len(z.Regions) != n || z.Label == "" {
			t.Errorf("baseline zone %s = %+v, want a label and %d regions", id, z, n)
		}
	}
	if s.Zones["central_mali"].Regions[1] != "Ségou" {
		t.Errorf("central_mali regions = %q", s.Zones["central_mali"].Regions)
	}
}

// A user's short file overrides one key; the other keys of the table keep
// their defaults, and the name defaults to the file's.
func TestUserScenario(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "more_flm.toml")
	text := "# More FLM fighters.\nextends = \"baseline\"\n\n[groups.flm]\nfighters = 2000\n"
	if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	base, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	if s.Groups.FLM.Fighters != 2000 {
		t.Errorf("FLM fighters = %d, want 2000", s.Groups.FLM.Fighters)
	}
	want := base.Clone()
	want.Groups.FLM.Fighters = 2000
	want.Name, want.Description, want.Extends = "more_flm", "", "baseline"
	if !reflect.DeepEqual(s, want) {
		t.Errorf("scenario differs from baseline with 2000 FLM fighters:\n got %+v\nwant %+v", s.Groups.FLM, want.Groups.FLM)
	}
}

// Extends is resolved relative to the file, through a chain of files.
func TestRelativeExtends(t *testing.T) {
	s, err := Load(filepath.Join("testdata", "child.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "child" || s.Description != "" || s.Extends != "sub/parent.toml" {
		t.Errorf("Name, Description, Extends = %q, %q, %q", s.Name, s.Description, s.Extends)
	}
	if s.Seed != 7 || s.Groups.FLM.Fighters != 1200 || s.Groups.ISGS.Fighters != 600 || len(s.Zones) != 5 {
		t.Errorf("seed %d, FLM %d, ISGS %d, %d zones: want 7, 1200, 600, 5", s.Seed, s.Groups.FLM.Fighters, s.Groups.ISGS.Fighters, len(s.Zones))
	}
	if r := s.Policy.Reintegration; r == nil || r.Intensity != 0.5 {
		t.Errorf("reintegration = %+v, want intensity 0.5", r)
	}
}

func TestLeverOnOff(t *testing.T) {
	var def agents.Reintegration
	def.SetDefaults()

	s, err := Parse([]byte("[policy.reintegration]\nintensity = 0.5\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	want := def
	want.Intensity = 0.5
	if r := s.Policy.Reintegration; r == nil || !reflect.DeepEqual(*r, want) {
		t.Errorf("reintegration = %+v, want %+v", r, want)
	}

	// An empty table turns the lever on with its defaults.
	s, err = Parse([]byte("[policy.reintegration]\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if r := s.Policy.Reintegration; r == nil || !reflect.DeepEqual(*r, def) {
		t.Errorf("empty table: reintegration = %+v, want %+v", r, def)
	}

	// enabled = false turns off a lever of the parent.
	s, err = Parse([]byte("extends = \"reintegration\"\n[policy.reintegration]\nenabled = false\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if s.Policy.Reintegration != nil {
		t.Errorf("enabled = false: reintegration = %+v, want nil", s.Policy.Reintegration)
	}

	// A key on a lever of the parent changes only that key.
	s, err = Parse([]byte("extends = \"combined\"\npolicy.reintegration.weeks = 52\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	want = def
	want.Weeks = 52
	if r := s.Policy.Reintegration; r == nil || !reflect.DeepEqual(*r, want) {
		t.Errorf("reintegration = %+v, want %+v", r, want)
	}
}

func TestZones(t *testing.T) {
	text := `extends = "baseline"
[zones.central_mali]
label = "Centre"
[zones.western_mali]
label = "Western Mali"
regions = ["Kayes"]
[zones.northern_mali]
enabled = false
`
	s, err := Parse([]byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	if z := s.Zones["central_mali"]; z.Label != "Centre" || !slices.Equal(z.Regions, []string{"Mopti", "Ségou"}) {
		t.Errorf("central_mali = %+v, want its regions kept", z)
	}
	if z := s.Zones["western_mali"]; z == nil || z.Label != "Western Mali" {
		t.Errorf("western_mali = %+v", z)
	}
	if _, ok := s.Zones["northern_mali"]; ok {
		t.Errorf("northern_mali not removed")
	}
}

func TestLoadNotFound(t *testing.T) {
	_, err := Load("baselin")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(\"baselin\") = %v, want fs.ErrNotExist", err)
	}
	_, err = Load(filepath.Join("testdata", "nope.toml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing file = %v, want fs.ErrNotExist", err)
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		text string
		want sim.Date
	}{
		{"[policy.reintegration]\nend = 2019-06-30", sim.NewDate(2019, 6, 30)},
		{"[policy.reintegration]\nend = \"\"", sim.Date{}},
	}
	// A date in quotes is a string, not a TOML date: refused, saying so.
	if _, err := Parse([]byte("[policy.reintegration]\nend = \"2019-06-30\""), ""); err == nil || !strings.Contains(err.Error(), "written without quotes (2019-06-30, not \"2019-06-30\")") {
		t.Errorf("a quoted date: %v", err)
	}
	for _, tt := range tests {
		s, err := Parse([]byte(tt.text), "")
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.text, err)
			continue
		}
		if got := s.Policy.Reintegration.End; got != tt.want {
			t.Errorf("Parse(%q): end = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	s, err := Parse([]byte("[groups.flm]\nfighters = 1.2e3\npolitical = 1\nhome = [14, -4.5]\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if g := s.Groups.FLM; g.Fighters != 1200 || g.Political != 1 || g.Home != [2]float64{14, -4.5} {
		t.Errorf("fighters %d, political %v, home %v", g.Fighters, g.Political, g.Home)
	}
}

func TestSetGet(t *testing.T) {
	s, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path  string
		value any
		want  any
	}{
		{"groups.flm.fighters", 2000, 2000},
		{"groups.flm.fighters", 1500.0, 1500},
		{"groups.flm.fighters", uint8(7), 7},
		{"groups.flm.political", 1, 1.0},
		{"groups.flm.political", float32(0.5), 0.5},
		{"groups.flm.areas", []string{"Mopti"}, []string{"Mopti"}},
		{"groups.flm.areas", []any{}, []string(nil)},
		{"groups.flm.home", [2]float64{14, -4}, [2]float64{14, -4}},
		{"groups.flm.home", []float64{15, -3}, [2]float64{15, -3}},
		{"groups.flm.leader_killed", "2019-01-01", sim.NewDate(2019, 1, 1)},
		{"groups.flm.leader_killed", sim.NewDate(2019, 2, 1), sim.NewDate(2019, 2, 1)},
		{"seed", uint64(42), uint64(42)},
		{"model", "epstein", "epstein"},
		{"policy.reintegration.intensity", 0.25, 0.25},
		{"policy.reintegration.enabled", true, true},
		{"zones.western_mali.regions", []string{"Kayes"}, []string{"Kayes"}},
		{"zones.western_mali.enabled", true, true},
		{"zones.western_mali.enabled", false, false},
		{"policy.reintegration.enabled", false, false},
	}
	for _, tt := range tests {
		if err := s.Set(tt.path, tt.value); err != nil {
			t.Errorf("Set(%q, %v): %v", tt.path, tt.value, err)
			continue
		}
		got, err := s.Get(tt.path)
		if err != nil {
			t.Errorf("Get(%q) after Set: %v", tt.path, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Get(%q) after Set(%v) = %#v, want %#v", tt.path, tt.value, got, tt.want)
		}
	}
	if s.Policy.Reintegration != nil || s.Zones["western_mali"] != nil {
		t.Errorf("enabled = false did not turn the tables off")
	}

	// Setting one key turns a lever on with its defaults.
	if err := s.Set("policy.reintegration.weeks", 10); err != nil {
		t.Fatal(err)
	}
	if r := s.Policy.Reintegration; r == nil || r.Weeks != 10 || r.Capacity == 0 {
		t.Errorf("reintegration = %+v, want defaults and 10 weeks", r)
	}
}

func TestSetGetErrors(t *testing.T) {
	tests := []struct {
		path  string
		value any
		kind  error
		key   string
	}{
		{"groups.flm.fightrs", 1, ErrUnknownKey, "groups.flm.fightrs"},
		{"groups.flmm.fighters", 1, ErrUnknownKey, "groups.flmm"},
		{"", 1, ErrUnknownKey, `""`},
		{"groups..fighters", 1, ErrUnknownKey, `groups.""`},
		{"groups.flm.fighters", "many", ErrType, "groups.flm.fighters"},
		{"groups.flm.fighters", 1.5, ErrType, "groups.flm.fighters"},
		{"groups.flm.fighters", -1, ErrRange, "groups.flm.fighters"},
		{"groups.flm.succession", 2, ErrRange, "groups.flm.succession"},
		{"seed", uint64(1 << 63), ErrRange, "seed"},
		{"groups.flm.home", []float64{1}, ErrType, "groups.flm.home"},
		{"groups.flm.label", string([]byte{0xff}), ErrType, "groups.flm.label"},
		{"groups.flm", 1, ErrType, "groups.flm"},
		{"groups.flm.fighters.x", 1, ErrType, "groups.flm.fighters.x"},
		{"policy.reintegration.capacty", 1, ErrUnknownKey, "policy.reintegration.capacty"},
		{"zones.Bad.label", "x", ErrInvalid, "zones.Bad"},
	}
	for _, tt := range tests {
		s, err := Load("baseline")
		if err != nil {
			t.Fatal(err)
		}
		before := s.Clone()
		err = s.Set(tt.path, tt.value)
		var e *Error
		if !errors.Is(err, tt.kind) || !errors.As(err, &e) || e.Key != tt.key {
			t.Errorf("Set(%q, %v) = %v, want %v at key %s", tt.path, tt.value, err, tt.kind, tt.key)
		}
		if !reflect.DeepEqual(s, before) {
			t.Errorf("Set(%q, %v) changed the scenario despite its error", tt.path, tt.value)
		}
	}

	s, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	getTests := []struct {
		path string
		kind error
	}{
		{"groups.flm.fightrs", ErrUnknownKey},
		{"policy.reintegration.intensity", ErrOff},
		{"policy.reintegration.intensty", ErrUnknownKey},
		{"zones.nowhere.label", ErrUnknownKey},
		{"groups.flm", ErrType},
		{"seed.x", ErrType},
	}
	for _, tt := range getTests {
		if v, err := s.Get(tt.path); !errors.Is(err, tt.kind) {
			t.Errorf("Get(%q) = %v, %v, want %v", tt.path, v, err, tt.kind)
		}
	}
}

// Every path that Paths lists can be read, and set to the value read.
func TestPaths(t *testing.T) {
	s, err := Load("counterinsurgency")
	if err != nil {
		t.Fatal(err)
	}
	paths := s.Paths()
	for _, p := range []string{"seed", "groups.flm.fighters", "policy.reintegration.enabled", "policy.reintegration.intensity", "zones.central_mali.label"} {
		if !slices.Contains(paths, p) {
			t.Errorf("Paths() lacks %q", p)
		}
	}
	for _, p := range paths {
		v, err := s.Get(p)
		if errors.Is(err, ErrOff) {
			continue
		}
		if err != nil {
			t.Errorf("Get(%q): %v", p, err)
			continue
		}
		c := s.Clone()
		if err := c.Set(p, v); err != nil {
			t.Errorf("Set(%q, Get(%q)): %v", p, p, err)
		}
		if !reflect.DeepEqual(c, s) {
			t.Errorf("Set(%q, Get(%q)) changed the scenario", p, p)
		}
	}
}

func TestClone(t *testing.T) {
	s, err := Load("combined")
	if err != nil {
		t.Fatal(err)
	}
	c := s.Clone()
	if !reflect.DeepEqual(s, c) {
		t.Fatal("Clone differs from the original")
	}
	c.Zones["central_mali"].Regions[0] = "changed"
	c.Groups.FLM.Areas[0] = "changed"
	c.Policy.Counterinsurgency.Zones[0] = "changed"
	c.Policy.Reintegration.Weeks = 1
	delete(c.Zones, "northern_mali")
	if s.Zones["central_mali"].Regions[0] == "changed" || s.Groups.FLM.Areas[0] == "changed" ||
		s.Policy.Counterinsurgency.Zones[0] == "changed" || s.Policy.Reintegration.Weeks == 1 || s.Zones["northern_mali"] == nil {
		t.Error("changing the clone changed the original")
	}
}

func TestValidate(t *testing.T) {
	s, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("baseline: Validate() = %v", err)
	}
	if err := s.Set("end", "2016-12-31"); err != nil {
		t.Fatal(err)
	}
	var e *Error
	if err := s.Validate(); !errors.Is(err, ErrInvalid) || !errors.As(err, &e) || e.Key != "end" {
		t.Errorf("Validate() after end before start = %v", err)
	}
}

func TestKeyLines(t *testing.T) {
	text := `# comment with key = 1
name = "x"  # trailing [comment]
description = """
not_a_key = 1
"""
groups.flm.fighters = 3

[ groups . "ansar_dine" ]
areas = [
  "Kidal", # a comment ]
  "Gao",
]
'leader' = 'x'
[[arr]]
x = 1
[zones.a]
label = "a = b"
`
	want := map[string]int{
		"name": 2, "description": 3, "groups": 6, "groups.flm": 6, "groups.flm.fighters": 6,
		"groups.ansar_dine": 8, "groups.ansar_dine.areas": 9, "groups.ansar_dine.leader": 13,
		"arr": 14, "arr.x": 15, "zones": 16, "zones.a": 16, "zones.a.label": 17,
	}
	got := keyLines(text)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("keyLines:\n got %v\nwant %v", got, want)
	}
	if l := lookupLine(got, []string{"groups", "ansar_dine", "home"}); l != 8 {
		t.Errorf("lookupLine of an unset key = %d, want 8 (its table)", l)
	}
}
